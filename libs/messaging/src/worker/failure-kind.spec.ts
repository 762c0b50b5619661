import { describe, expect, it } from 'vitest';
import { failureKind } from './failure-kind';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const kafkaError = (name: string) => Object.assign(new Error('broker away'), { name });

describe('what a failure says about the input', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['a connection reset', withCode('ECONNRESET')],
    ['a server shutting down', withCode('57P01')],
    ['a serialization failure', withCode('40001')],
    ['a deadlock', withCode('40P01')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a broker away', kafkaError('KafkaJSConnectionError')],
    ['a missing table (the installation, not the input)', withCode('42P01')],
  ])('%s is transient: retried, the input kept', (_, error) => {
    expect(failureKind(error)).toBe('transient');
  });

  it.each([
    ['NUL in text (22P05)', withCode('22P05')],
    ['a date out of range (22008)', withCode('22008')],
    ['invalid JSON text (22P02)', withCode('22P02')],
    ['an index row too large (54000)', withCode('54000')],
    ['a TypeError in the handler', new TypeError('x is undefined')],
    ['a RangeError in the handler', new RangeError('Invalid time value')],
    ['a thrown string', 'boom'],
  ])('%s is poison: the input is dead-lettered', (_, error) => {
    expect(failureKind(error)).toBe('poison');
  });
});
