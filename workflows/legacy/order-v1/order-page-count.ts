import { setUpdateHandler } from '../../update-handler.ts';
import { PAGE_DIFFERENCE_PAYMENT_DAYS, plusCalendarDays } from '../../../domain/orders/deadlines.ts';
import type { OrderCharge } from '../../../domain/orders/model.ts';
import { newCharge, openPayment } from './order-money.ts';
import { correctPageCount } from '../../../domain/orders/contract.ts';
import { refuse, requireLawyer, requireStatus, workingStatus } from './order-guards.ts';
import type { OrderRun } from './order-run.ts';

// EL-DOC-3: staff correct a Word file's under-declared page count; the client is told and has
// 3 calendar days to pay the difference, or the service is refused minus administrative costs.
export function handlePageCorrection(run: OrderRun): void {
  const { state } = run;
  setUpdateHandler(
    correctPageCount,
    async ({ pages }) => {
      const count = state.pages!;
      count.correctedPages = pages;
      count.differenceDueAt = plusCalendarDays(Date.now(), PAGE_DIFFERENCE_PAYMENT_DAYS);
      const difference = (pages - count.billedPages) * count.pricePerPage;
      const charge = newCharge(state, 'page_difference', difference);
      run.setStatus('awaiting_page_payment');
      await openPayment(state, charge, `${pages - count.billedPages} more pages: ${state.title}`);
      run.notify({
        key: `pages-${pages}`,
        audience: ['client'],
        subject: 'The page count of your document was corrected',
        body:
          `Your document has ${pages} pages, not ${count.billedPages}. Pay the difference ` +
          `within 3 calendar days: ${charge.checkoutUrl}. Otherwise the order is refused and ` +
          `refunded minus administrative costs (EL-DOC-3).`,
      });
      return { paymentId: charge.paymentId!, checkoutUrl: charge.checkoutUrl! };
    },
    {
      validator: ({ by, pages }) => {
        requireLawyer(state, by, true);
        requireStatus(state, 'in_progress', 'awaiting_lawyer', 'awaiting_clarification');
        if (!state.pages?.declared) refuse('ORDER_STATE_CONFLICT', 'Only a declared (Word) page count can be corrected (EL-DOC-2).');
        if (!Number.isInteger(pages) || pages <= state.pages.billedPages) {
          refuse('VALIDATION_FAILED', `The corrected count must be more than the ${state.pages.billedPages} pages paid for.`);
        }
      },
    },
  );
}

/** The difference arrived: the corrected count is now the paid one. */
export function pageDifferencePaid(run: OrderRun, charge: OrderCharge): void {
  const count = run.state.pages;
  if (run.state.status !== 'awaiting_page_payment' || !count?.correctedPages) {
    charge.unused = true;
    return;
  }
  count.billedPages = count.correctedPages;
  count.differenceDueAt = null;
  run.setStatus(workingStatus(run.state));
}
