// Paired comparisons of two scenarios run with common random numbers: run i of both used the same
// base seed and run index, so the runs pair up and only the runs whose outcome differs (the
// discordant pairs) carry the difference. That is McNemar's setting: with n pairs, `lost` runs where
// the base had the outcome and the variant did not, and `gained` the other way, the difference
// (variant minus base) is (gained − lost) / n, whatever the concordant runs were.
//
// The 95% interval is the adjusted Wald interval of Bonett and Price (2012, "Adjusted Wald
// Confidence Interval for a Difference of Binomial Proportions Based on Paired Data"): add one to
// each discordant count and two to n, then p̃₁ = (lost + 1)/(n + 2), p̃₂ = (gained + 1)/(n + 2),
// d̃ = p̃₂ − p̃₁ and d̃ ± z·√((p̃₁ + p̃₂ − d̃²)/(n + 2)). Unlike the plain Wald interval it does not
// collapse to a point when no pair is discordant, and it keeps close to 95% coverage for small
// discordant counts. The interval is clipped to [−1, 1].

import { RUN_SOMEONE_DIED, RUN_WON, type Aggregate } from '../../engine/index.ts';
import { Z_CRITICAL_95 } from '../../engine/significance.ts';

export interface PairedCounts {
  /** Pairs compared. */
  runs: number;
  /** Runs where the base had the outcome and the variant did not. */
  lost: number;
  /** Runs where the variant had the outcome and the base did not. */
  gained: number;
  /** Runs where the base had the outcome (for the base rate). */
  base: number;
}

export interface PairedDifference {
  /** Variant minus base, as a proportion: (gained − lost) / runs. */
  difference: number;
  ci95: [number, number];
}

/** The outcomes paired: `bit` is RUN_WON or RUN_SOMEONE_DIED; the first `runs` characters of each. */
export function pairedCounts(base: string, variant: string, bit: number, runs: number): PairedCounts {
  if (base.length < runs || variant.length < runs) throw new Error(`Cannot pair ${runs} runs: the records hold ${base.length} and ${variant.length}`);
  let lost = 0, gained = 0, had = 0;
  for (let i = 0; i < runs; i++) {
    const b = (base.charCodeAt(i) - 48) & bit;
    const v = (variant.charCodeAt(i) - 48) & bit;
    if (b) had++;
    if (b && !v) lost++;
    else if (v && !b) gained++;
  }
  return { runs, lost, gained, base: had };
}

export function pairedDifference(c: PairedCounts): PairedDifference {
  const n = c.runs;
  if (n === 0) return { difference: 0, ci95: [-1, 1] };
  const p1 = (c.lost + 1) / (n + 2);
  const p2 = (c.gained + 1) / (n + 2);
  const d = p2 - p1;
  const half = Z_CRITICAL_95 * Math.sqrt(Math.max(0, p1 + p2 - d * d) / (n + 2));
  return { difference: (c.gained - c.lost) / n, ci95: [Math.max(-1, d - half), Math.min(1, d + half)] };
}

/**
 * Each run's outcome, runs [0, runs) of an aggregate made with { runOutcomes: true }, as one string
 * (see RunOutcomeSegment). Refuses an aggregate without them or with a gap.
 */
export function runOutcomeCodes(agg: Aggregate): string {
  const segments = agg.runOutcomes;
  if (!segments) throw new Error('The aggregate has no per-run outcomes: ask for them with { runOutcomes: true }');
  const whole = segments.length === 1 && segments[0].from === 0 ? segments[0].codes : '';
  if (whole.length !== agg.runs) {
    throw new Error(`The per-run outcomes do not cover runs 0 to ${agg.runs - 1} (${segments.map((s) => `${s.from}-${s.from + s.codes.length - 1}`).join(', ') || 'none'})`);
  }
  return whole;
}

export const PAIRED_MEASURES = { victory: RUN_WON, dies: RUN_SOMEONE_DIED } as const;
export type PairedMeasure = keyof typeof PAIRED_MEASURES;
