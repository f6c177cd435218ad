import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { acceptCurrentTerms, newAdmin, payAtCheckout, pdfWithPages, uploadFile, type Person } from '../support/orders.ts';
import { registerAndLogin } from '../support/factories.ts';
import { mailText } from '../support/smtp.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// The question with bids end to end, through the HTTP API on the Temporal dev server with the
// real ledger and the sandbox acquirer: a client asks, the administration asks for a clarification
// and publishes, two vetted specialists bid (one free, one paid), the client chooses the paid one,
// the specialist asks a clarification and publishes a preview with the digest, the client pays on
// the checkout page, reads the full answer (the digest matches) and rates it; extra drawings are
// ordered as a second round; then a second question, a complaint within the window and a full
// refund to the client's balance. Books balance after each.

type Auth = Record<string, string>;
interface Round {
  no: number;
  status: string;
  price: number;
  answer: { digest: string | null } | null;
  payments: { checkoutUrl: string | null; status: string }[];
  fullAnswerOpen: boolean;
  rateable: boolean;
  complaintDeadline: number | null;
  settlement: { toSpecialist: number; toPlatform: number; returnedToClient: number } | null;
}
interface Question {
  id: string;
  status: string;
  moderation: { turn: string; decideBy: number | null } | null;
  bids: {
    id: string;
    version: number;
    price: number;
    status: string;
    explanation: string | null;
    specialist: { id: string; name: string | null };
  }[];
  rounds: Round[];
  proposals: { id: string; status: string }[];
}
interface Answer {
  round: number;
  digest: string;
  preview: { body: string; fileIds: string[] } | null;
  full: { body: string; fileIds: string[] } | null;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

const get = (url: string, headers: Auth = {}) => stack.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, headers: Auth, payload: object = {}) =>
  stack.app.inject({ method, url, headers, payload });

async function ok<T>(response: Awaited<ReturnType<typeof get>>, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

const question = (id: string, auth: Auth) => get(`/v1/questions/${id}`, auth).then((r) => ok<Question>(r));
const until = (id: string, auth: Auth, done: (q: Question) => boolean) => waitFor(() => question(id, auth), done);
const answers = (id: string, auth: Auth) =>
  get(`/v1/questions/${id}/answers`, auth).then((r) => ok<{ items: Answer[] }>(r).then((p) => p.items));
const balance = async (auth: Auth) =>
  (await ok<{ balances: { currency: string; available: number; held: number }[] }>(await get('/v1/me/balance', auth))).balances.find(
    (b) => b.currency === 'UAH',
  ) ?? { currency: 'UAH', available: 0, held: 0 };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function vettedArchitect(admin: Person, name: string): Promise<Person> {
  const specialist = await registerAndLogin(stack.app, { role: 'specialist' });
  await ok(
    await send('PUT', '/v1/me/specialist-profile', specialist.auth, {
      name,
      areas: ['civil'],
      languages: ['ru'],
      city: 'Kyiv',
      yearsOfPractice: 9,
      biography: 'Architect: private houses and extensions.',
      price: { amount: 100_000, currency: 'UAH' },
    }),
  );
  const documentFileId = await uploadFile(stack, specialist.auth, await pdfWithPages(1), 'diploma.pdf');
  const request = await ok<{ id: string }>(
    await send('POST', '/v1/me/verifications', specialist.auth, { kind: 'specialist_diploma', documentFileId }),
    202,
  );
  await ok(await send('POST', `/v1/admin/verifications/${request.id}/decision`, admin.auth, { decision: 'approve' }), 202);
  return specialist;
}

async function askAndPublish(client: Person, admin: Person, title: string): Promise<string> {
  const asked = await ok<Question>(
    await send(
      'POST',
      '/v1/questions',
      { ...client.auth, 'idempotency-key': `ask-${title}` },
      {
        title,
        text: 'A 1970s brick house, 9 × 11 m: may we add a terrace on the south side, and how should it be supported?',
        topic: 'architecture',
      },
    ),
    202,
  );
  await until(asked.id, admin.auth, (q) => q.moderation?.turn === 'admin');
  await ok(await send('POST', `/v1/admin/questions/${asked.id}/publish`, admin.auth));
  return asked.id;
}

/** The specialist publishes a paid round's preview and full answer; returns the full answer's file. */
async function publishPaid(id: string, specialist: Person, fullBody: string): Promise<string> {
  const previewFile = await uploadFile(stack, specialist.auth, await pdfWithPages(1), 'preview.pdf');
  const fullFile = await uploadFile(stack, specialist.auth, await pdfWithPages(4), 'drawings.pdf');
  await ok(
    await send('POST', `/v1/questions/${id}/answer`, specialist.auth, {
      preview: { body: 'Plan and section of the terrace, first sheet of four.', fileIds: [previewFile] },
      full: { body: fullBody, fileIds: [fullFile] },
    }),
  );
  return fullFile;
}

describe('questions with bids end to end (QA-1…QA-9, PAY-2)', () => {
  it('QA-1…QA-8, PAY-2: question → clarification → published → free and paid bids → choice → preview → payment → full answer → rating; extra drawings as a second round', async () => {
    const { db } = stack.database;
    const admin = await newAdmin(stack);
    const free = await vettedArchitect(admin, 'Koval Olena');
    const paid = await vettedArchitect(admin, 'Shevchenko Taras');
    const client = await registerAndLogin(stack.app);
    await acceptCurrentTerms(stack, client.auth);

    // QA-1: asked; the administration asks for a clarification, the client gives it; QA-2: published.
    const sketch = await uploadFile(stack, client.auth, await pdfWithPages(1), 'site-plan.pdf');
    const asked = await ok<Question>(
      await send(
        'POST',
        '/v1/questions',
        { ...client.auth, 'idempotency-key': 'ask-terrace-1' },
        {
          title: 'Terrace on the south side',
          text: 'A 1970s brick house, 9 × 11 m: may we add a terrace, and how should it be supported?',
          topic: 'architecture',
          attachmentFileIds: [sketch],
        },
      ),
      202,
    );
    const queued = await waitFor(
      () => get('/v1/admin/questions/moderation', admin.auth).then((r) => ok<{ items: Question[] }>(r)),
      (page) => page.items.some((q) => q.id === asked.id && q.moderation !== null),
    );
    expect(queued.items.find((q) => q.id === asked.id)!.moderation).toMatchObject({ turn: 'admin', decideBy: expect.any(Number) });
    await ok(
      await send('POST', `/v1/questions/${asked.id}/clarification-requests`, admin.auth, { text: 'What is the size of the terrace?' }),
    );
    await ok(await send('POST', `/v1/questions/${asked.id}/clarifications`, client.auth, { text: 'About 4 × 6 m, on the ground floor.' }));
    const published = await ok<Question>(await send('POST', `/v1/admin/questions/${asked.id}/publish`, admin.auth));
    expect(published.status).toBe('published');
    const listed = await waitFor(
      () => get('/v1/questions?q=south%20side&topic=architecture').then((r) => ok<{ items: { id: string }[] }>(r)),
      (page) => page.items.some((q) => q.id === asked.id),
    );
    expect(listed.items.map((q) => q.id)).toContain(asked.id);

    // QA-3: two bids at once, one free, one paid; QA-4: the client compares them and chooses the paid one.
    await ok(
      await send('POST', `/v1/questions/${asked.id}/bids`, free.auth, {
        price: 0,
        explanation: 'A short answer, no drawings.',
        promisedAt: inDays(3),
      }),
    );
    await ok(
      await send('POST', `/v1/questions/${asked.id}/bids`, paid.auth, {
        price: 150_000,
        explanation: 'Three drawings: plan, section, foundation detail.',
        promisedAt: inDays(7),
      }),
    );
    const bids = (await question(asked.id, client.auth)).bids;
    expect(bids.map((b) => [b.specialist.name, b.price, b.explanation])).toEqual([
      ['Koval Olena', 0, 'A short answer, no drawings.'],
      ['Shevchenko Taras', 150_000, 'Three drawings: plan, section, foundation detail.'],
    ]);
    const chosenBid = bids.find((b) => b.price === 150_000)!;
    const chosen = await ok<Question>(
      await send('POST', `/v1/questions/${asked.id}/choice`, client.auth, {
        bidId: chosenBid.id,
        bidVersion: chosenBid.version,
        confirmsPayment: true,
      }),
    );
    expect(chosen).toMatchObject({ status: 'in_work', rounds: [{ no: 1, status: 'in_work', price: 150_000 }] });
    // QA-4: the other bidder is told by mail.
    const told = await stack.smtp.waitFor(
      (mail) => mail.to.includes(free.registration.email) && mailText(mail).includes('chose another bid'),
    );
    expect(mailText(told)).toContain(`/v1/questions/${asked.id}`);

    // QA-5: the chosen specialist asks for a clarification before answering; the client answers.
    await ok(await send('POST', `/v1/questions/${asked.id}/clarification-requests`, paid.auth, { text: 'Is the soil clay or sand?' }));
    await ok(await send('POST', `/v1/questions/${asked.id}/clarifications`, client.auth, { text: 'Clay, groundwater at 2 m.' }));

    // QA-6: a preview with the digest; the full answer stays closed until the payment.
    const fullBody = 'Terrace on 6 bored piles, 2.5 m deep; see the four sheets.';
    const fullFile = await publishPaid(asked.id, paid, fullBody);
    const awaiting = await until(asked.id, client.auth, (q) => q.rounds[0]?.payments[0]?.checkoutUrl != null);
    expect(awaiting.rounds[0]).toMatchObject({ status: 'awaiting_payment', fullAnswerOpen: false });
    const digest = awaiting.rounds[0]!.answer!.digest!;
    const preview = await waitFor(
      () => answers(asked.id, client.auth),
      (items) => items.length === 1,
    );
    expect(preview).toEqual([expect.objectContaining({ round: 1, digest, full: null, locked: true })]);
    expect((await get(`/v1/files/${fullFile}/content`, client.auth)).statusCode).toBe(404);

    await payAtCheckout(stack, awaiting.rounds[0]!.payments[0]!.checkoutUrl!);
    const opened = await until(asked.id, client.auth, (q) => q.rounds[0]?.fullAnswerOpen === true && q.rounds[0].settlement !== null);
    expect(opened.rounds[0]).toMatchObject({
      status: 'answered',
      settlement: { toSpecialist: 127_500, toPlatform: 22_500, returnedToClient: 0 },
    });
    const full = await waitFor(
      () => answers(asked.id, client.auth),
      (items) => items[0]?.full !== null,
    );
    expect(full[0]!.full).toEqual({ body: fullBody, fileIds: [fullFile] });
    const bytes = (await get(`/v1/files/${fullFile}/content`, client.auth)).rawPayload;
    const canonical = `{"body":${JSON.stringify(fullBody)},"files":[{"id":"${fullFile}","sha256":"${createHash('sha256').update(bytes).digest('hex')}"}]}`;
    expect(createHash('sha256').update(canonical).digest('hex')).toBe(digest);
    // PAY-2: the price less 15 % is the specialist's balance (PAY-5: withdrawable 3 working days after publication).
    expect(await balance(paid.auth)).toMatchObject({ available: 127_500, held: 0 });
    await expectBooksBalanced(db);

    // QA-8: rated once, shown on the profile.
    await ok(await send('POST', `/v1/questions/${asked.id}/rounds/1/rating`, client.auth, { score: 5, comment: 'Clear drawings.' }), 201);
    const again = await send('POST', `/v1/questions/${asked.id}/rounds/1/rating`, client.auth, { score: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'QUESTION_ALREADY_RATED' });
    expect(await ok(await get(`/v1/specialists/${paid.user.id}`))).toMatchObject({ rating: { average: 5, count: 1 } });
    expect(await ok(await get(`/v1/specialists/${paid.user.id}/answer-ratings`))).toEqual({
      items: [{ questionId: asked.id, round: 1, score: 5, comment: 'Clear drawings.', createdAt: expect.any(String) }],
    });

    // QA-7: extra drawings proposed and ordered: a second round of the same question, paid and opened.
    const proposed = await ok<Question>(
      await send('POST', `/v1/questions/${asked.id}/extras`, paid.auth, {
        description: 'A drawing of the terrace railing.',
        price: 50_000,
        promisedAt: inDays(5),
      }),
    );
    const proposal = proposed.proposals.find((p) => p.status === 'open')!;
    const ordered = await ok<Question>(
      await send('POST', `/v1/questions/${asked.id}/extras/${proposal.id}/answer`, client.auth, { order: true, confirmsPayment: true }),
    );
    expect(ordered.rounds.map((r) => [r.no, r.status])).toEqual([
      [1, 'answered'],
      [2, 'in_work'],
    ]);
    await publishPaid(asked.id, paid, 'Railing: steel posts every 1.2 m; one sheet.');
    const second = await until(asked.id, client.auth, (q) => q.rounds[1]?.payments[0]?.checkoutUrl != null);
    await payAtCheckout(stack, second.rounds[1]!.payments[0]!.checkoutUrl!);
    await until(asked.id, client.auth, (q) => q.rounds[1]?.fullAnswerOpen === true);
    await waitFor(
      () => balance(paid.auth),
      (b) => b.available === 170_000,
    );
    await expectBooksBalanced(db);
  });

  it("QA-9: a second question, a complaint within the window, and a full refund to the client's balance", async () => {
    const { db } = stack.database;
    const admin = await newAdmin(stack);
    const specialist = await vettedArchitect(admin, 'Bondar Ihor');
    const client = await registerAndLogin(stack.app);
    await acceptCurrentTerms(stack, client.auth);
    const id = await askAndPublish(client, admin, 'Loft windows');
    await ok(
      await send('POST', `/v1/questions/${id}/bids`, specialist.auth, {
        price: 100_000,
        explanation: 'Two drawings.',
        promisedAt: inDays(4),
      }),
    );
    const bid = (await question(id, client.auth)).bids[0]!;
    await ok(
      await send('POST', `/v1/questions/${id}/choice`, client.auth, { bidId: bid.id, bidVersion: bid.version, confirmsPayment: true }),
    );
    await publishPaid(id, specialist, 'Two roof windows between the rafters, 78 × 118 cm.');
    const awaiting = await until(id, client.auth, (q) => q.rounds[0]?.payments[0]?.checkoutUrl != null);
    await payAtCheckout(stack, awaiting.rounds[0]!.payments[0]!.checkoutUrl!);
    const answered = await until(id, client.auth, (q) => q.rounds[0]?.status === 'answered');
    expect(answered.rounds[0]!.complaintDeadline).toBeGreaterThan(Date.now());
    await expectBooksBalanced(db);

    await ok(
      await send('POST', `/v1/questions/${id}/rounds/1/complaint`, client.auth, { reason: 'The drawings ignore the rafters’ spacing.' }),
    );
    const queue = await waitFor(
      () => get('/v1/admin/questions/complaints', admin.auth).then((r) => ok<{ items: { id: string }[] }>(r)),
      (page) => page.items.some((q) => q.id === id),
    );
    expect(queue.items.map((q) => q.id)).toContain(id);
    const evidence = await ok<{ history: { kind: string; body: string }[]; answers: Answer[]; payments: { amount: number }[] }>(
      await get(`/v1/admin/questions/${id}/evidence`, admin.auth),
    );
    expect(evidence.history.map((e) => e.kind)).toEqual(expect.arrayContaining(['question', 'bid_explanation', 'complaint_reason']));
    expect(evidence.answers[0]!.full?.body).toBe('Two roof windows between the rafters, 78 × 118 cm.');
    expect(evidence.payments.map((p) => p.amount)).toEqual([100_000]);

    const decided = await ok<Question>(
      await send('POST', `/v1/admin/questions/${id}/rounds/1/complaint/decision`, admin.auth, {
        decision: 'full_refund',
        note: 'Justified.',
      }),
    );
    expect(decided.rounds[0]!.status).toBe('refunded');
    await waitFor(
      () => balance(client.auth),
      (b) => b.available === 100_000,
    );
    expect(await balance(client.auth)).toMatchObject({ available: 100_000, held: 0 });
    await waitFor(
      () => balance(specialist.auth),
      (b) => b.held === 0 && b.available === 0,
    );
    await expectBooksBalanced(db);
  });
});
