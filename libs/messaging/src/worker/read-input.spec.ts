import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../ports';
import { readInput } from './read-input';

const on = (topic: string, value: string | null): InboundMessage => ({ topic, partition: 0, offset: '7', key: 'acme', value, headers: {} });
const paid = { id: 'billing-1', type: 'invoice.paid', relationshipId: 'acme', occurredAt: '2026-03-02T09:30:00Z', source: 'billing', data: {} };

describe('reading an input from its topic', () => {
  it('gives the engine a signal, marked as one', () => {
    expect(readInput(on('offramp.signals', JSON.stringify(paid)), 'signal')).toEqual({ ok: true, raw: { ...paid, kind: 'signal' } });
  });

  it('refuses a value that is not JSON with the code of the topic', () => {
    expect(readInput(on('offramp.signals', '{not json'), 'signal')).toMatchObject({ ok: false, refusal: { code: 'invalid_signal' } });
    expect(readInput(on('offramp.commands', '<xml/>'), 'command')).toMatchObject({ ok: false, refusal: { code: 'invalid_command' } });
  });

  it('refuses an empty message, an array and a bare value', () => {
    for (const value of [null, '', '[1]', '42', 'null']) {
      expect(readInput(on('offramp.signals', value), 'signal')).toMatchObject({ ok: false, refusal: { code: 'invalid_signal' } });
    }
  });

  it('refuses a command sent on the signals topic, naming the field', () => {
    const command = JSON.stringify({ ...paid, kind: 'command' });
    expect(readInput(on('offramp.signals', command), 'signal')).toMatchObject({ ok: false, refusal: { code: 'invalid_signal', field: 'kind' } });
  });

  it('refuses a value that is not UTF-8, and one larger than an input may be', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(readInput({ ...on('offramp.signals', bytes.toString()), valueBytes: bytes }, 'signal')).toMatchObject({ ok: false, refusal: { code: 'invalid_signal', message: expect.stringMatching(/UTF-8/) } });
    expect(readInput(on('offramp.signals', JSON.stringify({ ...paid, pad: 'x'.repeat(300_000) })), 'signal')).toMatchObject({ ok: false, refusal: { code: 'invalid_signal' } });
  });

  it('refuses a message whose key is not its relationshipId as key_mismatch', () => {
    expect(readInput({ ...on('offramp.signals', JSON.stringify(paid)), key: 'globex' }, 'signal')).toMatchObject({ ok: false, refusal: { code: 'key_mismatch', field: 'relationshipId' } });
    expect(readInput({ ...on('offramp.signals', JSON.stringify(paid)), key: null }, 'signal')).toMatchObject({ ok: false, refusal: { code: 'key_mismatch' } });
  });
});
