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

/** Publishes `messages` in sends of `chunk`, a few in flight (started in order, so each key keeps its order). */
export async function produceAll(send: (messages: FeedMessage[]) => Promise<unknown>, messages: readonly FeedMessage[], chunk = 1_000, inFlight = 4): Promise<void> {
  await inLanes(Math.ceil(messages.length / chunk), inFlight, (i) => send(messages.slice(i * chunk, (i + 1) * chunk)));
}
