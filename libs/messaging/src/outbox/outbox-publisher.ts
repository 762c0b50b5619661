// The outbox: domain events reach Kafka from the event store itself, never by a dual write. The
// publisher is a handler of the tailing processor: each page of the gap-free global order goes
// out in one produce (every partition, acknowledged by all in-sync replicas), and its checkpoint
// moves only after that acknowledgement, so a crash republishes at most the page in flight. With a
// lease, one process among several publishes. Consumers deduplicate by the CloudEvents id (`ce_id`).
import type { EventStore, StoredEvent } from '@offramp/runtime';
import type { Logger } from '@offramp/observability';
import { eventToKafka } from '../cloudevents';
import { TailingProcessor, type ProcessorCheckpoints, type ProcessorLease, type ProcessorStats } from '@offramp/processing';
import { DEFAULT_TOPICS, type MessageBus, type OutboundMessage } from '../ports';

export interface OutboxPublisherOptions {
  store: Pick<EventStore, 'readAll'> & Partial<Pick<EventStore, 'onAppended'>>;
  bus: Pick<MessageBus, 'publish'>;
  checkpoints: ProcessorCheckpoints<unknown>;
  topic?: string;
  /** Names the checkpoint and the lease. */
  name?: string;
  batchSize?: number;
  /** Fallback poll when no append signal arrives; also the first pause after a failure. */
  pollMs?: number;
  /** Publishes from one process at a time among those sharing the database. */
  lease?: ProcessorLease;
  logger?: Logger;
}

/** The outbox's checkpoint (and lease) name when none is given. */
export const OUTBOX_CHECKPOINT = 'outbox';

/** A domain event as a CloudEvent in binary mode (cloudevents/), keyed by its relationship. */
export function eventMessage(stored: StoredEvent): OutboundMessage {
  return eventToKafka(stored);
}

export class OutboxPublisher {
  private readonly processor: TailingProcessor<unknown>;

  constructor(options: OutboxPublisherOptions) {
    const topic = options.topic ?? DEFAULT_TOPICS.events;
    const name = options.name ?? OUTBOX_CHECKPOINT;
    this.processor = new TailingProcessor<unknown>({
      name,
      source: options.store,
      checkpoints: options.checkpoints,
      handlers: [{ name, afterPage: (events) => options.bus.publish(topic, events.map(eventMessage)) }],
      batchSize: options.batchSize ?? 500,
      pollMs: options.pollMs,
      lease: options.lease,
      logger: options.logger,
    });
  }

  get name(): string { return this.processor.name; }
  get stats(): ProcessorStats { return this.processor.stats; }

  /** Publishes everything committed so far; resolves with how many events it published. */
  publishPending(): Promise<number> {
    return this.processor.catchUp();
  }

  /** Keeps publishing in the background until `stop()`, woken by every append; failures back off and retry. */
  start(): void {
    this.processor.start();
  }

  /** Publishes now instead of at the next poll. */
  nudge(): void {
    this.processor.nudge();
  }

  stop(): Promise<void> {
    return this.processor.stop();
  }
}
