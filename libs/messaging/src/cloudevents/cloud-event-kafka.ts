// CloudEvents 1.0 on Kafka, binary content mode (the Kafka protocol binding): the attributes are
// `ce_*` headers, the value is the data, `content-type` its media type, the key the relationship.
// Outbound: a stored domain event and a dead letter. Inbound: a signal sent as a CloudEvent, in
// binary or structured mode (`application/cloudevents+json`), mapped to the contract's envelope.
import { upcast, type Refusal } from '@offramp/domain';
import type { StoredEvent } from '@offramp/runtime';
import type { InboundMessage, OutboundMessage } from '../ports';
import type { DeadLetter } from '../worker/dead-letter';
import {
  CLOUDEVENTS_SPEC_VERSION, DEAD_LETTER_SCHEMA_NAME, DEAD_LETTER_TYPE, ENGINE_SOURCE, JSON_CONTENT_TYPE, STRUCTURED_CONTENT_TYPE,
  schemaIdOf,
} from './cloud-event-names';
import { cloudEventTypeOf, eventSchemaNameOf, publishedEventOf } from './published-events';
import { traceContextOf, traceHeadersOf, withTraceContext } from './trace-context';

/** Kept beside the CloudEvents attributes for consumers written against the first headers. */
export const EVENT_ID_HEADER = 'event-id';
export const EVENT_TYPE_HEADER = 'event-type';

/** A domain event as published: the stored event (at its type's current schema version) as data. */
export function eventToKafka(stored: StoredEvent): OutboundMessage {
  const event = upcast(stored.event);
  const version = publishedEventOf(stored.type)?.version ?? event.schemaVersion ?? 1;
  return {
    key: event.relationshipId,
    value: JSON.stringify(event === stored.event ? stored : { ...stored, event }),
    headers: {
      ce_specversion: CLOUDEVENTS_SPEC_VERSION,
      ce_id: stored.eventId,
      ce_source: ENGINE_SOURCE,
      ce_type: cloudEventTypeOf(stored.type, version),
      ce_time: event.at,
      ce_subject: event.relationshipId,
      ce_dataschema: schemaIdOf(eventSchemaNameOf(stored.type, version)),
      'content-type': JSON_CONTENT_TYPE,
      ...traceHeadersOf(event.trace),
      [EVENT_ID_HEADER]: stored.eventId,
      [EVENT_TYPE_HEADER]: stored.type,
    },
  };
}

/**
 * The CloudEvents attributes of a dead letter; its id names where the input was read, so a redelivery
 * repeats it. The trace context of the refused input goes on as the distributed-tracing extension.
 */
export function deadLetterHeaders(letter: DeadLetter, refusedAt: Date): Record<string, string> {
  const { topic, partition, offset } = letter.source;
  const subject = letter.original.key;
  return {
    ce_specversion: CLOUDEVENTS_SPEC_VERSION,
    ce_id: `dead-letter:${topic}:${partition}:${offset}`,
    ce_source: ENGINE_SOURCE,
    ce_type: DEAD_LETTER_TYPE,
    ce_time: refusedAt.toISOString(),
    ...(subject ? { ce_subject: subject } : {}),
    ce_dataschema: schemaIdOf(DEAD_LETTER_SCHEMA_NAME),
    'content-type': JSON_CONTENT_TYPE,
    ...traceHeadersOf(traceContextOf(letter.original.headers)),
  };
}

export type CloudEventInput = { ok: true; raw: Record<string, unknown> } | { ok: false; refusal: Refusal };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  if (name in headers) return headers[name];
  const found = Object.keys(headers).find((h) => h.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/** A signal from its CloudEvent attributes: id, source, type, subject (the relationship), time (when it happened). */
function signalOf(attributes: Record<string, unknown>, data: unknown): Record<string, unknown> {
  const signal = {
    kind: 'signal', id: attributes.id, type: attributes.type, relationshipId: attributes.subject, occurredAt: attributes.time,
    source: attributes.source, data: data === undefined ? {} : data,
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return withTraceContext(signal, traceContextOf({ traceparent: text(attributes.traceparent), tracestate: text(attributes.tracestate) }));
}

/** A CloudEvent in binary mode (`ce_specversion` header) or structured mode (`application/cloudevents+json`). */
export function isCloudEvent(message: InboundMessage): boolean {
  if (headerOf(message.headers, 'ce_specversion') !== undefined) return true;
  return (headerOf(message.headers, 'content-type') ?? '').toLowerCase().startsWith(STRUCTURED_CONTENT_TYPE);
}

/**
 * The contract's signal from a CloudEvent on the signals topic (see isCloudEvent). The engine checks
 * the shape as for any signal.
 */
export function cloudEventInput(message: InboundMessage): CloudEventInput {
  const specversion = headerOf(message.headers, 'ce_specversion');
  const refuse = (problem: string): CloudEventInput => ({ ok: false, refusal: { code: 'invalid_signal', message: `The CloudEvent ${problem}.` } });
  if (specversion !== undefined) {
    if (specversion !== CLOUDEVENTS_SPEC_VERSION) return refuse(`has specversion ${specversion}; 1.0 is read`);
    const attributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(message.headers)) {
      if (name.toLowerCase().startsWith('ce_')) attributes[name.slice(3).toLowerCase()] = value;
    }
    if (attributes.traceparent === undefined) {
      const traceparent = headerOf(message.headers, 'traceparent');
      if (traceparent !== undefined) attributes.traceparent = traceparent;
    }
    let data: unknown;
    try {
      data = message.value === null || message.value === '' ? undefined : JSON.parse(message.value);
    } catch (error) {
      return refuse(`data is not JSON (${(error as Error).message})`);
    }
    return { ok: true, raw: signalOf(attributes, data) };
  }
  let event: unknown;
  try {
    event = JSON.parse(message.value ?? '');
  } catch (error) {
    return refuse(`is not JSON (${(error as Error).message})`);
  }
  if (!isRecord(event)) return refuse('must be a JSON object');
  if (event.specversion !== CLOUDEVENTS_SPEC_VERSION) return refuse(`has specversion ${JSON.stringify(event.specversion)}; 1.0 is read`);
  if (event.datacontenttype !== undefined && !String(event.datacontenttype).toLowerCase().startsWith(JSON_CONTENT_TYPE)) {
    return refuse(`has datacontenttype ${JSON.stringify(event.datacontenttype)}; data must be JSON`);
  }
  return { ok: true, raw: signalOf(event, event.data) };
}
