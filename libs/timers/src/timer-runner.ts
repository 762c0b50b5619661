// Fires due timers on an interval. One round at a time; a full round is followed at once by
// another so a backlog drains, and stop() waits for the round in progress.

export interface DueTimerFiring {
  fireDueTimers(limit?: number): Promise<readonly unknown[]>;
}

export interface TimerRunnerOptions {
  intervalMs?: number;
  /** Timers per round. */
  batchSize?: number;
  /** Rounds in a row without waiting, at most, when every round is full. */
  maxBurst?: number;
  onError?: (error: unknown) => void;
}

export class TimerRunner {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxBurst: number;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private stopping = false;

  constructor(private readonly engine: DueTimerFiring, options: TimerRunnerOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 100;
    this.maxBurst = options.maxBurst ?? 10;
    this.onError = options.onError ?? (() => undefined);
  }

  get isRunning(): boolean { return this.started; }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops polling; resolves once the round in progress (if any) has finished. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.stopping = false;
  }

  /** Fires what is due now, round after round while rounds come back full (returns how many fired). */
  async runOnce(): Promise<number> {
    let fired = 0;
    for (let burst = 0; burst < this.maxBurst; burst++) {
      const round = await this.engine.fireDueTimers(this.batchSize);
      fired += round.length;
      if (round.length < this.batchSize || this.stopping) break;
    }
    return fired;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .then(() => undefined, (error: unknown) => this.onError(error))
        .finally(() => {
          this.running = null;
          if (this.started) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}
