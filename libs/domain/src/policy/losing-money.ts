// Rule 4: two closed periods in a row with cost above revenue → at_risk. Rule 5: time logged over
// the monthly budget (calendar month, UTC) weighs as losing_money.
import type { FoldedState } from '../state';
import type { DomainPolicy } from './default-policy';

export const losingPeriodsHold = (s: FoldedState, p: DomainPolicy): boolean => s.losingPeriods.length >= p.losingPeriodsInARow;

export const isLosingPeriod = (data: Record<string, unknown>): boolean => Number(data.cost) > Number(data.revenue);
export const isProfitablePeriod = (data: Record<string, unknown>): boolean => Number(data.revenue) > Number(data.cost);

/** True when this entry leaves the month's hours above the budget. */
export function overBudget(s: FoldedState, occurredAt: string, hours: number): boolean {
  const budget = s.settings.monthlyBudgetHours;
  if (budget === null || !(hours > 0)) return false;
  const month = occurredAt.slice(0, 7);
  const before = s.loggedHours.month === month ? s.loggedHours.hours : 0;
  return before + hours > budget;
}
