import type { Actor, QuestionRound, QuestionState, QuestionStatus } from '../contract.ts';
import { isFinal } from './step.ts';
import type { Refusal } from './types.ts';

// Checks shared by the rules' refusals. A check throws `Refused`; `refusal()` in index.ts
// catches it and returns the refusal as data, so the update validators (which must be
// synchronous) and the API get the same stable code and message.

export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(code: Refusal['code'], message: string): never {
  throw new Refused({ code, message });
}

const spaced = (status: string): string => status.replace(/_/g, ' ');

/** QA-1: until published, only its client and the administration know a question exists (404 for anyone else). */
export function requireVisible(state: QuestionState, by: Actor): void {
  const public_ = state.publishedAt !== null;
  if (!public_ && by.role !== 'admin' && by.userId !== state.clientId) refuse('NOT_FOUND', 'No such question.');
}

export function requireClient(state: QuestionState, by: Actor): void {
  requireVisible(state, by);
  if (by.userId !== state.clientId) refuse('FORBIDDEN', 'Only the client who asked this question may do this.');
}

export function requireAdmin(state: QuestionState, by: Actor): void {
  requireVisible(state, by);
  if (by.role !== 'admin') refuse('FORBIDDEN', 'Only an administrator may do this.');
}

/** QA-3: a specialist other than the client (the service checks the vetting, SPECIALIST_NOT_VETTED, before it calls). */
export function requireSpecialist(state: QuestionState, by: Actor): void {
  requireVisible(state, by);
  if (by.role !== 'specialist' || by.userId === state.clientId) refuse('FORBIDDEN', 'Only a specialist may do this.');
}

export function requireRoundSpecialist(state: QuestionState, by: Actor, round: QuestionRound | undefined): asserts round {
  requireSpecialist(state, by);
  if (!round || round.specialistId !== by.userId) refuse('FORBIDDEN', 'Only the specialist chosen for the current round may do this.');
}

export function requireOpen(state: QuestionState): void {
  if (isFinal(state.status)) refuse('QUESTION_CLOSED', `The question is already ${spaced(state.status)}.`);
}

export function requireStatus(state: QuestionState, ...allowed: QuestionStatus[]): void {
  requireOpen(state);
  if (!allowed.includes(state.status)) refuse('QUESTION_STATE_CONFLICT', `Not possible while the question is ${spaced(state.status)}.`);
}

export function requireRoundStatus(round: QuestionRound, ...allowed: QuestionRound['status'][]): void {
  if (!allowed.includes(round.status))
    refuse('QUESTION_STATE_CONFLICT', `Not possible while round ${round.no} is ${spaced(round.status)}.`);
}

/** A whole amount of minor units, 0 or more (QA-3: 0 = free). */
export function requirePrice(price: number): void {
  if (!Number.isSafeInteger(price) || price < 0)
    refuse('VALIDATION_FAILED', `A price is a whole amount of minor units, 0 or more; got ${price}.`);
}

/** QA-3: a promised publication date between the settings' bounds from now (1–30 days by default). */
export function requirePromiseInRange(state: QuestionState, promisedAt: number, now: number): void {
  const { minPromiseLeadMs, maxPromiseLeadMs } = state.settings;
  if (!Number.isSafeInteger(promisedAt) || promisedAt < now + minPromiseLeadMs || promisedAt > now + maxPromiseLeadMs) {
    const days = (ms: number) => Math.round(ms / 86_400_000);
    refuse(
      'QUESTION_BID_DATE_OUT_OF_RANGE',
      `The promised publication date must be ${days(minPromiseLeadMs)} to ${days(maxPromiseLeadMs)} days from now (QA-3).`,
    );
  }
}

export function requireEntry(entryId: string, what: string): void {
  if (typeof entryId !== 'string' || entryId.length === 0) refuse('VALIDATION_FAILED', `${what} is required.`);
}
