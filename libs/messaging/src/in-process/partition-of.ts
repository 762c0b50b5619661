// Same key, same partition: what keeps one relationship's messages in order.
import { createHash } from 'node:crypto';

export function partitionOf(key: string | null, partitions: number): number {
  if (key === null || partitions <= 1) return 0;
  return createHash('sha1').update(key).digest().readUInt32BE(0) % partitions;
}
