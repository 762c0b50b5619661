// The README's policy table is the policy objects' own: this fails while they differ.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { README, policyTable, withPolicyTable } from './policy-table';

describe('the README policy table', () => {
  it('is the one generated from the policy objects (npm run policy-table rewrites it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(withPolicyTable(readme)).toBe(readme);
  });

  it('names every default: weights, half-life, thresholds, floors and windows', () => {
    const table = policyTable();
    for (const field of ['riskScore.weights.price_pressure', 'riskScore.countedSignWeights.late_payments', 'riskScore.halfLifeDays', 'riskScore.threshold',
      'riskScore.fadeBelow', 'repetition.minThreshold', 'latePayments.windowDays', 'unansweredMessages.windowDays', 'riskScore.redFlagScore']) {
      expect(table).toContain(`\`${field}\``);
    }
    expect(table).toContain(`${DEFAULT_POLICY.riskScore.halfLifeDays} days`);
  });

  it('changes when a default changes', () => {
    const original = DEFAULT_POLICY.riskScore.halfLifeDays;
    const before = policyTable();
    try {
      DEFAULT_POLICY.riskScore.halfLifeDays = original + 1;
      expect(policyTable()).not.toBe(before);
    } finally {
      DEFAULT_POLICY.riskScore.halfLifeDays = original;
    }
  });
});
