// Rule 3: three unanswered messages within 30 days → at_risk. A message is unanswered when no
// reply with its messageId arrives within the relationship's response window (a timer).
import type { FoldedState, PendingMessage } from '../state';
import { HOUR_MS, ms } from '../time';
import type { DomainPolicy } from './default-policy';
import { within } from './windows';

export const replyWindowEndsAt = (s: FoldedState, message: PendingMessage): number =>
  ms(message.sentAt) + s.settings.responseWindowHours * HOUR_MS;

export const unansweredWithin = (s: FoldedState, atMs: number, p: DomainPolicy) =>
  within(s.unansweredMessages, atMs, p.unansweredMessages.windowDays);

export const unansweredHold = (s: FoldedState, atMs: number, p: DomainPolicy): boolean =>
  unansweredWithin(s, atMs, p).length >= p.unansweredMessages.count;
