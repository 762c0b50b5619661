import type { Migration } from '../database';

// Dead letters too large for the broker, kept whole: the original value's bytes exactly (bytea, so
// invalid UTF-8 and NUL survive), the dead letter as JSON, and its size and hash, which the
// truncated copy on the dead-letter topic carries with this row's id. One row per input message.
export const deadLettersTable: Migration = {
  id: 'event-store/009_dead_letters',
  sql: `
    CREATE TABLE dead_letters (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" text NOT NULL,
      code text NOT NULL,
      key bytea,
      value bytea,
      letter bytea NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (topic, partition, "offset")
    );
  `,
};
