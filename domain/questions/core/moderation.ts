import { addWorkingDays } from '../../calendar.ts';
import type { Actor, ModerationAction, QuestionState } from '../contract.ts';
import { refuse, requireAdmin, requireClient, requireEntry, requireStatus } from './guards.ts';
import { escalate, event, notify, notifyAdmins, setStatus, type Step } from './step.ts';

// QA-1: the administration checks that a question fits the service's subject. Off-topic: deleted
// with a reason. On topic but badly worded: returned with a recommendation — the question closes
// as `returned`, and the client may ask again starting from the old text, which is a NEW question
// (`askedAgainFrom` names the old one): a fresh moderation turn for a fresh text. Unclear details:
// the administration asks the client for clarification.
// QA-2: after the clarification the administration publishes the question, or deletes it with a
// recommendation (deleteQuestion's entry holds both reason and recommendation).
// Our reading of the deadline: each administration turn (the question as asked, and again after
// each clarification) has `moderationWorkingDays` of the platform calendar; missed, it escalates
// once per turn, and the decision stays a person's. The client's turn waits `clarificationWaitMs`,
// then the question lapses. Everything said is kept in `moderation.log` (texts in PostgreSQL).

function log(step: Step, action: ModerationAction, by: string | null, entryId: string | null): void {
  step.state.moderation.log.push({ at: step.now, action, by, entryId });
  event(step, `moderation_${action}`);
}

/** The administration's turn begins at `from`: a deadline of `moderationWorkingDays`, escalation not yet sent. */
export function adminTurn(step: Step, from = step.now): void {
  const { state } = step;
  Object.assign(state.moderation, {
    turn: 'admin',
    decideBy: addWorkingDays(state.calendar, from, state.settings.moderationWorkingDays),
    escalatedAt: null,
    clarifyBy: null,
  });
}

export function asked(step: Step): void {
  log(step, 'asked', step.state.clientId, step.state.entryId);
  // Counted from the asking, not from the workflow's start (a durable start may come a little later).
  adminTurn(step, step.state.askedAt);
  notifyAdmins(step, 'moderation/asked', 'question_asked', { decideBy: step.state.moderation.decideBy! });
}

export function moderateRefusal(state: QuestionState, by: Actor, entryId: string | null): void {
  requireAdmin(state, by);
  requireStatus(state, 'in_moderation');
  if (entryId !== null) requireEntry(entryId, 'The reason and recommendation (an entry)');
}

function decided(step: Step): void {
  Object.assign(step.state.moderation, { turn: 'done', decideBy: null, clarifyBy: null });
}

export function publishQuestion(step: Step, by: Actor): void {
  log(step, 'published', by.userId, null);
  decided(step);
  step.state.publishedAt = step.now;
  setStatus(step, 'published');
  notify(step, 'moderation/published', [step.state.clientId], 'question_published');
}

export function deleteQuestion(step: Step, by: Actor, entryId: string): void {
  log(step, 'deleted', by.userId, entryId);
  decided(step);
  setStatus(step, 'deleted');
  notify(step, 'moderation/deleted', [step.state.clientId], 'question_deleted', { entryId });
}

export function returnQuestion(step: Step, by: Actor, entryId: string): void {
  log(step, 'returned', by.userId, entryId);
  decided(step);
  setStatus(step, 'returned');
  notify(step, 'moderation/returned', [step.state.clientId], 'question_returned', { entryId });
}

export function requestModerationClarification(step: Step, by: Actor, entryId: string): void {
  const { state, now } = step;
  log(step, 'clarification_requested', by.userId, entryId);
  Object.assign(state.moderation, {
    turn: 'client',
    decideBy: null,
    escalatedAt: null,
    clarifyBy: now + state.settings.clarificationWaitMs,
  });
  setStatus(step, 'awaiting_clarification');
  notify(step, `moderation/clarification-${state.moderation.log.length}`, [state.clientId], 'clarification_requested', {
    entryId,
    clarifyBy: state.moderation.clarifyBy!,
  });
}

export function supplyModerationClarificationRefusal(state: QuestionState, by: Actor, entryId: string): void {
  requireClient(state, by);
  if (state.status !== 'awaiting_clarification')
    refuse('QUESTION_NO_OPEN_CLARIFICATION', 'The administration has not asked you for a clarification.');
  requireEntry(entryId, 'The clarification (an entry)');
}

export function supplyModerationClarification(step: Step, entryId: string): void {
  log(step, 'clarified', step.state.clientId, entryId);
  adminTurn(step);
  setStatus(step, 'in_moderation');
  notifyAdmins(step, `moderation/clarified-${step.state.moderation.log.length}`, 'clarification_supplied', {
    entryId,
    decideBy: step.state.moderation.decideBy!,
  });
}

/** QA-1: the administration's turn passed its deadline: escalate once for this turn. */
export function moderationOverdue(step: Step): void {
  const { moderation } = step.state;
  if (moderation.turn !== 'admin' || moderation.escalatedAt !== null || moderation.decideBy === null || step.now < moderation.decideBy)
    return;
  moderation.escalatedAt = step.now;
  escalate(
    step,
    `moderation/overdue-${moderation.log.length}`,
    'moderation_overdue',
    `moderation turn due ${new Date(moderation.decideBy).toISOString()}`,
  );
}

/** The client never clarified: the question lapses (nothing promised, nothing paid). */
export function clarificationLapsed(step: Step): void {
  const { moderation } = step.state;
  if (moderation.turn !== 'client' || moderation.clarifyBy === null || step.now < moderation.clarifyBy) return;
  log(step, 'lapsed', null, null);
  decided(step);
  setStatus(step, 'lapsed');
  notify(step, 'moderation/lapsed', [step.state.clientId], 'question_lapsed');
}

export function requireModerationClarificationRequest(state: QuestionState, by: Actor, entryId: string): void {
  moderateRefusal(state, by, entryId);
  if (state.moderation.turn !== 'admin') refuse('QUESTION_STATE_CONFLICT', 'The client is already asked for a clarification.');
}
