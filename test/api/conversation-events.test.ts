import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { postSystemMessage } from '../../services/conversations/messages.ts';
import { clientAndSpecialist, openEventStream, sendMessage, startApiInstances, type ApiInstances } from '../support/conversations.ts';
import { withAdmin } from '../support/database.ts';
import { registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { waitFor } from '../support/wait.ts';

// Live delivery over real HTTP connections: two API instances (each its own Prisma client and
// LISTEN connection) on one database, as two processes behind a load balancer. A message posted
// through one instance reaches a stream held open by the other only through PostgreSQL's NOTIFY.

let instances: ApiInstances;
let a: App;
let b: App;
const base: string[] = [];
beforeAll(async () => {
  instances = await startApiInstances(2);
  [a, b] = instances.apps as [App, App];
  for (const app of instances.apps) base.push(await app.listen({ host: '127.0.0.1', port: 0 }));
});
afterAll(async () => instances?.close());

type Message = { id: string; seq: string; conversationId: string; body: string | null; kind: string };
const data = (event: { data?: string }) => JSON.parse(event.data!) as Message;

describe('conversation events (SSE)', () => {
  it('a message posted through one instance reaches a stream held by another; event id = seq; the stream ends without leaks', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(a);
    const stream = await openEventStream(`${base[1]}/v1/conversations/${conversationId}/events`, specialist.auth);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('x-request-id')).toBeTruthy();

    const sent = (await sendMessage(a, client.auth, conversationId, { body: 'Ijara shartnomasi haqida savolim bor' })).json<Message>();
    const event = await stream.next();
    expect(event).toMatchObject({ id: sent.seq, event: 'message' });
    expect(data(event)).toMatchObject({ id: sent.id, seq: sent.seq, conversationId, body: 'Ijara shartnomasi haqida savolim bor' });

    // A system message written by a worker's activity (no HTTP at all) arrives the same way.
    const system = await postSystemMessage(instances.dbs[0]!, {
      conversationId,
      consultationId: '33333333-3333-4333-8333-333333333333',
      dedupeKey: `${conversationId}/paid`,
      code: 'paid',
      params: { amount: 150000, currency: 'UZS' },
    });
    expect(await stream.next()).toMatchObject({ id: system.seq.toString(), event: 'message' });

    expect(b.conversationLive.feed.subscriberCount).toBe(1);
    await stream.close();
    await waitFor(
      async () => b.conversationLive.feed.subscriberCount + b.conversationLive.streams.size,
      (open) => open === 0,
    );
    expect(b.conversationLive.feed.subscriberCount + b.conversationLive.streams.size).toBe(0);
  });

  it('resumes after Last-Event-ID with the missed messages from the database, then live ones, in order', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(a);
    const seqs: string[] = [];
    for (const body of ['birinchi', 'ikkinchi', 'uchinchi']) {
      seqs.push((await sendMessage(a, client.auth, conversationId, { body })).json<Message>().seq);
    }
    const stream = await openEventStream(`${base[1]}/v1/conversations/${conversationId}/events`, {
      ...specialist.auth,
      'last-event-id': seqs[0]!,
    });
    expect(data(await stream.next()).body).toBe('ikkinchi');
    expect(data(await stream.next()).body).toBe('uchinchi');
    await sendMessage(b, specialist.auth, conversationId, { body: "to'rtinchi" });
    const live = await stream.next();
    expect(data(live).body).toBe("to'rtinchi");
    expect(BigInt(live.id!)).toBeGreaterThan(BigInt(seqs[2]!));
    await stream.close();

    // `?after=` does the same for a client that keeps the last id itself.
    const byQuery = await openEventStream(`${base[0]}/v1/conversations/${conversationId}/events?after=${seqs[1]}`, client.auth);
    expect(data(await byQuery.next()).body).toBe('uchinchi');
    expect(data(await byQuery.next()).body).toBe("to'rtinchi");
    await byQuery.close();
  });

  it('a stream shows only what its reader may see: a message addressed to the other participant is left out', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(a);
    const stream = await openEventStream(`${base[0]}/v1/conversations/${conversationId}/events`, client.auth);
    await postSystemMessage(instances.dbs[1]!, {
      conversationId,
      consultationId: '44444444-4444-4444-8444-444444444444',
      dedupeKey: `${conversationId}/nudge`,
      code: 'off_platform_nudge',
      params: {},
      visibleTo: specialist.user.id,
    });
    await sendMessage(b, specialist.auth, conversationId, { body: 'Javob' });
    expect(data(await stream.next())).toMatchObject({ kind: 'text', body: 'Javob' });
    expect(stream.pending()).toEqual([]);
    await stream.close();
  });

  it("GET /me/events carries every conversation of the user, across instances; strangers' streams are refused", async () => {
    const specialist = await registerSpecialist(a, a.deps.db);
    const clients = [await registerAndLogin(a), await registerAndLogin(a)];
    const conversationIds: string[] = [];
    for (const client of clients) {
      const started = await a.inject({
        method: 'POST',
        url: '/v1/conversations',
        headers: client.auth,
        payload: { specialistId: specialist.user.id },
      });
      conversationIds.push(started.json<{ id: string }>().id);
    }
    const cabinet = await openEventStream(`${base[1]}/v1/me/events`, specialist.auth);
    await sendMessage(a, clients[0]!.auth, conversationIds[0]!, { body: 'Birinchi mijoz' });
    await sendMessage(a, clients[1]!.auth, conversationIds[1]!, { body: 'Ikkinchi mijoz' });
    expect(data(await cabinet.next())).toMatchObject({ conversationId: conversationIds[0], body: 'Birinchi mijoz' });
    expect(data(await cabinet.next())).toMatchObject({ conversationId: conversationIds[1], body: 'Ikkinchi mijoz' });
    await cabinet.close();

    const stranger = await registerAndLogin(a);
    const refused = await fetch(`${base[0]}/v1/conversations/${conversationIds[0]}/events`, { headers: stranger.auth });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const anonymous = await fetch(`${base[0]}/v1/me/events`);
    expect(anonymous.status).toBe(401);
  });

  it('concurrent messages through both instances all arrive, in increasing seq order, none skipped', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(a);
    const stream = await openEventStream(`${base[0]}/v1/conversations/${conversationId}/events`, specialist.auth);
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? sendMessage(a, client.auth, conversationId, { body: `a-${i}` })
          : sendMessage(b, specialist.auth, conversationId, { body: `b-${i}` }),
      ),
    );
    const received: string[] = [];
    for (let i = 0; i < 20; i += 1) received.push((await stream.next()).id!);
    const seqs = sent.map((response) => response.json<Message>().seq);
    expect(received).toEqual([...seqs].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
    await stream.close();
  });

  it('sends a heartbeat comment every 15 s so that proxies keep an idle stream open', { timeout: 30_000 }, async () => {
    const { specialist, conversationId } = await clientAndSpecialist(a);
    const stream = await openEventStream(`${base[0]}/v1/conversations/${conversationId}/events`, specialist.auth);
    await new Promise((resolve) => setTimeout(resolve, 15_500));
    expect(stream.comments).toEqual([': heartbeat']);
    await stream.close();
  });

  it('a listener whose connection dies reconnects, and its streams catch up on what was sent meanwhile', async () => {
    const { client, specialist, conversationId } = await clientAndSpecialist(a);
    const stream = await openEventStream(`${base[1]}/v1/conversations/${conversationId}/events`, specialist.auth);
    const database = new URL(instances.database.url).pathname.slice(1);
    const killed = await withAdmin((admin) =>
      admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'maslahat-message-feed' AND datname = $1`,
        [database],
      ),
    );
    expect(killed.rowCount).toBeGreaterThanOrEqual(1); // the listener of instance b at least
    await sendMessage(a, client.auth, conversationId, { body: 'Uzilish paytida yuborilgan' });
    expect(data(await stream.next()).body).toBe('Uzilish paytida yuborilgan');
    await sendMessage(a, client.auth, conversationId, { body: 'Qayta ulangandan keyin' });
    expect(data(await stream.next()).body).toBe('Qayta ulangandan keyin');
    await stream.close();
  });

  it('closing the app ends its open streams instead of waiting for them', async () => {
    const extra = await startApiInstances(1);
    const app = extra.apps[0]!;
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const { specialist, conversationId } = await clientAndSpecialist(app);
    const stream = await openEventStream(`${url}/v1/conversations/${conversationId}/events`, specialist.auth);
    await extra.close();
    await stream.ended;
    expect(app.conversationLive.streams.size).toBe(0);
  });
});
