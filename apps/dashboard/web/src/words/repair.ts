// Repair strategies and exit checklist steps in plain words (domain.md, "Repair" and "During notice").
const STRATEGY_WORDS: Record<string, string> = {
  self_reflection: 'Self-reflection: check our own part, then plan a conversation',
  communication_change: 'Change how we communicate: another channel, a regular check-in',
  new_contract: 'New contract with new boundaries',
  check_in_call: 'Check-in call about the broken communication commitments',
  profitability_talk: 'Talk about the economics of the relationship',
};
export const STRATEGIES = Object.keys(STRATEGY_WORDS);
export const strategyInWords = (s: string): string => STRATEGY_WORDS[s] ?? s.replace(/_/g, ' ');
export const strategyTitle = (s: string): string => strategyInWords(s).split(':')[0];

const STEP_WORDS: Record<string, string> = {
  deliverables_completed: 'Outstanding deliverables finished or agreed',
  transition_plan: 'Exit or transition plan handed over',
  referral_offered: 'Referral to a better-fitting provider offered',
  refund_settled: 'Refund settled (optional)',
  final_invoice_paid: 'Final invoice paid',
  thanked: 'Thanked them for the work together',
  contact_closed: 'Contact closed',
};
export const CHECKLIST_STEPS = Object.keys(STEP_WORDS);
export const stepInWords = (s: string): string => STEP_WORDS[s] ?? s.replace(/_/g, ' ');

export const TALKING_POINTS = [
  'Call or meet, do not email or text: face to face, or by phone or video for remote work.',
  'Give one reason, short and factual, with no blame.',
  'Stay calm and professional; keep providing excellent service until the end.',
  'Offer a referral to a colleague or a better-fitting provider where one is owed.',
];
