// Turns a message from an input topic into a raw input for the engine, or a refusal when it cannot be
// one. The engine validates the shape; this only checks what the engine cannot see: that the value is
// a JSON object, and that it came on the topic of its kind.
import type { Refusal } from '@offramp/domain';
import type { InboundMessage } from '../ports';

export type InputKind = 'signal' | 'command';

export type ReadInput = { ok: true; raw: Record<string, unknown> } | { ok: false; refusal: Refusal };

export function readInput(message: InboundMessage, kind: InputKind): ReadInput {
  const code = kind === 'signal' ? 'invalid_signal' : 'invalid_command';
  if (message.value === null || message.value.trim() === '') {
    return { ok: false, refusal: { code, message: `the message has no value; a ${kind} is a JSON object` } };
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
  return { ok: true, raw: { ...raw, kind } };
}
