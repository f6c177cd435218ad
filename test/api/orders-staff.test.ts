import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import {
  addService,
  holdMirror,
  mirroredStatus,
  newAdmin,
  newClient,
  newLawyer,
  payAtCheckout,
  pdfWithPages,
  placed,
  uploadFile,
  type Person,
} from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// Lawyers' and admins' side of the orders API against the real workflow on the dev server:
// the queue, taking and assigning, commands refused by the workflow's validators (their
// error codes reach the client as problem details), refusals and the admin's lists.

let stack: Stack;
let admin: Person;
let writtenAdvice: { id: string };
beforeAll(async () => {
  stack = await startStack();
  admin = await newAdmin(stack);
  writtenAdvice = await addService(stack, admin.auth, { kind: 'written_advice', price: 100_000 });
});
afterAll(async () => stack?.close());

const FORM = { question: 'Can my neighbour build a fence on the shared boundary?' };
const get = (url: string, headers: Record<string, string>) => stack.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
  stack.app.inject({ method: 'POST', url, headers, payload });

async function paidOrder(client: Person, serviceId = writtenAdvice.id, extra: Record<string, unknown> = {}) {
  const order = await placed(stack, client.auth, { serviceId, form: FORM, ...extra });
  await payAtCheckout(stack, order.checkoutUrl);
  await mirroredStatus(stack, order.orderId, 'awaiting_lawyer');
  return order.orderId;
}

describe('lawyers', () => {
  it('EL-ORD-3: a paid order waits in the queue; a lawyer takes it; it leaves the queue and another lawyer no longer sees it', async () => {
    const client = await newClient(stack);
    const [first, second] = [await newLawyer(stack), await newLawyer(stack)];
    const orderId = await paidOrder(client);
    const queue = (await get('/v1/lawyer/queue?limit=100', first.auth)).json();
    expect(queue.items.map((o: { id: string }) => o.id)).toContain(orderId);
    const preview = await get(`/v1/orders/${orderId}`, second.auth);
    expect(preview.json()).toMatchObject({ status: 'awaiting_lawyer', lawyerId: null });

    const taken = await post(`/v1/orders/${orderId}/accept`, first.auth);
    expect(taken.json().state).toMatchObject({ status: 'in_progress', lawyerId: first.user.id });
    await waitFor(
      () => stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } }),
      (o) => o.lawyerId === first.user.id,
    );
    expect((await get(`/v1/orders/${orderId}`, second.auth)).statusCode).toBe(404);
    expect((await post(`/v1/orders/${orderId}/accept`, second.auth)).statusCode).toBe(404);
    const after = (await get('/v1/lawyer/queue?limit=100', second.auth)).json();
    expect(after.items.map((o: { id: string }) => o.id)).not.toContain(orderId);
  });

  it('issue 18 (5), EL-ORD-3: "not yours" is one answer (404) decided on the workflow\'s state, whether or not the mirror has caught up; command answers show the state after the command', async () => {
    const client = await newClient(stack);
    const [lawyer, other] = [await newLawyer(stack), await newLawyer(stack)];
    const facts = await uploadFile(stack, client.auth, await pdfWithPages(1), 'facts.pdf');
    const orderId = await paidOrder(client, writtenAdvice.id, { documentFileIds: [facts] });
    const othersFile = await uploadFile(stack, other.auth, await pdfWithPages(1), 'opinion.pdf');
    const answers = async () => ({
      otherReads: (await get(`/v1/orders/${orderId}`, other.auth)).statusCode,
      otherDocuments: (await get(`/v1/orders/${orderId}/documents`, other.auth)).statusCode,
      otherAccepts: (await post(`/v1/orders/${orderId}/accept`, other.auth)).statusCode,
      otherDelivers: (await post(`/v1/orders/${orderId}/deliveries`, other.auth, { fileId: othersFile })).statusCode,
      otherDownloads: (await get(`/v1/files/${facts}/content`, other.auth)).statusCode,
      lawyerDownloads: (await get(`/v1/files/${facts}/content`, lawyer.auth)).statusCode,
      lawyerDocuments: (await get(`/v1/orders/${orderId}/documents`, lawyer.auth)).statusCode,
    });
    const expected = {
      otherReads: 404,
      otherDocuments: 404,
      otherAccepts: 404,
      otherDelivers: 404,
      otherDownloads: 404,
      lawyerDownloads: 200,
      lawyerDocuments: 200,
    };

    const mirror = await holdMirror(stack, orderId);
    try {
      const taken = await post(`/v1/orders/${orderId}/accept`, lawyer.auth);
      expect(taken.json()).toMatchObject({ status: 'in_progress', lawyerId: lawyer.user.id, source: 'workflow' });
      expect(await answers()).toEqual(expected);
      // EL-WR-2: the answer's own dueAt is the extended one (72 h + 96 h from payment).
      const extended = (
        await post(`/v1/orders/${orderId}/deadline-extension`, lawyer.auth, { reason: 'Waiting for the cadastre extract.' })
      ).json();
      expect(Date.parse(extended.dueAt) - Date.parse(extended.paidAt)).toBe((72 + 96) * 3_600_000);
      expect(extended.dueAt).toBe(new Date(extended.state.dueAt).toISOString());
      // All of the above while the database still showed the order unassigned in the queue.
      expect(await stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
        lawyerId: null,
        status: 'awaiting_lawyer',
      });
    } finally {
      await mirror.release();
    }
    await waitFor(
      () => stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } }),
      (o) => o.lawyerId === lawyer.user.id,
    );
    expect(await answers()).toEqual(expected);
  });

  it('EL-WR-2: written advice is extended once by 4 calendar days with a reason; a second extension is refused', async () => {
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const orderId = await paidOrder(client);
    const taken = (await post(`/v1/orders/${orderId}/accept`, lawyer.auth)).json().state;
    // EL-WR-1: 72 hours from payment.
    expect(taken.dueAt - taken.paidAt).toBe(72 * 3_600_000);

    const extended = await post(`/v1/orders/${orderId}/deadline-extension`, lawyer.auth, { reason: 'Waiting for the cadastre extract.' });
    expect(extended.statusCode).toBe(200);
    expect(extended.json().state.extensionReason).toBe('Waiting for the cadastre extract.');
    // Baku keeps no daylight saving time, so 4 calendar days are 96 hours there.
    expect(extended.json().state.dueAt - taken.dueAt).toBe(96 * 3_600_000);
    const again = await post(`/v1/orders/${orderId}/deadline-extension`, lawyer.auth, { reason: 'Still waiting for it.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ORDER_EXTENSION_USED');
  });

  it('EL-ORD-4: the lawyer asks for clarification; the client answers with a file the lawyer can then download', async () => {
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const orderId = await paidOrder(client);
    await post(`/v1/orders/${orderId}/accept`, lawyer.auth);
    const asked = await post(`/v1/orders/${orderId}/clarification-requests`, lawyer.auth, { question: 'Which plot number is yours?' });
    expect(asked.json().state).toMatchObject({ status: 'awaiting_clarification', clarificationRequest: 'Which plot number is yours?' });

    const plan = await uploadFile(stack, client.auth, await pdfWithPages(1), 'plan.pdf');
    const answered = await post(`/v1/orders/${orderId}/clarifications`, client.auth, { note: 'Plot 17, plan attached.', fileIds: [plan] });
    expect(answered.json().state).toMatchObject({ status: 'in_progress', clarificationRequest: null });
    // File access follows the mirror (services/platform/files.ts), which the workflow writes just after the update.
    await waitFor(
      () => stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } }),
      (o) => o.lawyerId === lawyer.user.id,
    );
    const download = await get(`/v1/files/${plan}/content`, lawyer.auth);
    expect(download.statusCode).toBe(200);
  });

  it('EL-ORAL-3: the call cannot be opened earlier than 15 minutes before the slot (ORDER_CALL_TOO_EARLY)', async () => {
    const oral = await addService(stack, admin.auth, { kind: 'oral_advice', title: 'Consultation, 30 minutes', price: 40_000 });
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const slotAt = DateTime.now().setZone('Asia/Baku').plus({ hours: 49 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const orderId = await paidOrder(client, oral.id, { slot: slotAt });
    await post(`/v1/orders/${orderId}/accept`, lawyer.auth);
    const early = await post(`/v1/orders/${orderId}/call/start`, lawyer.auth);
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('ORDER_CALL_TOO_EARLY');
    await waitFor(
      () => stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } }),
      (o) => o.lawyerId === lawyer.user.id,
    );
    const notAssigned = await post(`/v1/orders/${orderId}/call/start`, (await newLawyer(stack)).auth);
    expect(notAssigned.statusCode).toBe(404);
  });

  it('EL-ORAL-2: the lawyer proposes a later time (at most 3 calendar days on); binding once the client agrees', async () => {
    const oral = await addService(stack, admin.auth, { kind: 'oral_advice', title: 'Consultation, 30 minutes', price: 40_000 });
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const booked = DateTime.now().setZone('Asia/Baku').plus({ hours: 50 }).startOf('minute');
    const orderId = await paidOrder(client, oral.id, { slot: booked.toFormat("yyyy-MM-dd'T'HH:mm") });
    await post(`/v1/orders/${orderId}/accept`, lawyer.auth);

    const tooFar = await post(`/v1/orders/${orderId}/reschedule-proposal`, lawyer.auth, {
      slot: booked.plus({ days: 4 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    });
    expect([tooFar.statusCode, tooFar.json().code]).toEqual([422, 'ORDER_RESCHEDULE_NOT_ALLOWED']);
    const later = booked.plus({ days: 3 });
    const proposed = await post(`/v1/orders/${orderId}/reschedule-proposal`, lawyer.auth, { slot: later.toFormat("yyyy-MM-dd'T'HH:mm") });
    expect(proposed.json().state.oral).toMatchObject({ slotAt: booked.toMillis(), proposedSlotAt: later.toMillis() });
    const agreed = await post(`/v1/orders/${orderId}/agreement`, client.auth);
    expect(agreed.json().state.oral).toMatchObject({ bookedSlotAt: booked.toMillis(), slotAt: later.toMillis(), proposedSlotAt: null });
  });

  it('EL-DONE-1: a lawyer may deliver only a file they uploaded themselves', async () => {
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const orderId = await paidOrder(client);
    await post(`/v1/orders/${orderId}/accept`, lawyer.auth);
    const clientsFile = await uploadFile(stack, client.auth, await pdfWithPages(1));
    const response = await post(`/v1/orders/${orderId}/deliveries`, lawyer.auth, { fileId: clientsFile });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'fileId', message: 'no such file of yours' }]);
  });
});

describe('corrections by staff', () => {
  it('EL-DOC-3: a lawyer corrects an under-declared Word page count; the client pays the difference and the order resumes', async () => {
    const translation = await addService(stack, admin.auth, {
      kind: 'translation',
      title: 'Translation RU→AZ',
      price: 5_000,
      perPage: true,
      docDays: 5,
    });
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const word = await uploadFile(
      stack,
      client.auth,
      await readFile(new URL('../fixtures/minimal.docx', import.meta.url)),
      'contract.docx',
    );
    const order = await placed(stack, client.auth, { serviceId: translation.id, form: FORM, documentFileIds: [word], declaredPages: 2 });
    expect(order.order.price).toBe(10_000);
    await payAtCheckout(stack, order.checkoutUrl);
    await mirroredStatus(stack, order.orderId, 'awaiting_lawyer');
    await post(`/v1/orders/${order.orderId}/accept`, lawyer.auth);

    const corrected = await post(`/v1/orders/${order.orderId}/page-count`, lawyer.auth, { pages: 5 });
    expect(corrected.statusCode).toBe(200);
    const detail = (await get(`/v1/orders/${order.orderId}`, client.auth)).json();
    expect(detail.state).toMatchObject({
      status: 'awaiting_page_payment',
      pages: { pricePerPage: 5_000, billedPages: 2, declared: true, correctedPages: 5 },
    });
    expect(detail.state.charges).toContainEqual(
      expect.objectContaining({
        purpose: 'page_difference',
        amount: 15_000,
        status: 'awaiting_payment',
        checkoutUrl: corrected.json().checkoutUrl,
      }),
    );
    await payAtCheckout(stack, corrected.json().checkoutUrl);
    await mirroredStatus(stack, order.orderId, 'in_progress');
    expect((await get(`/v1/orders/${order.orderId}`, client.auth)).json().state.pages.billedPages).toBe(5);
    expect((await post(`/v1/orders/${order.orderId}/page-count`, client.auth, { pages: 9 })).statusCode).toBe(403);
    await expectBooksBalanced(stack.database.db);
  });

  it('EL-CRT-1: the assigned lawyer records a state duty agreed apart from the price; the mirror keeps it', async () => {
    const court = await addService(stack, admin.auth, { kind: 'court_application', title: 'Claim, first instance', price: 300_000 });
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const orderId = await paidOrder(client, court.id);
    await post(`/v1/orders/${orderId}/accept`, lawyer.auth);
    const item = { kind: 'state_duty', description: 'Court fee for the claim', amount: 2_000, currency: 'AZN' };
    const recorded = await post(`/v1/orders/${orderId}/extra-items`, lawyer.auth, item);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().state.extras).toEqual([{ ...item, agreedAt: expect.any(Number) }]);
    const rows = await waitFor(
      () => stack.database.db.orderExtraItem.findMany({ where: { orderId } }),
      (list) => list.length === 1,
    );
    expect(rows.map((r) => [r.kind, r.amount])).toEqual([['state_duty', 2_000n]]);
  });
});

describe('admins', () => {
  it("EL-ORD-3, EL-DONE-1, PAY-2: an admin assigns a lawyer, who delivers; the lawyer's balance shows exactly price − commission", async () => {
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const orderId = await paidOrder(client);
    const assigned = await post(`/v1/admin/orders/${orderId}/assignment`, admin.auth, { lawyerId: lawyer.user.id });
    expect(assigned.json().state).toMatchObject({ status: 'in_progress', lawyerId: lawyer.user.id });
    const mine = await waitFor(
      async () => (await get('/v1/lawyer/orders', lawyer.auth)).json(),
      (page) => page.items.length === 1,
    );
    expect(mine.items.map((o: { id: string }) => o.id)).toEqual([orderId]);

    const opinionBytes = await pdfWithPages(1);
    const opinion = await uploadFile(stack, lawyer.auth, opinionBytes, 'opinion.pdf');
    const delivered = await post(`/v1/orders/${orderId}/deliveries`, lawyer.auth, { fileId: opinion, note: 'See section 2.' });
    expect(delivered.json().state).toMatchObject({ status: 'delivered', deliverables: [{ fileId: opinion, note: 'See section 2.' }] });
    const download = await get(`/v1/files/${opinion}/content`, client.auth);
    expect(download.rawPayload.equals(opinionBytes)).toBe(true);
    // 100 000 − 20 % commission = 80 000, available once the workflow has settled the hold.
    const balance = await waitFor(
      async () => (await get('/v1/me/balance', lawyer.auth)).json(),
      (body) => body.balances.length > 0,
    );
    expect(balance).toEqual({ balances: [{ currency: 'AZN', available: 80_000, held: 0 }] });
    await expectBooksBalanced(stack.database.db);
  });

  it('EL-ORD-3: only a paid order can be assigned, and only to an active lawyer', async () => {
    const client = await newClient(stack);
    const unpaid = await placed(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM });
    const lawyer = await newLawyer(stack);
    const early = await post(`/v1/admin/orders/${unpaid.orderId}/assignment`, admin.auth, { lawyerId: lawyer.user.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ORDER_STATE_CONFLICT');
    const notALawyer = await post(`/v1/admin/orders/${unpaid.orderId}/assignment`, admin.auth, { lawyerId: client.user.id });
    expect(notALawyer.statusCode).toBe(400);
  });

  it('lists every order by client, and the overdue ones from the mirror', async () => {
    const client = await newClient(stack);
    const a = await placed(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM });
    const b = await placed(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM });
    const page1 = (await get(`/v1/admin/orders?clientId=${client.user.id}&limit=1`, admin.auth)).json();
    const page2 = (await get(`/v1/admin/orders?clientId=${client.user.id}&limit=1&cursor=${page1.nextCursor}`, admin.auth)).json();
    expect([...page1.items, ...page2.items].map((o: { id: string }) => o.id)).toEqual([b.orderId, a.orderId]);
    expect(page2.nextCursor).toBeNull();

    // The workflow marks an order overdue 72 h after payment; here the mirror is set directly,
    // since this test is about the list, not the timer (the workflow tests prove the timer).
    await stack.database.db.order.update({ where: { id: a.orderId }, data: { overdueSince: new Date() } });
    const overdue = (await get('/v1/admin/orders/overdue?limit=100', admin.auth)).json();
    expect(overdue.items.map((o: { id: string }) => o.id)).toEqual([a.orderId]);
  });
});

describe('the service language (EL-LANG-1)', () => {
  it('EL-LANG-1: Azerbaijani by default; Russian asked for when ordering is shown on the order until the lawyer accepts it', async () => {
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const plain = await paidOrder(client);
    expect((await get(`/v1/orders/${plain}`, client.auth)).json().state.language).toEqual({
      agreed: 'az',
      requested: null,
      decidedAt: null,
    });

    const orderId = await paidOrder(client, writtenAdvice.id, { language: 'ru' });
    expect((await get(`/v1/orders/${orderId}`, client.auth)).json().state.language).toMatchObject({ agreed: 'az', requested: 'ru' });
    expect((await post(`/v1/orders/${orderId}/accept`, lawyer.auth)).statusCode).toBe(200);
    // Only the client asks and only the order's lawyer answers.
    const foreign = await post(`/v1/orders/${orderId}/language-request/answer`, (await newLawyer(stack)).auth, { accept: true });
    expect(foreign.statusCode).toBe(404);
    const byClient = await post(`/v1/orders/${orderId}/language-request/answer`, client.auth, { accept: true });
    expect(byClient.statusCode).toBe(403);
    const accepted = await post(`/v1/orders/${orderId}/language-request/answer`, lawyer.auth, { accept: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().state.language).toMatchObject({ agreed: 'ru', requested: null });
    await stack.smtp.waitFor(
      (mail) => mail.to.includes(client.registration.email) && mail.raw.includes('The service is now given in Russian'),
    );
  });

  it('EL-LANG-1: a request made later can be declined; the service stays in Azerbaijani; bad languages are 400', async () => {
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);
    const orderId = await paidOrder(client);
    await post(`/v1/orders/${orderId}/accept`, lawyer.auth);
    expect((await post(`/v1/orders/${orderId}/language-request`, client.auth, { language: 'xx' })).statusCode).toBe(400);
    const same = await post(`/v1/orders/${orderId}/language-request`, client.auth, { language: 'az' });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'The service is already given in Azerbaijani.' });
    const asked = await post(`/v1/orders/${orderId}/language-request`, client.auth, { language: 'en' });
    expect(asked.json().state.language).toMatchObject({ agreed: 'az', requested: 'en' });
    const declined = await post(`/v1/orders/${orderId}/language-request/answer`, lawyer.auth, { accept: false });
    expect(declined.json().state.language).toMatchObject({ agreed: 'az', requested: null });
    const again = await post(`/v1/orders/${orderId}/language-request/answer`, lawyer.auth, { accept: true });
    expect(again.statusCode).toBe(409);
  });
});
