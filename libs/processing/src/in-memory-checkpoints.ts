// Checkpoints in process memory: for the in-memory store, and for readers whose place need not
// outlive the process (the dashboard's change feed starts where the read models stand). One
// process owns this memory, so there is no lease to fence a move with.
import type { Checkpoint } from '@offramp/runtime';
import type { ProcessorCheckpoints } from './ports';

export class InMemoryCheckpoints implements ProcessorCheckpoints<undefined> {
  private readonly checkpoints = new Map<string, Checkpoint>();

  async load(name: string): Promise<Checkpoint> {
    return this.checkpoints.get(name) ?? null;
  }

  async advance(names: string | readonly string[], from: Checkpoint, to: Checkpoint, work?: (tx: undefined) => Promise<void>): Promise<boolean> {
    const all = typeof names === 'string' ? [names] : names;
    const standing = () => all.every((name) => (this.checkpoints.get(name) ?? null) === from);
    if (!standing()) return false;
    await work?.(undefined);
    if (!standing()) return false;
    for (const name of all) this.checkpoints.set(name, to);
    return true;
  }

  async reset(names: readonly string[], work?: (tx: undefined) => Promise<void>): Promise<void> {
    await work?.(undefined);
    for (const name of names) this.checkpoints.set(name, null);
  }
}
