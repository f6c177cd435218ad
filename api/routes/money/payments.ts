import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { SandboxAcquirer } from '../../../services/money/payments/sandbox-acquirer.ts';
import { SIGNATURE_HEADER } from '../../../services/money/payments/webhook-signature.ts';
import { handleProviderEvent } from '../../../services/money/payments/webhook.ts';
import { problemResponses, Uuid } from '../../schemas.ts';
import { formatMinorUnits } from '../../../domain/money-format.ts';

// The acquirer's side of the API: its signed webhook (PAY-3), and — for the built-in sandbox
// acquirer only — its hosted checkout page. Neither takes a user's token: the webhook is
// authenticated by its HMAC signature, the checkout by its unguessable id (as real hosted
// checkouts are), and the checkout can only complete a payment a workflow started.

const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, payments, temporal } = app.deps;
  // The signature covers the exact bytes sent, so the body is kept raw here.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/webhook',
    {
      schema: {
        tags: ['payments'],
        description: `Acquirer events (payment, refund, payout outcomes), signed with HMAC-SHA256 in the \`${SIGNATURE_HEADER}\` header. Idempotent: redelivered, late and out-of-order events move money at most once.`,
        response: {
          200: z.object({ received: z.literal(true), duplicate: z.boolean() }),
          ...problemResponses(400, 401, 404, 503),
        },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new DomainError('VALIDATION_FAILED', 'Send the event as application/json.');
      const event = payments.parseWebhook(request.body, request.headers);
      const { duplicate } = await handleProviderEvent({ db, client: temporal.client, log: request.log }, payments.name, event);
      return { received: true as const, duplicate };
    },
  );
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function checkoutPage(checkout: { id: string; amount: bigint; currency: string; description: string; status: string }): string {
  const body =
    checkout.status === 'pending'
      ? `<form method="post" action="${checkout.id}/pay"><button type="submit">Pay</button></form>
         <form method="post" action="${checkout.id}/decline"><button type="submit">Decline</button></form>`
      : `<p>This payment is ${checkout.status === 'succeeded' ? 'paid' : 'declined'}. You can close this page.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox checkout</title></head>
<body><h1>Sandbox acquirer</h1><p>${escapeHtml(checkout.description)}</p>
<p><strong>${escapeHtml(formatMinorUnits(checkout.amount, checkout.currency))}</strong></p>${body}</body></html>`;
}

// The hosted page runs no script and loads nothing; its forms post only to itself, and no other
// site may frame it (a framed Pay button could be clickjacked). Replaces the API-wide CSP.
const CHECKOUT_HEADERS = {
  'content-security-policy': "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

const checkoutRoutes: FastifyPluginAsyncZod = async (app) => {
  if (!(app.deps.payments instanceof SandboxAcquirer)) return;
  const acquirer: SandboxAcquirer = app.deps.payments;
  // The page's buttons post empty forms; the body is read (within a small limit) and ignored.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) =>
    done(null, {}),
  );
  const params = z.object({ id: Uuid });
  const html = { 200: z.string().describe('HTML page'), ...problemResponses(400, 404) };

  async function page(id: string) {
    const checkout = await acquirer.checkout(id);
    if (!checkout || checkout.kind !== 'payment') throw new DomainError('NOT_FOUND', 'No such checkout.');
    return checkoutPage(checkout);
  }

  app.get(
    '/checkout/:id',
    { schema: { tags: ['payments'], description: 'Sandbox acquirer: the hosted checkout page.', params, response: html } },
    async (request, reply) =>
      reply
        .headers(CHECKOUT_HEADERS)
        .type('text/html; charset=utf-8')
        .send(await page(request.params.id)),
  );

  for (const decision of ['pay', 'decline'] as const) {
    app.post(
      `/checkout/:id/${decision}`,
      {
        schema: {
          tags: ['payments'],
          description: `Sandbox acquirer: the payer chooses "${decision}"; the outcome reaches the service by webhook.`,
          params,
          response: html,
        },
      },
      async (request, reply) => {
        const decided = await acquirer.decide(request.params.id, decision);
        if (!decided || decided.kind !== 'payment') throw new DomainError('NOT_FOUND', 'No such checkout.');
        return reply
          .headers(CHECKOUT_HEADERS)
          .type('text/html; charset=utf-8')
          .send(await page(request.params.id));
      },
    );
  }
};

export { checkoutRoutes, webhookRoutes };
