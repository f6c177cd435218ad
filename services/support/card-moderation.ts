import { DomainError } from '../../domain/errors.ts';
import { jsonValue, type Db } from '../../infra/db.ts';
import {
  CARD_REVIEW_MS,
  cardModerationWorkflowId,
  decideCard,
  resubmitCard,
  CARD_MODERATION_WORKFLOW_TYPE,
  type CardDecisionKind,
  type CardModerationWorkflow,
} from '../../domain/card-moderation/contract.ts';
import { createOnce, nameBasedUuid } from '../platform/ids.ts';
import { pendingBefore, startedOnce, startPending, type StartFaults } from '../platform/temporal/durable-start.ts';
import { signalProcess, startProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';

// SUP-8: National Catalogue cards. One moderation workflow per card keeps the 5-day review
// deadline of each round; the row mirrors it for lists. A card's workflow is started the
// durable way (platform/temporal/durable-start.ts).

export interface CardDeps {
  db: Db;
  temporal: TemporalTarget;
  faults?: StartFaults | undefined;
}

type CardRow = Awaited<ReturnType<Db['catalogueCard']['findUniqueOrThrow']>>;

export async function submitCard(
  deps: CardDeps,
  submitterId: string,
  input: { title: string; content: Record<string, unknown> },
  options: { now?: number; idempotencyKey?: string | undefined } = {},
) {
  const now = options.now ?? Date.now();
  // With a key the card's id derives from it: a retry finds the card its first attempt saved.
  const id = options.idempotencyKey === undefined ? undefined : nameBasedUuid(`card/${submitterId}/${options.idempotencyKey}`);
  const saved = id && (await deps.db.catalogueCard.findUnique({ where: { id } }));
  const card =
    saved && saved.submitterId === submitterId
      ? saved
      : await createOnce(
          () =>
            deps.db.catalogueCard.create({
              data: {
                ...(id && { id }),
                submitterId,
                title: input.title,
                content: jsonValue(input.content),
                submittedAt: new Date(now),
                reviewDueAt: new Date(now + CARD_REVIEW_MS),
                workflowStartPendingSince: new Date(),
              },
            }),
          () => (id ? deps.db.catalogueCard.findUnique({ where: { id } }) : Promise.resolve(null)),
        );
  return finishStart(deps, card);
}

async function finishStart(deps: CardDeps, card: CardRow): Promise<CardRow> {
  if (card.workflowStartPendingSince === null) return card;
  await startPending({
    faults: deps.faults,
    // From the row alone, so that the sweep starts it the same way (the first round's deadline
    // counts from the submission, not from the start).
    start: () =>
      startedOnce(() =>
        startProcess<CardModerationWorkflow>(deps.temporal, CARD_MODERATION_WORKFLOW_TYPE, {
          workflowId: cardModerationWorkflowId(card.id),
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [{ cardId: card.id, submittedAt: card.submittedAt.getTime() }],
        }),
      ),
    clear: () => deps.db.catalogueCard.update({ where: { id: card.id }, data: { workflowStartPendingSince: null } }),
  });
  return { ...card, workflowStartPendingSince: null };
}

/** The start sweep's part for cards: starts the workflows of cards a crash left pending. */
export async function startPendingCards(deps: CardDeps, options: { now: Date; graceMs: number; limit: number }): Promise<number> {
  const rows = await deps.db.catalogueCard.findMany({
    where: pendingBefore(options),
    orderBy: { workflowStartPendingSince: 'asc' },
    take: options.limit,
  });
  for (const row of rows) await finishStart({ db: deps.db, temporal: deps.temporal }, row);
  return rows.length;
}

const moderationEnded = { notFound: { code: 'CARD_NOT_IN_REVIEW', message: "The card's moderation has ended." } } as const;

export async function decideCardReview(
  db: Db,
  temporal: TemporalTarget,
  cardId: string,
  reviewerId: string,
  input: { decision: CardDecisionKind; errors: string[] },
) {
  const card = await db.catalogueCard.findUnique({ where: { id: cardId } });
  if (!card) throw new DomainError('NOT_FOUND', 'No such catalogue card.');
  if (card.status !== 'in_review') throw new DomainError('CARD_NOT_IN_REVIEW', `The card is ${card.status}, not in review.`);
  if (input.decision === 'return' && input.errors.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'A returned card must list its errors (SUP-8).', [
      { path: 'body.errors', message: 'list at least one error' },
    ]);
  }
  const decision = { reviewerId, decision: input.decision, errors: input.decision === 'return' ? input.errors : [] };
  await signalProcess(temporal, cardModerationWorkflowId(cardId), decideCard, [decision], moderationEnded);
  return card;
}

export async function resubmitCorrectedCard(
  db: Db,
  temporal: TemporalTarget,
  submitterId: string,
  cardId: string,
  input: { title?: string | undefined; content: Record<string, unknown> },
) {
  const card = await db.catalogueCard.findUnique({ where: { id: cardId } });
  if (!card || card.submitterId !== submitterId) throw new DomainError('NOT_FOUND', 'No such catalogue card of yours.');
  if (card.status !== 'returned') throw new DomainError('CARD_NOT_IN_REVIEW', 'Only a returned card can be resubmitted.');
  const updated = await db.catalogueCard.update({
    where: { id: cardId },
    data: { content: jsonValue(input.content), ...(input.title && { title: input.title }) },
  });
  await signalProcess(temporal, cardModerationWorkflowId(cardId), resubmitCard, [], moderationEnded);
  return updated;
}
