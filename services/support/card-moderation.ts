import { WorkflowNotFoundError } from '@temporalio/client';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { CARD_REVIEW_MS, cardModerationWorkflowId, decideCard, resubmitCard, CARD_MODERATION_WORKFLOW_TYPE, type CardModerationWorkflow } from '../../domain/card-moderation/contract.ts';
import type { TemporalTarget } from '../platform/outbox.ts';

// SUP-8: National Catalogue cards. One moderation workflow per card keeps the 5-day review
// deadline of each round; the row mirrors it for lists.

export async function submitCard(
  db: Db,
  temporal: TemporalTarget,
  submitterId: string,
  input: { title: string; content: Record<string, unknown> },
  now = Date.now(),
) {
  const card = await db.catalogueCard.create({
    data: {
      submitterId, title: input.title, submittedAt: new Date(now), reviewDueAt: new Date(now + CARD_REVIEW_MS),
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- false positive: Prisma's JSON input type needs it (tsc fails without)
      content: input.content as object,
    },
  });
  try {
    await temporal.client.workflow.start<CardModerationWorkflow>(CARD_MODERATION_WORKFLOW_TYPE, {
      workflowId: cardModerationWorkflowId(card.id),
      taskQueue: temporal.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ cardId: card.id, submittedAt: now }],
    });
  } catch (error) {
    // Without its workflow the card would never be reviewed on time: undo so the sender can retry.
    await db.catalogueCard.delete({ where: { id: card.id } });
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The workflow service is unavailable; try again shortly.', undefined, error);
  }
  return card;
}

async function signalCard(temporal: TemporalTarget, cardId: string, send: (handle: ReturnType<TemporalTarget['client']['workflow']['getHandle']>) => Promise<void>) {
  try {
    await send(temporal.client.workflow.getHandle(cardModerationWorkflowId(cardId)));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new DomainError('CARD_NOT_IN_REVIEW', 'The card\'s moderation has ended.');
    throw error;
  }
}

export async function decideCardReview(
  db: Db,
  temporal: TemporalTarget,
  cardId: string,
  reviewerId: string,
  input: { decision: 'approve' | 'return'; errors: string[] },
) {
  const card = await db.catalogueCard.findUnique({ where: { id: cardId } });
  if (!card) throw new DomainError('NOT_FOUND', 'No such catalogue card.');
  if (card.status !== 'in_review') throw new DomainError('CARD_NOT_IN_REVIEW', `The card is ${card.status}, not in review.`);
  if (input.decision === 'return' && input.errors.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'A returned card must list its errors (SUP-8).', [{ path: 'body.errors', message: 'list at least one error' }]);
  }
  await signalCard(temporal, cardId, (h) => h.signal(decideCard, { reviewerId, decision: input.decision, errors: input.decision === 'return' ? input.errors : [] }));
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
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- false positive: Prisma's JSON input type needs it (tsc fails without)
    data: { content: input.content as object, ...(input.title && { title: input.title }) },
  });
  await signalCard(temporal, cardId, (h) => h.signal(resubmitCard));
  return updated;
}
