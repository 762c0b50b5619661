// The outbox: domain events reach Kafka from the event store itself, never by a dual write. The
// publisher tails the store's gap-free global order and publishes each event keyed by its
// relationship; the checkpoint moves only after the broker acknowledged, so a crash republishes at
// most what was not yet recorded. Consumers deduplicate by the `event-id` header.
import type { EventStore, StoredEvent } from '@offramp/runtime';
import type { Logger } from '@offramp/observability';
import { DEFAULT_TOPICS, type MessageBus, type OutboundMessage } from '../ports';
import type { CheckpointStore } from './checkpoint-store';

export const EVENT_ID_HEADER = 'event-id';
export const EVENT_TYPE_HEADER = 'event-type';

export interface OutboxPublisherOptions {
  store: Pick<EventStore, 'readAll'>;
  bus: Pick<MessageBus, 'publish'>;
  checkpoints: CheckpointStore;
  topic?: string;
  /** Names the checkpoint. */
  name?: string;
  batchSize?: number;
  /** Pause between polls once caught up. */
  pollMs?: number;
  logger?: Logger;
}

export function eventMessage(stored: StoredEvent): OutboundMessage {
  return {
    key: stored.event.relationshipId,
    value: JSON.stringify(stored),
    headers: { [EVENT_ID_HEADER]: stored.eventId, [EVENT_TYPE_HEADER]: stored.type },
  };
}

export class OutboxPublisher {
  private readonly topic: string;
  private readonly name: string;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private loop?: Promise<void>;
  private stopping = false;
  private wakeUp?: () => void;

  constructor(private readonly options: OutboxPublisherOptions) {
    this.topic = options.topic ?? DEFAULT_TOPICS.events;
    this.name = options.name ?? 'outbox';
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 200;
  }

  /** Publishes everything committed so far; resolves with how many events it published. */
  async publishPending(): Promise<number> {
    let published = 0;
    let checkpoint = await this.options.checkpoints.load(this.name);
    for (;;) {
      const page = await this.options.store.readAll(checkpoint, this.batchSize);
      if (page.events.length === 0) return published;
      await this.options.bus.publish(this.topic, page.events.map(eventMessage));
      await this.options.checkpoints.save(this.name, page.checkpoint);
      checkpoint = page.checkpoint;
      published += page.events.length;
    }
  }

  /** Keeps publishing in the background until `stop()`; failures are logged and retried. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Publishes now instead of at the next poll (after an append, say). */
  nudge(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.publishPending();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger?.warn({ err: error, failures }, 'outbox publishing failed; retrying');
      }
      await this.pause(failures === 0 ? this.pollMs : Math.min(this.pollMs * 2 ** failures, 30_000));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
