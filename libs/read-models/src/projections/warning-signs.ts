// The warning signs a fact records, as the domain assessed them: a signal with its assessed sign,
// a payment counted late, a message left unanswered. Read models count these; none re-judges them.
import type { DomainEvent, ReasonCode } from '@offramp/domain';

export interface RecordedSign { code: ReasonCode; signalId: string }

interface SignalRecordedData { signal?: { id?: string }; sign?: { code?: ReasonCode } }

export function warningSignOf(event: DomainEvent): RecordedSign | null {
  const data = event.data as SignalRecordedData & { signalId?: unknown };
  switch (event.type) {
    case 'SignalRecorded':
      return data.sign?.code ? { code: data.sign.code, signalId: data.signal?.id ?? event.causedBy.id } : null;
    case 'PaymentCountedLate':
      return { code: 'late_payments', signalId: String(data.signalId ?? event.causedBy.id) };
    case 'MessageUnanswered':
      return { code: 'unanswered_messages', signalId: String(data.signalId ?? event.causedBy.id) };
    default:
      return null;
  }
}

/** The recorded signal of a `SignalRecorded` fact: its catalogue type and data. */
export function recordedSignalOf(event: DomainEvent): { id: string; type: string; data: Record<string, unknown> } | null {
  if (event.type !== 'SignalRecorded') return null;
  const signal = (event.data as { signal?: { id?: string; type?: string; data?: Record<string, unknown> } }).signal;
  return signal?.type ? { id: signal.id ?? event.causedBy.id, type: signal.type, data: signal.data ?? {} } : null;
}
