import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { OrderInput } from '../domain/orders/contract.ts';
import { isFinal, nextTimer, orderDone, start } from '../domain/orders/core/index.ts';
import type { OrderState } from '../domain/orders/model.ts';
import { handleOrderMessages } from './order-handlers.ts';
import { OrderLoop } from './order-loop.ts';

// One durable workflow per order on the legal-services portal (E-LEGAL §5–§7), type
// `orderWorkflowV2`. The rules are the pure core in domain/orders/core/ (one module per service
// kind); this loop only waits for a command, a payment or the next timer, applies the core and
// runs the effects it asks for (order-loop.ts). Orders started before this version run on
// workflows/legacy/order-v1/ until they end.

export async function orderWorkflowV2(input: OrderInput): Promise<OrderState> {
  const first = input.carried ? { state: input.carried, events: [], effects: [] } : start(input, Date.now());
  const loop = new OrderLoop(input, first);
  handleOrderMessages(loop);
  for (;;) {
    await loop.drain();
    if (orderDone(loop.state, Date.now())) break;
    // EL-SUB-1: each period in a fresh run; and however many commands a long order receives,
    // its history stays bounded.
    const handOver = loop.handover || workflowInfo().continueAsNewSuggested;
    if (handOver && !isFinal(loop.state.status)) return carryOn(loop, input);
    loop.handover = false;
    await waitForChange(loop);
  }
  await condition(allHandlersFinished);
  return loop.state;
}

/** Until a command or payment changes the order, or its next timer is due (then applied). */
async function waitForChange(loop: OrderLoop): Promise<void> {
  const timer = nextTimer(loop.state);
  const changed = await condition(() => !loop.idle, timer ? Math.max(1, timer.at - Date.now()) : undefined);
  if (!changed && timer) loop.apply({ type: 'timer', event: timer.event });
}

/** Continues in a fresh run with the state carried over (the workflow id and its handles stay). */
async function carryOn(loop: OrderLoop, input: OrderInput): Promise<never> {
  await condition(allHandlersFinished);
  await loop.drain();
  return continueAsNew<typeof orderWorkflowV2>({ ...input, carried: loop.state });
}
