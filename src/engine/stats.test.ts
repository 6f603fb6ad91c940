// Statistics that the summary reports: Wilson intervals against textbook values, nearest-rank
// quantiles on small histograms, severity ordering, and the summary's arithmetic on a hand-made
// aggregate.

import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { emptyAggregate, mergeInto, recordRunEnd, runSeverity } from './stats.ts';
import { histogramQuantile, proportion, summarize, wilson } from './summary.ts';
import { character, creature, fight } from './test-support.ts';

const Z = 1.959963984540054;

/** The Wilson score interval written out from the formula, independently of the engine. */
function wilsonByHand(x: number, n: number): [number, number] {
  const p = x / n;
  const a = 2 * n * p + Z * Z;
  const b = Z * Math.sqrt(Z * Z + 4 * n * p * (1 - p));
  const c = 2 * (n + Z * Z);
  return [(a - b) / c, (a + b) / c];
}

describe('wilson', () => {
  it('0 of 10: [0, z^2 / (n + z^2)] = [0, 0.2775]', () => {
    const [lo, hi] = wilson(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo((Z * Z) / (10 + Z * Z), 12);
    expect(hi).toBeCloseTo(0.2775, 4);
  });

  it('5 of 10: symmetric about 1/2, [0.2366, 0.7634]', () => {
    const [lo, hi] = wilson(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    expect(lo + hi).toBeCloseTo(1, 12);
  });

  it("81 of 263 (Newcombe 1998's example): [0.2553, 0.3662]", () => {
    const [lo, hi] = wilson(81, 263);
    const [elo, ehi] = wilsonByHand(81, 263);
    expect(lo).toBeCloseTo(elo, 12);
    expect(hi).toBeCloseTo(ehi, 12);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it('matches the formula for many (x, n), stays within [0, 1], and contains p', () => {
    for (const n of [1, 2, 7, 30, 1000, 123457]) {
      for (const x of [0, 1, Math.floor(n / 3), n - 1, n]) {
        if (x < 0 || x > n) continue;
        const [lo, hi] = wilson(x, n);
        const [elo, ehi] = wilsonByHand(x, n);
        expect(lo).toBeCloseTo(Math.max(0, elo), 12);
        expect(hi).toBeCloseTo(Math.min(1, ehi), 12);
        expect(lo).toBeLessThanOrEqual(x / n + 1e-15);
        expect(hi).toBeGreaterThanOrEqual(x / n - 1e-15);
      }
    }
    expect(wilson(0, 0)).toEqual([0, 1]);
    expect(proportion(3, 12)).toEqual({ count: 3, n: 12, p: 0.25, ci95: wilson(3, 12) });
    expect(proportion(0, 0).p).toBe(0);
  });
});

describe('histogramQuantile (nearest rank)', () => {
  it('on {15, 20, 35, 40, 50}: 5th, 30th, 40th, 50th and 100th percentiles are 15, 20, 20, 35, 50', () => {
    const hist = new Array<number>(51).fill(0);
    for (const v of [15, 20, 35, 40, 50]) hist[v]++;
    expect(histogramQuantile(hist, 0.05)).toBe(15);
    expect(histogramQuantile(hist, 0.3)).toBe(20);
    expect(histogramQuantile(hist, 0.4)).toBe(20);
    expect(histogramQuantile(hist, 0.5)).toBe(35);
    expect(histogramQuantile(hist, 1)).toBe(50);
  });

  it('handles ties, q = 0, empty histograms and a single bin', () => {
    expect(histogramQuantile([0, 0, 5, 0, 5], 0.5)).toBe(2);
    expect(histogramQuantile([0, 0, 5, 0, 5], 0.51)).toBe(4);
    expect(histogramQuantile([0, 0, 5, 0, 5], 0)).toBe(2);
    expect(histogramQuantile([0, 0, 5, 0, 5], 1)).toBe(4);
    expect(histogramQuantile([0, 0, 0], 0.5)).toBe(0);
    expect(histogramQuantile([7], 0.9)).toBe(0);
    // 1..10 once each: the 10th percentile is 1, the median 5, the 90th 9.
    const ten = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    expect(histogramQuantile(ten, 0.1)).toBe(1);
    expect(histogramQuantile(ten, 0.5)).toBe(5);
    expect(histogramQuantile(ten, 0.9)).toBe(9);
    expect(histogramQuantile(ten, 0.91)).toBe(10);
  });
});

describe('severity and the summary', () => {
  it('orders runs by outcome, then deaths, then HP lost', () => {
    expect(runSeverity('defeat', 0, 0)).toBeGreaterThan(runSeverity('draw', 8, 100));
    expect(runSeverity('draw', 0, 0)).toBeGreaterThan(runSeverity('victory', 8, 100));
    expect(runSeverity('victory', 1, 0)).toBeGreaterThan(runSeverity('victory', 0, 100));
    expect(runSeverity('victory', 0, 51)).toBeGreaterThan(runSeverity('victory', 0, 50));
    expect(runSeverity('victory', 0, 0)).toBe(0);
  });

  it('summarises a hand-made aggregate: proportions, mean and sd of deaths, HP quantiles, representative runs', () => {
    const compiled = compileScenario(fight([character('A', { hp: 10 }), character('B', { hp: 10 })], [creature('M')]));
    const layout = compiled.layout;
    const agg = emptyAggregate(layout);
    // run, outcome, deaths, rounds, party HP at the end (of 20)
    const runs: Array<[number, 'victory' | 'defeat' | 'draw', number, number, number]> = [
      [0, 'victory', 0, 3, 20],
      [1, 'victory', 1, 4, 8],
      [2, 'defeat', 2, 5, 0],
      [3, 'draw', 0, 100, 15],
      [4, 'defeat', 1, 2, 0],
    ];
    for (const [run, outcome, deaths, rounds, hp] of runs) recordRunEnd(agg, run, outcome, deaths, rounds, hp, 20);
    const s = summarize(agg, layout);
    expect(s.runs).toBe(5);
    expect(s.day.victory.p).toBe(0.4);
    expect(s.day.defeat).toEqual(proportion(2, 5));
    expect(s.day.draw.count).toBe(1);
    expect(s.deaths.expected).toBeCloseTo(0.8, 12);
    // Sample sd of {0, 1, 2, 0, 1}: variance (0.64 + 0.04 + 1.44 + 0.64 + 0.04) / 4 = 0.7.
    expect(s.deaths.sd).toBeCloseTo(Math.sqrt(0.7), 12);
    expect(s.deaths.anyP).toBe(0.6);
    expect(s.rounds.mean).toBeCloseTo(114 / 5, 12);
    expect(s.partyHpEnd.mean).toBe(43 / 5);
    expect(s.partyHpEnd.max).toBe(20);
    // HP at the end sorted: 0, 0, 8, 15, 20.
    expect(s.partyHpEnd.p10).toBe(0);
    expect(s.partyHpEnd.p50).toBe(8);
    expect(s.partyHpEnd.p90).toBe(20);
    expect(s.representatives.worst).toBe(2);
    expect(s.representatives.best).toBe(0);
    expect(s.representatives.firstDefeat).toBe(2);
  });

  it('refuses to merge aggregates of different scenarios', () => {
    const one = compileScenario(fight([character('A')], [creature('M')])).layout;
    const two = compileScenario(fight([character('A'), character('B')], [creature('M')])).layout;
    expect(() => mergeInto(emptyAggregate(one), emptyAggregate(two))).toThrow(/different scenarios/);
  });
});
