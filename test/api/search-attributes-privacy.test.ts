import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchAttributePair } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationWorkflowId } from '../../domain/consultations/contract.ts';
import { orderWorkflowId } from '../../domain/orders/contract.ts';
import { ticketWorkflowId } from '../../domain/tickets/contract.ts';
import { verificationWorkflowId } from '../../domain/verification/contract.ts';
import { SEARCH_ATTRIBUTES } from '../../infra/search-attributes.ts';
import { registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { acceptCurrentTerms, newAdmin, pdfWithPages, uploadFile, type Person } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// Issue 17: search attributes are indexed by the Temporal server and shown in its UI in the
// clear (the payload codec cannot reach them), so they hold only ids, statuses, kinds, numbers,
// booleans and instants — never a name, an e-mail, a phone number or a client's words.

type Kind = 'id' | 'ids' | 'tags' | 'status' | 'statuses' | 'number' | 'boolean' | 'instant';
// Every attribute the code may set, classified by hand; a new one fails the first test until
// someone decides here that it carries no personal data.
const CLASSIFIED: Record<string, Kind> = {
  UserId: 'id',
  VerificationStatus: 'status',
  TicketNumber: 'number',
  TicketPriority: 'status',
  TicketStatus: 'status',
  TicketChannel: 'status',
  SlaBreached: 'boolean',
  NextDeadline: 'instant',
  OrderId: 'id',
  OrderClientId: 'id',
  OrderLawyerId: 'id',
  OrderKind: 'status',
  OrderStatus: 'status',
  OrderNextDeadline: 'instant',
  ConsultationParties: 'ids',
  ConsultationStatus: 'statuses',
  ConsultationNextDeadline: 'instant',
  ConsultationOpenComplaint: 'boolean',
  // QA: `client:<id>`, `specialist:<id>` and `status:<status>` in one list.
  QuestionTags: 'tags',
};
const TYPE_OF_KIND: Record<Kind, string> = {
  id: 'KEYWORD',
  ids: 'KEYWORD_LIST',
  tags: 'KEYWORD_LIST',
  status: 'KEYWORD',
  statuses: 'KEYWORD_LIST',
  number: 'INT',
  boolean: 'BOOL',
  instant: 'DATETIME',
};
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ID = new RegExp(`^((client|specialist):)?${UUID}$`);
const STATUS = /^[a-z][a-z_]{1,40}$/;
const TAG = new RegExp(`^((client|specialist):${UUID}|status:[a-z][a-z_]{1,40})$`);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

// Set by Temporal itself (worker build ids, patch markers), not by the service's code.
const SYSTEM = /^(BuildIds|Temporal[A-Za-z]+)$/;

function expectFreeOfPersonalData(workflowId: string, pairs: SearchAttributePair[], personal: string[]) {
  const ours = pairs.filter((pair) => !SYSTEM.test(pair.key.name));
  expect(ours.length, `${workflowId} has search attributes`).toBeGreaterThan(0);
  for (const { key, value } of ours) {
    const where = `${workflowId}: ${key.name} = ${JSON.stringify(value)}`;
    const kind = CLASSIFIED[key.name];
    expect(kind, where).toBeDefined();
    if (value === null) continue;
    if (kind === 'id') expect(value, where).toMatch(ID);
    if (kind === 'status') expect(value, where).toMatch(STATUS);
    if (kind === 'ids') for (const item of value as string[]) expect(item, where).toMatch(ID);
    if (kind === 'tags') for (const item of value as string[]) expect(item, where).toMatch(TAG);
    if (kind === 'statuses') for (const item of value as string[]) expect(item, where).toMatch(STATUS);
    if (kind === 'number') expect(Number.isInteger(value), where).toBe(true);
    if (kind === 'boolean') expect(typeof value, where).toBe('boolean');
    if (kind === 'instant') expect(value, where).toBeInstanceOf(Date);
    for (const text of personal) expect(JSON.stringify(value).toLowerCase(), where).not.toContain(text.toLowerCase());
  }
}

let stack: Stack;
let admin: Person;
let client: Person;
beforeAll(async () => {
  stack = await startStack();
  admin = await newAdmin(stack);
  client = await registerAndLogin(stack.app, { fullName: 'Karimova Dilnoza Rustamovna', email: `dilnoza.${randomUUID()}@example.test` });
  await acceptCurrentTerms(stack, client.auth);
});
afterAll(async () => stack?.close());

const post = (url: string, headers: Record<string, string>, payload: object) => stack.app.inject({ method: 'POST', url, headers, payload });
const attributesOf = async (workflowId: string, ready: (pairs: SearchAttributePair[]) => boolean) =>
  waitFor(async () => (await stack.client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.getAll(), ready);
const has = (name: string) => (pairs: SearchAttributePair[]) => pairs.some((pair) => pair.key.name === name);

describe('search attributes hold no personal data (issue 17)', () => {
  it('every attribute the code defines is registered and classified as an id, status, number, boolean or instant — never free text', async () => {
    expect(Object.keys(CLASSIFIED).sort()).toEqual(SEARCH_ATTRIBUTES.map((key) => key.name).sort());
    for (const key of SEARCH_ATTRIBUTES) expect(key.type, key.name).toBe(TYPE_OF_KIND[CLASSIFIED[key.name]!]);
    // Keys are defined in the contracts only (domain/); a key defined anywhere must be on the list.
    const defined = new Set<string>();
    for (const file of [...(await sourceFiles('domain')), ...(await sourceFiles('workflows')), ...(await sourceFiles('services'))]) {
      for (const match of (await readFile(file, 'utf8')).matchAll(/defineSearchAttributeKey\(\s*'(\w+)'/g)) defined.add(match[1]!);
    }
    expect([...defined].sort()).toEqual(Object.keys(CLASSIFIED).sort());
  });

  it('an order, a consultation, a ticket and a verification, run with personal data, carry only ids, statuses, numbers, booleans and instants', async () => {
    const personal = [
      client.registration.fullName,
      'Karimova',
      client.registration.email,
      client.registration.phone,
      'Əliyev Vüqar',
      'Gulnora Tursunova',
      'gulnora@customer.test',
      '+998901234567',
      'charged twice',
      'Meros',
    ];

    // An order whose form names people.
    const service = await post('/v1/admin/catalogue', admin.auth, {
      kind: 'contract_template',
      title: 'Service agreement',
      price: 10_000,
      currency: 'AZN',
      contractTemplateId: 'service-agreement',
    });
    const placed = await post(
      '/v1/orders',
      { ...client.auth, 'idempotency-key': `order-${randomUUID()}` },
      {
        serviceId: service.json<{ id: string }>().id,
        contract: {
          templateId: 'service-agreement',
          fields: {
            city: 'Bakı',
            date: '2026-12-01',
            customer: 'Əliyev Vüqar',
            contractor: 'Karimova Dilnoza',
            subject: 'Bookkeeping',
            price: '500.00',
            dueDate: '2026-12-31',
          },
        },
      },
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const orderId = orderWorkflowId(placed.json<{ orderId: string }>().orderId);
    expectFreeOfPersonalData(orderId, await attributesOf(orderId, has('OrderStatus')), personal);

    // A consultation with an offer and its summary.
    const specialist = await registerSpecialist(stack.app, stack.database.db);
    const conversation = await post('/v1/conversations', client.auth, { specialistId: specialist.user.id });
    const offered = await post(`/v1/conversations/${conversation.json<{ id: string }>().id}/offers`, client.auth, {
      price: 100_000,
      durationMinutes: 30,
      summary: 'Meros bo‘yicha maslahat.',
    });
    expect(offered.statusCode, offered.body).toBe(200);
    const consultationId = consultationWorkflowId(offered.json<{ id: string }>().id);
    expectFreeOfPersonalData(consultationId, await attributesOf(consultationId, has('ConsultationStatus')), personal);

    // A ticket from the web form with a name, an e-mail and a phone.
    const submitted = await post(
      '/v1/support/intake/web',
      { 'idempotency-key': `web-${randomUUID()}` },
      {
        name: 'Gulnora Tursunova',
        email: 'gulnora@customer.test',
        phone: '+998901234567',
        subject: 'Refund',
        message: 'My card was charged twice.',
      },
    );
    expect(submitted.statusCode, submitted.body).toBe(202);
    const ticketId = ticketWorkflowId(submitted.json<{ number: number }>().number);
    expectFreeOfPersonalData(ticketId, await attributesOf(ticketId, has('TicketStatus')), personal);

    // A specialist's credentials under verification.
    const documentFileId = await uploadFile(stack, specialist.auth, await pdfWithPages(1), 'diploma.pdf');
    const request = await post('/v1/me/verifications', specialist.auth, { kind: 'advocate_certificate', documentFileId });
    expect(request.statusCode, request.body).toBe(202);
    const verificationId = verificationWorkflowId(request.json<{ id: string }>().id);
    expectFreeOfPersonalData(verificationId, await attributesOf(verificationId, has('VerificationStatus')), personal);
  });
});
