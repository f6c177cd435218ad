import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import type { Db } from '../../infra/db.ts';
import { postSystemMessage } from '../../services/conversations/messages.ts';
import { clientAndSpecialist, sendMessage, startApiInstances, type ApiInstances } from '../support/conversations.ts';
import { registerAdmin, registerAndLogin, registerSpecialist } from '../support/factories.ts';

// Conversations through the HTTP API on a real database: who may start one (CHAT-1), what a
// message may be, history paging, read markers, the CHAT-6 marking and attachment access.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let instances: ApiInstances;
let app: App;
let db: Db;
beforeAll(async () => {
  instances = await startApiInstances(1);
  app = instances.apps[0]!;
  db = instances.dbs[0]!;
});
afterAll(async () => instances?.close());

type Message = { id: string; seq: string; body: string | null; flagKinds: string[]; senderId: string | null; fileIds: string[] };
type Conversation = { id: string; unreadCount: number; lastMessage: Message | null };

const history = async (auth: Record<string, string>, conversationId: string, query = '') => {
  const response = await app.inject({ url: `/v1/conversations/${conversationId}/messages${query}`, headers: auth });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Message[]; nextCursor: string | null }>();
};

function upload(auth: Record<string, string>) {
  const form = new FormData();
  form.append('file', new Blob([PDF]), 'contract.pdf');
  return app.inject({ method: 'POST', url: '/v1/files', headers: auth, payload: form });
}

describe('starting a conversation', () => {
  it('CHAT-1: a specialist, an admin or an operator cannot start one; a client can, once per specialist', async () => {
    const specialist = await registerSpecialist(app, db);
    const otherSpecialist = await registerSpecialist(app, db);
    const admin = await registerAdmin(app, db);
    const operator = await registerAndLogin(app);
    await db.user.update({ where: { id: operator.user.id }, data: { role: 'operator' } });
    for (const who of [otherSpecialist, admin, operator]) {
      const refused = await app.inject({
        method: 'POST',
        url: '/v1/conversations',
        headers: who.auth,
        payload: { specialistId: specialist.user.id },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'CONVERSATION_CLIENT_ONLY',
        detail: 'CHAT-1: only a client can start a conversation with a specialist.',
      });
    }

    const client = await registerAndLogin(app);
    const start = (specialistId: string, key: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/conversations',
        headers: { ...client.auth, 'idempotency-key': key },
        payload: { specialistId },
      });
    const first = await start(specialist.user.id, 'start-key-0001');
    expect(first.statusCode).toBe(201);
    const conversation = first.json<{ id: string; clientId: string; specialistId: string; unreadCount: number }>();
    expect(conversation).toMatchObject({ clientId: client.user.id, specialistId: specialist.user.id, unreadCount: 0 });
    expect(first.headers.location).toBe(`/v1/conversations/${conversation.id}`);

    const retried = await start(specialist.user.id, 'start-key-0001');
    expect(retried.statusCode).toBe(200);
    expect(retried.json<{ id: string }>().id).toBe(conversation.id);
    const again = await start(specialist.user.id, 'start-key-0002');
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(conversation.id);
    const keyReused = await start(otherSpecialist.user.id, 'start-key-0001');
    expect(keyReused.statusCode).toBe(422);
    expect(keyReused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await db.conversation.count({ where: { clientId: client.user.id } })).toBe(1);
  });

  it('CHAT-1: a specialist whose credentials are not approved cannot receive chats (403, no vetting details)', async () => {
    const unvetted = await registerSpecialist(app, db, { vetted: false });
    const client = await registerAndLogin(app);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: client.auth,
      payload: { specialistId: unvetted.user.id },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'SPECIALIST_NOT_VETTED',
      detail: 'This specialist is not available: their credentials are not approved (CHAT-1).',
    });
    expect(await db.conversation.count({ where: { specialistId: unvetted.user.id } })).toBe(0);
  });

  it('CHAT-1: the other side must be a specialist: another client or an unknown id is 404', async () => {
    const client = await registerAndLogin(app);
    const otherClient = await registerAndLogin(app);
    for (const specialistId of [otherClient.user.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await app.inject({ method: 'POST', url: '/v1/conversations', headers: client.auth, payload: { specialistId } });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'No such specialist.' });
    }
  });
});

describe('messages', () => {
  it('refuses an empty message, one over 4000 characters, a stranger (404) and an admin writing (403); an admin may read', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(app);
    for (const payload of [{}, { body: '   ' }, { body: 'x'.repeat(4001) }, { fileIds: ['not-a-uuid'] }]) {
      const refused = await sendMessage(app, client.auth, conversationId, payload);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const longest = await sendMessage(app, client.auth, conversationId, { body: 'ж'.repeat(4000) });
    expect(longest.statusCode).toBe(201);

    const stranger = await registerAndLogin(app);
    expect((await sendMessage(app, stranger.auth, conversationId, { body: 'salom' })).statusCode).toBe(404);
    expect((await app.inject({ url: `/v1/conversations/${conversationId}/messages`, headers: stranger.auth })).statusCode).toBe(404);
    expect((await app.inject({ url: `/v1/conversations/${conversationId}`, headers: stranger.auth })).statusCode).toBe(404);

    const admin = await registerAdmin(app, db);
    const adminWrites = await sendMessage(app, admin.auth, conversationId, { body: 'salom' });
    expect(adminWrites.statusCode).toBe(403);
    expect(adminWrites.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await history(admin.auth, conversationId)).items).toHaveLength(1);
    const adminReads = await app.inject({ url: `/v1/conversations/${conversationId}`, headers: admin.auth });
    expect(adminReads.statusCode).toBe(200);
    expect(adminReads.json()).toMatchObject({ id: conversationId, unreadCount: 0, lastMessage: { body: 'ж'.repeat(4000) } });
    expect((await history(specialist.auth, conversationId)).items[0]!.body).toBe('ж'.repeat(4000));
  });

  it('a retried message with the same Idempotency-Key is stored once; the key with another text is refused', async () => {
    const { client, conversationId } = await clientAndSpecialist(app);
    const first = await sendMessage(app, client.auth, conversationId, { body: 'Assalomu alaykum' }, 'message-key-1');
    const retry = await sendMessage(app, client.auth, conversationId, { body: 'Assalomu alaykum' }, 'message-key-1');
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json<Message>().id).toBe(first.json<Message>().id);
    const other = await sendMessage(app, client.auth, conversationId, { body: 'Boshqa matn' }, 'message-key-1');
    expect(other.statusCode).toBe(422);
    expect(await db.conversationMessage.count({ where: { conversationId } })).toBe(1);
  });

  it('pages the history newest first with `before`, and catches up oldest first with `after`', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(app);
    const seqs: string[] = [];
    for (const body of ['bir', 'ikki', 'uch', "to'rt", 'besh']) {
      seqs.push((await sendMessage(app, client.auth, conversationId, { body })).json<Message>().seq);
    }
    const first = await history(specialist.auth, conversationId, '?limit=2');
    expect(first.items.map((m) => m.body)).toEqual(['besh', "to'rt"]);
    expect(first.nextCursor).toBe(seqs[3]);
    const second = await history(specialist.auth, conversationId, `?limit=2&before=${first.nextCursor}`);
    expect(second.items.map((m) => m.body)).toEqual(['uch', 'ikki']);
    const last = await history(specialist.auth, conversationId, `?limit=2&before=${second.nextCursor}`);
    expect(last.items.map((m) => m.body)).toEqual(['bir']);
    expect(last.nextCursor).toBeNull();

    const catchUp = await history(specialist.auth, conversationId, `?limit=3&after=${seqs[0]}`);
    expect(catchUp.items.map((m) => m.body)).toEqual(['ikki', 'uch', "to'rt"]);
    expect(catchUp.nextCursor).toBe(seqs[3]);
    const bad = await app.inject({ url: `/v1/conversations/${conversationId}/messages?before=abc`, headers: specialist.auth });
    expect(bad.statusCode).toBe(400);
  });

  it("keeps each participant's read marker (never backwards, never past the last message) and counts what is unread", async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(app);
    const seqs: string[] = [];
    for (const body of ['Savol 1', 'Savol 2', 'Savol 3']) {
      seqs.push((await sendMessage(app, client.auth, conversationId, { body })).json<Message>().seq);
    }
    const list = async (auth: Record<string, string>) =>
      (await app.inject({ url: '/v1/conversations', headers: auth })).json<{ items: Conversation[]; totalUnread: number }>();
    const before = await list(specialist.auth);
    expect(before.items.map((c) => [c.id, c.unreadCount, c.lastMessage?.body])).toEqual([[conversationId, 3, 'Savol 3']]);
    expect(before.totalUnread).toBe(3);
    expect((await list(client.auth)).totalUnread).toBe(0); // one's own messages are not unread

    const read = (upToSeq: string) =>
      app.inject({ method: 'POST', url: `/v1/conversations/${conversationId}/read`, headers: specialist.auth, payload: { upToSeq } });
    expect((await read(seqs[1]!)).json()).toEqual({ lastReadSeq: seqs[1], unreadCount: 1 });
    expect((await read(seqs[0]!)).json()).toEqual({ lastReadSeq: seqs[1], unreadCount: 1 });
    expect((await read('999999999999')).json()).toEqual({ lastReadSeq: seqs[2], unreadCount: 0 });
    expect((await list(specialist.auth)).totalUnread).toBe(0);

    const detail = await app.inject({ url: `/v1/conversations/${conversationId}`, headers: specialist.auth });
    expect(detail.json<{ readMarkers: unknown[] }>().readMarkers).toEqual([{ userId: specialist.user.id, lastReadSeq: seqs[2] }]);
  });

  it('lists conversations by most recent activity, paged', async () => {
    const client = await registerAndLogin(app);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const specialist = await registerSpecialist(app, db);
      const started = await app.inject({
        method: 'POST',
        url: '/v1/conversations',
        headers: client.auth,
        payload: { specialistId: specialist.user.id },
      });
      ids.push(started.json<{ id: string }>().id);
    }
    await sendMessage(app, client.auth, ids[0]!, { body: 'eng yangi' });
    const page1 = (await app.inject({ url: '/v1/conversations?limit=2', headers: client.auth })).json<{
      items: Conversation[];
      nextCursor: string;
    }>();
    expect(page1.items.map((c) => c.id)).toEqual([ids[0], ids[2]]);
    const page2 = (await app.inject({ url: `/v1/conversations?limit=2&cursor=${page1.nextCursor}`, headers: client.auth })).json<{
      items: Conversation[];
      nextCursor: string | null;
    }>();
    expect(page2.items.map((c) => c.id)).toEqual([ids[1]]);
    expect(page2.nextCursor).toBeNull();
  });

  it('CHAT-6: a card number is delivered marked with its flag kinds; a citation of the Civil Code is not flagged', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(app);
    const card = await sendMessage(app, specialist.auth, conversationId, { body: "To'lovni kartamga qiling: 8600 1234 5678 9012" });
    expect(card.statusCode).toBe(201);
    expect(card.json<Message>().flagKinds).toContain('card_number');
    const legal = await sendMessage(app, specialist.auth, conversationId, {
      body: "Fuqarolik kodeksining 386-moddasi bo'yicha javob beraman.",
    });
    expect(legal.json<Message>().flagKinds).toEqual([]);

    const seen = await history(client.auth, conversationId);
    expect(seen.items.map((m) => [m.body, m.flagKinds.includes('card_number')])).toEqual([
      ["Fuqarolik kodeksining 386-moddasi bo'yicha javob beraman.", false],
      ["To'lovni kartamga qiling: 8600 1234 5678 9012", true],
    ]);
  });

  it("attachments: only the sender's own uploads; the participants may download them, a stranger may not", async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(app);
    const file = (await upload(client.auth)).json<{ id: string }>();
    const notMine = await sendMessage(app, specialist.auth, conversationId, { fileIds: [file.id] });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'fileIds' }] });
    const stranger = await registerAndLogin(app);
    expect((await app.inject({ url: `/v1/files/${file.id}/content`, headers: specialist.auth })).statusCode).toBe(404);

    const sent = await sendMessage(app, client.auth, conversationId, { fileIds: [file.id] });
    expect(sent.statusCode).toBe(201);
    expect(sent.json<Message>()).toMatchObject({ body: null, fileIds: [file.id] });
    const download = await app.inject({ url: `/v1/files/${file.id}/content`, headers: specialist.auth });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await app.inject({ url: `/v1/files/${file.id}/content`, headers: stranger.auth })).statusCode).toBe(404);
  });

  it('a system message is stored once per dedupe key and shown only to whom it is addressed', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(app);
    const nudge = {
      conversationId,
      consultationId: '11111111-1111-4111-8111-111111111111',
      dedupeKey: 'consultation-1/nudge-1',
      code: 'off_platform_nudge' as const,
      params: { messageId: '22222222-2222-4222-8222-222222222222' },
      visibleTo: specialist.user.id,
    };
    const first = await postSystemMessage(db, nudge);
    const again = await postSystemMessage(db, nudge);
    expect(first.created).toBe(true);
    expect(again).toEqual({ messageId: first.messageId, seq: first.seq, created: false });

    expect((await history(specialist.auth, conversationId)).items).toMatchObject([
      { id: first.messageId, kind: 'system', senderId: null, systemCode: 'off_platform_nudge', systemParams: nudge.params },
    ]);
    expect((await history(client.auth, conversationId)).items).toEqual([]);
    const conversations = (await app.inject({ url: '/v1/conversations', headers: specialist.auth })).json<{ totalUnread: number }>();
    expect(conversations.totalUnread).toBe(1);
  });
});
