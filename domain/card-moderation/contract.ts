import { defineQuery, defineSignal } from '@temporalio/workflow';

// The catalogue-card moderation process's contract (SUP-8): a National Catalogue card is
// reviewed within 5 days of submission; returned with errors, it may be resubmitted for a new
// 5-day round. Pure: the workflow, its activities, the services and the API import it.

export const cardModerationWorkflowId = (cardId: string): string => `card-${cardId}`;
export const CARD_MODERATION_WORKFLOW_TYPE = 'cardModerationWorkflow';
export type CardModerationWorkflow = (input: CardModerationInput) => Promise<CardModerationSnapshot>;

export const CARD_REVIEW_MS = 5 * 24 * 60 * 60 * 1000;
/** A returned card nobody corrects is closed after this long, ending the workflow. */
export const RETURNED_CARD_KEPT_MS = 90 * 24 * 60 * 60 * 1000;

export const CARD_REVIEW_STATES = ['in_review', 'returned', 'approved', 'abandoned'] as const;
export type CardReviewState = (typeof CARD_REVIEW_STATES)[number];
/** The states a card is recorded and listed in: an abandoned card keeps its last recorded one. */
export const CARD_RECORDED_STATES = ['in_review', 'returned', 'approved'] as const satisfies readonly CardReviewState[];
export type CardRecordedState = (typeof CARD_RECORDED_STATES)[number];
export const CARD_DECISIONS = ['approve', 'return'] as const;
export type CardDecisionKind = (typeof CARD_DECISIONS)[number];

export interface CardModerationInput {
  cardId: string;
  submittedAt: number;
}

export interface CardDecision {
  reviewerId: string;
  decision: CardDecisionKind;
  errors: string[];
}

export interface CardRound {
  round: number;
  submittedAt: number;
  reviewDueAt: number;
  escalatedAt: number | null;
  decidedAt: number | null;
  decision: CardDecisionKind | null;
  errors: string[];
  reviewerId: string | null;
}

export interface CardModerationSnapshot {
  cardId: string;
  status: CardReviewState;
  rounds: CardRound[];
}

export const decideCard = defineSignal<[CardDecision]>('decide');
export const resubmitCard = defineSignal('resubmit');
export const cardModerationState = defineQuery<CardModerationSnapshot>('card');

/** Refusals of the card services (HTTP status in domain/errors.ts). */
export const CARD_REFUSAL_CODES = ['CARD_NOT_IN_REVIEW'] as const;

/** The activities the card-moderation workflow calls; each is idempotent. */
export interface CardModerationActivities {
  recordCardRound(input: { cardId: string; status: CardRecordedState; round: CardRound }): Promise<void>;
  escalateCardReview(input: { cardId: string; round: number; reviewDueAt: number }): Promise<void>;
  notifyCardSubmitter(input: {
    cardId: string;
    round: number;
    status: Exclude<CardRecordedState, 'in_review'>;
    errors: string[];
  }): Promise<void>;
}
