// Reason codes in the words a team uses (policy.md, "Reasons").
const REASON_WORDS: Record<string, string> = {
  physical_abuse: 'Physical abuse or threats',
  verbal_abuse: 'Verbal abuse or belittling remarks',
  dishonesty: 'Lied to the team',
  unreasonable_demands: 'Unreasonable demands',
  legal_risk: 'Legal risk to the agency',
  late_payments: 'Pays late',
  invoice_disputes: 'Disputes invoices',
  price_pressure: 'Plays us against competitors’ prices',
  scope_changes: 'Keeps changing their mind',
  ignored_advice: 'Ignores our advice',
  rejected_recommendations: 'Rejects our recommendations',
  unanswered_messages: 'Leaves messages unanswered',
  missed_meetings: 'Misses meetings or comes unprepared',
  off_hours_messages: 'Messages outside agreed hours',
  losing_money: 'We are losing money on them',
  negative_feedback: 'Negative or indecisive feedback',
  disrespect: 'Little respect',
  negative_attitude: 'Negative attitude',
  repeat_offender: 'Keeps coming back to at risk',
};

export const reasonInWords = (code: string): string => REASON_WORDS[code] ?? code.replace(/_/g, ' ');
export const REASON_CODES = Object.keys(REASON_WORDS);
