import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { orderState, type OrderInput } from '../../domain/orders/contract.ts';
import type { StartFaults } from '../../services/platform/temporal/durable-start.ts';
import { submitCard as submitCardService } from '../../services/support/card-moderation.ts';
import { sweepPendingStarts } from '../../worker/start-sweep.ts';
import { registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { addService, newAdmin, newClient, placeOrder, type Person } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// Issue 10, durable starts: a request that dies between saving its row and starting the row's
// workflow (killed while Temporal was unreachable, say) leaves neither an orphan row nor a key
// that answers 409 for ever. The start sweep starts the workflow from the row, and the
// client's retry with the same Idempotency-Key, once the dead request's lease has run out,
// finishes the request with the same resource — for orders, catalogue cards and verifications.

const faults: StartFaults = {};
let stack: Stack;
let admin: Person;
beforeAll(async () => {
  stack = await startStack({}, { faults });
  admin = await newAdmin(stack);
});
afterAll(async () => stack?.close());

let dead: { bury(): Promise<unknown> } | undefined;
afterEach(async () => {
  delete faults.afterRowWritten;
  await dead?.bury();
  dead = undefined;
});

/**
 * Sends a request that dies right after writing its row: it stops there, answering nothing and
 * cleaning nothing up, as a killed process would. Resolves once the row is written.
 */
async function requestThatDies(send: () => Promise<unknown>): Promise<void> {
  let reached!: () => void;
  let kill!: (error: Error) => void;
  const atFault = new Promise<void>((resolve) => (reached = resolve));
  faults.afterRowWritten = () => {
    delete faults.afterRowWritten; // only this request dies; the retries run normally
    reached();
    return new Promise<void>((_, reject) => (kill = reject));
  };
  const response = send();
  dead = { bury: () => (kill(new Error('the request was killed')), response) };
  await atFault;
}

const temporal = () => ({ client: stack.client, taskQueue: stack.taskQueue });
const sweep = (now: Date) => sweepPendingStarts({ db: stack.database.db, temporal: temporal() }, { now });
const twoMinutesOn = () => new Date(Date.now() + 2 * 60_000);

async function workflowStatus(workflowId: string): Promise<string> {
  try {
    return (await stack.client.workflow.getHandle(workflowId).describe()).status.name;
  } catch {
    return 'NOT_FOUND';
  }
}

/** Time passes past the dead request's 30-second lease on its key. */
async function leaseRunsOut(key: string): Promise<void> {
  await stack.database.db.idempotencyRecord.updateMany({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
}

const seventeenYearsOld = () => DateTime.now().setZone('Asia/Baku').minus({ years: 17, days: 10 }).toISODate()!;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function teenWithDocument() {
  const teen = await registerAndLogin(stack.app, { birthDate: seventeenYearsOld() });
  const form = new FormData();
  form.append('file', new Blob([PDF]), 'court-act.pdf');
  const uploaded = await stack.app.inject({ method: 'POST', url: '/v1/files', headers: teen.auth, payload: form });
  return { teen, documentFileId: uploaded.json<{ id: string }>().id };
}

function submitVerification(auth: Record<string, string>, documentFileId: string, key: string) {
  return stack.app.inject({
    method: 'POST',
    url: '/v1/me/verifications',
    headers: { ...auth, 'idempotency-key': key },
    payload: { kind: 'court_act_full_capacity', documentFileId },
  });
}

function submitCard(auth: Record<string, string>, key: string) {
  return stack.app.inject({
    method: 'POST',
    url: '/v1/catalogue-cards',
    headers: { ...auth, 'idempotency-key': key },
    payload: { title: 'Black tea 250 g', content: { gtin: '04780000000032' } },
  });
}

describe('orders', () => {
  async function orderDiesUnstarted(key: string) {
    const service = await addService(stack, admin.auth, { kind: 'written_advice', title: 'Lease opinion', price: 70_000 });
    const client = await newClient(stack);
    const body = { serviceId: service.id, form: { question: 'May my landlord keep the deposit?' } };
    await requestThatDies(() => placeOrder(stack, client.auth, body, key));
    // PAY-4: the catalogue price changes after the order was placed.
    await stack.app.inject({ method: 'PATCH', url: `/v1/admin/catalogue/${service.id}`, headers: admin.auth, payload: { price: 90_000 } });
    const order = await stack.database.db.order.findFirstOrThrow({ where: { clientId: client.user.id } });
    expect(await workflowStatus(`order-${order.id}`)).toBe('NOT_FOUND');
    return { client, body, order };
  }

  it('issue 10, PAY-4: the sweep starts the workflow of an order whose request died after saving it, at the price it was placed at', async () => {
    const { client, order } = await orderDiesUnstarted('order-dies-0001');
    expect(await sweep(new Date())).toBe(0); // within the grace period the row is its request's
    expect(await sweep(twoMinutesOn())).toBe(1);

    expect(await workflowStatus(`order-${order.id}`)).toBe('RUNNING');
    const state = await stack.client.workflow.getHandle(`order-${order.id}`).query<{ price: number }>('state');
    expect(state.price).toBe(70_000);
    const payment = await waitFor(
      () => stack.database.db.payment.findFirst({ where: { payerUserId: client.user.id } }),
      (p) => p !== null,
    );
    expect(payment?.amount).toBe(70_000n);
    const row = await stack.database.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row.workflowStartPendingSince).toBeNull();
  });

  it('issue 10, EL-ORD-2: an order the sweep starts after an outage longer than the payment window still gets its whole window', async () => {
    const { order } = await orderDiesUnstarted('order-dies-0004');
    const input = order.workflowInput as unknown as OrderInput;
    expect(input.paymentWindowMs).toBe(60 * 60_000);
    expect(await sweep(new Date(input.placedAt + 61 * 60_000))).toBe(1);
    const state = await stack.client.workflow.getHandle(`order-${order.id}`).query(orderState);
    expect(state.status).toBe('awaiting_payment');
    expect(state.paymentExpiresAt).toBe(input.placedAt + 121 * 60_000);
  });

  it('issue 10: a command to an order whose start is still pending answers 503 with Retry-After, not ORDER_CLOSED', async () => {
    const { client, order } = await orderDiesUnstarted('order-dies-0003');
    const cancel = await stack.app.inject({
      method: 'POST',
      url: `/v1/orders/${order.id}/cancel`,
      headers: client.auth,
      payload: { acceptedRefundBps: 0 },
    });
    expect([cancel.statusCode, cancel.json().code, cancel.headers['retry-after']]).toEqual([503, 'DEPENDENCY_UNAVAILABLE', '30']);
    expect(await sweep(twoMinutesOn())).toBe(1); // leaves no pending row to the other tests' sweeps
  });

  it('issue 10, PAY-4: the retry with the same Idempotency-Key gets 409 with Retry-After while the dead request holds its lease, then the same order at the placed price', async () => {
    const { client, body, order } = await orderDiesUnstarted('order-dies-0002');
    const tooSoon = await placeOrder(stack, client.auth, body, 'order-dies-0002');
    expect([tooSoon.statusCode, tooSoon.json().code]).toEqual([409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS']);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(tooSoon.headers['retry-after'])).toBeLessThanOrEqual(30);

    await leaseRunsOut('order-dies-0002');
    const retried = await placeOrder(stack, client.auth, body, 'order-dies-0002');
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ orderId: order.id, order: { id: order.id, price: 70_000 } });
    expect(await stack.database.db.order.count({ where: { clientId: client.user.id } })).toBe(1);
    expect((await stack.client.workflow.count(`WorkflowId = 'order-${order.id}'`)).count).toBe(1);
    const payment = await stack.database.db.payment.findFirstOrThrow({ where: { payerUserId: client.user.id } });
    expect(payment.amount).toBe(70_000n);
    const replayed = await placeOrder(stack, client.auth, body, 'order-dies-0002');
    expect([replayed.statusCode, replayed.headers['idempotent-replayed']]).toEqual([201, 'true']);
  });

  it('issue 10: after a 503 that left the order saved, the same key with another body is refused (422) and the same body finishes the order', async () => {
    const service = await addService(stack, admin.auth, { kind: 'written_advice', title: 'Gift deed', price: 50_000 });
    const other = await addService(stack, admin.auth, { kind: 'written_advice', title: 'Loan deed', price: 60_000 });
    const client = await newClient(stack);
    const body = { serviceId: service.id, form: { question: 'Can I revoke a gift?' } };
    faults.afterRowWritten = () => {
      delete faults.afterRowWritten;
      return Promise.reject(new DomainError('DEPENDENCY_UNAVAILABLE', 'Temporal is unreachable.'));
    };
    const failed = await placeOrder(stack, client.auth, body, 'order-503-0001');
    expect([failed.statusCode, failed.json().code]).toEqual([503, 'DEPENDENCY_UNAVAILABLE']);

    const otherBody = await placeOrder(stack, client.auth, { ...body, serviceId: other.id }, 'order-503-0001');
    expect([otherBody.statusCode, otherBody.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const retried = await placeOrder(stack, client.auth, body, 'order-503-0001');
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ order: { price: 50_000, title: 'Gift deed' } });
    expect(await stack.database.db.order.count({ where: { clientId: client.user.id } })).toBe(1);
  });
});

describe('catalogue cards', () => {
  it('issue 10, SUP-8: the sweep starts the moderation of a card whose request died after saving it', async () => {
    const sender = await registerAndLogin(stack.app);
    await requestThatDies(() => submitCard(sender.auth, 'card-dies-0001'));
    const card = await stack.database.db.catalogueCard.findFirstOrThrow({ where: { submitterId: sender.user.id } });
    expect(await workflowStatus(`card-${card.id}`)).toBe('NOT_FOUND');

    expect(await sweep(twoMinutesOn())).toBe(1);
    expect(await workflowStatus(`card-${card.id}`)).toBe('RUNNING');
    const row = await stack.database.db.catalogueCard.findUniqueOrThrow({ where: { id: card.id } });
    expect(row.workflowStartPendingSince).toBeNull();
    // The admin can decide it now: its workflow takes the decision.
    const returned = await stack.app.inject({
      method: 'POST',
      url: `/v1/admin/support/card-reviews/${card.id}/decision`,
      headers: admin.auth,
      payload: { decision: 'return', errors: ['No weight on the photo'] },
    });
    expect(returned.statusCode).toBe(202);
  });

  it('issue 10, SUP-8: the retry with the same Idempotency-Key after the lease ran out gets the same card, not a second one', async () => {
    const sender = await registerAndLogin(stack.app);
    await requestThatDies(() => submitCard(sender.auth, 'card-dies-0002'));
    const card = await stack.database.db.catalogueCard.findFirstOrThrow({ where: { submitterId: sender.user.id } });
    const tooSoon = await submitCard(sender.auth, 'card-dies-0002');
    expect([tooSoon.statusCode, tooSoon.json().code]).toEqual([409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS']);
    expect(tooSoon.headers['retry-after']).toBeDefined();

    await leaseRunsOut('card-dies-0002');
    const retried = await submitCard(sender.auth, 'card-dies-0002');
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toMatchObject({ id: card.id, title: 'Black tea 250 g', status: 'in_review', round: 1 });
    expect(await stack.database.db.catalogueCard.count({ where: { submitterId: sender.user.id } })).toBe(1);
    expect(await workflowStatus(`card-${card.id}`)).toBe('RUNNING');
  });

  it('issue 10, SUP-8: a request that outlived its lease and the retry that took it over, saving at once, give one card, not a 500', async () => {
    const sender = await registerAndLogin(stack.app);
    const deps = { db: stack.database.db, temporal: temporal() };
    const input = { title: 'Green tea 100 g', content: { gtin: '04780000000049' } };
    const [first, second] = await Promise.all([
      submitCardService(deps, sender.user.id, input, { idempotencyKey: 'card-twins-0001' }),
      submitCardService(deps, sender.user.id, input, { idempotencyKey: 'card-twins-0001' }),
    ]);
    expect(second.id).toBe(first.id);
    expect(await stack.database.db.catalogueCard.count({ where: { submitterId: sender.user.id } })).toBe(1);
    expect(await workflowStatus(`card-${first.id}`)).toBe('RUNNING');
  });
});

describe('verifications', () => {
  it('issue 10, ACC-4: the sweep starts the workflow of a verification whose request died after saving it', async () => {
    const { teen, documentFileId } = await teenWithDocument();
    await requestThatDies(() => submitVerification(teen.auth, documentFileId, 'verification-dies-0001'));
    const request = await stack.database.db.verificationRequest.findFirstOrThrow({ where: { userId: teen.user.id } });
    expect(await workflowStatus(`verification-${request.id}`)).toBe('NOT_FOUND');

    expect(await sweep(twoMinutesOn())).toBe(1);
    expect(await workflowStatus(`verification-${request.id}`)).toBe('RUNNING');
    const decided = await stack.app.inject({
      method: 'POST',
      url: `/v1/admin/verifications/${request.id}/decision`,
      headers: admin.auth,
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).toBe(202);
    const mirrored = await waitFor(
      () => stack.database.db.verificationRequest.findUniqueOrThrow({ where: { id: request.id } }),
      (row) => row.status !== 'pending',
    );
    expect(mirrored.status).toBe('approved');
  });

  it('issue 10, ACC-4: the retry with the same Idempotency-Key after the lease ran out finishes the same request instead of VERIFICATION_ALREADY_PENDING', async () => {
    const { teen, documentFileId } = await teenWithDocument();
    await requestThatDies(() => submitVerification(teen.auth, documentFileId, 'verification-dies-0002'));
    const request = await stack.database.db.verificationRequest.findFirstOrThrow({ where: { userId: teen.user.id } });
    const tooSoon = await submitVerification(teen.auth, documentFileId, 'verification-dies-0002');
    expect([tooSoon.statusCode, tooSoon.json().code]).toEqual([409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS']);
    expect(tooSoon.headers['retry-after']).toBeDefined();

    await leaseRunsOut('verification-dies-0002');
    const retried = await submitVerification(teen.auth, documentFileId, 'verification-dies-0002');
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toMatchObject({ id: request.id, status: 'pending' });
    expect(retried.headers.location).toBe(`/v1/verifications/${request.id}`);
    expect(await stack.database.db.verificationRequest.count({ where: { userId: teen.user.id } })).toBe(1);
    expect(await workflowStatus(`verification-${request.id}`)).toBe('RUNNING');
  });
});

describe('lease takeover on a create that is not a process', () => {
  it('issue 10, PAY-4: a catalogue service saved by a request that died before storing its answer is found by the retry, not added twice', async () => {
    const add = () =>
      stack.app.inject({
        method: 'POST',
        url: '/v1/admin/catalogue',
        headers: { ...admin.auth, 'idempotency-key': 'catalogue-dies-0001' },
        payload: { kind: 'written_advice', title: 'Tenancy opinion', price: 80_000, currency: 'AZN' },
      });
    const first = await add();
    expect(first.statusCode).toBe(201);
    // The request died after the service was saved and before its answer was stored: the
    // claim is incomplete and its lease has run out.
    await stack.database.db.idempotencyRecord.updateMany({
      where: { key: 'catalogue-dies-0001' },
      data: { completedAt: null, statusCode: null, lockedUntil: new Date(Date.now() - 1_000) },
    });
    const retried = await add();
    expect(retried.statusCode).toBe(201);
    expect(retried.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await stack.database.db.catalogueService.count({ where: { title: 'Tenancy opinion' } })).toBe(1);
  });
});

describe('consultations', () => {
  async function chat() {
    const client = await newClient(stack);
    const specialist = await registerSpecialist(stack.app, stack.database.db);
    const started = await stack.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: client.auth,
      payload: { specialistId: specialist.user.id },
    });
    return { client, specialist, conversationId: started.json<{ id: string }>().id };
  }
  const offer = (conversationId: string, auth: Record<string, string>, key: string) =>
    stack.app.inject({
      method: 'POST',
      url: `/v1/conversations/${conversationId}/offers`,
      headers: { ...auth, 'idempotency-key': key },
      payload: { price: 100_000, durationMinutes: 60 },
    });

  it('issue 10, CHAT-2: the sweep starts the workflow of a consultation whose first offer died after opening it; the next offer lands in it', async () => {
    const { specialist, conversationId } = await chat();
    await requestThatDies(() => offer(conversationId, specialist.auth, 'offer-dies-0001'));
    const row = await stack.database.db.consultation.findFirstOrThrow({ where: { conversationId } });
    expect(row.workflowStartPendingSince).not.toBeNull();
    expect(await workflowStatus(`consultation-${row.id}`)).toBe('NOT_FOUND');

    expect(await sweep(twoMinutesOn())).toBe(1);
    expect(await workflowStatus(`consultation-${row.id}`)).toBe('RUNNING');
    const again = await offer(conversationId, specialist.auth, 'offer-after-0002');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: row.id, offers: [{ id: 'offer-1', by: 'specialist', status: 'open' }] });
    expect(await stack.database.db.consultation.count({ where: { conversationId } })).toBe(1);
  });

  it('issue 10, CHAT-2: an offer while the opening is still start-pending starts the same consultation itself instead of opening a second', async () => {
    const { client, specialist, conversationId } = await chat();
    await requestThatDies(() => offer(conversationId, specialist.auth, 'offer-dies-0003'));
    const row = await stack.database.db.consultation.findFirstOrThrow({ where: { conversationId } });
    const clientOffer = await stack.app.inject({
      method: 'POST',
      url: `/v1/conversations/${conversationId}/offers`,
      headers: client.auth,
      payload: { price: 90_000, durationMinutes: 30, summary: 'Mulk taqsimoti.' },
    });
    expect(clientOffer.statusCode, clientOffer.body).toBe(200);
    expect(clientOffer.json()).toMatchObject({ id: row.id, offers: [{ id: 'offer-1', by: 'client' }] });
    expect(await workflowStatus(`consultation-${row.id}`)).toBe('RUNNING');
    expect((await stack.database.db.consultation.findUniqueOrThrow({ where: { id: row.id } })).workflowStartPendingSince).toBeNull();
  });
});

describe('questions', () => {
  const ask = (auth: Record<string, string>, key: string) =>
    stack.app.inject({
      method: 'POST',
      url: '/v1/questions',
      headers: { ...auth, 'idempotency-key': key },
      payload: { title: 'Attic conversion', text: 'May the attic of a 1960s house become a bedroom without a permit?', topic: 'permits' },
    });

  it('issue 10, QA-1: the sweep starts the workflow of a question whose request died after saving it; the retry gets the same question', async () => {
    const client = await newClient(stack);
    await requestThatDies(() => ask(client.auth, 'question-dies-0001'));
    const row = await stack.database.db.question.findFirstOrThrow({ where: { clientId: client.user.id } });
    expect(row.workflowStartPendingSince).not.toBeNull();
    expect(await workflowStatus(`question-${row.id}`)).toBe('NOT_FOUND');

    expect(await sweep(twoMinutesOn())).toBe(1);
    expect(await workflowStatus(`question-${row.id}`)).toBe('RUNNING');
    await leaseRunsOut('question-dies-0001');
    const retried = await ask(client.auth, 'question-dies-0001');
    expect(retried.statusCode, retried.body).toBe(202);
    expect(retried.json()).toMatchObject({ id: row.id, status: 'in_moderation' });
    expect(await stack.database.db.question.count({ where: { clientId: client.user.id } })).toBe(1);
  });
});
