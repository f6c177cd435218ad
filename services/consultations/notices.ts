import type { SystemMessage, SystemMessageCode } from '../../domain/consultations/contract.ts';
import { formatMinorUnits } from '../../domain/money-format.ts';

// The e-mail text of a consultation notice. The workflow sends codes with ids, amounts and
// instants only (never chat text); this renders them. English for now: the five languages
// (EL-LANG-1) come with the cabinet issue, keyed by the same codes.

const when = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');
const money = (amount: unknown, currency: unknown) =>
  typeof amount === 'number' && typeof currency === 'string' ? formatMinorUnits(BigInt(amount), currency) : '';

const SUBJECTS: Record<SystemMessageCode, string> = {
  offer_made: 'A new consultation offer',
  offer_countered: 'A counter-offer in your consultation',
  offer_declined: 'Your consultation offer was declined',
  offer_expired: 'A consultation offer expired',
  offer_accepted: 'Your consultation offer was accepted: pay in the chat',
  payment_lapsed: 'The consultation payment window closed',
  payment_failed: 'The consultation payment failed',
  paid: 'The consultation is paid: the money is frozen until it ends',
  time_up: "The consultation's agreed time is up",
  ended: 'The consultation has ended',
  auto_completed: 'The consultation completed by itself',
  complaint_opened: 'A complaint about a consultation',
  complaint_decided: 'The complaint about your consultation was decided',
  completed: 'The consultation is completed',
  late_payment_returned: 'A late consultation payment was returned',
  off_platform_nudge: 'Payments outside the platform are not allowed',
  lapsed: 'The consultation closed without a paid session',
  administration_note: 'A note from the administration',
};

export function renderNotice(message: SystemMessage): { subject: string; body: string } {
  const p = message.params;
  const lines: string[] = [SUBJECTS[message.code] + '.'];
  if (p.price !== undefined) lines.push(`Price: ${money(p.price, p.currency)}.`);
  if (p.durationMinutes !== undefined) lines.push(`Duration: ${String(p.durationMinutes)} minutes.`);
  if (p.expiresAt !== undefined) lines.push(`Valid until ${when(p.expiresAt)}.`);
  if (p.toSpecialist !== undefined) lines.push(`To the specialist: ${money(p.toSpecialist, p.currency)}.`);
  if (p.returnedToClient !== undefined) lines.push(`Returned to the client's balance: ${money(p.returnedToClient, p.currency)}.`);
  if (p.complaintDeadline !== undefined) lines.push(`A complaint can be made until ${when(p.complaintDeadline)} (CHAT-5).`);
  if (p.decideBy !== undefined) lines.push(`The administration decides by ${when(p.decideBy)}.`);
  return { subject: SUBJECTS[message.code], body: lines.join('\n') };
}
