// The domain's API, as the runtime, the CLI and the read models use it.
// (Placeholder implementations: the lifecycle module replaces each one.)
import type { Decision, DomainEvent, Input, Refusal, RelationshipView, TimerSpec } from './model';

/** Folded state of one relationship. Plain JSON (it is snapshotted), opaque beyond these fields. */
export interface RelationshipState {
  relationshipId: string;
  teamId: string;
  clientName: string;
  [key: string]: unknown;
}

/** The policy (policy.md) with every default in one object; `version` is recorded on every event. */
export interface Policy {
  version: string;
  [key: string]: unknown;
}

export declare const DEFAULT_POLICY: Policy;
/** Changes whenever the machine's shape changes; snapshots made by another machine are ignored. */
export declare const MACHINE_VERSION: string;

/** Shape check of a raw signal or command (`kind` decides which; without `kind`, `actor` or `issuedAt` means command). */
export declare function parseInput(raw: unknown): { ok: true; input: Input } | { ok: false; refusal: Refusal };
/** `signal:<source>:<id>`, `command:<id>`, `timer:<id>` (policy rule 22). */
export declare function idempotencyKeyOf(input: Input): string;
/** Decides one input against the current state (`null`: the relationship was never opened). */
export declare function decide(state: RelationshipState | null, input: Input, policy: Policy): Decision;
export declare function evolve(state: RelationshipState | null, event: DomainEvent): RelationshipState;
/** The timers this state wants pending; after a timer fires it is never listed again. */
export declare function timersFor(state: RelationshipState, policy: Policy): TimerSpec[];
export declare function viewOf(state: RelationshipState): RelationshipView;
