import { randomUUID } from 'node:crypto';
import { createMoneyActivities } from '../../activities/money.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { SandboxAcquirer } from '../../services/money/payments/sandbox-acquirer.ts';
import type { Stack } from './stack.ts';

// Drives a payment the way a client does: a workflow's startPayment activity opens the
// checkout, the client opens the page and clicks a button, the sandbox acquirer's webhook
// comes back to the service.

export function sandboxOf(stack: Stack): SandboxAcquirer {
  return stack.payments as SandboxAcquirer;
}

export function moneyActivities(stack: Stack, now?: () => number) {
  return createMoneyActivities({ db: stack.database.db, payments: stack.payments, ...(now && { now }) });
}

export async function openCheckout(
  stack: Stack,
  input: { payerUserId: string; amount: number; currency?: string; notifyWorkflowId?: string; paymentKey?: string },
) {
  const started = await moneyActivities(stack).startPayment({
    paymentKey: input.paymentKey ?? `test-${randomUUID()}/payment`,
    payerUserId: input.payerUserId,
    amount: input.amount,
    currency: input.currency ?? 'UZS',
    description: 'Consultation',
    notifyWorkflowId: input.notifyWorkflowId ?? `no-such-workflow-${randomUUID()}`,
  });
  return { ...started, checkoutPath: new URL(started.checkoutUrl).pathname };
}

export async function clickCheckout(stack: Stack, checkoutPath: string, button: 'pay' | 'decline') {
  const response = await stack.app.inject({
    method: 'POST',
    url: `${checkoutPath}/${button}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  if (response.statusCode !== 200) throw new Error(`checkout ${button} failed: ${response.statusCode} ${response.body}`);
  await sandboxOf(stack).idle();
  return response;
}

export async function paidPayment(stack: Stack, payerUserId: string, amount: number, currency = 'UZS') {
  const checkout = await openCheckout(stack, { payerUserId, amount, currency });
  await clickCheckout(stack, checkout.checkoutPath, 'pay');
  return checkout;
}

/** An acquirer over the stack's database whose webhooks never arrive (the network drops them; no retries). */
export function acquirerDroppingWebhooks(stack: Stack, options: { now?: () => number } = {}) {
  return new SandboxAcquirer({
    db: stack.database.db,
    secret: DEV_PAYMENTS_WEBHOOK_SECRET,
    publicBaseUrl: 'http://127.0.0.1:3000',
    transport: async () => 0,
    retryDelaysMs: [],
    ...options,
  });
}
