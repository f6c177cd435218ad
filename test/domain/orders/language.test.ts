import { describe, expect, it } from 'vitest';
import { client, effectsOf, HOUR, lawyer, paid, placed, refused, step, stranger, T0 } from './fixtures.ts';

// EL-LANG-1 (§5.8) in the pure core: Azerbaijani unless the client asks for another language
// and the order's lawyer accepts.

describe('EL-LANG-1: the service language', () => {
  it('EL-LANG-1: an order is given in Azerbaijani by default', () => {
    expect(placed('written_advice').language).toEqual({ agreed: 'az', requested: null, decidedAt: null });
  });

  it('EL-LANG-1: a language asked for when ordering stays a request until the lawyer accepts it', () => {
    expect(placed('written_advice', { language: 'ru' }).language).toEqual({ agreed: 'az', requested: 'ru', decidedAt: null });
    // Asking for Azerbaijani itself is no request.
    expect(placed('written_advice', { language: 'az' }).language).toEqual({ agreed: 'az', requested: null, decidedAt: null });
  });

  it('EL-LANG-1: the client asks for English; the lawyer is told; accepting makes it the service language', () => {
    const asked = step(paid('written_advice', T0), { type: 'requestLanguage', by: client, language: 'en' }, T0 + HOUR);
    expect(asked.state.language).toEqual({ agreed: 'az', requested: 'en', decidedAt: null });
    expect(effectsOf(asked, 'notify')).toEqual([
      expect.objectContaining({ audience: ['lawyer'], subject: 'The client asks for another service language' }),
    ]);
    const accepted = step(asked.state, { type: 'answerLanguage', by: lawyer, accept: true }, T0 + 2 * HOUR);
    expect(accepted.state.language).toEqual({ agreed: 'en', requested: null, decidedAt: T0 + 2 * HOUR });
    expect(effectsOf(accepted, 'notify')).toEqual([
      expect.objectContaining({ audience: ['client'], body: 'The service is now given in English (EL-LANG-1).' }),
    ]);
  });

  it('EL-LANG-1: a declined request leaves the service in Azerbaijani', () => {
    const asked = step(paid('written_advice', T0), { type: 'requestLanguage', by: client, language: 'ru' }, T0 + HOUR);
    const declined = step(asked.state, { type: 'answerLanguage', by: lawyer, accept: false }, T0 + 2 * HOUR);
    expect(declined.state.language).toEqual({ agreed: 'az', requested: null, decidedAt: T0 + 2 * HOUR });
    expect(effectsOf(declined, 'notify')[0]).toMatchObject({ body: 'The service stays in Azerbaijani (EL-LANG-1).' });
  });

  it('EL-LANG-1: only the client asks, only the lawyer answers, and only an open request', () => {
    const order = paid('written_advice', T0);
    expect(refused(order, { type: 'requestLanguage', by: lawyer, language: 'ru' }, T0 + HOUR)).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused(order, { type: 'requestLanguage', by: stranger, language: 'ru' }, T0 + HOUR)).toMatchObject({ code: 'NOT_FOUND' });
    expect(refused(order, { type: 'requestLanguage', by: client, language: 'az' }, T0 + HOUR)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The service is already given in Azerbaijani.',
    });
    expect(refused(order, { type: 'answerLanguage', by: lawyer, accept: true }, T0 + HOUR)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'The client has not asked for another language.',
    });
    const asked = step(order, { type: 'requestLanguage', by: client, language: 'ru' }, T0 + HOUR).state;
    expect(refused(asked, { type: 'answerLanguage', by: client, accept: true }, T0 + HOUR)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('EL-LANG-1: an order whose state predates the language terms reads as Azerbaijani and takes a request', () => {
    const { language: _, ...older } = paid('written_advice', T0);
    const asked = step(older, { type: 'requestLanguage', by: client, language: 'ru' }, T0 + HOUR);
    expect(asked.state.language).toEqual({ agreed: 'az', requested: 'ru', decidedAt: null });
  });
});
