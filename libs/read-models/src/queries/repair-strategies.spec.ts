import { describe, expect, it } from 'vitest';
import { REASON_CODES, REPAIR_STRATEGIES } from '@offramp/domain';
import { STRATEGIES_FOR_REASON, suggestRepairStrategies } from './repair-strategies';

const strategiesFor = (...reasons: Parameters<typeof suggestRepairStrategies>[0]) => suggestRepairStrategies(reasons).map((s) => s.strategy);

describe('suggested repair strategies', () => {
  it('suggests a check-in call first when messages go unanswered', () =>
    expect(strategiesFor('unanswered_messages')).toEqual(['check_in_call', 'communication_change']));

  it('suggests a profitability talk when the agency loses money', () =>
    expect(strategiesFor('losing_money')[0]).toBe('profitability_talk'));

  it('suggests self-reflection for red flags that allow a repair', () => {
    for (const redFlag of ['verbal_abuse', 'dishonesty', 'unreasonable_demands'] as const) expect(strategiesFor(redFlag)[0]).toBe('self_reflection');
  });

  it('suggests nothing for signs that end the relationship at once', () =>
    expect(strategiesFor('physical_abuse', 'legal_risk')).toEqual([]));

  it('ranks first the strategy that addresses the most reasons, and says which', () => {
    const suggestions = suggestRepairStrategies(['late_payments', 'scope_changes', 'losing_money']);
    expect(suggestions[0]).toEqual({ strategy: 'new_contract', forReasons: ['late_payments', 'scope_changes', 'losing_money'] });
    expect(suggestions.map((s) => s.strategy)).toEqual(['new_contract', 'profitability_talk', 'communication_change']);
  });

  it('counts a reason once however often it is listed', () =>
    expect(suggestRepairStrategies(['missed_meetings', 'missed_meetings'])[0]!.forReasons).toEqual(['missed_meetings']));

  it('covers every reason code with known strategies only', () => {
    for (const code of REASON_CODES) {
      expect(STRATEGIES_FOR_REASON[code]).toBeDefined();
      for (const s of STRATEGIES_FOR_REASON[code]) expect(REPAIR_STRATEGIES).toContain(s);
    }
  });
});
