// What-if: a team's recorded history replayed under its active policy and under a candidate, on
// the in-memory store, never touching the team's streams; the answer is the policy diff.
import type { Policy } from '@offramp/domain';
import type { EventStore } from '@offramp/runtime';
import { diffPolicies, type PolicyDiff } from './policy-diff';
import { recordedHistory } from './recorded-history';

export interface WhatIfProgress {
  phase: 'reading' | 'replaying' | 'done';
  /** Relationships read, then records replayed. */
  done: number;
  total: number;
}

export interface WhatIfRequest {
  store: Pick<EventStore, 'readStream' | 'readRefusals'>;
  relationshipIds: readonly string[];
  active: Policy;
  candidate: Policy;
  /** "Now": the replay's clock runs to here, so timers due by now fire under each policy. */
  until: Date;
  onProgress?: (progress: WhatIfProgress) => void;
}

export interface WhatIfResult extends PolicyDiff {
  asOf: string;
  /** Recorded inputs replayed. */
  inputs: number;
}

export async function runWhatIf(request: WhatIfRequest): Promise<WhatIfResult> {
  const { onProgress } = request;
  const records = await recordedHistory(request.store, request.relationshipIds, (p) => onProgress?.({ phase: 'reading', done: p.read, total: p.total }));
  const diff = await diffPolicies(records, {
    before: request.active, after: request.candidate, until: request.until, total: records.length, yieldEvery: 200,
    onProgress: (p) => onProgress?.({ phase: 'replaying', done: p.done, total: p.total }),
  });
  onProgress?.({ phase: 'done', done: records.length, total: records.length });
  return { ...diff, asOf: request.until.toISOString(), inputs: records.length };
}
