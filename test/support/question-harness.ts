import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import {
  questionState,
  questionWorkflowId,
  type Actor,
  type QuestionActivities,
  type QuestionInput,
  type QuestionNotice,
  type QuestionState,
} from '../../domain/questions/contract.ts';
import { questionWorkflow } from '../../workflows/question.ts';
import { FakeMoney } from './fake-money.ts';
export { refusalOf, send } from './updates.ts';
import { startWorkflowWorld } from './workflow-world.ts';

// Question workflow unit tests on the time-skipping server. The question's own activities
// (mirror, notices, escalations) are recording doubles and the money module's are FakeMoney: the
// real ones belong to the questions API slice (WORKFLOW TESTS ONLY).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

type EscalateCall = Parameters<QuestionActivities['escalateQuestion']>[0];

/** Records what the workflow asked for; keyed calls are deduplicated like the real activities. */
export class RecordingQuestionActivities {
  readonly notices = new Map<string, QuestionNotice>();
  readonly escalations = new Map<string, EscalateCall>();
  readonly mirrored = new Map<string, QuestionState>();

  readonly activities: Omit<QuestionActivities, keyof FakeMoney['activities']> = {
    mirrorQuestion: async (state) => void this.mirrored.set(state.questionId, state),
    notifyQuestion: async (notice) => {
      this.notices.set(notice.dedupeKey, notice);
      return notice.recipients.length + (notice.admins ? 1 : 0);
    },
    escalateQuestion: async (input) => void this.escalations.set(input.dedupeKey, input),
  };

  /** The notice codes sent about one question, in order. */
  codesOf(questionId: string): string[] {
    return [...this.notices.values()].filter((n) => n.questionId === questionId).map((n) => n.message.code);
  }
}

export interface QuestionHarness {
  env: TestWorkflowEnvironment;
  money: FakeMoney;
  recorded: RecordingQuestionActivities;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startQuestionHarness(): Promise<QuestionHarness> {
  const money = new FakeMoney();
  const recorded = new RecordingQuestionActivities();
  const world = await startWorkflowWorld({
    taskQueue: `questions-${randomBytes(3).toString('hex')}`,
    activities: () => ({ ...money.activities, ...recorded.activities }),
  });
  return { env: world.env, money, recorded, taskQueue: world.taskQueue, close: () => world.close() };
}

export type QuestionHandle = WorkflowHandle<typeof questionWorkflow>;

/** A question asked now by a fresh client, 15 % commission, the platform calendar with `holidays`. */
export async function askQuestion(h: QuestionHarness, holidays: string[] = [], extra: Partial<QuestionInput> = {}) {
  const questionId = randomUUID();
  const tag = questionId.slice(0, 8);
  const client: Actor = { userId: `client-${tag}`, role: 'client' };
  const specialist: Actor = { userId: `spec-${tag}`, role: 'specialist' };
  const other: Actor = { userId: `spec2-${tag}`, role: 'specialist' };
  const admin: Actor = { userId: 'admin-1', role: 'admin' };
  const input: QuestionInput = {
    questionId,
    clientId: client.userId,
    entryId: `entry-${tag}`,
    askedAt: await h.env.currentTimeMs(),
    currency: 'UAH',
    commissionBps: 1500,
    calendar: { ...PLATFORM_CALENDAR, holidays },
    ...extra,
  };
  const handle = await h.env.client.workflow.start(questionWorkflow, {
    workflowId: questionWorkflowId(questionId),
    taskQueue: h.taskQueue,
    args: [input],
  });
  return { questionId, handle, client, specialist, other, admin, stem: questionWorkflowId(questionId) };
}

/** Moves the test server's clock to `instant` (time is global to the environment). */
export async function skipTo(h: QuestionHarness, instant: number): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (instant > now) await h.env.sleep(instant - now);
}

/** The next `isoWeekday` (1 = Monday) at `hour`:00 in Tashkent (UTC+5), strictly after the server's now. */
export async function nextWeekdayAt(h: QuestionHarness, isoWeekday: number, hour: number): Promise<number> {
  const now = await h.env.currentTimeMs();
  const d = new Date(now);
  const today = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const daysAhead = (isoWeekday - today + 7) % 7 || 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + daysAhead, hour - 5, 0);
}

/** The Tashkent local date ("yyyy-MM-dd") of an instant. */
export const tashkentDate = (instant: number): string => new Date(instant + 5 * HOUR).toISOString().slice(0, 10);

/** Queries until the state satisfies `predicate` (a timer's task may still be in flight). */
export async function waitForState(
  handle: QuestionHandle,
  predicate: (s: QuestionState) => boolean,
  timeoutMs = 10_000,
): Promise<QuestionState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(questionState);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`state never matched; last status ${state.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { eventually } from './wait.ts';
