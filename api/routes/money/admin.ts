import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { findUser } from '../../../services/accounts/read-models/users.ts';
import { ledgerAccountsOf, listLedgerAccounts } from '../../../services/money/read-models/accounts.ts';
import { statementOf } from '../../../services/money/read-models/statement.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { IdParams, problemResponses } from '../../schemas.ts';
import { AccountView, accountView, Currency, Movement, statementPage } from './views.ts';
import { LEDGER_ACCOUNT_KINDS } from '../../../domain/money-contract.ts';

// The administration's view of the books: any user's accounts and statement, and every
// ledger account (users' and the platform's: clearing, escrow, revenue, refunds, payouts).
const adminMoneyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['admin', 'money'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));

  // A mistyped id is a 404 on every view of a user's money, not an empty statement.
  async function knownUser(id: string) {
    const user = await findUser(db, id);
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
      const accounts = await ledgerAccountsOf(db, user.id);
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
    async (request) => {
      const { currency, ...page } = request.query;
      const user = await knownUser(request.params.id);
      return statementPage(await statementOf(db, user.id, { currency }, pageRequest(page)), page.limit);
    },
  );

  app.get(
    '/ledger/accounts',
    {
      schema: {
        tags,
        security,
        description: 'Every ledger account, newest first; filter by kind (user, escrow, revenue …) and currency.',
        querystring: PageQuery.extend({
          kind: z.enum(LEDGER_ACCOUNT_KINDS).optional(),
          currency: Currency.optional(),
        }),
        response: { 200: pageOf(AccountView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, kind, currency } = request.query;
      const rows = await listLedgerAccounts(db, { kind, currency }, pageRequest({ limit, cursor }));
      return toPage(rows, limit, (row) => row.createdAt, accountView);
    },
  );
};

export default adminMoneyRoutes;
