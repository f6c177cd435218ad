import {
  consultationWorkflowId,
  FINAL_CONSULTATION_STATUSES,
  type ConsultationAudience,
  type ConsultationState,
  type ConsultationStatus,
  type EscalationReason,
  type SystemMessage,
} from '../contract.ts';
import type { ConsultationEffect, ConsultationEvent } from './types.ts';

// One transition in progress: a private copy of the state plus what it produced. The rule
// modules change `step.state` through these helpers, so `decide` stays a pure function of its
// arguments (the caller's state object is never touched).

export interface Step {
  readonly now: number;
  state: ConsultationState;
  events: ConsultationEvent[];
  effects: ConsultationEffect[];
}

export const isFinal = (status: ConsultationStatus): boolean => FINAL_CONSULTATION_STATUSES.includes(status);

/** The state is plain JSON (it is mirrored and carried across continue-as-new). */
export const copyState = (state: ConsultationState): ConsultationState => JSON.parse(JSON.stringify(state)) as ConsultationState;

export function event(step: Step, kind: string, detail?: string): void {
  step.events.push(detail === undefined ? { kind, at: step.now } : { kind, at: step.now, detail });
}

export function setStatus(step: Step, status: ConsultationStatus): void {
  if (step.state.status !== status) event(step, 'status', `${step.state.status} → ${status}`);
  step.state.status = status;
  if (isFinal(status)) step.state.closedAt = step.now;
}

/** Dedupe keys derive from the workflow id, so a retried activity posts or mails once. */
const keyOf = (step: Step, key: string): string => `${consultationWorkflowId(step.state.consultationId)}/${key}`;

/** A system message in the conversation, seen by both sides (CHAT-3…CHAT-5). */
export function systemMessage(step: Step, key: string, code: SystemMessage['code'], params: SystemMessage['params'] = {}): void {
  step.effects.push({ kind: 'postSystemMessage', dedupeKey: keyOf(step, key), message: { code, params } });
}

export function notify(
  step: Step,
  key: string,
  audience: ConsultationAudience[],
  code: SystemMessage['code'],
  params: SystemMessage['params'] = {},
): void {
  step.effects.push({ kind: 'notify', dedupeKey: keyOf(step, key), audience, message: { code, params } });
}

export function escalate(step: Step, key: string, reason: EscalationReason, detail: string): void {
  step.effects.push({ kind: 'escalate', dedupeKey: keyOf(step, key), reason, detail });
}

export const keyStem = (step: Step): string => consultationWorkflowId(step.state.consultationId);
