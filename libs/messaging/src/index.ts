// Messaging: the input transport port with its Kafka and in-process implementations, the engine
// worker that feeds inputs to the engine and dead-letters what it refuses, and the outbox publisher.
export * from './ports';
export * from './metrics';
export * from './kafka/kafka-message-bus';
export * from './kafka/kafka-logging';
export * from './kafka/kafka-topics';
export * from './in-process/in-process-message-bus';
export * from './worker/engine-worker';
export * from './worker/dead-letter';
export * from './worker/read-input';
export * from './worker/failure-kind';
export * from './outbox/outbox-publisher';
export * from './cloudevents';
