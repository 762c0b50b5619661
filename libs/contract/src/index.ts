// The integration contract as documents: the published JSON Schemas, the AsyncAPI document of the
// Kafka topics, and the zod → JSON Schema conversion the OpenAPI document uses too.
export * from './json-schema';
export * from './published-schemas';
export * from './asyncapi';
export * from './examples';
