import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../domain/calendar.ts';
import { decideVerification, verificationStatus, verificationWorkflowId } from '../../domain/verification/contract.ts';
import { verificationWorkflow } from '../../workflows/verification.ts';
import type { TestDatabase } from '../support/database.ts';
import { mailText } from '../support/smtp.ts';
import { startWorkflowWorld, type WorkflowWorld } from '../support/workflow-world.ts';
import { recordHistory } from '../support/histories.ts';

// ACC-4 on the time-skipping server: the reminder and expiry timers really fire, and the
// real activities write to a real database and send through a real SMTP server.

const HOUR = 3_600_000;
// No holidays, so the expected instants below depend only on the weekday.
const calendar: BusinessCalendar = {
  timeZone: 'Asia/Baku',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '18:00',
  holidays: [],
};

let world: WorkflowWorld;
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let smtp: WorkflowWorld['smtp'];
const taskQueue = 'verification-test';

beforeAll(async () => {
  world = await startWorkflowWorld({ taskQueue });
  ({ env, database, smtp } = world);
});
afterAll(async () => world?.close());

async function makeRequest() {
  const tag = randomBytes(4).toString('hex');
  const db = database.db;
  const admin = await db.user.create({
    data: {
      email: `admin-${tag}@example.test`,
      phone: `+99450${tag.replace(/\D/g, '1').padEnd(7, '0').slice(0, 7)}`,
      passwordHash: 'x',
      fullName: 'Admin Adminov',
      role: 'admin',
    },
  });
  const user = await db.user.create({
    data: {
      email: `teen-${tag}@example.test`,
      phone: `+99455${tag.replace(/\D/g, '2').padEnd(7, '0').slice(0, 7)}`,
      passwordHash: 'x',
      fullName: 'Teen Ager',
      birthDate: new Date('2009-06-01'),
    },
  });
  const file = await db.storedFile.create({
    data: {
      ownerId: user.id,
      originalName: 'court-act.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 10,
      sha256: tag,
      storageKey: `k/${tag}`,
    },
  });
  const request = await db.verificationRequest.create({
    data: { userId: user.id, kind: 'court_act_full_capacity', documentFileId: file.id },
  });
  return { admin, user, request };
}

// Moves the test server's clock to the next Friday 17:00 in Baku (1 working hour before close).
async function skipToFriday1700() {
  const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: 'Asia/Baku' });
  let target = now.set({ weekday: 5, hour: 17, minute: 0, second: 0, millisecond: 0 });
  if (target <= now) target = target.plus({ weeks: 1 });
  await env.sleep(target.toMillis() - now.toMillis());
  return target.toMillis();
}

async function start(requestId: string, userId: string) {
  return env.client.workflow.start(verificationWorkflow, {
    workflowId: verificationWorkflowId(requestId),
    taskQueue,
    args: [{ requestId, userId, calendar }],
  });
}

describe('ACC-4 verification workflow', () => {
  it('ACC-4: an undecided request reminds the admins after 1 working day (Friday 17:00 → Monday 17:00) and expires after 30 days', async () => {
    const { admin, user, request } = await makeRequest();
    const submittedAt = await skipToFriday1700();
    const handle = await start(request.id, user.id);

    await env.sleep(72 * HOUR - 60_000); // Monday 16:59: not yet
    expect((await handle.query(verificationStatus)).remindedAt).toBeNull();
    await env.sleep(2 * 60_000); // Monday 17:01
    const reminded = await handle.query(verificationStatus);
    // The server clock moved a few real milliseconds between the skip and the start.
    expect(reminded.submittedAt - submittedAt).toBeLessThan(5_000);
    expect(DateTime.fromMillis(reminded.reminderDueAt, { zone: 'Asia/Baku' }).toFormat('ccc HH:mm')).toBe('Mon 17:00');
    expect(reminded.reminderDueAt - reminded.submittedAt).toBe(72 * HOUR);
    expect(reminded.remindedAt).not.toBeNull();
    await smtp.waitFor((mail) => mail.to.includes(admin.email) && mailText(mail).includes(request.id));
    expect((await database.db.verificationRequest.findUniqueOrThrow({ where: { id: request.id } })).remindedAt).not.toBeNull();

    const outcome = await handle.result(); // time skips to the 30-day expiry
    await recordHistory(handle, 'verification-expired');
    expect(outcome.status).toBe('expired');
    expect(outcome.decidedAt! - outcome.submittedAt).toBe(30 * 24 * HOUR);
    const row = await database.db.verificationRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row.status).toBe('expired');
    await smtp.waitFor((mail) => mail.to.includes(user.email) && mailText(mail).includes('expired'));
  });

  it('ACC-4: an approval before the reminder records the admin, sends no reminder and tells the user', async () => {
    const { admin, user, request } = await makeRequest();
    await skipToFriday1700();
    const handle = await start(request.id, user.id);
    await env.sleep(HOUR);
    await handle.signal(decideVerification, { decision: 'approve', adminId: admin.id });
    const outcome = await handle.result();
    await recordHistory(handle, 'verification-approved');
    expect(outcome).toMatchObject({ status: 'approved', decidedBy: admin.id, remindedAt: null });
    const row = await database.db.verificationRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: 'approved', decidedById: admin.id, remindedAt: null });
    await smtp.waitFor((mail) => mail.to.includes(user.email) && mailText(mail).includes('approved'));
    expect(smtp.received.some((mail) => mail.to.includes(admin.email))).toBe(false);
  });

  it('ACC-4: a rejection after the reminder keeps the reason; a second decision is ignored', async () => {
    const { admin, user, request } = await makeRequest();
    await skipToFriday1700();
    const handle = await start(request.id, user.id);
    await env.sleep(80 * HOUR);
    await handle.signal(decideVerification, { decision: 'reject', adminId: admin.id, reason: 'the court act is unreadable' });
    await handle.signal(decideVerification, { decision: 'approve', adminId: admin.id });
    const outcome = await handle.result();
    await recordHistory(handle, 'verification-rejected-after-reminder');
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'the court act is unreadable' });
    expect(outcome.remindedAt).not.toBeNull();
    const row = await database.db.verificationRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: 'rejected', decisionReason: 'the court act is unreadable' });
  });
});
