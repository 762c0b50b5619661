// What-if on a team of 1,000 relationships on PostgreSQL: the team's recorded history replayed under
// its active policy and under a draft names exactly the relationships whose outcome changes, as
// `simulate --policy` finds running the same history file under each policy file; and the team's
// streams are byte-identical before and after.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, documentOf, policyFromDocument, type RelationshipView } from '@offramp/domain';
import { runWhatIf, type WhatIfResult } from '@offramp/simulation';
import { generateHistory, type HistoryLine } from '../../../bench/workload/history';
import { startTestProduct, type TestProduct } from '../read-models/product';

const ROOT = path.resolve(__dirname, '../../..');
const TEAM = 'team-bench';
const RELATIONSHIPS = 1_000;
const LINES = 10_000;

/** The bench's generated history, with a repair started now and then: refused unless the client is at risk. */
function history(): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const line of generateHistory({ relationships: RELATIONSHIPS, lines: LINES })) {
    lines.push(line);
    if (line.kind === 'signal' && lines.length % 40 === 0) {
      lines.push({
        kind: 'command', id: `repair-${lines.length}`, type: 'repair.start', relationshipId: line.relationshipId, issuedAt: line.occurredAt,
        actor: { id: 'u-bench', teamId: TEAM, role: 'manager' }, data: { strategy: 'honest_conversation', ownerId: 'u-bench', reviewOn: '2025-12-31' },
      });
    }
  }
  return lines;
}

/** The draft: acts earlier on the score and on late payments. */
function draftDocument() {
  const document = documentOf(DEFAULT_POLICY);
  document.riskScore = { ...document.riskScore, threshold: 21, fadeBelow: 10 };
  document.repetition = { ...document.repetition, minThreshold: 10 };
  document.latePayments = { ...document.latePayments, count: 2 };
  return document;
}

function cli(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, timeout: 300_000, maxBuffer: 1 << 28 }, (error, stdout, stderr) =>
      (error ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(stdout)));
  });
}

const outcomeOf = (v: RelationshipView) => ({ state: v.state, phase: v.phase, reasonCodes: [...new Set(v.reasons.map((r) => r.code))].sort() });

describe('what-if on a team of 1,000 relationships', () => {
  let product: TestProduct;
  let dir: string;
  let ids: string[];
  let recordedBefore: string;
  let result: WhatIfResult;
  let until: string;
  const lines = history();

  const recorded = async () => {
    const streams = [];
    for (const id of ids) streams.push([await product.store.readStream(id), await product.store.readRefusals(id)]);
    const timers = await product.db.query('SELECT * FROM timers ORDER BY id');
    const total = await product.db.query('SELECT count(*)::int AS n, max(global_position)::text AS last FROM events');
    return JSON.stringify({ streams, timers: timers.rows, total: total.rows });
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'offramp-what-if-'));
    product = await startTestProduct('what_if');
    for (let i = 0; i < lines.length; i += 500) await product.engine.handleBatch(lines.slice(i, i + 500));
    until = new Date(Date.parse(String(lines.at(-1)!.occurredAt ?? lines.at(-1)!.issuedAt)) + 2 * 86_400_000).toISOString();
    product.clock.set(until);
    ids = lines.filter((l) => l.type === 'relationship.open').map((l) => l.relationshipId).sort();
    recordedBefore = await recorded();
    result = await runWhatIf({
      store: product.store, relationshipIds: ids, active: await product.policies.policyFor(TEAM),
      candidate: policyFromDocument(draftDocument(), `${TEAM}/what-if`, DEFAULT_POLICY.version), until: product.clock.now(),
    });
  }, 900_000);

  afterAll(async () => {
    await product?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('replays every recorded signal and command of the team', () => {
    expect(ids).toHaveLength(RELATIONSHIPS);
    expect(result.inputs).toBe(lines.length);
    expect(result.asOf).toBe(until);
  });

  it('names exactly the relationships whose outcome changes, as simulating the file under each policy finds', { timeout: 600_000 }, async () => {
    const file = path.join(dir, 'history.ndjson');
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await writeFile(path.join(dir, 'active.json'), JSON.stringify(documentOf(DEFAULT_POLICY)));
    await writeFile(path.join(dir, 'draft.json'), JSON.stringify(draftDocument()));
    const [before, after] = await Promise.all(['active', 'draft'].map(async (name) =>
      (JSON.parse(await cli('simulate', file, '--policy', path.join(dir, `${name}.json`), '--until', until)) as { relationships: RelationshipView[] }).relationships));
    const afterById = new Map(after!.map((v) => [v.relationshipId, v]));
    const expected = before!.flatMap((b) => {
      const a = afterById.get(b.relationshipId)!;
      return JSON.stringify(outcomeOf(a)) === JSON.stringify(outcomeOf(b)) ? [] : [{ relationshipId: b.relationshipId, before: outcomeOf(b), after: outcomeOf(a) }];
    });
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(RELATIONSHIPS);
    expect(result.changed.map(({ relationshipId, before, after }) => ({ relationshipId, before, after }))).toEqual(expected);
    expect(result.unchanged).toBe(RELATIONSHIPS - expected.length);
  });

  it('says for each when it would have entered at_risk', () => {
    const newly = result.changed.filter((c) => c.after.state === 'at_risk' && c.before.state === 'healthy');
    expect(newly.length).toBeGreaterThan(0);
    for (const c of newly) expect(c.atRiskMoments.after.some((m) => m.change === 'entered')).toBe(true);
  });

  it('never writes to the team\'s streams', async () => {
    expect(await recorded()).toBe(recordedBefore);
  });
});
