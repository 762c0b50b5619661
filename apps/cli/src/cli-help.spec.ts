// Every command answers `--help` with its usage and exit 0, and does nothing else: no output
// files, no database, no machine on stdout in place of the help. Mistakes read alike: exit 2.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from './commands/registry';

const root = path.resolve(__dirname, '../../..');
const entry = path.join(root, 'apps/cli/src/main.ts');

interface Run { code: number; stdout: string; stderr: string }

let cwd: string;
beforeEach(async () => { cwd = await mkdtemp(path.join(tmpdir(), 'offramp-cli-')); });
afterEach(async () => { await rm(cwd, { recursive: true, force: true }); });

/** Runs the CLI in an empty folder, with DATA_DIR inside it, so that any file it writes shows. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules/.bin/tsx'), [entry, ...args], {
      cwd,
      timeout: 60_000,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'), DATA_DIR: path.join(cwd, 'data'), JWT_SECRET: '', DATABASE_URL: '' },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('the command line', { timeout: 60_000 }, () => {
  for (const name of [...Object.keys(commands), 'projections rebuild']) {
    it(`${name} --help prints its usage, exits 0 and writes no file`, async () => {
      const run = await cli(...name.split(' '), '--help');
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^usage: offramp ${name.split(' ')[0]}`));
      expect(run.stdout).toContain('--help');
      expect(await readdir(cwd)).toEqual([]);
    });
  }

  it('an unknown option is refused the same way by every command, exit 2', async () => {
    for (const name of Object.keys(commands)) {
      const run = await cli(name, '--frobnicate');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^offramp ${name}: unknown option --frobnicate\nusage: offramp ${name}`));
    }
    expect(await readdir(cwd)).toEqual([]);
  });

  it('schemas without a folder writes outside the working copy and names where', async () => {
    const run = await cli('schemas');
    expect(run.code).toBe(0);
    const dir = /wrote \d+ schemas to (.+)\n/.exec(run.stderr)?.[1];
    expect(dir && path.isAbsolute(dir) && !dir.startsWith(cwd)).toBe(true);
    expect((await readdir(dir!)).length).toBeGreaterThan(10);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('schemas refuses a folder named like an option, exit 2, and writes nothing', async () => {
    const run = await cli('schemas', '--', '--help');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^offramp schemas: --help looks like an option, not a folder/);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('token refuses a secret shorter than the server accepts', async () => {
    const run = await cli('token', '--sub', 'u', '--team', 't', '--role', 'admin', '--secret', 'short');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--secret must be at least 32 characters');
    expect(run.stdout).toBe('');
  });
});
