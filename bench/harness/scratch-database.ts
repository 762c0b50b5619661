// A PostgreSQL database of its own for each benchmark: created on the server of
// TEST_DATABASE_URL, dropped (connections and all) when the benchmark ends.
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function serverUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

let created = 0;

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `offramp_bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${++created}`;
  await onServer((client) => client.query(`create database ${name}`));
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => onServer((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export async function postgresServerVersion(): Promise<string> {
  try {
    return await onServer(async (client) => (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version);
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  }
}
