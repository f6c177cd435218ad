import { condition, setHandler } from '@temporalio/workflow';
import { setUpdateHandler } from '../../update-handler.ts';
import { refundShare } from '../../../domain/orders/refund-policy.ts';
import { newCharge, openPayment } from './order-money.ts';
import { agreeToProposal, cancelOrder, checkout, requestCallExtension, supplyClarification } from '../../../domain/orders/contract.ts';
import { refuse, requireClient, requireKind, requireOpen, requireStatus, workingStatus } from './order-guards.ts';
import type { OrderRun } from './order-run.ts';

// Commands the client sends to their order.
export function handleClientCommands(run: OrderRun): void {
  const { state } = run;

  setHandler(checkout, async () => {
    const orderCharge = () => state.charges.find((c) => c.purpose === 'order');
    // The update may arrive with the start (update-with-start), before the payment is opened.
    await condition(() => orderCharge()?.checkoutUrl != null || state.outcome !== null);
    const charge = orderCharge();
    if (!charge?.checkoutUrl) refuse('ORDER_CLOSED', `The order is ${state.status.replace(/_/g, ' ')}.`);
    return { paymentId: charge.paymentId!, checkoutUrl: charge.checkoutUrl };
  });

  setUpdateHandler(
    cancelOrder,
    async () => {
      if (state.paidAt === null) {
        // EL-ORD-2: nothing was paid, so nothing is owed either way.
        run.finish('cancelled', 0, 'cancelled by the client before payment');
      } else {
        run.finish('cancelled', refundShare(state.paidAt, Date.now()), 'cancelled by the client');
      }
      return run.settledOutcome();
    },
    {
      validator: ({ by, acceptedRefundBps }) => {
        requireClient(state, by);
        requireOpen(state);
        // EL-REF-2: a delivered service (or a call under way) is not refunded.
        if (state.deliverables.length > 0 || state.status === 'call_in_progress') {
          refuse('ORDER_ALREADY_DELIVERED', 'The service was delivered; it cannot be cancelled for a refund (EL-REF-2).');
        }
        if (state.paidAt === null) return;
        const share = refundShare(state.paidAt, Date.now());
        if (share !== acceptedRefundBps) {
          refuse('REFUND_QUOTE_EXPIRED', `The refund is now ${share / 100} % (EL-REF-1); ask for a new quote and confirm again.`);
        }
      },
    },
  );

  setUpdateHandler(
    supplyClarification,
    ({ note }) => {
      // EL-ORD-4: the service time starts again from the clarified request.
      state.clockStartedAt = Date.now();
      state.clarificationRequest = null;
      state.warnedForDueAt = null;
      run.setStatus(workingStatus(state));
      run.notify({ key: `clarified-${state.clockStartedAt}`, audience: ['lawyer'], subject: 'The client sent clarifications', body: note });
      return state;
    },
    {
      validator: ({ by }) => {
        requireClient(state, by);
        requireStatus(state, 'awaiting_clarification', 'in_progress', 'awaiting_lawyer');
        requireKind(state, 'EL-ORD-4', 'written_advice', 'document_review', 'document_preparation', 'translation', 'court_application');
      },
    },
  );

  setUpdateHandler(
    agreeToProposal,
    () => {
      if (state.oral?.proposedSlotAt) {
        state.oral.slotAt = state.oral.proposedSlotAt;
        state.oral.proposedSlotAt = null;
      } else if (state.proposedExtraDays !== null) {
        state.agreedExtraDays += state.proposedExtraDays;
        state.proposedExtraDays = null;
      }
      run.touch();
      return state;
    },
    {
      validator: ({ by }) => {
        requireClient(state, by);
        requireOpen(state);
        if (!state.oral?.proposedSlotAt && state.proposedExtraDays === null) {
          refuse('ORDER_STATE_CONFLICT', 'There is no proposal from the lawyer to agree to.');
        }
      },
    },
  );

  setUpdateHandler(
    requestCallExtension,
    async () => {
      // EL-ORAL-3: more time costs the same tariff again.
      const charge = newCharge(state, 'call_extension', state.price);
      await openPayment(state, charge, `Extra 30 minutes: ${state.title}`);
      run.touch();
      return { paymentId: charge.paymentId!, checkoutUrl: charge.checkoutUrl! };
    },
    {
      validator: ({ by }) => {
        requireClient(state, by);
        requireKind(state, 'EL-ORAL-3', 'oral_advice');
        requireStatus(state, 'call_in_progress');
      },
    },
  );
}
