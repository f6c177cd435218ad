import {
  CONSULTATION_WORKFLOW_TYPE,
  consultationParties,
  ConsultationPartiesAttribute,
  ConsultationStatusAttribute,
  consultationWorkflowId,
  FINAL_CONSULTATION_STATUSES,
  type ConsultationInput,
  type ConsultationWorkflow,
} from '../../domain/consultations/contract.ts';
import { DomainError } from '../../domain/errors.ts';
import { jsonValue, type Db } from '../../infra/db.ts';
import { loadPlatformCalendar } from '../platform/business-calendars.ts';
import { nameBasedUuid } from '../platform/ids.ts';
import { pendingBefore, startedOnce, startPending, type StartFaults } from '../platform/temporal/durable-start.ts';
import { startProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';

// A conversation (CHAT-1) holds any number of consultations, one after another: the first offer
// in a conversation opens one (CHAT-2), and once it has ended (its complaint window may still
// run) or closed unpaid, the next offer opens the next. Each is one durable workflow, `consultation-<id>`, whose id is
// name-based on (conversation, n): two offers racing in a fresh conversation meet the same
// consultation instead of opening two. Durable: the row is written start-pending with its
// workflow's input, so the start sweep starts a consultation whose request died.

export interface ConsultationTerms {
  /** yuridik.uz prices in Uzbek so'm (PAY-1); a setting for another market. */
  currency: string;
  /** The platform's commission in basis points (CONSULTATION_COMMISSION_BPS, 1500 = 15 %). */
  commissionBps: number;
}

export interface OpeningDeps {
  db: Db;
  temporal: TemporalTarget;
  terms: ConsultationTerms;
  faults?: StartFaults | undefined;
}

export const consultationIdOf = (conversationId: string, seq: number): string => nameBasedUuid(`consultation/${conversationId}/${seq}`);

/**
 * Whether a consultation still takes offers: not once it has ended. An ended one keeps running
 * for its complaint window (CHAT-5) and arbitration, but the conversation goes on meanwhile and
 * the next offer opens the next consultation.
 */
const takesOffers = (status: string) => !([...FINAL_CONSULTATION_STATUSES, 'ended', 'in_complaint'] as string[]).includes(status);

/**
 * The conversation's consultation that takes offers now: the newest unless it has ended or
 * closed, else a new one, started. `participantId` must be one of the conversation's two sides.
 */
export async function activeConsultation(deps: OpeningDeps, conversationId: string, participantId: string): Promise<string> {
  const { db } = deps;
  const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
  if (!conversation || (conversation.clientId !== participantId && conversation.specialistId !== participantId)) {
    throw new DomainError('NOT_FOUND', 'No such conversation.');
  }
  const latest = await db.consultation.findFirst({ where: { conversationId }, orderBy: { seq: 'desc' } });
  if (latest && takesOffers(latest.status)) {
    if (latest.workflowStartPendingSince !== null) await startConsultationRow(deps, latest.id);
    return latest.id;
  }
  const seq = (latest?.seq ?? 0) + 1;
  const consultationId = consultationIdOf(conversationId, seq);
  const input: ConsultationInput = {
    consultationId,
    conversationId,
    clientId: conversation.clientId,
    specialistId: conversation.specialistId,
    // CHAT-1: the conversation was started by its client, the only side that may.
    openedBy: { userId: conversation.clientId, role: 'client' },
    openedAt: Date.now(),
    currency: deps.terms.currency,
    commissionBps: deps.terms.commissionBps,
    calendar: await loadPlatformCalendar(db),
  };
  await db.consultation.createMany({
    data: [
      {
        id: consultationId,
        conversationId,
        seq,
        clientId: input.clientId,
        specialistId: input.specialistId,
        currency: input.currency,
        commissionBps: input.commissionBps,
        openedAt: new Date(input.openedAt),
        workflowInput: jsonValue(input),
        workflowStartPendingSince: new Date(),
      },
    ],
    skipDuplicates: true, // the other racer wrote it: its input stands
  });
  await db.conversation.update({ where: { id: conversationId }, data: { currentConsultationId: consultationId } });
  await startConsultationRow(deps, consultationId);
  return consultationId;
}

/** Steps 2 and 3 of a durable start, from the row alone (so the sweep can run them too). */
async function startConsultationRow(deps: Omit<OpeningDeps, 'terms'>, consultationId: string): Promise<void> {
  const row = await deps.db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
  const input = row.workflowInput as unknown as ConsultationInput;
  await startPending({
    faults: deps.faults,
    start: () =>
      startedOnce(() =>
        startProcess<ConsultationWorkflow>(deps.temporal, CONSULTATION_WORKFLOW_TYPE, {
          workflowId: consultationWorkflowId(consultationId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: ConsultationPartiesAttribute, value: consultationParties(input.clientId, input.specialistId) },
            { key: ConsultationStatusAttribute, value: ['negotiating'] },
          ],
        }),
      ),
    clear: () =>
      deps.db.consultation.updateMany({
        where: { id: consultationId, workflowStartPendingSince: { not: null } },
        data: { workflowStartPendingSince: null },
      }),
  });
}

/** For the start sweep: consultations whose request died between the row and the start. */
export async function startPendingConsultations(
  deps: Omit<OpeningDeps, 'terms'>,
  options: { now: Date; graceMs: number; limit: number },
): Promise<number> {
  const rows = await deps.db.consultation.findMany({
    where: pendingBefore(options),
    orderBy: { workflowStartPendingSince: 'asc' },
    take: options.limit,
    select: { id: true },
  });
  for (const row of rows) await startConsultationRow(deps, row.id);
  return rows.length;
}
