// A history file run in event time through the same engine the service uses: the clock follows the
// records, and timers due up to a record (at the same instant included) fire before it, in order.
import { DEFAULT_POLICY, type Policy, type RefusalCode, type RelationshipView } from '@offramp/domain';
import { RelationshipEngine, type HandleResult, type StoredEvent } from '@offramp/runtime';
import { EventTimeClock } from '@offramp/timers';
// The memory store straight from its folder: the lib's index also loads the SQL drivers.
import { InMemoryEventStore } from '../../event-store/src/memory';

export interface RefusedLine { line: number; id: string | null; code: RefusalCode; message: string }

export interface SimulationOutput {
  relationships: RelationshipView[];
  refused: RefusedLine[];
}

export interface SimulationOptions {
  /** Records after this are not applied; timers due up to it fire at the end. */
  until?: Date;
  policy?: Policy;
  /** Keeps, per relationship, the moments it entered and left at_risk (a policy diff needs them). */
  atRiskMoments?: boolean;
  /** Sees every event the engine appends, in order (for checks of what a history writes). */
  onEvents?: (events: StoredEvent[]) => void;
}

/** A moment a relationship entered or left at_risk, and the state it came from or went to. */
export interface AtRiskMoment { at: string; change: 'entered' | 'left'; other: string }

/** Timers fired per claim; rounds repeat until none is due. */
const TIMER_ROUND = 1_000;

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The record's own time (`occurredAt` of a signal, `issuedAt` of a command), when it has a readable one. */
export function recordTime(record: unknown): number | null {
  if (!isRecord(record)) return null;
  const value = record.kind === 'command' ? record.issuedAt : record.kind === 'signal' ? record.occurredAt : (record.occurredAt ?? record.issuedAt);
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export class HistorySimulation {
  private readonly clock = new EventTimeClock();
  // Only what deciding needs is kept, so memory follows the relationships, not the file's length.
  private readonly store = new InMemoryEventStore({ retainEvents: false });
  private readonly engine: RelationshipEngine;
  private readonly untilMs: number | null;
  private readonly opened = new Set<string>();
  private readonly refused: RefusedLine[] = [];
  private readonly moments: Map<string, AtRiskMoment[]> | null;
  private pastUntil = false;
  private readonly onEvents?: (events: StoredEvent[]) => void;

  constructor(options: SimulationOptions = {}) {
    this.onEvents = options.onEvents;
    this.untilMs = options.until ? options.until.getTime() : null;
    this.moments = options.atRiskMoments ? new Map() : null;
    this.engine = new RelationshipEngine(
      { store: this.store, timers: this.store.timers, clock: this.clock, policy: options.policy ?? DEFAULT_POLICY },
      { snapshotEvery: 1, cacheSize: 50_000 },
    );
  }

  /** Applies one parsed line of the file (`line` counts from 1). */
  async apply(record: unknown, line: number): Promise<void> {
    const at = recordTime(record);
    if (this.untilMs !== null) {
      if (at !== null && at > this.untilMs) this.pastUntil = true;
      if (this.pastUntil) return;
    }
    if (at !== null) {
      if (this.dueBy(at) !== null) await this.fireTimersUpTo(at);
      this.clock.advanceTo(new Date(at));
    }
    const result = await this.engine.handle(record);
    // An accepted record passed the catalogue, so it names its relationship.
    if (result.status === 'accepted') this.note(result, (record as { relationshipId: string }).relationshipId);
    if (result.status === 'refused') {
      const id = isRecord(record) && typeof record.id === 'string' ? record.id : null;
      this.refused.push({ line, id, code: result.refusal.code, message: result.refusal.message });
    }
  }

  /** Runs the clock to `until` (when given) and reports every opened relationship. */
  async finish(): Promise<SimulationOutput> {
    if (this.untilMs !== null) {
      await this.fireTimersUpTo(this.untilMs);
      this.clock.advanceTo(new Date(this.untilMs));
    }
    const relationships: RelationshipView[] = [];
    for (const id of [...this.opened].sort()) {
      const view = await this.engine.view(id);
      if (view) {
        const { relationshipId, state, phase, riskScore, reasons } = view;
        relationships.push({ relationshipId, state, phase, riskScore, reasons });
      }
    }
    return { relationships, refused: this.refused };
  }

  /** Fires, earliest first, every timer due at or before `ms`, including timers that firing creates. */
  private async fireTimersUpTo(ms: number): Promise<void> {
    for (let due = this.dueBy(ms); due !== null; due = this.dueBy(ms)) {
      this.clock.advanceTo(new Date(due));
      const fired = await this.engine.fireDueTimers(TIMER_ROUND);
      if (fired.length === 0) return;
      for (const { timer, result } of fired) if (result.status === 'accepted') this.note(result, timer.relationshipId);
    }
  }

  /** When the earliest timer is due, if that is at or before `ms`; null when none is. */
  private dueBy(ms: number): number | null {
    const due = this.store.timers.nextDueMs();
    return due !== null && due <= ms ? due : null;
  }

  /** Per relationship, when it entered and left at_risk (with `atRiskMoments`). */
  atRiskMoments(relationshipId: string): AtRiskMoment[] {
    return this.moments?.get(relationshipId) ?? [];
  }

  /** By the relationship the input named: the result's view is worked out only when read, and nothing here needs it. */
  private note(result: Extract<HandleResult, { status: 'accepted' }>, relationshipId: string): void {
    this.opened.add(relationshipId);
    this.onEvents?.(result.events);
    if (this.moments) for (const { event } of result.events) this.noteTransition(event.relationshipId, event.at, event.data.transition);
  }

  private noteTransition(relationshipId: string, at: string, transition: unknown): void {
    const t = transition as { from?: { state: string }; to?: { state: string } } | undefined;
    if (!t?.from || !t.to || t.from.state === t.to.state) return;
    const moment: AtRiskMoment | null = t.to.state === 'at_risk'
      ? { at, change: 'entered', other: t.from.state }
      : t.from.state === 'at_risk' ? { at, change: 'left', other: t.to.state } : null;
    if (!moment) return;
    const list = this.moments!.get(relationshipId) ?? [];
    list.push(moment);
    this.moments!.set(relationshipId, list);
  }
}
