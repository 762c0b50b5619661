// The Kafka transport (kafkajs). Inputs are consumed as one consumer group with `eachBatch`:
// offsets are resolved and committed only after the handler resolved, so a crash or a rejected
// batch means redelivery from the last committed offset, never a lost message.
import type { ConnectionOptions } from 'node:tls';
import { Kafka, Partitioners, type Admin, type Consumer, type EachBatchPayload, type IHeaders, type Producer, type SASLOptions } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { HealthRegistry, Logger } from '@offramp/observability';
import { MessagingMetrics } from '../metrics';
import { ConsumerWatch } from './consumer-watch';
import { DEFAULT_TOPICS, type BatchHandler, type InboundMessage, type MessageBus, type MessagingTopics, type OutboundMessage } from '../ports';
import { kafkaLogCreator } from './kafka-logging';
import { ensureTopics } from './kafka-topics';

export interface KafkaMessageBusOptions {
  brokers: string[];
  clientId?: string;
  groupId?: string;
  /** The topics created at start when missing. */
  topics?: MessagingTopics;
  /** Partitions of the topics created at start. */
  partitions?: number;
  ssl?: boolean | ConnectionOptions;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  logger: Logger;
  registry?: Registry;
  /** Largest batch handed to the handler at once; Kafka's fetched batches are split to this size. */
  maxBatchSize?: number;
  /** Partitions handled at the same time (each one still in order). */
  partitionsConsumedConcurrently?: number;
  /** How long the broker may hold a fetch waiting for data; also bounds how fast a rebalance starts. */
  maxWaitTimeInMs?: number;
  /**
   * How long the broker waits for a silent member before giving its partitions to others. After a
   * crash, a restarted process joins only once its old member timed out, so this bounds how soon it
   * takes work again (10 s; the broker's minimum is 6 s).
   */
  sessionTimeoutMs?: number;
  /** Where each consumer reports per topic (health) and whether it has joined its group (readiness). */
  health?: HealthRegistry;
  /** A partition whose committed offset has not moved for this long while it has lag is unhealthy (60 s). */
  stuckAfterMs?: number;
  /** How often committed and newest offsets are read for lag and health (5 s). */
  lagIntervalMs?: number;
}

// kafkajs gives up on a consumer for good when its handler throws one of these; an input the
// worker could not classify must not stop every partition, so the bus hands kafkajs a plain Error
// (retried with back-off, the batch delivered again) instead.
const FATAL_TO_KAFKAJS = new Set(['RangeError', 'ReferenceError', 'SyntaxError', 'TypeError']);
function retriable(error: unknown): unknown {
  if (!(error instanceof Error) || !FATAL_TO_KAFKAJS.has(error.name)) return error;
  return new Error(`batch handler failed: ${error.name}: ${error.message}`, { cause: error });
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return result;
}

export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumers: Consumer[] = [];
  private readonly watches: ConsumerWatch[] = [];
  private watchAdmin?: Admin;
  private readonly metrics: MessagingMetrics;
  private readonly options: Required<Pick<KafkaMessageBusOptions, 'groupId' | 'topics' | 'partitions' | 'maxBatchSize' | 'partitionsConsumedConcurrently' | 'maxWaitTimeInMs' | 'sessionTimeoutMs' | 'stuckAfterMs' | 'lagIntervalMs'>>;

  constructor(private readonly settings: KafkaMessageBusOptions) {
    this.kafka = new Kafka({
      clientId: settings.clientId ?? 'offramp',
      brokers: settings.brokers,
      ssl: settings.ssl,
      sasl: settings.sasl as SASLOptions | undefined,
      logCreator: kafkaLogCreator(settings.logger),
    });
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    this.metrics = new MessagingMetrics(settings.registry);
    this.options = {
      groupId: settings.groupId ?? 'offramp-engine',
      topics: settings.topics ?? DEFAULT_TOPICS,
      partitions: settings.partitions ?? 6,
      maxBatchSize: settings.maxBatchSize ?? 500,
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently ?? 1,
      maxWaitTimeInMs: settings.maxWaitTimeInMs ?? 500,
      sessionTimeoutMs: settings.sessionTimeoutMs ?? 10_000,
      stuckAfterMs: settings.stuckAfterMs ?? 60_000,
      lagIntervalMs: settings.lagIntervalMs ?? 5_000,
    };
  }

  async start(): Promise<void> {
    await this.ensureTopics(Object.values(this.options.topics));
    await this.producer.connect();
  }

  /** The broker answers a metadata request (what /health reports). */
  async health(): Promise<{ ok: boolean; detail?: string }> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return { ok: true, detail: `${cluster.brokers.length} broker(s)` };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const created = await ensureTopics(admin, topics.map((topic) => ({ topic, numPartitions: this.options.partitions })));
      if (created.length > 0) this.settings.logger.info({ topics: created, partitions: this.options.partitions }, 'created Kafka topics');
    } finally {
      await admin.disconnect();
    }
  }

  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    // acks -1: acknowledged once every in-sync replica has it.
    await this.producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
    this.metrics.recordProduced(topic, messages.length);
  }

  async consume(topics: string[], handler: BatchHandler): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      sessionTimeout: this.options.sessionTimeoutMs,
      // kafkajs's default (3 s) is meant for its default session timeout; a third of ours keeps three tries.
      heartbeatInterval: Math.max(500, Math.floor(this.options.sessionTimeoutMs / 3)),
    });
    this.consumers.push(consumer);
    const watch = this.watch(topics);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      watch.joined();
      this.settings.logger.info({ groupId: payload.groupId, memberId: payload.memberId, topics, joinMs: payload.duration }, 'Kafka consumer joined its group');
    });
    consumer.on(consumer.events.REBALANCING, () => watch.rejoining());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const fields = { err: payload.error, groupId: payload.groupId, restart: payload.restart, topics };
      this.metrics.recordConsumerCrash(payload.restart);
      if (payload.restart) {
        watch.restarting(payload.error.message);
        this.settings.logger.warn(fields, 'Kafka consumer failed; it restarts from the last committed offsets');
      } else {
        watch.stopped(payload.error.message);
        this.settings.logger.error(fields, 'Kafka consumer stopped after a failure it cannot retry');
      }
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.handleFetched(payload, handler),
      });
    } catch (error) {
      watch.stopped(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Health per topic and readiness for one consumer's topics. */
  private watch(topics: string[]): ConsumerWatch {
    const watch = new ConsumerWatch({
      groupId: this.options.groupId, topics, metrics: this.metrics,
      admin: () => (this.watchAdmin ??= this.kafka.admin({ retry: { retries: 0 } })),
      stuckAfterMs: this.options.stuckAfterMs, intervalMs: this.options.lagIntervalMs,
    });
    this.watches.push(watch);
    for (const topic of topics) this.settings.health?.register(`consumer ${topic}`, async () => watch.check(topic));
    this.settings.health?.requireForReadiness(`consumer ${topics.join(', ')} joined`, () => watch.current === 'joined');
    watch.start();
    return watch;
  }

  /** Stops consuming and keeps producing: health then reports every consumer stopped, as after a fatal failure. */
  async stopConsuming(): Promise<void> {
    for (const consumer of this.consumers) await consumer.stop();
    for (const watch of this.watches) watch.stopped('stopped by request');
  }

  private async handleFetched(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += this.options.maxBatchSize) {
      // After a rebalance the partition may be someone else's: stop and let it be fetched again.
      if (!payload.isRunning() || payload.isStale()) return;
      const slice = batch.messages.slice(start, start + this.options.maxBatchSize);
      const messages: InboundMessage[] = slice.map((m) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key === null ? null : m.key.toString(),
        value: m.value === null ? null : m.value.toString(),
        valueBytes: m.value,
        headers: headersOf(m.headers),
      }));
      try {
        await handler(messages);
      } catch (error) {
        throw retriable(error);
      }
      payload.resolveOffset(slice[slice.length - 1]!.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
      this.metrics.recordConsumed(batch.topic, slice.length);
      this.metrics.recordLag(batch.topic, batch.partition, Number(batch.highWatermark) - Number(slice[slice.length - 1]!.offset) - 1);
    }
  }

  async stop(): Promise<void> {
    for (const watch of this.watches.splice(0)) watch.stop();
    await Promise.all(this.consumers.splice(0).map((consumer) => consumer.disconnect()));
    await this.watchAdmin?.disconnect().catch(() => undefined);
    this.watchAdmin = undefined;
    await this.producer.disconnect();
  }
}
