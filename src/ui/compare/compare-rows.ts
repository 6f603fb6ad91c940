// What the Compare screen says, without React: the rows (each headline number of two results, the
// change, and whether it is a real change), the summary in words at the top, and the label of each
// side (what changed between the two scenarios).
//
// Significance: probabilities use the pooled two-proportion z-test, means a z-test with Welch's
// standard error; then every tested row, the day's and each character's, is corrected together
// with Holm's method at 95%, so a table of twenty rows does not show one "real" change in twenty
// by chance alone. A row whose two sides are equal is "no change" and not tested.
//
// Precision: numbers get as many decimals as it takes for two different values to read
// differently and for their difference to read as nonzero, so a real change never shows as
// "0.00 → 0.00, no change".
import type { Aggregate, AggregateLayout, ScenarioSpec } from '../../engine/index.ts';
import { holmCorrection, meanDifferenceTest, sampleVariance, twoProportionTest, type SignificanceTest } from '../../engine/significance.ts';
import { diffScenarios, sideLabel, type ScenarioChange } from '../../scenario/analysis/scenario-diff.ts';

/** The family-wise level of the comparison: 95%. */
export const ALPHA = 0.05;

/** How the rows are tested, in one sentence for the screen. */
export const HOLM_SENTENCE =
  "Differences are tested together (Holm's correction at 95%), so a row marked as a real change is unlikely to be chance.";

export interface CompareSideData {
  aggregate: Aggregate;
  layout: AggregateLayout;
}

/** Which way is good for the party; neutral for numbers that are neither. */
export type Better = 'higher' | 'lower' | 'neutral';

/**
 * missing: a side lacks the number (a character in one result only); same: both sides are equal,
 * so there is nothing to test; untested: they differ but the spread needed to test is unknown;
 * tested: in the family corrected with Holm's method.
 */
export type RowStatus = 'missing' | 'same' | 'untested' | 'tested';

export type Tone = 'better' | 'worse' | 'neutral' | 'none';

export interface CompareRow {
  metric: string;
  label: string;
  group: 'day' | 'characters';
  kind: 'proportion' | 'mean';
  better: Better;
  /** The character a per-character row is about. */
  character?: string;
  /** Shown after a mean in sentences (" rounds"). */
  unit: string;
  otherValue: number | null;
  newestValue: number | null;
  /** The values as shown, with enough decimals to tell them apart. */
  other: string;
  newest: string;
  /** "+21.5 points", "−0.12", "no change", or "—". */
  change: string;
  status: RowStatus;
  /** The test on its own (uncorrected), for tested rows. */
  test: SignificanceTest | null;
  /** Holm-adjusted p-value, for tested rows. */
  pAdjusted: number | null;
  /** A real change: tested and rejected after Holm's correction. */
  significant: boolean;
  /** Size of the change for ranking: Cohen's h for chances, the standardised difference for means. */
  effect: number;
  verdict: { text: string; tone: Tone };
}

export const MISSING = '—';

// ------------------------------------------------------------------ numbers

const formats = new Map<number, Intl.NumberFormat>();
function fixed(x: number, digits: number): string {
  let f = formats.get(digits);
  if (!f) formats.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  const s = f.format(x);
  // A tiny negative that rounds to zero would read "-0.0".
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

const isZero = (shown: string) => Number(shown.replace(/[^0-9.]/g, '')) === 0;

/** A chance as a percentage; a nonzero chance never reads 0% or 100% ("< 0.1%", "> 99.9%"). */
function percentText(p: number, digits: number): string {
  const shown = fixed(p * 100, digits);
  const step = fixed(10 ** -digits, digits);
  if (p > 0 && isZero(shown)) return `< ${step}%`;
  if (p < 1 && shown === fixed(100, digits)) return `> ${fixed(100 - 10 ** -digits, digits)}%`;
  return `${shown}%`;
}

function meanText(x: number, digits: number): string {
  const shown = fixed(x, digits);
  if (x > 0 && isZero(shown)) return `< ${fixed(10 ** -digits, digits)}`;
  return shown;
}

/** A signed change with a true minus sign, or null when it rounds to nothing. */
function signedText(x: number, digits: number): string | null {
  const magnitude = fixed(Math.abs(x), digits);
  if (isZero(magnitude)) return null;
  return `${x > 0 ? '+' : '−'}${magnitude}`;
}

const bounded = (s: string) => s.startsWith('<') || s.startsWith('>');

/**
 * The two values and their change with the fewest decimals from `digits` up that read truthfully:
 * different values look different, with a nonzero change, and no value reads as a bound.
 */
function showPair(newest: number, other: number, digits: number, text: (x: number, d: number) => string, scale: number) {
  const MAX = 8;
  let d = digits;
  for (; d < MAX; d++) {
    const a = text(newest, d), b = text(other, d);
    if (bounded(a) || bounded(b)) continue;
    if (newest === other) break;
    if (a !== b && signedText((newest - other) * scale, d) !== null) break;
  }
  return { newest: text(newest, d), other: text(other, d), change: newest === other ? null : signedText((newest - other) * scale, d) };
}

// ------------------------------------------------------------------ rows

type Draft = Omit<CompareRow, 'pAdjusted' | 'significant' | 'verdict'>;

function proportionRow(
  metric: string, label: string, better: Better, group: CompareRow['group'],
  a: [number, number] | null, b: [number, number] | null, character?: string,
): Draft {
  const p = (x: [number, number] | null) => (x && x[1] > 0 ? x[0] / x[1] : null);
  const pa = p(a), pb = p(b);
  const base = { metric, label, group, kind: 'proportion' as const, better, unit: '', ...(character !== undefined ? { character } : {}) };
  if (a === null || b === null || pa === null || pb === null) {
    return {
      ...base, newestValue: pa, otherValue: pb, newest: pa === null ? MISSING : percentText(pa, 1), other: pb === null ? MISSING : percentText(pb, 1),
      change: MISSING, status: 'missing', test: null, effect: 0,
    };
  }
  const shown = showPair(pa, pb, 1, percentText, 100);
  if (pa === pb) return { ...base, newestValue: pa, otherValue: pb, newest: shown.newest, other: shown.other, change: 'no change', status: 'same', test: null, effect: 0 };
  const test = twoProportionTest(a[0], a[1], b[0], b[1]);
  const effect = Math.abs(2 * Math.asin(Math.sqrt(pa)) - 2 * Math.asin(Math.sqrt(pb)));
  return { ...base, newestValue: pa, otherValue: pb, newest: shown.newest, other: shown.other, change: `${shown.change} points`, status: 'tested', test, effect };
}

interface MeanStats { mean: number; variance: number | null; n: number }

function meanRow(metric: string, label: string, unit: string, digits: number, better: Better, a: MeanStats, b: MeanStats): Draft {
  const base = { metric, label, group: 'day' as const, kind: 'mean' as const, better, unit };
  if (a.n === 0 || b.n === 0) {
    return {
      ...base, newestValue: a.n ? a.mean : null, otherValue: b.n ? b.mean : null,
      newest: a.n ? meanText(a.mean, digits) : MISSING, other: b.n ? meanText(b.mean, digits) : MISSING,
      change: MISSING, status: 'missing', test: null, effect: 0,
    };
  }
  const shown = showPair(a.mean, b.mean, digits, meanText, 1);
  const values = { newestValue: a.mean, otherValue: b.mean, newest: shown.newest, other: shown.other };
  if (a.mean === b.mean) return { ...base, ...values, change: 'no change', status: 'same', test: null, effect: 0 };
  const change = `${shown.change}${unit}`;
  if (a.variance === null || b.variance === null || a.n < 2 || b.n < 2) return { ...base, ...values, change, status: 'untested', test: null, effect: 0 };
  const test = meanDifferenceTest(a.mean, a.variance, a.n, b.mean, b.variance, b.n);
  const spread = Math.sqrt((a.variance + b.variance) / 2);
  const effect = spread > 0 ? Math.abs(a.mean - b.mean) / spread : 10;
  return { ...base, ...values, change, status: 'tested', test, effect };
}

/** Mean and sample variance of a histogram whose index is the value; the mean comes from the exact sum. */
function fromHistogram(hist: readonly number[], sum: number, n: number): MeanStats {
  let squares = 0;
  for (let i = 0; i < hist.length; i++) squares += hist[i] * i * i;
  return { mean: n > 0 ? sum / n : 0, variance: sampleVariance(n, sum, squares), n };
}

function pText(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  const three = p.toFixed(3);
  // Near the 5% line, one more digit says which side of it p is on.
  return `p = ${three === '0.050' ? p.toFixed(4) : three}`;
}

function verdictOf(row: Draft, significant: boolean, pAdjusted: number | null): CompareRow['verdict'] {
  switch (row.status) {
    case 'missing': return { text: 'Not tested: missing on one side', tone: 'none' };
    case 'same': return { text: 'No change', tone: 'none' };
    case 'untested': return { text: 'Not tested: spread unknown', tone: 'none' };
    default: break;
  }
  const p = pText(pAdjusted ?? 1);
  if (!significant) return { text: `No, within chance (${p})`, tone: 'none' };
  if (row.better === 'neutral') return { text: `Yes (${p})`, tone: 'neutral' };
  const up = (row.newestValue ?? 0) > (row.otherValue ?? 0);
  const good = row.better === 'higher' ? up : !up;
  return { text: `Yes, ${good ? 'better' : 'worse'} for the party (${p})`, tone: good ? 'better' : 'worse' };
}

/**
 * Every headline number of the newest result against the other one (the previous result or the
 * pinned baseline): the day's rows, then two per character (matched by name; a character in one
 * result only is shown with "—" on the other side). Tested rows are corrected together with Holm.
 */
export function buildRows(newest: CompareSideData, other: CompareSideData, alpha = ALPHA): CompareRow[] {
  const a = newest.aggregate, b = other.aggregate;
  const drafts: Draft[] = [
    proportionRow('victory', 'Party victory', 'higher', 'day', [a.dayVictory, a.runs], [b.dayVictory, b.runs]),
    proportionRow('defeat', 'Defeat (total party kill)', 'lower', 'day', [a.dayDefeat, a.runs], [b.dayDefeat, b.runs]),
    proportionRow('draw', 'Draw (round limit reached)', 'lower', 'day', [a.dayDraw, a.runs], [b.dayDraw, b.runs]),
  ];
  // Counted from engine 1.3.0 on: a result stored before has no such count, and the row is left out.
  if (a.anyDownRuns !== undefined && b.anyDownRuns !== undefined) {
    drafts.push(proportionRow('any-down', 'Someone goes down', 'lower', 'day', [a.anyDownRuns, a.runs], [b.anyDownRuns, b.runs]));
  }
  drafts.push(
    proportionRow('any-death', 'At least one death', 'lower', 'day', [a.anyDeathRuns, a.runs], [b.anyDeathRuns, b.runs]),
    meanRow('expected-deaths', 'Expected deaths', '', 2, 'lower',
      { mean: a.runs > 0 ? a.deathsSum / a.runs : 0, variance: sampleVariance(a.runs, a.deathsSum, a.deathsSquaresSum), n: a.runs },
      { mean: b.runs > 0 ? b.deathsSum / b.runs : 0, variance: sampleVariance(b.runs, b.deathsSum, b.deathsSquaresSum), n: b.runs }),
    meanRow('mean-rounds', 'Mean rounds in the day', ' rounds', 1, 'neutral',
      fromHistogram(a.dayRoundsHist, a.dayRoundsSum, a.runs), fromHistogram(b.dayRoundsHist, b.dayRoundsSum, b.runs)),
  );
  // Characters are matched by name: a party that changed keeps the comparison for those in both.
  const names: string[] = [...newest.layout.party];
  for (const n of other.layout.party) if (!names.includes(n)) names.push(n);
  const find = (side: CompareSideData, name: string) => {
    const i = side.layout.party.indexOf(name);
    return i >= 0 ? side.aggregate.characters[i] ?? null : null;
  };
  for (const name of names) {
    const ca = find(newest, name), cb = find(other, name);
    drafts.push(
      proportionRow(`down:${name}`, `${name} goes down`, 'lower', 'characters', ca && [ca.downRuns, a.runs], cb && [cb.downRuns, b.runs], name),
      proportionRow(`death:${name}`, `${name} dies`, 'lower', 'characters', ca && [ca.deathRuns, a.runs], cb && [cb.deathRuns, b.runs], name),
    );
  }
  const tested = drafts.filter((r) => r.status === 'tested');
  const holm = holmCorrection(tested.map((r) => r.test!.pValue), alpha);
  const corrected = new Map(tested.map((r, i) => [r, { p: holm.adjusted[i], significant: holm.rejected[i] }]));
  return drafts.map((r) => {
    const c = corrected.get(r);
    const significant = c?.significant ?? false;
    const pAdjusted = c?.p ?? null;
    return { ...r, pAdjusted, significant, verdict: verdictOf(r, significant, pAdjusted) };
  });
}

// ------------------------------------------------------------------ the summary

const CLASS_NAME = /^(artificer|barbarian|bard|cleric|druid|fighter|monk|paladin|ranger|rogue|sorcerer|warlock|wizard)\b/i;
/** "The Wizard" for a character named by its class, "Lia" for a character with a name. */
const who = (name: string) => (CLASS_NAME.test(name) ? `The ${name}` : name);

type Degree = 'far' | 'plain' | 'slightly';
const degreeOf = (effect: number): Degree => (effect >= 0.5 ? 'far' : effect < 0.1 ? 'slightly' : 'plain');
const comparative = (degree: Degree, word: string) => (degree === 'far' ? `far ${word}` : degree === 'slightly' ? `slightly ${word}` : word);
const often = (degree: Degree, up: boolean) => `${comparative(degree, up ? 'more' : 'less')} often`;
const likely = (degree: Degree, up: boolean) => `${comparative(degree, up ? 'more' : 'less')} likely`;

/** The start of a sentence about a row's change, by which way it went. */
function changeWords(row: CompareRow, up: boolean): string {
  const d = degreeOf(row.effect);
  if (row.metric.startsWith('down:')) return `${who(row.character!)} goes down ${often(d, up)}`;
  if (row.metric.startsWith('death:')) return `${who(row.character!)} dies ${often(d, up)}`;
  switch (row.metric) {
    case 'victory': return `The party wins ${often(d, up)}`;
    case 'defeat': return `A total party kill is ${likely(d, up)}`;
    case 'draw': return `Reaching the round limit is ${likely(d, up)}`;
    case 'any-down': return `Someone goes down ${often(d, up)}`;
    case 'any-death': return `Someone dies ${often(d, up)}`;
    case 'expected-deaths': return `Expected deaths ${up ? 'rise' : 'fall'}${d === 'far' ? ' sharply' : d === 'slightly' ? ' slightly' : ''}`;
    case 'mean-rounds': return `The day lasts ${comparative(d, up ? 'longer' : 'shorter')}`;
    default: return `${row.label} ${up ? 'rises' : 'falls'}`;
  }
}

const fromTo = (row: CompareRow) => `${row.other} → ${row.newest}${row.unit}`;

function changeSentence(row: CompareRow): string {
  return `${changeWords(row, (row.newestValue ?? 0) > (row.otherValue ?? 0))}: ${fromTo(row)}.`;
}

/**
 * The comparison in a few sentences, consistent with the rows: the largest real changes (day or
 * character, by size; those good or bad for the party before neutral ones), what became of party victory, and how many more real changes the table
 * holds. The same words as the verdicts: a row not marked as a real change is never called one.
 */
export function compareSummary(rows: readonly CompareRow[], named = 3): string[] {
  // Changes that are good or bad for the party come before neutral ones (the day's length), then by size.
  const neutral = (r: CompareRow) => (r.better === 'neutral' ? 1 : 0);
  const real = rows.filter((r) => r.significant).sort((x, y) => neutral(x) - neutral(y) || y.effect - x.effect);
  const shown = real.slice(0, named);
  const victory = rows.find((r) => r.metric === 'victory');
  if (victory?.significant && !shown.includes(victory)) shown.push(victory);
  const sentences = shown.map(changeSentence);
  if (real.length === 0) sentences.push('No difference is larger than chance alone would give.');
  if (victory && !victory.significant) {
    if (victory.status === 'same') sentences.push(`Party victory is unchanged: ${victory.newest} in both.`);
    else if (victory.status === 'tested') sentences.push(`Party victory shows no real change (${fromTo(victory)}).`);
  }
  const more = real.length - shown.length;
  if (more > 0) sentences.push(`${more} more real change${more === 1 ? ' is' : 's are'} in the table below.`);
  return sentences;
}

// ------------------------------------------------------------------ the sides

export interface SideFacts {
  /** The scenario the result ran; absent from results stored before it was kept. */
  spec?: ScenarioSpec;
  seed: number;
  runs: number;
  /** When it finished, as shown: the label of a side whose scenario is unknown. */
  time: string;
}

export interface CompareLabels {
  /** What changed from the other result to the newest; null when a side does not say. */
  changes: ScenarioChange[] | null;
  newest: string;
  other: string;
  /** Why the sides are labelled by time instead, when they are. */
  note: string | null;
}

export const SAME_SCENARIO = 'same scenario, seed and runs';

/**
 * Each side labelled by what changed between the two scenarios ("Owlbear count 2" against
 * "Owlbear count 1"); a result stored before results kept their scenario is labelled by time.
 */
export function compareLabels(newest: SideFacts, other: SideFacts, otherRole = 'previous result'): CompareLabels {
  if (newest.spec && other.spec) {
    try {
      const changes = diffScenarios(other.spec, newest.spec, { before: other, after: newest });
      if (changes.length === 0) return { changes, newest: SAME_SCENARIO, other: SAME_SCENARIO, note: null };
      return { changes, newest: sideLabel(changes, 'after'), other: sideLabel(changes, 'before'), note: null };
    } catch {
      // A stored scenario of an unexpected shape: fall back to the times, as for an old result.
    }
  }
  const which = !newest.spec && !other.spec ? 'Both results were' : !other.spec ? `The ${otherRole} was` : 'The newest result was';
  return {
    changes: null, newest: newest.time, other: other.time,
    note: `${which} stored by an earlier version that did not keep the scenario with the result, so the sides are labelled by when they finished rather than by what changed.`,
  };
}
