// Appends, one or a batch, as a single call of the store's `offramp_append_many` function (see
// its migration): one statement, so one implicit transaction and one round trip per batch.
// The function sends back only what the store chose (positions, ids, time) for new events and
// the original result of each duplicate; the rest of a result is the request itself.
import type { DomainEvent } from '@offramp/domain';
import { VersionConflictError, type AppendRequest, type AppendResult, type StoredEvent } from '@offramp/runtime';
import type { Sql } from '../database';
import { iso, isoFromMs } from './rows';

const VERSION_CONFLICT = 'OR001';

/** The channel the store notifies after appends commit; the payload names the store that appended. */
export const APPENDED_CHANNEL = 'offramp_appended';

interface EventJson {
  eventId: string; streamId: string; version: number; globalPosition: number | string;
  type: string; event: DomainEvent; recordedAt: string;
}

interface OriginalJson { streamId: string; fromVersion: number; toVersion: number; events: EventJson[] }

interface BatchJson {
  at: number;
  positions: Array<number | string> | null;
  ids: string[] | null;
  duplicates: Record<string, OriginalJson> | null;
}

const toStored = (e: EventJson): StoredEvent => ({ ...e, globalPosition: Number(e.globalPosition), recordedAt: iso(e.recordedAt) });

/** A request as the function reads it; keys left out when the request has none. */
function requestJson(request: AppendRequest): object {
  const { streamId, expectedVersion, events, idempotencyKey, timers, snapshot } = request;
  return {
    s: streamId, e: expectedVersion, n: events.length, ev: events,
    ...(idempotencyKey != null ? { k: idempotencyKey } : {}),
    ...(timers ? { t: timers } : {}),
    ...(snapshot ? { sn: snapshot } : {}),
  };
}

/** A single append through migration 013's function, leaner than the batch one for one request. */
export async function appendOne(sql: Sql, request: AppendRequest): Promise<AppendResult> {
  const { events, idempotencyKey, timers, snapshot } = request;
  let text: string;
  try {
    const { rows } = await sql.query<{ result: string }>(
      `SELECT offramp_append_one($1, $2, $3::jsonb, $4, $5::jsonb, $6::jsonb) AS result`,
      [
        request.streamId, request.expectedVersion, JSON.stringify(events), idempotencyKey ?? null,
        timers ? JSON.stringify(timers) : null, snapshot ? JSON.stringify(snapshot) : null,
      ],
    );
    text = rows[0].result;
  } catch (error) {
    throw asVersionConflict(error, [request]) ?? error;
  }
  return resultsOf(JSON.parse(text) as BatchJson, [request])[0]!;
}

export async function appendAll(sql: Sql, requests: readonly AppendRequest[]): Promise<AppendResult[]> {
  if (requests.length === 0) return [];
  let text: string;
  try {
    const { rows } = await sql.query<{ result: string }>(
      `SELECT offramp_append_many($1::jsonb) AS result`,
      [JSON.stringify(requests.map(requestJson))],
    );
    text = rows[0].result;
  } catch (error) {
    throw asVersionConflict(error, requests) ?? error;
  }
  return resultsOf(JSON.parse(text) as BatchJson, requests);
}

function resultsOf(batch: BatchJson, requests: readonly AppendRequest[]): AppendResult[] {
  const recordedAt = isoFromMs()(batch.at);
  const positions = batch.positions ?? [];
  const ids = batch.ids ?? [];
  let next = 0;
  return requests.map((request, i): AppendResult => {
    const original = batch.duplicates?.[String(i + 1)];
    if (original) return { status: 'duplicate', ...original, events: original.events.map(toStored) };
    const { streamId, expectedVersion } = request;
    const events = request.events.map((event, n): StoredEvent => {
      const at = next++;
      return {
        eventId: ids[at], streamId, version: expectedVersion + n + 1, globalPosition: Number(positions[at]),
        type: event.type, event, recordedAt,
      };
    });
    return { status: 'appended', streamId, fromVersion: expectedVersion + 1, toVersion: expectedVersion + events.length, events };
  });
}

/** OR001 names the request (1-based) and the version its stream was at: `<request>:<actual>`. */
function asVersionConflict(error: unknown, requests: readonly AppendRequest[]): VersionConflictError | null {
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  if (code !== VERSION_CONFLICT || typeof detail !== 'string') return null;
  const [request, actual] = detail.split(':').map(Number);
  const conflicting = requests[request - 1];
  return conflicting ? new VersionConflictError(conflicting.streamId, conflicting.expectedVersion, actual) : null;
}
