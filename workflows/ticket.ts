import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { DEFAULT_SLA_POLICY } from '../domain/sla.ts';
import {
  customerReplied,
  NextDeadlineAttribute,
  REOPEN_WINDOW_MS,
  SlaBreachedAttribute,
  ticketCommand,
  TicketPriorityAttribute,
  ticketState,
  TicketStatusAttribute,
  type TicketActivities,
  type TicketInput,
  type TicketSnapshot,
} from '../domain/tickets/contract.ts';
import { BOOKKEEPING_ACTIVITY } from './activity-options.ts';
import { setUpdateHandler } from './update-handler.ts';
import {
  applyCommand,
  commandRefusal,
  fireDueTimers,
  newTicketState,
  type SlaEffect,
  type TicketCommand,
  type TicketEventDraft,
} from '../domain/tickets/core.ts';

// One support ticket (SUP-1…SUP-6), from registration until it is closed. The workflow keeps
// durable timers for the next SLA instant: a warning at the configured share of a target, and
// at the deadline a breach that is escalated to the supervisor on duty. Timers are durable, so
// a breach that falls while no worker runs is recorded (dated at the deadline) when one returns.

const { recordTicket, notifySla, sampleForQualityReview } = proxyActivities<TicketActivities>(BOOKKEEPING_ACTIVITY);

export async function ticketWorkflow(input: TicketInput): Promise<TicketSnapshot> {
  const workflowId = workflowInfo().workflowId;
  const calendar = input.calendar;
  const state = newTicketState({ ...input, policy: input.policy ?? DEFAULT_SLA_POLICY }, calendar);
  // History entries and SLA effects waiting to be written by the main loop below.
  let events: TicketEventDraft[] = [];
  let effects: SlaEffect[] = [];
  let resolvedSinceSampling = false;
  let sequence = 0;

  function apply(command: TicketCommand): TicketSnapshot {
    const before = state.status;
    const outcome = applyCommand(state, command, Date.now(), calendar);
    events.push(...outcome.events);
    effects.push(...outcome.effects);
    resolvedSinceSampling ||= before !== 'resolved' && state.status === 'resolved';
    return state;
  }

  // Registered before any await, so the ticket answers from its first moment.
  setHandler(ticketState, () => state);
  // The intake signals a reply at least once (a redelivery between the signal and marking the
  // message delivered repeats it): one message is one reply. Older histories replay as before.
  const repliesSeen = new Set<string>();
  setHandler(customerReplied, (reply) => {
    if (repliesSeen.has(reply.messageId) && patched('dedupe-customer-reply')) return;
    repliesSeen.add(reply.messageId);
    apply({ type: 'customerReplied', ...reply });
  });
  setUpdateHandler(ticketCommand, (command) => apply(command), {
    validator: (command) => {
      const refusal = commandRefusal(state, command);
      if (refusal) throw ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });
    },
  });

  async function persist(): Promise<void> {
    const batch = events;
    const due = effects;
    events = [];
    effects = [];
    upsertSearchAttributes([
      { key: TicketStatusAttribute, value: state.status },
      { key: TicketPriorityAttribute, value: state.priority },
      { key: SlaBreachedAttribute, value: state.firstResponse.breachedAt !== null || state.resolution.breachedAt !== null },
      { key: NextDeadlineAttribute, value: state.nextDeadline === null ? null : new Date(state.nextDeadline) },
    ]);
    await recordTicket({
      ticket: state,
      // The step number makes each history entry's key stable across activity retries.
      events: batch.map((event) => ({ ...event, dedupeKey: `${workflowId}/${++sequence}` })),
    });
    for (const effect of due) {
      await notifySla({
        ticketId: state.ticketId,
        number: state.number,
        kind: effect.kind,
        clock: effect.clock,
        dueAt: effect.dueAt,
        assigneeId: state.assigneeId,
        at: Date.now(),
        dedupeKey: `${workflowId}/${effect.kind}/${effect.clock}/${effect.dueAt}`,
      });
    }
  }

  events.push({ kind: 'registered', at: input.registeredAt, actorId: null, detail: { channel: input.channel, priority: input.priority } });
  for (;;) {
    if (events.length === 0) {
      const wakeAt = state.status === 'resolved' ? state.resolvedAt! + REOPEN_WINDOW_MS : state.nextDeadline;
      if (wakeAt === null) await condition(() => events.length > 0);
      else if (wakeAt > Date.now()) await condition(() => events.length > 0, wakeAt - Date.now());
    }
    const now = Date.now();
    const fired = fireDueTimers(state, now);
    events.push(...fired.events);
    effects.push(...fired.effects);
    if (state.status === 'resolved' && now >= state.resolvedAt! + REOPEN_WINDOW_MS) {
      state.status = 'closed';
      events.push({ kind: 'closed', at: now, actorId: null, detail: {} });
    }
    if (events.length > 0) await persist();
    // SUP-7: a share of resolved tickets goes to quality review (chosen in the activity).
    if (resolvedSinceSampling) {
      resolvedSinceSampling = false;
      await sampleForQualityReview({ ticketId: state.ticketId, percent: input.qualitySamplePercent ?? 10 });
    }
    if (state.status === 'closed' && events.length === 0) break;
  }
  await condition(allHandlersFinished);
  return state;
}
