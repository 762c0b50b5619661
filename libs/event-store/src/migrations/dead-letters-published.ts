import type { Migration } from '../database';

// Every dead letter is recorded before it is published, keyed by where its input was read, and
// marked once the broker acknowledged it: a redelivered input finds its letter recorded (published
// or not) and is neither decided again nor dead-lettered twice. Rows kept before were published.
export const deadLettersPublished: Migration = {
  id: 'event-store/012_dead_letters_published',
  sql: `
    ALTER TABLE dead_letters ADD COLUMN published_at timestamptz;
    UPDATE dead_letters SET published_at = recorded_at;
  `,
};
