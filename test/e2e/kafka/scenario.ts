// The load the end-to-end Kafka tests send: many relationships, a few signals each, and poison
// messages of every kind among them.
import { randomUUID } from 'node:crypto';
import { asMessage, opened, signal } from '../../integration/kafka/inputs';

export interface Load {
  opens: { key: string; value: string }[];
  signals: { key: string; value: string }[];
  /** Inputs the engine must accept (one idempotency key each). */
  acceptedInputs: number;
  /** Messages that must reach the dead-letter topic. */
  poison: number;
}

/** `relationships` opened, `signalsEach` signals for each, one signal sent twice, poison on every 100th. */
export function load(relationships: number, signalsEach: number): Load {
  const ids = Array.from({ length: relationships }, (_, i) => `client-${String(i).padStart(5, '0')}-${randomUUID().slice(0, 8)}`);
  const signals: Load['signals'] = [];
  let poison = 0;
  ids.forEach((id, i) => {
    for (let n = 0; n < signalsEach; n++) {
      const at = `2026-03-${String(2 + n).padStart(2, '0')}T10:00:00Z`;
      const message = asMessage(n % 2 === 0 ? signal('meeting.held', id, { prepared: true }, at) : signal('time.logged', id, { hours: 2 }, at));
      signals.push(message);
      if (n === 0) signals.push(message);
    }
    if (i % 100 === 0) {
      signals.push({ key: id, value: `{"broken": ${i}` }, asMessage(signal('weather.sunny', id)), asMessage(signal('invoice.paid', id, { invoiceId: 'INV-1' })));
      poison += 3;
    }
  });
  return {
    opens: ids.map((id) => asMessage(opened(id))),
    signals,
    acceptedInputs: relationships * (1 + signalsEach),
    poison,
  };
}
