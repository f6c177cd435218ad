import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail, sweepOutbox } from '../../services/platform/outbox.ts';
import { mailText } from '../support/smtp.ts';
import { startStack, type Stack } from '../support/stack.ts';

// The e-mail outbox's promise: a row committed without its delivery ever being started (the
// process died in between) is still delivered, once.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

describe('e-mail outbox sweep', () => {
  it('delivers a row whose dispatch never happened, exactly once, and leaves young rows alone', async () => {
    const db = stack.database.db;
    const temporal = { client: stack.client, taskQueue: stack.taskQueue };
    const orphan = await queueEmail(db, { recipient: 'orphan@example.test', subject: 'Lost?', body: 'orphan body' });
    await db.outboxEmail.update({ where: { id: orphan }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    const young = await queueEmail(db, { recipient: 'young@example.test', subject: 'Fresh', body: 'young body' });

    expect(await sweepOutbox(db, temporal, { now: new Date(), graceMs: 60_000, limit: 10 })).toBe(1);
    await stack.smtp.waitFor((mail) => mail.to.includes('orphan@example.test') && mailText(mail).includes('orphan body'));
    const deadline = Date.now() + 10_000;
    while ((await db.outboxEmail.findUniqueOrThrow({ where: { id: orphan } })).sentAt === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: orphan } })).sentAt).not.toBeNull();

    expect(await sweepOutbox(db, temporal, { now: new Date(), graceMs: 60_000, limit: 10 })).toBe(0);
    expect(stack.smtp.received.filter((mail) => mail.to.includes('orphan@example.test'))).toHaveLength(1);
    expect(stack.smtp.received.some((mail) => mail.to.includes('young@example.test'))).toBe(false);
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: young } })).sentAt).toBeNull();
  });

  it('reaches a lost row even when more rows than one sweep takes are still being retried', async () => {
    const db = stack.database.db;
    const temporal = { client: stack.client, taskQueue: stack.taskQueue };
    const longAgo = new Date(Date.now() - 60 * 60_000);
    // Deliveries the SMTP server keeps refusing: their workflows run and retry (attempts > 0).
    for (const n of [1, 2, 3]) {
      const retrying = await queueEmail(db, { recipient: `retrying-${n}@example.test`, subject: 'Retrying', body: 'retrying body' });
      await db.outboxEmail.update({ where: { id: retrying }, data: { createdAt: longAgo, attempts: 4, lastError: 'connection refused' } });
    }
    const lost = await queueEmail(db, { recipient: 'lost@example.test', subject: 'Lost', body: 'lost body' });
    await db.outboxEmail.update({ where: { id: lost }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });

    expect(await sweepOutbox(db, temporal, { now: new Date(), graceMs: 60_000, limit: 2 })).toBe(1);
    await stack.smtp.waitFor((mail) => mail.to.includes('lost@example.test') && mailText(mail).includes('lost body'));
  });
});
