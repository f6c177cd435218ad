import { workflowInfo } from '@temporalio/workflow';
import type { HoldPlaced, MoneyActivities, StartedPayment } from '../domain/money-contract.ts';

// The money steps every process's loop runs the same way for its client (orders, consultations).

interface Payer {
  clientId: string;
  currency: string;
}

/** PAY-3: opens the client's checkout; the provider's outcome comes back to this workflow as `paymentSettled`. */
export function openCheckout(
  money: Pick<MoneyActivities, 'startPayment'>,
  payer: Payer,
  charge: { paymentKey: string; amount: number; description: string },
): Promise<StartedPayment> {
  return money.startPayment({
    paymentKey: charge.paymentKey,
    payerUserId: payer.clientId,
    amount: charge.amount,
    currency: payer.currency,
    description: charge.description,
    notifyWorkflowId: workflowInfo().workflowId,
  });
}

/** PAY-2: freezes a paid amount on the platform until the process ends. */
export function holdPaid(
  money: Pick<MoneyActivities, 'holdFunds'>,
  payer: Payer,
  hold: { holdKey: string; amount: number; description: string },
): Promise<HoldPlaced> {
  return money.holdFunds({
    holdKey: hold.holdKey,
    userId: payer.clientId,
    amount: hold.amount,
    currency: payer.currency,
    description: hold.description,
  });
}
