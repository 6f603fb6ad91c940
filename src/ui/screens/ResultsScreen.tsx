// The results of the scenario on screen: the answer as it firms up (or the last one, marked out of
// date, while a new one starts), the classic difficulty arithmetic beside it so the DM sees where
// the XP tables mislead, and the result as CSV or JSON to download.
import { useEffect, useMemo, useState } from 'react';
import type { Aggregate, AggregateLayout } from '../../engine/index.ts';
import { rate2014, rate2024 } from '../../scenario/analysis/difficulty.ts';
import { FIRM_RUNS, type Draft } from '../../state/index.ts';
import { ResultsView } from '../results/ResultsView.tsx';
import { useApp } from '../session.ts';
import { downloadText, fileNameOf } from './download.ts';


export interface ShownAnswer {
  aggregate: Aggregate;
  layout: AggregateLayout;
  seed: number;
  stale: boolean;
  live: boolean;
}

/** What the results screens show: the current request once it has enough runs, else the last answer. */
export function useShownAnswer(): ShownAnswer | null {
  const requestId = useApp((s) => s.scenarioRequestId);
  const snap = useApp((s) => (requestId ? s.requests[requestId] : undefined));
  const aggregate = useApp((s) => (requestId ? s.aggregates[requestId] : null));
  const last = useApp((s) => s.lastAnswer);
  const invalid = useApp((s) => s.validation.state === 'invalid');
  const current = snap && aggregate && snap.layout && (snap.state === 'completed' || aggregate.runs >= FIRM_RUNS)
    ? { aggregate, layout: snap.layout, seed: snap.seed, stale: invalid, live: snap.state !== 'completed' }
    : null;
  if (current) return current;
  if (!last) return null;
  const newer = snap !== undefined && last.requestId !== requestId && snap.state !== 'cancelled' && snap.state !== 'failed';
  return { aggregate: last.aggregate, layout: last.layout, seed: last.seed, stale: newer || invalid, live: false };
}

export function ResultsScreen() {
  const shown = useShownAnswer();
  const name = useApp((s) => s.draft?.name ?? 'scenario');
  const invalid = useApp((s) => s.validation.state === 'invalid');
  return (
    <div data-testid="results-screen">
      <DifficultyPanel />
      {shown ? (
        <>
          <div className="panel"><ResultsView
            aggregate={shown.aggregate} layout={shown.layout} stale={shown.stale}
            staleReason={invalid ? 'The scenario has a problem to fix, so these are the runs of its last good version.' : 'These are the runs before your last change; the new answer is on its way.'}
          /></div>
          <ExportButtons aggregate={shown.aggregate} layout={shown.layout} seed={shown.seed} name={name} />
        </>
      ) : (
        <p className="panel fld-hint">No result yet for this scenario: edit it or press Simulate.</p>
      )}
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

const LABEL_2014: Record<string, string> = { trivial: 'Trivial', easy: 'Easy', medium: 'Medium', hard: 'Hard', deadly: 'Deadly' };
const LABEL_2024: Record<string, string> = { low: 'Low', moderate: 'Moderate', high: 'High', 'beyond high': 'Beyond High' };
const xp = (n: number) => n.toLocaleString('en-US');

/** XP by folded monster name, for custom stat blocks that carry an SRD monster's name. */
type XpByName = Map<string, { xp: number; name: string }>;
const fold = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+\d+$/, '').trim();

function useXpByName(): XpByName | null {
  const [map, setMap] = useState<XpByName | null>(null);
  useEffect(() => {
    let live = true;
    import('../../scenario/content/srd/compendium.ts').then((m) => m.loadCompendium()).then((c) => {
      if (live) setMap(new Map(c.monsters.map((m) => [fold(m.name), { xp: m.xp, name: m.name }])));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return map;
}

interface Rated {
  name: string;
  /** SRD monsters whose XP was taken by name for custom stat blocks. */
  byName: string[];
  r2014: ReturnType<typeof rate2014> | null;
  r2024: ReturnType<typeof rate2024> | null;
  unknown: number;
  problem: string | null;
}

function rateDraft(draft: Draft, xpByName: XpByName | null): { levels: number[]; unleveled: number; encounters: Rated[] } {
  const levels: number[] = [];
  let unleveled = 0;
  for (const m of draft.party) {
    const level = Number(m.template?.level ?? m.creature.level);
    const count = Number.isInteger(m.creature.count) ? Number(m.creature.count) : 1;
    for (let i = 0; i < count; i++) {
      if (Number.isInteger(level) && level >= 1 && level <= 20) levels.push(level);
      else unleveled++;
    }
  }
  const encounters = draft.encounters.map((e): Rated => {
    const xps: number[] = [];
    const byName = new Set<string>();
    let unknown = 0;
    for (const x of e.enemies) {
      const count = Number.isInteger(x.creature.count) ? Number(x.creature.count) : 1;
      const named = x.monster?.xp == null && typeof x.creature.name === 'string' ? xpByName?.get(fold(x.creature.name)) : undefined;
      if (named) byName.add(named.name);
      for (let i = 0; i < count; i++) {
        if (x.monster?.xp != null) xps.push(x.monster.xp);
        else if (named) xps.push(named.xp);
        else unknown++;
      }
    }
    const base = { name: e.name, byName: [...byName], unknown };
    if (levels.length === 0 || xps.length === 0) return { ...base, r2014: null, r2024: null, problem: levels.length === 0 ? 'no character has a level' : 'no monster has a challenge rating' };
    return { ...base, r2014: rate2014(levels, xps), r2024: rate2024(levels, xps), problem: null };
  });
  return { levels, unleveled, encounters };
}

function DifficultyPanel() {
  const draft = useApp((s) => s.draft);
  const xpByName = useXpByName();
  const rated = useMemo(() => (draft ? rateDraft(draft, xpByName) : null), [draft, xpByName]);
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
