// Asking the machine: from a folded lifecycle position, where does an event lead (if anywhere)?
// Snapshots are restored with machine.resolveState and memoised per position, and the machine's
// answers per position and event: the machine is pure and has few of each, so every answer after
// the first is the one it gave before, without resolving a snapshot again.
import { transition, type SnapshotFrom } from 'xstate';
import type { LifecycleState, NoticePhase } from '../model';
import { lifecycleMachine, type LifecycleEvent } from './lifecycle-machine';

export interface Position { state: LifecycleState; phase: NoticePhase | null; redFlagExit: boolean }

type Snapshot = SnapshotFrom<typeof lifecycleMachine>;
const restored = new Map<string, Snapshot>();
const answers = new Map<string, Position | null>();

const keyOf = (at: Position): string => `${at.state}/${at.phase ?? ''}/${at.redFlagExit ? 1 : 0}`;

function snapshotAt(at: Position, key: string): Snapshot {
  let snapshot = restored.get(key);
  if (!snapshot) {
    const value = at.state === 'notice' ? { notice: at.phase ?? 'preparing' } : at.state;
    snapshot = lifecycleMachine.resolveState({ value, context: { redFlagExit: at.redFlagExit } });
    restored.set(key, snapshot);
  }
  return snapshot;
}

function positionOf(snapshot: Snapshot): Position {
  const value = snapshot.value;
  if (typeof value === 'string') return { state: value as LifecycleState, phase: null, redFlagExit: snapshot.context.redFlagExit };
  const phase = (value as { notice: NoticePhase }).notice;
  return { state: 'notice', phase, redFlagExit: snapshot.context.redFlagExit };
}

function ask(from: Position, key: string, event: LifecycleEvent): Position | null {
  const before = snapshotAt(from, key);
  const [after] = transition(lifecycleMachine, before, event);
  if (after !== before) return positionOf(after);
  // A self-transition (a review, a checklist step) may hand back the same snapshot.
  return before.can(event) ? positionOf(before) : null;
}

/** The position the event leads to, or null when the machine does not take it there. */
export function move(from: Position, event: LifecycleEvent): Position | null {
  const key = keyOf(from);
  const question = `${key}|${event.type}|${'outcome' in event ? event.outcome : ''}`;
  let answer = answers.get(question);
  if (answer === undefined) {
    answer = ask(from, key, event);
    answers.set(question, answer);
  }
  return answer && { ...answer };
}
