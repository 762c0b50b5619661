// Configuration is read from the environment once, at start, and validated: a bad value stops
// the process with a message naming the variable and what is allowed.
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const csv = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));
const positiveInt = z.coerce.number().int().positive();

/** The shortest HS256 secret offramp accepts, for JWT_SECRET and for anything else that signs tokens. */
export const JWT_SECRET_MIN_LENGTH = 32;

/** Every variable offramp reads, with its default. The README's configuration table mirrors this. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  KAFKA_BROKERS: csv.pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1)).optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('offramp'),
  KAFKA_GROUP_ID: z.string().min(1).default('offramp-engine'),
  KAFKA_SIGNALS_TOPIC: z.string().min(1).default('offramp.signals'),
  KAFKA_COMMANDS_TOPIC: z.string().min(1).default('offramp.commands'),
  KAFKA_EVENTS_TOPIC: z.string().min(1).default('offramp.relationship-events'),
  KAFKA_DEAD_LETTER_TOPIC: z.string().min(1).default('offramp.dead-letter'),
  KAFKA_PARTITIONS: positiveInt.default(6),
  KAFKA_COMMAND_AUTH: z.enum(['broker', 'token']).default('broker'),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(10_000),
  KAFKA_STUCK_AFTER_MS: positiveInt.default(60_000),
  KAFKA_CONCURRENT_PARTITIONS: positiveInt.default(2),
  KAFKA_BATCH_SIZE: positiveInt.default(2_000),
  DEAD_LETTER_MAX_BYTES: z.coerce.number().int().min(4096).default(512 * 1024),
  KAFKA_SSL: bool.default(false),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  JWT_SECRET: z.string().min(JWT_SECRET_MIN_LENGTH, `must be at least ${JWT_SECRET_MIN_LENGTH} characters`).optional(),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'a size such as 256kb').default('256kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  TIMER_POLL_MS: positiveInt.default(1000),
  PROJECTION_POLL_MS: positiveInt.default(1_000),
  LEASE_TTL_MS: positiveInt.default(5_000),
  SNAPSHOT_EVERY: positiveInt.default(100),
}).superRefine((env, ctx) => {
  if (env.KAFKA_SASL_MECHANISM && !(env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_SASL_USERNAME'], message: 'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM' });
  }
});

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { url?: string; poolSize: number };
  kafka?: {
    brokers: string[];
    clientId: string;
    groupId: string;
    topics: { signals: string; commands: string; events: string; deadLetter: string };
    partitions: number;
    /**
     * Who a command on Kafka is from: `broker` trusts the envelope's actor (the broker's ACLs decide
     * who may produce); `token` requires a signed bearer token in an `authorization` header.
     */
    commandAuth: 'broker' | 'token';
    /** Consumer session timeout: how soon a restarted process gets its partitions back. */
    sessionTimeoutMs: number;
    /** A partition with lag whose committed offset stays put this long makes /health 503. */
    stuckAfterMs: number;
    /** Input partitions the worker decides at the same time (each one still in order). */
    concurrentPartitions: number;
    /** Most inputs of one partition decided and appended together. */
    batchSize: number;
    ssl: boolean;
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  };
  /** Set from JWT_SECRET; otherwise the embedded default keeps one in DATA_DIR. */
  jwtSecret?: string;
  bodyLimit: string;
  /** Largest dead letter published whole; larger ones are kept in the database and published truncated. */
  deadLetterMaxBytes: number;
  log: { level: string; pretty: boolean };
  timerPollMs: number;
  projectionPollMs: number;
  leaseTtlMs: number;
  snapshotEvery: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? 'environment');
  if (issue.code === 'invalid_value') return `${name}: must be one of ${issue.values.map(String).join(', ')}`;
  return `${name}: ${issue.message}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdout.isTTY)): AppConfig {
  // Empty variables count as unset, as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    kafka: e.KAFKA_BROKERS && {
      brokers: e.KAFKA_BROKERS,
      clientId: e.KAFKA_CLIENT_ID,
      groupId: e.KAFKA_GROUP_ID,
      topics: { signals: e.KAFKA_SIGNALS_TOPIC, commands: e.KAFKA_COMMANDS_TOPIC, events: e.KAFKA_EVENTS_TOPIC, deadLetter: e.KAFKA_DEAD_LETTER_TOPIC },
      partitions: e.KAFKA_PARTITIONS,
      commandAuth: e.KAFKA_COMMAND_AUTH,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
      stuckAfterMs: e.KAFKA_STUCK_AFTER_MS,
      concurrentPartitions: e.KAFKA_CONCURRENT_PARTITIONS,
      batchSize: e.KAFKA_BATCH_SIZE,
      ssl: e.KAFKA_SSL,
      sasl: e.KAFKA_SASL_MECHANISM && { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME!, password: e.KAFKA_SASL_PASSWORD! },
    },
    jwtSecret: e.JWT_SECRET,
    bodyLimit: e.BODY_LIMIT,
    deadLetterMaxBytes: e.DEAD_LETTER_MAX_BYTES,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? isTty },
    timerPollMs: e.TIMER_POLL_MS,
    projectionPollMs: e.PROJECTION_POLL_MS,
    leaseTtlMs: e.LEASE_TTL_MS,
    snapshotEvery: e.SNAPSHOT_EVERY,
  };
}
