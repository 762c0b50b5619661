// A min-heap of (due time, timer id) with lazy removal: entries that no longer match their
// timer are skipped when they reach the top, so replacing a timer costs O(log n), not a scan.

export interface DueEntry { dueMs: number; id: string; token: number }

const before = (a: DueEntry, b: DueEntry): boolean => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.id < b.id);

export class DueQueue {
  private readonly heap: DueEntry[] = [];

  get size(): number { return this.heap.length; }

  push(entry: DueEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** The earliest entry for which `live` holds; stale entries above it are dropped on the way. */
  peek(live: (entry: DueEntry) => boolean): DueEntry | undefined {
    while (this.heap.length > 0 && !live(this.heap[0])) this.pop();
    return this.heap[0];
  }

  pop(): DueEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && before(heap[left], heap[least])) least = left;
        if (right < heap.length && before(heap[right], heap[least])) least = right;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least], heap[i]];
        i = least;
      }
    }
    return top;
  }
}
