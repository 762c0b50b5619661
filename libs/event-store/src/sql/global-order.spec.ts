import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from './global-order';

describe('checkpoints of the global order', () => {
  it('start before the first transaction', () => {
    expect(decodeCheckpoint(null)).toEqual({ transactionId: '0', globalPosition: '0' });
  });

  it('round-trip positions beyond what a JS number holds exactly', () => {
    const position = { transactionId: '18446744073709551000', globalPosition: '9007199254740993' };
    expect(decodeCheckpoint(encodeCheckpoint(position))).toEqual(position);
  });

  it('refuse a checkpoint from some other reader', () => {
    expect(() => decodeCheckpoint('42')).toThrow(/not a checkpoint/);
    expect(() => decodeCheckpoint('1:2; DROP TABLE events')).toThrow(/not a checkpoint/);
  });
});
