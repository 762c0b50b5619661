// The published JSON Schemas: each standalone, with $id, title and description, and each one
// accepts what the product accepts or writes and refuses what it refuses.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, DEFAULT_POLICY, documentOf, SIGNAL_TYPES } from '@offramp/domain';
import { deadLetterOf, PUBLISHED_EVENT_TYPES, publishedEventOf, schemaIdOf } from '@offramp/messaging';
import { COMMAND_EXAMPLES, commandBodyExample, exampleEvents, SIGNAL_EXAMPLES } from './examples';
import { publishedJsonSchemas, publishedSchemas } from './published-schemas';

const schemas = publishedJsonSchemas();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const valid = (name: string, value: unknown) => {
  const validate = ajv.getSchema(schemaIdOf(name))!;
  const ok = validate(value);
  return ok ? true : validate.errors;
};

describe('the published JSON Schemas', () => {
  it('are one per signal and command type, any signal, any command, the command body, every event, the dead letter and the policy document', () => {
    const names = Object.keys(schemas);
    expect(names).toEqual(expect.arrayContaining(['signal', 'command', 'command-body', 'relationship-event', 'dead-letter.v1', 'policy-document', 'event.team_policy.activated.v1']));
    for (const type of SIGNAL_TYPES) expect(names).toContain(`signal.${type}`);
    for (const type of COMMAND_TYPES) expect(names).toContain(`command.${type}`);
    for (const type of PUBLISHED_EVENT_TYPES) expect(names).toContain(publishedEventOf(type)!.schemaName);
    expect(names).toHaveLength(publishedSchemas().length);
  });

  it('each have $id, title and description, and compile standalone', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema, name).toMatchObject({ $id: schemaIdOf(name), title: expect.any(String), description: expect.any(String) });
      const alone = new Ajv2020({ strict: false });
      addFormats(alone);
      expect(() => alone.compile(schema), name).not.toThrow();
    }
  }, 60_000);

  it('any signal selects the data schema by type', () => {
    for (const example of SIGNAL_EXAMPLES) expect(valid('signal', example), example.type).toBe(true);
    expect(valid('signal', { ...SIGNAL_EXAMPLES[5], type: 'invoice.paid', data: { invoiceId: 'I' } })).not.toBe(true);
    expect(valid('signal', { ...SIGNAL_EXAMPLES[0], type: 'weather.changed' })).not.toBe(true);
  });

  it('any command selects the data schema by type, and needs its actor', () => {
    for (const example of COMMAND_EXAMPLES) expect(valid('command', example), example.type).toBe(true);
    const { actor: _, ...withoutActor } = COMMAND_EXAMPLES[0]!;
    expect(valid('command', withoutActor)).not.toBe(true);
  });

  it('the HTTP command body has no actor', () => {
    expect(valid('command-body', commandBodyExample('notice.serve'))).toBe(true);
    expect(valid('command-body', { ...commandBodyExample('notice.serve'), data: { reason: 'x', channel: 'pigeon' } })).not.toBe(true);
  });

  it('every event the domain writes is valid as a domain event and as its published message', () => {
    exampleEvents().forEach((event, i) => {
      expect(valid('relationship-event', event), event.type).toBe(true);
      const message = { eventId: `e-${i}`, streamId: event.relationshipId, version: i + 1, globalPosition: i + 1, type: event.type, event, recordedAt: event.at };
      expect(valid(publishedEventOf(event.type)!.schemaName, message), event.type).toBe(true);
    });
  });

  it('the policy document schema accepts the default policy\'s document and refuses a field out of its bounds or unknown', () => {
    const document = documentOf({ ...DEFAULT_POLICY });
    expect(valid('policy-document', document)).toBe(true);
    expect(valid('policy-document', { ...document, coolingOffHours: -1 })).not.toBe(true);
    expect(valid('policy-document', { ...document, weather: 'sunny' })).not.toBe(true);
  });

  it('a dead letter as the worker writes it is valid', () => {
    const letter = deadLetterOf({ topic: 'offramp.signals', partition: 1, offset: '9', key: 'acme', value: 'not json', headers: { a: 'b' } }, { code: 'invalid_signal', message: 'The signal is not JSON.' });
    expect(valid('dead-letter.v1', JSON.parse(JSON.stringify(letter)))).toBe(true);
    expect(valid('dead-letter.v1', { ...letter, code: 'bored' })).not.toBe(true);
  });
});
