// What a policy change would have done: the same history run in event time under two policies,
// side by side, through the same engine on the in-memory store. A relationship is changed when its
// state, phase or reasons now differ; for each, the moments it entered and left at_risk under each.
import type { Policy, RelationshipView } from '@offramp/domain';
import { HistorySimulation, type AtRiskMoment } from './history-simulation';

export interface Outcome { state: string; phase: string | null; reasonCodes: string[] }

/** How the first entry into at_risk moves: earlier, later, the same, not at all (only before), newly (only after), or never. */
export type AtRiskShift = 'earlier' | 'later' | 'same' | 'not_at_all' | 'newly' | 'never';

export interface ChangedRelationship {
  relationshipId: string;
  before: Outcome;
  after: Outcome;
  atRiskMoments: { before: AtRiskMoment[]; after: AtRiskMoment[]; firstEntry: AtRiskShift };
}

export interface PolicyDiff {
  changed: ChangedRelationship[];
  unchanged: number;
}

export interface DiffProgress { done: number; total: number }

export interface DiffOptions {
  before: Policy;
  after: Policy;
  /** The clock runs to here at the end (timers due up to it fire); else it stops at the last record. */
  until?: Date;
  /** The number of records, when known, for progress. */
  total?: number;
  onProgress?: (p: DiffProgress) => void;
  /** Lets other work run every this many records (a service answering requests meanwhile). */
  yieldEvery?: number;
}

const outcomeOf = (view: RelationshipView): Outcome =>
  ({ state: view.state, phase: view.phase, reasonCodes: [...new Set(view.reasons.map((r) => r.code))].sort() });

const sameOutcome = (a: Outcome, b: Outcome) =>
  a.state === b.state && a.phase === b.phase && a.reasonCodes.join() === b.reasonCodes.join();

function shiftOf(before: AtRiskMoment[], after: AtRiskMoment[]): AtRiskShift {
  const first = (moments: AtRiskMoment[]) => moments.find((m) => m.change === 'entered')?.at;
  const b = first(before);
  const a = first(after);
  if (b === undefined) return a === undefined ? 'never' : 'newly';
  if (a === undefined) return 'not_at_all';
  const d = Date.parse(a) - Date.parse(b);
  return d < 0 ? 'earlier' : d > 0 ? 'later' : 'same';
}

const PROGRESS_EVERY = 1_000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the records under both policies in one pass and compares where each relationship ends. */
export async function diffPolicies(records: Iterable<unknown> | AsyncIterable<unknown>, options: DiffOptions): Promise<PolicyDiff> {
  const simulations = [options.before, options.after].map((policy) => new HistorySimulation({ policy, until: options.until, atRiskMoments: true }));
  const [before, after] = simulations as [HistorySimulation, HistorySimulation];
  let line = 0;
  for await (const record of records) {
    line += 1;
    await before.apply(record, line);
    await after.apply(record, line);
    if (line % PROGRESS_EVERY === 0) options.onProgress?.({ done: line, total: options.total ?? line });
    if (options.yieldEvery && line % options.yieldEvery === 0) await pause();
  }
  const [was, would] = [await before.finish(), await after.finish()];
  options.onProgress?.({ done: line, total: options.total ?? line });
  return compare(was.relationships, would.relationships, before, after);
}

function compare(was: RelationshipView[], would: RelationshipView[], before: HistorySimulation, after: HistorySimulation): PolicyDiff {
  const afterById = new Map(would.map((v) => [v.relationshipId, v]));
  const ids = [...new Set([...was.map((v) => v.relationshipId), ...would.map((v) => v.relationshipId)])].sort();
  const beforeById = new Map(was.map((v) => [v.relationshipId, v]));
  const changed: ChangedRelationship[] = [];
  for (const id of ids) {
    const b = beforeById.get(id);
    const a = afterById.get(id);
    if (!b || !a) continue;
    const [ob, oa] = [outcomeOf(b), outcomeOf(a)];
    if (sameOutcome(ob, oa)) continue;
    const moments = { before: before.atRiskMoments(id), after: after.atRiskMoments(id) };
    changed.push({ relationshipId: id, before: ob, after: oa, atRiskMoments: { ...moments, firstEntry: shiftOf(moments.before, moments.after) } });
  }
  return { changed, unchanged: ids.length - changed.length };
}
