// A generated history in the contract's format: every relationship is opened, then signals
// arrive in time order, mostly everyday business with some warning signs, so that
// relationships move through the lifecycle without all of them ending. Deterministic.
import { relationshipIdOf } from './sample-events';

const START = Date.UTC(2025, 0, 6, 9, 0, 0);
const ACTOR = { id: 'u-bench', teamId: 'team-bench', role: 'manager' as const };

/** Small fixed-seed generator (mulberry32): the same history on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type HistoryLine = Record<string, unknown> & { kind: 'signal' | 'command'; id: string; type: string; relationshipId: string };

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface Signal { type: string; data: Record<string, unknown> }
interface Rel { invoices: number; openInvoice: { id: string; issuedAt: number } | null; messages: number; pendingMessage: string | null }

/** Signals by weight: everyday business first, warning signs rarer. */
const SIGNALS: Array<[number, (rel: Rel, id: string, at: number) => Signal | null]> = [
  [14, (rel, id, at) => {
    if (rel.openInvoice) return null;
    rel.openInvoice = { id: `${id}-inv-${++rel.invoices}`, issuedAt: at };
    return { type: 'invoice.issued', data: { invoiceId: rel.openInvoice.id, amount: 2400, dueOn: day(at + 21 * 86_400_000) } };
  }],
  [12, (rel, _id, at) => {
    if (!rel.openInvoice) return null;
    const invoice = rel.openInvoice;
    rel.openInvoice = null;
    return { type: 'invoice.paid', data: { invoiceId: invoice.id, amount: 2400, paidOn: day(at) } };
  }],
  [12, (rel, id) => {
    rel.pendingMessage = `${id}-msg-${++rel.messages}`;
    return { type: 'message.sent', data: { messageId: rel.pendingMessage, channel: 'email' } };
  }],
  [10, (rel) => {
    if (!rel.pendingMessage) return null;
    const messageId = rel.pendingMessage;
    rel.pendingMessage = null;
    return { type: 'message.replied', data: { messageId } };
  }],
  [16, () => ({ type: 'time.logged', data: { hours: 3 } })],
  [10, () => ({ type: 'meeting.held', data: { prepared: true } })],
  [8, () => ({ type: 'feedback.received', data: { sentiment: 'positive' } })],
  [3, () => ({ type: 'scope.changed', data: { description: 'new landing page instead' } })],
  [2, () => ({ type: 'meeting.missed', data: {} })],
  [2, () => ({ type: 'feedback.received', data: { sentiment: 'negative' } })],
  [2, () => ({ type: 'recommendation.rejected', data: {} })],
  [1, () => ({ type: 'advice.ignored', data: {} })],
  [1, () => ({ type: 'price.pressure', data: {} })],
];
const TOTAL_WEIGHT = SIGNALS.reduce((sum, [weight]) => sum + weight, 0);

export interface HistoryOptions { relationships: number; lines: number; seed?: number; stepMs?: number }

/** Yields `lines` history lines: `relationships` opens, then signals. */
export function* generateHistory(options: HistoryOptions): Generator<HistoryLine> {
  const random = seededRandom(options.seed ?? 7);
  const stepMs = options.stepMs ?? 60_000;
  const rels: Rel[] = [];
  let at = START;
  const opens = Math.min(options.relationships, options.lines);
  for (let r = 0; r < opens; r++) {
    rels.push({ invoices: 0, openInvoice: null, messages: 0, pendingMessage: null });
    const relationshipId = relationshipIdOf(r);
    yield {
      kind: 'command', id: `open-${relationshipId}`, type: 'relationship.open', relationshipId,
      issuedAt: new Date(at).toISOString(), actor: ACTOR,
      data: { clientName: `Client ${r}`, teamId: ACTOR.teamId, contract: { startsOn: '2024-09-01', noticeDays: 30, monthlyFee: 2400 }, responseWindowHours: 48 },
    };
    at += 1_000;
  }
  for (let n = opens; n < options.lines; n++) {
    at += stepMs;
    const r = Math.floor(random() * rels.length);
    const relationshipId = relationshipIdOf(r);
    const id = `sig-${n}`;
    let signal: Signal | null = null;
    while (!signal) {
      let pick = random() * TOTAL_WEIGHT;
      const entry = SIGNALS.find(([weight]) => (pick -= weight) < 0) ?? SIGNALS[0]!;
      signal = entry[1](rels[r]!, `${relationshipId}-${n}`, at);
    }
    yield { kind: 'signal', id, relationshipId, occurredAt: new Date(at).toISOString(), source: 'bench', type: signal.type, data: signal.data };
  }
}
