// Turns a message from an input topic into a raw input for the engine, or a refusal when it cannot be
// one. The engine validates the shape; this only checks what the engine cannot see: that the value is
// UTF-8 text of a JSON object within the size limit, that it came on the topic of its kind, and that
// it is keyed by its relationshipId (the partition keeps one relationship's inputs in order).
import { LIMITS } from '@offramp/domain';
import type { InboundMessage } from '../ports';
import { isUtf8, type DeadLetterReason } from './dead-letter';

export type InputKind = 'signal' | 'command';

export type ReadInput = { ok: true; raw: Record<string, unknown> } | { ok: false; refusal: DeadLetterReason };

export function readInput(message: InboundMessage, kind: InputKind): ReadInput {
  const code = kind === 'signal' ? 'invalid_signal' : 'invalid_command';
  if (message.value === null || message.value.trim() === '') {
    return { ok: false, refusal: { code, message: `the message has no value; a ${kind} is a JSON object` } };
  }
  if (message.valueBytes && !isUtf8(message.valueBytes)) {
    return { ok: false, refusal: { code, message: `the message value is not valid UTF-8; a ${kind} is a JSON object` } };
  }
  const size = message.valueBytes ? message.valueBytes.length : Buffer.byteLength(message.value);
  if (size > LIMITS.bytes) {
    return { ok: false, refusal: { code, message: `the message value has ${size} bytes; a ${kind} has at most ${LIMITS.bytes}` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(message.value);
  } catch (error) {
    return { ok: false, refusal: { code, message: `the message value is not JSON (${(error as Error).message}); a ${kind} is a JSON object` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, refusal: { code, message: `the message value must be a JSON object (one ${kind}), not ${Array.isArray(value) ? 'an array' : typeof value}` } };
  }
  const raw = value as Record<string, unknown>;
  if (raw.kind !== undefined && raw.kind !== kind) {
    return { ok: false, refusal: { code, field: 'kind', message: `kind must be "${kind}" on ${message.topic}, not ${JSON.stringify(raw.kind)}` } };
  }
  if (typeof raw.relationshipId === 'string' && message.key !== raw.relationshipId) {
    const key = message.key === null ? 'no key' : `key ${JSON.stringify(message.key.slice(0, 200))}`;
    return { ok: false, refusal: { code: 'key_mismatch', field: 'relationshipId', message: `the message has ${key}; a ${kind} is keyed by its relationshipId` } };
  }
  return { ok: true, raw: { ...raw, kind } };
}
