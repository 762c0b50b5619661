import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, march, opened, signal } from '../../../../libs/runtime/src/testing/history';

const root = path.resolve(__dirname, '../../../..');

interface Run { code: number; stdout: string; stderr: string }

function simulate(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'apps/cli/src/main.ts', 'simulate', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
const history = async (name: string, lines: unknown[]): Promise<string> => {
  const file = path.join(dir, name);
  await writeFile(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
};

beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'offramp-simulate-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

// Three messages left unanswered: their 48 h reply windows end on the 5th, 7th and 11th.
const unanswered = [
  opened('acme'),
  opened('basalt'),
  ...[3, 5, 9].map((day, i) => signal('acme', 'message.sent', march(day), { messageId: `m-${i}`, channel: 'email' })),
];

describe('simulate FILE', { timeout: 60_000 }, () => {
  it('fires timers between records in event time, the same way every run', async () => {
    const file = await history('timers.ndjson', [...unanswered, '', signal('basalt', 'meeting.held', march(12), { prepared: true })]);
    const [first, second] = [await simulate(file), await simulate(file)];
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const out = JSON.parse(first.stdout);
    expect(out.relationships.map((r: { relationshipId: string }) => r.relationshipId)).toEqual(['acme', 'basalt']);
    expect(out.relationships[0].state).toBe('at_risk');
    expect(out.relationships[0].reasons.map((r: { code: string }) => r.code)).toContain('unanswered_messages');
    expect(out.refused).toEqual([]);
  });

  it('stops the clock at the last record without --until', async () => {
    const out = JSON.parse((await simulate(await history('no-until.ndjson', unanswered))).stdout);
    expect(out.relationships[0]).toMatchObject({ relationshipId: 'acme', state: 'healthy', reasons: [] });
  });

  it('with --until, fires timers up to it and leaves later records out', async () => {
    const later = command('acme', 'termination.propose', march(20), { reason: 'Misfit.' });
    const file = await history('until.ndjson', [...unanswered, later]);
    const before = JSON.parse((await simulate(file, '--until', '2026-03-11T09:59:00Z')).stdout);
    expect(before.relationships[0].state).toBe('healthy');
    const after = JSON.parse((await simulate(file, '--until', '2026-03-12T00:00:00Z')).stdout);
    expect(after.relationships[0].state).toBe('at_risk');
  });

  it('reports refused lines with their line number and id, in line order', async () => {
    const file = await history('refused.ndjson', [
      opened('acme'),
      '',
      { ...signal('acme', 'invoice.paid', march(3)), id: 'pay-1' },
      command('ghost', 'termination.propose', march(4), { reason: 'Misfit.' }, { id: 'ops-ghost' }),
      '[1, 2]',
    ]);
    const out = JSON.parse((await simulate(file)).stdout);
    expect(out.refused.map((r: { line: number; id: string | null; code: string }) => [r.line, r.id, r.code])).toEqual([
      [3, 'pay-1', 'invalid_signal'], [4, 'ops-ghost', 'not_found'], [5, null, expect.stringMatching(/^invalid_/)],
    ]);
  });

  it('fails, naming the line, when a line is not JSON', async () => {
    const run = await simulate(await history('broken.ndjson', [opened('acme'), '', '{"kind": "signal",']));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/line 3/);
    expect(run.stdout).toBe('');
  });

  it('fails when the file cannot be read', async () => {
    const run = await simulate(path.join(dir, 'missing.ndjson'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/cannot read/);
  });
});
