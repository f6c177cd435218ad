import type { MessageFlagged } from '../contract.ts';
import { escalate, event, keyStem, type Step } from './step.ts';

// CHAT-6 / PAY-7: payments outside the platform are forbidden. The message service runs the
// detector (domain/consultations/off-platform) on every message and tells the workflow only
// when it fires — ids and signal kinds, never the text. A flagged message stays delivered; it
// is queued for the administration with its context, its sender gets a nudge that explains
// the rule and offers to pay here, and the sender's `flagEscalationThreshold`-th flag (3rd)
// goes to a senior admin at once.

export function messageFlagged(step: Step, flag: MessageFlagged): void {
  const { state } = step;
  // A repeated signal for the same message, or a sender who is not a participant, changes nothing.
  if (state.flags.some((f) => f.messageId === flag.messageId)) return;
  if (flag.senderId !== state.clientId && flag.senderId !== state.specialistId) return;
  state.flags.push({ messageId: flag.messageId, senderId: flag.senderId, kinds: [...flag.kinds], at: flag.sentAt });
  event(step, 'off_platform_flag', flag.messageId);
  step.effects.push({
    kind: 'flagForReview',
    dedupeKey: `${keyStem(step)}/flag-${flag.messageId}`,
    messageId: flag.messageId,
    senderId: flag.senderId,
    kinds: [...flag.kinds],
  });
  step.effects.push({
    kind: 'postSystemMessage',
    dedupeKey: `${keyStem(step)}/flag-${flag.messageId}/nudge`,
    message: { code: 'off_platform_nudge', params: { messageId: flag.messageId } },
    visibleTo: flag.senderId,
  });
  const fromSender = state.flags.filter((f) => f.senderId === flag.senderId).length;
  if (fromSender === state.settings.flagEscalationThreshold) {
    escalate(step, `off-platform-${flag.senderId}`, 'repeated_off_platform', `${fromSender} flagged messages from ${flag.senderId}`);
  }
}
