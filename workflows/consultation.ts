import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { ConsultationInput, ConsultationState } from '../domain/consultations/contract.ts';
import { consultationDone, isFinal, nextTimer, start } from '../domain/consultations/core/index.ts';
import { handleConsultationMessages } from './consultation-handlers.ts';
import { ConsultationLoop } from './consultation-loop.ts';

// One durable workflow per chat consultation (CHAT-1…CHAT-6, PAY-2/3/6/7), type
// `consultationWorkflow` (CONSULTATION_WORKFLOW_TYPE). The rules are the pure core in
// domain/consultations/core/; this loop only waits for a command, a payment, a flag or the next
// timer, applies the core and runs the effects it asks for (consultation-loop.ts). Chat text
// never enters it: the history grows with offers, payments and decisions only.

export async function consultationWorkflow(input: ConsultationInput): Promise<ConsultationState> {
  const first = start(input, Date.now());
  if ('refusal' in first) {
    throw ApplicationFailure.create({ type: first.refusal.code, message: first.refusal.message, nonRetryable: true });
  }
  const loop = new ConsultationLoop(first);
  handleConsultationMessages(loop);
  for (;;) {
    await loop.drain();
    if (consultationDone(loop.state, Date.now())) break;
    // However many offers and flags a long conversation brings, the history stays bounded.
    if (workflowInfo().continueAsNewSuggested && !isFinal(loop.state.status)) return carryOn(loop, input);
    await waitForChange(loop);
  }
  await condition(allHandlersFinished);
  await loop.drain();
  return loop.state;
}

/** Until a command, payment or flag changes the consultation, or its next timer is due (then applied). */
async function waitForChange(loop: ConsultationLoop): Promise<void> {
  const timer = nextTimer(loop.state);
  const changed = await condition(() => !loop.idle, timer ? Math.max(1, timer.at - Date.now()) : undefined);
  if (!changed && timer) loop.apply({ type: 'timer', event: timer.event });
}

/** Continues in a fresh run with the state carried over (the workflow id and its handles stay). */
async function carryOn(loop: ConsultationLoop, input: ConsultationInput): Promise<never> {
  await condition(allHandlersFinished);
  await loop.drain();
  return continueAsNew<typeof consultationWorkflow>({ ...input, carried: loop.state });
}
