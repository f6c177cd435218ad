import { z } from 'zod';
import {
  BID_STATUSES,
  COMPLAINT_DECISIONS,
  DATE_PROPOSAL_STATUSES,
  PROPOSAL_STATUSES,
  QUESTION_PAYMENT_STATUSES,
  QUESTION_STATUSES,
  ROUND_KINDS,
  ROUND_STATUSES,
  type QuestionState,
} from '../../../domain/questions/contract.ts';
import { QUESTION_TOPICS } from '../../../domain/questions/topics.ts';
import type { QuestionRow, QuestionVisibility, Reader } from '../../../services/questions/access.ts';
import type { AnswerView as AnswerRowView } from '../../../services/questions/answers.ts';

// How questions look over the API. Instants in the workflow's state are epoch milliseconds,
// amounts integer minor units of `currency` (PAY-1). What a reader sees depends on who they are:
// the client and the administration see everything; a specialist sees their own bids and rounds;
// a visitor the question's title and text only (no attachments, no bids).
const epochMs = z.number().describe('epoch milliseconds');
const amount = z.number().int();

export const BidderView = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    ratingAverage: z.number().nullable().describe('QA-8: average stars (0–5, two decimals); null before the first rating'),
    ratingCount: z.number().int(),
    profile: z.string().describe("the specialist's public profile (and portfolio, ACC-7)"),
  })
  .meta({ id: 'QuestionBidder' });
export type BidderView = z.infer<typeof BidderView>;

const BidView = z
  .object({
    id: z.string(),
    specialist: BidderView,
    price: amount.describe('0 = free'),
    explanationEntryId: z.string().describe("QA-3: the price's explanation, an entry of the question's history"),
    explanation: z.string().nullable(),
    promisedAt: epochMs.describe('QA-3: the promised publication date'),
    madeAt: epochMs,
    version: z.number().int().describe('QA-4: choose the version you saw; a changed bid is refused (409 QUESTION_BID_CHANGED)'),
    updatedAt: epochMs,
    status: z.enum(BID_STATUSES),
  })
  .meta({ id: 'QuestionBid' });

const PaymentView = z
  .object({
    key: z.string(),
    amount,
    checkoutUrl: z.string().nullable().describe('QA-6: where the client pays for the full answer'),
    status: z.enum(QUESTION_PAYMENT_STATUSES),
    openedAt: epochMs,
    expiresAt: epochMs,
    paidAt: epochMs.nullable(),
  })
  .meta({ id: 'QuestionPayment' });

const RoundView = z
  .object({
    no: z.number().int().describe('1 = the chosen bid; 2… = extra drawings (QA-7) or another bid after a missed date (QA-10)'),
    kind: z.enum(ROUND_KINDS),
    bidId: z.string().nullable(),
    proposalId: z.string().nullable(),
    specialistId: z.string(),
    price: amount,
    chosenAt: epochMs,
    promisedAt: epochMs,
    missedAt: epochMs.nullable().describe('QA-10: the promised date passed unpublished'),
    dateProposals: z.array(
      z.object({ proposedAt: epochMs, promisedAt: epochMs, status: z.enum(DATE_PROPOSAL_STATUSES), answeredAt: epochMs.nullable() }),
    ),
    clarifications: z.array(
      z.object({ askedAt: epochMs, requestEntryId: z.string(), answeredAt: epochMs.nullable(), answerEntryId: z.string().nullable() }),
    ),
    answer: z
      .object({
        answerId: z.string(),
        publishedAt: epochMs,
        digest: z.string().nullable().describe('QA-6: SHA-256 of the full answer, fixed at preview time (null for a free answer)'),
      })
      .nullable(),
    fullAnswerOpen: z.boolean(),
    fullAnswerOpenedAt: epochMs.nullable(),
    payments: z.array(PaymentView),
    complaintDeadline: epochMs.nullable().describe('QA-9: 3 working days after the full answer opened'),
    complaint: z
      .object({
        openedAt: epochMs,
        reasonEntryId: z.string(),
        decideBy: epochMs,
        decision: z.enum(COMPLAINT_DECISIONS).nullable(),
        refundAmount: amount.nullable(),
        decidedAt: epochMs.nullable(),
      })
      .nullable(),
    settlement: z
      .object({ at: epochMs, toSpecialist: amount, toPlatform: amount, returnedToClient: amount })
      .nullable()
      .describe('PAY-2: where the captured price went'),
    rateable: z.boolean().describe('QA-8: the client may rate this answer'),
    status: z.enum(ROUND_STATUSES),
    closedAt: epochMs.nullable(),
  })
  .meta({ id: 'QuestionRound' });

const ProposalView = z
  .object({
    id: z.string(),
    specialistId: z.string(),
    afterRound: z.number().int(),
    entryId: z.string(),
    price: amount,
    promisedAt: epochMs,
    madeAt: epochMs,
    expiresAt: epochMs,
    status: z.enum(PROPOSAL_STATUSES),
    round: z.number().int().nullable(),
  })
  .meta({ id: 'QuestionExtraDrawingsProposal' });

const ModerationView = z
  .object({
    turn: z.enum(['admin', 'client', 'done']),
    decideBy: epochMs.nullable().describe('QA-1: the administration decides by then, or it escalates'),
    clarifyBy: epochMs.nullable(),
    log: z.array(z.object({ at: epochMs, action: z.string(), by: z.string().nullable(), entryId: z.string().nullable() })),
  })
  .meta({ id: 'QuestionModeration' });

export const QuestionView = z
  .object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    topic: z.enum(QUESTION_TOPICS),
    attachmentFileIds: z.array(z.string()).nullable().describe('vetted specialists, the client and the administration only'),
    previousQuestionId: z.string().nullable().describe('QA-1: the returned question this one asks again'),
    clientId: z.string().nullable(),
    status: z.enum(QUESTION_STATUSES),
    currency: z.string(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    bidCount: z.number().int(),
    moderation: ModerationView.nullable(),
    bids: z.array(BidView).describe("QA-3/QA-4: side by side, with each specialist's rating (a specialist sees only their own)"),
    rounds: z.array(RoundView),
    proposals: z.array(ProposalView),
    source: z.enum(['workflow', 'mirror']),
  })
  .meta({ id: 'Question' });
export type QuestionView = z.infer<typeof QuestionView>;

export interface QuestionViewInput {
  row: QuestionRow;
  visibility: QuestionVisibility;
  state: QuestionState | null;
  source: 'workflow' | 'mirror';
  reader: Reader | null;
  bidders: Map<string, BidderView>;
  texts: Map<string, { body: string }>;
}

export function questionView(input: QuestionViewInput): QuestionView {
  const { row, state, reader } = input;
  const insider = reader !== null && (reader.role === 'admin' || reader.userId === row.clientId);
  const mine = (specialistId: string) => insider || reader?.userId === specialistId;
  const bids = (state?.bids ?? []).filter((b) => mine(b.specialistId));
  const unknownBidder = (id: string): BidderView => ({
    id,
    name: null,
    ratingAverage: null,
    ratingCount: 0,
    profile: `/v1/specialists/${id}`,
  });
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    topic: row.topic,
    attachmentFileIds: input.visibility === 'full' ? row.attachmentFileIds : null,
    previousQuestionId: row.previousQuestionId,
    clientId: insider ? row.clientId : null,
    status: (state?.status ?? row.status) as QuestionView['status'],
    currency: row.currency,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    bidCount: (state?.bids ?? []).filter((b) => b.status === 'live' || b.status === 'chosen').length,
    moderation: insider && state ? state.moderation : null,
    bids: bids.map((b) => ({
      ...b,
      specialist: input.bidders.get(b.specialistId) ?? unknownBidder(b.specialistId),
      explanation: input.texts.get(b.explanationEntryId)?.body ?? null,
    })),
    rounds: (state?.rounds ?? []).filter((r) => mine(r.specialistId)),
    proposals: (state?.proposals ?? []).filter((p) => mine(p.specialistId)),
    source: input.source,
  };
}

export const AnswerPartView = z.object({ body: z.string(), fileIds: z.array(z.string()) });

export const AnswerView = z
  .object({
    round: z.number().int(),
    specialistId: z.string(),
    publishedAt: z.string().nullable(),
    digest: z.string().describe('QA-6: SHA-256 (hex) of the full answer, computed when the preview was stored'),
    preview: AnswerPartView.nullable(),
    full: AnswerPartView.nullable().describe('QA-6: null until the payment reached the platform (a free answer: at once)'),
    locked: z.boolean(),
  })
  .meta({ id: 'QuestionAnswer' });

export const answerView = (answer: AnswerRowView): z.infer<typeof AnswerView> => ({
  ...answer,
  publishedAt: answer.publishedAt?.toISOString() ?? null,
});

export const EntryView = z
  .object({
    id: z.string(),
    kind: z.string(),
    authorId: z.string().nullable(),
    body: z.string(),
    fileIds: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'QuestionEntry' });

export const entryView = (entry: {
  id: string;
  kind: string;
  authorId: string | null;
  body: string;
  fileIds: string[];
  createdAt: Date;
}) => ({
  ...entry,
  createdAt: entry.createdAt.toISOString(),
});

/** A list item: the question without its process detail. */
export const QuestionSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    topic: z.enum(QUESTION_TOPICS),
    attachmentFileIds: z.array(z.string()).nullable().describe('vetted specialists only (and the client, in their own list)'),
    status: z.string(),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'QuestionSummary' });

export const questionSummary = (row: QuestionRow, withAttachments: boolean): z.infer<typeof QuestionSummary> => ({
  id: row.id,
  title: row.title,
  text: row.text,
  topic: row.topic,
  attachmentFileIds: withAttachments ? row.attachmentFileIds : null,
  status: row.status,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});
