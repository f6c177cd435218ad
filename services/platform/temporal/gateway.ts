import {
  isGrpcServiceError,
  ScheduleAlreadyRunning,
  WorkflowNotFoundError,
  WithStartWorkflowOperation,
  type Client,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
  type WorkflowStartOptions,
  type WorkflowUpdateOptions,
} from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import { toDomainError, type FailureCodes } from './failures.ts';

// The one way the API and services reach Temporal: start a process, send it an update or a
// signal, ask it a query. Every failure leaves through toDomainError (failures.ts), so a
// refusal, a closed workflow and an unreachable server answer the same way everywhere.

/** The Temporal client and the task queue the service's workflows run on (one per process). */
export interface TemporalTarget {
  client: Client;
  taskQueue: string;
}

export type ProcessStart<T extends Workflow> = Omit<WorkflowStartOptions<T>, 'taskQueue'>;

export async function startProcess<T extends Workflow>(
  target: TemporalTarget,
  workflowType: string,
  options: ProcessStart<T>,
  codes: FailureCodes = {},
): Promise<void> {
  try {
    await target.client.workflow.start<T>(workflowType, { ...options, taskQueue: target.taskQueue } as WorkflowStartOptions<T>);
  } catch (error) {
    throw toDomainError(error, codes);
  }
}

/** Update-with-Start: starts the process unless it runs (give a conflict policy) and returns the update's result. */
export async function startWithUpdate<T extends Workflow, Ret, Args extends unknown[]>(
  target: TemporalTarget,
  workflowType: string,
  options: ProcessStart<T> & Required<Pick<WorkflowStartOptions<T>, 'workflowIdConflictPolicy'>>,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  codes: FailureCodes = {},
): Promise<Ret> {
  const startWorkflowOperation = new WithStartWorkflowOperation<T>(workflowType, {
    ...options,
    taskQueue: target.taskQueue,
  } as ConstructorParameters<typeof WithStartWorkflowOperation<T>>[1]);
  try {
    return await target.client.workflow.executeUpdateWithStart(update, { startWorkflowOperation, args });
  } catch (error) {
    throw toDomainError(error, codes);
  }
}

/** Sends an update (one argument, as every command here) and waits for its result; a validator's refusal becomes its DomainError. */
export async function updateProcess<Ret, Arg>(
  target: Pick<TemporalTarget, 'client'>,
  workflowId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  codes: FailureCodes = {},
  options: Omit<WorkflowUpdateOptions, 'args'> = {},
): Promise<Ret> {
  try {
    return await target.client.workflow.getHandle(workflowId).executeUpdate(update, { ...options, args: [arg] });
  } catch (error) {
    throw toDomainError(error, codes);
  }
}

export async function signalProcess<Args extends unknown[]>(
  target: Pick<TemporalTarget, 'client'>,
  workflowId: string,
  signal: SignalDefinition<Args> | string,
  args: Args,
  codes: FailureCodes = {},
): Promise<void> {
  try {
    await target.client.workflow.getHandle(workflowId).signal(signal, ...args);
  } catch (error) {
    throw toDomainError(error, codes);
  }
}

/**
 * Asks a running process a query. `waitMs` bounds the wait: a query is answered by a worker, and
 * with none polling it would wait for the whole RPC timeout; past the bound it is 503.
 */
export async function queryProcess<Ret, Args extends unknown[]>(
  target: Pick<TemporalTarget, 'client'>,
  workflowId: string,
  query: QueryDefinition<Ret, Args>,
  args: Args,
  options: { codes?: FailureCodes; waitMs?: number } = {},
): Promise<Ret> {
  const ask = () => target.client.workflow.getHandle(workflowId).query(query, ...args);
  try {
    return await (options.waitMs === undefined ? ask() : target.client.withDeadline(Date.now() + options.waitMs, ask));
  } catch (error) {
    throw toDomainError(error, options.codes);
  }
}

/**
 * Creates a Schedule, or brings an existing one to the given spec and action (settings may have
 * changed since it was made): safe to call at every worker start, from any number of workers.
 */
export async function ensureSchedule(
  target: Pick<TemporalTarget, 'client'>,
  options: Pick<ScheduleOptions<ScheduleOptionsStartWorkflowAction<Workflow>>, 'scheduleId' | 'spec' | 'action' | 'policies'>,
): Promise<void> {
  try {
    await target.client.schedule.create(options);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw toDomainError(error);
    await target.client.schedule.getHandle(options.scheduleId).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
  }
}

// gRPC status NOT_FOUND (5); @grpc/grpc-js's enum is the SDK's dependency, not ours.
const GRPC_NOT_FOUND = new Set<number>([5]);

/**
 * The arguments of every signal `signalName` a workflow has received, read from its history
 * (open or closed); null when Temporal knows no such workflow (never started, or past the
 * namespace's retention). For rare checks only: it reads the whole history.
 */
export async function signalsReceived(
  target: Pick<TemporalTarget, 'client'>,
  workflowId: string,
  signalName: string,
): Promise<unknown[][] | null> {
  try {
    const history = await target.client.workflow.getHandle(workflowId).fetchHistory();
    // History payloads are as stored: encrypted (issue 17). Decode them through the client's
    // codecs (last applied first) before the payload converter reads them.
    const { payloadConverter, payloadCodecs } = target.client.options.loadedDataConverter;
    const received: unknown[][] = [];
    for (const event of history.events ?? []) {
      const signal = event.workflowExecutionSignaledEventAttributes;
      if (signal?.signalName !== signalName) continue;
      let payloads = signal.input?.payloads ?? [];
      for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
      received.push(payloads.map((payload) => payloadConverter.fromPayload(payload)));
    }
    return received;
  } catch (error) {
    // gRPC NOT_FOUND: the history of a workflow Temporal does not know.
    if (error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && GRPC_NOT_FOUND.has(error.code))) return null;
    throw toDomainError(error);
  }
}
