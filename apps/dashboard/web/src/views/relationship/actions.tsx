// Only the actions the lifecycle accepts in the current state (contract.md, "Commands").
import { addDays, format } from 'date-fns';
import type { NoticeEntry, Relationship } from '../../api/shapes';
import { useSession } from '../../session/session-context';
import { STRATEGIES, stepInWords, strategyInWords } from '../../words/repair';
import { CommandForm } from './command-form';
import { closeContactGuards, serveNoticeGuards } from './guards';

type Props = { relationship: Relationship & { etag: string }; notice: NoticeEntry | undefined; strategy?: string };

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

const CHANNELS: Record<string, string> = { in_person: 'in person', video: 'on a video call', phone: 'by phone', email: 'by email', text: 'by text message' };
const channelInWords = (channel: string): string => CHANNELS[channel] ?? channel;

/** Who looks after the account, and notes on the timeline: in every state but offboarded. */
export function Bookkeeping({ relationship: r }: { relationship: Relationship & { etag: string } }) {
  return (
    <>
      <CommandForm key={`owner-${r.accountOwnerId ?? ''}`} id="owner" relationship={r} title="Account owner" submitLabel="Assign owner"
        build={(f) => ({ type: 'account.assign_owner', data: { ownerId: text(f, 'ownerId') } })}>
        <label htmlFor="owner-id">Who looks after this account</label>
        <input id="owner-id" name="ownerId" required maxLength={200} defaultValue={r.accountOwnerId ?? ''} />
      </CommandForm>
      <CommandForm id="note" relationship={r} title="Add a note" submitLabel="Add note" resetOnSuccess
        build={(f) => ({ type: 'note.add', data: { text: text(f, 'text') } })}>
        <label htmlFor="note-text">Note (on the timeline with your name; changes nothing else)</label>
        <textarea id="note-text" name="text" required maxLength={4000} rows={2} />
      </CommandForm>
    </>
  );
}

export function Actions({ relationship: r, notice, strategy }: Props) {
  const { session } = useSession();
  const reviewOn = format(addDays(new Date(), 14), 'yyyy-MM-dd');
  const propose = (
    <CommandForm id="propose" relationship={r} title="Propose ending the relationship" submitLabel="Propose termination" build={(f) => ({ type: 'termination.propose', data: { reason: text(f, 'reason') } })}>
      <label htmlFor="propose-reason">Reason</label>
      <input id="propose-reason" name="reason" required />
    </CommandForm>
  );
  switch (r.state) {
    case 'healthy':
      return <>{propose}</>;
    case 'at_risk':
      return (
        <>
          <CommandForm id="repair" relationship={r} title="Start a repair attempt" submitLabel="Start repair"
            build={(f) => ({ type: 'repair.start', data: { strategy: text(f, 'strategy'), ownerId: text(f, 'ownerId'), reviewOn: text(f, 'reviewOn') } })}>
            <label htmlFor="repair-strategy">Strategy</label>
            <select id="repair-strategy" name="strategy" defaultValue={strategy ?? STRATEGIES[0]}>
              {STRATEGIES.map((s) => <option key={s} value={s}>{strategyInWords(s)}</option>)}
            </select>
            <label htmlFor="repair-owner">Owner</label>
            <input id="repair-owner" name="ownerId" required defaultValue={session.sub} />
            <label htmlFor="repair-review">Review on</label>
            <input id="repair-review" name="reviewOn" type="date" required defaultValue={reviewOn} />
          </CommandForm>
          {propose}
        </>
      );
    case 'repair_attempt':
      return (
        <>
          <CommandForm id="conclude" relationship={r} title="Conclude the repair" submitLabel="Conclude repair"
            build={(f) => ({ type: 'repair.conclude', data: { outcome: text(f, 'outcome'), ...(text(f, 'note') ? { note: text(f, 'note') } : {}) } })}>
            <fieldset>
              <legend>Outcome</legend>
              <label><input type="radio" name="outcome" value="improved" required /> Improved</label>
              <label><input type="radio" name="outcome" value="failed" /> Failed</label>
            </fieldset>
            <label htmlFor="conclude-note">Note (optional)</label>
            <input id="conclude-note" name="note" />
          </CommandForm>
          {propose}
        </>
      );
    case 'notice':
      return r.phase === 'served' ? <ServedActions r={r} notice={notice} /> : (
        <>
          <CommandForm id="review" relationship={r} title="Review the contract" submitLabel="Record review"
            build={(f) => ({ type: 'contract.review', data: { terminationAllowed: f.get('terminationAllowed') === 'on', paidWorkDelivered: f.get('paidWorkDelivered') === 'on', looseEnds: text(f, 'looseEnds').split('\n').map((s) => s.trim()).filter(Boolean) } })}>
            <p className="muted">Tick only what the contract and the work show; nothing is assumed.</p>
            <label><input type="checkbox" name="terminationAllowed" /> The contract allows ending it now</label>
            <label><input type="checkbox" name="paidWorkDelivered" /> Everything paid for has been delivered</label>
            <label htmlFor="review-loose">Loose ends, one per line</label>
            <textarea id="review-loose" name="looseEnds" rows={2} />
          </CommandForm>
          <CommandForm id="serve" relationship={r} title="Serve notice" submitLabel="Serve notice" blockedBy={serveNoticeGuards(notice)}
            confirm={(c) => `This tells ${r.clientName} the relationship ends${c.data.noticeDays !== undefined ? ` in ${String(c.data.noticeDays)} days` : ' after the contract’s notice period'}, ${channelInWords(String(c.data.channel))}. The exit checklist starts; only withdrawing the notice takes it back.`}
            build={(f) => ({ type: 'notice.serve', data: { reason: text(f, 'reason'), channel: text(f, 'channel'), ...(text(f, 'noticeDays') ? { noticeDays: Number(text(f, 'noticeDays')) } : {}) } })}>
            <label htmlFor="serve-reason">The one reason you give</label>
            <input id="serve-reason" name="reason" required />
            <label htmlFor="serve-channel">Channel</label>
            <select id="serve-channel" name="channel" defaultValue="video">
              <option value="in_person">In person</option>
              <option value="video">Video call</option>
              <option value="phone">Phone</option>
              <option value="email">Email (discouraged)</option>
              <option value="text">Text message (discouraged)</option>
            </select>
            <label htmlFor="serve-days">Notice days (empty: the contract’s, else 30)</label>
            <input id="serve-days" name="noticeDays" type="number" min={0} />
          </CommandForm>
          <Withdraw r={r} />
        </>
      );
    default:
      return <p>Offboarded: the relationship is over, its history stays.</p>;
  }
}

function ServedActions({ r, notice }: { r: Relationship & { etag: string }; notice: NoticeEntry | undefined }) {
  const open = (notice?.checklist.open ?? []).filter((s) => s !== 'contact_closed');
  const optional = notice?.stepsCompleted.includes('refund_settled') ? [] : ['refund_settled'];
  return (
    <>
      {(open.length > 0 || optional.length > 0) && (
        <CommandForm key={open.join()} id="step" relationship={r} title="Complete a checklist step" submitLabel="Mark step complete"
          build={(f) => ({ type: 'offboarding.complete_step', data: { step: text(f, 'step') } })}>
          <label htmlFor="step-step">Step</label>
          <select id="step-step" name="step" defaultValue={open[0] ?? optional[0]}>
            {[...open, ...optional].map((s) => <option key={s} value={s}>{stepInWords(s)}</option>)}
          </select>
        </CommandForm>
      )}
      <CommandForm id="close" relationship={r} title="Close contact" submitLabel="Close contact" blockedBy={closeContactGuards(notice)}
        confirm={() => `Closing contact is the last step of the exit: no further argument with ${r.clientName}, and the relationship is offboarded once the notice period has ended. It cannot be undone.`}
        build={() => ({ type: 'offboarding.complete_step', data: { step: 'contact_closed' } })}>
        <p className="muted">The last step: once closed, no further argument.</p>
      </CommandForm>
      <Withdraw r={r} />
    </>
  );
}

function Withdraw({ r }: { r: Relationship & { etag: string } }) {
  return (
    <CommandForm id="withdraw" relationship={r} title="Withdraw notice" submitLabel="Withdraw notice" build={(f) => ({ type: 'notice.withdraw', data: { reason: text(f, 'reason') } })}>
      <label htmlFor="withdraw-reason">Reason</label>
      <input id="withdraw-reason" name="reason" required />
    </CommandForm>
  );
}
