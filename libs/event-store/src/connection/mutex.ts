// A FIFO lock: PGlite has a single connection, so a transaction must own it from BEGIN to
// COMMIT while every other query and transaction waits its turn.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private queued_ = 0;

  /** The holder and those waiting for it. */
  get queued(): number { return this.queued_; }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let unlock!: () => void;
    this.tail = new Promise<void>((resolve) => { unlock = resolve; });
    this.queued_ += 1;
    await previous;
    try {
      return await fn();
    } finally {
      this.queued_ -= 1;
      unlock();
    }
  }
}
