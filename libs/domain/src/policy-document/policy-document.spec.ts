import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { POLICY_BOUNDS } from './bounds';
import { applyMergePatch, mergePatchBetween } from './merge-patch';
import { documentOf, policyFields } from './schema';
import { checkPolicyDocument } from './validate';

const defaults = () => documentOf(DEFAULT_POLICY);
const withValue = (path: string, value: unknown) => {
  const document = defaults();
  const keys = path.split('.');
  let at = document as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return document;
};
const refusalOf = (raw: unknown) => {
  const checked = checkPolicyDocument(raw);
  if (checked.ok) throw new Error('expected the policy to be refused');
  return checked.refusal;
};

describe('a policy document', () => {
  it('of the default policy is valid and holds every field but the version', () => {
    const checked = checkPolicyDocument(defaults());
    expect(checked.ok).toBe(true);
    expect(defaults()).not.toHaveProperty('version');
    expect(defaults()).toHaveProperty('riskScore.threshold', DEFAULT_POLICY.riskScore.threshold);
  });

  it('gives every number of the default policy bounds and a meaning', () => {
    const numbers = policyFields().filter((f) => f.kind === 'number');
    expect(numbers.length).toBeGreaterThan(10);
    for (const f of numbers) {
      expect(f.min, f.field).toBeTypeOf('number');
      expect(f.max, f.field).toBeTypeOf('number');
      expect(f.meaning.length, f.field).toBeGreaterThan(10);
    }
  });

  describe('with a bound broken is refused with invalid_policy naming the field', () => {
    for (const field of policyFields().filter((f) => f.kind === 'number')) {
      const path = field.field;
      it(`${path} below ${field.min}`, () =>
        expect(refusalOf(withValue(path, field.min! - 1))).toMatchObject({ code: 'invalid_policy', field: path }));
      it(`${path} above ${field.max}`, () =>
        expect(refusalOf(withValue(path, field.max! + 1))).toMatchObject({ code: 'invalid_policy', field: path }));
    }
    it('a whole number given a fraction', () =>
      expect(refusalOf(withValue('latePayments.count', 2.5))).toMatchObject({ code: 'invalid_policy', field: 'latePayments.count' }));
    it('a number given as text', () =>
      expect(refusalOf(withValue('riskScore.threshold', '60'))).toMatchObject({ code: 'invalid_policy', field: 'riskScore.threshold' }));
    it('a field missing', () => {
      const document = defaults();
      const { threshold: _, ...riskScore } = document.riskScore;
      Object.assign(document, { riskScore });
      expect(refusalOf(document)).toMatchObject({ code: 'invalid_policy', field: 'riskScore.threshold', message: expect.stringContaining('required') });
    });
    it('a field the policy does not have', () =>
      expect(refusalOf({ ...defaults(), thresholdd: 50 })).toMatchObject({ code: 'invalid_policy', field: 'thresholdd' }));
    it('an agreed working day that is not a weekday', () =>
      expect(refusalOf(withValue('agreedHours.days', [1, 8]))).toMatchObject({ code: 'invalid_policy', field: 'agreedHours.days.1' }));
    it('agreed hours that are not a time of day', () =>
      expect(refusalOf(withValue('agreedHours.start', '8am'))).toMatchObject({ code: 'invalid_policy', field: 'agreedHours.start' }));
    it('an unknown time zone', () =>
      expect(refusalOf(withValue('agreedHours.timeZone', 'Mars/Olympus'))).toMatchObject({ code: 'invalid_policy', field: 'agreedHours.timeZone' }));
    it('policy 10: fading at or above the at-risk threshold', () =>
      expect(refusalOf(withValue('riskScore.fadeBelow', 60))).toMatchObject({ code: 'invalid_policy', field: 'riskScore.fadeBelow' }));
    it('policy 6: a floor above the threshold', () =>
      expect(refusalOf(withValue('repetition.minThreshold', 70))).toMatchObject({ code: 'invalid_policy', field: 'repetition.minThreshold' }));
  });

  describe('policy 5: its two bounds are computed from the candidate', () => {
    it('one warning sign alone reaching the threshold is refused, naming its weight', () =>
      expect(refusalOf(withValue('riskScore.weights.disrespect', 60))).toMatchObject({ code: 'invalid_policy', field: 'riskScore.weights.disrespect' }));
    it('a lower threshold can make a weight that was fine break the bound', () => {
      const document = withValue('riskScore.threshold', 20);
      document.riskScore.fadeBelow = 10;
      document.repetition.minThreshold = 10;
      expect(refusalOf(document)).toMatchObject({ code: 'invalid_policy', field: 'riskScore.weights.disrespect' });
    });
    it('eight light signs within seven days that no longer reach the threshold are refused, naming the lightest', () =>
      expect(refusalOf(withValue('riskScore.weights.negative_attitude', 4))).toMatchObject({ code: 'invalid_policy', field: 'riskScore.weights.negative_attitude' }));
    it('a faster decay can break the eight-sign bound', () =>
      expect(refusalOf(withValue('riskScore.halfLifeDays', 1))).toMatchObject({ code: 'invalid_policy', field: 'riskScore.weights.rejected_recommendations' }));
    it('a threshold of 45 with the default weights passes both', () => {
      const document = withValue('riskScore.threshold', 45);
      expect(checkPolicyDocument(document).ok).toBe(true);
    });
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects member by member, replaces arrays, removes on null', () => {
    expect(applyMergePatch({ a: { b: 1, c: 2 }, d: [1, 2], e: 1 }, { a: { b: 3 }, d: [3], e: null })).toEqual({ a: { b: 3, c: 2 }, d: [3] });
    expect(applyMergePatch({ a: 1 }, 'x')).toBe('x');
  });
  it('between two documents is the smallest patch from one to the other', () => {
    const to = withValue('riskScore.threshold', 50);
    const patch = mergePatchBetween(defaults(), to);
    expect(patch).toEqual({ riskScore: { threshold: 50 } });
    expect(applyMergePatch(defaults(), patch)).toEqual(to);
  });
  it('every bound is written down once (no stray entries)', () => {
    const fields = new Set(policyFields().map((f) => f.field.replace(/^riskScore\.weights\..*/, 'riskScore.weights.*')));
    for (const path of Object.keys(POLICY_BOUNDS)) expect(fields.has(path) || fields.has(path.replace(/\.\*$/, '')), path).toBe(true);
  });
});
