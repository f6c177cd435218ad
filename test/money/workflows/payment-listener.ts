import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { PAYMENT_SETTLED_SIGNAL, type PaymentSettled } from '../../../domain/money-contract.ts';

// Test-only stand-in for an order workflow: records every paymentSettled signal it receives.
export const receivedPayments = defineQuery<PaymentSettled[]>('receivedPayments');
const paymentSettled = defineSignal<[PaymentSettled]>(PAYMENT_SETTLED_SIGNAL);
const finish = defineSignal('finish');

export async function paymentListener(): Promise<PaymentSettled[]> {
  const received: PaymentSettled[] = [];
  let finished = false;
  setHandler(paymentSettled, (settled) => void received.push(settled));
  setHandler(receivedPayments, () => received);
  setHandler(finish, () => void (finished = true));
  await condition(() => finished);
  return received;
}
