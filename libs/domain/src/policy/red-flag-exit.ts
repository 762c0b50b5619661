// Rules 7–9: physical abuse, legal risk, and verbal abuse after a warning go straight to notice.
// A red-flag exit waives cooling-off and the receivables guard, allows noticeDays 0 and needs only
// transition_plan and contact_closed of the checklist.
import type { RelationshipState } from '../state';
import type { Judgement } from './warning-signs';

/** True when this sign starts (or turns a served notice into) a red-flag exit. */
export const isRedFlagExit = (s: RelationshipState, j: Judgement): boolean =>
  j.sign?.rule === 7 || (j.sign?.code === 'verbal_abuse' && s.warned);

/** Rule 1: the first verbal abuse warns the client. */
export const warnsClient = (s: RelationshipState, j: Judgement): boolean => j.sign?.code === 'verbal_abuse' && !s.warned;

export const isRedFlagExitInProgress = (s: RelationshipState): boolean => s.notice?.redFlagExit === true;
