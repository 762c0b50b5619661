// Deciding a signal: record it with how the policy judged it, then let the sign take effect
// (red-flag exit, warning, at_risk, failed repair). In offboarded it is only recorded (rule 19).
// A late payment is counted when the invoice's due date passes (its timer, rules 2 and 27).
import type { SignalType } from '../catalogue/signals';
import type { RecordedSignalOf, SignalInput } from '../inputs';
import { reasonOf, withSign } from '../policy/reasons';
import { isRedFlagExit, warnsClient } from '../policy/red-flag-exit';
import { judge } from '../policy/warning-signs';
import { refOf, type Decider } from './decider';
import { afterWarning, recordedRiskAfter } from './risk';

const recordedOf = <T extends SignalType>(input: SignalInput<T>): RecordedSignalOf<T> =>
  ({ id: input.id, source: input.source, type: input.type, occurredAt: input.occurredAt, data: input.data });

/** `atMs` is the signal's time, `at` the same instant as events record it. */
export function decideSignal(d: Decider, input: SignalInput, atMs: number, at: string): void {
  const before = d.state;
  const cause = refOf('signal', input.id, input.type, at, { source: input.source });
  const signal = recordedOf(input);
  if (before.lifecycle === 'offboarded') {
    d.emit(at, cause, { type: 'SignalRecorded', data: { signal, recordedOnly: true } });
    return;
  }
  const judgement = judge(before, input, d.policy);
  const sign = judgement.sign;
  const redFlag = sign !== undefined && d.policy.riskScore.redFlags.includes(sign.code);
  const risk = recordedRiskAfter(d, atMs, at, { weight: sign?.weight, good: judgement.good, redFlag });
  const joins = sign && before.lifecycle !== 'healthy';
  d.emit(at, cause, { type: 'SignalRecorded', data: {
    signal, ...judgement, risk, ...(joins ? { reasons: withSign(before.reasons, sign.code, at, [input.id]) } : {}),
  } });
  if (!sign) return;
  const trigger = reasonOf(sign.code, at, [input.id]);
  if (isRedFlagExit(before, judgement)) {
    const transition = d.transition({ type: 'RED_FLAG' });
    if (transition) d.emit(at, cause, { type: 'RedFlagExitStarted', data: { transition, flag: sign.code, signalId: input.id, reasons: withSign(d.state.reasons, sign.code, at, [input.id]) } });
    return;
  }
  if (warnsClient(before, judgement)) d.emit(at, cause, { type: 'ClientWarned', data: { signalId: input.id } });
  afterWarning(d, at, cause, sign.rule === 1 ? trigger : null);
}
