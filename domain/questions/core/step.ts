import {
  FINAL_QUESTION_STATUSES,
  FINAL_ROUND_STATUSES,
  questionWorkflowId,
  type QuestionEscalationReason,
  type QuestionMessage,
  type QuestionRound,
  type QuestionState,
  type QuestionStatus,
  type RoundStatus,
} from '../contract.ts';
import type { QuestionEffect, QuestionEvent } from './types.ts';

// One transition in progress: a private copy of the state plus what it produced. The rule
// modules change `step.state` through these helpers, so `decide` stays a pure function of its
// arguments (the caller's state object is never touched).

export interface Step {
  readonly now: number;
  state: QuestionState;
  events: QuestionEvent[];
  effects: QuestionEffect[];
}

export const isFinal = (status: QuestionStatus): boolean => FINAL_QUESTION_STATUSES.includes(status);
export const isFinalRound = (status: RoundStatus): boolean => FINAL_ROUND_STATUSES.includes(status);

/** The state is plain JSON (it is mirrored and carried across continue-as-new). */
export const copyState = (state: QuestionState): QuestionState => JSON.parse(JSON.stringify(state)) as QuestionState;

export function event(step: Step, kind: string, detail?: string): void {
  step.events.push(detail === undefined ? { kind, at: step.now } : { kind, at: step.now, detail });
}

/** Sets a final (or moderation) status of the question; the working statuses follow the rounds (index.ts syncStatus). */
export function setStatus(step: Step, status: QuestionStatus): void {
  if (step.state.status !== status) event(step, 'status', `${step.state.status} → ${status}`);
  step.state.status = status;
  if (isFinal(status)) step.state.closedAt = step.now;
}

export function setRoundStatus(step: Step, round: QuestionRound, status: RoundStatus): void {
  if (round.status !== status) event(step, 'round_status', `round ${round.no}: ${round.status} → ${status}`);
  round.status = status;
  if (isFinalRound(status)) round.closedAt = step.now;
}

export const keyStem = (step: Step): string => questionWorkflowId(step.state.questionId);

/** Dedupe keys derive from the workflow id, so a retried activity mails once. */
const keyOf = (step: Step, key: string): string => `${keyStem(step)}/${key}`;

export function notify(
  step: Step,
  key: string,
  recipients: string[],
  code: QuestionMessage['code'],
  params: QuestionMessage['params'] = {},
  admins = false,
): void {
  step.effects.push({ kind: 'notify', dedupeKey: keyOf(step, key), recipients, admins, message: { code, params } });
}

export function notifyAdmins(step: Step, key: string, code: QuestionMessage['code'], params: QuestionMessage['params'] = {}): void {
  notify(step, key, [], code, params, true);
}

export function escalate(step: Step, key: string, reason: QuestionEscalationReason, detail: string): void {
  step.effects.push({ kind: 'escalate', dedupeKey: keyOf(step, key), reason, detail });
}

/** The round taking work or payment now (at most one at a time), if any. */
export const activeRound = (state: QuestionState): QuestionRound | undefined =>
  state.rounds.find((r) => r.status === 'in_work' || r.status === 'overdue' || r.status === 'awaiting_payment');
