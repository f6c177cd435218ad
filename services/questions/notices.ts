import type { QuestionEscalationReason, QuestionMessage, QuestionMessageCode } from '../../domain/questions/contract.ts';
import { formatMinorUnits } from '../../domain/money-format.ts';

// The e-mail text of a question notice. The workflow sends codes with ids, amounts and instants
// only (never the question's text); this renders them. English for now, keyed by the codes.

const when = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');
const money = (amount: unknown, currency: unknown) =>
  typeof amount === 'number' && typeof currency === 'string' ? formatMinorUnits(BigInt(amount), currency) : '';

const SUBJECTS: Record<QuestionMessageCode, string> = {
  question_asked: 'A new question awaits moderation',
  clarification_requested: 'Your question needs a clarification',
  clarification_supplied: 'The client clarified the question',
  question_published: 'Your question is published: specialists may bid',
  question_deleted: 'Your question was deleted, with a recommendation',
  question_returned: 'Your question was returned with a recommendation: you may ask it again',
  question_lapsed: 'The question closed without an answer',
  bid_placed: 'A new bid on your question',
  bid_chosen: 'Your bid was chosen',
  bid_not_chosen: 'The client chose another bid',
  bids_declined: 'The client declined all bids',
  new_date_proposed: 'The specialist proposes a new publication date',
  new_date_accepted: 'The new publication date was accepted',
  new_date_rejected: 'The new publication date was rejected',
  promised_date_missed: 'The promised publication date passed without an answer',
  round_cancelled: 'The answer was cancelled at no cost',
  answer_published: 'The answer is published',
  preview_published: 'A preview of the answer is published: pay to open the full answer',
  payment_failed: 'The payment for the answer failed',
  payment_lapsed: 'The payment window for the answer closed',
  paid: 'The answer is paid: the full answer is open',
  late_payment_returned: 'A late payment for an answer was returned',
  extra_drawings_proposed: 'The specialist proposes additional drawings',
  extra_drawings_ordered: 'Additional drawings were ordered',
  extra_drawings_declined: 'The additional drawings were declined',
  extra_drawings_expired: 'The proposal of additional drawings expired',
  complaint_opened: 'A complaint about an answer',
  complaint_decided: 'The complaint about the answer was decided',
  round_completed: 'The answer is completed',
};

export const ESCALATION_SUBJECTS: Record<QuestionEscalationReason, string> = {
  moderation_overdue: 'Overdue: a question awaits moderation',
  promised_date_missed: "A specialist missed a question's promised publication date",
  arbitration_overdue: 'Overdue: a complaint about an answer awaits a decision',
  refund_not_recovered: "A complaint refund could not be recovered from the specialist's balance",
};

export function renderQuestionNotice(message: QuestionMessage): { subject: string; body: string } {
  const p = message.params;
  const lines: string[] = [SUBJECTS[message.code] + '.'];
  if (p.price !== undefined) lines.push(`Price: ${money(p.price, p.currency)}.`);
  if (p.promisedAt !== undefined) lines.push(`Promised publication date: ${when(p.promisedAt)}.`);
  if (p.decideBy !== undefined) lines.push(`To be decided by ${when(p.decideBy)}.`);
  if (p.expiresAt !== undefined) lines.push(`Valid until ${when(p.expiresAt)}.`);
  if (p.complaintDeadline !== undefined) lines.push(`A complaint can be made until ${when(p.complaintDeadline)} (QA-9).`);
  if (p.refundAmount !== undefined) lines.push(`Returned to your balance: ${money(p.refundAmount, p.currency)}.`);
  if (typeof p.digest === 'string') lines.push(`SHA-256 of the full answer: ${p.digest} (QA-6).`);
  return { subject: SUBJECTS[message.code], body: lines.join('\n') };
}
