// simulate: lines/s and peak memory of `npm run cli -- simulate` on a generated history,
// against a bare Node process that reads and parses the same file (the floor for any simulator).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark } from '../harness/benchmark';
import { runMeasured } from '../harness/child-process';
import type { Figure } from '../harness/figures';
import { skip } from '../harness/skip';
import { generateHistory } from '../workload/history';
import { writeHistoryFile } from '../workload/history-file';

const ROOT = path.resolve(__dirname, '..', '..');

/** Reads the file line by line and parses each line: what every simulator has to do at least. */
const PARSE_ONLY = `
const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0; rl.on('line', (l) => { JSON.parse(l); n++; }); rl.on('close', () => console.log(JSON.stringify({ lines: n })));
`;

const writeHistory = (file: string, relationships: number, lines: number): Promise<void> =>
  writeHistoryFile(file, generateHistory({ relationships, lines }));

export const simulateBenchmark: Benchmark = {
  name: 'simulate',
  description: 'lines/s and peak memory of `npm run cli -- simulate` on a generated history, vs reading and parsing the file',
  async run(context) {
    const lines = context.size(1_000_000, 100_000);
    const relationships = 10_000;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'offramp-bench-simulate-'));
    context.defer(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'history.ndjson');
    context.progress(`writing a history of ${lines} lines over ${relationships} relationships`);
    await writeHistory(file, relationships, lines);
    context.progress(`${((await stat(file)).size / 2 ** 20).toFixed(0)} MiB; parsing it bare`);

    const bare = await runMeasured(process.execPath, ['-e', PARSE_ONLY, file], path.join(dir, 'bare.json'), ROOT);
    if (bare.code !== 0) throw new Error(`the bare parse failed: ${bare.stderrTail}`);

    context.progress('running npm run cli -- simulate');
    const simulated = await runMeasured('npm', ['run', '--silent', 'cli', '--', 'simulate', file], path.join(dir, 'out.json'), ROOT);
    if (simulated.code !== 0) skip(`simulate exited with ${simulated.code}: ${simulated.stderrTail.trim().split('\n').pop()}`);
    const output = JSON.parse(await readFile(path.join(dir, 'out.json'), 'utf8')) as { relationships?: unknown[]; refused?: unknown[] };
    const note = `${output.relationships?.length ?? '?'} relationships listed, ${output.refused?.length ?? '?'} lines refused`;
    context.progress(note);

    const figures: Figure[] = [{
      name: `simulate ${lines.toLocaleString('en-US')} lines, ${relationships.toLocaleString('en-US')} relationships`,
      value: (lines * 1000) / simulated.ms,
      unit: 'lines/s',
      baseline: { name: 'read + JSON.parse only', value: (lines * 1000) / bare.ms },
      note,
    }];
    if (simulated.peakRssMiB !== null) {
      figures.push({ name: 'simulate peak memory', value: simulated.peakRssMiB, unit: 'MiB', baseline: bare.peakRssMiB === null ? undefined : { name: 'read + JSON.parse only', value: bare.peakRssMiB }, note });
    }
    return figures;
  },
};
