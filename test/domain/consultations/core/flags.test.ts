import { describe, expect, it } from 'vitest';
import type { ConsultationState } from '../../../../domain/consultations/contract.ts';
import { HOUR, MINUTE, offered, paid, step, T0 } from './fixtures.ts';

// CHAT-6 / PAY-7: the workflow hears of a flagged message (ids and kinds, never its text),
// queues it for the administration, nudges its sender, and escalates the third from one sender.

const flag = (messageId: string, senderId = 'lawyer-1') => ({
  type: 'messageFlagged' as const,
  messageId,
  senderId,
  kinds: ['card'],
  sentAt: T0 + MINUTE,
});

describe('CHAT-6, PAY-7: payments outside the platform are flagged', () => {
  it('CHAT-6, PAY-7: a flagged message goes to review and its sender alone sees the nudge', () => {
    const t = step(offered(), flag('msg-1'), T0 + MINUTE);
    expect(t.effects).toEqual([
      { kind: 'flagForReview', dedupeKey: 'consultation-c1/flag-msg-1', messageId: 'msg-1', senderId: 'lawyer-1', kinds: ['card'] },
      {
        kind: 'postSystemMessage',
        dedupeKey: 'consultation-c1/flag-msg-1/nudge',
        message: { code: 'off_platform_nudge', params: { messageId: 'msg-1' } },
        visibleTo: 'lawyer-1',
      },
    ]);
    expect(t.state.flags).toEqual([{ messageId: 'msg-1', senderId: 'lawyer-1', kinds: ['card'], at: T0 + MINUTE }]);
  });

  it('CHAT-6: a repeated signal for the same message, or one about a non-participant, changes nothing', () => {
    const state = step(offered(), flag('msg-1'), T0 + MINUTE).state;
    expect(step(state, flag('msg-1'), T0 + 2 * MINUTE).effects).toEqual([]);
    expect(step(state, flag('msg-2', 'lawyer-2'), T0 + 2 * MINUTE).effects).toEqual([]);
  });

  it('CHAT-6, PAY-7: the third flag from the same sender escalates, once', () => {
    let state: ConsultationState = paid();
    state = step(state, flag('msg-1'), T0 + 1 * HOUR).state;
    state = step(state, flag('msg-2', 'client-1'), T0 + 1 * HOUR).state;
    state = step(state, flag('msg-3'), T0 + 1 * HOUR).state;
    const third = step(state, flag('msg-4'), T0 + 1 * HOUR);
    expect(third.effects.filter((e) => e.kind === 'escalate')).toEqual([
      {
        kind: 'escalate',
        dedupeKey: 'consultation-c1/off-platform-lawyer-1',
        reason: 'repeated_off_platform',
        detail: '3 flagged messages from lawyer-1',
      },
    ]);
    const fourth = step(third.state, flag('msg-5'), T0 + 2 * HOUR);
    expect(fourth.effects.filter((e) => e.kind === 'escalate')).toEqual([]);
  });
});
