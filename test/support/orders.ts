import { randomUUID } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import pg from 'pg';
import { expect } from 'vitest';
import { registerAdmin, registerAndLogin, registerSpecialist } from './factories.ts';
import { clickCheckout } from './payments.ts';
import type { Stack } from './stack.ts';
import { waitFor } from './wait.ts';

// Helpers for the orders API tests: people in their roles, catalogue entries, uploads,
// placing and paying orders the way a browser does, and waiting for the workflow's mirror.

type Auth = Record<string, string>;
export type Person = Awaited<ReturnType<typeof registerAndLogin>>;

export async function acceptCurrentTerms(stack: Stack, auth: Auth): Promise<void> {
  const terms = (await stack.app.inject({ method: 'GET', url: '/v1/me/terms', headers: auth })).json<{ version: string }>();
  const accepted = await stack.app.inject({
    method: 'POST',
    url: '/v1/me/terms-acceptances',
    headers: auth,
    payload: { version: terms.version },
  });
  if (accepted.statusCode !== 201) throw new Error(`terms: ${accepted.body}`);
}

/** A registered adult client who has accepted the current Terms (ACC-4, ACC-5 satisfied). */
export async function newClient(stack: Stack, overrides: Record<string, unknown> = {}): Promise<Person> {
  const client = await registerAndLogin(stack.app, overrides);
  await acceptCurrentTerms(stack, client.auth);
  return client;
}

/** A specialist; vetted (approved credentials, CHAT-1) unless `{ vetted: false }`. */
export const newLawyer = (stack: Stack, options: { vetted?: boolean } = {}): Promise<Person> =>
  registerSpecialist(stack.app, stack.database.db, options);

export const newAdmin = (stack: Stack) => registerAdmin(stack.app, stack.database.db);

export async function addService(stack: Stack, admin: Auth, service: Record<string, unknown>) {
  const response = await stack.app.inject({
    method: 'POST',
    url: '/v1/admin/catalogue',
    headers: admin,
    payload: { title: 'Written legal opinion', currency: 'AZN', ...service },
  });
  if (response.statusCode !== 201) throw new Error(`add service: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; price: number }>();
}

export async function pdfWithPages(pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) pdf.addPage([300, 400]).drawText(`page ${i + 1}`, { x: 20, y: 300 });
  return Buffer.from(await pdf.save());
}

export async function uploadFile(stack: Stack, auth: Auth, bytes: Buffer, filename = 'document.pdf'): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  const response = await stack.app.inject({ method: 'POST', url: '/v1/files', headers: auth, payload: form });
  if (response.statusCode !== 201) throw new Error(`upload: ${response.body}`);
  return response.json<{ id: string }>().id;
}

export function placeOrder(stack: Stack, auth: Auth, body: Record<string, unknown>, idempotencyKey = `order-${randomUUID()}`) {
  return stack.app.inject({ method: 'POST', url: '/v1/orders', headers: { ...auth, 'idempotency-key': idempotencyKey }, payload: body });
}

export interface Placed {
  orderId: string;
  paymentId: string;
  checkoutUrl: string;
  order: { id: string; price: number; status: string; slotAt: string | null };
}

/** Places an order and expects it accepted. */
export async function placed(stack: Stack, auth: Auth, body: Record<string, unknown>): Promise<Placed> {
  const response = await placeOrder(stack, auth, body);
  if (response.statusCode !== 201) throw new Error(`place order: ${response.statusCode} ${response.body}`);
  return response.json<Placed>();
}

/** The client opens the checkout page and pays; the sandbox's signed webhook reaches the API. */
export async function payAtCheckout(stack: Stack, checkoutUrl: string): Promise<void> {
  const page = await stack.app.inject({ method: 'GET', url: new URL(checkoutUrl).pathname });
  if (page.statusCode !== 200) throw new Error(`checkout page: ${page.statusCode}`);
  await clickCheckout(stack, new URL(checkoutUrl).pathname, 'pay');
}

/** Waits until the workflow's DB mirror shows `status`; fails the test if it never does. */
export async function mirroredStatus(stack: Stack, orderId: string, status: string): Promise<string> {
  const row = await waitFor(
    () => stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } }),
    (order) => order.status === status,
  );
  expect(row.status).toBe(status);
  return row.status;
}

/**
 * Holds the order's database mirror back, as a busy database or a slow activity would: a row
 * lock the mirror's UPDATE waits for (reads are not blocked). Release lets it through.
 */
export async function holdMirror(stack: Stack, orderId: string): Promise<{ release(): Promise<void> }> {
  const connection = new pg.Client({ connectionString: stack.database.url });
  await connection.connect();
  await connection.query('BEGIN');
  // NO KEY UPDATE, not UPDATE: rows referencing the order (its documents) can still be added.
  await connection.query('SELECT 1 FROM orders WHERE id = $1 FOR NO KEY UPDATE', [orderId]);
  return {
    async release() {
      await connection.query('COMMIT');
      await connection.end();
    },
  };
}
