import { describe, expect, it } from 'vitest';
import { nextTimer } from '../../../domain/questions/core/index.ts';
import { admin, asked, client, effectsOf, HOUR, MINUTE, PUBLISHED_AT, published, refused, step, stranger, T0, DAY } from './fixtures.ts';

// QA-1: the administration checks the question fits the subject: deletes off-topic ones, returns
// badly worded ones with a recommendation, or asks the client for clarification; its turn has a
// deadline of 1 working day that escalates once. QA-2: after the clarification it publishes or
// deletes with a recommendation.

/** Friday 4 December 2026, 10:00 Tashkent: Thursday 10:00 + 1 working day. */
const FIRST_DEADLINE = Date.UTC(2026, 11, 4, 5, 0);

describe('QA-1: moderation of a new question', () => {
  it('QA-1: a new question waits for the administration until Friday 10:00, and the admins are told', () => {
    const state = asked();
    expect(state.status).toBe('in_moderation');
    expect(state.moderation).toMatchObject({ turn: 'admin', decideBy: FIRST_DEADLINE, escalatedAt: null });
    expect(state.moderation.log).toEqual([{ at: T0, action: 'asked', by: 'client-1', entryId: 'entry-question' }]);
    expect(nextTimer(state)).toEqual({ at: FIRST_DEADLINE, event: 'moderation_overdue' });
  });

  it('QA-1: past the deadline the administration is escalated to once; the question stays in moderation', () => {
    const t = step(asked(), { type: 'timer', event: 'moderation_overdue' }, FIRST_DEADLINE);
    expect(effectsOf(t, 'escalate')).toEqual([
      {
        kind: 'escalate',
        dedupeKey: 'question-q1/moderation/overdue-1',
        reason: 'moderation_overdue',
        detail: 'moderation turn due 2026-12-04T05:00:00.000Z',
      },
    ]);
    expect(t.state.status).toBe('in_moderation');
    expect(nextTimer(t.state)).toBeNull();
    expect(effectsOf(step(t.state, { type: 'timer', event: 'moderation_overdue' }, FIRST_DEADLINE + HOUR), 'escalate')).toEqual([]);
  });

  it('QA-1: one minute before the deadline nothing escalates', () => {
    expect(effectsOf(step(asked(), { type: 'timer', event: 'moderation_overdue' }, FIRST_DEADLINE - MINUTE), 'escalate')).toEqual([]);
  });

  it('QA-1: published to the public list', () => {
    const state = published();
    expect(state.status).toBe('published');
    expect(state.publishedAt).toBe(PUBLISHED_AT);
    expect(state.moderation.turn).toBe('done');
  });

  it('QA-1: an off-topic question is deleted with a reason', () => {
    const t = step(asked(), { type: 'deleteQuestion', by: admin, entryId: 'entry-reason' }, T0 + HOUR);
    expect(t.state.status).toBe('deleted');
    expect(t.state.closedAt).toBe(T0 + HOUR);
    expect(effectsOf(t, 'notify')[0]).toMatchObject({
      recipients: ['client-1'],
      message: { code: 'question_deleted', params: { entryId: 'entry-reason' } },
    });
  });

  it('QA-1: a badly worded question is returned with a recommendation; asking again is a new question naming the old one', () => {
    const t = step(asked(), { type: 'returnQuestion', by: admin, entryId: 'entry-recommendation' }, T0 + HOUR);
    expect(t.state.status).toBe('returned');
    expect(t.state.moderation.log.at(-1)).toEqual({ at: T0 + HOUR, action: 'returned', by: 'admin-1', entryId: 'entry-recommendation' });
    const again = asked({ questionId: 'q2', askedAgainFrom: 'q1', entryId: 'entry-question-2' });
    expect(again.askedAgainFrom).toBe('q1');
    expect(again.status).toBe('in_moderation');
  });

  it('QA-1: only an administrator moderates; before publication nobody else knows the question exists', () => {
    expect(refused(asked(), { type: 'publishQuestion', by: client }, T0 + HOUR).code).toBe('FORBIDDEN');
    expect(refused(asked(), { type: 'publishQuestion', by: stranger }, T0 + HOUR).code).toBe('NOT_FOUND');
    expect(refused(published(), { type: 'publishQuestion', by: admin }, T0 + 2 * HOUR).code).toBe('QUESTION_STATE_CONFLICT');
  });
});

describe('QA-1, QA-2: clarification during moderation', () => {
  const requested = () => step(asked(), { type: 'requestClarification', by: admin, entryId: 'entry-request' }, T0 + HOUR).state;
  /** Monday 7 December 2026, 10:00 Tashkent: the client clarifies. */
  const CLARIFIED_AT = Date.UTC(2026, 11, 7, 5, 0);
  const clarified = () =>
    step(requested(), { type: 'supplyClarification', by: client, entryId: 'entry-clarification' }, CLARIFIED_AT).state;

  it('QA-1: the admin asks the client; the client has 14 days; no administration deadline meanwhile', () => {
    const state = requested();
    expect(state.status).toBe('awaiting_clarification');
    expect(state.moderation).toMatchObject({ turn: 'client', decideBy: null, clarifyBy: T0 + HOUR + 14 * DAY });
  });

  it('QA-2: the clarification gives the administration a new turn: Monday 10:00 → Wednesday 9 Dec 10:00 (Tuesday 8 Dec is a holiday)', () => {
    const state = clarified();
    expect(state.status).toBe('in_moderation');
    expect(state.moderation.decideBy).toBe(Date.UTC(2026, 11, 9, 5, 0));
    expect(state.moderation.log.map((e) => e.action)).toEqual(['asked', 'clarification_requested', 'clarified']);
  });

  it('QA-2: after the clarification the admin publishes, or deletes with a recommendation', () => {
    expect(step(clarified(), { type: 'publishQuestion', by: admin }, Date.UTC(2026, 11, 7, 6, 0)).state.status).toBe('published');
    expect(step(clarified(), { type: 'deleteQuestion', by: admin, entryId: 'entry-rec' }, Date.UTC(2026, 11, 7, 6, 0)).state.status).toBe(
      'deleted',
    );
  });

  it('QA-2: the new turn escalates on its own deadline, separately from the first', () => {
    const t = step(clarified(), { type: 'timer', event: 'moderation_overdue' }, Date.UTC(2026, 11, 9, 5, 0));
    expect(effectsOf(t, 'escalate').map((e) => e.dedupeKey)).toEqual(['question-q1/moderation/overdue-3']);
  });

  it('QA-1: never clarified within 14 days, the question lapses', () => {
    const t = step(requested(), { type: 'timer', event: 'clarification_lapsed' }, T0 + HOUR + 14 * DAY);
    expect(t.state.status).toBe('lapsed');
  });

  it('QA-1: only the client clarifies, and only when asked', () => {
    expect(refused(requested(), { type: 'supplyClarification', by: admin, entryId: 'x' }, T0 + 2 * HOUR).code).toBe('FORBIDDEN');
    expect(refused(asked(), { type: 'supplyClarification', by: client, entryId: 'x' }, T0 + 2 * HOUR).code).toBe(
      'QUESTION_NO_OPEN_CLARIFICATION',
    );
  });
});
