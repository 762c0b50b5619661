import { describe, expect, it } from 'vitest';
import { catalogueJsonSchemas, COMMAND_TYPES, parseInput, SIGNAL_TYPES } from '.';

const signal = { kind: 'signal', id: 'b-1', type: 'invoice.paid', relationshipId: 'acme', occurredAt: '2026-03-02T09:30:00Z', source: 'billing', data: { invoiceId: 'I', amount: 1, paidOn: '2026-03-02' } };
const command = { id: 'c-1', type: 'notice.serve', relationshipId: 'acme', issuedAt: '2026-03-02T10:30:00+01:00', actor: { id: 'u', teamId: 't', role: 'admin' }, data: { reason: 'x', channel: 'video' } };
const refusal = (raw: unknown) => { const r = parseInput(raw); if (r.ok) throw new Error('accepted'); return r.refusal; };

describe('the catalogue', () => {
  it('accepts a well-formed signal and tolerates unknown fields', () => {
    const r = parseInput({ ...signal, extra: 1, data: { ...signal.data, note: 'x' } });
    expect(r.ok && r.input.kind).toBe('signal');
  });
  it.each([
    ['occurredAt', { occurredAt: '2026-03-02T09:30:00' }],
    ['source', { source: undefined }],
    ['id', { id: 7 }],
    ['data.invoiceId', { data: { amount: 1, paidOn: '2026-03-02' } }],
    ['data.paidOn', { data: { invoiceId: 'I', amount: 1, paidOn: '2 March' } }],
    ['type', { type: 'weather.changed' }],
  ])('refuses a signal with a bad %s as invalid_signal naming it', (field, change) => {
    const r = refusal({ ...signal, ...change });
    expect(r).toMatchObject({ code: 'invalid_signal', field });
    expect(r.message).toContain(field);
  });
  it('without kind, an actor or issuedAt means a command', () => {
    expect(parseInput(command)).toMatchObject({ ok: true, input: { kind: 'command' } });
    expect(refusal({ ...command, actor: undefined })).toMatchObject({ code: 'invalid_command', field: 'actor' });
  });
  it('a list as the notice reason is invalid_command', () =>
    expect(refusal({ ...command, data: { reason: ['a', 'b'], channel: 'video' } })).toMatchObject({ code: 'invalid_command', field: 'data.reason' }));
  it('an unknown role or channel is invalid_command', () => {
    expect(refusal({ ...command, actor: { id: 'u', teamId: 't', role: 'owner' } })).toMatchObject({ field: 'actor.role' });
    expect(refusal({ ...command, data: { reason: 'x', channel: 'no_contact' } })).toMatchObject({ field: 'data.channel' });
  });
  it('exports one JSON schema per signal and command type, plus the envelopes', () => {
    const schemas = catalogueJsonSchemas();
    expect(Object.keys(schemas)).toHaveLength(SIGNAL_TYPES.length + COMMAND_TYPES.length + 2);
    expect(schemas['signal:invoice.paid']).toMatchObject({ properties: { data: { required: ['invoiceId', 'amount', 'paidOn'] } } });
  });
});
