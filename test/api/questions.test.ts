import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAnswerPublished, markAnswerUnderComplaint, storeAnswer, unlockAnswer } from '../../services/questions/answers.ts';
import { registerAdmin, registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { acceptCurrentTerms, pdfWithPages, uploadFile, type Person } from '../support/orders.ts';
import { mailText } from '../support/smtp.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// The questions' API rule by rule, on the dev server with a worker: asking and asking again
// (QA-1, ACC-5), the public list and who sees what of a question (QA-1, QA-3), and the QA-6 access
// rule at the storage level — answers and their files moved through the states the workflow's
// mirror moves them through (published, unlocked, under complaint) — then moderation, bids, the
// choice and ratings through the workflow, with 404 for strangers. The whole paid path and the
// complaint's money are in questions-e2e.test.ts; the timers (moderation escalation, promised
// date, complaint window) on the time-skipping server in the workflow's tests.

type Auth = Record<string, string>;
interface Question {
  id: string;
  title: string;
  text: string;
  topic: string;
  status: string;
  attachmentFileIds: string[] | null;
  previousQuestionId: string | null;
}
interface Answer {
  round: number;
  digest: string;
  preview: { body: string; fileIds: string[] } | null;
  full: { body: string; fileIds: string[] } | null;
  locked: boolean;
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

async function newClient(): Promise<Person> {
  const client = await registerAndLogin(stack.app);
  await acceptCurrentTerms(stack, client.auth);
  return client;
}

async function ask(client: Person, body: object, key = randomUUID()): Promise<Question> {
  const response = await post('/v1/questions', { ...client.auth, 'idempotency-key': key }, body);
  expect(response.statusCode, response.body).toBe(202);
  expect(response.headers.location).toBe(`/v1/questions/${response.json<Question>().id}`);
  return response.json<Question>();
}

const houseQuestion = (tag: string, attachmentFileIds: string[] = []) => ({
  title: `Extension of a country house ${tag}`,
  text: `How far from the neighbour's fence may a two-storey extension stand? ${tag}`,
  topic: 'architecture',
  attachmentFileIds,
});

/** QA-2: the administration publishes it (once its workflow has taken it into moderation). */
async function publish(id: string): Promise<void> {
  await waitFor(
    () => get(`/v1/questions/${id}`, admin.auth).then((r) => r.json<{ moderation: { turn: string } | null }>()),
    (q) => q.moderation?.turn === 'admin',
  );
  const published = await post(`/v1/admin/questions/${id}/publish`, admin.auth);
  expect(published.statusCode, published.body).toBe(200);
  await waitFor(
    () => stack.database.db.question.findUniqueOrThrow({ where: { id } }),
    (row) => row.publishedAt !== null,
  );
}

describe('asking (QA-1, ACC-5)', () => {
  it('QA-1: a client asks with title, text, topic and own attachments; a retried request asks once; the text opens its history', async () => {
    const client = await newClient();
    const plan = await uploadFile(stack, client.auth, await pdfWithPages(1), 'plan.pdf');
    const key = randomUUID();
    const asked = await ask(client, houseQuestion('a', [plan]), key);
    expect(asked).toMatchObject({ topic: 'architecture', status: 'in_moderation', attachmentFileIds: [plan], previousQuestionId: null });
    expect((await ask(client, houseQuestion('a', [plan]), key)).id).toBe(asked.id);
    expect(await stack.database.db.question.count({ where: { clientId: client.user.id } })).toBe(1);

    const history = await get(`/v1/questions/${asked.id}/history`, client.auth);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json<{ items: { kind: string; body: string; fileIds: string[] }[] }>().items).toEqual([
      expect.objectContaining({
        kind: 'question',
        body: "How far from the neighbour's fence may a two-storey extension stand? a",
        fileIds: [plan],
      }),
    ]);
  });

  it("QA-1: attachments must be the client's own uploads; a specialist cannot ask; ACC-5: the Terms come first", async () => {
    const client = await newClient();
    const other = await newClient();
    const theirs = await uploadFile(stack, other.auth, await pdfWithPages(1), 'theirs.pdf');
    const foreign = await post('/v1/questions', client.auth, houseQuestion('b', [theirs]));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    const specialist = await registerSpecialist(stack.app, stack.database.db);
    expect((await post('/v1/questions', specialist.auth, houseQuestion('c'))).statusCode).toBe(403);

    const newcomer = await registerAndLogin(stack.app);
    const refused = await post('/v1/questions', newcomer.auth, houseQuestion('d'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
  });

  it('QA-1: a returned question is asked again starting from its old text; only a returned or deleted one, only by its client', async () => {
    const client = await newClient();
    const first = await ask(client, houseQuestion('e'));
    const early = await post('/v1/questions', client.auth, { previousQuestionId: first.id });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'QUESTION_NOT_ASKABLE_AGAIN' });

    await waitFor(
      () => get(`/v1/questions/${first.id}`, admin.auth).then((r) => r.json<{ moderation: { turn: string } | null }>()),
      (q) => q.moderation?.turn === 'admin',
    );
    const returned = await post(`/v1/admin/questions/${first.id}/return`, admin.auth, {
      recommendation: 'Say which side of the house and the plot size.',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned' });
    await waitFor(
      () => stack.database.db.question.findUniqueOrThrow({ where: { id: first.id } }),
      (row) => row.status === 'returned',
    );
    const stranger = await newClient();
    expect((await post('/v1/questions', stranger.auth, { previousQuestionId: first.id })).statusCode).toBe(404);
    const again = await ask(client, { previousQuestionId: first.id, title: 'Extension of a country house: distance to the fence' });
    expect(again).toMatchObject({
      previousQuestionId: first.id,
      title: 'Extension of a country house: distance to the fence',
      text: "How far from the neighbour's fence may a two-storey extension stand? e",
      topic: 'architecture',
    });
  });
});

describe('the public list and who sees a question (QA-1, QA-3)', () => {
  it('QA-3: published questions are listed by topic and text; visitors see no attachments, vetted specialists do', async () => {
    const client = await newClient();
    const tag = randomUUID().slice(0, 8);
    const sketch = await uploadFile(stack, client.auth, await pdfWithPages(1), 'sketch.pdf');
    const published = await ask(client, { ...houseQuestion(tag, [sketch]), topic: 'permits' });
    const waiting = await ask(client, { ...houseQuestion(tag), topic: 'permits' });
    await publish(published.id);

    const visitor = await get(`/v1/questions?topic=permits&q=${tag.toUpperCase()}`);
    expect(visitor.statusCode, visitor.body).toBe(200);
    expect(visitor.json<{ items: Question[] }>().items).toEqual([expect.objectContaining({ id: published.id, attachmentFileIds: null })]);
    expect((await get(`/v1/questions?topic=interior&q=${tag}`)).json<{ items: Question[] }>().items).toEqual([]);

    const vetted = await registerSpecialist(stack.app, stack.database.db);
    const listed = await get(`/v1/questions?q=${tag}`, vetted.auth);
    expect(listed.json<{ items: Question[] }>().items).toEqual([
      expect.objectContaining({ id: published.id, attachmentFileIds: [sketch] }),
    ]);
    expect((await get(`/v1/files/${sketch}/content`, vetted.auth)).statusCode).toBe(200);

    const unvetted = await registerSpecialist(stack.app, stack.database.db, { vetted: false });
    expect((await get(`/v1/questions?q=${tag}`, unvetted.auth)).json<{ items: Question[] }>().items[0]!.attachmentFileIds).toBeNull();
    expect((await get(`/v1/files/${sketch}/content`, unvetted.auth)).statusCode).toBe(404);

    // A question still in moderation is its client's and the administration's only: 404 for anyone else.
    expect((await get(`/v1/questions/${waiting.id}`)).statusCode).toBe(404);
    expect((await get(`/v1/questions/${waiting.id}`, vetted.auth)).statusCode).toBe(404);
    expect((await get(`/v1/questions/${waiting.id}`, admin.auth)).statusCode).toBe(200);
    const page = await get(`/v1/questions/${published.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json<Question>()).toMatchObject({ id: published.id, attachmentFileIds: null });
  });
});

describe('the full answer stays closed until paid (QA-6)', () => {
  it('QA-6: before payment no route, file link or list returns the full answer or its files; after payment the digest shown at preview matches', async () => {
    const { db } = stack.database;
    const client = await newClient();
    const question = await ask(client, houseQuestion('f'));
    await publish(question.id);
    const author = await registerSpecialist(stack.app, stack.database.db);
    const rival = await registerSpecialist(stack.app, stack.database.db);
    const previewFile = await uploadFile(stack, author.auth, await pdfWithPages(1), 'facade-preview.pdf');
    const fullBytes = await pdfWithPages(3);
    const fullFile = await uploadFile(stack, author.auth, fullBytes, 'facade-full.pdf');
    const fullBody = 'The extension may stand 3 m from the fence; drawings A-1…A-3 attached.';
    const stored = await storeAnswer(db, {
      questionId: question.id,
      round: 1,
      specialistId: author.user.id,
      preview: { body: 'Three drawings: plan, facade, section (first page shown).', fileIds: [previewFile] },
      full: { body: fullBody, fileIds: [fullFile] },
    });

    // Stored, not yet published: the client sees nothing of it.
    const answers = (auth: Auth) => get(`/v1/questions/${question.id}/answers`, auth).then((r) => r.json<{ items: Answer[] }>().items);
    expect(await answers(client.auth)).toEqual([]);
    const fileStatus = async (fileId: string, auth: Auth) => (await get(`/v1/files/${fileId}/content`, auth)).statusCode;
    expect(await fileStatus(previewFile, client.auth)).toBe(404);

    // The preview is published (paid round): preview and digest, no full answer, anywhere.
    await markAnswerPublished(db, question.id, 1, new Date());
    const atPreview = await answers(client.auth);
    expect(atPreview).toEqual([
      {
        round: 1,
        specialistId: author.user.id,
        publishedAt: expect.any(String),
        digest: stored.digest,
        preview: { body: 'Three drawings: plan, facade, section (first page shown).', fileIds: [previewFile] },
        full: null,
        locked: true,
      },
    ]);
    expect(await fileStatus(previewFile, client.auth)).toBe(200);
    for (const reader of [client, rival, admin]) {
      expect(await fileStatus(fullFile, reader.auth)).toBe(404);
      expect((await get(`/v1/files/${fullFile}`, reader.auth)).statusCode).toBe(404);
    }
    expect((await answers(rival.auth)).length).toBe(0);
    expect((await answers(admin.auth))[0]!.full).toBeNull();
    const evidence = await get(`/v1/admin/questions/${question.id}/evidence`, admin.auth);
    expect(evidence.statusCode, evidence.body).toBe(200);
    expect(evidence.body).not.toContain(fullBody);
    for (const url of [
      `/v1/questions/${question.id}`,
      `/v1/questions?q=fence`,
      `/v1/questions/mine`,
      `/v1/questions/${question.id}/history`,
    ]) {
      const response = await get(url, client.auth);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain(fullBody);
      expect(response.body, url).not.toContain(fullFile);
    }
    // The author reads their own answer in full at any time.
    expect((await answers(author.auth))[0]!.full).toEqual({ body: fullBody, fileIds: [fullFile] });
    expect(await fileStatus(fullFile, author.auth)).toBe(200);

    // The payment reached the platform: the full answer opens, and it is the one the digest named.
    await unlockAnswer(db, question.id, 1, new Date());
    const paid = (await answers(client.auth))[0]!;
    expect(paid).toMatchObject({ locked: false, full: { body: fullBody, fileIds: [fullFile] }, digest: atPreview[0]!.digest });
    const download = await get(`/v1/files/${fullFile}/content`, client.auth);
    expect(download.statusCode).toBe(200);
    const fileHash = createHash('sha256').update(download.rawPayload).digest('hex');
    const canonical = `{"body":${JSON.stringify(fullBody)},"files":[{"id":"${fullFile}","sha256":"${fileHash}"}]}`;
    expect(createHash('sha256').update(canonical).digest('hex')).toBe(atPreview[0]!.digest);

    // QA-9: the administration reads the full answer once the client complained about it.
    expect(await fileStatus(fullFile, admin.auth)).toBe(404);
    await markAnswerUnderComplaint(db, question.id, 1, new Date());
    expect(await fileStatus(fullFile, admin.auth)).toBe(200);
    expect((await answers(admin.auth))[0]!.full).toEqual({ body: fullBody, fileIds: [fullFile] });
    expect(await fileStatus(fullFile, rival.auth)).toBe(404);
  });

  it('QA-6: a published answer cannot change: the digest shown stays the answer', async () => {
    const { db } = stack.database;
    const client = await newClient();
    const question = await ask(client, houseQuestion('g'));
    const author = await registerSpecialist(stack.app, stack.database.db);
    const answer = (full: string) =>
      storeAnswer(db, {
        questionId: question.id,
        round: 1,
        specialistId: author.user.id,
        preview: { body: 'p', fileIds: [] },
        full: { body: full, fileIds: [] },
      });
    await answer('first version');
    const replaced = await answer('second version');
    // SHA-256 of {"body":"second version","files":[]}, worked out apart from the code.
    expect(replaced.digest).toBe(createHash('sha256').update('{"body":"second version","files":[]}').digest('hex'));
    await markAnswerPublished(db, question.id, 1, new Date());
    await expect(answer('third version')).rejects.toMatchObject({ code: 'QUESTION_ANSWER_PUBLISHED' });
    expect((await answer('second version')).digest).toBe(replaced.digest);
  });
});

describe('moderation, bids and the choice through the workflow (QA-1…QA-4, QA-8)', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const bid = (id: string, auth: Auth, price: number, days = 5) =>
    post(`/v1/questions/${id}/bids`, auth, { price, explanation: 'Plan and section, two sheets.', promisedAt: inDays(days) });

  it('QA-1: an off-topic question is deleted with a reason kept in its history; the client may ask again', async () => {
    const client = await newClient();
    const asked = await ask(client, { ...houseQuestion('h'), title: 'Which car should I buy?', topic: 'other' });
    await waitFor(
      () => get(`/v1/questions/${asked.id}`, admin.auth).then((r) => r.json<{ moderation: { turn: string } | null }>()),
      (q) => q.moderation?.turn === 'admin',
    );
    const deleted = await post(`/v1/admin/questions/${asked.id}/delete`, admin.auth, {
      reason: 'Off topic: ask about buildings and plots.',
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ status: 'deleted' });
    const history = (await get(`/v1/questions/${asked.id}/history`, client.auth)).json<{ items: { kind: string; body: string }[] }>().items;
    expect(history.map((e) => [e.kind, e.body])).toContainEqual(['deletion_reason', 'Off topic: ask about buildings and plots.']);
    await waitFor(
      () => stack.database.db.question.findUniqueOrThrow({ where: { id: asked.id } }),
      (row) => row.status === 'deleted',
    );
    const again = await ask(client, { previousQuestionId: asked.id, title: 'Garage next to the house', topic: 'architecture' });
    expect(again.previousQuestionId).toBe(asked.id);
  });

  it('QA-3: one live bid per specialist, within 1–30 days, vetted specialists only; QA-4: only its client chooses, the client declines all', async () => {
    const client = await newClient();
    const asked = await ask(client, houseQuestion('i'));
    const specialist = await registerSpecialist(stack.app, stack.database.db);
    // Before publication the question does not exist for a specialist.
    expect((await bid(asked.id, specialist.auth, 0)).statusCode).toBe(404);
    await publish(asked.id);

    const first = await bid(asked.id, specialist.auth, 0);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ bids: [{ id: 'bid-1', price: 0, status: 'live', version: 1 }] });
    const second = await bid(asked.id, specialist.auth, 10_000);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'QUESTION_BID_EXISTS' });
    const tooFar = await bid(asked.id, (await registerSpecialist(stack.app, stack.database.db)).auth, 10_000, 45);
    expect(tooFar.statusCode).toBe(422);
    expect(tooFar.json()).toMatchObject({ code: 'QUESTION_BID_DATE_OUT_OF_RANGE' });
    const unvetted = await bid(asked.id, (await registerSpecialist(stack.app, stack.database.db, { vetted: false })).auth, 0);
    expect(unvetted.statusCode).toBe(403);
    expect(unvetted.json()).toMatchObject({ code: 'SPECIALIST_NOT_VETTED' });

    const edited = await stack.app.inject({
      method: 'PUT',
      url: `/v1/questions/${asked.id}/bids/bid-1`,
      headers: specialist.auth,
      payload: { price: 20_000, explanation: 'With a drawing after all.', promisedAt: inDays(6) },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ bids: [{ id: 'bid-1', price: 20_000, version: 2, explanation: 'With a drawing after all.' }] });

    const stranger = await newClient();
    const choice = { bidId: 'bid-1', bidVersion: 2, confirmsPayment: true };
    // The question is public by now, so another client learns nothing from a refusal: 403, not 404.
    const notTheirs = await post(`/v1/questions/${asked.id}/choice`, stranger.auth, choice);
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(`/v1/questions/${asked.id}/history`, stranger.auth)).statusCode).toBe(404);
    const stale = await post(`/v1/questions/${asked.id}/choice`, client.auth, { ...choice, bidVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'QUESTION_BID_CHANGED' });
    // QA-8: nothing to rate before an answer.
    const early = await post(`/v1/questions/${asked.id}/rounds/1/rating`, client.auth, { score: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'QUESTION_NOT_RATEABLE' });

    const declined = await post(`/v1/questions/${asked.id}/decline-bids`, client.auth);
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', bids: [{ id: 'bid-1', status: 'closed' }] });
  });

  it('QA-6, QA-8: a free answer is published in full at once and rated once; the other bidder sees only their own bid', async () => {
    const client = await newClient();
    const asked = await ask(client, houseQuestion('j'));
    await publish(asked.id);
    const author = await registerSpecialist(stack.app, stack.database.db);
    const other = await registerSpecialist(stack.app, stack.database.db);
    expect((await bid(asked.id, author.auth, 0)).statusCode).toBe(200);
    const theirs = await bid(asked.id, other.auth, 30_000);
    expect(theirs.json<{ bids: { id: string }[] }>().bids.map((b) => b.id)).toEqual(['bid-2']);
    expect(
      (await post(`/v1/questions/${asked.id}/choice`, client.auth, { bidId: 'bid-1', bidVersion: 1, confirmsPayment: false })).statusCode,
    ).toBe(200);

    const published = await post(`/v1/questions/${asked.id}/answer`, author.auth, {
      full: { body: 'Keep 3 m from the fence.', fileIds: [] },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ rounds: [{ no: 1, fullAnswerOpen: true, answer: { digest: null } }] });
    const answers = await waitFor(
      () => get(`/v1/questions/${asked.id}/answers`, client.auth).then((r) => r.json<{ items: Answer[] }>().items),
      (items) => items[0]?.full !== null && items.length === 1,
    );
    expect(answers[0]).toMatchObject({ locked: false, full: { body: 'Keep 3 m from the fence.', fileIds: [] } });
    const rated = await post(`/v1/questions/${asked.id}/rounds/1/rating`, client.auth, { score: 4, comment: 'Short and clear.' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ round: 1, specialistId: author.user.id, score: 4, comment: 'Short and clear.' });
    expect((await post(`/v1/questions/${asked.id}/rounds/1/rating`, client.auth, { score: 5 })).statusCode).toBe(409);
    expect(await stack.database.db.specialistRating.findUnique({ where: { sourceKey: `question-${asked.id}/round-1` } })).toMatchObject({
      specialistId: author.user.id,
      score: 4,
    });
  });
});

describe('dates and escalations (QA-5, QA-10)', () => {
  it('QA-5: a clarification does not move the promised date; a new date binds once the client accepts it', async () => {
    const client = await newClient();
    const asked = await ask(client, houseQuestion('k'));
    await publish(asked.id);
    const specialist = await registerSpecialist(stack.app, stack.database.db);
    const promised = new Date(Date.now() + 5 * 86_400_000);
    expect(
      (
        await post(`/v1/questions/${asked.id}/bids`, specialist.auth, {
          price: 0,
          explanation: 'One sketch.',
          promisedAt: promised.toISOString(),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await post(`/v1/questions/${asked.id}/choice`, client.auth, { bidId: 'bid-1', bidVersion: 1, confirmsPayment: false })).statusCode,
    ).toBe(200);
    const asking = await post(`/v1/questions/${asked.id}/clarification-requests`, specialist.auth, {
      text: 'Which way does the plot slope?',
    });
    expect(asking.statusCode, asking.body).toBe(200);
    const clarified = await post(`/v1/questions/${asked.id}/clarifications`, client.auth, { text: 'Down to the south, about 1 m.' });
    expect(clarified.json()).toMatchObject({ rounds: [{ promisedAt: promised.getTime() }] });

    const later = new Date(Date.now() + 9 * 86_400_000);
    const proposed = await post(`/v1/questions/${asked.id}/date-proposals`, specialist.auth, { promisedAt: later.toISOString() });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({ rounds: [{ promisedAt: promised.getTime(), dateProposals: [{ status: 'open' }] }] });
    const accepted = await post(`/v1/questions/${asked.id}/date-proposal/answer`, client.auth, { accept: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ rounds: [{ promisedAt: later.getTime(), dateProposals: [{ status: 'accepted' }] }] });
  });

  it('QA-10: an escalation reaches the admin queue and the admins by mail once, however often the activity runs; an admin acknowledges it', async () => {
    const { createQuestionActivities } = await import('../../activities/questions.ts');
    const activities = createQuestionActivities({
      db: stack.database.db,
      temporal: { client: stack.client, taskQueue: stack.taskQueue },
      publicBaseUrl: 'http://localhost',
    });
    const client = await newClient();
    const asked = await ask(client, houseQuestion('l'));
    const escalation = {
      dedupeKey: `question-${asked.id}/round-1/missed`,
      questionId: asked.id,
      reason: 'promised_date_missed' as const,
      detail: 'round 1',
    };
    await activities.escalateQuestion(escalation);
    await activities.escalateQuestion(escalation);
    await stack.smtp.waitFor((mail) => mail.to.includes(admin.registration.email) && mailText(mail).includes(asked.id));
    const queued = await stack.database.db.outboxEmail.count({
      where: { dedupeKey: `${escalation.dedupeKey}/${admin.user.id}` },
    });
    expect(queued).toBe(1);
    const queue = await get('/v1/admin/questions/escalations?limit=100', admin.auth);
    const mine = queue
      .json<{ items: { id: string; questionId: string; reason: string }[] }>()
      .items.filter((e) => e.questionId === asked.id);
    expect(mine).toEqual([expect.objectContaining({ reason: 'promised_date_missed' })]);
    const acknowledged = await post(`/v1/admin/questions/escalations/${mine[0]!.id}/acknowledge`, admin.auth);
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({ acknowledgedAt: expect.any(String) });
    expect((await get(`/v1/admin/questions/escalations?limit=100`, admin.auth)).body).not.toContain(mine[0]!.id);
  });
});
