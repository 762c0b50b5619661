// One secret signs and checks every token: JWT_SECRET when set, else a random one the embedded
// default keeps in DATA_DIR so tokens survive restarts. The API, the live feed, the worker (Kafka
// commands in token mode) and the CLI all load it here.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface JwtSecretConfig { jwtSecret?: string; dataDir: string }

export const jwtSecretFileOf = (config: JwtSecretConfig): string => path.join(config.dataDir, 'jwt-secret');

export function resolveJwtSecret(config: JwtSecretConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = jwtSecretFileOf(config);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // `wx`: when two processes start at once, the first file wins and both read it.
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readFileSync(file, 'utf8').trim();
  }
}
