// JSON Schema of the catalogue (for the OpenAPI document and integrators).
import { z } from 'zod';
import { COMMAND_TYPES, commandEnvelope, commandSchemaOf } from './commands';
import { SIGNAL_TYPES, signalEnvelope, signalSchemaOf } from './signals';

/** One schema per signal type (`signal:<type>`) and command type (`command:<type>`), plus both envelopes. */
export function catalogueJsonSchemas(): Record<string, object> {
  const schemas: Record<string, object> = {
    'signal-envelope': z.toJSONSchema(signalEnvelope),
    'command-envelope': z.toJSONSchema(commandEnvelope),
  };
  for (const type of SIGNAL_TYPES) schemas[`signal:${type}`] = z.toJSONSchema(signalSchemaOf(type));
  for (const type of COMMAND_TYPES) schemas[`command:${type}`] = z.toJSONSchema(commandSchemaOf(type));
  return schemas;
}
