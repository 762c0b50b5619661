// `npm run cli -- token`: a token the API accepts, signed with the configured secret, both taken
// from libs/auth (the CLI, the API, the live feed and the worker share them).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticate, resolveJwtSecret, verifyToken } from '@offramp/auth';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'offramp-token-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}) =>
  run('npx', ['tsx', 'apps/cli/src/main.ts', 'token', ...args], { cwd: root, env: { ...process.env, JWT_SECRET: '', DATA_DIR: dataDir, ...env } });

describe('the token command', () => {
  it('signs with the secret the embedded default keeps in DATA_DIR', async () => {
    const { stdout } = await cli(['--sub', 'u-mia', '--team', 'team-north', '--role', 'admin']);
    expect(verifyToken(stdout.trim(), resolveJwtSecret({ dataDir }))).toEqual({ id: 'u-mia', teamId: 'team-north', role: 'admin' });
  });

  it('prints a token libs/auth authenticates as the bearer of a request', async () => {
    const { stdout } = await cli(['--sub', 'u-ola', '--team', 'team-north', '--role', 'viewer', '--expires', '1h']);
    expect(authenticate({ authorization: `Bearer ${stdout.trim()}` }, resolveJwtSecret({ dataDir })))
      .toEqual({ ok: true, caller: { id: 'u-ola', teamId: 'team-north', role: 'viewer' } });
  });

  it('signs with JWT_SECRET when it is set, or with --secret', async () => {
    const secret = 'a-configured-secret-of-at-least-32-chars';
    const flagSecret = 'a-secret-given-on-the-command-line-0123';
    const fromEnv = (await cli(['--sub', 'u', '--team', 't', '--role', 'viewer'], { JWT_SECRET: secret })).stdout.trim();
    expect(verifyToken(fromEnv, secret)).toMatchObject({ role: 'viewer' });
    const fromFlag = (await cli(['--sub', 'u', '--team', 't', '--role', 'manager', '--secret', flagSecret])).stdout.trim();
    expect(verifyToken(fromFlag, flagSecret)).toMatchObject({ role: 'manager' });
  });

  it('refuses an unknown role with its usage (exit 2)', async () => {
    await expect(cli(['--sub', 'u', '--team', 't', '--role', 'owner'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--role must be one of') });
  });
});
