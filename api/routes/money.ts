import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { toNumber } from '../../services/ledger/amounts.ts';
import { balanceOf, balancesOf, movementOf } from '../../services/ledger/statement.ts';
import { requestWithdrawal } from '../../services/payments/withdrawals.ts';
import { afterCursor, orderForPaging, PageQuery, pageOf, toPage } from '../pagination.ts';
import { currentUser } from '../plugins/auth.ts';
import { IdParams, problemResponses } from '../schemas.ts';

// ACC-8 "Balance" (balance and statement), PAY-5 withdrawals, and the admin's view of any
// user's accounts. Amounts are integer minor units (PAY-1).

const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like UZS');
const Balance = z.object({ currency: z.string(), available: z.number().int(), held: z.number().int() });
const Movement = z.object({
  id: z.string(),
  at: z.string(),
  currency: z.string(),
  availableChange: z.number().int(),
  heldChange: z.number().int(),
  kind: z.string(),
  operation: z.string(),
  description: z.string(),
});
const WithdrawalView = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  destination: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  month: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

function withdrawalView(row: {
  id: string;
  amount: bigint;
  currency: string;
  destination: string;
  status: 'pending' | 'succeeded' | 'failed';
  month: string;
  createdAt: Date;
  completedAt: Date | null;
}) {
  return {
    id: row.id,
    amount: toNumber(row.amount),
    currency: row.currency,
    destination: row.destination,
    status: row.status,
    month: row.month,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

async function statementPage(
  db: Db,
  userId: string,
  query: { limit: number; cursor?: string | undefined; currency?: string | undefined },
) {
  const accounts = await db.ledgerAccount.findMany({
    where: { userId, kind: 'user', ...(query.currency && { currency: query.currency }) },
    select: { id: true },
  });
  const ids = accounts.map((a) => a.id);
  const rows = await db.ledgerTransfer.findMany({
    where: { AND: [{ OR: [{ debitAccountId: { in: ids } }, { creditAccountId: { in: ids } }] }, afterCursor(query.cursor)] },
    include: { operation: { select: { kind: true } }, pending: { select: { amount: true } } },
    orderBy: orderForPaging(),
    take: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => row.createdAt,
    (row) => movementOf(row, ids.includes(row.debitAccountId) ? row.debitAccountId : row.creditAccountId),
  );
}

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
    async (request) => statementPage(db, currentUser(request).userId, request.query),
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
          'idempotency-key': z
            .string()
            .min(8)
            .max(200)
            .describe('Required: a retry with the same key returns the same withdrawal.'),
        }),
        body: z.object({
          amount: z.number().int().positive(),
          currency: Currency,
          destination: z.string().trim().min(4).max(100).describe('Payout destination, e.g. a card token'),
        }),
        response: { 202: WithdrawalView, ...problemResponses(400, 401, 403, 422) },
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
      const rows = await db.withdrawal.findMany({
        where: { specialistUserId: currentUser(request).userId, ...afterCursor(request.query.cursor) },
        orderBy: orderForPaging(),
        take: request.query.limit + 1,
      });
      return toPage(rows, request.query.limit, (row) => row.createdAt, withdrawalView);
    },
  );

  app.get(
    '/admin/accounts/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['admin', 'money'],
        security,
        description: "A user's ledger accounts with their raw totals, and their balances.",
        params: IdParams,
        response: {
          200: z.object({
            userId: z.string(),
            accounts: z.array(
              Balance.extend({
                id: z.string(),
                code: z.string(),
                debitsPending: z.number().int(),
                debitsPosted: z.number().int(),
                creditsPending: z.number().int(),
                creditsPosted: z.number().int(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = await db.user.findUnique({ where: { id: request.params.id }, select: { id: true } });
      if (!user) throw new DomainError('NOT_FOUND', 'No such user.');
      const accounts = await db.ledgerAccount.findMany({ where: { userId: user.id }, orderBy: { currency: 'asc' } });
      return {
        userId: user.id,
        accounts: accounts.map((a) => ({
          ...balanceOf(a),
          id: a.id,
          code: a.code,
          debitsPending: toNumber(a.debitsPending),
          debitsPosted: toNumber(a.debitsPosted),
          creditsPending: toNumber(a.creditsPending),
          creditsPosted: toNumber(a.creditsPosted),
        })),
      };
    },
  );

  app.get(
    '/admin/accounts/:id/statement',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['admin', 'money'],
        security,
        params: IdParams,
        querystring: PageQuery.extend({ currency: Currency.optional() }),
        response: { 200: pageOf(Movement), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => statementPage(db, request.params.id, request.query),
  );
};

export default moneyRoutes;
