// During notice: the exit checklist with progress, the notice end date and the talking points.
import { stepInWords, TALKING_POINTS } from '../../words/repair';
import { dateInWords } from '../../words/time';
import type { NoticeFacts } from './guards';

export function ExitChecklist({ facts, served }: { facts: NoticeFacts; served: boolean }) {
  const done = facts.requiredSteps.filter((s) => facts.completedSteps.includes(s)).length;
  const total = facts.requiredSteps.length;
  return (
    <section aria-labelledby="exit-title" className="panel">
      <h2 id="exit-title">Exit</h2>
      {served ? (
        <>
          <p>Notice ends: <strong>{dateInWords(facts.endsAt)}</strong></p>
          <label htmlFor="checklist-progress">Checklist: {done} of {total} done</label>
          <progress id="checklist-progress" max={total} value={done} />
          <ul className="checklist">
            {facts.requiredSteps.map((s) => (
              <li key={s} className={facts.completedSteps.includes(s) ? 'done' : 'open'}>
                <span aria-hidden="true">{facts.completedSteps.includes(s) ? '✔' : '○'}</span> {stepInWords(s)}
                <span className="visually-hidden">{facts.completedSteps.includes(s) ? ' (done)' : ' (open)'}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Preparing: cooling-off, contract review and receivables come before telling the client.{facts.redFlagExit && ' This is a red-flag exit: it may end at once.'}</p>
      )}
      <h3>Talking points</h3>
      <ul>{TALKING_POINTS.map((t) => <li key={t}>{t}</li>)}</ul>
    </section>
  );
}
