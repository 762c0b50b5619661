// A projection folds the global event order into read-model tables. The runner calls
// `apply` inside the transaction that also moves its checkpoint, so a crash never skips
// or doubles an event's effect.
import type { Migration, Sql } from '@offramp/event-store';
import type { StoredEvent } from '@offramp/runtime';

export interface Projection {
  /** Unique; names its checkpoint. */
  readonly name: string;
  /** Read models it keeps together in one checkpoint (they share state): rebuilt by its name or any of these. */
  readonly includes?: readonly string[];
  /** Tables it owns: emptied when it is rebuilt from zero. */
  readonly tables: readonly string[];
  /** Its schema, applied at start with the store's migrations. */
  readonly migrations: readonly Migration[];
  apply(tx: Sql, events: readonly StoredEvent[]): Promise<void>;
}
