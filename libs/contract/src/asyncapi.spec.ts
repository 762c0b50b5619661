// The AsyncAPI document parses with the AsyncAPI parser, and every example in it validates
// against its own payload and headers schemas (validators built from the document alone).
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { SIGNAL_TYPES } from '@offramp/domain';
import { PUBLISHED_EVENT_TYPES } from '@offramp/messaging';
import { validatorsOf, type Document } from '../../../test/support/document-validators';
import { asyncApiDocument } from './asyncapi';

const document = asyncApiDocument();
type Message = { payload: unknown; headers?: unknown; examples?: { name: string; payload?: unknown; headers?: unknown }[] };
const messages = (document.components as { messages: Record<string, Message> }).messages;

describe('the AsyncAPI document', () => {
  it('parses as AsyncAPI 3 with no error and no warning', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(parsed?.channels().all().map((c) => c.address()).sort()).toEqual(['offramp.dead-letter', 'offramp.relationship-events', 'offramp.signals', 'offramp.commands'].sort());
  }, 60_000);

  it('has the four topics with every message type, keyed by relationship', () => {
    const channels = document.channels as Record<string, { messages: Record<string, unknown> }>;
    expect(Object.keys(channels.signals!.messages)).toEqual(expect.arrayContaining(SIGNAL_TYPES.map((t) => `Signal.${t}`)));
    expect(Object.keys(channels.relationshipEvents!.messages)).toEqual(PUBLISHED_EVENT_TYPES.map((t) => `Event.${t}`));
    for (const [name, message] of Object.entries(messages)) expect(message, name).toMatchObject({ bindings: { kafka: { key: { type: 'string' } } } });
    for (const [name, message] of Object.entries(messages)) expect(Object.keys((message.headers as { properties?: object } | undefined)?.properties ?? {}), name).toContain('traceparent');
    expect(messages['Command.note.add']!.headers).toMatchObject({ properties: { authorization: { type: 'string' } } });
  });

  it('every example validates against its own message schemas', () => {
    const validators = validatorsOf(document as Document);
    let checked = 0;
    for (const [name, message] of Object.entries(messages)) {
      for (const example of message.examples ?? []) {
        if (example.payload !== undefined) expect(validators.problems(message.payload, example.payload), `${name} ${example.name}`).toEqual([]);
        if (example.headers !== undefined && message.headers) expect(validators.problems(message.headers, example.headers), `${name} ${example.name} headers`).toEqual([]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(SIGNAL_TYPES.length);
  }, 60_000);

  it('names the configured topics', () => {
    const custom = asyncApiDocument({ topics: { signals: 's', commands: 'c', events: 'e', deadLetter: 'd' } });
    expect((custom.channels as Record<string, { address: string }>).relationshipEvents!.address).toBe('e');
  });
});
