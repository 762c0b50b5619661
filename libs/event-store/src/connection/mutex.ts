// A FIFO lock: PGlite has a single connection, so a transaction must own it from BEGIN to
// COMMIT while every other query and transaction waits its turn.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let unlock!: () => void;
    this.tail = new Promise<void>((resolve) => { unlock = resolve; });
    await previous;
    try {
      return await fn();
    } finally {
      unlock();
    }
  }
}
