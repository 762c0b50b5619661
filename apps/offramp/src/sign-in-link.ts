// On the embedded default, the first thing a person needs is a way in: a sign-in link for an admin
// of the default team. A link is a credential, so it never goes into the JSON logs (aggregators
// keep those): it is printed on the terminal when there is one, and always written, readable by
// this user only, to DATA_DIR/sign-in-url; the log says only where.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@offramp/config';
import type { Logger } from '@offramp/observability';
import { resolveJwtSecret, signToken } from '@offramp/auth';
import { signInLink } from '../../dashboard/src/sign-in-link';

export const DEFAULT_TEAM = 'team-default';

export const signInFileOf = (config: Pick<AppConfig, 'dataDir'>): string => path.join(config.dataDir, 'sign-in-url');

export function announceSignInLink(config: AppConfig, logger: Logger, terminal: { isTTY?: boolean; write(text: string): unknown } = process.stderr): void {
  if (config.database.url || config.env === 'production') return;
  const token = signToken({ sub: 'admin', teamId: DEFAULT_TEAM, role: 'admin' }, resolveJwtSecret(config), '12h');
  const url = signInLink(`http://localhost:${config.port}`, token);
  const file = signInFileOf(config);
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, `${url}\n`, { mode: 0o600 });
  if (terminal.isTTY) terminal.write(`\n  Sign in to the dashboard (admin of ${DEFAULT_TEAM}, 12 h):\n  ${url}\n\n`);
  logger.info({ signInFile: file, teamId: DEFAULT_TEAM, role: 'admin' }, `a sign-in link for an admin of ${DEFAULT_TEAM} is in ${file}`);
}
