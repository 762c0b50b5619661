// Recently decided states by stream, least recently used dropped first. An entry is only a
// starting point: the engine reads the stream's tail after it, and a stale entry shows up as a
// version conflict on append, after which it is dropped.
import type { VersionedState } from './handle-result';

export class StateCache {
  private readonly entries = new Map<string, VersionedState>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): VersionedState | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: VersionedState): void {
    if (this.capacity <= 0) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
