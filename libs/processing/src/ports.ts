// What a tailing processor needs besides the event store: where each handler stands (one
// checkpoint store for every reader of the global order) and, to run in one place among several
// processes, a lease.
import type { Checkpoint, StoredEvent } from '@offramp/runtime';

/**
 * A reader of the global order, named for its checkpoint. `inTransaction` handlers (read models)
 * write a page in the transaction that also moves their checkpoint; `afterPage` handlers (the
 * outbox, the change feed) do work outside the database and the checkpoint moves once it resolved,
 * so a crash repeats at most the page in flight.
 */
export type ProcessorHandler<Tx = unknown> = {
  readonly name: string;
  /** Called on a round that found nothing new for this handler (to retry work held back). */
  idle?(): Promise<void>;
} & (
  | { inTransaction(tx: Tx, events: readonly StoredEvent[]): Promise<void>; afterPage?: never }
  | { afterPage(events: readonly StoredEvent[]): Promise<void>; inTransaction?: never }
);

/**
 * A lease as its holder took it: the term grows each time the lease changes hands, so a holder
 * that lost it (paused past its expiry while another took over) no longer matches.
 */
export interface LeaseFence {
  lease: string;
  owner: string;
  term: number;
}

export interface ProcessorCheckpoints<Tx = unknown> {
  load(name: string): Promise<Checkpoint>;
  /**
   * Moves `names` (one, or several standing at the same place) from `from` to `to`, running `work`
   * in the same transaction when given. False, with `work` rolled back, when another process moved
   * one of them first: its work stands.
   * With a `fence`, also false (nothing written) unless that lease is still held, unexpired, in
   * that term when the move commits; a store without leases ignores it.
   */
  advance(names: string | readonly string[], from: Checkpoint, to: Checkpoint, work?: (tx: Tx) => Promise<void>, fence?: LeaseFence): Promise<boolean>;
  /** Puts `names` back to the beginning, running `work` (emptying their tables) in the same transaction. */
  reset(names: readonly string[], work?: (tx: Tx) => Promise<void>): Promise<void>;
}

/**
 * A named lease held by one owner at a time until it expires; the store's own clock decides, so
 * processes on machines with different clocks agree.
 */
export interface LeaseStore {
  /**
   * Takes the lease when it is free or expired, or renews it when `owner` holds it; the term
   * `owner` holds it in now, or null when someone else does.
   */
  hold(name: string, owner: string, ttlMs: number): Promise<number | null>;
  /** Whether the lease is still held, unexpired, as `fence` says (checked before work outside the database). */
  holds(fence: LeaseFence): Promise<boolean>;
  /** Gives the lease up at once (a clean stop), when `owner` holds it. */
  release(name: string, owner: string): Promise<void>;
}
