import { DateTime } from 'luxon';
import { orderEligibility, type Eligibility } from '../../domain/eligibility.ts';
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
