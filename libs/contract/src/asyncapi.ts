// The AsyncAPI 3 document of offramp's Kafka topics, generated from the same zod schemas as the
// OpenAPI document and the published JSON Schemas: every message type with its payload, the Kafka
// key, the CloudEvents headers and the bindings. Served at GET /asyncapi.json and written by
// `npm run cli -- schemas DIR`.
import { SIGNAL_SCHEMAS, SIGNAL_TYPES, COMMAND_SCHEMAS, COMMAND_TYPES } from '@offramp/domain';
import {
  CLOUDEVENTS_SPEC_VERSION, DEAD_LETTER_CODE_HEADER, DEAD_LETTER_SCHEMA_NAME, DEAD_LETTER_TYPE, DEFAULT_TOPICS, ENGINE_SOURCE,
  EVENT_ID_HEADER, EVENT_TYPE_HEADER, JSON_CONTENT_TYPE, PUBLISHED_EVENT_TYPES, STRUCTURED_CONTENT_TYPE, deadLetterSchema,
  eventMessageSchemas, publishedEventOf, schemaIdOf, type MessagingTopics, type PublishedEventType,
} from '@offramp/messaging';
import type { z } from 'zod';
import { COMMAND_EXAMPLES, exampleEvents, SIGNAL_EXAMPLES } from './examples';
import { idOf, namedSchemas, type JsonSchema } from './json-schema';

export interface AsyncApiOptions {
  topics?: MessagingTopics;
  /** Partitions of the topics the product creates. */
  partitions?: number;
  /** Bootstrap servers, when known (`host:port`). */
  brokers?: string[];
}

const KAFKA_BINDING = '0.5.0';
const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${idOf(schema)}` });
const keyBinding = (description: string) => ({ kafka: { key: { type: 'string', description }, bindingVersion: KAFKA_BINDING } });
const text = { type: 'string' } as const;

const traceHeaders = {
  traceparent: { type: 'string', description: 'W3C trace context of the input that caused the event.' },
  tracestate: { type: 'string' },
  ce_traceparent: { type: 'string', description: 'The same, as the CloudEvents distributed-tracing extension.' },
  ce_tracestate: { type: 'string' },
};

/** The `ce_*` headers of a binary-mode CloudEvent the engine publishes. */
function cloudEventHeaders(type: string, dataschema: string, extra: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema {
  return {
    type: 'object',
    properties: {
      ce_specversion: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
      ce_id: { type: 'string', description: 'Unique per event: consumers deduplicate by it.' },
      ce_source: { type: 'string', const: ENGINE_SOURCE },
      ce_type: { type: 'string', const: type },
      ce_time: { type: 'string', format: 'date-time' },
      ce_subject: { type: 'string', description: 'The relationship id.' },
      ce_dataschema: { type: 'string', const: dataschema },
      'content-type': { type: 'string', const: JSON_CONTENT_TYPE },
      ...traceHeaders,
      ...extra,
    },
    required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_dataschema', 'content-type', ...required],
  };
}

function eventMessage({ type, description, cloudEventType, schemaName }: PublishedEventType, examples: JsonSchema[]) {
  return {
    name: type,
    title: type,
    summary: description,
    contentType: JSON_CONTENT_TYPE,
    headers: cloudEventHeaders(cloudEventType, schemaIdOf(schemaName), {
      [EVENT_ID_HEADER]: { type: 'string', description: 'The event id, as `ce_id`.' },
      [EVENT_TYPE_HEADER]: { type: 'string', const: type },
    }, ['ce_subject']),
    payload: ref(eventMessageSchemas()[type]!),
    bindings: keyBinding('The relationship id: one relationship\'s events are in stream order.'),
    ...(examples.length ? { examples: examples.slice(0, 2) } : {}),
  };
}

/** A stored event as the outbox publishes it (for examples): the same shape `eventToKafka` writes. */
function publishedExample(event: ReturnType<typeof exampleEvents>[number], n: number): JsonSchema {
  const eventId = `0b7f6c1e-5d0a-4c5e-9f00-${String(n).padStart(12, '0')}`;
  const published = publishedEventOf(event.type)!;
  return {
    name: `${event.type}-${n}`,
    headers: {
      ce_specversion: CLOUDEVENTS_SPEC_VERSION, ce_id: eventId, ce_source: ENGINE_SOURCE, ce_type: published.cloudEventType, ce_time: event.at,
      ce_subject: event.relationshipId, ce_dataschema: schemaIdOf(published.schemaName), 'content-type': JSON_CONTENT_TYPE,
      [EVENT_ID_HEADER]: eventId, [EVENT_TYPE_HEADER]: event.type,
    },
    payload: { eventId, streamId: event.relationshipId, version: n + 1, globalPosition: n + 1, type: event.type, event, recordedAt: event.at },
  };
}

export function asyncApiDocument(options: AsyncApiOptions = {}): JsonSchema {
  const topics = options.topics ?? DEFAULT_TOPICS;
  const partitions = options.partitions ?? 6;
  const events = exampleEvents().map(publishedExample);
  const examplesOf = (type: string) => events.filter((e) => (e.payload as { type: string }).type === type);

  const signalMessages = Object.fromEntries(SIGNAL_TYPES.map((type, i) => [`Signal.${type}`, {
    name: type, title: `Signal ${type}`, contentType: JSON_CONTENT_TYPE, payload: ref(SIGNAL_SCHEMAS[type]),
    bindings: keyBinding('The relationshipId of the signal.'),
    headers: { type: 'object', properties: traceHeaders },
    examples: [{ name: type, payload: SIGNAL_EXAMPLES[i] }],
  }]));
  const cloudEventSignal = {
    name: 'SignalCloudEvent',
    title: 'Signal as a CloudEvent (binary mode)',
    summary: 'A signal as a CloudEvent: ce_id is the signal id, ce_source its source, ce_type its catalogue type, ce_subject the relationship, ce_time when it happened; the value is its data.',
    contentType: JSON_CONTENT_TYPE,
    headers: {
      type: 'object',
      properties: {
        ce_specversion: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION }, ce_id: text, ce_source: text,
        ce_type: { type: 'string', enum: [...SIGNAL_TYPES] }, ce_subject: text, ce_time: { type: 'string', format: 'date-time' }, ...traceHeaders,
      },
      required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time'],
    },
    payload: { type: 'object', description: 'The signal\'s data, as its type\'s schema says.' },
    bindings: keyBinding('The relationship id.'),
    examples: [{
      name: 'invoice.paid',
      headers: { ce_specversion: '1.0', ce_id: 'billing-7f3a', ce_source: 'billing', ce_type: 'invoice.paid', ce_subject: 'acme', ce_time: '2026-03-02T09:30:00Z' },
      payload: { invoiceId: 'INV-12', amount: 1200, paidOn: '2026-03-02' },
    }],
  };
  const structuredSignal = {
    name: 'SignalCloudEventStructured',
    title: 'Signal as a CloudEvent (structured mode)',
    summary: 'The same attributes in one JSON document, with the signal\'s data under `data`.',
    contentType: STRUCTURED_CONTENT_TYPE,
    headers: { type: 'object', properties: { 'content-type': { type: 'string', pattern: '^application/cloudevents\\+json', description: `${STRUCTURED_CONTENT_TYPE}, with a charset or not.` }, ...traceHeaders }, required: ['content-type'] },
    payload: {
      type: 'object',
      properties: {
        specversion: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION }, id: text, source: text, type: { type: 'string', enum: [...SIGNAL_TYPES] },
        subject: text, time: { type: 'string', format: 'date-time' }, datacontenttype: text, traceparent: text, data: { type: 'object' },
      },
      required: ['specversion', 'id', 'source', 'type', 'subject', 'time'],
    },
    bindings: keyBinding('The relationship id.'),
    examples: [{
      name: 'invoice.paid',
      payload: { specversion: '1.0', id: 'billing-7f3a', source: 'billing', type: 'invoice.paid', subject: 'acme', time: '2026-03-02T09:30:00Z', datacontenttype: 'application/json', data: { invoiceId: 'INV-12', amount: 1200, paidOn: '2026-03-02' } },
    }],
  };
  const commandMessages = Object.fromEntries(COMMAND_TYPES.map((type, i) => [`Command.${type}`, {
    name: type, title: `Command ${type}`, contentType: JSON_CONTENT_TYPE, payload: ref(COMMAND_SCHEMAS[type]),
    bindings: keyBinding('The relationshipId of the command.'),
    headers: {
      type: 'object',
      properties: {
        authorization: { type: 'string', pattern: '^Bearer ', description: 'With KAFKA_COMMAND_AUTH=token: `Bearer <JWT>`, signed like the API\'s tokens; the actor is the token\'s.' },
        ...traceHeaders,
      },
    },
    examples: [{ name: type, payload: COMMAND_EXAMPLES[i] }],
  }]));
  const eventMessages = Object.fromEntries(PUBLISHED_EVENT_TYPES.map((type) => [`Event.${type}`, eventMessage(publishedEventOf(type)!, examplesOf(type))]));
  const deadLetterMessage = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A refused or unreadable input with its reason and the original message; its headers are the original\'s, with the CloudEvents attributes and the code added.',
    contentType: JSON_CONTENT_TYPE,
    headers: cloudEventHeaders(DEAD_LETTER_TYPE, schemaIdOf(DEAD_LETTER_SCHEMA_NAME), {
      [DEAD_LETTER_CODE_HEADER]: { type: 'string', description: 'The refusal code.' },
    }, [DEAD_LETTER_CODE_HEADER]),
    payload: ref(deadLetterSchema),
    bindings: keyBinding('The key of the original message.'),
    examples: [{
      name: 'not_found',
      headers: {
        ce_specversion: '1.0', ce_id: `dead-letter:${topics.signals}:2:41`, ce_source: ENGINE_SOURCE, ce_type: DEAD_LETTER_TYPE, ce_time: '2026-03-02T09:30:01.250Z',
        ce_subject: 'nobody', ce_dataschema: schemaIdOf(DEAD_LETTER_SCHEMA_NAME), 'content-type': JSON_CONTENT_TYPE, [DEAD_LETTER_CODE_HEADER]: 'not_found',
      },
      payload: {
        code: 'not_found', message: 'No relationship nobody has been opened.', field: 'relationshipId',
        source: { topic: topics.signals, partition: 2, offset: '41' },
        original: { key: 'nobody', value: JSON.stringify({ ...SIGNAL_EXAMPLES[13], relationshipId: 'nobody' }), headers: {} },
      },
    }],
  };

  const messages = { ...signalMessages, SignalCloudEvent: cloudEventSignal, SignalCloudEventStructured: structuredSignal, ...commandMessages, ...eventMessages, DeadLetter: deadLetterMessage };
  const channelMessages = (names: string[]) => Object.fromEntries(names.map((n) => [n, { $ref: `#/components/messages/${n}` }]));
  const channel = (address: string, description: string, names: string[]) => ({
    address, description, messages: channelMessages(names),
    bindings: { kafka: { topic: address, partitions, bindingVersion: KAFKA_BINDING } },
  });
  const operation = (action: 'send' | 'receive', channelName: string, names: string[], summary: string) => ({
    action, summary, channel: { $ref: `#/channels/${channelName}` },
    messages: names.map((n) => ({ $ref: `#/channels/${channelName}/messages/${n}` })),
  });
  const signalNames = [...Object.keys(signalMessages), 'SignalCloudEvent', 'SignalCloudEventStructured'];
  const schemas = namedSchemas(
    [...SIGNAL_TYPES.map((t) => SIGNAL_SCHEMAS[t]), ...COMMAND_TYPES.map((t) => COMMAND_SCHEMAS[t]), ...Object.values(eventMessageSchemas()), deadLetterSchema],
    (name) => `#/components/schemas/${name}`,
  );

  return {
    asyncapi: '3.0.0',
    id: 'urn:offramp:messaging',
    info: {
      title: 'offramp messaging',
      version: '1',
      description: 'Signals and commands in, domain events and dead letters out, on Kafka. Inputs are the contract\'s JSON envelopes '
        + '(signals may also come as CloudEvents 1.0, binary or structured mode); domain events and dead letters are CloudEvents 1.0 in binary '
        + 'content mode, keyed by relationship id. Every payload has a JSON Schema (`npm run cli -- schemas DIR`); `ce_dataschema` is its `$id`.',
      license: { name: 'UNLICENSED' },
    },
    defaultContentType: JSON_CONTENT_TYPE,
    servers: {
      kafka: {
        host: options.brokers?.join(',') ?? 'localhost:9092',
        protocol: 'kafka',
        description: 'The configured brokers (KAFKA_BROKERS).',
      },
    },
    channels: {
      signals: channel(topics.signals, 'Signals from other systems, keyed by relationshipId.', signalNames),
      commands: channel(topics.commands, 'Commands from people, with their actor, keyed by relationshipId.', Object.keys(commandMessages)),
      relationshipEvents: channel(topics.events, 'Every domain event, keyed by relationshipId (a team\'s policy events by their stream, `team-policy:<teamId>`), in stream order.', Object.keys(eventMessages)),
      deadLetter: channel(topics.deadLetter, 'Refused input with its reason and the original message.', ['DeadLetter']),
    },
    operations: {
      receiveSignals: operation('receive', 'signals', signalNames, 'The engine decides each signal.'),
      receiveCommands: operation('receive', 'commands', Object.keys(commandMessages), 'The engine decides each command.'),
      sendRelationshipEvents: operation('send', 'relationshipEvents', Object.keys(eventMessages), 'The outbox publishes every stored event.'),
      sendDeadLetters: operation('send', 'deadLetter', ['DeadLetter'], 'The engine dead-letters every refused or unreadable input.'),
    },
    components: { messages, schemas },
  };
}
