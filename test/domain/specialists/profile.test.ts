import { describe, expect, it } from 'vitest';
import { notVettedMessage, ratingAverageCenti, vettingFrom, type CredentialRequest } from '../../../domain/specialists/profile.ts';

const request = (
  id: string,
  status: CredentialRequest['status'],
  submittedAt: string,
  reason: string | null = null,
): CredentialRequest => ({
  id,
  status,
  submittedAt: new Date(submittedAt),
  decidedAt: status === 'pending' ? null : new Date(submittedAt),
  decisionReason: reason,
});

describe('specialist vetting (CHAT-1)', () => {
  it('CHAT-1: nothing submitted means not vetted, and the refusal says what to do', () => {
    const vetting = vettingFrom([]);
    expect(vetting).toEqual({ status: 'not_submitted', reason: null, decidedAt: null, requestId: null });
    expect(notVettedMessage(vetting)).toBe(
      "Your credentials are not approved yet: upload a diploma, licence or advocate's certificate and submit it for vetting. " +
        "Until then you are not listed, cannot receive chats and see no client's data (CHAT-1).",
    );
  });

  it('CHAT-1: the newest request tells the status, with the admin reason of a rejection', () => {
    const vetting = vettingFrom([
      request('a', 'expired', '2026-10-01T00:00:00Z'),
      request('b', 'rejected', '2026-11-01T00:00:00Z', 'the diploma is illegible'),
    ]);
    expect(vetting).toMatchObject({ status: 'rejected', reason: 'the diploma is illegible', requestId: 'b' });
    expect(notVettedMessage(vetting)).toContain('they were rejected (the diploma is illegible); submit them again');
  });

  it('CHAT-1: one approved credential stays approved when a later extra document is rejected', () => {
    const vetting = vettingFrom([
      request('old', 'approved', '2026-09-01T00:00:00Z'),
      request('new', 'rejected', '2026-11-01T00:00:00Z', 'x'),
    ]);
    expect(vetting).toMatchObject({ status: 'approved', requestId: 'old' });
  });

  it('CHAT-1: an expired request leaves the specialist unvetted, told to submit again', () => {
    const vetting = vettingFrom([request('e', 'expired', '2026-11-01T00:00:00Z')]);
    expect(vetting).toMatchObject({ status: 'expired', requestId: 'e' });
    expect(notVettedMessage(vetting)).toContain('the request expired without a decision; submit it again');
  });

  it('a pending request reads as pending', () => {
    expect(vettingFrom([request('p', 'pending', '2026-11-01T00:00:00Z')]).status).toBe('pending');
  });
});

describe('rating average', () => {
  it('is 0 until rated and kept in hundredths of a star', () => {
    expect(ratingAverageCenti(0, 0)).toBe(0);
    expect(ratingAverageCenti(14, 3)).toBe(467);
    expect(ratingAverageCenti(9, 2)).toBe(450);
  });
});
