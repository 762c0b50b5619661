// The broker from global setup answers, and a message makes the round trip through kafkajs.
import { Partitioners } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTopic, testKafka, uniqueName } from '../../support/kafka';

describe('the test broker', () => {
  const kafka = testKafka();
  const topic = uniqueName('smoke');
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: uniqueName('smoke-group'), maxWaitTimeInMs: 500 });

  afterAll(async () => {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  });

  it('delivers a produced message, with its key and headers, to a consumer', async () => {
    await createTopic(topic);
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'acme', value: '{"hello":"kafka"}', headers: { 'event-id': 'e-1' } }] });

    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<{ key: string; value: string; eventId: string }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) =>
          resolve({ key: String(message.key), value: String(message.value), eventId: String(message.headers?.['event-id']) }),
      });
    });

    expect(received).toEqual({ key: 'acme', value: '{"hello":"kafka"}', eventId: 'e-1' });
  });
});
