// A dead letter: a refused or unreadable input with its reason and everything needed to replay it.
import type { Refusal } from '@offramp/domain';
import type { InboundMessage, OutboundMessage } from '../ports';

export interface DeadLetter extends Refusal {
  /** Where the input was read. */
  source: { topic: string; partition: number; offset: string };
  /** The message exactly as it arrived (value as a string, null when it had none). */
  original: { key: string | null; value: string | null; headers: Record<string, string> };
}

export const DEAD_LETTER_CODE_HEADER = 'dead-letter-code';

export function deadLetterOf(message: InboundMessage, refusal: Refusal): DeadLetter {
  return {
    code: refusal.code,
    message: refusal.message,
    ...(refusal.field === undefined ? {} : { field: refusal.field }),
    source: { topic: message.topic, partition: message.partition, offset: message.offset },
    original: { key: message.key, value: message.value, headers: message.headers },
  };
}

/** Keyed like the original, so one relationship's dead letters stay in order too. */
export function deadLetterMessage(letter: DeadLetter): OutboundMessage {
  return {
    key: letter.original.key,
    value: JSON.stringify(letter),
    headers: { ...letter.original.headers, [DEAD_LETTER_CODE_HEADER]: letter.code },
  };
}
