import { describe, expect, it } from 'vitest';
import { ageOn, orderEligibility, verificationNeededFor, type EligibilityFacts } from '../../domain/eligibility.ts';

const adultFacts: EligibilityFacts = {
  today: '2026-11-22',
  birthDate: '1990-05-17',
  suspended: false,
  acceptedCurrentTerms: true,
  approvedVerificationKinds: [],
};

describe('age', () => {
  it.each([
    ['2008-11-22', 18], // 18th birthday today
    ['2008-11-23', 17], // tomorrow
    ['2010-11-22', 16],
    ['2010-11-23', 15],
    ['2008-02-29', 18], // leap-day birthday already passed this year
  ])('born %s is %i on 2026-11-22', (birthDate, age) => {
    expect(ageOn(birthDate, '2026-11-22')).toBe(age);
  });
});

describe('ACC-4 who may order without a verified document', () => {
  it('ACC-4 adults need no document', () => {
    expect(verificationNeededFor(18)).toBeNull();
    expect(orderEligibility(adultFacts)).toEqual({ canOrder: true, reasons: [], requiredVerification: null });
  });

  it('ACC-4 a 16–17-year-old needs a court act of full capacity or a representative', () => {
    const teen = { ...adultFacts, birthDate: '2009-06-01' };
    const result = orderEligibility(teen);
    expect(result.canOrder).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual(['VERIFICATION_REQUIRED']);
    expect(result.requiredVerification).toEqual(['court_act_full_capacity', 'representative_authority']);
    expect(orderEligibility({ ...teen, approvedVerificationKinds: ['court_act_full_capacity'] }).canOrder).toBe(true);
  });

  it('ACC-4 a younger minor may order only through a representative with proof of authority', () => {
    const child = { ...adultFacts, birthDate: '2012-01-01' };
    expect(orderEligibility(child).requiredVerification).toEqual(['representative_authority']);
    // A court act of full capacity does not apply below 16.
    expect(orderEligibility({ ...child, approvedVerificationKinds: ['court_act_full_capacity'] }).canOrder).toBe(false);
    expect(orderEligibility({ ...child, approvedVerificationKinds: ['representative_authority'] }).canOrder).toBe(true);
  });

  it('ACC-4 an unknown birth date blocks ordering until entered', () => {
    expect(orderEligibility({ ...adultFacts, birthDate: null }).reasons.map((r) => r.code)).toEqual(['BIRTH_DATE_REQUIRED']);
  });

  it('ACC-5 and ACC-6 terms and suspension are reported together with the age check', () => {
    const result = orderEligibility({ ...adultFacts, suspended: true, acceptedCurrentTerms: false, birthDate: '2012-01-01' });
    expect(result.reasons.map((r) => r.code)).toEqual(['ACCOUNT_SUSPENDED', 'TERMS_NOT_ACCEPTED', 'VERIFICATION_REQUIRED']);
  });
});
