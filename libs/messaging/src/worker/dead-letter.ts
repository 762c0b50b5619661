// A dead letter: a refused or unprocessable input with its reason and everything needed to replay it.
import { createHash } from 'node:crypto';
import { REFUSAL_CODES, type Refusal } from '@offramp/domain';
import { z } from 'zod';
import { deadLetterHeaders } from '../cloudevents';
import type { ArchivedDeadLetter, InboundMessage, OutboundMessage } from '../ports';

/**
 * The refusal codes of the contract, plus the transport's own: `unprocessable` (the input made the
 * handler or the database fail; the error is the message) and `key_mismatch` (the message's key
 * is not its relationshipId, which would break per-relationship ordering).
 */
export const DEAD_LETTER_CODES = [...REFUSAL_CODES, 'unprocessable', 'key_mismatch'] as const;
export type DeadLetterCode = (typeof DEAD_LETTER_CODES)[number];

export const deadLetterSchema = z.object({
  code: z.enum(DEAD_LETTER_CODES).describe('Why it was refused: a refusal code of the contract, or unprocessable, or key_mismatch.'),
  message: z.string().describe('The reason, as a sentence.'),
  field: z.string().optional().describe('The offending field as a dotted path, where there is one.'),
  source: z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() }).describe('Where the input was read.'),
  original: z.object({
    key: z.string().nullable(),
    value: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    encoding: z.literal('base64').optional().describe('A value that is not valid UTF-8 is given in base64, so its bytes are kept exactly.'),
    truncated: z.literal(true).optional().describe('Only the beginning of the value: the whole dead letter is in `stored`.'),
  }).describe('The message as it arrived (value null when it had none).'),
  stored: z.object({ table: z.literal('dead_letters'), id: z.string().nullable(), size: z.number().int(), sha256: z.string() }).optional()
    .describe('Set when the dead letter was too large for the broker: it is kept whole in the database (`dead_letters` row `id`); `size` and `sha256` are those of the original value\'s bytes.'),
}).meta({ id: 'DeadLetter', title: 'Dead letter', description: 'A refused or unprocessable input with its reason and everything needed to replay it.' });

export type DeadLetter = z.infer<typeof deadLetterSchema>;
export type DeadLetterReason = Pick<DeadLetter, 'code' | 'message' | 'field'>;

export const DEAD_LETTER_CODE_HEADER = 'dead-letter-code';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether bytes are valid UTF-8 (a value that is not cannot be a JSON input). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The value's bytes: as received when the transport has them, else its UTF-8 encoding. */
export const valueBytesOf = (message: InboundMessage): Buffer | null =>
  (message.valueBytes ? Buffer.from(message.valueBytes) : message.value === null ? null : Buffer.from(message.value, 'utf8'));

export function deadLetterOf(message: InboundMessage, reason: Refusal | DeadLetterReason): DeadLetter {
  const bytes = message.valueBytes;
  const binary = bytes !== undefined && bytes !== null && !isUtf8(bytes);
  return {
    code: reason.code,
    message: reason.message,
    ...(reason.field === undefined ? {} : { field: reason.field }),
    source: { topic: message.topic, partition: message.partition, offset: message.offset },
    original: binary
      ? { key: message.key, value: Buffer.from(bytes).toString('base64'), headers: message.headers, encoding: 'base64' }
      : { key: message.key, value: message.value, headers: message.headers },
  };
}

/**
 * Keyed like the original, so one relationship's dead letters stay in order too; a CloudEvent in
 * binary mode. Made from the recorded letter and the time it was recorded, so publishing it again
 * gives the same message.
 */
export function deadLetterMessage(letter: DeadLetter, refusedAt: Date): OutboundMessage {
  return {
    key: letter.original.key,
    value: JSON.stringify(letter),
    headers: { ...letter.original.headers, [DEAD_LETTER_CODE_HEADER]: letter.code, ...deadLetterHeaders(letter, refusedAt) },
  };
}

/** The `dead_letters` row of a dead letter: where its input was read, the original bytes exactly, the whole letter. */
export function deadLetterRow(message: InboundMessage, letter: DeadLetter): ArchivedDeadLetter {
  const bytes = valueBytesOf(message);
  return {
    topic: message.topic, partition: message.partition, offset: message.offset, code: letter.code, key: message.key,
    value: bytes, letter: JSON.stringify(letter), size: bytes?.length ?? 0, sha256: createHash('sha256').update(bytes ?? Buffer.alloc(0)).digest('hex'),
  };
}

/** Bytes a dead letter takes on the broker (value, key and headers). */
export function sizeOnBroker(message: OutboundMessage): number {
  let size = Buffer.byteLength(message.value) + (message.key === null ? 0 : Buffer.byteLength(message.key));
  for (const [name, value] of Object.entries(message.headers ?? {})) size += Buffer.byteLength(name) + Buffer.byteLength(value);
  return size;
}

/** How much of an oversized original a published dead letter keeps. */
export const TRUNCATED_VALUE_CHARS = 4_096;

/** The dead letter as published when it is kept whole in the database as row `stored.id` (size and hash of the original value). */
export function truncatedDeadLetter(letter: DeadLetter, stored: { id: string | null; size: number; sha256: string }): DeadLetter {
  return {
    ...letter,
    original: {
      ...letter.original,
      key: letter.original.key === null ? null : letter.original.key.slice(0, TRUNCATED_VALUE_CHARS),
      value: letter.original.value === null ? null : letter.original.value.slice(0, TRUNCATED_VALUE_CHARS),
      truncated: true,
    },
    stored: { table: 'dead_letters', id: stored.id, size: stored.size, sha256: stored.sha256 },
  };
}
