// Deciding a command that passed shape, existence and access (rule 20): the machine says whether
// the step is possible in this state (else wrong_state); the policy's guards say whether it may be
// taken now (rules 11–18, 21). Returns a refusal, or null once the facts are emitted.
import type { CommandInput } from '../inputs';
import type { Refusal } from '../model';
import { honouredOverride } from '../policy/access';
import { openSteps } from '../policy/exit-checklist';
import { currentReasons } from '../policy/current-reasons';
import { channelWarning, coolingOffEndsAt, guardMessage, noticeDaysFor, noticeGuardsAt } from '../policy/notice-guards';
import type { RelationshipState } from '../state';
import { DAY_MS, iso, ms } from '../time';
import type { LifecycleEvent } from '../machine';
import { refOf, type Decider } from './decider';

/** The machine's event for a command that moves it (bookkeeping commands do not). */
function machineEventOf(c: CommandInput): LifecycleEvent | null {
  switch (c.type) {
    case 'repair.start': return { type: 'REPAIR_START' };
    case 'repair.conclude': return { type: 'REPAIR_CONCLUDE', outcome: c.data.outcome };
    case 'termination.propose': return { type: 'TERMINATION_PROPOSE' };
    case 'contract.review': return { type: 'CONTRACT_REVIEW' };
    case 'notice.serve': return { type: 'NOTICE_SERVE' };
    case 'notice.withdraw': return { type: 'NOTICE_WITHDRAW' };
    case 'offboarding.complete_step': return { type: 'STEP_COMPLETE' };
    default: return null;
  }
}

export function wrongState(s: RelationshipState, type: string): Refusal {
  const where = s.phase ? `${s.lifecycle} (${s.phase})` : s.lifecycle;
  return { code: 'wrong_state', message: `${type} is not possible while the relationship is ${where}.` };
}

/** Commands that record a fact about the account without moving the machine, in any state but offboarded. */
function decideBookkeeping(d: Decider, c: CommandInput): boolean {
  const at = iso(ms(c.issuedAt));
  const cause = refOf('command', c.id, c.type, at, { actor: c.actor });
  if (c.type === 'account.assign_owner') {
    d.emit(at, cause, { type: 'AccountOwnerAssigned', data: { ownerId: c.data.ownerId, previousOwnerId: d.state.accountOwnerId ?? null } });
    return true;
  }
  if (c.type === 'note.add') {
    d.emit(at, cause, { type: 'NoteAdded', data: { text: c.data.text, by: c.actor } });
    return true;
  }
  return false;
}

// A command's facts take only the data fields its type declares (and never, say, `risk` or
// `reasons`, which evolve reads from facts); unknown fields stay with the command as given.
export function decideCommand(d: Decider, c: CommandInput): Refusal | null {
  if (decideBookkeeping(d, c)) return null;
  const s = d.state;
  const toEvent = machineEventOf(c);
  const transition = toEvent ? d.transition(toEvent) : null;
  if (!transition) return wrongState(s, c.type);
  const atMs = ms(c.issuedAt);
  const at = iso(atMs);
  const cause = refOf('command', c.id, c.type, at, { actor: c.actor });
  const override = honouredOverride(c);
  const overridden = (guards: string[], extra: { waivedSteps?: string[] } = {}) =>
    d.emit(at, cause, { type: 'GuardOverridden', data: { guards, by: c.actor, reason: override?.reason, ...extra } });

  switch (c.type) {
    case 'repair.start': {
      const { strategy, ownerId, reviewOn } = c.data;
      d.emit(at, cause, { type: 'RepairStarted', data: { strategy, ownerId, reviewOn, transition } });
      return null;
    }
    case 'repair.conclude': {
      const { outcome, note } = c.data;
      const improved = outcome === 'improved';
      // Rule 26: improved is a clean slate (score 0, nothing counted before it counts any more).
      const cleanSlate = improved && d.policy.improvedIsCleanSlate;
      d.emit(at, cause, { type: 'RepairConcluded', data: {
        outcome, ...(note !== undefined ? { note } : {}), transition, reasons: improved ? [] : s.reasons, cleanSlate, ...(cleanSlate ? { risk: { value: 0, at } } : {}),
      } });
      return null;
    }
    case 'termination.propose':
      d.emit(at, cause, { type: 'TerminationProposed', data: { reason: c.data.reason, transition, coolingOffEndsAt: coolingOffEndsAt(at, d.policy) } });
      return null;
    case 'contract.review': {
      const { terminationAllowed, looseEnds, paidWorkDelivered } = c.data;
      d.emit(at, cause, { type: 'ContractReviewed', data: { terminationAllowed, looseEnds, paidWorkDelivered, transition } });
      return null;
    }
    case 'notice.serve': {
      const { reason, channel, talkingPoints } = c.data;
      const redFlag = s.notice?.redFlagExit === true;
      if (c.data.noticeDays === 0 && !redFlag) {
        return { code: 'invalid_command', message: 'A notice period of 0 days is only allowed for a red-flag exit.', field: 'data.noticeDays' };
      }
      const guards = noticeGuardsAt(s, atMs);
      if (guards.length && !override) return { code: guards[0], message: guardMessage(guards[0], s) };
      const noticeDays = noticeDaysFor(s, c.data.noticeDays, d.policy);
      const warning = channelWarning(channel);
      d.emit(at, cause, { type: 'NoticeServed', data: {
        reason, channel, ...(talkingPoints !== undefined ? { talkingPoints } : {}),
        transition, noticeDays, endsAt: iso(atMs + noticeDays * DAY_MS), redFlagExit: redFlag, ...(warning ? { warning } : {}),
      } });
      if (guards.length) overridden(guards);
      return null;
    }
    case 'notice.withdraw':
      // Rule 31: what is still true stays (v1: nothing did).
      d.emit(at, cause, { type: 'NoticeWithdrawn', data: { reason: c.data.reason, transition, reasons: d.policy.withdrawKeepsCurrentReasons ? currentReasons(s, atMs, d.policy) : [] } });
      return null;
    case 'offboarding.complete_step': {
      const { step, note } = c.data;
      const open = step === 'contact_closed' ? openSteps(s).filter((x) => x !== 'contact_closed') : [];
      if (open.length && !override) {
        return { code: 'checklist_incomplete', message: `contact_closed must wait for the other required steps: ${open.join(', ')}.`, field: 'data.step' };
      }
      d.emit(at, cause, { type: 'OffboardingStepCompleted', data: { step, ...(note !== undefined ? { note } : {}), transition, waived: open } });
      if (open.length) overridden(['checklist_incomplete'], { waivedSteps: open });
      return null;
    }
    default:
      return wrongState(s, c.type);
  }
}
