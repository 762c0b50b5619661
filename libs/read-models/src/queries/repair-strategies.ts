// Which repair strategies fit which warning signs (domain.md, "Repair"). The engine does not
// choose a strategy: people do. This only suggests, most fitting first.
import { REPAIR_STRATEGIES, reasonCodeSchema, type ReasonCode } from '@offramp/domain';
import { z } from 'zod';

export type RepairStrategy = (typeof REPAIR_STRATEGIES)[number];

/** Per reason, the strategies that address it, best first. Empty: no repair (a straight exit). */
export const STRATEGIES_FOR_REASON: Readonly<Record<ReasonCode, readonly RepairStrategy[]>> = {
  // Red flags: look at your own part first; the worst ones end the relationship without repair.
  physical_abuse: [],
  legal_risk: [],
  verbal_abuse: ['self_reflection'],
  dishonesty: ['self_reflection'],
  unreasonable_demands: ['self_reflection', 'new_contract'],
  disrespect: ['self_reflection'],
  // Communication commitments broken: a check-in call first (003 §4).
  unanswered_messages: ['check_in_call', 'communication_change'],
  missed_meetings: ['communication_change', 'check_in_call'],
  off_hours_messages: ['communication_change', 'new_contract'],
  // Money: talk economics, or new terms at renewal (003 §7).
  losing_money: ['profitability_talk', 'new_contract'],
  late_payments: ['profitability_talk', 'new_contract'],
  invoice_disputes: ['new_contract', 'profitability_talk'],
  price_pressure: ['profitability_talk', 'new_contract'],
  // Working style.
  scope_changes: ['new_contract', 'communication_change'],
  ignored_advice: ['communication_change', 'self_reflection'],
  rejected_recommendations: ['self_reflection', 'communication_change'],
  negative_feedback: ['self_reflection', 'check_in_call'],
  negative_attitude: ['self_reflection', 'communication_change'],
  // Keeps coming back: a fresh start with new boundaries.
  repeat_offender: ['new_contract', 'self_reflection'],
};

export const suggestedStrategySchema = z.object({ strategy: z.enum(REPAIR_STRATEGIES), forReasons: z.array(reasonCodeSchema) })
  .meta({ id: 'SuggestedStrategy', description: 'A repair strategy that fits, and the reasons it addresses.' });
export type SuggestedStrategy = z.infer<typeof suggestedStrategySchema>;

/** Strategies for a set of reasons: those addressing more reasons first, then by how early a reason ranks them. */
export function suggestRepairStrategies(reasons: readonly ReasonCode[]): SuggestedStrategy[] {
  const found = new Map<RepairStrategy, { forReasons: ReasonCode[]; rank: number }>();
  for (const reason of new Set(reasons)) {
    (STRATEGIES_FOR_REASON[reason] ?? []).forEach((strategy, rank) => {
      const entry = found.get(strategy) ?? { forReasons: [], rank: Number.POSITIVE_INFINITY };
      entry.forReasons.push(reason);
      entry.rank = Math.min(entry.rank, rank);
      found.set(strategy, entry);
    });
  }
  return [...found.entries()]
    .sort(([a, x], [b, y]) => y.forReasons.length - x.forReasons.length || x.rank - y.rank || REPAIR_STRATEGIES.indexOf(a) - REPAIR_STRATEGIES.indexOf(b))
    .map(([strategy, { forReasons }]) => ({ strategy, forReasons }));
}
