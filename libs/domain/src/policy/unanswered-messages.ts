// Rule 3: three unanswered messages within 30 days → at_risk. A message is unanswered when no
// reply with its messageId arrives within the relationship's response window (a timer).
import type { RelationshipState } from '../state';
import { HOUR_MS } from '../time';
import type { DomainPolicy } from './default-policy';
import { countWithin, within } from './windows';

/**
 * The end of a message's response window, from the relationship's settings (kept with the message),
 * in whole milliseconds as a timer's due time holds it (a window may be a fraction of an hour).
 */
export const replyWindowEndsAt = (s: RelationshipState, sentAt: number): number => Math.trunc(sentAt + s.settings.responseWindowHours * HOUR_MS);

export const unansweredWithin = (s: RelationshipState, atMs: number, p: DomainPolicy) =>
  within(s.unansweredMessages, atMs, p.unansweredMessages.windowDays);

export const unansweredHold = (s: RelationshipState, atMs: number, p: DomainPolicy): boolean =>
  countWithin(s.unansweredMessages, atMs, p.unansweredMessages.windowDays) >= p.unansweredMessages.count;
