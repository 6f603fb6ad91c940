// Two results of a scenario side by side: the newest against the previous (or pinned baseline),
// with the change in each headline number and whether it is more than chance at 95%.
// Probabilities use the pooled two-proportion z-test; means use a z-test with Welch's standard
// error when the aggregate holds their spread; anything else is marked as not tested.
import { useId, useMemo } from 'react';
import type { Aggregate, AggregateLayout } from '../../engine/index.ts';
import { meanDifferenceTest, sampleVariance, twoProportionTest, type SignificanceTest } from '../../engine/significance.ts';
import { decimal, integer, percent, signedChange } from '../results/format.ts';
import './compare.css';

export interface CompareSide {
  label: string;
  aggregate: Aggregate;
  layout: AggregateLayout;
  seed: number;
  createdAt?: number;
}

export interface CompareViewProps {
  newest: CompareSide;
  other: CompareSide;
  /** The other result is the pinned baseline rather than simply the previous one. */
  otherIsBaseline: boolean;
}

/** Which way is good for the party; neutral for numbers that are neither. */
type Better = 'higher' | 'lower' | 'neutral';

interface Row {
  metric: string;
  label: string;
  newest: string;
  other: string;
  change: string;
  /** null: not tested (a side is missing, or the spread is unknown). */
  test: SignificanceTest | null;
  better: Better;
  group: 'day' | 'characters';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const MISSING = '—';

function proportionRow(metric: string, label: string, better: Better, a: [number, number] | null, b: [number, number] | null, group: Row['group']): Row {
  const p = (x: [number, number] | null) => (x && x[1] > 0 ? x[0] / x[1] : null);
  const pa = p(a), pb = p(b);
  if (a === null || b === null || pa === null || pb === null) {
    return { metric, label, newest: pa === null ? MISSING : percent(pa), other: pb === null ? MISSING : percent(pb), change: MISSING, test: null, better, group };
  }
  const test = twoProportionTest(a[0], a[1], b[0], b[1]);
  const shown = signedChange(test.diff * 100, 1);
  return { metric, label, newest: percent(pa), other: percent(pb), change: shown === null ? 'no change' : `${shown} points`, test, better, group };
}

interface MeanStats { mean: number; variance: number | null; n: number }

function meanRow(metric: string, label: string, unit: string, digits: number, better: Better, a: MeanStats, b: MeanStats): Row {
  const tested = a.variance !== null && b.variance !== null && a.n > 1 && b.n > 1;
  const test = tested ? meanDifferenceTest(a.mean, a.variance!, a.n, b.mean, b.variance!, b.n) : null;
  const shown = signedChange(a.mean - b.mean, digits);
  return {
    metric, label, newest: decimal(a.mean, digits), other: decimal(b.mean, digits),
    change: shown === null ? 'no change' : `${shown}${unit}`, test, better, group: 'day',
  };
}

/** Mean and sample variance of a histogram whose index is the value; the mean comes from the exact sum. */
function fromHistogram(hist: number[], sum: number, n: number): MeanStats {
  let squares = 0;
  for (let i = 0; i < hist.length; i++) squares += hist[i] * i * i;
  return { mean: n > 0 ? sum / n : 0, variance: sampleVariance(n, sum, squares), n };
}

function buildRows(newest: CompareSide, other: CompareSide): Row[] {
  const a = newest.aggregate, b = other.aggregate;
  const rows: Row[] = [
    proportionRow('victory', 'Party victory', 'higher', [a.dayVictory, a.runs], [b.dayVictory, b.runs], 'day'),
    proportionRow('defeat', 'Defeat (total party kill)', 'lower', [a.dayDefeat, a.runs], [b.dayDefeat, b.runs], 'day'),
    proportionRow('draw', 'Draw (round limit reached)', 'lower', [a.dayDraw, a.runs], [b.dayDraw, b.runs], 'day'),
    proportionRow('any-death', 'At least one death', 'lower', [a.anyDeathRuns, a.runs], [b.anyDeathRuns, b.runs], 'day'),
    meanRow('expected-deaths', 'Expected deaths', '', 2, 'lower',
      { mean: a.runs > 0 ? a.deathsSum / a.runs : 0, variance: sampleVariance(a.runs, a.deathsSum, a.deathsSquaresSum), n: a.runs },
      { mean: b.runs > 0 ? b.deathsSum / b.runs : 0, variance: sampleVariance(b.runs, b.deathsSum, b.deathsSquaresSum), n: b.runs }),
    meanRow('mean-rounds', 'Mean rounds in the day', ' rounds', 1, 'neutral',
      fromHistogram(a.dayRoundsHist, a.dayRoundsSum, a.runs), fromHistogram(b.dayRoundsHist, b.dayRoundsSum, b.runs)),
  ];
  // Characters are matched by name: a party that changed keeps the comparison for those in both.
  const names: string[] = [...newest.layout.party];
  for (const n of other.layout.party) if (!names.includes(n)) names.push(n);
  const find = (side: CompareSide, name: string) => {
    const i = side.layout.party.indexOf(name);
    return i >= 0 ? side.aggregate.characters[i] : null;
  };
  for (const name of names) {
    const ca = find(newest, name), cb = find(other, name);
    rows.push(proportionRow(`down:${name}`, `${name} goes down`, 'lower', ca && [ca.downRuns, a.runs], cb && [cb.downRuns, b.runs], 'characters'));
    rows.push(proportionRow(`death:${name}`, `${name} dies`, 'lower', ca && [ca.deathRuns, a.runs], cb && [cb.deathRuns, b.runs], 'characters'));
  }
  return rows;
}

function verdict(row: Row): { text: string; tone: 'better' | 'worse' | 'neutral' | 'none' } {
  if (!row.test) return { text: row.change === MISSING ? 'Not tested: missing on one side' : 'Not tested', tone: 'none' };
  const p = row.test.pValue < 0.001 ? 'p < 0.001' : `p = ${row.test.pValue.toFixed(3)}`;
  if (!row.test.significant) return { text: `No (${p})`, tone: 'none' };
  if (row.better === 'neutral') return { text: `Yes (${p})`, tone: 'neutral' };
  const up = row.test.diff > 0;
  const good = row.better === 'higher' ? up : !up;
  return { text: `Yes, ${good ? 'better' : 'worse'} for the party (${p})`, tone: good ? 'better' : 'worse' };
}

export function CompareView({ newest, other, otherIsBaseline }: CompareViewProps) {
  const id = useId();
  const rows = useMemo(() => buildRows(newest, other), [newest, other]);
  const otherRole = otherIsBaseline ? 'Baseline' : 'Previous';
  const sideNote = (s: CompareSide) =>
    `${integer(s.aggregate.runs)} runs, seed ${s.seed}${s.createdAt !== undefined ? `, ${timeFormat.format(s.createdAt)}` : ''}`;
  const renderRows = (group: Row['group']) =>
    rows.filter((r) => r.group === group).map((r) => {
      const v = verdict(r);
      return (
        <tr key={r.metric} data-testid="compare-row" data-metric={r.metric} data-significant={r.test?.significant ? 'yes' : 'no'} data-tested={r.test ? 'yes' : 'no'}>
          <th scope="row">{r.label}</th>
          <td>{r.newest}</td>
          <td>{r.other}</td>
          <td className="cv-change">{r.change}</td>
          <td className={`cv-verdict cv-${v.tone}`}>{v.text}</td>
        </tr>
      );
    });
  return (
    <section className="cv" aria-labelledby={`${id}-title`} data-testid="compare-view">
      <h2 id={`${id}-title`} className="cv-title">Comparison with the {otherIsBaseline ? 'baseline' : 'previous result'}</h2>
      <dl className="cv-sides">
        <div><dt>Newest: {newest.label}</dt><dd>{sideNote(newest)}</dd></div>
        <div><dt>{otherRole}: {other.label}</dt><dd>{sideNote(other)}</dd></div>
      </dl>
      <div className="cv-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="cv-table" data-testid="compare-table">
          <caption id={`${id}-caption`} className="cv-caption">
            Each headline number of the newest result against the {otherIsBaseline ? 'baseline' : 'previous one'}, with the change and whether it is
            larger than chance alone would give at the 95% level.
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Newest<span className="cv-col-label">{newest.label}</span></th>
              <th scope="col">{otherRole}<span className="cv-col-label">{other.label}</span></th>
              <th scope="col">Change</th>
              <th scope="col">Significant at 95%?</th>
            </tr>
          </thead>
          <tbody>{renderRows('day')}</tbody>
          <tbody>
            <tr className="cv-group"><th scope="colgroup" colSpan={5}>Characters</th></tr>
            {renderRows('characters')}
          </tbody>
        </table>
      </div>
      <p className="cv-note">
        Changes in chances are in percentage points. Each row is tested on its own: among many rows, about one in twenty can
        show a 95% difference by chance alone. A character in only one result is shown with {MISSING} on the other side and not tested.
      </p>
    </section>
  );
}
