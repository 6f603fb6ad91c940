// Which run indices a request has finished, as sorted disjoint half-open ranges. Adding a range
// that overlaps one already there throws: merging it would count runs twice, which the
// determinism contract forbids, so it is a bug to stop at rather than a number to show.

export type Range = readonly [from: number, to: number];

/** The runs of the half-open range [from, to) in words: "run 0", "runs 0 to 99". */
export function describeRuns(from: number, to: number): string {
  const n = (i: number) => i.toLocaleString('en-US');
  return to - from === 1 ? `run ${n(from)}` : `runs ${n(from)} to ${n(to - 1)}`;
}

export class RangeSet {
  private ranges: Array<[number, number]> = [];

  add(from: number, to: number): void {
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from)) {
      throw new Error(`Invalid run range [${from}, ${to})`);
    }
    if (from === to) return;
    const list = this.ranges;
    // First range that ends at or after `from`.
    let i = 0;
    while (i < list.length && list[i][1] < from) i++;
    for (let k = i; k < list.length && list[k][0] < to; k++) {
      if (list[k][1] > from) throw new Error(`Runs [${from}, ${to}) overlap runs [${list[k][0]}, ${list[k][1]}) already counted`);
    }
    // Coalesce with touching neighbours.
    let start = from, end = to, j = i;
    if (j < list.length && list[j][1] === from) {
      start = list[j][0];
      j++;
    }
    if (j < list.length && list[j][0] === to) {
      end = list[j][1];
      j++;
    }
    list.splice(i, j - i, [start, end]);
  }

  /** Total runs covered. */
  get size(): number {
    let n = 0;
    for (const [a, b] of this.ranges) n += b - a;
    return n;
  }

  /** The end of the covered prefix [0, n), 0 when run 0 is not covered. */
  get prefixEnd(): number {
    return this.ranges.length > 0 && this.ranges[0][0] === 0 ? this.ranges[0][1] : 0;
  }

  /** True when the set is exactly [0, n). */
  isPrefix(n: number): boolean {
    return n === 0 ? this.ranges.length === 0 : this.ranges.length === 1 && this.ranges[0][0] === 0 && this.ranges[0][1] === n;
  }

  toArray(): Range[] {
    return this.ranges.map(([a, b]) => [a, b] as const);
  }
}
