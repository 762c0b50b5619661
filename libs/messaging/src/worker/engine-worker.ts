// The engine worker: signals and commands from the bus, decided by the relationship engine.
// Every input ends up either in the event store (accepted, or a duplicate of an accepted one) or on
// the dead-letter topic with its reason; only then may the bus move past it. One poison message never
// blocks its partition, and nothing is dropped. A failure of the engine itself (the store is down)
// rejects the batch, so the bus delivers it again; appends are idempotent, so that is harmless.
import { Counter, type Registry } from 'prom-client';
import type { Refusal } from '@offramp/domain';
import type { HandleResult } from '@offramp/runtime';
import type { Logger } from '@offramp/observability';
import { DEFAULT_TOPICS, type InboundMessage, type MessageBus, type MessagingTopics } from '../ports';
import { deadLetterMessage, deadLetterOf, type DeadLetter } from './dead-letter';
import { readInput, type InputKind } from './read-input';

/** The part of `RelationshipEngine` the worker uses: one result per input, in order. */
export interface InputEngine {
  handleBatch(raws: unknown[]): Promise<HandleResult[]>;
}

export interface EngineWorkerOptions {
  bus: MessageBus;
  engine: InputEngine;
  topics?: Pick<MessagingTopics, 'signals' | 'commands' | 'deadLetter'>;
  logger?: Logger;
  registry?: Registry;
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  deadLetters: DeadLetter[];
}

export class EngineWorker {
  private readonly topics: Pick<MessagingTopics, 'signals' | 'commands' | 'deadLetter'>;
  private readonly deadLettered?: Counter;

  constructor(private readonly options: EngineWorkerOptions) {
    this.topics = options.topics ?? DEFAULT_TOPICS;
    const registry = options.registry;
    if (registry) {
      const name = 'offramp_inputs_dead_lettered_total';
      this.deadLettered = (registry.getSingleMetric(name) as Counter | undefined)
        ?? new Counter({ name, help: 'Inputs sent to the dead-letter topic, by reason', labelNames: ['topic', 'code'], registers: [registry] });
    }
  }

  /** Subscribes to the signals and commands topics. */
  async start(): Promise<void> {
    await this.options.bus.consume([this.topics.signals, this.topics.commands], async (batch) => {
      await this.handle(batch);
    });
  }

  private kindOf(topic: string): InputKind {
    return topic === this.topics.commands ? 'command' : 'signal';
  }

  /** Decides a batch; resolves once its dead letters were acknowledged. */
  async handle(batch: InboundMessage[]): Promise<BatchOutcome> {
    const refusals = new Map<InboundMessage, Refusal>();
    const readable: { message: InboundMessage; raw: unknown }[] = [];
    for (const message of batch) {
      const read = readInput(message, this.kindOf(message.topic));
      if (read.ok) readable.push({ message, raw: read.raw });
      else refusals.set(message, read.refusal);
    }

    const results = readable.length > 0 ? await this.options.engine.handleBatch(readable.map((r) => r.raw)) : [];
    if (results.length !== readable.length) {
      throw new Error(`the engine returned ${results.length} results for ${readable.length} inputs`);
    }
    let accepted = 0;
    let duplicates = 0;
    results.forEach((result, i) => {
      if (result.status === 'accepted') accepted += 1;
      else if (result.status === 'duplicate') duplicates += 1;
      else refusals.set(readable[i]!.message, result.refusal);
    });

    // In the batch's order, so a relationship's dead letters keep the order of its inputs.
    const deadLetters = batch.filter((m) => refusals.has(m)).map((m) => deadLetterOf(m, refusals.get(m)!));
    await this.options.bus.publish(this.topics.deadLetter, deadLetters.map(deadLetterMessage));
    for (const letter of deadLetters) {
      this.deadLettered?.inc({ topic: letter.source.topic, code: letter.code });
      this.options.logger?.info({ code: letter.code, field: letter.field, ...letter.source, key: letter.original.key }, `input dead-lettered: ${letter.message}`);
    }
    return { accepted, duplicates, deadLetters };
  }
}
