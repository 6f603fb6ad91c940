// Risk bands: what a DM means by "an Easy fight" or "a Hard day", as thresholds on four measures
// of a simulated day, each a proportion of runs: the party wins (victory), the party is wiped out
// (tpk, the day's defeat), someone dies (dies) and someone drops to 0 HP (down).
//
// A band is a box: every threshold must hold. Each threshold is either a lower edge of risk (failing
// it means the fight is too safe for the band: "someone goes down in at least half the days") or an
// upper edge (failing it means too dangerous: "a total party kill in at most 2%"). So a fight is
// below a band, in it, above it, or (a swingy fight that fails one of each) mixed.
//
// A band is decided from a finite number of runs by the Wilson 95% interval of each measure: a
// threshold passes when the whole interval is on its side, fails when the whole interval is on the
// wrong side, and is undecided otherwise. The point estimates give a verdict too, always decided,
// for reports and for comparisons with a fixed number of runs.
//
// The presets (see the README, "Risk bands", for why these numbers):
//   Easy    someone goes down in 5% to 20% of days; a death at most 1%, a wipe at most 1%
//   Medium  someone goes down in 20% to 50% of days; a death at most 3%, a wipe at most 1%
//   Hard    someone goes down in at least 50% of days; a death at most 10%, a wipe at most 2%
//   Deadly  someone dies in at least 10% of days; a wipe at most 10%
// Adjacent presets share their edges (Easy's upper "down" edge is Medium's lower one, Hard's upper
// "dies" edge is Deadly's lower one), so no two presets hold the same fight except exactly on an edge.

import { wilson, type Aggregate } from '../../engine/index.ts';

export type Measure = 'victory' | 'tpk' | 'dies' | 'down';
export const MEASURES: readonly Measure[] = ['victory', 'tpk', 'dies', 'down'];

export const MEASURE_LABEL: Record<Measure, string> = {
  victory: 'the party wins',
  tpk: 'total party kill',
  dies: 'someone dies',
  down: 'someone goes down',
};

export interface Threshold {
  measure: Measure;
  /** 'min': the measure must be at least `value`; 'max': at most `value`. */
  bound: 'min' | 'max';
  /** A proportion from 0 to 1. */
  value: number;
}

export interface Band {
  /** 'easy', 'medium', 'hard', 'deadly' or 'custom'. */
  id: string;
  name: string;
  thresholds: Threshold[];
}

export type PresetId = 'easy' | 'medium' | 'hard' | 'deadly';
export const PRESET_IDS: readonly PresetId[] = ['easy', 'medium', 'hard', 'deadly'];

const t = (measure: Measure, bound: 'min' | 'max', value: number): Threshold => ({ measure, bound, value });

export const BAND_PRESETS: Readonly<Record<PresetId, Band>> = Object.freeze({
  easy: { id: 'easy', name: 'Easy', thresholds: [t('down', 'min', 0.05), t('down', 'max', 0.2), t('dies', 'max', 0.01), t('tpk', 'max', 0.01)] },
  medium: { id: 'medium', name: 'Medium', thresholds: [t('down', 'min', 0.2), t('down', 'max', 0.5), t('dies', 'max', 0.03), t('tpk', 'max', 0.01)] },
  hard: { id: 'hard', name: 'Hard', thresholds: [t('down', 'min', 0.5), t('dies', 'max', 0.1), t('tpk', 'max', 0.02)] },
  deadly: { id: 'deadly', name: 'Deadly', thresholds: [t('dies', 'min', 0.1), t('tpk', 'max', 0.1)] },
});

export function isPresetId(x: string): x is PresetId {
  return (PRESET_IDS as readonly string[]).includes(x);
}

/** A problem with a band's thresholds, in words. */
export class BandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BandError';
  }
}

/**
 * Whether failing the threshold means too safe ('lower') or too dangerous ('upper'). Victory falls
 * as risk rises, so a minimum on victory is an upper edge of risk and a maximum a lower one.
 */
export function riskEdge(threshold: Threshold): 'lower' | 'upper' {
  const rising = threshold.measure !== 'victory';
  return (threshold.bound === 'min') === rising ? 'lower' : 'upper';
}

/** The problems with a band's thresholds (empty when it can be used). */
export function bandProblems(band: Band): string[] {
  const problems: string[] = [];
  if (band.thresholds.length === 0) problems.push('a band needs at least one threshold');
  for (const th of band.thresholds) {
    if (!Number.isFinite(th.value) || th.value < 0 || th.value > 1) {
      problems.push(`the ${th.bound}imum for "${MEASURE_LABEL[th.measure]}" must be a proportion from 0 to 1, got ${th.value}`);
    }
  }
  for (const m of MEASURES) {
    const mins = band.thresholds.filter((th) => th.measure === m && th.bound === 'min').map((th) => th.value);
    const maxes = band.thresholds.filter((th) => th.measure === m && th.bound === 'max').map((th) => th.value);
    if (mins.length > 0 && maxes.length > 0 && Math.max(...mins) > Math.min(...maxes)) {
      problems.push(`the minimum for "${MEASURE_LABEL[m]}" (${Math.max(...mins)}) is above its maximum (${Math.min(...maxes)}), so no fight is in the band`);
    }
  }
  return problems;
}

/** A band of the user's own thresholds; a BandError names what is wrong with them. */
export function customBand(thresholds: Threshold[], name = 'Custom'): Band {
  const band: Band = { id: 'custom', name, thresholds };
  const problems = bandProblems(band);
  if (problems.length > 0) throw new BandError(problems.join('; '));
  return band;
}

/** A preset with some thresholds replaced or added: a flag given for a measure and bound wins. */
export function adjustBand(base: Band, overrides: Threshold[]): Band {
  if (overrides.length === 0) return base;
  const kept = base.thresholds.filter((th) => !overrides.some((o) => o.measure === th.measure && o.bound === th.bound));
  return customBand([...kept, ...overrides], `${base.name}, adjusted`);
}

/** The four measures of a batch of runs, as counts out of `runs`. */
export interface MeasureCounts {
  runs: number;
  victory: number;
  tpk: number;
  dies: number;
  down: number;
}

export function measureCounts(agg: Aggregate): MeasureCounts {
  if (agg.anyDownRuns === undefined) {
    throw new BandError('this result was made by an engine that did not count "someone goes down"; simulate it again');
  }
  return { runs: agg.runs, victory: agg.dayVictory, tpk: agg.dayDefeat, dies: agg.anyDeathRuns, down: agg.anyDownRuns };
}

export type Verdict = 'pass' | 'fail' | 'undecided';
export type Position = 'below' | 'in' | 'above' | 'mixed';

export interface ThresholdCheck {
  threshold: Threshold;
  edge: 'lower' | 'upper';
  p: number;
  ci95: [number, number];
  /** From the interval. */
  verdict: Verdict;
  /** From the point estimate alone. */
  pointVerdict: 'pass' | 'fail';
}

export interface BandCheck {
  /** From the intervals; 'undecided' while some threshold's interval straddles it and none has failed. */
  position: Position | 'undecided';
  /** From the point estimates. */
  pointPosition: Position;
  /** Past the band's lower edges (risky enough): every lower threshold passes. */
  lower: Verdict;
  /** Within its upper edges (not too risky): every upper threshold passes. */
  upper: Verdict;
  pointLower: 'pass' | 'fail';
  pointUpper: 'pass' | 'fail';
  checks: ThresholdCheck[];
}

/** The verdict of all of one side's thresholds together: any failure fails it, all passing passes it. */
function sideVerdict(checks: ThresholdCheck[], edge: 'lower' | 'upper'): Verdict {
  const side = checks.filter((c) => c.edge === edge);
  if (side.some((c) => c.verdict === 'fail')) return 'fail';
  return side.every((c) => c.verdict === 'pass') ? 'pass' : 'undecided';
}

function positionOf(lowerFailed: boolean, upperFailed: boolean, allPassed: boolean): Position | 'undecided' {
  if (lowerFailed && upperFailed) return 'mixed';
  if (lowerFailed) return 'below';
  if (upperFailed) return 'above';
  return allPassed ? 'in' : 'undecided';
}

/**
 * Where a batch of runs puts the fight relative to the band. The interval decides "out" as soon as
 * one threshold fails, since the others cannot bring it back in; "in" needs every one to pass.
 */
export function checkBand(band: Band, counts: MeasureCounts): BandCheck {
  const checks = band.thresholds.map((threshold): ThresholdCheck => {
    const k = counts[threshold.measure];
    const n = counts.runs;
    const p = n > 0 ? k / n : 0;
    const ci95 = wilson(k, n);
    const [lo, hi] = ci95;
    const v = threshold.value;
    let verdict: Verdict;
    let pointVerdict: 'pass' | 'fail';
    if (threshold.bound === 'min') {
      verdict = lo >= v ? 'pass' : hi < v ? 'fail' : 'undecided';
      pointVerdict = p >= v ? 'pass' : 'fail';
    } else {
      verdict = hi <= v ? 'pass' : lo > v ? 'fail' : 'undecided';
      pointVerdict = p <= v ? 'pass' : 'fail';
    }
    return { threshold, edge: riskEdge(threshold), p, ci95, verdict, pointVerdict };
  });
  const failed = (edge: 'lower' | 'upper', point: boolean) =>
    checks.some((c) => c.edge === edge && (point ? c.pointVerdict : c.verdict) === 'fail');
  const position = positionOf(failed('lower', false), failed('upper', false), checks.every((c) => c.verdict === 'pass'));
  const pointPosition = positionOf(failed('lower', true), failed('upper', true), true) as Position;
  return {
    position, pointPosition,
    lower: sideVerdict(checks, 'lower'), upper: sideVerdict(checks, 'upper'),
    pointLower: failed('lower', true) ? 'fail' : 'pass', pointUpper: failed('upper', true) ? 'fail' : 'pass',
    checks,
  };
}

/** The band in words: "someone goes down ≥ 50%, someone dies ≤ 10%, total party kill ≤ 2%". */
export function describeBand(band: Band): string {
  const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;
  return band.thresholds.map((th) => `${MEASURE_LABEL[th.measure]} ${th.bound === 'min' ? '≥' : '≤'} ${pct(th.value)}`).join(', ');
}
