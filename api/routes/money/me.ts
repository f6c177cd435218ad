import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { balancesOf } from '../../../services/money/ledger/statement.ts';
import { requestWithdrawal } from '../../../services/money/payments/withdrawals.ts';
import { findWithdrawal, withdrawalsOf } from '../../../services/money/read-models/withdrawals.ts';
import { statementOf } from '../../../services/money/read-models/statement.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdParams, problemResponses } from '../../schemas.ts';
import { Balance, Currency, Movement, statementPage, WithdrawalView, withdrawalView } from './views.ts';

// The cabinet's money (ACC-8 "Balance": balance and statement) and PAY-5 withdrawals.
// Amounts are integer minor units (PAY-1).

const moneyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, payments } = app.deps;
  const security = [{ bearerAuth: [] }];

  app.get(
    '/me/balance',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['money'],
        security,
        description: 'ACC-8: available and held money per currency.',
        response: { 200: z.object({ balances: z.array(Balance) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ balances: await balancesOf(db, currentUser(request).userId) }),
  );

  app.get(
    '/me/statement',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['money'],
        security,
        description: 'ACC-8: my money movements, newest first, with what each was for.',
        querystring: PageQuery.extend({ currency: Currency.optional() }),
        response: { 200: pageOf(Movement), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { currency, ...page } = request.query;
      return statementPage(await statementOf(db, currentUser(request).userId, { currency }, pageRequest(page)), page.limit);
    },
  );

  app.post(
    '/me/withdrawals',
    {
      onRequest: app.requireRole('specialist'),
      schema: {
        tags: ['money'],
        security,
        description:
          'PAY-5: withdraw earnings, 3 working days after the answer was published, at most twice a calendar month. Answers 202; the payout completes asynchronously.',
        headers: z.object({
          'idempotency-key': z.string().min(8).max(200).describe('Required: a retry with the same key returns the same withdrawal.'),
        }),
        body: z.object({
          amount: z.number().int().positive(),
          currency: Currency,
          destination: z.string().trim().min(4).max(100).describe('Payout destination, e.g. a card token'),
        }),
        response: { 202: WithdrawalView, ...problemResponses(400, 401, 403, 422, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = currentUser(request);
      const key = `${userId}:${request.headers['idempotency-key']}`;
      const row = await requestWithdrawal(db, payments, { key, specialistUserId: userId, ...request.body });
      return reply.code(202).header('location', `/v1/me/withdrawals/${row.id}`).send(withdrawalView(row));
    },
  );

  app.get(
    '/me/withdrawals',
    {
      onRequest: app.requireRole('specialist'),
      schema: {
        tags: ['money'],
        security,
        querystring: PageQuery,
        response: { 200: pageOf(WithdrawalView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await withdrawalsOf(db, currentUser(request).userId, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, withdrawalView);
    },
  );

  app.get(
    '/me/withdrawals/:id',
    {
      onRequest: app.requireRole('specialist'),
      schema: {
        tags: ['money'],
        security,
        params: IdParams,
        response: { 200: WithdrawalView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await findWithdrawal(db, request.params.id);
      if (!row || row.specialistUserId !== currentUser(request).userId) throw new DomainError('NOT_FOUND', 'No such withdrawal.');
      return withdrawalView(row);
    },
  );
};

export default moneyRoutes;
