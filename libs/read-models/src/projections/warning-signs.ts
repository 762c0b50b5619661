// The warning signs a fact records, as the domain assessed them: a signal with its assessed sign,
// a payment counted late, a message left unanswered. Read models count these; none re-judges them.
import type { ReasonCode, RecordedSignal, RelationshipEvent } from '@offramp/domain';

export interface RecordedSign { code: ReasonCode; signalId: string }

export function warningSignOf(event: RelationshipEvent): RecordedSign | null {
  switch (event.type) {
    case 'SignalRecorded':
      return event.data.sign ? { code: event.data.sign.code, signalId: event.data.signal.id } : null;
    case 'PaymentCountedLate':
      return { code: 'late_payments', signalId: event.data.signalId };
    case 'MessageUnanswered':
      return { code: 'unanswered_messages', signalId: event.data.signalId };
    default:
      return null;
  }
}

/** The recorded signal of a `SignalRecorded` fact: its catalogue type and typed data. */
export const recordedSignalOf = (event: RelationshipEvent): RecordedSignal | null => (event.type === 'SignalRecorded' ? event.data.signal : null);
