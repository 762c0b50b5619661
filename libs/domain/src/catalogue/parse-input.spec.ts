import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anyCommandSchema, anySignalSchema, commandBodySchema, parseInput } from '.';
import { commandSchemaOf } from './commands';

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
  it('has one schema per type for any signal and any command, selected by type', () => {
    expect(anySignalSchema.safeParse({ ...signal, kind: undefined }).success).toBe(true);
    expect(anySignalSchema.safeParse({ ...signal, data: { invoiceId: 'I' } }).error?.issues[0]?.path).toEqual(['data', 'amount']);
    expect(anyCommandSchema.safeParse(command).success).toBe(true);
    expect(anyCommandSchema.safeParse({ ...command, type: 'notice.paint' }).success).toBe(false);
  });
  it('has an HTTP command body: the envelope without actor', () => {
    const { actor: _, ...body } = command;
    expect(commandBodySchema.safeParse(body).success).toBe(true);
    expect(commandBodySchema.safeParse({ ...body, data: { reason: 'x', channel: 'pigeon' } }).success).toBe(false);
  });

  describe('limits: what the database cannot hold or the rules cannot compute with is malformed', () => {
    const deep = (n: number) => { let v: unknown = 1; for (let i = 0; i < n; i++) v = { a: v }; return v; };
    const open = { ...command, type: 'relationship.open', data: { clientName: 'Acme', teamId: 't' } };
    it.each([
      ['id', { ...signal, id: 'b\u00001' }],
      ['source', { ...signal, source: 'bill\ud800' }],
      ['data.description', { ...signal, type: 'scope.changed', data: { description: 'a\u0000b' } }],
      ['data.note', { ...signal, data: { ...signal.data, note: '\udc00' } }],
      ['id', { ...signal, id: 'x'.repeat(10_000) }],
      ['occurredAt', { ...signal, type: 'message.sent', occurredAt: '9999-12-31T23:00:00Z', data: { messageId: 'm', channel: 'email' } }],
      ['data.dueOn', { ...signal, type: 'invoice.issued', data: { invoiceId: 'I', amount: 1, dueOn: '0000-01-01' } }],
      ['data.amount', { ...signal, data: { ...signal.data, amount: 1e300 } }],
      ['data.hours', { ...signal, type: 'time.logged', data: { hours: 1e9 } }],
      ['data.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a', { ...signal, data: deep(10_000) }],
    ])('refuses a signal whose %s is outside the limits, as invalid_signal naming it', (field, raw) => {
      expect(refusal(raw)).toMatchObject({ code: 'invalid_signal', field });
    });
    it.each([
      ['data.responseWindowHours', { ...open, data: { ...open.data, responseWindowHours: 1e12 } }],
      ['data.clientName', { ...open, data: { ...open.data, clientName: 'A\u0000' } }],
      ['data.reviewOn', { ...command, type: 'repair.start', data: { strategy: 'check_in_call', ownerId: 'u', reviewOn: '9999-12-31' } }],
      ['data.contract.noticeDays', { ...open, data: { ...open.data, contract: { startsOn: '2026-01-01', noticeDays: 1e9 } } }],
    ])('refuses a command whose %s is outside the limits, as invalid_command naming it', (field, raw) => {
      expect(refusal(raw)).toMatchObject({ code: 'invalid_command', field });
    });
    it('a prototype name is an ordinary id or key', () => {
      expect(parseInput({ ...signal, id: '__proto__', data: { ...signal.data, invoiceId: '__proto__' } }).ok).toBe(true);
      expect(parseInput(JSON.parse(`{"kind":"signal","id":"x","type":"meeting.missed","relationshipId":"constructor","occurredAt":"2026-03-02T09:30:00Z","source":"s","data":{"__proto__":{"a":1}}}`)).ok).toBe(true);
    });
    it('publishes the limits in the JSON Schemas', () => {
      const schema = z.toJSONSchema(commandSchemaOf('relationship.open')) as { properties: Record<string, { maxLength?: number; pattern?: string; properties?: Record<string, { maximum?: number }> }> };
      expect(schema.properties.id).toMatchObject({ maxLength: 200 });
      expect(schema.properties.id!.pattern).toBeDefined();
      expect(schema.properties.data!.properties!.responseWindowHours).toMatchObject({ maximum: 8760 });
    });
  });
});
