import { describe, expect, it } from 'vitest';
import { CONSULTATION_REFUSAL_CODES } from '../../../../domain/consultations/contract.ts';
import { nextTimer, start } from '../../../../domain/consultations/core/index.ts';
import { ERROR_STATUS } from '../../../../domain/errors.ts';
import {
  admin,
  client,
  DAY,
  ended,
  input,
  offered,
  opened,
  paid,
  refused,
  specialist,
  strangerClient,
  strangerSpecialist,
  T0,
} from './fixtures.ts';

// CHAT-1 (who starts) and who may act on a consultation at all.

describe('CHAT-1: only a client starts a conversation with a specialist', () => {
  it('CHAT-1: the client opens a consultation: negotiating, no offer, nothing to run', () => {
    const t = start(input(), T0);
    if ('refusal' in t) throw new Error(t.refusal.code);
    expect(t.state.status).toBe('negotiating');
    expect(t.state.offers).toEqual([]);
    expect(t.effects).toEqual([]);
    expect(nextTimer(t.state)).toEqual({ at: T0 + 30 * DAY, event: 'idle_close' });
  });

  it('CHAT-1: a specialist cannot start a consultation', () => {
    expect(start(input({ openedBy: specialist }), T0)).toEqual({
      refusal: { code: 'CONSULTATION_CLIENT_ONLY', message: 'Only a client can start a conversation with a specialist (CHAT-1).' },
    });
  });

  it('CHAT-1: an admin cannot start one, nor a client on behalf of another client', () => {
    expect(start(input({ openedBy: admin }), T0)).toMatchObject({ refusal: { code: 'CONSULTATION_CLIENT_ONLY' } });
    expect(start(input({ openedBy: strangerClient }), T0)).toMatchObject({ refusal: { code: 'CONSULTATION_CLIENT_ONLY' } });
  });

  it('CHAT-1: CONSULTATION_CLIENT_ONLY is a 403', () => {
    expect(ERROR_STATUS.CONSULTATION_CLIENT_ONLY).toBe(403);
  });
});

describe('CHAT-2…CHAT-5: non-participants are told the consultation does not exist', () => {
  it('CHAT-2: another client or specialist offering gets NOT_FOUND', () => {
    expect(refused(opened(), { type: 'makeOffer', by: strangerSpecialist, price: 1000, durationMinutes: 60 }, T0).code).toBe('NOT_FOUND');
    expect(
      refused(opened(), { type: 'makeOffer', by: strangerClient, price: 1000, durationMinutes: 60, summaryMessageId: 'm1' }, T0).code,
    ).toBe('NOT_FOUND');
  });

  it("CHAT-2: answering someone else's offer gets NOT_FOUND", () => {
    expect(refused(offered(), { type: 'acceptOffer', by: strangerClient, offerId: 'offer-1' }, T0).code).toBe('NOT_FOUND');
  });

  it("CHAT-4, CHAT-5: ending or complaining about someone else's consultation gets NOT_FOUND", () => {
    expect(refused(paid(), { type: 'endConsultation', by: strangerSpecialist }, T0 + DAY).code).toBe('NOT_FOUND');
    expect(refused(ended(), { type: 'complain', by: strangerClient, reasonMessageId: 'm9' }, T0 + DAY).code).toBe('NOT_FOUND');
  });
});

describe('CHAT-2…CHAT-5: the wrong participant is refused', () => {
  it('CHAT-2: an admin does not make offers', () => {
    expect(refused(opened(), { type: 'makeOffer', by: admin, price: 1000, durationMinutes: 60 }, T0).code).toBe('FORBIDDEN');
  });

  it('CHAT-4: the client cannot end the consultation', () => {
    expect(refused(paid(), { type: 'endConsultation', by: client }, T0 + DAY).code).toBe('FORBIDDEN');
  });

  it('CHAT-5: the specialist cannot complain, and only an admin decides', () => {
    expect(refused(ended(), { type: 'complain', by: specialist, reasonMessageId: 'm9' }, T0 + DAY).code).toBe('FORBIDDEN');
  });

  it('every refusal code has its HTTP status', () => {
    expect(CONSULTATION_REFUSAL_CODES.filter((code) => !(code in ERROR_STATUS))).toEqual([]);
  });
});
