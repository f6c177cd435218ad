import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAndSpecialist } from '../support/conversations.ts';
import { registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { mailText } from '../support/smtp.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// CHAT-7 / ACC-8 end to end: a user's feedback from the cabinet becomes a support ticket
// (channel feedback) on the real stack — HTTP API, PostgreSQL, the Temporal dev server with a
// worker running the ticket workflow, and a loopback SMTP server for the desk's mail.

let stack: Stack;
let operator: Awaited<ReturnType<typeof registerAndLogin>>;

beforeAll(async () => {
  stack = await startStack();
  operator = await registerAndLogin(stack.app);
  await stack.database.db.user.update({ where: { id: operator.user.id }, data: { role: 'operator' } });
});
afterAll(() => stack?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  stack.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });
/** The ticket's workflow runs and has published its state (SUP-3's first deadline): operators may act on it. */
const ticketRunning = (number: number) =>
  waitFor(
    () => get(`/v1/support/tickets/${number}`, operator.auth),
    (r) => r.statusCode === 200 && r.json().firstResponse?.dueAt != null,
  );
const withKey = (auth: Record<string, string>, key: string) => ({ ...auth, 'idempotency-key': key });

describe('feedback from the cabinet', () => {
  it('CHAT-7: feedback about a chat becomes a support ticket of channel feedback that names its sender; a replay is the same ticket', async () => {
    const client = await registerAndLogin(stack.app, { fullName: 'Karimova Dilnoza Aliyevna' });
    const specialist = await registerSpecialist(stack.app, stack.database.db);
    const started = await post('/v1/conversations', { specialistId: specialist.user.id }, client.auth);
    const conversationId = started.json<{ id: string }>().id;
    const feedback = { text: 'The specialist stopped answering.\nSecond line.', conversationId, category: 'chat' };
    const sent = await post('/v1/me/feedback', feedback, withKey(client.auth, 'feedback-chat7-0001'));
    expect(sent.statusCode).toBe(201);
    const { number } = sent.json();
    expect(sent.json()).toEqual({ number, label: `T-${number}`, status: 'triage', duplicate: false });
    expect(sent.headers.location).toBe(`/v1/me/feedback/${number}`);

    // The operators' view: channel feedback, the sender, the conversation, SUP-5's name from the account.
    const ticket = await ticketRunning(number);
    expect(ticket.statusCode).toBe(200);
    expect(ticket.json()).toMatchObject({
      channel: 'feedback',
      status: 'triage',
      priority: 'medium',
      subject: 'Feedback (chat): The specialist stopped answering.',
      contact: { email: client.user.email, telegramChatId: null, phone: null },
      identity: { customerName: 'Karimova Dilnoza Aliyevna', organisation: null, stir: null },
      feedback: { requesterUserId: client.user.id, conversationId, category: 'chat' },
    });
    // SUP-3: the ticket workflow runs it like any request: the first response has a deadline.
    expect(ticket.json().firstResponse.dueAt).not.toBeNull();
    const found = await waitFor(
      async () => {
        const ids: string[] = [];
        for await (const wf of stack.client.workflow.list({ query: `TicketNumber = ${number} AND TicketChannel = 'feedback'` }))
          ids.push(wf.workflowId);
        return ids;
      },
      (ids) => ids.length === 1,
    );
    expect(found).toEqual([`ticket-${number}`]);

    // SUP-1: the same key again is the same feedback (200), registered once.
    const replay = await post('/v1/me/feedback', feedback, withKey(client.auth, 'feedback-chat7-0001'));
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ number, label: `T-${number}`, status: 'triage', duplicate: true });
    const db = stack.database.db;
    expect(await db.supportTicket.count({ where: { requesterUserId: client.user.id } })).toBe(1);
    expect(await db.ticketMessage.count({ where: { ticket: { number } } })).toBe(1);

    // The same key with another text is refused, not answered with the first feedback.
    const reused = await post('/v1/me/feedback', { text: 'Something else.' }, withKey(client.auth, 'feedback-chat7-0001'));
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // Another user's identical key is their own feedback.
    const other = await registerAndLogin(stack.app);
    const theirs = await post('/v1/me/feedback', { ...feedback, conversationId: undefined }, withKey(other.auth, 'feedback-chat7-0001'));
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().number).not.toBe(number);
  });

  it('CHAT-7: invalid feedback is refused with field errors (400), a missing login with 401', async () => {
    const client = await registerAndLogin(stack.app);
    const cases: [unknown, Record<string, string>, number, string][] = [
      [{ text: '   ' }, withKey(client.auth, 'feedback-invalid-01'), 400, 'body.text'],
      [{ text: 'x'.repeat(4001) }, withKey(client.auth, 'feedback-invalid-02'), 400, 'body.text'],
      [{ text: 'ok', category: 'rudeness' }, withKey(client.auth, 'feedback-invalid-03'), 400, 'body.category'],
      [{ text: 'ok', conversationId: 'chat-1' }, withKey(client.auth, 'feedback-invalid-04'), 400, 'body.conversationId'],
      [{ text: 'ok' }, client.auth, 400, 'headers.idempotency-key'],
    ];
    for (const [body, headers, status, path] of cases) {
      const refused = await post('/v1/me/feedback', body, headers);
      expect(refused.statusCode, JSON.stringify(body)).toBe(status);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post('/v1/me/feedback', { text: 'ok' }, { 'idempotency-key': 'feedback-invalid-05' })).statusCode).toBe(401);
    // 4000 characters are allowed.
    expect((await post('/v1/me/feedback', { text: 'y'.repeat(4000) }, withKey(client.auth, 'feedback-invalid-06'))).statusCode).toBe(201);
    expect(await stack.database.db.supportTicket.count({ where: { requesterUserId: client.user.id } })).toBe(1);
  });

  it("CHAT-7/ACC-8: an operator's reply is in my thread (and mailed); I answer there; internal history is not shown; nobody else sees it (404)", async () => {
    const client = await registerAndLogin(stack.app);
    const sent = await post(
      '/v1/me/feedback',
      { text: 'Payment went through twice.', category: 'payment' },
      withKey(client.auth, 'fb-thread-0001'),
    );
    const { number } = sent.json();
    await ticketRunning(number);
    expect((await post(`/v1/support/tickets/${number}/assign`, {}, operator.auth)).statusCode).toBe(202);
    const replied = await post(`/v1/support/tickets/${number}/reply`, { message: 'We refunded the second payment.' }, operator.auth);
    expect(replied.statusCode).toBe(202);
    expect(replied.json().firstResponse.respondedAt).not.toBeNull();
    // The answer is also mailed to the account's address, tagged so a reply by e-mail joins the ticket (SUP-1).
    const mail = await stack.smtp.waitFor((m) => m.to.includes(client.user.email) && m.raw.includes(`[#T-${number}]`));
    expect(mailText(mail)).toContain('We refunded the second payment.');
    expect(mailText(mail)).toContain(`in your cabinet, under Feedback (T-${number})`);

    const mine = await post(
      `/v1/me/feedback/${number}/messages`,
      { text: 'Thank you, it arrived.' },
      withKey(client.auth, 'fb-thread-reply-1'),
    );
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ from: 'me', text: 'Thank you, it arrived.' });
    const again = await post(
      `/v1/me/feedback/${number}/messages`,
      { text: 'Thank you, it arrived.' },
      withKey(client.auth, 'fb-thread-reply-1'),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(mine.json().id);

    const thread = await get(`/v1/me/feedback/${number}`, client.auth);
    expect(thread.statusCode).toBe(200);
    expect(thread.json()).toMatchObject({
      number,
      label: `T-${number}`,
      category: 'payment',
      conversationId: null,
      lastReply: { text: 'We refunded the second payment.' },
      nextCursor: null,
    });
    // Only the conversation with the administration: no assignment, no SLA events, no operator ids.
    expect(thread.json().messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
      ['me', 'Payment went through twice.'],
      ['administration', 'We refunded the second payment.'],
      ['me', 'Thank you, it arrived.'],
    ]);
    expect(thread.body).not.toContain(operator.user.id);
    // Paged, oldest first.
    const firstPage = await get(`/v1/me/feedback/${number}?limit=2`, client.auth);
    expect(firstPage.json().messages).toHaveLength(2);
    const rest = await get(`/v1/me/feedback/${number}?limit=2&cursor=${firstPage.json().nextCursor}`, client.auth);
    expect(rest.json().messages.map((m: { text: string }) => m.text)).toEqual(['Thank you, it arrived.']);

    // My reply reached the ticket for the operators too.
    const messages = await stack.database.db.ticketMessage.findMany({ where: { ticket: { number } }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((m) => [m.direction, m.channel])).toEqual([
      ['inbound', 'feedback'],
      ['outbound', 'email'],
      ['inbound', 'feedback'],
    ]);

    // Someone else's feedback does not exist for me.
    const stranger = await registerAndLogin(stack.app);
    expect((await get(`/v1/me/feedback/${number}`, stranger.auth)).statusCode).toBe(404);
    const intruding = await post(`/v1/me/feedback/${number}/messages`, { text: 'Me too.' }, withKey(stranger.auth, 'fb-intruder-01'));
    expect(intruding.statusCode).toBe(404);
    expect(intruding.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get('/v1/me/feedback', stranger.auth)).json()).toEqual({ items: [], nextCursor: null });
    expect(await stack.database.db.ticketMessage.count({ where: { ticket: { number } } })).toBe(3);
  });

  it('ACC-8: my feedback list, newest first, with status and the latest reply; a resolved one takes no more messages (409)', async () => {
    const client = await registerAndLogin(stack.app);
    const first = (await post('/v1/me/feedback', { text: 'First.', category: 'bug' }, withKey(client.auth, 'fb-list-0001'))).json();
    const second = (
      await post('/v1/me/feedback', { text: 'Second.', category: 'suggestion' }, withKey(client.auth, 'fb-list-0002'))
    ).json();
    await ticketRunning(first.number);
    await ticketRunning(second.number);
    const replied = await post(`/v1/support/tickets/${first.number}/reply`, { message: 'Fixed in the next release.' }, operator.auth);
    expect(replied.statusCode).toBe(202);

    const page1 = await get('/v1/me/feedback?limit=1', client.auth);
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toEqual([
      expect.objectContaining({
        number: second.number,
        category: 'suggestion',
        subject: 'Feedback (suggestion): Second.',
        lastReply: null,
      }),
    ]);
    const page2 = await get(`/v1/me/feedback?limit=1&cursor=${page1.json().nextCursor}`, client.auth);
    expect(page2.json()).toEqual({
      items: [
        expect.objectContaining({
          number: first.number,
          category: 'bug',
          lastReply: expect.objectContaining({ text: 'Fixed in the next release.' }),
        }),
      ],
      nextCursor: null,
    });

    // SUP-5 still holds: the operator records organisation and STIR, then resolves.
    await post(`/v1/support/tickets/${first.number}/identity`, { organisation: 'Turon LLC', stir: '301234567' }, operator.auth);
    expect((await post(`/v1/support/tickets/${first.number}/resolve`, { resolution: 'Fixed.' }, operator.auth)).statusCode).toBe(202);
    const listed = await waitFor(
      () => get('/v1/me/feedback', client.auth),
      (r) => r.json().items.find((f: { number: number }) => f.number === first.number)?.status === 'resolved',
    );
    expect(listed.json().items.map((f: { number: number; status: string }) => [f.number, f.status])).toEqual([
      [second.number, 'triage'],
      [first.number, 'resolved'],
    ]);
    const late = await post(`/v1/me/feedback/${first.number}/messages`, { text: 'One more thing.' }, client.auth);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'TICKET_RESOLVED' });
  });

  it('CHAT-7: feedback about a conversation the sender is not in is refused (404) and nothing is registered', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(stack.app);
    const stranger = await registerAndLogin(stack.app);
    const refused = await post('/v1/me/feedback', { text: 'Not my chat.', conversationId }, withKey(stranger.auth, 'fb-participant-01'));
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'No such conversation of yours.' });
    expect(await stack.database.db.supportTicket.count({ where: { requesterUserId: stranger.user.id } })).toBe(0);
    // Either participant may send feedback about their own chat.
    for (const [who, key] of [
      [client, 'fb-participant-02'],
      [specialist, 'fb-participant-03'],
    ] as const) {
      const sent = await post('/v1/me/feedback', { text: 'About this chat.', conversationId, category: 'chat' }, withKey(who.auth, key));
      expect(sent.statusCode).toBe(201);
    }
  });
});
