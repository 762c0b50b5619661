// The messaging ports. The engine worker and the outbox publisher see only these; Kafka and the
// in-process bus implement them with the same semantics:
// - messages with the same key are delivered in the order they were published;
// - at-least-once: a consumer's position advances only after its handler resolved, and a batch
//   whose handler rejected is delivered again (after a crash too, for Kafka).

import type { DeadLetterRow } from '@offramp/event-store';

/** A message as a consumer receives it. */
export interface InboundMessage {
  topic: string;
  partition: number;
  /** Kafka's offset (a decimal string); the in-process bus numbers its messages the same way. */
  offset: string;
  key: string | null;
  value: string | null;
  /** The value's bytes as received, when the transport has them (Kafka): `value` is their UTF-8 decoding. */
  valueBytes?: Uint8Array | null;
  headers: Record<string, string>;
}

export interface OutboundMessage {
  key: string | null;
  value: string;
  headers?: Record<string, string>;
}

/**
 * Handles one batch: messages of a single partition, in order. Resolving commits the whole batch;
 * rejecting has it delivered again.
 */
export type BatchHandler = (messages: InboundMessage[]) => Promise<void>;

export interface MessageBus {
  /** Connects and creates the configured topics that are missing. */
  start(): Promise<void>;
  /** Resolves once the broker (or the in-process log) has acknowledged every message. */
  publish(topic: string, messages: OutboundMessage[]): Promise<void>;
  /** Starts delivering `topics` to `handler` as the bus's consumer group, from the group's position. */
  consume(topics: string[], handler: BatchHandler): Promise<void>;
  /** Whether the transport can reach its broker; the in-process bus has none. */
  health?(): Promise<{ ok: boolean; detail?: string }>;
  /** Stops consuming (letting a running batch finish) and disconnects. */
  stop(): Promise<void>;
}

/** A dead letter kept whole in the database (a `dead_letters` row). */
export type ArchivedDeadLetter = DeadLetterRow;

/**
 * Where dead letters are recorded before they are published, once per source (topic, partition,
 * offset): the `dead_letters` table, or memory without a database.
 */
export type { DeadLetterArchive } from '@offramp/event-store';

export interface MessagingTopics {
  signals: string;
  commands: string;
  events: string;
  deadLetter: string;
}

export const DEFAULT_TOPICS: MessagingTopics = {
  signals: 'offramp.signals',
  commands: 'offramp.commands',
  events: 'offramp.relationship-events',
  deadLetter: 'offramp.dead-letter',
};
