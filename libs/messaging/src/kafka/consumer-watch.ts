// What /health and /ready say about a Kafka consumer, per topic: its state (joining, joined,
// stopped), and for every partition of its topics the lag behind the newest message (also the
// `offramp_consumer_lag` gauge). A stopped consumer, one restarting after a failure (the broker
// away beyond kafkajs's retries: it consumes nothing until it has joined again), or a partition
// whose committed offset has not moved for `stuckAfterMs` while messages wait behind it, is
// unhealthy and named. Offsets are read
// from the broker every `intervalMs`, not on every health request.
import type { Admin } from 'kafkajs';
import type { HealthCheckResult } from '@offramp/observability';
import type { MessagingMetrics } from '../metrics';

export type ConsumerState = 'joining' | 'joined' | 'restarting' | 'stopped';

interface PartitionWatch { committed: string; movedAt: number; lag: number }

export interface ConsumerWatchOptions {
  groupId: string;
  topics: string[];
  admin: () => Admin;
  metrics: MessagingMetrics;
  stuckAfterMs: number;
  intervalMs: number;
  now?: () => number;
}

export class ConsumerWatch {
  private state: ConsumerState = 'joining';
  private failure = '';
  private readonly partitions = new Map<string, PartitionWatch>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private lastError = '';
  private readonly now: () => number;

  constructor(private readonly options: ConsumerWatchOptions) {
    this.now = options.now ?? Date.now;
  }

  get topics(): string[] { return this.options.topics; }
  get current(): ConsumerState { return this.state; }

  joined(): void { if (this.state !== 'stopped') this.state = 'joined'; }
  /** A rebalance: joining again, healthy meanwhile. */
  rejoining(): void { if (this.state === 'joined') this.state = 'joining'; }
  /** Failed and restarting from the last committed offsets: unhealthy until it has joined again. */
  restarting(reason: string): void {
    if (this.state === 'stopped') return;
    this.state = 'restarting';
    this.failure = reason;
  }
  stopped(reason: string): void {
    this.state = 'stopped';
    this.failure = reason;
  }

  start(): void {
    const tick = () => { this.poll().catch(() => undefined); };
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
    tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads committed and newest offsets of every partition of the topics. */
  async poll(): Promise<void> {
    this.polling ??= this.readOffsets().finally(() => { this.polling = undefined; });
    return this.polling;
  }

  private async readOffsets(): Promise<void> {
    const admin = this.options.admin();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: this.options.topics });
      const at = this.now();
      for (const { topic, partitions } of committed) {
        const newest = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
        for (const { partition, offset } of partitions) {
          const ends = newest.get(partition);
          if (!ends) continue;
          const position = Number(offset) < 0 ? Number(ends.low) : Number(offset);
          const lag = Math.max(0, Number(ends.high) - position);
          const key = `${topic}[${partition}]`;
          const before = this.partitions.get(key);
          const moved = !before || before.committed !== offset || lag === 0;
          this.partitions.set(key, { committed: offset, movedAt: moved ? at : before.movedAt, lag });
          this.options.metrics.recordLag(topic, partition, lag);
        }
      }
      this.lastError = '';
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  /** The health of this consumer for one of its topics. */
  check(topic: string): HealthCheckResult {
    if (this.state === 'stopped') return { ok: false, detail: `consumer stopped: ${this.failure}` };
    const at = this.now();
    const stuck: string[] = [];
    let lag = 0;
    for (const [key, watch] of this.partitions) {
      if (!key.startsWith(`${topic}[`)) continue;
      lag += watch.lag;
      if (watch.lag > 0 && at - watch.movedAt >= this.options.stuckAfterMs) {
        stuck.push(`${key} at offset ${watch.committed} with lag ${watch.lag} for ${Math.round((at - watch.movedAt) / 1000)} s`);
      }
    }
    const notMoving = stuck.length > 0 ? `partition not moving: ${stuck.join('; ')}` : '';
    if (this.state === 'restarting') return { ok: false, detail: `consumer restarting after a failure: ${this.failure}${notMoving ? `; ${notMoving}` : ''}` };
    if (notMoving) return { ok: false, detail: notMoving };
    return { ok: true, detail: `${this.state}, lag ${lag}${this.lastError ? ` (offsets not read: ${this.lastError})` : ''}` };
  }
}
