import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { CONTRACT_TEMPLATES } from '../../../domain/orders/contract-templates.ts';
import { DOC_MAX_DAYS, DOC_MIN_DAYS, SUBSCRIPTION_UNITS } from '../../../domain/orders/deadlines.ts';
import { MAX_AMOUNT_MINOR } from '../../../domain/money-contract.ts';
import { PER_PAGE_KINDS, SERVICE_KINDS } from '../../../domain/orders/model.ts';
import { addService, changeService } from '../../../services/orders/catalogue.ts';
import { offeredServices } from '../../../services/orders/read-models/catalogue.ts';
import { hashBody, idempotencyOf, idempotent } from '../../idempotency.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';

// The price list (PAY-4: an order keeps the price it was placed at; edits here never touch it).
export const ServiceView = z
  .object({
    id: z.string(),
    kind: z.enum(SERVICE_KINDS),
    title: z.string(),
    description: z.string(),
    price: z.number().int().describe('minor units; per page where perPage (EL-DOC-2)'),
    currency: z.string(),
    perPage: z.boolean(),
    docDays: z.number().int().nullable().describe('EL-DOC-1: calendar days for document work'),
    commissionBps: z.number().int().describe("the platform's share on delivery, in basis points"),
    contractTemplateId: z.string().nullable(),
    subscriptionUnit: z.enum(SUBSCRIPTION_UNITS).nullable(),
    subscriptionPeriods: z.number().int().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'CatalogueService' });

type ServiceRow = Omit<z.infer<typeof ServiceView>, 'price' | 'subscriptionUnit'> & { price: bigint; subscriptionUnit: string | null };
const serviceView = (row: ServiceRow): z.infer<typeof ServiceView> => ({
  ...row,
  price: Number(row.price),
  subscriptionUnit: row.subscriptionUnit as z.infer<typeof ServiceView>['subscriptionUnit'],
});

// Issue 14: every order opens a payment (EL-ORD-2) and a payment of 0 cannot exist, so a price
// of 0 is refused here rather than leaving an order whose workflow fails; a free service would
// need its own path without a payment step, which the source document does not describe. A
// price is at most MAX_AMOUNT_MINOR (10^12 minor units), and an order's total too (a per-page
// price × pages above it is refused when ordering), so every sum of money stays exact.
const Price = z
  .number()
  .int()
  .min(1, 'a service costs at least 1 minor unit; free services have no payment path')
  .max(MAX_AMOUNT_MINOR, `at most ${MAX_AMOUNT_MINOR} minor units`)
  .describe(`minor units, 1 … ${MAX_AMOUNT_MINOR}; per page where perPage (EL-DOC-2)`);

const PRICE_RULES =
  `Prices are 1 … ${MAX_AMOUNT_MINOR} minor units: a price of 0 is refused (every order opens a payment; a free service ` +
  `would need its own path without one), and an order whose total (a per-page price × pages) passes ${MAX_AMOUNT_MINOR} is ` +
  'refused with 422 ORDER_TOTAL_TOO_LARGE before it is written, so every sum of money stays exact.';

const ServiceFields = z
  .object({
    kind: z.enum(SERVICE_KINDS),
    title: z.string().trim().min(3).max(200),
    description: z.string().max(5000).default(''),
    price: Price,
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217, upper case'),
    perPage: z.boolean().default(false),
    docDays: z.number().int().min(DOC_MIN_DAYS).max(DOC_MAX_DAYS).nullable().default(null),
    commissionBps: z.number().int().min(0).max(10_000).default(2000),
    contractTemplateId: z
      .enum(Object.keys(CONTRACT_TEMPLATES) as [string, ...string[]])
      .nullable()
      .default(null),
    subscriptionUnit: z.enum(SUBSCRIPTION_UNITS).nullable().default(null),
    subscriptionPeriods: z.number().int().min(1).max(120).nullable().default(null),
    active: z.boolean().default(true),
  })
  .superRefine((service, context) => {
    // What each kind needs to be ordered at all (orders-api addition): EL-DOC-2 per-page pricing,
    // EL-CON-1 a template, EL-SUB-1 a term. Refused here rather than when a client orders.
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (PER_PAGE_KINDS.includes(service.kind) !== service.perPage)
      problem('perPage', `must be ${PER_PAGE_KINDS.includes(service.kind)} for ${service.kind} (EL-DOC-2)`);
    if ((service.kind === 'contract_template') !== (service.contractTemplateId !== null))
      problem('contractTemplateId', 'set exactly for contract_template services (EL-CON-1)');
    if ((service.kind === 'subscription') !== (service.subscriptionUnit !== null && service.subscriptionPeriods !== null)) {
      problem('subscriptionUnit', 'subscriptionUnit and subscriptionPeriods are set exactly for subscription packages (EL-SUB-1)');
    }
  });

// No defaults here: a field left out of a PATCH keeps its value.
const ServicePatch = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().max(5000),
    price: Price,
    docDays: z.number().int().min(DOC_MIN_DAYS).max(DOC_MAX_DAYS).nullable(),
    commissionBps: z.number().int().min(0).max(10_000),
    active: z.boolean(),
  })
  .partial();

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/',
    {
      schema: {
        tags: ['catalogue'],
        description: 'The services on offer, with their current prices.',
        response: { 200: z.object({ items: z.array(ServiceView) }), ...problemResponses(400) },
      },
    },
    async () => ({ items: (await offeredServices(db)).map(serviceView) }),
  );
};

export const adminCatalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));

  app.post(
    '/',
    {
      schema: {
        tags: ['admin'],
        security,
        description: `Adds a service to the price list. ${PRICE_RULES}`,
        headers: IdempotencyHeaders,
        body: ServiceFields,
        response: { 201: ServiceView, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      // A retried create with the same Idempotency-Key returns the first service (orders-api addition).
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () =>
        serviceView(await addService(db, request.body, idempotencyOf(request))),
      );
      return body;
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        security,
        params: IdParams,
        description: `PAY-4: change a price; orders already placed keep theirs. ${PRICE_RULES}`,
        body: ServicePatch,
        response: { 200: ServiceView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => serviceView(await changeService(db, request.params.id, request.body)),
  );
};
