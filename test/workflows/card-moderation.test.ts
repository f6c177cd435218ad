import { recordHistory } from '../support/histories.ts';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCardReview, resubmitCorrectedCard, submitCard } from '../../services/support/card-moderation.ts';
import { WORKFLOWS_PATH } from '../../worker/create-worker.ts';
import {
  cardModerationState,
  cardModerationWorkflowId,
  decideCard,
  resubmitCard,
  type CardModerationSnapshot,
  type CardRound,
} from '../../domain/card-moderation/contract.ts';
import { cardModerationWorkflow } from '../../workflows/card-moderation.ts';
import type { TestDatabase } from '../support/database.ts';
import { mailText } from '../support/smtp.ts';
import { startWorkflowWorld, type WorkflowWorld } from '../support/workflow-world.ts';
import { testDataConverter } from '../support/config.ts';

// SUP-8 on the time-skipping server with the real activities, database and SMTP server.

const DAY = 24 * 3_600_000;
const MINUTE = 60_000;
let world: WorkflowWorld;
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let smtp: WorkflowWorld['smtp'];
const taskQueue = 'card-test';

beforeAll(async () => {
  world = await startWorkflowWorld({ taskQueue });
  ({ env, database, smtp } = world);
});
afterAll(async () => world?.close());

async function cardState(cardId: string, accept: (s: CardModerationSnapshot) => boolean): Promise<CardModerationSnapshot> {
  const handle = env.client.workflow.getHandle(cardModerationWorkflowId(cardId));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await handle.query(cardModerationState).catch(() => undefined);
    if (state && accept(state)) return state;
    if (Date.now() > deadline) throw new Error(`card never reached the expected state: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('SUP-8 catalogue card moderation', () => {
  it("SUP-8: an undecided card escalates after 5 days; a returned card's resubmission gets a fresh 5-day review; approval ends it", async () => {
    const temporal = { client: env.client, taskQueue };
    const db = database.db;
    const sender = await db.user.create({
      data: { email: 'seller@customer.test', phone: '+998900000201', passwordHash: 'x', fullName: 'Sardor Sotuvchi' },
    });
    const reviewer = await db.user.create({
      data: { email: 'moderator@maslahat.test', phone: '+998900000202', passwordHash: 'x', fullName: 'Mavluda Moderator', role: 'admin' },
    });

    const submittedAt = await env.currentTimeMs();
    const card = await submitCard(
      { db, temporal },
      sender.id,
      { title: 'Mineral water 0.5 l', content: { gtin: '04780000000001' } },
      { now: submittedAt },
    );
    const first = await cardState(card.id, (s) => s.rounds.length === 1);
    expect(first.rounds[0]!.reviewDueAt - first.rounds[0]!.submittedAt).toBe(5 * DAY);
    expect(first.rounds[0]!.submittedAt).toBe(submittedAt);

    await env.sleep(5 * DAY - MINUTE);
    expect((await cardState(card.id, () => true)).rounds[0]!.escalatedAt).toBeNull();
    await env.sleep(2 * MINUTE);
    const overdue = await cardState(card.id, (s) => s.rounds[0]!.escalatedAt !== null);
    expect(overdue.rounds[0]!.escalatedAt! - overdue.rounds[0]!.reviewDueAt).toBeLessThan(MINUTE);
    await smtp.waitFor((m) => m.to.includes('supervisor@maslahat.local') && mailText(m).includes('SUP-8: 5 days from submission'));

    await expect(decideCardReview(db, temporal, card.id, reviewer.id, { decision: 'return', errors: [] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await decideCardReview(db, temporal, card.id, reviewer.id, { decision: 'return', errors: ['GTIN check digit is wrong', 'No photo'] });
    const returned = await cardState(card.id, (s) => s.status === 'returned');
    expect(returned.rounds[0]).toMatchObject({
      decision: 'return',
      errors: ['GTIN check digit is wrong', 'No photo'],
      reviewerId: reviewer.id,
    });
    await smtp.waitFor((m) => m.to.includes('seller@customer.test') && mailText(m).includes('GTIN check digit is wrong'));
    const mirrored = await db.catalogueCard.findUniqueOrThrow({ where: { id: card.id } });
    expect(mirrored).toMatchObject({ status: 'returned', errors: ['GTIN check digit is wrong', 'No photo'] });

    await env.sleep(2 * DAY);
    await resubmitCorrectedCard(db, temporal, sender.id, card.id, { content: { gtin: '04780000000018', photo: 'front.jpg' } });
    const second = await cardState(card.id, (s) => s.rounds.length === 2);
    expect(second.status).toBe('in_review');
    expect(second.rounds[1]!.reviewDueAt - second.rounds[1]!.submittedAt).toBe(5 * DAY);
    expect(second.rounds[1]!.submittedAt - second.rounds[0]!.decidedAt!).toBeGreaterThanOrEqual(2 * DAY);
    expect(second.rounds[1]!.submittedAt - second.rounds[0]!.decidedAt!).toBeLessThan(2 * DAY + MINUTE);

    await env.sleep(DAY);
    await decideCardReview(db, temporal, card.id, reviewer.id, { decision: 'approve', errors: [] });
    const outcome = await env.client.workflow.getHandle(cardModerationWorkflowId(card.id)).result();
    expect(outcome.status).toBe('approved');
    expect(outcome.rounds[1]!.escalatedAt).toBeNull();
    await smtp.waitFor((m) => m.to.includes('seller@customer.test') && mailText(m).includes('was approved'));

    // The recorded history replays against the current workflow code (determinism guard).
    const history = await env.client.workflow.getHandle(cardModerationWorkflowId(card.id)).fetchHistory();
    await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH, dataConverter: testDataConverter() }, history);
    await recordHistory(env.client.workflow.getHandle(cardModerationWorkflowId(card.id)), 'card-escalated-returned-resubmitted-approved');
  });
});

describe('SUP-8 moderation workflow with activity doubles', () => {
  it('SUP-8: a resubmission that arrives while the sender is still being notified of the return starts round 2', async () => {
    const cardId = '11111111-2222-4333-8444-555555555555';
    const recorded: Array<{ status: string; round: number }> = [];
    // The sender resubmits at once: the signal lands while the "returned" notification is still running.
    const activities = {
      async recordCardRound(input: { status: string; round: CardRound }) {
        recorded.push({ status: input.status, round: input.round.round });
      },
      async escalateCardReview() {},
      async notifyCardSubmitter(input: { status: string }) {
        if (input.status === 'returned') await env.client.workflow.getHandle(cardModerationWorkflowId(cardId)).signal(resubmitCard);
      },
    };
    const doubles = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'card-doubles',
      workflowsPath: WORKFLOWS_PATH,
      dataConverter: testDataConverter(),
      activities,
    });
    await doubles.runUntil(async () => {
      const handle = await env.client.workflow.start(cardModerationWorkflow, {
        workflowId: cardModerationWorkflowId(cardId),
        taskQueue: 'card-doubles',
        args: [{ cardId, submittedAt: await env.currentTimeMs() }],
      });
      await handle.signal(decideCard, { reviewerId: 'reviewer-1', decision: 'return', errors: ['No photo'] });
      const second = await cardState(cardId, (s) => s.rounds.length === 2);
      expect(second.status).toBe('in_review');
      await handle.signal(decideCard, { reviewerId: 'reviewer-1', decision: 'approve', errors: [] });
      expect((await handle.result()).status).toBe('approved');
    });
    expect(recorded).toEqual([
      { status: 'in_review', round: 1 },
      { status: 'returned', round: 1 },
      { status: 'in_review', round: 2 },
      { status: 'approved', round: 2 },
    ]);
  });

  it("SUP-8: a decision delivered with the workflow's start (before its first task) is not lost", async () => {
    const cardId = '22222222-3333-4444-8555-666666666666';
    const activities = { async recordCardRound() {}, async escalateCardReview() {}, async notifyCardSubmitter() {} };
    const doubles = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'card-early',
      workflowsPath: WORKFLOWS_PATH,
      dataConverter: testDataConverter(),
      activities,
    });
    await doubles.runUntil(async () => {
      // signalWithStart puts the signal in the first activation, where setHandler delivers it.
      await env.client.workflow.signalWithStart(cardModerationWorkflow, {
        workflowId: cardModerationWorkflowId(cardId),
        taskQueue: 'card-early',
        args: [{ cardId, submittedAt: await env.currentTimeMs() }],
        signal: decideCard,
        signalArgs: [{ reviewerId: 'reviewer-2', decision: 'approve', errors: [] }],
      });
      const decided = await cardState(cardId, (s) => s.status === 'approved');
      expect(decided.rounds).toHaveLength(1);
      expect(decided.rounds[0]).toMatchObject({ decision: 'approve', reviewerId: 'reviewer-2', escalatedAt: null });
    });
  });
});
