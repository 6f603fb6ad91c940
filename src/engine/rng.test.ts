// The seeded generator: reproducible per (seed, run), different across runs and seeds, and
// uniform enough that a chi-square test on a d20 passes.

import { describe, expect, it } from 'vitest';
import { Rng, scaled } from './rng.ts';

const take = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextU32());

/** Pearson's statistic for counts of faces 1..sides against the uniform distribution. */
function chiSquare(counts: number[], n: number): number {
  const expected = n / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

// Upper 0.999 quantile of chi-square with 19 degrees of freedom (tables: 43.82).
const CHI2_19_999 = 43.82;
// Upper 0.999 quantile with 5 degrees of freedom (tables: 20.52).
const CHI2_5_999 = 20.52;

describe('Rng', () => {
  it('gives the same sequence for the same (seed, run), and seedRun rewinds to it', () => {
    const a = take(new Rng(1234, 7), 200);
    const b = take(new Rng(1234, 7), 200);
    expect(a).toEqual(b);
    const rng = new Rng(1, 1);
    take(rng, 50);
    rng.seedRun(1234, 7);
    expect(take(rng, 200)).toEqual(a);
  });

  it('gives different sequences for different runs and different seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      for (let run = 0; run < 50; run++) seen.add(take(new Rng(seed, run), 4).join(','));
    }
    expect(seen.size).toBe(20 * 50);
    // Neighbouring runs do not share values at the same positions.
    const r0 = take(new Rng(9, 0), 1000), r1 = take(new Rng(9, 1), 1000);
    expect(r0.filter((v, i) => v === r1[i]).length).toBe(0);
  });

  it('keeps die, below and next in range', () => {
    const rng = new Rng(5, 5);
    let outOfRange = 0;
    const seenFaces = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const d = rng.die(20);
      seenFaces.add(d);
      if (!(Number.isInteger(d) && d >= 1 && d <= 20)) outOfRange++;
      const b = rng.below(7);
      if (!(Number.isInteger(b) && b >= 0 && b < 7)) outOfRange++;
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outOfRange++;
      if (rng.die(1) !== 1) outOfRange++;
    }
    expect(outOfRange).toBe(0);
    expect(seenFaces.size).toBe(20);
  });

  it('die and below equal the floating-point form floor(u / 2^32 * n), draw for draw', () => {
    // The integer arithmetic on 16-bit halves must give the same faces, or every fight would change.
    const a = new Rng(77, 3), b = new Rng(77, 3);
    const sides = [1, 2, 3, 4, 6, 8, 10, 12, 20, 100, 1000, 4097, 65535, 65536, 1 << 20];
    let mismatches = 0;
    for (let i = 0; i < 30_000; i++) {
      const n = sides[i % sides.length];
      const u = b.nextU32();
      if (a.die(n) !== Math.floor((u / 4294967296) * n) + 1) mismatches++;
    }
    for (const u of [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffff0000, 0xfffffffe, 0xffffffff]) {
      for (const n of sides) {
        if (scaled(u, n) !== Math.floor((u / 4294967296) * n)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('die(20) over 200k rolls passes a chi-square test (19 df, p = 0.001)', () => {
    const rng = new Rng(2024, 0);
    const n = 200_000;
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < n; i++) counts[rng.die(20) - 1]++;
    expect(chiSquare(counts, n)).toBeLessThan(CHI2_19_999);
  });

  it('the first d20 of each of 100k consecutive runs is uniform too (seeding across runs)', () => {
    const rng = new Rng();
    const n = 100_000;
    const counts = new Array<number>(20).fill(0);
    for (let run = 0; run < n; run++) {
      rng.seedRun(31337, run);
      counts[rng.die(20) - 1]++;
    }
    expect(chiSquare(counts, n)).toBeLessThan(CHI2_19_999);
  });

  it('pairs of consecutive d6 rolls are independent (36 cells, chi-square on the joint table)', () => {
    const rng = new Rng(77, 1);
    const n = 180_000;
    const counts = new Array<number>(36).fill(0);
    for (let i = 0; i < n; i++) counts[(rng.die(6) - 1) * 6 + rng.die(6) - 1]++;
    // 35 degrees of freedom: the 0.999 quantile is 66.62.
    expect(chiSquare(counts, n)).toBeLessThan(66.62);
    const faces = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) faces[rng.die(6) - 1]++;
    expect(chiSquare(faces, 60_000)).toBeLessThan(CHI2_5_999);
  });
});
