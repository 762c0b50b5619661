// Inputs as a producer would put them on the bus: keyed by relationship (so each one's inputs stay
// in order), the value the input's JSON. Taken from the generated history, so the engine accepts
// them as it would real business.
import { inLanes } from '../harness/measure';
import { generateHistory } from './history';

export interface FeedMessage {
  /** The input's id: what a read model shows as the cause of its facts. */
  id: string;
  key: string;
  value: string;
}

const asMessage = (line: { id: string; relationshipId: string }): FeedMessage =>
  ({ id: line.id, key: line.relationshipId, value: JSON.stringify(line) });

/** The commands that open `relationships` relationships (for the commands topic). */
export function openingCommands(relationships: number): FeedMessage[] {
  return [...generateHistory({ relationships, lines: relationships })].map(asMessage);
}

/** `count` signals over the relationships `openingCommands(relationships)` opens. */
export function signalMessages(relationships: number, count: number, seed = 7): FeedMessage[] {
  const signals: FeedMessage[] = [];
  for (const line of generateHistory({ relationships, lines: relationships + count, seed })) {
    if (line.kind === 'signal') signals.push(asMessage(line));
  }
  return signals;
}

/** One history of signals cut into a part of `perSecond × seconds` for each load in turn, so every signal is new business on an open relationship. */
export function signalsForLoads(relationships: number, loads: ReadonlyArray<{ perSecond: number; seconds: number }>): FeedMessage[][] {
  const signals = signalMessages(relationships, loads.reduce((sum, load) => sum + load.perSecond * load.seconds, 0), 9);
  let from = 0;
  return loads.map((load) => signals.slice(from, (from += load.perSecond * load.seconds)));
}

/** Publishes `messages` in sends of `chunk`, a few in flight (started in order, so each key keeps its order). */
export async function produceAll(send: (messages: FeedMessage[]) => Promise<unknown>, messages: readonly FeedMessage[], chunk = 1_000, inFlight = 4): Promise<void> {
  await inLanes(Math.ceil(messages.length / chunk), inFlight, (i) => send(messages.slice(i * chunk, (i + 1) * chunk)));
}
