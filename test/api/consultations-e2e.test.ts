import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type SseEvent } from '../support/conversations.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { acceptCurrentTerms, newAdmin, payAtCheckout, pdfWithPages, uploadFile, type Person } from '../support/orders.ts';
import { registerAndLogin } from '../support/factories.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// The chat consultation end to end, through the HTTP API on the Temporal dev server with the
// real ledger, the sandbox acquirer and live events over a real HTTP connection: a specialist is
// vetted and found in the directory, the client writes, the specialist offers, the client
// accepts and pays on the checkout page, both sides see the system message live, the specialist
// ends it and is paid the price less the commission; then a second consultation, a complaint
// and the administration's partial refund to the client's balance. Books balance after each.

type Auth = Record<string, string>;
interface Consultation {
  id: string;
  status: string;
  offers: { id: string; by: string; status: string; price: number }[];
  payments: { checkoutUrl: string | null; status: string }[];
  session: { endsAt: number } | null;
  timeLeftMs: number | null;
  complaintDeadline: number | null;
  settlement: { toSpecialist: number; toPlatform: number; returnedToClient: number } | null;
}

let stack: Stack;
let baseUrl: string;
beforeAll(async () => {
  stack = await startStack();
  baseUrl = await stack.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => stack?.close());

const get = (url: string, headers: Auth = {}) => stack.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, headers: Auth, payload: object = {}) =>
  stack.app.inject({ method, url, headers, payload });

async function ok<T>(response: Awaited<ReturnType<typeof get>>, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

const consultation = (id: string, auth: Auth) => get(`/v1/consultations/${id}`, auth).then((r) => ok<Consultation>(r));
const until = (id: string, auth: Auth, done: (c: Consultation) => boolean) => waitFor(() => consultation(id, auth), done);
const available = async (auth: Auth) =>
  (await ok<{ balances: { currency: string; available: number; held: number }[] }>(await get('/v1/me/balance', auth))).balances.find(
    (b) => b.currency === 'UZS',
  ) ?? { currency: 'UZS', available: 0, held: 0 };

/** The next event on `stream` whose system code is `code` (other messages pass by). */
async function systemEvent(stream: Awaited<ReturnType<typeof openEventStream>>, code: string) {
  for (;;) {
    const event: SseEvent = await stream.next(20_000);
    const message = JSON.parse(event.data!) as { systemCode: string | null; systemParams: Record<string, unknown> | null };
    if (message.systemCode === code) return message;
  }
}

async function vettedSpecialist(admin: Person): Promise<Person> {
  const specialist = await registerAndLogin(stack.app, { role: 'specialist' });
  await ok(
    await send('PUT', '/v1/me/specialist-profile', specialist.auth, {
      name: 'Rahimov Jasur',
      areas: ['family', 'civil'],
      languages: ['uz', 'ru'],
      city: 'Tashkent',
      yearsOfPractice: 12,
      biography: 'Advocate: family and inheritance disputes.',
      price: { amount: 200_000, currency: 'UZS' },
    }),
  );
  const documentFileId = await uploadFile(stack, specialist.auth, await pdfWithPages(1), 'advocate-certificate.pdf');
  const request = await ok<{ id: string }>(
    await send('POST', '/v1/me/verifications', specialist.auth, { kind: 'advocate_certificate', documentFileId }),
    202,
  );
  await ok(await send('POST', `/v1/admin/verifications/${request.id}/decision`, admin.auth, { decision: 'approve' }), 202);
  return specialist;
}

describe('chat consultation end to end (CHAT-1…CHAT-6, PAY-2, PAY-7)', () => {
  it('CHAT-1…CHAT-5, PAY-2: directory → chat → offer → payment in the chat → live system message → end → earnings; then a complaint and a partial refund', async () => {
    const { db } = stack.database;
    const admin = await newAdmin(stack);
    const specialist = await vettedSpecialist(admin);

    // CHAT-1: the client finds the vetted specialist in the directory and starts the chat.
    const client = await registerAndLogin(stack.app);
    await acceptCurrentTerms(stack, client.auth);
    const found = await waitFor(
      () => get('/v1/specialists?q=rahimov&area=family&language=uz').then((r) => ok<{ items: { id: string }[] }>(r)),
      (page) => page.items.length > 0,
    );
    expect(found.items.map((s) => s.id)).toEqual([specialist.user.id]);
    const conversation = await ok<{ id: string }>(
      await send('POST', '/v1/conversations', client.auth, { specialistId: specialist.user.id }),
      201,
    );
    const clientStream = await openEventStream(`${baseUrl}/v1/conversations/${conversation.id}/events`, client.auth);
    const specialistStream = await openEventStream(`${baseUrl}/v1/conversations/${conversation.id}/events`, specialist.auth);
    await ok(
      await send('POST', `/v1/conversations/${conversation.id}/messages`, client.auth, { body: 'Assalomu alaykum, meros masalasi.' }),
      201,
    );

    // CHAT-2: the specialist offers a consultation; CHAT-3: the client accepts and pays in the chat.
    const offered = await ok<Consultation>(
      await send('POST', `/v1/conversations/${conversation.id}/offers`, specialist.auth, { price: 200_000, durationMinutes: 60 }),
    );
    expect(offered.offers).toEqual([expect.objectContaining({ id: 'offer-1', by: 'specialist', status: 'open', price: 200_000 })]);
    await ok(await send('POST', `/v1/consultations/${offered.id}/offers/offer-1/answer`, client.auth, { answer: 'accept' }));
    const awaiting = await until(offered.id, client.auth, (c) => c.payments[0]?.checkoutUrl != null);
    await payAtCheckout(stack, awaiting.payments[0]!.checkoutUrl!);

    // PAY-2: the money is frozen; both sides see the system message live.
    for (const stream of [clientStream, specialistStream]) expect((await systemEvent(stream, 'paid')).systemCode).toBe('paid');
    const inSession = await until(offered.id, client.auth, (c) => c.status === 'in_session');
    expect(inSession.timeLeftMs).toBeGreaterThan(0);
    expect(await available(client.auth)).toMatchObject({ available: 0, held: 200_000 });

    // CHAT-4: the specialist ends it; the frozen price less the 15 % commission is theirs at once.
    await ok(await send('POST', `/v1/consultations/${offered.id}/end`, specialist.auth));
    await waitFor(
      () => available(specialist.auth),
      (b) => b.available === 170_000,
    );
    expect(await available(specialist.auth)).toMatchObject({ available: 170_000, held: 0 });
    expect(await available(client.auth)).toMatchObject({ available: 0, held: 0 });
    const ended = await until(offered.id, client.auth, (c) => c.settlement !== null);
    expect(ended.settlement).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0 });
    await expectBooksBalanced(db);

    // A second consultation in the same conversation: the client's own offer with a summary.
    const second = await ok<Consultation>(
      await send('POST', `/v1/conversations/${conversation.id}/offers`, client.auth, {
        price: 100_000,
        durationMinutes: 30,
        summary: 'Vasiyatnoma bo‘yicha qisqa maslahat kerak.',
      }),
    );
    expect(second.id).not.toBe(offered.id);
    await ok(await send('POST', `/v1/consultations/${second.id}/offers/offer-1/answer`, specialist.auth, { answer: 'accept' }));
    const secondCheckout = await until(second.id, client.auth, (c) => c.payments[0]?.checkoutUrl != null);
    await payAtCheckout(stack, secondCheckout.payments[0]!.checkoutUrl!);
    await until(second.id, client.auth, (c) => c.status === 'in_session');
    await ok(await send('POST', `/v1/consultations/${second.id}/end`, specialist.auth));
    await waitFor(
      () => available(specialist.auth),
      (b) => b.available === 255_000,
    );

    // The client's evidence, attached in the chat: private to the two sides until a complaint.
    const screenshot = await uploadFile(stack, client.auth, await pdfWithPages(1), 'receipt.pdf');
    await ok(
      await send('POST', `/v1/conversations/${conversation.id}/messages`, client.auth, {
        body: 'Chek ilova qilindi.',
        fileIds: [screenshot],
      }),
      201,
    );
    expect((await get(`/v1/files/${screenshot}`, specialist.auth)).statusCode).toBe(200);
    expect((await get(`/v1/files/${screenshot}`, admin.auth)).statusCode).toBe(404);

    // CHAT-5: the client complains within the window; the administration sees the evidence and
    // returns 40 000 to the client's balance; the kept 60 000 is split as on completion.
    await ok(await send('POST', `/v1/consultations/${second.id}/complaint`, client.auth, { reason: 'Javob savolga tegishli emas edi.' }));
    // The queue reads the mirror the workflow writes just after the complaint.
    const queue = await waitFor(
      () => get('/v1/admin/consultations/complaints', admin.auth).then((r) => ok<{ items: { id: string }[] }>(r)),
      (page) => page.items.some((c) => c.id === second.id),
    );
    expect(queue.items.map((c) => c.id)).toContain(second.id);
    const evidence = await ok<{ transcript: { body: string | null }[]; consultation: Consultation }>(
      await get(`/v1/admin/consultations/${second.id}/evidence`, admin.auth),
    );
    // The administration handling the complaint may now open the chat's attachments.
    expect((await get(`/v1/files/${screenshot}`, admin.auth)).statusCode).toBe(200);
    expect(evidence.transcript.map((m) => m.body)).toEqual(
      expect.arrayContaining(['Vasiyatnoma bo‘yicha qisqa maslahat kerak.', 'Javob savolga tegishli emas edi.']),
    );
    await ok(
      await send('POST', `/v1/admin/consultations/${second.id}/complaint/decision`, admin.auth, {
        decision: 'partial_refund',
        refundAmount: 40_000,
        note: 'Javob qisman berilgan.',
      }),
    );
    await waitFor(
      () => available(client.auth),
      (b) => b.available === 40_000,
    );
    expect(await available(client.auth)).toMatchObject({ available: 40_000, held: 0 });
    // 170 000 + (60 000 − 15 %) = 221 000.
    await waitFor(
      () => available(specialist.auth),
      (b) => b.available === 221_000,
    );
    expect(await available(specialist.auth)).toMatchObject({ available: 221_000 });
    const decided = await until(second.id, client.auth, (c) => c.status === 'partially_refunded');
    expect(decided.settlement).toMatchObject({ toSpecialist: 51_000, toPlatform: 9_000, returnedToClient: 40_000 });
    await expectBooksBalanced(db);
    await clientStream.close();
    await specialistStream.close();
  });
});
