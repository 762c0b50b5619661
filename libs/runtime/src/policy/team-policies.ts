// Each team's policy, read from and written to its own stream in the event store. Deciding asks
// for a team's policy on every input, so the folded stream is kept; it is checked against the
// stream's version at most every `maxAgeMs` (another process may have activated a new one), and a
// change made through this instance shows at once.
import {
  decidePolicyActivation, decidePolicyDraft, emptyTeamPolicy, evolveTeamPolicy, teamPolicyOf, teamPolicyStreamId,
  type DomainEvent, type PolicyDecision, type Policy, type PolicyActivateCommand, type PolicyDraftCommand, type Refusal, type TeamPolicyState,
} from '@offramp/domain';
import { VersionConflictError, type EventStore, type PolicySource } from '../ports';

export interface TeamPoliciesOptions {
  /** How long a team's policy is used before its stream is checked again. */
  maxAgeMs?: number;
  /** Monotonic milliseconds (for the cache only; decisions take their time from the input). */
  now?: () => number;
  /** Re-decisions after a concurrent change to the same team's stream. */
  conflictRetries?: number;
}

export type PolicyChangeResult =
  | { status: 'accepted'; state: TeamPolicyState }
  | { status: 'refused'; refusal: Refusal };

export interface ChangeOptions { trace?: NonNullable<DomainEvent['trace']> }

interface Cached { state: TeamPolicyState; policy: Policy; checkedAt: number }

export class TeamPolicies implements PolicySource {
  private readonly cache = new Map<string, Cached>();
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly conflictRetries: number;

  constructor(private readonly store: EventStore, options: TeamPoliciesOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 1_000;
    this.now = options.now ?? (() => performance.now());
    this.conflictRetries = options.conflictRetries ?? 3;
  }

  async policyFor(teamId: string): Promise<Policy> {
    const cached = this.cache.get(teamId);
    if (cached && this.now() - cached.checkedAt < this.maxAgeMs) return cached.policy;
    return (await this.refresh(teamId)).policy;
  }

  /** The team's policy stream folded as it stands now. */
  async state(teamId: string): Promise<TeamPolicyState> {
    return (await this.refresh(teamId)).state;
  }

  /** `trace`: the W3C trace context of the request, kept on the events (as the engine keeps an input's). */
  draft(teamId: string, command: PolicyDraftCommand, options: ChangeOptions = {}): Promise<PolicyChangeResult> {
    return this.change(teamId, command.id, (state) => decidePolicyDraft(state, command), options);
  }

  activate(teamId: string, command: PolicyActivateCommand, options: ChangeOptions = {}): Promise<PolicyChangeResult> {
    return this.change(teamId, command.id, (state) => decidePolicyActivation(state, command), options);
  }

  private async change(teamId: string, commandId: string, decide: (state: TeamPolicyState) => PolicyDecision, { trace }: ChangeOptions): Promise<PolicyChangeResult> {
    for (let attempt = 0; ; attempt++) {
      const { state } = await this.refresh(teamId);
      const decision = decide(state);
      if (decision.outcome === 'refused') return { status: 'refused', refusal: decision.refusal };
      const events = trace ? decision.events.map((e) => ({ ...e, trace })) : decision.events;
      try {
        const result = await this.store.append({
          streamId: teamPolicyStreamId(teamId), expectedVersion: state.streamVersion, events, idempotencyKey: `command:${commandId}`,
        });
        if (result.status === 'duplicate') return { status: 'accepted', state: (await this.refresh(teamId)).state };
        const next = decision.events.reduce(evolveTeamPolicy, state);
        this.remember(teamId, next);
        return { status: 'accepted', state: next };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= this.conflictRetries) throw error;
      }
    }
  }

  private async refresh(teamId: string): Promise<Cached> {
    const streamId = teamPolicyStreamId(teamId);
    const cached = this.cache.get(teamId);
    const version = await this.store.streamVersion(streamId);
    if (cached && cached.state.streamVersion === version) {
      cached.checkedAt = this.now();
      return cached;
    }
    const base = cached && cached.state.streamVersion < version ? cached.state : emptyTeamPolicy(teamId);
    const tail = await this.store.readStream(streamId, base.streamVersion + 1);
    const state = tail.filter((e) => e.version > base.streamVersion).reduce((s, e) => evolveTeamPolicy(s, e.event), base);
    return this.remember(teamId, state);
  }

  private remember(teamId: string, state: TeamPolicyState): Cached {
    const previous = this.cache.get(teamId);
    // The same policy object while the active version stands: the domain keeps what it derives per object.
    const policy = previous && previous.policy.version === teamPolicyOf(state).version ? previous.policy : teamPolicyOf(state);
    const entry = { state, policy, checkedAt: this.now() };
    this.cache.set(teamId, entry);
    return entry;
  }
}
