import type { BusinessCalendar } from '../calendar.ts';
import { firstResponseDeadline, isValidStir, resolutionClock, resolutionDeadline, warningInstant, type Priority } from '../sla.ts';
import type {
  OperatorTicketCommand,
  SlaClockName,
  SlaClockState,
  TicketEventDraft,
  TicketIdentity,
  TicketRefusalCode,
  TicketSnapshot,
} from './contract.ts';

// The ticket's rules as plain state transitions (no Temporal imports): the workflow applies
// them at workflow time (the `command` update's validator uses `commandRefusal`), and the API
// uses `commandRefusal` on the live state to answer 409/422 before it sends anything.

export type TicketCommand = OperatorTicketCommand | { type: 'customerReplied'; messageId: string };

export type { TicketEventDraft } from './contract.ts';

/** What the workflow must do outside itself after a transition. */
export type SlaEffect = { kind: 'warn' | 'escalate'; clock: SlaClockName; dueAt: number };

export interface Refusal {
  code: TicketRefusalCode;
  message: string;
}

export const identityComplete = (identity: TicketIdentity): boolean =>
  Boolean(identity.customerName && identity.organisation && identity.stir && isValidStir(identity.stir));

/** Why `command` does not apply to the ticket now, or null when it does. */
export function commandRefusal(state: TicketSnapshot, command: TicketCommand): Refusal | null {
  if (state.status === 'closed') return { code: 'TICKET_CLOSED', message: 'The ticket is closed.' };
  const resolved = state.status === 'resolved';
  switch (command.type) {
    case 'reopen':
      return resolved ? null : { code: 'TICKET_NOT_RESOLVED', message: 'Only a resolved ticket can be reopened.' };
    case 'customerReplied':
      return null;
    case 'recordIdentity':
      return command.identity.stir != null && !isValidStir(command.identity.stir)
        ? { code: 'TICKET_INVALID_STIR', message: 'A STIR is exactly 9 digits (SUP-5).' }
        : null;
    default:
      if (resolved) return { code: 'TICKET_RESOLVED', message: 'The ticket is resolved; reopen it first.' };
  }
  const needsIdentity = command.type === 'resolve' || (command.type === 'askCustomer' && command.about === 'question');
  if (needsIdentity && !identityComplete(state.identity)) {
    return {
      code: 'TICKET_IDENTITY_REQUIRED',
      message: "SUP-5: record the customer's name, organisation and STIR before the ticket can move past triage.",
    };
  }
  return null;
}

const emptyClock = (): SlaClockState => ({ dueAt: null, warnAt: null, warnedAt: null, breachedAt: null, metAt: null });

export function newTicketState(
  input: {
    ticketId: string;
    number: number;
    channel: TicketSnapshot['channel'];
    priority: Priority;
    registeredAt: number;
    identity: TicketIdentity;
    policy: TicketSnapshot['policy'];
  },
  calendar: BusinessCalendar,
): TicketSnapshot {
  const state: TicketSnapshot = {
    ticketId: input.ticketId,
    number: input.number,
    channel: input.channel,
    priority: input.priority,
    registeredAt: input.registeredAt,
    identity: input.identity,
    policy: input.policy,
    status: identityComplete(input.identity) ? 'in_progress' : 'triage',
    waitingFor: null,
    assigneeId: null,
    firstResponse: emptyClock(),
    resolution: emptyClock(),
    pauses: [],
    pausedSince: null,
    resolvedAt: null,
    nextDeadline: null,
  };
  const due = firstResponseDeadline(calendar, input.registeredAt, input.policy);
  state.firstResponse.dueAt = due;
  state.firstResponse.warnAt = warningInstant(calendar, 'working', input.registeredAt, due, input.policy.warningFraction);
  // A phone call is logged by the operator who answered it: the customer has had a first response.
  if (input.channel === 'phone') state.firstResponse.metAt = input.registeredAt;
  recomputeResolution(state, calendar, input.registeredAt);
  return state;
}

/** SUP-4 (+ SUP-6 pauses): the resolution target, recomputed on priority change or resume. */
export function recomputeResolution(state: TicketSnapshot, calendar: BusinessCalendar, now: number): void {
  const clock = state.resolution;
  clock.dueAt = resolutionDeadline(calendar, state.registeredAt, state.priority, state.pauses);
  clock.warnAt = warningInstant(calendar, resolutionClock(state.priority), state.registeredAt, clock.dueAt, state.policy.warningFraction);
  // A new, later warning point deserves a new warning.
  if (clock.warnedAt !== null && clock.warnAt > now) clock.warnedAt = null;
  state.nextDeadline = nextDeadline(state);
}

/** A clock met at `now`: late counts as a breach at the deadline itself. */
function meet(clock: SlaClockState, name: SlaClockName, now: number, out: Outcome): void {
  if (clock.metAt !== null) return;
  clock.metAt = now;
  if (clock.breachedAt === null && clock.dueAt !== null && now > clock.dueAt) {
    clock.breachedAt = clock.dueAt;
    out.events.push({ kind: 'sla_breached', at: clock.dueAt, actorId: null, detail: { clock: name, noticedAt: now } });
    out.effects.push({ kind: 'escalate', clock: name, dueAt: clock.dueAt });
  }
}

interface Outcome {
  events: TicketEventDraft[];
  effects: SlaEffect[];
}

function pause(state: TicketSnapshot, now: number): void {
  if (state.pausedSince === null && state.policy.pauseResolutionWhileWaitingForCustomer) state.pausedSince = now;
}

function resume(state: TicketSnapshot, calendar: BusinessCalendar, now: number): void {
  if (state.pausedSince !== null) {
    state.pauses.push({ from: state.pausedSince, to: now });
    state.pausedSince = null;
  }
  recomputeResolution(state, calendar, now);
}

function settleStatus(state: TicketSnapshot): void {
  if (state.status === 'resolved' || state.status === 'closed') return;
  if (state.waitingFor) state.status = 'waiting_for_customer';
  else state.status = identityComplete(state.identity) ? 'in_progress' : 'triage';
}

/** Applies an accepted command at workflow time `now`; returns the history entries and SLA effects. */
export function applyCommand(state: TicketSnapshot, command: TicketCommand, now: number, calendar: BusinessCalendar): Outcome {
  const refusal = commandRefusal(state, command);
  const actorId = 'actorId' in command ? (command.actorId ?? null) : null;
  const { type, ...detail } = command;
  if (refusal) return { events: [{ kind: 'command_refused', at: now, actorId, detail: { command: type, ...refusal } }], effects: [] };
  const out: Outcome = { events: [{ kind: type, at: now, actorId, detail }], effects: [] };
  switch (command.type) {
    case 'assign':
      state.assigneeId = command.assigneeId;
      break;
    case 'reply':
      meet(state.firstResponse, 'first_response', now, out); // SUP-3: the first reply stops the clock
      break;
    case 'askCustomer':
      meet(state.firstResponse, 'first_response', now, out); // a question is a response too
      state.waitingFor = command.about === 'identity' ? 'identity' : 'customer';
      pause(state, now);
      break;
    case 'customerReplied':
      if (state.waitingFor === 'customer' || (state.waitingFor === 'identity' && identityComplete(state.identity))) {
        state.waitingFor = null;
        resume(state, calendar, now);
      }
      break;
    case 'recordIdentity':
      state.identity = {
        customerName: command.identity.customerName ?? state.identity.customerName,
        organisation: command.identity.organisation ?? state.identity.organisation,
        stir: command.identity.stir ?? state.identity.stir,
      };
      if (state.waitingFor === 'identity' && identityComplete(state.identity)) {
        state.waitingFor = null;
        resume(state, calendar, now);
      }
      break;
    case 'setPriority':
      state.priority = command.priority;
      recomputeResolution(state, calendar, now);
      break;
    case 'resolve':
      if (state.pausedSince !== null) resume(state, calendar, now);
      state.waitingFor = null;
      meet(state.firstResponse, 'first_response', now, out);
      meet(state.resolution, 'resolution', now, out);
      state.status = 'resolved';
      state.resolvedAt = now;
      break;
    case 'reopen':
      // The time the ticket spent resolved is not the desk's: it does not count against SUP-4.
      state.pauses.push({ from: state.resolvedAt ?? now, to: now });
      state.resolvedAt = null;
      state.resolution.metAt = null;
      state.status = 'in_progress';
      recomputeResolution(state, calendar, now);
      break;
  }
  settleStatus(state);
  state.nextDeadline = nextDeadline(state);
  return out;
}

interface PendingTimer {
  clock: SlaClockName;
  kind: 'warn' | 'escalate';
  at: number;
}

function pendingTimers(state: TicketSnapshot): PendingTimer[] {
  const timers: PendingTimer[] = [];
  const add = (name: SlaClockName, clock: SlaClockState) => {
    if (clock.metAt !== null || clock.breachedAt !== null || clock.dueAt === null) return;
    if (clock.warnedAt === null && clock.warnAt !== null) timers.push({ clock: name, kind: 'warn', at: clock.warnAt });
    timers.push({ clock: name, kind: 'escalate', at: clock.dueAt });
  };
  if (state.status === 'resolved' || state.status === 'closed') return timers;
  add('first_response', state.firstResponse);
  if (state.pausedSince === null) add('resolution', state.resolution);
  return timers;
}

export function nextDeadline(state: TicketSnapshot): number | null {
  const instants = pendingTimers(state).map((timer) => timer.at);
  return instants.length === 0 ? null : Math.min(...instants);
}

/**
 * Fires every SLA timer whose instant has passed by `now`. A breach is dated at the deadline,
 * not at `now`, so a worker that wakes late still records when the target was really missed;
 * a warning whose breach is also due is skipped (the escalation says more).
 */
export function fireDueTimers(state: TicketSnapshot, now: number): Outcome {
  const events: TicketEventDraft[] = [];
  const effects: SlaEffect[] = [];
  const due = pendingTimers(state).filter((timer) => timer.at <= now);
  for (const timer of due) {
    const clock = timer.clock === 'first_response' ? state.firstResponse : state.resolution;
    if (timer.kind === 'warn') {
      clock.warnedAt = now;
      if (due.some((other) => other.clock === timer.clock && other.kind === 'escalate')) continue;
      events.push({ kind: 'sla_warning', at: now, actorId: null, detail: { clock: timer.clock, dueAt: clock.dueAt } });
      effects.push({ kind: 'warn', clock: timer.clock, dueAt: clock.dueAt! });
    } else {
      clock.breachedAt = timer.at;
      events.push({ kind: 'sla_breached', at: timer.at, actorId: null, detail: { clock: timer.clock, noticedAt: now } });
      effects.push({ kind: 'escalate', clock: timer.clock, dueAt: timer.at });
    }
  }
  state.nextDeadline = nextDeadline(state);
  return { events, effects };
}
