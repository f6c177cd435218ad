import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import {
  consultationState,
  consultationWorkflowId,
  type Actor,
  type ConsultationActivities,
  type ConsultationInput,
  type ConsultationNotice,
  type ConsultationState,
} from '../../domain/consultations/contract.ts';
import { consultationWorkflow } from '../../workflows/consultation.ts';
import { FakeMoney } from './fake-money.ts';
export { refusalOf, send } from './updates.ts';
import { startWorkflowWorld } from './workflow-world.ts';

// Consultation workflow unit tests on the time-skipping server. The consultation's own
// activities (mirror, system messages, notices, flags, escalations) are recording doubles and
// the money module's are FakeMoney: the real ones are not this slice (WORKFLOW TESTS ONLY).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

type SystemMessageCall = Parameters<ConsultationActivities['postSystemMessage']>[0];
type EscalateCall = Parameters<ConsultationActivities['escalate']>[0];

/** Records what the workflow asked for; keyed calls are deduplicated like the real activities. */
export class RecordingConsultationActivities {
  readonly messages = new Map<string, SystemMessageCall>();
  readonly notices = new Map<string, ConsultationNotice>();
  readonly escalations = new Map<string, EscalateCall>();
  readonly mirrored = new Map<string, ConsultationState>();

  readonly activities: Omit<ConsultationActivities, keyof FakeMoney['activities']> = {
    mirrorConsultation: async (state) => void this.mirrored.set(state.consultationId, state),
    postSystemMessage: async (input) => {
      this.messages.set(input.dedupeKey, input);
      return { messageId: `sys:${input.dedupeKey}` };
    },
    notifyConsultation: async (notice) => {
      this.notices.set(notice.dedupeKey, notice);
      return notice.audience.length;
    },
    flagForReview: async () => undefined,
    escalate: async (input) => void this.escalations.set(input.dedupeKey, input),
  };

  /** The system-message codes posted in one consultation, in order. */
  codesOf(consultationId: string): string[] {
    return [...this.messages.values()].filter((m) => m.consultationId === consultationId).map((m) => m.message.code);
  }
}

export interface ConsultationHarness {
  env: TestWorkflowEnvironment;
  money: FakeMoney;
  recorded: RecordingConsultationActivities;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startConsultationHarness(): Promise<ConsultationHarness> {
  const money = new FakeMoney();
  const recorded = new RecordingConsultationActivities();
  const world = await startWorkflowWorld({
    taskQueue: `consultations-${randomBytes(3).toString('hex')}`,
    activities: () => ({ ...money.activities, ...recorded.activities }),
  });
  return { env: world.env, money, recorded, taskQueue: world.taskQueue, close: () => world.close() };
}

export type ConsultationHandle = WorkflowHandle<typeof consultationWorkflow>;

/** A consultation opened by its client, 15 % commission, the platform calendar with no holidays. */
export async function openConsultation(h: ConsultationHarness, extra: Partial<ConsultationInput> = {}) {
  const consultationId = randomUUID();
  const client: Actor = { userId: `client-${consultationId.slice(0, 8)}`, role: 'client' };
  const specialist: Actor = { userId: `lawyer-${consultationId.slice(0, 8)}`, role: 'specialist' };
  const admin: Actor = { userId: 'admin-1', role: 'admin' };
  const input: ConsultationInput = {
    consultationId,
    conversationId: `conv-${consultationId}`,
    clientId: client.userId,
    specialistId: specialist.userId,
    openedBy: client,
    openedAt: await h.env.currentTimeMs(),
    currency: 'UZS',
    commissionBps: 1500,
    calendar: { ...PLATFORM_CALENDAR, holidays: [] },
    ...extra,
  };
  const handle = await h.env.client.workflow.start(consultationWorkflow, {
    workflowId: consultationWorkflowId(consultationId),
    taskQueue: h.taskQueue,
    args: [input],
  });
  return { consultationId, handle, client, specialist, admin, stem: consultationWorkflowId(consultationId) };
}

/** Moves the test server's clock to `instant` (time is global to the environment). */
export async function skipTo(h: ConsultationHarness, instant: number): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (instant > now) await h.env.sleep(instant - now);
}

/** The next Monday 09:00 in Tashkent (04:00 UTC) after the server's now. */
export async function nextMonday0900(h: ConsultationHarness): Promise<number> {
  const now = await h.env.currentTimeMs();
  const d = new Date(now);
  const daysAhead = (8 - d.getUTCDay()) % 7 || 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + daysAhead, 4, 0);
}

/** Queries until the state satisfies `predicate` (a timer's task may still be in flight). */
export async function waitForState(
  handle: ConsultationHandle,
  predicate: (s: ConsultationState) => boolean,
  timeoutMs = 10_000,
): Promise<ConsultationState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(consultationState);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`state never matched; last status ${state.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { eventually } from './wait.ts';
