// decide: decisions/s of the domain's decide against a bare XState transition of the same
// machine, on the same sequence of (state, input) pairs taken from a generated history.
import { transition, type AnyStateMachine } from 'xstate';
import type { Input, Policy, RelationshipState } from '@offramp/domain';
import type { Benchmark } from '../harness/benchmark';
import { ratioAtLeast } from '../harness/figures';
import { interleaved, ratePerSecond } from '../harness/measure';
import { requireExports, skip } from '../harness/skip';
import { generateHistory } from '../workload/history';

/** The lifecycle event a bare machine would be sent for an input of this type. */
function machineEventFor(type: string): { type: string } {
  if (type.startsWith('abuse.') || type === 'dishonesty.detected' || type === 'demand.unreasonable' || type === 'legal.risk_identified') return { type: 'RED_FLAG' };
  if (type === 'repair.start') return { type: 'REPAIR_START' };
  if (type === 'termination.propose') return { type: 'TERMINATION_PROPOSE' };
  if (type === 'notice.serve') return { type: 'NOTICE_SERVE' };
  if (type === 'offboarding.complete_step') return { type: 'STEP_COMPLETE' };
  if (type === 'invoice.paid' || type === 'meeting.held' || type === 'message.replied' || (type === 'feedback.received')) return { type: 'FADE' };
  return { type: 'RISK_DETECTED' };
}

async function loadMachine(): Promise<AnyStateMachine> {
  const domain = (await import('@offramp/domain')) as Record<string, unknown>;
  if (domain.lifecycleMachine) return domain.lifecycleMachine as AnyStateMachine;
  return skip('the domain does not provide lifecycleMachine yet');
}

export const decideBenchmark: Benchmark = {
  name: 'decide',
  description: "decisions/s of the domain's decide vs a bare XState transition of the same machine (≥ 50%)",
  async run(context) {
    const domain = await requireExports('the domain', () => import('@offramp/domain'), ['decide', 'evolve', 'parseInput', 'viewOf', 'DEFAULT_POLICY']);
    const machine = await loadMachine();
    const policy: Policy = domain.DEFAULT_POLICY;
    const relationships = context.size(1_000, 300);
    const lines = context.size(100_000, 20_000);

    // The pairs: each input with the state it is decided against, folded by the domain itself.
    context.progress(`folding a history of ${lines} lines over ${relationships} relationships`);
    const states = new Map<string, RelationshipState>();
    const pairs: Array<{ state: RelationshipState | null; input: Input; snapshot: unknown; event: { type: string } }> = [];
    const snapshots = new Map<string, unknown>();
    const snapshotOf = (state: RelationshipState | null): unknown => {
      const view = state ? domain.viewOf(state, 0) : null;
      const value = !view ? 'healthy' : view.state === 'notice' ? { notice: view.phase ?? 'preparing' } : view.state;
      const key = JSON.stringify(value);
      if (!snapshots.has(key)) snapshots.set(key, machine.resolveState({ value, context: { redFlagExit: false } }));
      return snapshots.get(key);
    };
    let refused = 0;
    for (const line of generateHistory({ relationships, lines })) {
      const parsed = domain.parseInput(line);
      if (!parsed.ok) skip(`the generated history does not parse: ${parsed.refusal.message}`);
      const state = states.get(line.relationshipId) ?? null;
      pairs.push({ state, input: parsed.input, snapshot: snapshotOf(state), event: machineEventFor(line.type) });
      const decision = domain.decide(state, parsed.input, policy);
      if (decision.outcome === 'refused') { refused++; continue; }
      let next = state;
      for (const event of decision.events) next = domain.evolve(next, event);
      if (next) states.set(line.relationshipId, next);
    }
    context.progress(`${pairs.length} decisions (${refused} refused); measuring`);

    const rounds = context.size(5, 3);
    const rates = await interleaved(rounds, {
      decide: () => ratePerSecond(pairs.length, () => {
        for (const pair of pairs) domain.decide(pair.state, pair.input, policy);
      }),
      transition: () => ratePerSecond(pairs.length, () => {
        for (const pair of pairs) transition(machine, pair.snapshot as never, pair.event as never);
      }),
    }, (round, r) => context.progress(`  round ${round + 1}: decide ${Math.round(r.decide)}/s, transition ${Math.round(r.transition)}/s`));

    return [{
      name: 'decide (signals and commands of a generated history)',
      value: rates.decide,
      unit: 'decisions/s',
      baseline: { name: 'XState transition', value: rates.transition },
      targets: [ratioAtLeast(0.5)],
      note: `${pairs.length} decisions over ${relationships} relationships, ${refused} refused`,
    }];
  },
};
