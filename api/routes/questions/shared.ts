import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, QuestionState } from '../../../domain/questions/contract.ts';
import type { QuestionDeps } from '../../../services/questions/asking.ts';
import { questionDetail } from '../../../services/questions/read-models/detail.ts';
import { idempotencyOf } from '../../idempotency.ts';
import { currentUser } from '../../plugins/auth.ts';
import { Uuid } from '../../schemas.ts';
import { questionView, type QuestionView } from './views.ts';

// What the question routes share: the services' dependencies, the actor, the request's key, and
// the view of the state a command returned.

export function questionDeps(app: FastifyInstance): QuestionDeps {
  const { db, temporal, config, faults } = app.deps;
  return { db, temporal, faults, terms: { currency: config.QUESTION_CURRENCY, commissionBps: config.QUESTION_COMMISSION_BPS } };
}

export const actorOf = (request: FastifyRequest): Actor => {
  const user = currentUser(request);
  return { userId: user.userId, role: user.role };
};

/** The Idempotency-Key, or a fresh key (each request without one is a new one). */
export const keyOf = (request: FastifyRequest): string => idempotencyOf(request)?.key ?? randomUUID();

/** The question after a command, as the actor sees it. */
export async function viewAfter(deps: QuestionDeps, state: QuestionState, by: Actor): Promise<QuestionView> {
  const row = await deps.db.question.findUniqueOrThrow({ where: { id: state.questionId } });
  return questionView({ ...(await questionDetail(deps.db, row, state, by)), source: 'workflow', reader: by });
}

export const RoundParams = z.object({ id: Uuid, round: z.coerce.number().int().min(1).max(1000) });
export const BidParams = z.object({ id: Uuid, bidId: z.string().regex(/^bid-\d{1,6}$/, 'a bid id like bid-1') });
export const ProposalParams = z.object({ id: Uuid, proposalId: z.string().regex(/^extra-\d{1,6}$/, 'a proposal id like extra-1') });

export const Text = (max: number, min = 1) => z.string().trim().min(min).max(max);
export const FileIds = z.array(Uuid).max(10).default([]);
