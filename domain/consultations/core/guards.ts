import type { Actor, ConsultationParty, ConsultationState, ConsultationStatus } from '../contract.ts';
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

/** The party `by` is in this consultation, or null (an admin, or someone else). */
export function partyOf(state: ConsultationState, by: Actor): ConsultationParty | null {
  if (by.userId === state.clientId) return 'client';
  if (by.userId === state.specialistId) return 'specialist';
  return null;
}

/**
 * Only the two participants and admins know a consultation exists; anyone else is told
 * "no such consultation" (404), never "not yours" (403).
 */
export function requireVisible(state: ConsultationState, by: Actor): void {
  if (by.role !== 'admin' && partyOf(state, by) === null) refuse('NOT_FOUND', 'No such consultation.');
}

/** A participant acting for themself; returns which side they are. */
export function requireParty(state: ConsultationState, by: Actor): ConsultationParty {
  requireVisible(state, by);
  const party = partyOf(state, by);
  if (party === null) refuse('FORBIDDEN', 'Only the client and the specialist of this consultation may do this.');
  return party;
}

export function requireClient(state: ConsultationState, by: Actor): void {
  if (requireParty(state, by) !== 'client') refuse('FORBIDDEN', 'Only the client of this consultation may do this.');
}

export function requireSpecialist(state: ConsultationState, by: Actor): void {
  if (requireParty(state, by) !== 'specialist') refuse('FORBIDDEN', 'Only the specialist of this consultation may do this.');
}

export function requireAdmin(state: ConsultationState, by: Actor): void {
  requireVisible(state, by);
  if (by.role !== 'admin') refuse('FORBIDDEN', 'Only an administrator may do this.');
}

const spaced = (status: string): string => status.replace(/_/g, ' ');

export function requireStatus(state: ConsultationState, ...allowed: ConsultationStatus[]): void {
  if (isFinal(state.status)) refuse('CONSULTATION_CLOSED', `The consultation is already ${spaced(state.status)}.`);
  if (!allowed.includes(state.status))
    refuse('CONSULTATION_STATE_CONFLICT', `Not possible while the consultation is ${spaced(state.status)}.`);
}
