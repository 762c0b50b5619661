// `token --sub ID --team TEAM --role ROLE [--secret S] [--expires 30d]`: prints a bearer token for
// the ops API, signed with the configured secret (JWT_SECRET, else the one kept in DATA_DIR).
import { parseArgs } from 'node:util';
import { loadConfig } from '@offramp/config';
import { signToken } from '../../../ops-api/src/auth/caller';
import { resolveJwtSecret } from '../../../ops-api/src/auth/jwt-secret';
import { UsageError, type CliCommand } from './command';

const ROLES = ['viewer', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expiry = Parameters<typeof signToken>[2];

export const token: CliCommand = {
  usage: 'token --sub ID --team TEAM --role viewer|manager|admin [--secret S] [--expires 30d]',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { sub: { type: 'string' }, team: { type: 'string' }, role: { type: 'string' }, secret: { type: 'string' }, expires: { type: 'string', default: '30d' } },
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { sub, team, role, secret, expires } = values;
    if (!sub || !team || !role) throw new UsageError('--sub, --team and --role are required');
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!/^\d+[smhd]$/.test(expires!)) throw new UsageError('--expires must be a duration such as 12h or 30d');
    const key = secret ?? resolveJwtSecret(loadConfig());
    io.stdout.write(`${signToken({ sub, teamId: team, role: role as Role }, key, expires as Expiry)}\n`);
    return 0;
  },
};
