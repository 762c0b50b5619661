// The five states in order, each with how many relationships are in it; a state is a filter link.
import { Link } from 'react-router';
import { STATES, type LifecycleState } from '../api/shapes';
import { stateInWords } from '../words/lifecycle';

export function LifecycleDiagram({ counts, selected }: { counts: Partial<Record<LifecycleState, number>>; selected?: string }) {
  return (
    <ol className="lifecycle" aria-label="Lifecycle: relationships per state">
      {STATES.map((state) => (
        <li key={state} className={`state-${state}${selected === state ? ' selected' : ''}`}>
          <Link to={selected === state ? '/board' : `/board?state=${state}`} aria-current={selected === state ? 'true' : undefined}>
            <span className="count">{counts[state] ?? 0}</span>
            <span className="name">{stateInWords(state)}</span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
