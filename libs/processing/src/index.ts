// Processing: the one tailing processor every reader of the global order runs in, and its ports.
export * from './ports';
export * from './in-memory-checkpoints';
export * from './tailing-processor';
