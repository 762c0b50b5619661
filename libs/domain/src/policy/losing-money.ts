// Rule 4: two closed periods in a row with cost above revenue → at_risk. Rule 5: time logged over
// the monthly budget (calendar month, UTC) weighs as losing_money; rule 28: once a month, at the
// entry that crosses the budget, the month being the UTC month of the instant.
import type { RelationshipState } from '../state';
import { dayOf } from '../time';
import type { DomainPolicy } from './default-policy';

export const losingPeriodsHold = (s: RelationshipState, p: DomainPolicy): boolean => s.losingPeriods.length >= p.losingPeriodsInARow;

/** A closed period's figures (the `period.closed` signal's data). */
interface PeriodFigures { revenue: number; cost: number }

export const isLosingPeriod = (period: PeriodFigures): boolean => period.cost > period.revenue;
export const isProfitablePeriod = (period: PeriodFigures): boolean => period.revenue > period.cost;

/** The calendar month (UTC) of an instant, `YYYY-MM`, as the hours ledger keys it. */
export const monthOf = (atMs: number): string => dayOf(atMs).slice(0, 7);

/** True when this entry weighs: it leaves the month's hours above the budget (v2: and they were not above it before). */
export function overBudget(s: RelationshipState, atMs: number, hours: number, p: DomainPolicy): boolean {
  const budget = s.settings.monthlyBudgetHours;
  if (budget === null || !(hours > 0)) return false;
  const month = monthOf(atMs);
  const before = s.loggedHours.month === month ? s.loggedHours.hours : 0;
  return before + hours > budget && !(p.overBudget.oncePerMonth && before > budget);
}
