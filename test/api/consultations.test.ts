import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAdmin, registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { acceptCurrentTerms, type Person } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// The consultation's API, rule by rule, on the dev server with a worker: offers both ways and
// their refusals (CHAT-2), who may do what (CHAT-1/4/5, 404 for strangers), the client's
// eligibility before committing to pay (ACC-5), and the off-platform flags (CHAT-6, PAY-7).
// The whole paid path and the complaint's money are in consultations-e2e.test.ts; the timers
// (offer expiry, payment window, duration, complaint window, arbitration deadline) are proved
// on the time-skipping server in test/workflows/consultation.test.ts.

type Auth = Record<string, string>;
interface Consultation {
  id: string;
  status: string;
  offers: { id: string; by: string; status: string; price: number; durationMinutes: number; counters: string | null }[];
}
interface Message {
  id: string;
  body: string | null;
  systemCode: string | null;
  flagKinds: string[];
  visibleTo: string | null;
}

let stack: Stack;
let admin: Person;
beforeAll(async () => {
  stack = await startStack();
  admin = await registerAdmin(stack.app, stack.database.db);
});
afterAll(async () => stack?.close());

const get = (url: string, headers: Auth = {}) => stack.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Auth, payload: object = {}) => stack.app.inject({ method: 'POST', url, headers, payload });

async function chat(options: { terms?: boolean } = {}) {
  const client = await registerAndLogin(stack.app);
  if (options.terms ?? true) await acceptCurrentTerms(stack, client.auth);
  const specialist = await registerSpecialist(stack.app, stack.database.db);
  const started = await post('/v1/conversations', client.auth, { specialistId: specialist.user.id });
  expect(started.statusCode, started.body).toBe(201);
  return { client, specialist, conversationId: started.json<{ id: string }>().id };
}

const offer = (conversationId: string, auth: Auth, terms: object) => post(`/v1/conversations/${conversationId}/offers`, auth, terms);
const answer = (consultationId: string, offerId: string, auth: Auth, body: object) =>
  post(`/v1/consultations/${consultationId}/offers/${offerId}/answer`, auth, body);

async function messages(conversationId: string, auth: Auth): Promise<Message[]> {
  const page = await get(`/v1/conversations/${conversationId}/messages?limit=100`, auth);
  expect(page.statusCode, page.body).toBe(200);
  return page.json<{ items: Message[] }>().items;
}

describe('offers both ways (CHAT-2)', () => {
  it('CHAT-2: the specialist offers, the client counters, the specialist accepts the counter; every version stays visible', async () => {
    const { client, specialist, conversationId } = await chat();
    const first = await offer(conversationId, specialist.auth, { price: 150_000, durationMinutes: 60 });
    expect(first.statusCode, first.body).toBe(200);
    const consultation = first.json<Consultation>();
    expect(consultation).toMatchObject({ status: 'negotiating', offers: [{ id: 'offer-1', by: 'specialist', status: 'open' }] });

    // One open offer at a time; the author cannot answer their own offer.
    const second = await offer(conversationId, specialist.auth, { price: 120_000, durationMinutes: 60 });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'CONSULTATION_OFFER_OPEN' });
    const own = await answer(consultation.id, 'offer-1', specialist.auth, { answer: 'accept' });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'CONSULTATION_OWN_OFFER' });

    const countered = await answer(consultation.id, 'offer-1', client.auth, {
      answer: 'counter',
      price: 100_000,
      durationMinutes: 45,
      summary: 'Ijara shartnomasi muddatidan oldin bekor qilinishi.',
    });
    expect(countered.statusCode, countered.body).toBe(200);
    expect(countered.json<Consultation>().offers).toEqual([
      expect.objectContaining({ id: 'offer-1', by: 'specialist', status: 'countered', price: 150_000 }),
      expect.objectContaining({ id: 'offer-2', by: 'client', status: 'open', price: 100_000, durationMinutes: 45, counters: 'offer-1' }),
    ]);
    // The replaced offer can no longer be answered.
    const stale = await answer(consultation.id, 'offer-1', specialist.auth, { answer: 'accept' });
    expect(stale.statusCode).toBe(409);
    const accepted = await answer(consultation.id, 'offer-2', specialist.auth, { answer: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Consultation>()).toMatchObject({ status: 'awaiting_payment' });
    // The client's summary is a message of the conversation.
    expect((await messages(conversationId, specialist.auth)).map((m) => m.body)).toContain(
      'Ijara shartnomasi muddatidan oldin bekor qilinishi.',
    );
  });

  it("CHAT-2: the client's offer needs a summary of the problem; a declined offer leaves the consultation open for another", async () => {
    const { client, specialist, conversationId } = await chat();
    const bare = await offer(conversationId, client.auth, { price: 80_000, durationMinutes: 30 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const made = await offer(conversationId, client.auth, { price: 80_000, durationMinutes: 30, summary: 'Aliment miqdori.' });
    expect(made.statusCode, made.body).toBe(200);
    const { id } = made.json<Consultation>();
    const declined = await answer(id, 'offer-1', specialist.auth, { answer: 'decline' });
    expect(declined.json<Consultation>()).toMatchObject({ status: 'negotiating', offers: [{ status: 'declined' }] });
    const again = await offer(conversationId, specialist.auth, { price: 90_000, durationMinutes: 30 });
    expect(again.json<Consultation>()).toMatchObject({ id, offers: [{ id: 'offer-1' }, { id: 'offer-2', by: 'specialist' }] });
  });

  it('CHAT-2: terms out of bounds and malformed ids are 400 problems', async () => {
    const { specialist, conversationId } = await chat();
    for (const terms of [
      { price: 0, durationMinutes: 60 },
      { price: 1.5, durationMinutes: 60 },
      { price: 100_000, durationMinutes: 5 },
      { price: 100_000, durationMinutes: 60 * 24 * 8 },
      { price: '100000', durationMinutes: 60 },
    ]) {
      const response = await offer(conversationId, specialist.auth, terms);
      expect(response.statusCode, JSON.stringify(terms)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const made = (await offer(conversationId, specialist.auth, { price: 100_000, durationMinutes: 60 })).json<Consultation>();
    const badOffer = await answer(made.id, 'first', specialist.auth, { answer: 'accept' });
    expect(badOffer.statusCode).toBe(400);
    const badAnswer = await answer(made.id, 'offer-1', specialist.auth, { answer: 'maybe' });
    expect(badAnswer.statusCode).toBe(400);
  });

  it('ACC-5: a client who has not accepted the Terms cannot offer to pay nor accept an offer', async () => {
    const { client, specialist, conversationId } = await chat({ terms: false });
    const refused = await offer(conversationId, client.auth, { price: 80_000, durationMinutes: 30, summary: 'Savol.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
    const made = (await offer(conversationId, specialist.auth, { price: 80_000, durationMinutes: 30 })).json<Consultation>();
    const accept = await answer(made.id, 'offer-1', client.auth, { answer: 'accept' });
    expect(accept.statusCode).toBe(403);
    expect(accept.json()).toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
    // Declining commits to nothing.
    expect((await answer(made.id, 'offer-1', client.auth, { answer: 'decline' })).statusCode).toBe(200);
  });
});

describe('who may do what', () => {
  it('CHAT-1, CHAT-4, CHAT-5: strangers get 404; only the specialist ends, only the client complains, only admins decide', async () => {
    const { client, specialist, conversationId } = await chat();
    const stranger = await registerSpecialist(stack.app, stack.database.db);
    const { id } = (await offer(conversationId, specialist.auth, { price: 100_000, durationMinutes: 60 })).json<Consultation>();

    expect((await get(`/v1/consultations/${id}`, stranger.auth)).statusCode).toBe(404);
    expect((await offer(conversationId, stranger.auth, { price: 1000, durationMinutes: 60 })).statusCode).toBe(404);
    expect((await answer(id, 'offer-1', stranger.auth, { answer: 'accept' })).statusCode).toBe(404);
    expect((await post(`/v1/consultations/${id}/end`, stranger.auth)).statusCode).toBe(404);
    expect((await get(`/v1/consultations/${id}`, admin.auth)).statusCode).toBe(200);

    const clientEnds = await post(`/v1/consultations/${id}/end`, client.auth);
    expect(clientEnds.statusCode).toBe(403);
    const specialistComplains = await post(`/v1/consultations/${id}/complaint`, specialist.auth, { reason: 'Mijoz javob bermadi.' });
    expect(specialistComplains.statusCode).toBe(403);
    // Before the consultation ended there is nothing to complain about.
    const early = await post(`/v1/consultations/${id}/complaint`, client.auth, { reason: 'Javob berilmadi hali.' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CONSULTATION_STATE_CONFLICT' });
    // No text was posted for a refused complaint.
    expect((await messages(conversationId, client.auth)).map((m) => m.body)).not.toContain('Javob berilmadi hali.');

    for (const url of ['/v1/admin/consultations/complaints', '/v1/admin/consultations/flags', `/v1/admin/consultations/${id}/evidence`]) {
      expect((await get(url, client.auth)).statusCode, url).toBe(403);
    }
    const decision = await post(`/v1/admin/consultations/${id}/complaint/decision`, specialist.auth, { decision: 'reject' });
    expect(decision.statusCode).toBe(403);
    const noComplaint = await post(`/v1/admin/consultations/${id}/complaint/decision`, admin.auth, { decision: 'reject' });
    expect(noComplaint.statusCode).toBe(409);

    // My consultations, as either side.
    const mine = await get('/v1/consultations?limit=10', specialist.auth);
    expect(mine.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([id]);
  });
});

describe('payments outside the platform (CHAT-6, PAY-7)', () => {
  it('CHAT-6, PAY-7: a specialist asking to be paid directly is delivered and marked, nudged privately, queued for review; the third flag escalates', async () => {
    const { client, specialist, conversationId } = await chat();
    const asks = [
      "To'lovni to'g'ridan-to'g'ri kartamga qiling: 8600 1234 5678 9012",
      'Или переведите на Humo 9860 0101 2345 6789, так дешевле',
      'Telegramda yozing: t.me/advokat_jasur, u yerda kelishamiz',
    ];
    const sent: Message[] = [];
    for (const body of asks) {
      const response = await post(`/v1/conversations/${conversationId}/messages`, specialist.auth, { body });
      expect(response.statusCode, response.body).toBe(201);
      sent.push(response.json<Message>());
    }
    for (const message of sent) expect(message.flagKinds.length, message.body ?? '').toBeGreaterThan(0);
    // Ordinary legal talk is not flagged.
    const legal = await post(`/v1/conversations/${conversationId}/messages`, specialist.auth, {
      body: 'Fuqarolik kodeksining 386-moddasiga ko‘ra, 2024-yil 12-martdagi shartnoma bo‘yicha 5 000 000 so‘m undiriladi.',
    });
    expect(legal.json<Message>().flagKinds).toEqual([]);

    // The nudge reaches the sender only.
    const nudges = await waitFor(
      async () => (await messages(conversationId, specialist.auth)).filter((m) => m.systemCode === 'off_platform_nudge'),
      (found) => found.length === 3,
    );
    expect(nudges).toHaveLength(3);
    expect(nudges.every((m) => m.visibleTo === specialist.user.id)).toBe(true);
    expect((await messages(conversationId, client.auth)).filter((m) => m.systemCode === 'off_platform_nudge')).toEqual([]);
    // The client still sees the flagged messages themselves, marked.
    const seen = (await messages(conversationId, client.auth)).filter((m) => m.flagKinds.length > 0);
    expect(seen.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());

    // The administration's queue has all three with their context; a verdict is recorded once.
    type Flag = { id: string; messageId: string; senderId: string; conversationId: string; reviewOutcome: string | null };
    const queue = await waitFor(
      async () => (await get('/v1/admin/consultations/flags?limit=100', admin.auth)).json<{ items: Flag[] }>().items,
      (items) => sent.every((m) => items.some((f) => f.messageId === m.id)),
    );
    const mine = queue.filter((f) => f.conversationId === conversationId);
    expect(mine).toHaveLength(3);
    expect(mine.every((f) => f.senderId === specialist.user.id)).toBe(true);
    const reviewed = await post(`/v1/admin/consultations/flags/${mine[0]!.id}/review`, admin.auth, { outcome: 'confirmed', note: 'PAY-7' });
    expect(reviewed.json()).toMatchObject({ reviewOutcome: 'confirmed', reviewNote: 'PAY-7' });
    expect((await post(`/v1/admin/consultations/flags/${mine[0]!.id}/review`, admin.auth, { outcome: 'dismissed' })).statusCode).toBe(409);

    // The third flag from the same sender escalates at once.
    type Escalation = { id: string; reason: string; consultationId: string };
    const escalations = await waitFor(
      async () => (await get('/v1/admin/consultations/escalations?limit=100', admin.auth)).json<{ items: Escalation[] }>().items,
      (items) => items.some((e) => e.reason === 'repeated_off_platform'),
    );
    const escalation = escalations.find((e) => e.reason === 'repeated_off_platform')!;
    const acknowledged = await post(`/v1/admin/consultations/escalations/${escalation.id}/acknowledgement`, admin.auth);
    expect(acknowledged.statusCode).toBe(200);
    const open = (await get('/v1/admin/consultations/escalations?limit=100', admin.auth)).json<{ items: Escalation[] }>().items;
    expect(open.map((e) => e.id)).not.toContain(escalation.id);
  });
});
