import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { DEFAULT_SLA_POLICY } from '../domain/sla.ts';
import {
  NextDeadlineAttribute,
  SlaBreachedAttribute,
  TicketPriorityAttribute,
  TicketStatusAttribute,
} from '../infra/search-attributes.ts';
import {
  askCustomer,
  assignTicket,
  customerReplied,
  recordIdentity,
  reopenTicket,
  replyToCustomer,
  resolveTicket,
  setPriority,
  ticketState,
  type TicketInput,
  type TicketSnapshot,
} from './ticket-messages.ts';
import {
  applyCommand,
  fireDueTimers,
  newTicketState,
  type SlaEffect,
  type TicketCommand,
  type TicketEventDraft,
} from './ticket-state.ts';

// One support ticket (SUP-1…SUP-6), from registration until it is closed. The workflow keeps
// durable timers for the next SLA instant: a warning at the configured share of a target, and
// at the deadline a breach that is escalated to the supervisor on duty. Timers are durable, so
// a breach that falls while no worker runs is recorded (dated at the deadline) when one returns.

/** A resolved ticket can be reopened for this long; then it is closed and the workflow ends. */
export const REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const { loadSupportCalendar, recordTicket, notifySla, sampleForQualityReview } = proxyActivities<
  ReturnType<typeof createActivities>
>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '5 minutes' } });

export async function ticketWorkflow(input: TicketInput): Promise<TicketSnapshot> {
  const workflowId = workflowInfo().workflowId;
  // Holidays are admin-edited data: read once in an activity, so replay sees the same calendar.
  const calendar = await loadSupportCalendar();
  const state = newTicketState({ ...input, policy: input.policy ?? DEFAULT_SLA_POLICY }, calendar);
  const inbox: TicketCommand[] = [];
  let sequence = 0;

  setHandler(ticketState, () => state);
  setHandler(assignTicket, (c) => void inbox.push({ type: 'assign', ...c }));
  setHandler(replyToCustomer, (c) => void inbox.push({ type: 'reply', ...c }));
  setHandler(askCustomer, (c) => void inbox.push({ type: 'askCustomer', ...c }));
  setHandler(customerReplied, (c) => void inbox.push({ type: 'customerReplied', ...c }));
  setHandler(recordIdentity, (c) => void inbox.push({ type: 'recordIdentity', ...c }));
  setHandler(setPriority, (c) => void inbox.push({ type: 'setPriority', ...c }));
  setHandler(resolveTicket, (c) => void inbox.push({ type: 'resolve', ...c }));
  setHandler(reopenTicket, (c) => void inbox.push({ type: 'reopen', ...c }));

  async function persist(events: TicketEventDraft[], effects: SlaEffect[]): Promise<void> {
    upsertSearchAttributes([
      { key: TicketStatusAttribute, value: state.status },
      { key: TicketPriorityAttribute, value: state.priority },
      { key: SlaBreachedAttribute, value: state.firstResponse.breachedAt !== null || state.resolution.breachedAt !== null },
      { key: NextDeadlineAttribute, value: state.nextDeadline === null ? null : new Date(state.nextDeadline) },
    ]);
    await recordTicket({
      ticket: state,
      // The step number makes each history entry's key stable across activity retries.
      events: events.map((event) => ({ ...event, dedupeKey: `${workflowId}/${++sequence}` })),
    });
    for (const effect of effects) {
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

  await persist([{ kind: 'registered', at: input.registeredAt, actorId: null, detail: { channel: input.channel, priority: input.priority } }], []);

  for (;;) {
    const wakeAt = state.status === 'resolved' ? state.resolvedAt! + REOPEN_WINDOW_MS : state.nextDeadline;
    if (wakeAt === null) await condition(() => inbox.length > 0);
    else if (wakeAt > Date.now()) await condition(() => inbox.length > 0, wakeAt - Date.now());

    const now = Date.now();
    const events: TicketEventDraft[] = [];
    const effects: SlaEffect[] = [];
    let resolvedNow = false;
    for (let command = inbox.shift(); command; command = inbox.shift()) {
      const before = state.status;
      const outcome = applyCommand(state, command, now, calendar);
      events.push(...outcome.events);
      effects.push(...outcome.effects);
      resolvedNow ||= before !== 'resolved' && state.status === 'resolved';
    }
    const fired = fireDueTimers(state, now);
    events.push(...fired.events);
    effects.push(...fired.effects);
    if (state.status === 'resolved' && inbox.length === 0 && now >= state.resolvedAt! + REOPEN_WINDOW_MS) {
      state.status = 'closed';
      events.push({ kind: 'closed', at: now, actorId: null, detail: {} });
    }
    if (events.length > 0) await persist(events, effects);
    // SUP-7: a share of resolved tickets goes to quality review (chosen in the activity).
    if (resolvedNow) await sampleForQualityReview({ ticketId: state.ticketId, percent: input.qualitySamplePercent ?? 10 });
    if (state.status === 'closed') break;
  }
  await condition(allHandlersFinished);
  return state;
}
