import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { afterCursor, orderForPaging, PageQuery, pageOf, toPage } from '../../pagination.ts';
import { IdParams, problemResponses } from '../../schemas.ts';
import { AccountView, accountView, Currency, Movement, statementPage } from './views.ts';

// The administration's view of the books: any user's accounts and statement, and every
// ledger account (users' and the platform's: clearing, escrow, revenue, refunds, payouts).
const adminMoneyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['admin', 'money'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));

  // A mistyped id is a 404 on every view of a user's money, not an empty statement.
  async function knownUser(id: string) {
    const user = await db.user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw new DomainError('NOT_FOUND', 'No such user.');
    return user;
  }

  app.get(
    '/accounts/:id',
    {
      schema: {
        tags,
        security,
        description: "A user's ledger accounts with their raw totals and balances.",
        params: IdParams,
        response: {
          200: z.object({ userId: z.string(), accounts: z.array(AccountView) }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const user = await knownUser(request.params.id);
      const accounts = await db.ledgerAccount.findMany({ where: { userId: user.id }, orderBy: { currency: 'asc' } });
      return { userId: user.id, accounts: accounts.map(accountView) };
    },
  );

  app.get(
    '/accounts/:id/statement',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        querystring: PageQuery.extend({ currency: Currency.optional() }),
        response: { 200: pageOf(Movement), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => statementPage(db, (await knownUser(request.params.id)).id, request.query),
  );

  app.get(
    '/ledger/accounts',
    {
      schema: {
        tags,
        security,
        description: 'Every ledger account, newest first; filter by kind (user, escrow, revenue …) and currency.',
        querystring: PageQuery.extend({
          kind: z.enum(['user', 'provider_clearing', 'escrow', 'revenue', 'refunds_payable', 'payouts']).optional(),
          currency: Currency.optional(),
        }),
        response: { 200: pageOf(AccountView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, kind, currency } = request.query;
      const rows = await db.ledgerAccount.findMany({
        where: { ...(kind && { kind }), ...(currency && { currency }), ...afterCursor(cursor) },
        orderBy: orderForPaging(),
        take: limit + 1,
      });
      return toPage(rows, limit, (row) => row.createdAt, accountView);
    },
  );
};

export default adminMoneyRoutes;
