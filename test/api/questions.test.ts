import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAnswerPublished, markAnswerUnderComplaint, storeAnswer, unlockAnswer } from '../../services/questions/answers.ts';
import { registerAdmin, registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { acceptCurrentTerms, pdfWithPages, uploadFile, type Person } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';

// The questions' API rule by rule, on the dev server with a worker: asking and asking again
// (QA-1, ACC-5), the public list and who sees what of a question (QA-1, QA-3), and the QA-6 access
// rule at the storage level — answers and their files moved through the states the workflow's
// mirror moves them through (published, unlocked, under complaint). The whole process through the
// workflow is in questions-e2e.test.ts.

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

/** As the workflow's mirror leaves a question the administration published (QA-2). */
const publishInMirror = (id: string) =>
  stack.database.db.question.update({ where: { id }, data: { status: 'published', publishedAt: new Date() } });

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

    await stack.database.db.question.update({ where: { id: first.id }, data: { status: 'returned' } });
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
    await publishInMirror(published.id);

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
    await publishInMirror(question.id);
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
