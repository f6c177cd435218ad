import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../infra/db.ts';
import { DEFAULT_MIGRATIONS_DIR, migrate } from '../../infra/migrate.ts';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/database.ts';

// Issue 10: requests saved before durable starts existed, and stuck without a workflow, are
// handed to the start sweep by the migration that marks them start-pending; decided ones are not.

const REPAIR = '20261130060000_repair_unstarted_rows';
let name: string;
let db: Db;
let before: string;

beforeAll(async () => {
  name = await createEmptyDatabase();
  before = await mkdtemp(join(tmpdir(), 'maslahat-migrations-'));
  await cp(DEFAULT_MIGRATIONS_DIR, before, { recursive: true, filter: (path) => !path.includes(REPAIR) });
  await migrate(databaseUrl(name), before);
  db = createDb(databaseUrl(name));
});
afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(name);
  await rm(before, { recursive: true, force: true });
});

describe('issue 10: the repair migration', () => {
  it('marks pending verifications and cards in review as start-pending, and leaves decided ones alone', async () => {
    const user = await db.user.create({
      data: { email: 'old@maslahat.test', phone: '+998900000777', passwordHash: 'x', fullName: 'Old Request', role: 'client' },
    });
    const file = await db.storedFile.create({
      data: { ownerId: user.id, originalName: 'act.pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: 'x', storageKey: 'k1' },
    });
    const verification = (status: 'pending' | 'approved') =>
      db.verificationRequest.create({ data: { userId: user.id, kind: 'court_act_full_capacity', documentFileId: file.id, status } });
    const card = (status: 'in_review' | 'approved') =>
      db.catalogueCard.create({ data: { submitterId: user.id, title: 'Tea', content: {}, status, reviewDueAt: new Date() } });
    const [stuckVerification, decidedVerification, stuckCard, decidedCard] = [
      await verification('pending'),
      await verification('approved'),
      await card('in_review'),
      await card('approved'),
    ];

    await migrate(databaseUrl(name));

    const marked = async (row: { id: string }, table: 'verificationRequest' | 'catalogueCard') =>
      table === 'verificationRequest'
        ? (await db.verificationRequest.findUniqueOrThrow({ where: { id: row.id } })).workflowStartPendingSince !== null
        : (await db.catalogueCard.findUniqueOrThrow({ where: { id: row.id } })).workflowStartPendingSince !== null;
    expect(await marked(stuckVerification, 'verificationRequest')).toBe(true);
    expect(await marked(decidedVerification, 'verificationRequest')).toBe(false);
    expect(await marked(stuckCard, 'catalogueCard')).toBe(true);
    expect(await marked(decidedCard, 'catalogueCard')).toBe(false);
  });
});
