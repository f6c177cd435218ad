import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BusinessCalendar } from '../calendar.ts';

// The account-verification process's contract (ACC-4): a 16–17-year-old's court act of full
// capacity, or a legal representative's proof of authority, waits for an admin's decision; so
// does a specialist's diploma, licence or advocate's certificate (CHAT-1 vetting).
// Pure: the workflow, its activities, the services and the API import it.

export const verificationWorkflowId = (requestId: string): string => `verification-${requestId}`;
export const VERIFICATION_WORKFLOW_TYPE = 'verificationWorkflow';
export type VerificationWorkflow = (input: VerificationInput) => Promise<VerificationSnapshot>;

export const VERIFICATION_EXPIRES_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
export const REMINDER_AFTER_WORKING_DAYS = 1;

/** ACC-4: a 16–17-year-old's court act of full capacity, or a legal representative's authority. */
export const ACCOUNT_VERIFICATION_KINDS = ['court_act_full_capacity', 'representative_authority'] as const;
/**
 * CHAT-1: a specialist's credentials, vetted by the same workflow before the specialist is
 * listed, may receive chats or sees any client's data (services/specialists/vetting.ts).
 */
export const SPECIALIST_CREDENTIAL_KINDS = ['specialist_diploma', 'specialist_licence', 'advocate_certificate'] as const;
export type SpecialistCredentialKind = (typeof SPECIALIST_CREDENTIAL_KINDS)[number];
export const VERIFICATION_KINDS = [...ACCOUNT_VERIFICATION_KINDS, ...SPECIALIST_CREDENTIAL_KINDS] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];
export const isSpecialistCredential = (kind: VerificationKind): kind is SpecialistCredentialKind =>
  (SPECIALIST_CREDENTIAL_KINDS as readonly string[]).includes(kind);

export const VERIFICATION_STATES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export interface VerificationInput {
  requestId: string;
  userId: string;
  calendar: BusinessCalendar;
}

export interface VerificationDecision {
  decision: 'approve' | 'reject';
  adminId: string;
  reason?: string;
}

export interface VerificationSnapshot {
  requestId: string;
  status: VerificationState;
  submittedAt: number;
  reminderDueAt: number;
  expiresAt: number;
  remindedAt: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  reason: string | null;
}

export const decideVerification = defineSignal<[VerificationDecision]>('decide');
export const verificationStatus = defineQuery<VerificationSnapshot>('status');

// Operators find a user's pending verification by user id and status.
export const UserIdAttribute = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const VerificationStatusAttribute = defineSearchAttributeKey('VerificationStatus', SearchAttributeType.KEYWORD);
export const VERIFICATION_SEARCH_ATTRIBUTES = [UserIdAttribute, VerificationStatusAttribute] as const;

/** Refusals of the verification service (HTTP status in domain/errors.ts). */
export const VERIFICATION_REFUSAL_CODES = ['VERIFICATION_ALREADY_PENDING', 'VERIFICATION_NOT_PENDING', 'VERIFICATION_NOT_NEEDED'] as const;

/** The activities the verification workflow calls; each is idempotent. */
export interface VerificationActivities {
  remindAdminsOfVerification(input: { requestId: string; remindedAt: number }): Promise<number>;
  recordVerificationOutcome(input: {
    requestId: string;
    status: VerificationState;
    decidedAt: number;
    decidedById: string | null;
    reason: string | null;
  }): Promise<void>;
  notifyUserOfVerification(input: { requestId: string; status: VerificationState }): Promise<void>;
}
