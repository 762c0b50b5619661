// The engine worker: signals and commands from the bus, decided by the relationship engine.
// Every input ends up either in the event store (accepted, or a duplicate of an accepted one) or on
// the dead-letter topic with its reason; only then may the bus move past it. One poison message never
// blocks its partition, and nothing is dropped:
// - a failure of the infrastructure (the store or the broker away; `failureKind` decides) rejects
//   the batch, so the bus delivers it again with back-off; appends are idempotent, so that is harmless;
// - any other failure is caused by an input: the batch is split in halves and each tried again, down
//   to the one input that fails, which is dead-lettered `unprocessable` with the error while the
//   others are applied;
// - a dead letter too large for the broker is kept whole in the database and published truncated.
// Dead letters are published exactly once per input, across redeliveries: each is recorded first
// (the `dead_letters` table, keyed by the input's topic, partition and offset, a key every delivery
// of it shares), then published from that record, then marked acknowledged; a batch delivered again
// (a transient failure after part of it was dead-lettered, a crash before the offsets were
// committed) skips the inputs already recorded, and publishes those not yet acknowledged. So no
// retry repeats a dead letter; only a crash between the broker's acknowledgement and the mark can,
// with the same message (same CloudEvents id, time and content) that consumers tell apart by
// `ce_id`, as they do for domain events. Recording with the offset, rather than in the append's
// transaction, keeps the engine's one write path as it is: an input is either appended (its
// idempotency key says so on redelivery) or dead-lettered (its offset does).
import { Counter, type Registry } from 'prom-client';
import { InMemoryDeadLetterArchive, type RecordedDeadLetter } from '@offramp/event-store';
import type { Actor } from '@offramp/domain';
import type { HandleResult } from '@offramp/runtime';
import type { Logger } from '@offramp/observability';
import { traceContextOf, traceContextOfInput, traceLogFields } from '../cloudevents';
import { DEFAULT_TOPICS, type DeadLetterArchive, type InboundMessage, type MessageBus, type MessagingTopics, type OutboundMessage } from '../ports';
import {
  deadLetterMessage, deadLetterOf, deadLetterRow, sizeOnBroker, truncatedDeadLetter, type DeadLetter, type DeadLetterReason,
} from './dead-letter';
import { describeFailure, failureKind } from './failure-kind';
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
  /**
   * Where dead letters are recorded before they are published (the `dead_letters` table); one
   * larger than `maxDeadLetterBytes` is published truncated with its row's id. Without one, they
   * are recorded in memory: exactly once while the process lives.
   */
  archive?: DeadLetterArchive;
  /**
   * When set, a command must carry `authorization: Bearer <token>`: this gives the token's actor, or
   * null when there is none or it is invalid. The actor is then the token's; an envelope naming
   * another is refused `forbidden`.
   */
  commandActor?: (authorization: string | undefined) => Actor | null;
  /** Largest dead letter published whole (Kafka's default limit is 1 MiB per message). */
  maxDeadLetterBytes?: number;
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  deadLetters: DeadLetter[];
}

const EMPTY: BatchOutcome = { accepted: 0, duplicates: 0, deadLetters: [] };
const joined = (a: BatchOutcome, b: BatchOutcome): BatchOutcome =>
  ({ accepted: a.accepted + b.accepted, duplicates: a.duplicates + b.duplicates, deadLetters: [...a.deadLetters, ...b.deadLetters] });

export const DEFAULT_MAX_DEAD_LETTER_BYTES = 512 * 1024;

export class EngineWorker {
  private readonly topics: Pick<MessagingTopics, 'signals' | 'commands' | 'deadLetter'>;
  private readonly deadLettered?: Counter;
  private readonly failures?: Counter;
  private readonly maxDeadLetterBytes: number;
  private readonly archive: DeadLetterArchive;

  constructor(private readonly options: EngineWorkerOptions) {
    this.topics = options.topics ?? DEFAULT_TOPICS;
    this.archive = options.archive ?? new InMemoryDeadLetterArchive();
    this.maxDeadLetterBytes = options.maxDeadLetterBytes ?? DEFAULT_MAX_DEAD_LETTER_BYTES;
    const registry = options.registry;
    if (registry) {
      const counter = (name: string, help: string, labelNames: string[]) =>
        (registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
      this.deadLettered = counter('offramp_inputs_dead_lettered_total', 'Inputs sent to the dead-letter topic, by reason', ['topic', 'code']);
      this.failures = counter('offramp_consumer_errors_total', 'Batches of input that failed, by kind (transient: delivered again; poison: split to dead-letter the input)', ['kind']);
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

  /**
   * Decides a batch (one partition's messages, in order); resolves once its dead letters were
   * recorded and acknowledged, rejects only for a transient failure.
   */
  async handle(batch: InboundMessage[]): Promise<BatchOutcome> {
    if (batch.length === 0) return EMPTY;
    const { topic, partition } = batch[0]!;
    const recorded = await this.archive.recorded(topic, partition, batch.map((m) => m.offset));
    // Dead-lettered on an earlier delivery: never decided again; published now if that delivery
    // ended before the broker acknowledged it.
    const resumed = await this.publish(recorded.unpublished);
    const settled = new Set([...recorded.published, ...recorded.unpublished.map((r) => r.offset)]);
    const outcome = await this.decideOrSplit(settled.size === 0 ? batch : batch.filter((m) => !settled.has(m.offset)));
    return resumed.length === 0 ? outcome : { ...outcome, deadLetters: [...resumed, ...outcome.deadLetters] };
  }

  private async decideOrSplit(batch: InboundMessage[]): Promise<BatchOutcome> {
    if (batch.length === 0) return EMPTY;
    try {
      return await this.decide(batch);
    } catch (error) {
      const kind = failureKind(error);
      this.failures?.inc({ kind });
      if (kind === 'transient') throw error;
      if (batch.length === 1) return this.unprocessable(batch[0]!, error);
      this.options.logger?.warn({ err: error, messages: batch.length, ...this.where(batch) }, 'an input of the batch cannot be processed; retrying in halves to find it');
      const half = Math.ceil(batch.length / 2);
      const first = await this.decideOrSplit(batch.slice(0, half));
      return joined(first, await this.decideOrSplit(batch.slice(half)));
    }
  }

  private where(batch: InboundMessage[]) {
    return { topic: batch[0]!.topic, partition: batch[0]!.partition, fromOffset: batch[0]!.offset, toOffset: batch[batch.length - 1]!.offset };
  }

  private async unprocessable(message: InboundMessage, error: unknown): Promise<BatchOutcome> {
    this.options.logger?.error({ err: error, topic: message.topic, partition: message.partition, offset: message.offset }, 'input cannot be processed; dead-lettered');
    const letter = deadLetterOf(message, { code: 'unprocessable', message: `the input could not be processed: ${describeFailure(error)}` });
    return { ...EMPTY, deadLetters: await this.publishDeadLetters([{ message, letter }]) };
  }

  private async decide(batch: InboundMessage[]): Promise<BatchOutcome> {
    const refusals = new Map<InboundMessage, DeadLetterReason>();
    const readable: { message: InboundMessage; raw: unknown }[] = [];
    for (const message of batch) {
      const read = readInput(message, this.kindOf(message.topic));
      const signed = read.ok && read.raw.kind === 'command' ? this.signedCommand(message, read.raw) : read;
      if (signed.ok) readable.push({ message, raw: signed.raw });
      else refusals.set(message, signed.refusal);
    }

    const results = readable.length > 0 ? await this.options.engine.handleBatch(readable.map((r) => r.raw)) : [];
    if (results.length !== readable.length) {
      throw new Error(`the engine returned ${results.length} results for ${readable.length} inputs`);
    }
    let accepted = 0;
    let duplicates = 0;
    const debug = this.options.logger?.isLevelEnabled('debug') ? this.options.logger : undefined;
    results.forEach((result, i) => {
      if (result.status === 'accepted') accepted += 1;
      else if (result.status === 'duplicate') duplicates += 1;
      else refusals.set(readable[i]!.message, result.refusal);
      if (debug) this.logDecided(debug, readable[i]!, result);
    });

    // In the batch's order, so a relationship's dead letters keep the order of its inputs.
    const letters = batch.filter((m) => refusals.has(m)).map((message) => ({ message, letter: deadLetterOf(message, refusals.get(message)!) }));
    return { accepted, duplicates, deadLetters: await this.publishDeadLetters(letters) };
  }

  /** One line per decided input (debug), findable by the input's trace. */
  private logDecided(logger: Logger, { message, raw }: { message: InboundMessage; raw: unknown }, result: HandleResult): void {
    const fields = { ...traceLogFields(traceContextOfInput(raw)), topic: message.topic, partition: message.partition, offset: message.offset, key: message.key?.slice(0, 200) };
    if (result.status === 'accepted') logger.debug({ ...fields, events: result.events.map((e) => e.type) }, 'input accepted');
    else if (result.status === 'duplicate') logger.debug(fields, 'input was a duplicate');
    else logger.debug({ ...fields, code: result.refusal.code }, 'input refused');
  }

  /** With token auth, the command as its token's actor sends it, or the refusal. */
  private signedCommand(message: InboundMessage, raw: Record<string, unknown>): { ok: true; raw: Record<string, unknown> } | { ok: false; refusal: DeadLetterReason } {
    const actorOf = this.options.commandActor;
    if (!actorOf) return { ok: true, raw };
    const actor = actorOf(message.headers.authorization);
    if (!actor) return { ok: false, refusal: { code: 'forbidden', field: 'authorization', message: 'a command needs a valid signed bearer token in its authorization header' } };
    const given = raw.actor as Partial<Actor> | undefined;
    if (given !== undefined && (typeof given !== 'object' || given === null || given.id !== actor.id || given.teamId !== actor.teamId || given.role !== actor.role)) {
      return { ok: false, refusal: { code: 'forbidden', field: 'actor', message: `the command names an actor other than its token's (${actor.id} of ${actor.teamId})` } };
    }
    return { ok: true, raw: { ...raw, actor } };
  }

  /** Records dead letters in order, then publishes those not yet published. */
  private async publishDeadLetters(letters: { message: InboundMessage; letter: DeadLetter }[]): Promise<DeadLetter[]> {
    if (letters.length === 0) return [];
    return this.publish(await this.archive.record(letters.map(({ message, letter }) => deadLetterRow(message, letter))));
  }

  /** Publishes recorded dead letters in order and marks them; one too large for the broker goes out truncated with its row's id. */
  private async publish(recorded: RecordedDeadLetter[]): Promise<DeadLetter[]> {
    if (recorded.length === 0) return [];
    const published: DeadLetter[] = [];
    const outbound: OutboundMessage[] = [];
    for (const row of recorded) {
      const letter = JSON.parse(row.letter) as DeadLetter;
      let out = deadLetterMessage(letter, row.recordedAt);
      let sent = letter;
      if (sizeOnBroker(out) > this.maxDeadLetterBytes) {
        sent = truncatedDeadLetter(letter, row);
        out = deadLetterMessage(sent, row.recordedAt);
      }
      published.push(sent);
      outbound.push(out);
    }
    await this.options.bus.publish(this.topics.deadLetter, outbound);
    await this.archive.markPublished(recorded.map((row) => row.id));
    for (const letter of published) {
      this.deadLettered?.inc({ topic: letter.source.topic, code: letter.code });
      this.options.logger?.info({ ...traceLogFields(traceContextOf(letter.original.headers)), code: letter.code, field: letter.field, ...letter.source, key: letter.original.key?.slice(0, 200), stored: letter.stored?.id }, `input dead-lettered: ${letter.message.slice(0, 1_000)}`);
    }
    return published;
  }
}
