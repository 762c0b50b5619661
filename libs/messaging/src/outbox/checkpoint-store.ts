// Where a reader of the global order keeps its place, by name.
import type { Checkpoint } from '@offramp/runtime';

/**
 * The outbox publisher's view of a checkpoint store. The read-model runner's store (libs/read-models)
 * has the same two methods; until the product wires that one in, the in-memory one below serves.
 */
export interface CheckpointStore {
  load(name: string): Promise<Checkpoint>;
  save(name: string, checkpoint: Checkpoint): Promise<void>;
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints = new Map<string, Checkpoint>();

  async load(name: string): Promise<Checkpoint> {
    return this.checkpoints.get(name) ?? null;
  }

  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    this.checkpoints.set(name, checkpoint);
  }
}
