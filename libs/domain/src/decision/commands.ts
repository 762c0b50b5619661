// Deciding a command that passed shape, existence and access (rule 20): the machine says whether
// the step is possible in this state (else wrong_state); the policy's guards say whether it may be
// taken now (rules 11–18, 21). Returns a refusal, or null once the facts are emitted.
import { declaredData } from '../catalogue/commands';
import type { CommandInput, Refusal } from '../model';
import { honouredOverride } from '../policy/access';
import { openSteps } from '../policy/exit-checklist';
import { currentReasons } from '../policy/current-reasons';
import { channelWarning, coolingOffEndsAt, guardMessage, noticeDaysFor, noticeGuardsAt } from '../policy/notice-guards';
import type { FoldedState } from '../state';
import { DAY_MS, iso, ms } from '../time';
import type { LifecycleEvent } from '../machine';
import { refOf, type Decider } from './decider';

const MACHINE_EVENT: Record<string, (c: CommandInput) => LifecycleEvent> = {
  'repair.start': () => ({ type: 'REPAIR_START' }),
  'repair.conclude': (c) => ({ type: 'REPAIR_CONCLUDE', outcome: c.data.outcome === 'improved' ? 'improved' : 'failed' }),
  'termination.propose': () => ({ type: 'TERMINATION_PROPOSE' }),
  'contract.review': () => ({ type: 'CONTRACT_REVIEW' }),
  'notice.serve': () => ({ type: 'NOTICE_SERVE' }),
  'notice.withdraw': () => ({ type: 'NOTICE_WITHDRAW' }),
  'offboarding.complete_step': () => ({ type: 'STEP_COMPLETE' }),
};

export function wrongState(s: FoldedState, type: string): Refusal {
  const where = s.phase ? `${s.lifecycle} (${s.phase})` : s.lifecycle;
  return { code: 'wrong_state', message: `${type} is not possible while the relationship is ${where}.` };
}

/** Commands that record a fact about the account without moving the machine, in any state but offboarded. */
function decideBookkeeping(d: Decider, c: CommandInput): boolean {
  const at = iso(ms(c.issuedAt));
  const cause = refOf('command', c.id, c.type, at, { actor: c.actor });
  if (c.type === 'account.assign_owner') {
    d.emit('AccountOwnerAssigned', at, cause, { ownerId: c.data.ownerId, previousOwnerId: d.state.accountOwnerId ?? null });
    return true;
  }
  if (c.type === 'note.add') {
    d.emit('NoteAdded', at, cause, { text: c.data.text, by: c.actor });
    return true;
  }
  return false;
}

export function decideCommand(d: Decider, c: CommandInput): Refusal | null {
  if (decideBookkeeping(d, c)) return null;
  const s = d.state;
  const toEvent = MACHINE_EVENT[c.type];
  const transition = toEvent ? d.transition(toEvent(c)) : null;
  if (!transition) return wrongState(s, c.type);
  const atMs = ms(c.issuedAt);
  const at = iso(atMs);
  const cause = refOf('command', c.id, c.type, at, { actor: c.actor });
  const override = honouredOverride(c);
  const given = declaredData(c.type, c.data);
  const overridden = (guards: string[], extra: Record<string, unknown> = {}) =>
    d.emit('GuardOverridden', at, cause, { guards, by: c.actor, reason: override?.reason, ...extra });

  switch (c.type) {
    case 'repair.start':
      d.emit('RepairStarted', at, cause, { ...given, transition });
      return null;
    case 'repair.conclude': {
      const improved = c.data.outcome === 'improved';
      // Rule 26: improved is a clean slate (score 0, nothing counted before it counts any more).
      const cleanSlate = improved && d.policy.improvedIsCleanSlate;
      d.emit('RepairConcluded', at, cause, { ...given, transition, reasons: improved ? [] : s.reasons, cleanSlate, ...(cleanSlate ? { risk: { value: 0, at } } : {}) });
      return null;
    }
    case 'termination.propose':
      d.emit('TerminationProposed', at, cause, { ...given, transition, coolingOffEndsAt: coolingOffEndsAt(at, d.policy) });
      return null;
    case 'contract.review':
      d.emit('ContractReviewed', at, cause, { ...given, transition });
      return null;
    case 'notice.serve': {
      const redFlag = s.notice?.redFlagExit === true;
      if (c.data.noticeDays === 0 && !redFlag) {
        return { code: 'invalid_command', message: 'A notice period of 0 days is only allowed for a red-flag exit.', field: 'data.noticeDays' };
      }
      const guards = noticeGuardsAt(s, atMs);
      if (guards.length && !override) return { code: guards[0], message: guardMessage(guards[0], s) };
      const noticeDays = noticeDaysFor(s, c.data.noticeDays, d.policy);
      const warning = channelWarning(String(c.data.channel));
      d.emit('NoticeServed', at, cause, {
        ...given, transition, noticeDays, endsAt: iso(atMs + noticeDays * DAY_MS), redFlagExit: redFlag, ...(warning ? { warning } : {}),
      });
      if (guards.length) overridden(guards);
      return null;
    }
    case 'notice.withdraw':
      // Rule 31: what is still true stays (v1: nothing did).
      d.emit('NoticeWithdrawn', at, cause, { ...given, transition, reasons: d.policy.withdrawKeepsCurrentReasons ? currentReasons(s, atMs, d.policy) : [] });
      return null;
    case 'offboarding.complete_step': {
      const step = String(c.data.step);
      const open = step === 'contact_closed' ? openSteps(s).filter((x) => x !== 'contact_closed') : [];
      if (open.length && !override) {
        return { code: 'checklist_incomplete', message: `contact_closed must wait for the other required steps: ${open.join(', ')}.`, field: 'data.step' };
      }
      d.emit('OffboardingStepCompleted', at, cause, { ...given, transition, waived: open });
      if (open.length) overridden(['checklist_incomplete'], { waivedSteps: open });
      return null;
    }
    default:
      return wrongState(s, c.type);
  }
}
