// Where a reader of the global order stopped: the (transaction id, global position) of the
// last event it saw. Events are read in that order, so the pair is all a checkpoint needs.
import type { Checkpoint } from '@offramp/runtime';

export interface GlobalOrderPosition { transactionId: string; globalPosition: string }

export const START: GlobalOrderPosition = { transactionId: '0', globalPosition: '0' };

export function encodeCheckpoint(position: GlobalOrderPosition): string {
  return `${position.transactionId}:${position.globalPosition}`;
}

export function decodeCheckpoint(checkpoint: Checkpoint): GlobalOrderPosition {
  if (checkpoint === null) return START;
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new Error(`not a checkpoint of this store: ${checkpoint}`);
  return { transactionId: match[1], globalPosition: match[2] };
}
