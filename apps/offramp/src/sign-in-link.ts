// On the embedded default, the first thing a person needs is a way in: one log line with a
// sign-in link for an admin of the default team.
import type { AppConfig } from '@offramp/config';
import type { Logger } from '@offramp/observability';
import { resolveJwtSecret } from '../../ops-api/src/auth/jwt-secret';
import { signToken } from '../../ops-api/src/auth/caller';
import { signInLink } from '../../dashboard/src/sign-in-link';

export const DEFAULT_TEAM = 'team-default';

export function logSignInLink(config: AppConfig, logger: Logger): void {
  if (config.database.url || config.env === 'production') return;
  const token = signToken({ sub: 'admin', teamId: DEFAULT_TEAM, role: 'admin' }, resolveJwtSecret(config), '12h');
  const url = signInLink(`http://localhost:${config.port}`, token);
  logger.info({ signInUrl: url, teamId: DEFAULT_TEAM, role: 'admin' }, `sign in to the dashboard: ${url}`);
}
