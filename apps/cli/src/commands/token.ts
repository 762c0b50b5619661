// `token --sub ID --team TEAM --role ROLE [--secret S] [--expires 30d]`: prints a bearer token for
// the ops API, signed with the configured secret (JWT_SECRET, else the one kept in DATA_DIR).
import { JWT_SECRET_MIN_LENGTH, loadConfig } from '@offramp/config';
import { resolveJwtSecret, signToken } from '@offramp/auth';
import { UsageError, type CliCommand } from './command';
import { parseOptions, type OptionSpecs } from './options';

const ROLES = ['viewer', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expiry = Parameters<typeof signToken>[2];

const options = {
  sub: { type: 'string', value: 'ID', help: 'the person the token names' },
  team: { type: 'string', value: 'TEAM', help: 'the team whose relationships it may see' },
  role: { type: 'string', value: ROLES.join('|'), help: 'what it may do' },
  secret: { type: 'string', value: 'S', help: `sign with this secret (at least ${JWT_SECRET_MIN_LENGTH} characters, as the server requires) instead of JWT_SECRET or DATA_DIR/jwt-secret` },
  expires: { type: 'string', value: 'DURATION', help: 'lifetime such as 12h or 30d', default: '30d' },
} satisfies OptionSpecs;

export const token: CliCommand = {
  usage: 'token --sub ID --team TEAM --role viewer|manager|admin [--secret S] [--expires 30d]',
  options,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, options);
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const { sub, team, role, secret, expires } = values;
    if (!sub || !team || !role) throw new UsageError('--sub, --team and --role are required');
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!/^\d+[smhd]$/.test(expires!)) throw new UsageError('--expires must be a duration such as 12h or 30d');
    if (secret !== undefined && secret.length < JWT_SECRET_MIN_LENGTH) {
      throw new UsageError(`--secret must be at least ${JWT_SECRET_MIN_LENGTH} characters, as the server requires`);
    }
    const key = secret ?? resolveJwtSecret(loadConfig());
    io.stdout.write(`${signToken({ sub, teamId: team, role: role as Role }, key, expires as Expiry)}\n`);
    return 0;
  },
};
