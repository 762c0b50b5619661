// Rules 17–18: the exit checklist. referral_offered is owed unless the client was ever abusive or
// disrespectful; a red-flag exit needs only transition_plan and contact_closed (rule 9).
import type { RelationshipState } from '../state';
import { ms } from '../time';

const FULL = ['deliverables_completed', 'transition_plan', 'final_invoice_paid', 'thanked', 'contact_closed'] as const;
const RED_FLAG = ['transition_plan', 'contact_closed'] as const;

export function requiredSteps(s: RelationshipState): string[] {
  if (s.notice?.redFlagExit) return [...RED_FLAG];
  return s.everAbusive ? [...FULL] : [...FULL, 'referral_offered'];
}

/** Required steps neither completed nor waived. */
export function openSteps(s: RelationshipState): string[] {
  const done = new Set([...(s.notice?.stepsCompleted ?? []), ...(s.notice?.stepsWaived ?? [])]);
  return requiredSteps(s).filter((step) => !done.has(step));
}

export const noticeHasEnded = (s: RelationshipState, atMs: number): boolean =>
  s.notice?.endsAt != null && atMs >= ms(s.notice.endsAt);

/** Rule 18: offboarded once the notice period has ended and every required step is complete. */
export const readyToOffboard = (s: RelationshipState, atMs: number): boolean =>
  s.lifecycle === 'notice' && s.phase === 'served' && noticeHasEnded(s, atMs) && openSteps(s).length === 0;
