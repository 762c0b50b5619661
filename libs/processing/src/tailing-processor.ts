// The one loop every reader of the global order runs in: read models, the outbox publisher and
// the dashboard's change feed are its handlers. It reads a page per distinct checkpoint (handlers
// standing at the same place share one read), hands it to each handler (the transactional ones in
// one transaction that moves all their checkpoints: one commit per page, not one per read model),
// and sleeps until the store says something was appended (in this process, or in another one by
// the database's notification), polling only as a fallback. Failures back off exponentially; one
// failing handler does not hold the others back. With a lease, only the process holding it runs
// the handlers; the others stand by and take over once it lapses. Its checkpoint moves are fenced
// by the lease's term, so a holder paused past its expiry cannot move them once it wakes.
import { randomUUID } from 'node:crypto';
import type { AppendedCause, Checkpoint, EventStore, StoredEvent } from '@offramp/runtime';
import type { LeaseFence, LeaseStore, ProcessorCheckpoints, ProcessorHandler } from './ports';

export interface ProcessorLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ProcessorLease {
  store: LeaseStore;
  /** Who holds it; unique per process by default. */
  owner?: string;
  /** How long a holder that stopped renewing keeps it (a standby takes over after this). */
  ttlMs?: number;
}

export interface TailingProcessorOptions<Tx> {
  /** Names the processor and its lease; each handler names its own checkpoint. */
  name: string;
  source: Pick<EventStore, 'readAll'> & Partial<Pick<EventStore, 'onAppended'>>;
  checkpoints: ProcessorCheckpoints<Tx>;
  handlers: readonly ProcessorHandler<Tx>[];
  /** Events per page. */
  batchSize?: number;
  /** Fallback poll when no append signal arrives. */
  pollMs?: number;
  /** Longest pause after repeated failures. */
  maxBackoffMs?: number;
  lease?: ProcessorLease;
  logger?: ProcessorLogger;
}

/** Why the loop woke up: an append signal (by its cause) or its fallback poll. */
export type WakeCause = AppendedCause | 'poll';

export interface ProcessorStats {
  wakeUps: Record<WakeCause, number>;
  /** Times this process took the lease, and times it lost it (lapsed without a clean stop). */
  leaseTaken: number;
  leaseLost: number;
  holdsLease: boolean;
}

interface Page { events: StoredEvent[]; checkpoint: Checkpoint }

/** One round: events applied summed over handlers, and events in the pages that were applied. */
export interface Round { applied: number; read: number }

/**
 * After a signal the appended events may not be readable yet: the gap-free reader waits until
 * every older transaction on the whole server has ended, which on a busy server can take a while.
 * So a signal that found nothing is followed by re-reads, quick at first, then every
 * SETTLE_MAX_MS, until they find something or the fallback poll would have come anyway.
 */
const SETTLE_FIRST_MS = 2;
const SETTLE_MAX_MS = 100;

export class TailingProcessor<Tx = unknown> {
  readonly name: string;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;
  private readonly leaseOwner: string;
  private readonly leaseTtlMs: number;
  private readonly stats_: ProcessorStats = {
    wakeUps: { local: 0, notification: 0, reconnect: 0, poll: 0 }, leaseTaken: 0, leaseLost: 0, holdsLease: false,
  };
  private loop: Promise<void> | null = null;
  private stopping = false;
  private signalled = false;
  /** Ends the current sleep: `force` (stopping, the lease taken) ends any sleep, a signal only a wakeable one. */
  private wake: ((cause: WakeCause, force?: boolean) => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  /** The term this process holds the lease in, while it holds it. */
  private leaseTerm: number | null = null;
  /** Each handler's checkpoint as this processor last read or moved it. */
  private readonly positions = new Map<string, Checkpoint>();

  constructor(private readonly options: TailingProcessorOptions<Tx>) {
    const names = options.handlers.map((h) => h.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) throw new Error(`two handlers are named ${repeated}`);
    this.name = options.name;
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.leaseOwner = options.lease?.owner ?? `${process.pid}:${randomUUID()}`;
    this.leaseTtlMs = options.lease?.ttlMs ?? 5_000;
  }

  get handlers(): readonly ProcessorHandler<Tx>[] { return this.options.handlers; }
  get isRunning(): boolean { return this.loop !== null; }
  /** Wake-ups by cause and lease changes so far: what tests and metrics count instead of timing. */
  get stats(): ProcessorStats { return { ...this.stats_, wakeUps: { ...this.stats_.wakeUps } }; }

  /** Tails in the background until `stop`, woken by the store's append signal. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribe = this.options.source.onAppended?.((cause) => this.signal(cause)) ?? null;
    if (this.options.lease) {
      // Renewed on its own timer, so a holder sleeping until the next append keeps it.
      this.leaseTimer = setInterval(() => void this.renewLease(), Math.max(50, Math.floor(this.leaseTtlMs / 3)));
      this.leaseTimer.unref();
    }
    this.loop = this.tail();
  }

  /** Reads now instead of at the next poll. */
  nudge(cause: AppendedCause = 'local'): void {
    this.signal(cause);
  }

  /** Lets the round in flight finish, then gives the lease up so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = null;
    this.wake?.('poll', true);
    await this.loop;
    this.loop = null;
    await this.renewing;
    if (this.stats_.holdsLease && this.options.lease) {
      this.stats_.holdsLease = false;
      await this.options.lease.store.release(this.name, this.leaseOwner).catch(() => undefined);
    }
  }

  /** One page for each handler. */
  async runOnce(handlers: readonly ProcessorHandler<Tx>[] = this.options.handlers, batchSize = this.batchSize): Promise<Round> {
    return this.round(handlers, batchSize);
  }

  /** Everything readable now; the events applied, summed over handlers. */
  async catchUp(handlers: readonly ProcessorHandler<Tx>[] = this.options.handlers, batchSize = this.batchSize): Promise<number> {
    let applied = 0;
    for (let r = await this.round(handlers, batchSize); r.applied > 0; r = await this.round(handlers, batchSize)) applied += r.applied;
    return applied;
  }

  checkpointOf(name: string): Promise<Checkpoint> {
    return this.options.checkpoints.load(name);
  }

  private signal(cause: WakeCause): void {
    this.stats_.wakeUps[cause] += 1;
    this.signalled = true;
    this.wake?.(cause);
  }

  private async tail(): Promise<void> {
    let failures = 0;
    /** While re-reading after a signal: when to give up, and the next pause. */
    let settleUntil = 0;
    let settleMs = SETTLE_FIRST_MS;
    const settleFrom = () => {
      settleUntil = Date.now() + this.pollMs;
      settleMs = SETTLE_FIRST_MS;
    };
    while (!this.stopping) {
      if (this.options.lease && !this.stats_.holdsLease) {
        // Standing by: the lease timer wakes this sleep when it takes the lease.
        if (!this.renewing) await this.renewLease();
        if (!this.stats_.holdsLease) await this.sleep(this.leaseTtlMs, false);
        continue;
      }
      this.signalled = false;
      let applied = 0;
      try {
        applied = (await this.round(this.options.handlers, this.batchSize)).applied;
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger?.warn({ err: error, failures, processor: this.name }, 'processing failed; retrying');
      }
      if (this.stopping) break;
      if (failures > 0) {
        await this.sleep(Math.min(this.pollMs * 2 ** (failures - 1), this.maxBackoffMs), false);
      } else if (this.signalled) {
        settleFrom();
      } else if (applied > 0) {
        settleUntil = 0;
      } else if (Date.now() < settleUntil) {
        await this.sleep(settleMs, false);
        settleMs = Math.min(settleMs * 2, SETTLE_MAX_MS);
      } else if ((await this.sleep(this.pollMs, true)) !== 'poll') {
        settleFrom();
      }
    }
  }

  /** Sleeps `ms`, or until an append signal when `wakeable`; resolves with what ended it. */
  private sleep(ms: number, wakeable: boolean): Promise<WakeCause> {
    return new Promise<WakeCause>((resolve) => {
      const timer = setTimeout(() => done('poll'), ms);
      const done = (cause: WakeCause) => {
        clearTimeout(timer);
        this.wake = null;
        resolve(cause);
      };
      this.wake = (cause, force = false) => { if (wakeable || force) done(cause); };
    }).then((cause) => {
      if (cause === 'poll' && wakeable) this.stats_.wakeUps.poll += 1;
      return cause;
    });
  }

  /** Takes or renews the lease (one attempt at a time); losing it stops the rounds, taking it starts them. */
  private renewLease(): Promise<void> {
    this.renewing ??= this.tryHold().finally(() => { this.renewing = null; });
    return this.renewing;
  }

  private async tryHold(): Promise<void> {
    if (this.stopping) return;
    const lease = this.options.lease!;
    let term: number | null = null;
    try {
      term = await lease.store.hold(this.name, this.leaseOwner, this.leaseTtlMs);
    } catch (error) {
      this.options.logger?.warn({ err: error, processor: this.name }, 'lease could not be renewed');
    }
    const held = term !== null;
    this.leaseTerm = term;
    if (this.stopping) {
      // A stop released (or is about to release) the lease; what this attempt got is given back there.
      this.stats_.holdsLease ||= held;
      return;
    }
    if (held && !this.stats_.holdsLease) {
      this.stats_.leaseTaken += 1;
      this.options.logger?.info({ processor: this.name, owner: this.leaseOwner }, 'lease taken: processing here');
    } else if (!held && this.stats_.holdsLease) {
      this.stats_.leaseLost += 1;
      this.options.logger?.warn({ processor: this.name, owner: this.leaseOwner }, 'lease lost: standing by');
    }
    const taken = held && !this.stats_.holdsLease;
    // Another holder may have moved the checkpoints meanwhile.
    if (held !== this.stats_.holdsLease) this.positions.clear();
    this.stats_.holdsLease = held;
    if (taken) this.wake?.('poll', true);
  }

  /**
   * Reads one page per distinct checkpoint and gives it to each handler standing there: the
   * transactional ones together, in one transaction that moves all their checkpoints (should it
   * fail, each is tried again alone, so one failing handler does not hold the others back), then
   * the others one by one. `applied` counts events per handler, `read` the events of the pages
   * that were applied.
   */
  private async round(handlers: readonly ProcessorHandler<Tx>[], batchSize: number): Promise<Round> {
    // The lease as it stood when this round began: a round that outlives it moves no checkpoint.
    const fence = this.fence();
    const standing = new Map<Checkpoint, ProcessorHandler<Tx>[]>();
    let applied = 0;
    let read = 0;
    let failure: Error | undefined;
    const failed = (handler: ProcessorHandler<Tx>, error: unknown) => {
      this.positions.delete(handler.name);
      const message = error instanceof Error ? error.message : String(error);
      failure ??= new Error(`${this.name}: ${handler.name} failed: ${message}`, { cause: error });
    };
    for (const handler of handlers) {
      try {
        const from = await this.positionOf(handler.name);
        standing.set(from, [...(standing.get(from) ?? []), handler]);
      } catch (error) {
        failed(handler, error);
      }
    }
    for (const [from, group] of standing) {
      let page: Page;
      try {
        page = await this.options.source.readAll(from, batchSize);
      } catch (error) {
        for (const handler of group) failed(handler, error);
        continue;
      }
      if (page.events.length === 0) {
        for (const handler of group) await handler.idle?.().catch((error: unknown) => failed(handler, error));
        continue;
      }
      const together = group.filter((h) => h.inTransaction !== undefined);
      // Undefined when the shared transaction failed (or there is no one to share it with): each then goes alone.
      const movedTogether = together.length > 1 ? await this.applyTogether(together, from, page, fence).catch(() => undefined) : undefined;
      const alone = movedTogether === undefined ? group : group.filter((h) => h.inTransaction === undefined);
      let moved = movedTogether ? together.length : 0;
      for (const handler of alone) {
        try {
          if (await this.apply(handler, from, page, fence)) moved += 1;
        } catch (error) {
          failed(handler, error);
        }
      }
      applied += moved * page.events.length;
      if (moved > 0) read += page.events.length;
    }
    if (failure) throw failure;
    return { applied, read };
  }

  /**
   * Where a handler stands: remembered from its last move, which only this processor makes while
   * it holds the lease; without one, a move another process made first fails the compare-and-set,
   * and the position is read again.
   */
  private async positionOf(name: string): Promise<Checkpoint> {
    if (this.positions.has(name)) return this.positions.get(name)!;
    const from = await this.options.checkpoints.load(name);
    this.positions.set(name, from);
    return from;
  }

  /**
   * Notes where `names` stand after a move, or forgets it when the move was refused; refused under
   * a fence, finds out at once whether the lease is still this process's.
   */
  private moved(names: readonly string[], to: Checkpoint, moved: boolean, fence: LeaseFence | undefined): void {
    for (const name of names) {
      if (moved) this.positions.set(name, to);
      else this.positions.delete(name);
    }
    if (!moved && fence) void this.renewLease();
  }

  /** Forgets the remembered positions of `names` (every handler's without), after they were moved from outside. */
  forget(names?: readonly string[]): void {
    if (names === undefined) this.positions.clear();
    else for (const name of names) this.positions.delete(name);
  }

  /** Rounds run outside the loop (a rebuild, a test's catch-up) without holding the lease are not fenced. */
  private fence(): LeaseFence | undefined {
    if (!this.options.lease || !this.stats_.holdsLease || this.leaseTerm === null) return undefined;
    return { lease: this.name, owner: this.leaseOwner, term: this.leaseTerm };
  }

  /** Transactional handlers standing at `from`, their page written and their checkpoints moved in one transaction. */
  private async applyTogether(handlers: readonly ProcessorHandler<Tx>[], from: Checkpoint, page: Page, fence: LeaseFence | undefined): Promise<boolean> {
    const names = handlers.map((h) => h.name);
    const moved = await this.options.checkpoints.advance(names, from, page.checkpoint, async (tx) => {
      for (const handler of handlers) await handler.inTransaction!(tx, page.events);
    }, fence);
    this.moved(names, page.checkpoint, moved, fence);
    return moved;
  }

  private async apply(handler: ProcessorHandler<Tx>, from: Checkpoint, page: Page, fence: LeaseFence | undefined): Promise<boolean> {
    const { checkpoints } = this.options;
    let moved: boolean;
    if (handler.inTransaction) {
      const write = handler.inTransaction.bind(handler);
      moved = await checkpoints.advance(handler.name, from, page.checkpoint, (tx) => write(tx, page.events), fence);
    } else {
      // Work outside the database cannot be rolled back: a holder that knows it lost the lease does not start it.
      if (fence && !(await this.options.lease!.store.holds(fence))) {
        void this.renewLease();
        return false;
      }
      await handler.afterPage!(page.events);
      moved = await checkpoints.advance(handler.name, from, page.checkpoint, undefined, fence);
    }
    this.moved([handler.name], page.checkpoint, moved, fence);
    return moved;
  }
}
