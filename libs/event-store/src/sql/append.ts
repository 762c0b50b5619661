// One append: a single call of the store's `offramp_append` function (see its migration), alone
// or inside the transaction of a batch. Its result comes back as JSON.
import type { DomainEvent } from '@offramp/domain';
import { VersionConflictError, type AppendRequest, type AppendResult, type StoredEvent } from '@offramp/runtime';
import type { Sql } from '../database';
import { iso } from './rows';

const VERSION_CONFLICT = 'OR001';

interface EventJson {
  eventId: string; streamId: string; version: number; globalPosition: number | string;
  type: string; event: DomainEvent; recordedAt: string;
}

type ResultJson = Omit<AppendResult, 'events'> & { events: EventJson[] };

const toStored = (e: EventJson): StoredEvent => ({ ...e, globalPosition: Number(e.globalPosition), recordedAt: iso(e.recordedAt) });

export async function appendIn(sql: Sql, request: AppendRequest): Promise<AppendResult> {
  const { streamId, expectedVersion, events, idempotencyKey, timers, snapshot } = request;
  try {
    const { rows } = await sql.query<{ result: ResultJson }>(
      'SELECT offramp_append($1, $2, $3::jsonb, $4, $5::jsonb, $6::jsonb) AS result',
      [
        streamId, expectedVersion, JSON.stringify(events), idempotencyKey ?? null,
        timers ? JSON.stringify(timers) : null, snapshot ? JSON.stringify(snapshot) : null,
      ],
    );
    const result = rows[0].result;
    return { ...result, events: result.events.map(toStored) };
  } catch (error) {
    const { code, detail } = error as { code?: unknown; detail?: unknown };
    if (code === VERSION_CONFLICT) throw new VersionConflictError(streamId, expectedVersion, Number(detail));
    throw error;
  }
}
