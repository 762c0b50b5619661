// Names of the CloudEvents offramp publishes (event types: published-events.ts).

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
/** `ce_source` of everything the engine publishes. */
export const ENGINE_SOURCE = '/offramp/engine';
export const JSON_CONTENT_TYPE = 'application/json';
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

export const DEAD_LETTER_TYPE = 'offramp.dead_letter.v1';

export const DEAD_LETTER_SCHEMA_NAME = 'dead-letter.v1';

/** `$id` of a published JSON Schema, and what `ce_dataschema` points to. */
export const schemaIdOf = (name: string): string => `urn:offramp:schema:${name}`;
