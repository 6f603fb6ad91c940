import { describe, expect, test } from 'vitest';
import * as fc from 'fast-check';
import { RangeSet } from './ranges.ts';

describe('RangeSet', () => {
  test('coalesces touching ranges in any order into one prefix', () => {
    const s = new RangeSet();
    s.add(500, 1000);
    s.add(0, 200);
    expect(s.isPrefix(1000)).toBe(false);
    expect(s.prefixEnd).toBe(200);
    s.add(200, 500);
    expect(s.toArray()).toEqual([[0, 1000]]);
    expect(s.isPrefix(1000)).toBe(true);
    expect(s.size).toBe(1000);
  });

  test('refuses a range that would count runs twice, naming both ranges', () => {
    const s = new RangeSet();
    s.add(0, 5);
    s.add(7, 10);
    expect(() => s.add(5, 8)).toThrow('Runs [5, 8) overlap runs [7, 10) already counted');
    expect(() => s.add(4, 6)).toThrow('Runs [4, 6) overlap runs [0, 5) already counted');
    expect(() => s.add(3, 2)).toThrow('Invalid run range [3, 2)');
    expect(s.toArray()).toEqual([[0, 5], [7, 10]]);
  });

  test('any tiling of [0, n) added in any order is exactly the prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 30 }), fc.integer(), (sizes, seed) => {
        const chunks: Array<[number, number]> = [];
        let at = 0;
        for (const n of sizes) {
          chunks.push([at, at + n]);
          at += n;
        }
        // Deterministic shuffle from the seed.
        const order = chunks.map((c, i) => ({ c, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((a, b) => a.k - b.k).map((x) => x.c);
        const s = new RangeSet();
        for (const [a, b] of order) s.add(a, b);
        return s.isPrefix(at) && s.size === at;
      }),
    );
  });
});
