// A team's history as it was recorded: every signal and command its relationships received, rebuilt
// from the facts in the event store (a signal from the fact that recorded it, a command from the
// first fact it led to) and from the refusals kept beside them, in event time. Timers are left out:
// replaying in event time fires them again. Reads only.
import type { DomainEvent, InputRef } from '@offramp/domain';
import type { EventStore, StoredEvent, StoredRefusal } from '@offramp/runtime';

type Raw = Record<string, unknown>;

interface Timed { atMs: number; recordedMs: number; order: number; raw: Raw }

/** What decide adds to a command's data on its first fact, for facts written before they carried the command itself. */
const DERIVED = new Set(['transition', 'reasons', 'risk', 'settings', 'coolingOffEndsAt', 'endsAt', 'redFlagExit', 'warning', 'waived']);

function commandOf(event: DomainEvent, cause: InputRef): Raw {
  const data = cause.command?.data ?? Object.fromEntries(Object.entries(event.data).filter(([key]) => !DERIVED.has(key)));
  return {
    kind: 'command', id: cause.id, type: cause.type, relationshipId: event.relationshipId, issuedAt: cause.at, actor: cause.actor, data,
    ...(cause.command?.override ? { override: cause.command.override } : {}),
  };
}

function signalOf(event: DomainEvent): Raw | null {
  const signal = event.data.signal as { id: string; source: string; type: string; occurredAt?: string; data: Raw } | undefined;
  if (!signal) return null;
  return { kind: 'signal', id: signal.id, type: signal.type, relationshipId: event.relationshipId, occurredAt: signal.occurredAt ?? event.at, source: signal.source, data: signal.data };
}

/** The inputs behind one stream's facts, each once, in stream order. */
export function inputsOfStream(events: readonly StoredEvent[]): Timed[] {
  const seen = new Set<string>();
  const inputs: Timed[] = [];
  for (const stored of events) {
    const { event } = stored;
    const cause = event.causedBy;
    if (cause.kind === 'timer') continue;
    const key = cause.kind === 'signal' ? JSON.stringify([cause.source, cause.id]) : `command:${cause.id}`;
    if (seen.has(key)) continue;
    const raw = cause.kind === 'signal' ? (event.type === 'SignalRecorded' ? signalOf(event) : null) : commandOf(event, cause);
    if (!raw) continue;
    seen.add(key);
    inputs.push({ atMs: Date.parse(cause.at), recordedMs: Date.parse(stored.recordedAt), order: stored.globalPosition, raw });
  }
  return inputs;
}

/**
 * Refused inputs are part of the history: under another policy a command refused then may be
 * accepted. A version conflict is left out: it refused a caller's stale view, not the input.
 */
export function inputsOfRefusals(refusals: readonly StoredRefusal[]): Timed[] {
  return refusals.flatMap((r) => {
    const raw = r.input;
    if (r.refusal.code === 'version_conflict' || r.inputKind === 'timer' || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
    return [{ atMs: Date.parse(r.at), recordedMs: Date.parse(r.recordedAt), order: r.position, raw: { kind: r.inputKind, ...(raw as Raw) } }];
  });
}

export interface HistoryReadProgress { read: number; total: number }

const READ_AHEAD = 8;

/** Every recorded input of these relationships, ordered by event time (then as they were recorded). */
export async function recordedHistory(
  store: Pick<EventStore, 'readStream' | 'readRefusals'>, relationshipIds: readonly string[], onProgress?: (p: HistoryReadProgress) => void,
): Promise<Raw[]> {
  const all: Timed[] = [];
  // A few relationships at a time: the reads are round trips, and a pool answers several at once.
  for (let from = 0; from < relationshipIds.length; from += READ_AHEAD) {
    const ids = relationshipIds.slice(from, from + READ_AHEAD);
    const read = await Promise.all(ids.map(async (id) => [await store.readStream(id), await store.readRefusals(id)] as const));
    for (const [events, refusals] of read) all.push(...inputsOfStream(events), ...inputsOfRefusals(refusals));
    onProgress?.({ read: from + ids.length, total: relationshipIds.length });
  }
  all.sort((a, b) => a.atMs - b.atMs || a.recordedMs - b.recordedMs || a.order - b.order);
  return all.map((t) => t.raw);
}
