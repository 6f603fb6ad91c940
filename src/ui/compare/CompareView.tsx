// Two results of a scenario side by side: the previous one (or the pinned baseline) and the newest,
// each side labelled by what changed between their scenarios, a summary in words of the largest
// real changes, and a row per headline number with its change and whether it is a real change
// (tested together with Holm's correction at 95%). The words and numbers come from compare-rows.ts;
// this file only lays them out. On a phone each row becomes a card, with no sideways scrolling.
import { useId, useMemo, useState } from 'react';
import type { Aggregate, AggregateLayout, ScenarioSpec } from '../../engine/index.ts';
import { foldChanges } from '../../scenario/analysis/scenario-diff.ts';
import { integer } from '../results/format.ts';
import { buildRows, compareLabels, compareSummary, HOLM_SENTENCE, MISSING, type CompareRow } from './compare-rows.ts';
import './compare.css';

export interface CompareSide {
  /** How the side reads when its scenario is unknown: when it finished. */
  label: string;
  aggregate: Aggregate;
  layout: AggregateLayout;
  seed: number;
  createdAt?: number;
  /** The scenario the result ran; absent from results stored by older versions. */
  spec?: ScenarioSpec;
}

export interface CompareViewProps {
  newest: CompareSide;
  other: CompareSide;
  /** The other result is the pinned baseline rather than simply the previous one. */
  otherIsBaseline: boolean;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function CompareView({ newest, other, otherIsBaseline }: CompareViewProps) {
  const id = useId();
  const [allChanges, setAllChanges] = useState(false);
  const rows = useMemo(() => buildRows(newest, other), [newest, other]);
  const summary = useMemo(() => compareSummary(rows), [rows]);
  const otherRole = otherIsBaseline ? 'Baseline' : 'Previous';
  const labels = useMemo(() => compareLabels(
    { spec: newest.spec, seed: newest.seed, runs: newest.aggregate.runs, time: newest.label },
    { spec: other.spec, seed: other.seed, runs: other.aggregate.runs, time: other.label },
    otherIsBaseline ? 'baseline' : 'previous result',
  ), [newest, other, otherIsBaseline]);
  const folded = labels.changes ? foldChanges(labels.changes) : null;
  const listed = folded ? (allChanges ? [...folded.shown, ...folded.hidden] : folded.shown) : [];
  const sideNote = (s: CompareSide) =>
    `${integer(s.aggregate.runs)} runs, seed ${s.seed}${s.createdAt !== undefined ? `, finished ${timeFormat.format(s.createdAt)}` : ''}`;

  const renderRow = (r: CompareRow) => (
    <tr key={r.metric} role="row" data-testid="compare-row" data-metric={r.metric}
      data-significant={r.significant ? 'yes' : 'no'} data-tested={r.status === 'tested' ? 'yes' : 'no'} data-status={r.status}>
      <th scope="row" role="rowheader">{r.label}</th>
      <td role="cell" data-label={otherRole}>{r.other}</td>
      <td role="cell" data-label="Newest">{r.newest}</td>
      <td role="cell" data-label="Change" className="cv-change">{r.change}</td>
      <td role="cell" className={`cv-verdict cv-${r.verdict.tone}`} data-testid="compare-verdict">{r.verdict.text}</td>
    </tr>
  );
  const characterRows = rows.filter((r) => r.group === 'characters');

  return (
    <section className="cv" aria-labelledby={`${id}-title`} data-testid="compare-view">
      <h2 id={`${id}-title`} className="cv-title">Comparison with the {otherIsBaseline ? 'baseline' : 'previous result'}</h2>
      <p className="cv-summary" data-testid="compare-summary">{summary.join(' ')}</p>

      <div className="cv-changes" data-testid="compare-changes">
        <h3 className="cv-subtitle" id={`${id}-changes`}>What changed</h3>
        {labels.changes === null ? (
          <p className="cv-note" data-testid="compare-labels-note">{labels.note}</p>
        ) : labels.changes.length === 0 ? (
          <p className="cv-note">Nothing: the same scenario with the same seed and number of runs.</p>
        ) : (
          <>
            <ul className="cv-change-list" aria-labelledby={`${id}-changes`}>
              {listed.map((c, i) => <li key={i} data-testid="compare-change">{c.text}</li>)}
            </ul>
            {folded?.more && (
              <button type="button" className="btn-small cv-more" aria-expanded={allChanges} onClick={() => setAllChanges((x) => !x)} data-testid="compare-more-changes">
                {allChanges ? 'Show fewer changes' : `${folded.more[0].toUpperCase()}${folded.more.slice(1)}`}
              </button>
            )}
          </>
        )}
      </div>

      <dl className="cv-sides">
        <div data-testid="compare-side-other"><dt><span className="cv-role">{otherRole}:</span> {labels.other}</dt><dd>{sideNote(other)}</dd></div>
        <div data-testid="compare-side-newest"><dt><span className="cv-role">Newest:</span> {labels.newest}</dt><dd>{sideNote(newest)}</dd></div>
      </dl>

      <div className="cv-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="cv-table" role="table" data-testid="compare-table">
          <caption id={`${id}-caption`} className="cv-caption">
            Each headline number of the {otherIsBaseline ? 'baseline' : 'previous result'} and the newest, with the change and whether it is a real change.
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">Measure</th>
              <th scope="col" role="columnheader">{otherRole}<span className="cv-col-label">{labels.other}</span></th>
              <th scope="col" role="columnheader">Newest<span className="cv-col-label">{labels.newest}</span></th>
              <th scope="col" role="columnheader">Change</th>
              <th scope="col" role="columnheader">Real change?</th>
            </tr>
          </thead>
          <tbody role="rowgroup">{rows.filter((r) => r.group === 'day').map(renderRow)}</tbody>
          {characterRows.length > 0 && (
            <tbody role="rowgroup">
              <tr className="cv-group" role="row"><th scope="colgroup" role="columnheader" colSpan={5}>Characters</th></tr>
              {characterRows.map(renderRow)}
            </tbody>
          )}
        </table>
      </div>
      <p className="cv-note" data-testid="compare-holm">{HOLM_SENTENCE}</p>
      <p className="cv-note">
        Changes in chances are in percentage points; p-values are adjusted for the number of rows tested. A row whose two sides are
        equal is not tested. A character in only one result is shown with {MISSING} on the other side.
      </p>
    </section>
  );
}
