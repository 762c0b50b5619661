import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jwtSecretFileOf, resolveJwtSecret } from './jwt-secret';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'offramp-secret-'));
  dirs.push(dir);
  return path.join(dir, 'data');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the JWT secret', () => {
  it('is JWT_SECRET when configured, and nothing is written', () => {
    const dataDir = freshDir();
    expect(resolveJwtSecret({ jwtSecret: 'configured-secret', dataDir })).toBe('configured-secret');
    expect(() => readFileSync(jwtSecretFileOf({ dataDir }))).toThrow();
  });

  it('is created once in DATA_DIR and the same on every later start', () => {
    const dataDir = freshDir();
    const first = resolveJwtSecret({ dataDir });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveJwtSecret({ dataDir })).toBe(first);
    expect(readFileSync(jwtSecretFileOf({ dataDir }), 'utf8').trim()).toBe(first);
  });
});
