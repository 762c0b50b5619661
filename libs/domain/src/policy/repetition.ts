// Rule 6: an episode is one entry into at_risk from healthy. Each earlier episode within the
// window lowers the score threshold; with at least one, the new episode is a repeat offender.
import type { RelationshipState } from '../state';
import { DAY_MS } from '../time';
import type { DomainPolicy } from './default-policy';

export const earlierEpisodes = (s: RelationshipState, atMs: number, p: DomainPolicy): number[] =>
  s.episodes.filter((e) => e <= atMs && e > atMs - p.repetition.windowDays * DAY_MS);

export function riskThreshold(s: RelationshipState, atMs: number, p: DomainPolicy): number {
  const lowered = p.riskScore.threshold - earlierEpisodes(s, atMs, p).length * p.repetition.thresholdStep;
  return Math.max(Math.min(p.repetition.minThreshold, p.riskScore.threshold), lowered);
}
