import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';

// Sending commands to a workflow in workflow tests, as the API does, for every process's harness.

/** Sends one command (an update) to the workflow and returns its answer. */
export async function send<Ret, Arg>(handle: WorkflowHandle, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  return handle.executeUpdate(update, { args: [arg] });
}

/** The failure type an update was refused with (the validator's ApplicationFailure type). */
export async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { type?: string } }).cause;
    return cause?.type ?? String(error);
  }
  return 'accepted';
}
