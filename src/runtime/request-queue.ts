// The priority queue of live requests: one FIFO bucket per priority, ordered by submission
// sequence, so iteration is "most urgent first, first come first served within a priority". A
// request raised to a higher priority keeps its original place in line among its new peers.
import { PRIORITIES, priorityRank, type Priority } from './types.ts';

export interface Queued {
  readonly seq: number;
  priority: Priority;
}

export class RequestQueue<T extends Queued> {
  private readonly buckets: T[][] = PRIORITIES.map(() => []);

  get size(): number {
    return this.buckets.reduce((n, b) => n + b.length, 0);
  }

  add(item: T): void {
    const bucket = this.buckets[priorityRank(item.priority)];
    // Binary search for the first element with a larger seq.
    let lo = 0, hi = bucket.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bucket[mid].seq < item.seq) lo = mid + 1;
      else hi = mid;
    }
    if (bucket[lo] === item) return;
    bucket.splice(lo, 0, item);
  }

  remove(item: T): boolean {
    const bucket = this.buckets[priorityRank(item.priority)];
    const i = bucket.indexOf(item);
    if (i < 0) return false;
    bucket.splice(i, 1);
    return true;
  }

  setPriority(item: T, priority: Priority): void {
    const present = this.remove(item);
    item.priority = priority;
    if (present) this.add(item);
  }

  /** Most urgent first; within a priority, in submission order. */
  *inOrder(): Generator<T> {
    for (let r = this.buckets.length - 1; r >= 0; r--) yield* [...this.buckets[r]];
  }
}
