// The results of the scenario on screen: the answer as it firms up (or the last one, marked out of
// date, while a new one starts), the classic difficulty arithmetic beside it so the DM sees where
// the XP tables mislead, the result as CSV or JSON to download, and what decides the fight.
import { lazy, Suspense, useMemo } from 'react';
import type { Aggregate, AggregateLayout } from '../../engine/index.ts';
import { useShownAnswer } from '../answer/shown-answer.ts';
import { LABEL_2014, LABEL_2024, ratingWords, summonedNote, useRatedDay } from '../answer/xp-rating.ts';
import { ResultsView } from '../results/ResultsView.tsx';
import { useApp } from '../session.ts';
import { downloadText, fileNameOf } from './download.ts';

const ExplainPanel = lazy(() => import('../search/ExplainPanel.tsx').then((m) => ({ default: m.ExplainPanel })));

export function ResultsScreen() {
  const shown = useShownAnswer();
  const name = useApp((s) => s.draft?.name ?? 'scenario');
  const invalid = useApp((s) => s.validation.state === 'invalid');
  const hasScenario = useApp((s) => s.draft !== null);
  const rated = useRatedDay();
  const ratings = useMemo(() => ratingWords(rated), [rated]);
  return (
    <div data-testid="results-screen">
      {shown ? (
        <>
          <div className="panel"><ResultsView
            aggregate={shown.aggregate} layout={shown.layout} stale={shown.stale} ratings={ratings}
            staleReason={invalid ? 'The scenario has a problem to fix, so these are the runs of its last good version.' : 'These are the runs before your last change; the new answer is on its way.'}
          /></div>
          <ExportButtons aggregate={shown.aggregate} layout={shown.layout} seed={shown.seed} name={name} />
        </>
      ) : (
        <p className="panel fld-hint">No result yet for this scenario: edit it or press Simulate.</p>
      )}
      {hasScenario && <Suspense fallback={null}><ExplainPanel /></Suspense>}
      <DifficultyPanel />
    </div>
  );
}

function ExportButtons({ aggregate, layout, seed, name }: { aggregate: Aggregate; layout: AggregateLayout; seed: number; name: string }) {
  async function save(kind: 'csv' | 'json') {
    const mod = await import('../../scenario/interop/result-export.ts');
    const meta = { scenarioName: name, seed };
    if (kind === 'csv') downloadText(`${fileNameOf(name)}-result.csv`, mod.resultToCsv(aggregate, layout, meta), 'text/csv');
    else downloadText(`${fileNameOf(name)}-result.json`, mod.resultToJson(aggregate, layout, meta), 'application/json');
  }
  return (
    <p className="cr-buttons panel">
      <button type="button" className="btn-small" onClick={() => void save('csv')} data-testid="export-csv">Download the result as CSV</button>
      <button type="button" className="btn-small" onClick={() => void save('json')} data-testid="export-result-json">Download the result as JSON</button>
    </p>
  );
}

const xp = (n: number) => n.toLocaleString('en-US');

function DifficultyPanel() {
  const rated = useRatedDay();
  if (!rated) return null;
  return (
    <section className="panel" aria-labelledby="difficulty-title" data-testid="difficulty">
      <h2 id="difficulty-title">What the XP arithmetic says</h2>
      <p className="fld-hint">
        The Dungeon Master&apos;s Guide rates a fight by the monsters&apos; XP alone. Set it beside the simulated answer:
        where they disagree, the arithmetic is the one to distrust.
        {rated.unleveled > 0 && ` ${rated.unleveled} character${rated.unleveled === 1 ? ' has' : 's have'} no level and ${rated.unleveled === 1 ? 'is' : 'are'} left out.`}
      </p>
      <div className="table-scroll">
        <table className="plain-table">
          <thead>
            <tr><th scope="col">Encounter</th><th scope="col">2014 rules (adjusted XP)</th><th scope="col">2024 rules (XP budget)</th></tr>
          </thead>
          <tbody>
            {rated.encounters.map((e, i) => (
              <tr key={i} data-testid="difficulty-row">
                <th scope="row">{e.name}</th>
                {e.problem ? <td colSpan={2} className="fld-hint">Not rated: {e.problem}.</td> : (
                  <>
                    <td data-testid="difficulty-2014">
                      <strong>{LABEL_2014[e.r2014!.difficulty]}</strong> · {xp(e.r2014!.adjustedXp)} XP ({xp(e.r2014!.totalXp)} × {e.r2014!.multiplier}); deadly from {xp(e.r2014!.thresholds.deadly)}
                    </td>
                    <td data-testid="difficulty-2024">
                      <strong>{LABEL_2024[e.r2024!.difficulty]}</strong> · {xp(e.r2024!.totalXp)} XP of a high budget of {xp(e.r2024!.budget.high)}
                      {e.unknown > 0 && <span className="fld-hint"> ({e.unknown} without a challenge rating left out)</span>}
                      {e.byName.length > 0 && <span className="fld-hint"> (custom stat blocks rated as the SRD {e.byName.join(', ')})</span>}
                      {summonedNote(e) && <span className="fld-hint" data-testid="difficulty-summoned"> {summonedNote(e)}</span>}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
