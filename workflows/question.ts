import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { QuestionInput, QuestionState } from '../domain/questions/contract.ts';
import { isFinal, nextTimer, questionDone, start } from '../domain/questions/core/index.ts';
import { handleQuestionMessages } from './question-handlers.ts';
import { QuestionLoop } from './question-loop.ts';

// One durable workflow per question with bids (QA-1…QA-10, PAY-2/3/5/6), type `questionWorkflow`
// (QUESTION_WORKFLOW_TYPE). The rules are the pure core in domain/questions/core/; this loop only
// waits for a command, a payment or the next timer — moderation's deadline, the promised date,
// the payment and complaint windows — applies the core and runs the effects it asks for
// (question-loop.ts). Texts never enter it: the history grows with ids, prices and decisions only.

export async function questionWorkflow(input: QuestionInput): Promise<QuestionState> {
  const first = start(input, Date.now());
  if ('refusal' in first) {
    throw ApplicationFailure.create({ type: first.refusal.code, message: first.refusal.message, nonRetryable: true });
  }
  const loop = new QuestionLoop(first);
  handleQuestionMessages(loop);
  for (;;) {
    await loop.drain();
    if (questionDone(loop.state, Date.now())) break;
    // However many bids, rounds and clarifications a question brings, the history stays bounded.
    if (workflowInfo().continueAsNewSuggested && !isFinal(loop.state.status)) return carryOn(loop, input);
    await waitForChange(loop);
  }
  await condition(allHandlersFinished);
  await loop.drain();
  return loop.state;
}

/** Until a command or payment changes the question, or its next timer is due (then applied). */
async function waitForChange(loop: QuestionLoop): Promise<void> {
  const timer = nextTimer(loop.state);
  const changed = await condition(() => !loop.idle, timer ? Math.max(1, timer.at - Date.now()) : undefined);
  if (!changed && timer) loop.apply({ type: 'timer', event: timer.event });
}

/** Continues in a fresh run with the state carried over (the workflow id and its handles stay). */
async function carryOn(loop: QuestionLoop, input: QuestionInput): Promise<never> {
  await condition(allHandlersFinished);
  await loop.drain();
  return continueAsNew<typeof questionWorkflow>({ ...input, carried: loop.state });
}
