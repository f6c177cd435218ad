import { DateTime } from 'luxon';
import { orderEligibility, type Eligibility } from '../../domain/eligibility.ts';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { hasAcceptedCurrentTerms } from './terms.ts';

// The legal portal's home zone (E-LEGAL, Azerbaijan): "today" for age checks is Baku's date.
export const SERVICE_TIME_ZONE = 'Asia/Baku';

export const serviceToday = (now: Date = new Date()): string => DateTime.fromJSDate(now, { zone: SERVICE_TIME_ZONE }).toISODate() ?? '';

export async function eligibilityOf(db: Db, userId: string, now: Date = new Date()): Promise<Eligibility> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const approved = await db.verificationRequest.findMany({
    where: { userId, status: 'approved' },
    select: { kind: true },
  });
  return orderEligibility({
    today: serviceToday(now),
    birthDate: user.birthDate ? user.birthDate.toISOString().slice(0, 10) : null,
    suspended: user.suspendedAt !== null,
    acceptedCurrentTerms: await hasAcceptedCurrentTerms(db, userId),
    approvedVerificationKinds: approved.map((row) => row.kind),
  });
}

/**
 * ACC-4/5/6: refuses a client who may not buy a service yet (Terms not accepted, age or
 * representation not verified, suspended) — before an order is placed and before a client
 * commits to pay for a consultation. The first reason is the problem's code; all are listed.
 */
export async function requireEligibleToOrder(db: Db, clientId: string): Promise<void> {
  const eligibility = await eligibilityOf(db, clientId);
  if (eligibility.canOrder) return;
  const first = eligibility.reasons[0]!;
  const code: ErrorCode = first.code in ERROR_STATUS ? first.code : 'ORDER_NOT_ELIGIBLE';
  throw new DomainError(
    code,
    first.message,
    eligibility.reasons.map((r) => ({ path: r.code, message: r.message })),
  );
}
