// what-if: a policy what-if over a team's recorded history in the event store (PostgreSQL), 1,000
// and 10,000 relationships of about 100 inputs each, against `npm run cli -- simulate` of the same
// inputs from a file in the same run. The what-if replays the history twice (under the active
// policy and under the draft) after reading it from the store; the target is within 1.5× of one
// file simulation.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Benchmark } from '../harness/benchmark';
import { runMeasured } from '../harness/child-process';
import { ratioAtMost, type Figure } from '../harness/figures';
import { requireExports, skip } from '../harness/skip';
import { chunksOf } from '../workload/domain-events';
import { generateHistory } from '../workload/history';
import { writeHistoryFile } from '../workload/history-file';
import { insertSeedEvents, settleStreamVersions } from '../workload/seed-store';

const ROOT = path.resolve(__dirname, '..', '..');
const INPUTS_PER_RELATIONSHIP = 100;

export const whatIfBenchmark: Benchmark = {
  name: 'what-if',
  description: 'policy what-if over a team\'s recorded history in PostgreSQL (1,000 and 10,000 relationships, ~100 inputs each) vs simulating the same inputs from a file',
  async run(context) {
    const domain = await requireExports('the domain', () => import('@offramp/domain'), ['decide', 'evolve', 'parseInput', 'DEFAULT_POLICY', 'documentOf', 'policyFromDocument']);
    const { openSqlEventStore } = await requireExports('the event store', () => import('@offramp/event-store'), ['openSqlEventStore']);
    const { runWhatIf } = await requireExports('the what-if', () => import('@offramp/simulation'), ['runWhatIf']);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'offramp-bench-what-if-'));
    context.defer(() => rm(dir, { recursive: true, force: true }));
    const draft = domain.documentOf(domain.DEFAULT_POLICY);
    draft.riskScore = { ...draft.riskScore, threshold: 45 };
    const candidate = domain.policyFromDocument(draft, 'team-bench/what-if', domain.DEFAULT_POLICY.version);

    const figures: Figure[] = [];
    for (const relationships of [1_000, 10_000]) {
      const perRelationship = context.size(INPUTS_PER_RELATIONSHIP, 10);
      const lines = [...generateHistory({ relationships, lines: relationships * perRelationship, stepMs: 20_000 })];
      const file = path.join(dir, `history-${relationships}.ndjson`);
      await writeHistoryFile(file, lines);

      // The team's recorded history: the same lines decided by the domain, bulk-inserted as facts.
      const database = await context.scratchDatabase();
      const store = await openSqlEventStore({ url: database.url, maxConnections: 4 });
      context.defer(() => store.close());
      context.progress(`${relationships} relationships: recording ${lines.length} inputs in the store`);
      const states = new Map<string, ReturnType<typeof domain.evolve>>();
      const versions = new Map<string, number>();
      const facts = function* () {
        for (const line of lines) {
          const parsed = domain.parseInput(line);
          if (!parsed.ok) continue;
          const decision = domain.decide(states.get(line.relationshipId) ?? null, parsed.input, domain.DEFAULT_POLICY);
          if (decision.outcome !== 'accepted') continue;
          let state = states.get(line.relationshipId) ?? null;
          for (const event of decision.events) {
            state = domain.evolve(state, event);
            const version = (versions.get(line.relationshipId) ?? 0) + 1;
            versions.set(line.relationshipId, version);
            yield { streamId: line.relationshipId, version, event };
          }
          if (state) states.set(line.relationshipId, state);
        }
      };
      for (const chunk of chunksOf(facts(), 5_000)) await insertSeedEvents(store.db, chunk);
      await settleStreamVersions(store.db);
      states.clear();

      context.progress(`${relationships} relationships: simulating the file`);
      const simulated = await runMeasured('npm', ['run', '--silent', 'cli', '--', 'simulate', file], path.join(dir, `out-${relationships}.json`), ROOT);
      if (simulated.code !== 0) skip(`simulate exited with ${simulated.code}: ${simulated.stderrTail.trim().split('\n').pop()}`);

      context.progress(`${relationships} relationships: what-if from the store`);
      const ids = [...versions.keys()].sort();
      const until = new Date(Date.parse(String(lines.at(-1)!.occurredAt)) + 60_000);
      const started = performance.now();
      const result = await runWhatIf({ store, relationshipIds: ids, active: domain.DEFAULT_POLICY, candidate, until });
      const ms = performance.now() - started;
      const note = `${result.inputs} inputs replayed twice, ${result.changed.length} relationships changed; the file simulation includes starting the CLI`;
      context.progress(note);
      figures.push({
        name: `what-if ${relationships.toLocaleString('en-US')} relationships × ${perRelationship} inputs`,
        value: ms / 1000,
        unit: 's',
        baseline: { name: 'simulate the same inputs from a file', value: simulated.ms / 1000 },
        targets: [ratioAtMost(1.5)],
        note,
      });
    }
    return figures;
  },
};
