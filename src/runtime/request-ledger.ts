// Per request, which run indices are finished, which came back unfinished and where the untouched
// frontier starts. This bookkeeping is what keeps the determinism contract when chunks are paused,
// preempted, timed out or lost with their worker: every unfinished part returns here as a hole,
// holes are re-issued lowest first, and the done set refuses overlaps, so no run is skipped and
// none is counted twice. The ledger knows nothing of priorities or targets; the scheduler passes
// the run limit in.
import { RangeSet } from './ranges.ts';

/** A run range not yet done and not in flight; attempts counts losses of a worker while running it. */
export interface PendingRange {
  from: number;
  to: number;
  attempts: number;
}

/** Inserts a range into a list kept sorted by start, so the lowest unfinished runs go out first. */
export function insertPending(list: PendingRange[], p: PendingRange): void {
  if (p.to <= p.from) return;
  let i = 0;
  while (i < list.length && list[i].from < p.from) i++;
  list.splice(i, 0, p);
}

export class RequestLedger {
  /** Runs finished and merged into the request's aggregate. */
  done = new RangeSet();
  /** Runs below the frontier that came back unfinished, sorted by start. */
  holes: PendingRange[] = [];
  /** The frontier: runs from here on have never been handed out. */
  nextIndex = 0;
  /** Precision met: no new runs past the frontier, only holes below it. */
  draining = false;

  /**
   * A ledger for runs finished before a reload: the gaps between finished ranges (chunks that were
   * in flight) become holes. Null when the ranges overlap or reach past `limit`, so they cannot be trusted.
   */
  static fromRanges(ranges: Iterable<readonly [number, number]>, limit: number): RequestLedger | null {
    const ledger = new RequestLedger();
    try {
      for (const [from, to] of ranges) {
        if (to > limit) return null;
        ledger.done.add(from, to);
      }
    } catch {
      return null;
    }
    const done = ledger.done.toArray();
    if (done.length === 0) return ledger;
    ledger.nextIndex = done[done.length - 1][1];
    let at = 0;
    for (const [from, to] of done) {
      if (from > at) ledger.holes.push({ from: at, to: from, attempts: 0 });
      at = to;
    }
    return ledger;
  }

  get runsDone(): number {
    return this.done.size;
  }

  /** Runs [0, runs) are done, from a stored result; nothing is left below them. */
  resetToPrefix(runs: number): void {
    this.done = new RangeSet();
    this.done.add(0, runs);
    this.holes = [];
    this.nextIndex = runs;
  }

  /** Something is left to hand out below `limit`. */
  hasWork(limit: number): boolean {
    return this.holes.length > 0 || (!this.draining && this.nextIndex < limit);
  }

  /** Runs not yet handed out: from the frontier up to `limit`, plus the holes. */
  unissued(limit: number): number {
    let n = Math.max(0, limit - this.nextIndex);
    for (const h of this.holes) n += h.to - h.from;
    return n;
  }

  /** The next chunk of at most `size` runs: the lowest hole first, else from the frontier up to `limit`. */
  take(size: number, limit: number): PendingRange {
    if (this.holes.length > 0) {
      const hole = this.holes[0];
      const to = Math.min(hole.to, hole.from + size);
      const taken = { from: hole.from, to, attempts: hole.attempts };
      if (to === hole.to) this.holes.shift();
      else hole.from = to;
      return taken;
    }
    const from = this.nextIndex;
    const to = Math.min(limit, from + size);
    this.nextIndex = to;
    return { from, to, attempts: 0 };
  }

  /** Records runs [from, to) as finished. */
  markDone(from: number, to: number): void {
    this.done.add(from, to);
  }

  /** Hands runs back to be issued again. */
  returnRuns(p: PendingRange): void {
    insertPending(this.holes, p);
  }

  /** Nothing is in the holes and the frontier has reached `limit` (or precision stopped it). */
  frontierDone(limit: number): boolean {
    return this.draining || this.nextIndex >= limit;
  }

  /** Throws when the finished runs are not exactly [0, frontier): a bug, never a number to show. */
  assertComplete(requestId: string): void {
    if (!this.done.isPrefix(this.nextIndex)) {
      throw new Error(`Internal error: request ${requestId} finished with runs ${JSON.stringify(this.done.toArray())}, not [0, ${this.nextIndex})`);
    }
  }

  /** The finished ranges, as plain pairs for a checkpoint. */
  toRanges(): Array<[number, number]> {
    return this.done.toArray().map(([a, b]) => [a, b] as [number, number]);
  }
}
