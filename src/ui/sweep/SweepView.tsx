// Sweep: one parameter of the scenario on screen varied over a range, each value simulated as a
// request of its own at Normal priority (edits are Critical, so the scenario on screen is still
// answered first), and party victory and defeat charted against the parameter as points finish.
// The sweep itself (its points, their requests, cancelling) lives in the store's sweep slice; this
// screen holds only the half-typed form.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { wilson, type ScenarioSpec } from '../../engine/index.ts';
import type { RunSettingsInput } from '../../runtime/types.ts';
import {
  SWEEP_MAX_RUNS, sweepOptions, sweepRunSettings, sweepValues, type SweepField, type SweepOption,
} from '../../scenario/analysis/sweep.ts';
import { Chart, type ChartSpec } from '../charts/Chart.tsx';
import { useApp } from '../session.ts';
import './sweep.css';

const percent = (count: number, n: number): number => (n > 0 ? (100 * count) / n : Number.NaN);
const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)}%` : '—');
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
  const { sweep, busy, problem, runSweep, cancelSweep } = useApp(useShallow((s) => ({
    sweep: s.sweep, busy: s.sweepBusy, problem: s.sweepProblem, runSweep: s.runSweep, cancelSweep: s.cancelSweep,
  })));

  const option = options.find((o) => o.key === key) ?? options[0] ?? null;
  const shown = fields ?? (option ? { from: String(option.range.from), to: String(option.range.to), step: String(option.range.step) } : { from: '', to: '', step: '' });
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

  const rows = (sweep?.points ?? []).map((p) => {
    const k = p.kept;
    const state = p.local !== 'submitted' ? p.local : k?.state ?? 'queued';
    return {
      ...p, state, runs: k?.runs ?? 0, victory: k?.victory ?? 0, defeat: k?.defeat ?? 0, target: k?.runsTarget ?? 0, error: p.error ?? k?.error ?? null,
    };
  });
  const unfinished = rows.some((r) => r.state === 'preparing' || r.state === 'queued' || r.state === 'running' || r.state === 'paused');
  const finished = rows.filter((r) => r.state === 'completed').length;
  // Compared as text: an undo back to the swept scenario is the same scenario again.
  const stale = sweep !== null && specText !== null && sweep.baseText !== specText;

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
            {blocked ?? (sweep ? `${finished} of ${sweep.points.length} points finished${unfinished ? '…' : '.'}` : '')}
          </p>
        </form>
      )}

      {problem && <p className="fld-problem" role="alert">{problem}</p>}

      {sweep && (
        <div className="sw-results">
          {stale && <p className="fld-hint sw-stale" data-testid="sweep-stale">The scenario has changed since this sweep was run; run it again to sweep the new version.</p>}
          <p className="fld-hint">Each point: {runsText(sweep.settings)}, seed and rules as the scenario&apos;s.</p>
          <SweepChart label={sweep.label} rows={rows} />
          <div className="sw-table-wrap" tabIndex={0} role="region" aria-label={`Sweep results by ${sweep.label}`}>
            <table className="sw-table">
              <caption className="ch-sr">Party victory and defeat by {sweep.label}, with 95% intervals</caption>
              <thead>
                <tr>
                  <th scope="col">{sweep.label}</th>
                  <th scope="col">Victory <span className="fld-hint">(95% interval)</span></th>
                  <th scope="col">Defeat <span className="fld-hint">(95% interval)</span></th>
                  <th scope="col">Runs</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const [vLo, vHi] = wilson(r.victory, r.runs);
                  const [dLo, dHi] = wilson(r.defeat, r.runs);
                  return (
                    <tr key={r.value} data-testid="sweep-row" data-value={r.value} data-state={r.state}>
                      <th scope="row">{r.value}</th>
                      <td>
                        {pct(percent(r.victory, r.runs))}
                        {r.runs > 0 && <span className="sw-ci"> {pct(vLo * 100)} to {pct(vHi * 100)}</span>}
                      </td>
                      <td>
                        {pct(percent(r.defeat, r.runs))}
                        {r.runs > 0 && <span className="sw-ci"> {pct(dLo * 100)} to {pct(dHi * 100)}</span>}
                      </td>
                      <td>{r.runs.toLocaleString()}{r.target > 0 && r.runs < r.target ? ` / ${r.target.toLocaleString()}` : ''}</td>
                      <td className={`sw-state sw-${r.state}`}>
                        {STATE_TEXT[r.state] ?? r.state}
                        {r.error && <span className="sw-error"> {r.error}</span>}
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
  runs: number;
  victory: number;
  defeat: number;
}

/** Victory and defeat against the parameter, each with its 95% Wilson band; points without runs are gaps. */
function SweepChart({ label, rows }: { label: string; rows: Row[] }) {
  // A new spec each render is fine: the chart redraws only when its numbers change.
  const band = (pick: (r: Row) => number) => {
    const intervals = rows.map((r) => (r.runs > 0 ? wilson(pick(r), r.runs) : null));
    return {
      label: '95% interval',
      low: intervals.map((x) => (x ? x[0] * 100 : Number.NaN)),
      high: intervals.map((x) => (x ? x[1] * 100 : Number.NaN)),
    };
  };
  const spec: ChartSpec = {
    kind: 'lines', x: rows.map((r) => r.value), xLabel: label, yLabel: 'Share of runs', yUnit: 'percent', yMax: 100,
    series: [
      { label: 'Party victory', tone: 'party', values: rows.map((r) => percent(r.victory, r.runs)), band: band((r) => r.victory) },
      { label: 'Defeat (total party kill)', tone: 'enemy', values: rows.map((r) => percent(r.defeat, r.runs)), band: band((r) => r.defeat) },
    ],
  };
  const done = rows.filter((r) => r.runs > 0);
  const first = done[0];
  const last = done[done.length - 1];
  const summary = done.length >= 2
    ? `Party victory goes from ${pct(percent(first.victory, first.runs))} at ${first.value} to ${pct(percent(last.victory, last.runs))} at ${last.value}; defeat from ${pct(percent(first.defeat, first.runs))} to ${pct(percent(last.defeat, last.runs))}. Shaded bands are 95% intervals.`
    : 'The chart fills in as the points are simulated. Shaded bands are 95% intervals.';
  return <Chart spec={spec} title={`Party victory and defeat by ${label}`} summary={summary} testId="sweep-chart" />;
}
