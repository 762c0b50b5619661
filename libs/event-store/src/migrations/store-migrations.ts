import type { Migration } from '../database';
import { appendFunction } from './append-function';
import { appendManyFunction } from './append-many-function';
import { appendOneFunction } from './append-one-function';
import { deadLettersPublished } from './dead-letters-published';
import { deadLettersTable } from './dead-letters-table';
import { refusalAudit } from './refusal-audit';
import { signalKeyEncoding } from './signal-key-encoding';

// The store's schema. Never edit a released migration: add the next one.
// Plain SQL that runs on PostgreSQL 15 and on PGlite 0.5 (PostgreSQL 18).

const events: Migration = {
  id: 'event-store/001_events',
  sql: `
    CREATE TABLE streams (
      stream_id text PRIMARY KEY,
      version integer NOT NULL
    );
    CREATE TABLE events (
      global_position bigserial PRIMARY KEY,
      -- Readers of the global order only see transactions older than every running one.
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      event_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
      stream_id text NOT NULL,
      version integer NOT NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_id, version)
    );
    CREATE INDEX events_global_order ON events (transaction_id, global_position);
    CREATE TABLE idempotency_keys (
      key text PRIMARY KEY,
      stream_id text NOT NULL,
      from_version integer NOT NULL,
      to_version integer NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};

const snapshots: Migration = {
  id: 'event-store/002_snapshots',
  sql: `
    CREATE TABLE snapshots (
      stream_id text PRIMARY KEY,
      version integer NOT NULL,
      machine_version text NOT NULL,
      policy_version text NOT NULL,
      state jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};

const refusals: Migration = {
  id: 'event-store/003_refusals',
  sql: `
    CREATE TABLE refusals (
      position bigserial PRIMARY KEY,
      relationship_id text NOT NULL,
      input_kind text NOT NULL,
      input_id text NOT NULL,
      record jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX refusals_by_relationship ON refusals (relationship_id, position);
  `,
};

const timers: Migration = {
  id: 'event-store/004_timers',
  sql: `
    CREATE TABLE timers (
      id text PRIMARY KEY,
      stream_id text NOT NULL,
      relationship_id text NOT NULL,
      type text NOT NULL,
      due_at timestamptz NOT NULL,
      data jsonb NOT NULL,
      lease_until timestamptz,
      attempts integer NOT NULL DEFAULT 0
    );
    CREATE INDEX timers_by_due ON timers (due_at);
    CREATE INDEX timers_by_stream ON timers (stream_id);
  `,
};

const checkpoints: Migration = {
  id: 'event-store/005_checkpoints',
  sql: `
    CREATE TABLE projection_checkpoints (
      name text PRIMARY KEY,
      checkpoint text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};

/** Who runs each processor (read models, outbox) when several processes share the database. */
const leases: Migration = {
  id: 'event-store/010_processor_leases',
  sql: `
    CREATE TABLE processor_leases (
      name text PRIMARY KEY,
      owner text NOT NULL,
      -- Grows each time the lease changes hands.
      term bigint NOT NULL,
      expires_at timestamptz NOT NULL
    );
  `,
};

export const storeMigrations: readonly Migration[] = [
  events, snapshots, refusals, timers, checkpoints, appendFunction, appendManyFunction, signalKeyEncoding, deadLettersTable, leases, refusalAudit,
  deadLettersPublished, appendOneFunction,
];
