import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';

// `setHandler` infers an update's arguments from the handler, so a `validator` beside a handler
// that ignores them gets `any` arguments. This takes them from the update's definition instead.
export function setUpdateHandler<Ret, Args extends unknown[]>(
  update: UpdateDefinition<Ret, Args>,
  handler: NoInfer<(...args: Args) => Ret | Promise<Ret>>,
  options?: NoInfer<{ validator?: (...args: Args) => void; description?: string }>,
): void {
  setHandler(update, handler, options);
}
