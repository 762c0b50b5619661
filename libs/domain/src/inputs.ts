// Inputs after validation (contract.md, "Signals" and "Commands"): each type's `data` is the one
// its catalogue schema parses, so decide reads typed fields and never coerces.
import type { z } from 'zod';
import type { COMMAND_DATA, CommandType } from './catalogue/commands';
import type { SIGNAL_DATA, SignalType } from './catalogue/signals';
import type { Actor } from './model';

export type SignalData<T extends SignalType> = z.infer<(typeof SIGNAL_DATA)[T]>;
export type CommandData<T extends CommandType> = z.infer<(typeof COMMAND_DATA)[T]>;

/** A signal of one catalogue type (or, by default, of any: a union discriminated by `type`). */
export type SignalInput<T extends SignalType = SignalType> = {
  [P in T]: { kind: 'signal'; id: string; type: P; relationshipId: string; occurredAt: string; source: string; data: SignalData<P> };
}[T];

/** A command of one catalogue type (or, by default, of any: a union discriminated by `type`). */
export type CommandInput<T extends CommandType = CommandType> = {
  [P in T]: {
    kind: 'command'; id: string; type: P; relationshipId: string; issuedAt: string; actor: Actor; data: CommandData<P>;
    override?: { reason: string };
  };
}[T];

/** A signal as its fact records it (the envelope's fields and the typed data). */
export type RecordedSignalOf<T extends SignalType = SignalType> = {
  [P in T]: { id: string; source: string; type: P; occurredAt: string; data: SignalData<P> };
}[T];

/** A durable timer that came due; its id is its idempotency key. */
export interface TimerInput {
  kind: 'timer';
  id: string;
  type: string;
  relationshipId: string;
  dueAt: string;
  data: Record<string, unknown>;
}

export type Input = SignalInput | CommandInput | TimerInput;

/** A timer the state wants to exist. The runtime keeps the stored set equal to this list. */
export interface TimerSpec {
  id: string;
  type: string;
  relationshipId: string;
  dueAt: string;
  data: Record<string, unknown>;
}
