// ACC-4, ACC-5, ACC-6: may this account order a service now? Pure: the caller supplies the
// facts. Later order workflows call this before accepting an order.

import type { VerificationKind } from './verification/contract.ts';

export const ADULT_AGE = 18;
export const FULL_CAPACITY_BY_COURT_ACT_MIN_AGE = 16;

export type VerificationKindName = VerificationKind;

export interface EligibilityFacts {
  today: string; // YYYY-MM-DD in the service's time zone
  birthDate: string | null; // YYYY-MM-DD
  suspended: boolean;
  acceptedCurrentTerms: boolean;
  approvedVerificationKinds: readonly VerificationKindName[];
}

export type IneligibilityCode = 'ACCOUNT_SUSPENDED' | 'TERMS_NOT_ACCEPTED' | 'BIRTH_DATE_REQUIRED' | 'VERIFICATION_REQUIRED';

export interface Eligibility {
  canOrder: boolean;
  reasons: { code: IneligibilityCode; message: string }[];
  // Which document an admin must approve before this account may order, if any.
  requiredVerification: VerificationKindName[] | null;
}

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthdayThisYear = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthdayThisYear ? 0 : 1);
}

// ACC-4: adults need nothing; 16–17 need a court act of full capacity (or a representative);
// younger minors may order only through a legal representative with proof of authority.
export function verificationNeededFor(age: number): VerificationKindName[] | null {
  if (age >= ADULT_AGE) return null;
  if (age >= FULL_CAPACITY_BY_COURT_ACT_MIN_AGE) return ['court_act_full_capacity', 'representative_authority'];
  return ['representative_authority'];
}

export function orderEligibility(facts: EligibilityFacts): Eligibility {
  const reasons: Eligibility['reasons'] = [];
  if (facts.suspended) {
    reasons.push({ code: 'ACCOUNT_SUSPENDED', message: 'The account is suspended until its data is corrected (ACC-6).' });
  }
  if (!facts.acceptedCurrentTerms) {
    reasons.push({ code: 'TERMS_NOT_ACCEPTED', message: 'Accept the current Terms before ordering (ACC-5).' });
  }
  let requiredVerification: VerificationKindName[] | null = null;
  if (facts.birthDate === null) {
    reasons.push({ code: 'BIRTH_DATE_REQUIRED', message: 'Enter your birth date: services are for people 18 or older (ACC-4).' });
  } else {
    const needed = verificationNeededFor(ageOn(facts.birthDate, facts.today));
    if (needed && !needed.some((kind) => facts.approvedVerificationKinds.includes(kind))) {
      requiredVerification = needed;
      reasons.push({
        code: 'VERIFICATION_REQUIRED',
        message: `An admin must approve one of these documents first: ${needed.join(', ')} (ACC-4).`,
      });
    }
  }
  return { canOrder: reasons.length === 0, reasons, requiredVerification };
}
