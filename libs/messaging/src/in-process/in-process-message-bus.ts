// The in-process transport of the embedded default: the same port and semantics as Kafka, without a
// broker. Each topic is a log split into partitions by key; each `consume` call is a consumer group
// reading from the beginning. A partition's next batch is delivered only after the previous one
// resolved; a rejected batch is delivered again after a short pause. Messages every group has read
// are dropped; a group that subscribes later starts at the oldest message still held, and a topic
// nobody consumes keeps only its latest messages (see `retainUnconsumed`). Nothing survives the process: durability comes from the event
// store, not from this bus.
import type { Registry } from 'prom-client';
import type { Logger } from '@offramp/observability';
import { MessagingMetrics } from '../metrics';
import type { BatchHandler, InboundMessage, MessageBus, OutboundMessage } from '../ports';
import { partitionOf } from './partition-of';

export interface InProcessMessageBusOptions {
  partitions?: number;
  maxBatchSize?: number;
  /** Pause before a rejected batch is delivered again (doubling up to 20 times this). */
  redeliveryDelayMs?: number;
  /**
   * Messages a topic without any consumer keeps, the oldest dropped first (default 10,000). Such a
   * topic is an outlet (relationship events, dead letters) whose source of truth is the event store
   * and the refusal log; without a bound the embedded default would grow with every event.
   */
  retainUnconsumed?: number;
  logger?: Logger;
  registry?: Registry;
}

interface PartitionLog {
  /** Offset of `messages[0]`; older messages were read by every group and dropped. */
  base: number;
  messages: InboundMessage[];
}

interface Subscription {
  topics: string[];
  handler: BatchHandler;
  /** Next offset to deliver, per `topic/partition`. */
  positions: Map<string, number>;
  /** Partitions with a delivery loop running. */
  busy: Set<string>;
}

export class InProcessMessageBus implements MessageBus {
  private readonly logs = new Map<string, PartitionLog[]>();
  private readonly subscriptions: Subscription[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly metrics: MessagingMetrics;
  private readonly partitions: number;
  private readonly maxBatchSize: number;
  private readonly redeliveryDelayMs: number;
  private stopped = false;

  constructor(private readonly options: InProcessMessageBusOptions = {}) {
    this.partitions = options.partitions ?? 6;
    this.maxBatchSize = options.maxBatchSize ?? 500;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 100;
    this.metrics = new MessagingMetrics(options.registry);
  }

  async start(): Promise<void> {
    this.stopped = false;
  }

  private partitionLogs(topic: string): PartitionLog[] {
    let logs = this.logs.get(topic);
    if (!logs) {
      logs = Array.from({ length: this.partitions }, () => ({ base: 0, messages: [] }));
      this.logs.set(topic, logs);
    }
    return logs;
  }

  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    const logs = this.partitionLogs(topic);
    const touched = new Set<number>();
    for (const message of messages) {
      const partition = partitionOf(message.key, this.partitions);
      const log = logs[partition]!;
      log.messages.push({ topic, partition, offset: String(log.base + log.messages.length), key: message.key, value: message.value, headers: { ...message.headers } });
      touched.add(partition);
    }
    this.metrics.recordProduced(topic, messages.length);
    if (!this.subscriptions.some((s) => s.topics.includes(topic))) this.bound(logs);
    for (const partition of touched) this.wake(topic, partition);
  }

  async consume(topics: string[], handler: BatchHandler): Promise<void> {
    const subscription: Subscription = { topics, handler, positions: new Map(), busy: new Set() };
    this.subscriptions.push(subscription);
    for (const topic of topics) {
      this.partitionLogs(topic).forEach((log, partition) => {
        subscription.positions.set(`${topic}/${partition}`, log.base);
        this.wake(topic, partition);
      });
    }
  }

  /** Resolves once every message published so far was handled by every group (or the bus stopped). */
  async drained(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.drained();
    this.subscriptions.length = 0;
  }

  private wake(topic: string, partition: number): void {
    for (const subscription of this.subscriptions) {
      if (subscription.topics.includes(topic)) this.wakeOne(subscription, topic, partition);
    }
  }

  private wakeOne(subscription: Subscription, topic: string, partition: number): void {
    const slot = `${topic}/${partition}`;
    if (this.stopped || subscription.busy.has(slot)) return;
    subscription.busy.add(slot);
    const loop = this.deliver(subscription, topic, partition).finally(() => {
      subscription.busy.delete(slot);
      this.running.delete(loop);
      // A message published while the loop was finishing found it busy: pick it up now.
      const log = this.partitionLogs(topic)[partition]!;
      if ((subscription.positions.get(slot) ?? log.base) < log.base + log.messages.length) this.wakeOne(subscription, topic, partition);
    });
    this.running.add(loop);
  }

  private async deliver(subscription: Subscription, topic: string, partition: number): Promise<void> {
    const log = this.partitionLogs(topic)[partition]!;
    const slot = `${topic}/${partition}`;
    let failures = 0;
    while (!this.stopped) {
      const position = subscription.positions.get(slot) ?? log.base;
      const batch = log.messages.slice(position - log.base, position - log.base + this.maxBatchSize);
      if (batch.length === 0) return;
      try {
        await subscription.handler(batch);
      } catch (error) {
        failures += 1;
        this.options.logger?.warn({ err: error, topic, partition, offset: batch[0]!.offset, failures }, 'batch handler failed; delivering the batch again');
        await new Promise((resolve) => setTimeout(resolve, this.redeliveryDelayMs * Math.min(2 ** (failures - 1), 20)));
        continue;
      }
      failures = 0;
      subscription.positions.set(slot, position + batch.length);
      this.metrics.recordConsumed(topic, batch.length);
      this.metrics.recordLag(topic, partition, log.base + log.messages.length - position - batch.length);
      this.trim(topic, partition);
    }
  }

  private bound(logs: PartitionLog[]): void {
    const limit = Math.max(1, Math.ceil((this.options.retainUnconsumed ?? 10_000) / logs.length));
    for (const log of logs) {
      const excess = log.messages.length - limit;
      if (excess > 0) {
        log.messages.splice(0, excess);
        log.base += excess;
      }
    }
  }

  /** Drops the messages every group has handled. */
  private trim(topic: string, partition: number): void {
    const readers = this.subscriptions.filter((s) => s.topics.includes(topic));
    if (readers.length === 0) return;
    const log = this.partitionLogs(topic)[partition]!;
    const slot = `${topic}/${partition}`;
    const lowest = Math.min(...readers.map((s) => s.positions.get(slot) ?? log.base));
    if (lowest > log.base) {
      log.messages.splice(0, lowest - log.base);
      log.base = lowest;
    }
  }
}
