import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { answerRatingsOf } from '../../../services/questions/read-models/questions.ts';
import { findListedSpecialist } from '../../../services/specialists/read-models/directory.ts';
import { IdParams, problemResponses } from '../../schemas.ts';

// QA-8: clients' ratings of a specialist's answers, with their comments, on the public profile
// (the profile's average, GET /v1/specialists/{id}, counts them with the consultations' ratings).
const answerRatingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/specialists/:id/answer-ratings',
    {
      schema: {
        tags: ['specialists'],
        description:
          "QA-8: the newest 50 ratings (1–5) and comments clients gave the specialist's answers. Public; 404 for anyone not listed.",
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                questionId: z.string(),
                round: z.number().int(),
                score: z.number().int(),
                comment: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) => {
      if (!(await findListedSpecialist(db, request.params.id))) throw new DomainError('NOT_FOUND', 'No such specialist.');
      const rows = await answerRatingsOf(db, request.params.id, 50);
      return {
        items: rows.map((r) => ({
          questionId: r.questionId,
          round: r.round,
          score: r.score,
          comment: r.comment,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};

export default answerRatingRoutes;
