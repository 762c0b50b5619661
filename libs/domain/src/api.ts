// The domain's API, as the runtime, the CLI and the read models use it.

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

export { DEFAULT_POLICY } from './policy/default-policy';
/** Changes whenever the machine's shape changes; snapshots made by another machine are ignored. */
export { MACHINE_VERSION, lifecycleMachine, machineDefinitionJson } from './machine';
/** Shape check of a raw signal or command (`kind` decides which; without `kind`, `actor` or `issuedAt` means command). */
export { parseInput } from './catalogue';
/** Decides one input against the current state (`null`: the relationship was never opened); idempotency keys (rule 22). */
export { decide, idempotencyKeyOf } from './decide';
export { evolve } from './evolve';
/** The timers this state wants pending; after a timer fires it is never listed again. */
export { timersFor } from './timers';
export {
  viewOf, riskReadingOf, noticeStatusOf, repairOf, accountOwnerOf, openReceivablesOf, checklistProgressOf, teamOf, clientNameOf, type NoticeStatus, type OpenReceivable,
} from './view';
/** The score at a moment, from a reading (rule 25): the one place a read score is computed in TypeScript. */
export { readScore, type RiskReading } from './policy/risk-score';
/** policy-v1 stays a value (streams decided under it replay unchanged); DEFAULT_POLICY is policy-v2. */
export { POLICY_V1, POLICY_V2 } from './policy/default-policy';
