import { MAX_AMOUNT_MINOR } from '../../money-contract.ts';
import type { Actor } from '../contract.ts';
import { PAGE_DIFFERENCE_PAYMENT_DAYS, plusCalendarDays } from '../deadlines.ts';
import { DOCUMENT_KINDS, type OrderCharge, type OrderState } from '../model.ts';
import { PLATFORM_REFUSAL_REFUND_BPS } from '../refund-policy.ts';
import { refuse, requireLawyer, requireStatus } from './guards.ts';
import { event, finish, notify, openCharge, setStatus, workingStatus, type Step } from './step.ts';

// Document review, preparation and translation, E-LEGAL §6.5 and §7.3.3:
//   EL-DOC-1 the work takes the service's 2–7 calendar days (its deadline: schedule.ts),
//            extendable by mutual agreement: the lawyer proposes extra days, the client agrees;
//   EL-DOC-2 review and translation are priced per page: a PDF's pages counted, a Word file's declared;
//   EL-DOC-3 a wrong declared count is corrected by the platform and the client told; the
//            difference unpaid within 3 calendar days, the service is refused and refunded
//            minus administrative costs (the EL-REF-3 share).

export function proposeExtensionRefusal(state: OrderState, by: Actor, days: number): void {
  requireLawyer(state, by);
  if (!DOCUMENT_KINDS.includes(state.kind)) refuse('ORDER_STATE_CONFLICT', 'Only document work is extended by agreement (EL-DOC-1).');
  requireStatus(state, 'in_progress', 'awaiting_clarification');
  if (!Number.isInteger(days) || days < 1 || days > 30) refuse('VALIDATION_FAILED', 'Propose 1 to 30 extra days.');
}

/** EL-DOC-1: extra days proposed by the lawyer; nothing moves until the client agrees. */
export function proposeExtension(step: Step, days: number, reason: string): void {
  step.state.proposedExtraDays = days;
  notify(step, `extension-${step.now}`, ['client'], `Your lawyer asks for ${days} more days`, reason);
}

/** EL-DOC-1: the client agreed; the deadline moves by the extra days. */
export function agreeToDays(step: Step): void {
  step.state.agreedExtraDays += step.state.proposedExtraDays!;
  step.state.proposedExtraDays = null;
  event(step, 'extension_agreed');
}

export function correctPageCountRefusal(state: OrderState, by: Actor, pages: number): void {
  requireLawyer(state, by, true);
  requireStatus(state, 'in_progress', 'awaiting_lawyer', 'awaiting_clarification');
  if (!state.pages?.declared) refuse('ORDER_STATE_CONFLICT', 'Only a declared (Word) page count can be corrected (EL-DOC-2).');
  if (!Number.isInteger(pages) || pages <= state.pages.billedPages) {
    refuse('VALIDATION_FAILED', `The corrected count must be more than the ${state.pages.billedPages} pages paid for.`);
  }
  // Issue 14: the difference is one payment, bounded like every amount.
  if ((pages - state.pages.billedPages) * state.pages.pricePerPage > MAX_AMOUNT_MINOR) {
    refuse('ORDER_TOTAL_TOO_LARGE', `The difference for ${pages} pages would pass ${MAX_AMOUNT_MINOR} minor units.`);
  }
}

/** EL-DOC-3: the right count is set; the difference is due within 3 calendar days. */
export function correctPageCount(step: Step, pages: number): void {
  const count = step.state.pages!;
  count.correctedPages = pages;
  count.differenceDueAt = plusCalendarDays(step.now, PAGE_DIFFERENCE_PAYMENT_DAYS);
  const extra = pages - count.billedPages;
  openCharge(step, 'page_difference', extra * count.pricePerPage, `${extra} more pages: ${step.state.title}`);
  setStatus(step, 'awaiting_page_payment');
}

/** EL-DOC-3: the client is told once the checkout for the difference exists. */
export function pageDifferenceOpened(step: Step, charge: OrderCharge): void {
  const count = step.state.pages!;
  const pages = count.correctedPages!;
  notify(
    step,
    `pages-${pages}`,
    ['client'],
    'The page count of your document was corrected',
    `Your document has ${pages} pages, not ${count.billedPages}. Pay the difference ` +
      `within 3 calendar days: ${charge.checkoutUrl}. Otherwise the order is refused and ` +
      `refunded minus administrative costs (EL-DOC-3).`,
  );
}

/** EL-DOC-3: the difference arrived: the corrected count is now the paid one. */
export function pageDifferencePaid(step: Step, charge: OrderCharge): void {
  const count = step.state.pages;
  if (step.state.status !== 'awaiting_page_payment' || !count?.correctedPages) {
    charge.unused = true; // returned in full when the order ends
    return;
  }
  count.billedPages = count.correctedPages;
  count.differenceDueAt = null;
  setStatus(step, workingStatus(step.state));
}

/** EL-DOC-3: 3 calendar days passed without the difference. */
export function pagePaymentExpired(step: Step): void {
  finish(step, 'refused', PLATFORM_REFUSAL_REFUND_BPS, 'the page difference was not paid within 3 days (EL-DOC-3)');
}
