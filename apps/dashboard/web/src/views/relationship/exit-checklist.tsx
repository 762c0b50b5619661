// During notice: the exit checklist with progress, the notice end date and the talking points.
import type { NoticeEntry } from '../../api/shapes';
import { amountInWords, receivablesInWords } from '../../words/money';
import { stepInWords, TALKING_POINTS } from '../../words/repair';
import { dateInWords } from '../../words/time';

export function ExitChecklist({ notice }: { notice: NoticeEntry | undefined }) {
  const served = notice?.phase === 'served';
  const required = notice?.checklist.required ?? [];
  const done = notice?.checklist.done ?? [];
  return (
    <section aria-labelledby="exit-title" className="panel">
      <h2 id="exit-title">Exit</h2>
      {notice?.redFlagExit && <p><strong>Red-flag exit:</strong> no cooling-off, it may end at once.</p>}
      {notice && notice.openReceivables.length > 0 && (
        <div className="receivables">
          <p>Receivables: <strong>{receivablesInWords(notice.openReceivables)}</strong></p>
          <ul>
            {notice.openReceivables.map((r) => (
              <li key={r.invoiceId}>
                {r.invoiceId}: {amountInWords(r.remaining)} of {amountInWords(r.amount)} open{r.paid > 0 ? ` (${amountInWords(r.paid)} paid)` : ''}, due {dateInWords(r.dueOn)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {served ? (
        <>
          <p>Notice ends: <strong>{dateInWords(notice?.noticeEndsAt)}</strong>{notice?.channel && <> · served by {notice.channel.replace('_', ' ')}</>}</p>
          <label htmlFor="checklist-progress">Exit checklist: {done.length} of {required.length} done</label>
          <progress id="checklist-progress" max={Math.max(required.length, 1)} value={done.length} />
          <ul className="checklist">
            {required.map((s) => {
              const isDone = done.includes(s);
              return (
                <li key={s} className={isDone ? 'done' : 'open'}>
                  <span aria-hidden="true">{isDone ? '✔' : '○'}</span> {stepInWords(s)}{notice?.stepsWaived.includes(s) ? ' (waived by override)' : ''}
                  <span className="visually-hidden">{isDone ? ' (done)' : ' (open)'}</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>Preparing: cooling-off, contract review and receivables come before telling the client.</p>
      )}
      <h3>Talking points</h3>
      <ul>{TALKING_POINTS.map((t) => <li key={t}>{t}</li>)}</ul>
    </section>
  );
}
