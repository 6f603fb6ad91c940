// Sweep: one parameter of the scenario on screen varied over a range, each value simulated as a
// request of its own at Normal priority (edits are Critical, so the scenario on screen is still
// answered first). Two charts follow the points as they finish: party victory and defeat, and the
// chance that someone goes down or dies; the table beside them offers each value to the scenario.
// The sweep itself (its points, their requests, keeping it across a reload, putting a value into
// the scenario) lives in the store's sweep slice; this screen holds only the half-typed form.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { wilson, type ScenarioSpec } from '../../engine/index.ts';
import type { RunSettingsInput } from '../../runtime/types.ts';
import {
  parameterKey, SWEEP_MAX_RUNS, sweepOptions, sweepRunSettings, sweepValues, type SweepField, type SweepOption,
} from '../../scenario/analysis/sweep.ts';
import { percentOf as percent, pct, Share } from '../answer/share.tsx';
import { Chart, type ChartSpec } from '../charts/Chart.tsx';
import { useApp } from '../session.ts';
import './sweep.css';

const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
const runsText = (settings: RunSettingsInput): string =>
  ('runs' in settings ? `${settings.runs.toLocaleString()} runs` : `up to ${settings.precision.maxRuns.toLocaleString()} runs (±${(settings.precision.halfWidth * 100).toFixed(1)} points)`);

const STATE_TEXT: Record<string, string> = {
  preparing: 'Preparing', refused: 'Not run', stopped: 'Cancelled', unknown: 'Unknown',
  queued: 'Queued', running: 'Running', paused: 'Paused', completed: 'Done', failed: 'Failed', cancelled: 'Cancelled',
};

/** Which group of the parameter list an option sits in. */
function groupOf(spec: ScenarioSpec, o: SweepOption): string {
  const p = o.param;
  if (p.kind === 'monster-count') return 'How many enemies';
  if (p.kind === 'party-level' || p.side === 'party') return 'Party';
  const e = spec.encounters[p.encounter ?? 0];
  return spec.encounters.length > 1 ? `Enemies in ${e?.name ?? 'an encounter'}` : 'Enemies';
}

export function SweepView() {
  const ids = { param: useId(), from: useId(), to: useId(), step: useId(), status: useId() };
  const { spec, validation, scenarioId, runSettings } = useApp(useShallow((s) => ({
    spec: s.validSpec, validation: s.validation.state, scenarioId: s.scenarioId, runSettings: s.runSettings,
  })));
  // Template levels line up with the spec's party only while the draft is the valid one.
  const templateLevels = useApp(useShallow((s) => (s.draft && s.validSpec && s.draft.party.length === s.validSpec.party.length
    ? s.draft.party.map((m) => m.template?.level ?? null) : [])));

  const specText = useMemo(() => (spec ? JSON.stringify(spec) : null), [spec]);
  const options = useMemo(() => {
    if (!spec) return [];
    try {
      return sweepOptions(spec, templateLevels);
    } catch {
      return [];
    }
  }, [spec, templateLevels]);

  const [key, setKey] = useState<string | null>(null);
  const [fields, setFields] = useState<{ from: string; to: string; step: string } | null>(null);
  const { sweep, busy, problem, note, runSweep, cancelSweep, restoreSweep, applySweepPoint } = useApp(useShallow((s) => ({
    sweep: s.sweep, busy: s.sweepBusy, problem: s.sweepProblem, note: s.sweepNote, runSweep: s.runSweep, cancelSweep: s.cancelSweep,
    restoreSweep: s.restoreSweep, applySweepPoint: s.applySweepPoint,
  })));
  // The last sweep of the scenario on screen comes back when the screen opens (after a reload, or
  // on returning to a scenario); its points are asked for again and the store answers them.
  useEffect(() => {
    if (scenarioId) void restoreSweep();
  }, [scenarioId, restoreSweep]);

  // Until the user picks, the form shows the sweep on screen (say, one kept from an earlier visit).
  const sweptKey = sweep ? parameterKey(sweep.param) : null;
  const option = options.find((o) => o.key === (key ?? sweptKey)) ?? options[0] ?? null;
  const swept = sweep && key === null && option?.key === sweptKey && sweep.points.length > 0 ? sweep.points.map((p) => p.value) : null;
  const shown = fields ?? (swept
    ? { from: String(swept[0]), to: String(swept[swept.length - 1]), step: String(swept.length > 1 ? swept[1] - swept[0] : 1) }
    : option ? { from: String(option.range.from), to: String(option.range.to), step: String(option.range.step) } : { from: '', to: '', step: '' });
  const values = option ? sweepValues(numberOf(shown.from), numberOf(shown.to), numberOf(shown.step), option.bounds) : null;
  const errors: Partial<Record<SweepField, string>> = values && !values.ok ? values.errors : {};
  const pointSettings = sweepRunSettings(runSettings);

  const choose = (next: string) => {
    setKey(next);
    const o = options.find((x) => x.key === next);
    setFields(o ? { from: String(o.range.from), to: String(o.range.to), step: String(o.range.step) } : null);
  };

  const runnable = !!spec && !!option && !!values?.ok && !!scenarioId && validation === 'ok' && !busy;
  const blocked = !spec
    ? 'Open or build a scenario first.'
    : validation !== 'ok'
      ? validation === 'checking' ? 'Waiting for the latest edit to be checked…' : 'The scenario has a problem to fix before it can be swept.'
      : null;

  function run(e: FormEvent) {
    e.preventDefault();
    if (!runnable || !option || !values?.ok) return;
    void runSweep(option.param, values.values);
  }

  const rows: Row[] = (sweep?.points ?? []).map((p) => {
    const k = p.kept;
    const state = p.local !== 'submitted' ? p.local : k?.state ?? 'queued';
    return {
      value: p.value, state, runs: k?.runs ?? 0, victory: k?.victory ?? 0, defeat: k?.defeat ?? 0, deaths: k?.deaths ?? 0, down: k ? k.down : 0,
      target: k?.runsTarget ?? 0, error: p.error ?? k?.error ?? null, fromStore: k?.fromStore === true, specText: p.specText,
    };
  });
  const unfinished = rows.some((r) => r.state === 'preparing' || r.state === 'queued' || r.state === 'running' || r.state === 'paused');
  const finished = rows.filter((r) => r.state === 'completed').length;
  const answeredFromStore = rows.filter((r) => r.state === 'completed' && r.fromStore).length;
  // Compared as text: an undo back to the swept scenario is the same scenario again.
  const stale = sweep !== null && specText !== null && sweep.baseText !== specText;
  // The scenario on screen may be one of the points (after "use this value").
  const inUse = specText !== null ? rows.find((r) => r.specText === specText) ?? null : null;
  const canApply = !!sweep && validation === 'ok';
  // What "use this value" did is said while the scenario is still that point; a later edit retires it.
  const shownNote = note !== null && inUse !== null ? note : null;

  return (
    <section className="panel sw" aria-labelledby={`${ids.param}-title`} data-testid="sweep-screen">
      <h2 id={`${ids.param}-title`}>Sweep</h2>
      <p className="fld-hint">
        Vary one number of the scenario over a range and see how the party&apos;s chances change. Each value is simulated
        as a request of its own at Normal priority, at most {SWEEP_MAX_RUNS.toLocaleString()} runs each
        (this scenario is set to {runsText(runSettings)}; points use {runsText(pointSettings)}), so changes to the scenario on screen are still answered first.
      </p>

      {options.length === 0 ? (
        <p className="fld-hint" data-testid="sweep-empty">{blocked ?? 'This scenario has nothing to sweep.'}</p>
      ) : (
        <form className="sw-form" onSubmit={run} noValidate>
          <div className="fld sw-param">
            <label htmlFor={ids.param}>Parameter</label>
            <select id={ids.param} value={option?.key ?? ''} data-testid="sweep-parameter" onChange={(e) => choose(e.target.value)}>
              {groups(spec!, options).map(([group, list]) => (
                <optgroup key={group} label={group}>
                  {list.map((o) => <option key={o.key} value={o.key}>{o.label} (now {o.current})</option>)}
                </optgroup>
              ))}
            </select>
            {option && (
              <span className="fld-hint">
                From {option.bounds.min} to {option.bounds.max}.
                {option.param.kind === 'creature-stat' && option.param.stat === 'toHit' && ' Every attack of the creature moves by the same amount, so the gaps between its weapons stay.'}
                {option.param.kind === 'creature-stat' && option.param.stat === 'hp' && ' Rolled HP is turned off, so each run uses exactly this value.'}
                {option.param.kind === 'party-level' && ' Characters built from class templates are built again at each level; changes made to them by hand are not kept. Custom stat blocks stay as they are.'}
              </span>
            )}
          </div>
          <div className="sw-range">
            {(['from', 'to', 'step'] as const).map((field) => (
              <div key={field} className={`fld ${errors[field] ? 'fld-bad' : ''}`}>
                <label htmlFor={ids[field]}>{field === 'from' ? 'From' : field === 'to' ? 'To' : 'Step'}</label>
                <input
                  id={ids[field]} type="number" inputMode="numeric" step={1} value={shown[field]} data-testid={`sweep-${field}`}
                  aria-invalid={errors[field] ? true : undefined} aria-describedby={errors[field] ? `${ids[field]}-p` : undefined}
                  onChange={(e) => setFields({ ...shown, [field]: e.target.value })}
                />
                {errors[field] && <span id={`${ids[field]}-p`} className="fld-problem" role="status" data-testid="sweep-field-problem">{errors[field]}</span>}
              </div>
            ))}
          </div>
          <div className="sw-buttons">
            <button type="submit" className="btn-small btn-primary" disabled={!runnable} aria-describedby={ids.status} data-testid="sweep-run">
              Run sweep{values?.ok ? ` (${values.values.length} point${values.values.length === 1 ? '' : 's'})` : ''}
            </button>
            <button type="button" className="btn-small btn-danger" disabled={!sweep || (!unfinished && !busy)} onClick={cancelSweep} data-testid="sweep-cancel">
              Cancel sweep
            </button>
          </div>
          <p id={ids.status} className="fld-hint sw-status" role="status" aria-live="polite">
            {blocked ?? (sweep ? `${finished} of ${sweep.points.length} points finished${unfinished ? '…' : '.'}`
              + (answeredFromStore > 0 ? ` ${answeredFromStore === finished ? 'All' : answeredFromStore} answered from stored results, without running again.` : '') : '')}
          </p>
        </form>
      )}

      {problem && <p className="fld-problem" role="alert" data-testid="sweep-problem">{problem}</p>}
      <p className="fld-hint sw-note" role="status" aria-live="polite" data-testid="sweep-note">{shownNote ?? ''}</p>

      {sweep && (
        <div className="sw-results" data-testid="sweep-results" data-restored={sweep.restored ? 'true' : 'false'}>
          {sweep.restored && (
            <p className="fld-hint" data-testid="sweep-restored">Your last sweep of this scenario, kept on this device.</p>
          )}
          {stale && !shownNote && (inUse
            ? <p className="fld-hint sw-stale" data-testid="sweep-in-use">The scenario on screen now uses {sweep.label} {inUse.value}, one of the points below.</p>
            : <p className="fld-hint sw-stale" data-testid="sweep-stale">The scenario has changed since this sweep was run; run it again to sweep the new version.</p>)}
          <p className="fld-hint">Each point: {runsText(sweep.settings)}, seed and rules as the scenario&apos;s. Shaded bands and the small figures under each share are 95% intervals.</p>
          <div className="sw-charts">
            <OutcomeChart label={sweep.label} rows={rows} />
            <HarmChart label={sweep.label} rows={rows} />
          </div>
          <div className="sw-table-wrap" tabIndex={0} role="region" aria-label={`Sweep results by ${sweep.label}`}>
            <table className="sw-table">
              <caption className="ch-sr">Party victory, defeat, someone going down and someone dying by {sweep.label}, with 95% intervals</caption>
              <thead>
                <tr>
                  <th scope="col">{sweep.label}</th>
                  <th scope="col">Victory</th>
                  <th scope="col">Defeat</th>
                  <th scope="col">Someone goes down</th>
                  <th scope="col">Someone dies</th>
                  <th scope="col">Runs</th>
                  <th scope="col">State</th>
                  <th scope="col"><span className="ch-sr">Use in the scenario</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const here = r.specText !== null && r.specText === specText;
                  return (
                    <tr key={r.value} data-testid="sweep-row" data-value={r.value} data-state={r.state} data-from-store={r.fromStore ? 'true' : 'false'}>
                      <th scope="row" className="sw-value"><span className="sw-cell-label" aria-hidden="true">{sweep.label} </span>{r.value}</th>
                      <td data-testid="sweep-victory" data-label="Victory"><Share count={r.victory} runs={r.runs} /></td>
                      <td data-testid="sweep-defeat" data-label="Defeat"><Share count={r.defeat} runs={r.runs} /></td>
                      <td data-testid="sweep-down" data-label="Someone goes down"><Share count={r.down} runs={r.runs} /></td>
                      <td data-testid="sweep-deaths" data-label="Someone dies"><Share count={r.deaths} runs={r.runs} /></td>
                      <td data-testid="sweep-runs" data-label="Runs">{r.runs.toLocaleString()}{r.target > 0 && r.runs < r.target ? ` / ${r.target.toLocaleString()}` : ''}</td>
                      <td className={`sw-state sw-${r.state}`} data-label="State">
                        {STATE_TEXT[r.state] ?? r.state}
                        {r.state === 'completed' && r.fromStore && <span className="sw-note-small"> from stored results</span>}
                        {r.error && <span className="sw-error"> {r.error}</span>}
                      </td>
                      <td className="sw-use">
                        {here
                          ? <span className="sw-in-use" data-testid="sweep-in-use-mark">In the scenario now</span>
                          : (
                            <button
                              type="button" className="btn-small" data-testid="sweep-use" disabled={!canApply || r.state === 'refused'}
                              aria-label={`Use this value: ${sweep.label} ${r.value}`} onClick={() => void applySweepPoint(r.value)}
                            >
                              Use this value
                            </button>
                          )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function groups(spec: ScenarioSpec, options: SweepOption[]): Array<[string, SweepOption[]]> {
  const out = new Map<string, SweepOption[]>();
  for (const o of options) {
    const g = groupOf(spec, o);
    out.set(g, [...(out.get(g) ?? []), o]);
  }
  return [...out];
}

interface Row {
  value: number;
  state: string;
  runs: number;
  target: number;
  victory: number;
  defeat: number;
  deaths: number;
  /** Null when the stored result predates the count. */
  down: number | null;
  error: string | null;
  fromStore: boolean;
  specText: string | null;
}

const shareOf = (count: number | null, runs: number): number => (count === null ? Number.NaN : percent(count, runs));

/** A series of shares against the parameter, with its 95% Wilson band; points without runs are gaps. */
function shareSeries(label: string, tone: ChartSpec['series'][number]['tone'], rows: Row[], pick: (r: Row) => number | null): ChartSpec['series'][number] {
  const intervals = rows.map((r) => {
    const count = pick(r);
    return r.runs > 0 && count !== null ? wilson(count, r.runs) : null;
  });
  return {
    label, tone, values: rows.map((r) => shareOf(pick(r), r.runs)),
    band: { label: '95% interval', low: intervals.map((x) => (x ? x[0] * 100 : Number.NaN)), high: intervals.map((x) => (x ? x[1] * 100 : Number.NaN)) },
  };
}

/** "from 12.0% at 1 to 80.5% at 4", over the finished points. */
function trend(rows: Row[], pick: (r: Row) => number | null): string | null {
  const done = rows.filter((r) => r.runs > 0 && pick(r) !== null);
  if (done.length < 2) return null;
  const first = done[0];
  const last = done[done.length - 1];
  return `from ${pct(shareOf(pick(first), first.runs))} at ${first.value} to ${pct(shareOf(pick(last), last.runs))} at ${last.value}`;
}

const WAITING = 'The chart fills in as the points are simulated. Shaded bands are 95% intervals.';

/** Party victory and defeat against the parameter. */
function OutcomeChart({ label, rows }: { label: string; rows: Row[] }) {
  // A new spec each render is fine: the chart redraws only when its numbers change.
  const spec: ChartSpec = {
    kind: 'lines', x: rows.map((r) => r.value), xLabel: label, yLabel: 'Share of runs', yUnit: 'percent', yMax: 100,
    series: [
      shareSeries('Party victory', 'party', rows, (r) => r.victory),
      shareSeries('Defeat (total party kill)', 'enemy', rows, (r) => r.defeat),
    ],
  };
  const victory = trend(rows, (r) => r.victory);
  const defeat = trend(rows, (r) => r.defeat);
  const summary = victory && defeat ? `Party victory goes ${victory}; defeat ${defeat}. Shaded bands are 95% intervals.` : WAITING;
  return <Chart spec={spec} title={`Party victory and defeat by ${label}`} summary={summary} testId="sweep-chart" />;
}

/** The chance that some character drops to 0 HP, and that some character dies, against the parameter. */
function HarmChart({ label, rows }: { label: string; rows: Row[] }) {
  const spec: ChartSpec = {
    kind: 'lines', x: rows.map((r) => r.value), xLabel: label, yLabel: 'Share of runs', yUnit: 'percent', yMax: 100,
    series: [
      shareSeries('Someone goes down', 'party', rows, (r) => r.down),
      shareSeries('Someone dies', 'enemy', rows, (r) => r.deaths),
    ],
  };
  const down = trend(rows, (r) => r.down);
  const deaths = trend(rows, (r) => r.deaths);
  const uncounted = rows.some((r) => r.runs > 0 && r.down === null)
    ? ' Some points come from results stored before going down was counted; they show no figure for it.' : '';
  const summary = deaths
    ? `The chance that someone goes down in the day goes ${down ?? 'without enough counted points to say'}; that someone dies, ${deaths}.${uncounted}`
    : WAITING;
  return <Chart spec={spec} title={`Someone goes down or dies, by ${label}`} summary={summary} testId="sweep-harm-chart" />;
}
