// Turns a message from an input topic into a raw input for the engine, or a refusal when it cannot be
// one. The engine validates the shape; this only checks what the engine cannot see: that the value is
// UTF-8 text of a JSON object within the size limit, that it came on the topic of its kind, and that
// it is keyed by its relationshipId (the partition keeps one relationship's inputs in order). A signal
// may come as a CloudEvent (binary or structured mode) instead of the contract's envelope; a W3C
// trace context in the headers rides along with the input.
import { LIMITS } from '@offramp/domain';
import { cloudEventInput, isCloudEvent, traceContextOf, withTraceContext } from '../cloudevents';
import type { InboundMessage } from '../ports';
import { isUtf8, type DeadLetterReason } from './dead-letter';

export type InputKind = 'signal' | 'command';

export type ReadInput = { ok: true; raw: Record<string, unknown> } | { ok: false; refusal: DeadLetterReason };

export function readInput(message: InboundMessage, kind: InputKind): ReadInput {
  const code = kind === 'signal' ? 'invalid_signal' : 'invalid_command';
  const cloudEvent = kind === 'signal' && isCloudEvent(message);
  if (!cloudEvent && (message.value === null || message.value.trim() === '')) {
    return { ok: false, refusal: { code, message: `the message has no value; a ${kind} is a JSON object` } };
  }
  if (message.valueBytes && !isUtf8(message.valueBytes)) {
    return { ok: false, refusal: { code, message: `the message value is not valid UTF-8; a ${kind} is a JSON object` } };
  }
  const size = message.valueBytes ? message.valueBytes.length : Buffer.byteLength(message.value ?? '');
  if (size > LIMITS.bytes) {
    return { ok: false, refusal: { code, message: `the message value has ${size} bytes; a ${kind} has at most ${LIMITS.bytes}` } };
  }
  const read = cloudEvent ? cloudEventInput(message) : envelopeOf(message.value ?? '', kind);
  if (!read.ok) return read;
  const raw = read.raw;
  if (raw.kind !== undefined && raw.kind !== kind) {
    return { ok: false, refusal: { code, field: 'kind', message: `kind must be "${kind}" on ${message.topic}, not ${JSON.stringify(raw.kind)}` } };
  }
  if (typeof raw.relationshipId === 'string' && message.key !== raw.relationshipId) {
    const key = message.key === null ? 'no key' : `key ${JSON.stringify(message.key.slice(0, 200))}`;
    return { ok: false, refusal: { code: 'key_mismatch', field: 'relationshipId', message: `the message has ${key}; a ${kind} is keyed by its relationshipId` } };
  }
  return { ok: true, raw: withTraceContext({ ...raw, kind }, traceContextOf(message.headers)) };
}

/** The contract's envelope: the value is one JSON object. */
function envelopeOf(value: string, kind: InputKind): ReadInput {
  const code = kind === 'signal' ? 'invalid_signal' : 'invalid_command';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    return { ok: false, refusal: { code, message: `the message value is not JSON (${(error as Error).message}); a ${kind} is a JSON object` } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, refusal: { code, message: `the message value must be a JSON object (one ${kind}), not ${Array.isArray(parsed) ? 'an array' : typeof parsed}` } };
  }
  return { ok: true, raw: parsed as Record<string, unknown> };
}
