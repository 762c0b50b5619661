// The catalogue as integrators see it: one schema per signal and command type, "any signal" and
// "any command" selecting the per-type `data` by `type`, and the HTTP command body (no `actor`:
// the ops API takes it from the bearer token). The JSON Schemas and the OpenAPI request bodies
// are generated from these.
import { z } from 'zod';
import { COMMAND_DATA, COMMAND_TYPES, commandEnvelope, commandSchemaOf, type CommandType } from './commands';
import { SIGNAL_DATA, SIGNAL_TYPES, signalEnvelope, signalSchemaOf, type SignalType } from './signals';

const nonEmpty = <T>(list: T[]): [T, ...T[]] => {
  const [first, ...rest] = list;
  if (first === undefined) throw new Error('the catalogue is empty');
  return [first, ...rest];
};

const idOf = (kind: string, type: string) => `${kind}.${type}`;

export const SIGNAL_SCHEMAS = Object.fromEntries(SIGNAL_TYPES.map((type) => [type,
  signalSchemaOf(type).meta({ id: idOf('Signal', type), title: `Signal ${type}`, description: `A ${type} signal: the contract's envelope with this type's data.` }),
])) as Record<SignalType, ReturnType<typeof signalSchemaOf>>;

export const COMMAND_SCHEMAS = Object.fromEntries(COMMAND_TYPES.map((type) => [type,
  commandSchemaOf(type).meta({ id: idOf('Command', type), title: `Command ${type}`, description: `A ${type} command, as sent on Kafka (with its actor).` }),
])) as Record<CommandType, ReturnType<typeof commandSchemaOf>>;

/** The HTTP body of one command type: the command envelope without `actor`, optionally with the version it was decided on. */
export const commandBodySchemaOf = <T extends CommandType>(type: T) =>
  commandEnvelope.omit({ actor: true, kind: true }).extend({
    type: z.literal(type),
    data: COMMAND_DATA[type],
    expectedVersion: z.number().int().nonnegative().optional().describe('Alternative to the If-Match header: the relationship version the command was decided on.'),
  }).meta({ id: idOf('CommandBody', type), title: `Command body ${type}`, description: `POST /v1/commands with a ${type} command; the actor is the caller.` });

const COMMAND_BODY_SCHEMAS = COMMAND_TYPES.map((type) => commandBodySchemaOf(type));

export const anySignalSchema = z.discriminatedUnion('type', nonEmpty(SIGNAL_TYPES.map((t) => SIGNAL_SCHEMAS[t])))
  .meta({ id: 'AnySignal', title: 'Any signal', description: 'A signal of any catalogue type: `type` selects the schema of `data`.' });

export const anyCommandSchema = z.discriminatedUnion('type', nonEmpty(COMMAND_TYPES.map((t) => COMMAND_SCHEMAS[t])))
  .meta({ id: 'AnyCommand', title: 'Any command', description: 'A command of any catalogue type, with its actor (Kafka): `type` selects the schema of `data`.' });

export const commandBodySchema = z.discriminatedUnion('type', nonEmpty(COMMAND_BODY_SCHEMAS))
  .meta({ id: 'CommandBody', title: 'Command body', description: 'The body of POST /v1/commands: a command envelope without `actor` (the actor is the caller); `type` selects the schema of `data`.' });

/** The envelopes without per-type data, as the engine checks them first. */
export const envelopeSchemas = { signal: signalEnvelope, command: commandEnvelope };
export { SIGNAL_DATA, COMMAND_DATA };
