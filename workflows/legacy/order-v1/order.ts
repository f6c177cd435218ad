import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { oralSlotProblem } from '../../../domain/orders/deadlines.ts';
import type { OrderState } from '../../../domain/orders/model.ts';
import { PLATFORM_REFUSAL_REFUND_BPS, REFUND_POLICY_VERSION } from '../../../domain/orders/refund-policy.ts';
import { handleClientCommands } from './order-client-commands.ts';
import { workingStatus } from './order-guards.ts';
import {
  OrderClientIdAttribute,
  OrderIdAttribute,
  OrderKindAttribute,
  OrderLawyerIdAttribute,
  OrderNextDeadlineAttribute,
  orderState,
  OrderStatusAttribute,
  paymentSettled,
  type OrderActivities,
  type OrderInput,
} from '../../../domain/orders/contract.ts';
import {
  chargesToHold,
  holdCharge,
  newCharge,
  openPayment,
  recordPaymentOutcome,
  returnLatePayments,
  settleCharges,
} from './order-money.ts';
import { handlePageCorrection, pageDifferencePaid } from './order-page-count.ts';
import { OrderRun } from './order-run.ts';
import { isFinal, nextTimer, type DueTimer } from './order-schedule.ts';
import { handleStaffCommands } from './order-staff-commands.ts';

// LEGACY (v1, workflow type `orderWorkflow`): new orders start as `orderWorkflowV2`
// (workflows/order.ts on the pure core in domain/orders/core/). This copy stays, unchanged in
// behaviour, only so that v1 runs still open finish and their recorded histories replay.
// Delete this folder (and its export in workflows/index.ts, and the order-written-*.json
// histories) once no v1 run is open:
//   temporal workflow list --query 'WorkflowType="orderWorkflow" AND ExecutionStatus="Running"'
//
// One durable workflow per order on the legal-services portal (E-LEGAL §5–§7), top to bottom:
//   1. the client goes straight to payment; unpaid, the order expires with no obligation (EL-ORD-2);
//   2. paid: the money is held (PAY-2), the client is mailed and the order registered (EL-ORD-3);
//   3. a lawyer is assigned or takes it; the kind's deadline runs from payment (EL-ORD-4, §6);
//   4. it ends delivered (EL-DONE-1), cancelled (EL-REF-1/2), refused (EL-REF-3, EL-DOC-3) or
//      missed; then every hold is resolved exactly once and the lawyer is paid on delivery.
// Commands arrive as updates (order-*-commands.ts); timers come from order-schedule.ts.

const activities = proxyActivities<OrderActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['CONTRACT_FIELDS_INVALID'] },
});

export async function orderWorkflow(input: OrderInput): Promise<OrderState> {
  const run = new OrderRun(input.carried ?? initialState(input));
  const { state } = run;
  setHandler(orderState, () => state);
  setHandler(paymentSettled, (outcome) => {
    const charge = recordPaymentOutcome(state, outcome);
    if (charge?.status === 'held' && !charge.unused) onPaid(run, charge);
    run.touch();
  });
  handleClientCommands(run);
  handleStaffCommands(run);
  handlePageCorrection(run);

  if (!input.carried) await placeOrder(run, input);
  while (!isFinal(state.status)) {
    // Taken before publishing: a command that arrives while the mirror or mail activities run
    // must wake the loop at once, not wait for the next one.
    const seen = run.version;
    await publish(run);
    const timer = nextTimer(state);
    const changed = await condition(() => run.version !== seen, timer ? Math.max(1, timer.at - Date.now()) : undefined);
    if (!changed && timer) await onTimer(run, timer);
    await holdNewPayments(run);
    if (state.kind === 'subscription' && (await subscriptionTurn(run, input))) return state;
    // However many commands a long order receives, its history stays bounded.
    if (workflowInfo().continueAsNewSuggested && !isFinal(state.status)) await carryOn(run, input);
  }
  await holdNewPayments(run);
  await settleCharges(state);
  run.settled = true;
  await publish(run);
  // Added after histories were recorded (test/workflows/histories): older runs end without it.
  if (patched('return-late-payments')) {
    await returnLatePayments(state);
    await activities.mirrorOrder(state);
  }
  await condition(allHandlersFinished);
  return state;
}

function initialState(input: OrderInput): OrderState {
  const placedAt = input.placedAt;
  return {
    orderId: input.orderId,
    clientId: input.clientId,
    lawyerId: null,
    kind: input.kind,
    title: input.title,
    currency: input.currency,
    price: input.price,
    commissionBps: input.commissionBps,
    refundPolicyVersion: REFUND_POLICY_VERSION,
    status: 'awaiting_payment',
    placedAt,
    paymentExpiresAt: placedAt + input.paymentWindowMs,
    paidAt: null,
    registeredAt: null,
    clockStartedAt: null,
    dueAt: null,
    extensionReason: null,
    docDays: input.docDays ?? null,
    agreedExtraDays: 0,
    proposedExtraDays: null,
    warnedForDueAt: null,
    overdueSince: null,
    clarificationRequest: null,
    charges: [],
    deliverables: [],
    extras: [],
    oral:
      input.slotAt === undefined
        ? null
        : {
            bookedSlotAt: input.slotAt,
            slotAt: input.slotAt,
            proposedSlotAt: null,
            callStartedAt: null,
            callEndsAt: null,
            callEndedAt: null,
            paidExtensions: 0,
            noShow: null,
          },
    pages: input.pages ? { ...input.pages, correctedPages: null, differenceDueAt: null } : null,
    subscription: input.subscription ? { ...input.subscription, startedAt: placedAt, currentPeriod: 0 } : null,
    previousOrderId: input.previousOrderId ?? null,
    outcome: null,
  };
}

/** Steps 1–2: payment, hold, registration. Leaves the order final if it never got paid. */
async function placeOrder(run: OrderRun, input: OrderInput): Promise<void> {
  const { state } = run;
  // EL-ORAL-1 again on the server side of the workflow: the API checked it too.
  const slotProblem = state.oral ? oralSlotProblem(state.placedAt, state.oral.slotAt) : null;
  if (slotProblem) return run.finish('rejected', 0, slotProblem);
  await publish(run);
  const charge = newCharge(state, 'order', state.price);
  await openPayment(state, charge, state.title);
  run.touch();
  await publish(run);
  await condition(
    () => state.paidAt !== null || charge.status === 'failed' || state.outcome !== null,
    Math.max(1, state.paymentExpiresAt - Date.now()),
  );
  if (state.outcome) return;
  if (state.paidAt === null) {
    // EL-ORD-2: an unpaid order is not accepted and creates no obligation.
    return run.finish(charge.status === 'failed' ? 'payment_failed' : 'expired', 0, 'not paid');
  }
  await holdNewPayments(run);
  state.registeredAt = state.paidAt;
  state.clockStartedAt = state.paidAt; // EL-ORD-4: the service time counts from payment
  if (state.subscription) state.subscription.startedAt = state.paidAt;
  run.setStatus(state.kind === 'contract_template' ? 'in_progress' : workingStatus(state));
  run.notify({
    key: 'registered',
    audience: ['client', 'admins'],
    subject: `Order registered: ${state.title}`,
    body: `We received your payment and registered order ${state.orderId}. A lawyer will be assigned and may contact you.`,
  });
  if (input.contract) {
    // EL-CON-1: the contract is generated at once from the filled template and delivered.
    const { fileId } = await activities.generateContract({ orderId: state.orderId, clientId: state.clientId, ...input.contract });
    if (state.outcome) return; // cancelled while it was being generated: the cancellation stands
    state.deliverables.push({ fileId, deliveredAt: Date.now(), note: 'generated from the template', period: null });
    run.finish('delivered', 0, null);
  }
}

/** A later payment arrived (call extension, page difference): apply what it paid for. */
function onPaid(run: OrderRun, charge: OrderState['charges'][number]): void {
  const oral = run.state.oral;
  if (charge.purpose === 'call_extension') {
    if (run.state.status === 'call_in_progress' && oral?.callEndsAt) {
      oral.paidExtensions += 1;
      oral.callEndsAt += 30 * 60_000; // EL-ORAL-3: another 30 minutes at the same tariff
    } else charge.unused = true;
  }
  if (charge.purpose === 'page_difference') pageDifferencePaid(run, charge);
}

async function holdNewPayments(run: OrderRun): Promise<void> {
  for (const charge of chargesToHold(run.state)) await holdCharge(run.state, charge);
}

async function onTimer(run: OrderRun, timer: DueTimer): Promise<void> {
  const { state } = run;
  const now = Date.now();
  switch (timer.event) {
    case 'deadline_warning':
      state.warnedForDueAt = state.dueAt;
      if (state.dueAt !== null && now < state.dueAt && !deliveredThisPeriod(state)) {
        run.notify({
          key: `warning-${state.dueAt}`,
          audience: ['lawyer', 'admins'],
          subject: `Deadline soon: ${state.title}`,
          body: `Order ${state.orderId} is due at ${new Date(state.dueAt).toISOString()}.`,
        });
      }
      return run.touch();
    case 'deadline_passed':
      if (state.kind === 'subscription' && deliveredThisPeriod(state)) return run.touch();
      state.overdueSince = state.dueAt; // overdue from the very instant the deadline passed
      run.notify({
        key: `overdue-${state.dueAt}`,
        audience: ['lawyer', 'admins'],
        subject: `OVERDUE: ${state.title}`,
        body: `Order ${state.orderId} was due at ${new Date(state.dueAt!).toISOString()} and is not delivered.`,
      });
      return run.touch();
    case 'lawyer_no_show':
      // Our reading: a call the lawyer never opened is the platform's failure: full refund.
      state.oral!.noShow = 'lawyer';
      run.notify({
        key: 'lawyer-no-show',
        audience: ['client', 'admins'],
        subject: `Missed consultation: ${state.title}`,
        body: 'The lawyer did not open the call; the full price is refunded.',
      });
      return run.finish('lawyer_no_show', 10_000, 'the lawyer did not open the call');
    case 'call_time_up':
      state.oral!.callEndedAt = state.oral!.callEndsAt; // EL-ORAL-3: 30 minutes (plus paid extensions) and no more
      return run.finish('delivered', 0, null);
    case 'page_payment_expired':
      return run.finish('refused', PLATFORM_REFUSAL_REFUND_BPS, 'the page difference was not paid within 3 days (EL-DOC-3)');
  }
}

const deliveredThisPeriod = (state: OrderState): boolean => state.deliverables.some((d) => d.period === state.subscription?.currentPeriod);

/**
 * EL-SUB-1: when a period has ended and its deliverable is in, move to the next period in a
 * fresh run (continue-as-new), so the history stays small however long the term; after the
 * last period the subscription is completed. Returns true when this run is handed over.
 */
async function subscriptionTurn(run: OrderRun, input: OrderInput): Promise<boolean> {
  const { state } = run;
  const sub = state.subscription;
  if (!sub || isFinal(state.status) || state.dueAt === null || Date.now() < state.dueAt || !deliveredThisPeriod(state)) return false;
  if (sub.currentPeriod + 1 >= sub.periods) {
    run.finish('completed', 0, null);
    return false;
  }
  sub.currentPeriod += 1;
  state.warnedForDueAt = null;
  run.touch();
  await carryOn(run, input);
  return true;
}

/** Continues in a fresh run with the state carried over (the workflow id and its handles stay). */
async function carryOn(run: OrderRun, input: OrderInput): Promise<never> {
  await publish(run);
  await condition(allHandlersFinished);
  return continueAsNew<typeof orderWorkflow>({ ...input, carried: run.state });
}

/** Mirrors the state to the database (the API's lists), sends queued mail, updates search attributes. */
async function publish(run: OrderRun): Promise<void> {
  const { state } = run;
  while (run.notices.length > 0) {
    const notice = run.notices.shift()!;
    await activities.notifyOrder({
      orderId: state.orderId,
      lawyerId: state.lawyerId,
      clientId: state.clientId,
      dedupeKey: `${workflowInfo().workflowId}/${notice.key}`,
      ...notice,
    });
  }
  const published = run.published;
  if (published?.version === run.version) return;
  // What an operator sorts by: the payment window, then the delivery deadline (or the call).
  const nextDeadline = isFinal(state.status) ? null : state.status === 'awaiting_payment' ? state.paymentExpiresAt : state.dueAt;
  if (published?.status !== state.status || published.lawyerId !== state.lawyerId || published.dueAt !== state.dueAt) {
    upsertSearchAttributes([
      { key: OrderIdAttribute, value: state.orderId },
      { key: OrderClientIdAttribute, value: state.clientId },
      { key: OrderLawyerIdAttribute, value: state.lawyerId },
      { key: OrderKindAttribute, value: state.kind },
      { key: OrderStatusAttribute, value: state.status },
      { key: OrderNextDeadlineAttribute, value: nextDeadline === null ? null : new Date(nextDeadline) },
    ]);
  }
  run.published = { status: state.status, lawyerId: state.lawyerId, dueAt: state.dueAt, version: run.version };
  await activities.mirrorOrder(state);
}
