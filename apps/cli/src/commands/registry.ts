// Every CLI command, loaded only when it runs so that each one starts with just its own imports.
import type { CliCommand } from './command';

export interface RegisteredCommand {
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: Record<string, RegisteredCommand> = {
  simulate: { summary: 'run a history file in event time and print the outcome', load: async () => (await import('./simulate')).simulate },
  policy: { summary: 'policy diff: what a policy change would do to a history file', load: async () => (await import('./policy')).policy },
  machine: { summary: 'print the lifecycle machine as JSON', load: async () => (await import('./machine')).machine },
  schemas: { summary: 'write the JSON Schemas of every signal, command, domain event, dead letter and the policy document, and the AsyncAPI document', load: async () => (await import('./schemas')).schemas },
  projections: { summary: 'rebuild read models from the event store, or list their checkpoints', load: async () => (await import('./projections')).projections },
  token: { summary: 'print a bearer token for the ops API', load: async () => (await import('./token')).token },
};
