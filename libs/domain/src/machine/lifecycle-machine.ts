// The lifecycle, and nothing else: which step is possible in which state. Policy (scores,
// windows, guards with refusal codes) lives in policy/; decide asks this machine for every move.
import { assign, setup } from 'xstate';

/** Bump whenever a state, an event, a transition or the folded state's shape changes: older snapshots are then ignored. */
export const MACHINE_VERSION = 'lifecycle-5';

export interface LifecycleContext {
  /** The exit started by a red flag (policy rules 7–9). */
  redFlagExit: boolean;
}

export type LifecycleEvent =
  | { type: 'RISK_DETECTED' }
  | { type: 'WARNING_AFTER_REVIEW' }
  | { type: 'RED_FLAG' }
  | { type: 'REPAIR_START' }
  | { type: 'REPAIR_CONCLUDE'; outcome: 'improved' | 'failed' }
  | { type: 'TERMINATION_PROPOSE' }
  | { type: 'CONTRACT_REVIEW' }
  | { type: 'NOTICE_SERVE' }
  | { type: 'NOTICE_WITHDRAW' }
  | { type: 'STEP_COMPLETE' }
  | { type: 'OFFBOARD' }
  | { type: 'FADE' };

const redFlagExit = { target: '#relationship.notice.preparing', actions: 'startRedFlagExit' } as const;

export const lifecycleMachine = setup({
  types: { context: {} as LifecycleContext, events: {} as LifecycleEvent },
  guards: {
    improved: ({ event }) => event.type === 'REPAIR_CONCLUDE' && event.outcome === 'improved',
  },
  actions: {
    startRedFlagExit: assign({ redFlagExit: true }),
    endExit: assign({ redFlagExit: false }),
  },
}).createMachine({
  id: 'relationship',
  initial: 'healthy',
  context: { redFlagExit: false },
  states: {
    healthy: {
      on: { RISK_DETECTED: 'at_risk', RED_FLAG: redFlagExit, TERMINATION_PROPOSE: 'notice' },
    },
    at_risk: {
      on: { REPAIR_START: 'repair_attempt', FADE: 'healthy', RED_FLAG: redFlagExit, TERMINATION_PROPOSE: 'notice' },
    },
    repair_attempt: {
      on: {
        REPAIR_CONCLUDE: [{ guard: 'improved', target: 'healthy' }, { target: 'at_risk' }],
        WARNING_AFTER_REVIEW: 'at_risk',
        RED_FLAG: redFlagExit,
        TERMINATION_PROPOSE: 'notice',
      },
    },
    notice: {
      initial: 'preparing',
      on: {
        NOTICE_WITHDRAW: { target: 'at_risk', actions: 'endExit' },
        RED_FLAG: { actions: 'startRedFlagExit' },
      },
      states: {
        preparing: { on: { CONTRACT_REVIEW: { target: 'preparing', reenter: true }, NOTICE_SERVE: 'served' } },
        served: { on: { STEP_COMPLETE: { target: 'served', reenter: true }, OFFBOARD: '#relationship.offboarded' } },
      },
    },
    offboarded: { type: 'final' },
  },
});

/** The machine as JSON, for a visualiser. */
export function machineDefinitionJson(): object {
  return JSON.parse(JSON.stringify(lifecycleMachine.toJSON())) as object;
}
