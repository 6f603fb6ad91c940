// "What decides this fight", on the Results screen: one click measures how much each small change to
// the scenario (a character without one of its limited features, one enemy fewer, a side always
// winning initiative, AC ±2 and HP ±10%) moves the chance that the party wins the day and the chance
// that someone dies. It runs in the store's search slice through the request queue at Low priority,
// each change on the same dice as the scenario as it is (common random numbers): edits are answered
// first, the answer above stays the scenario's, and a reload carries on from the search's checkpoint.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { explainMachine, type ExplainSearchState } from '../../scenario/analysis/explain-machine.ts';
import type { Effect } from '../../scenario/analysis/explain.ts';
import type { PairedMeasure } from '../../scenario/analysis/paired.ts';
import type { SearchRun } from '../../state/index.ts';
import { useApp } from '../session.ts';
import { effectSide, effectWords, measureWords, points, splitEffects } from './explain-words.ts';
// The Sweep table's styles for the figures, the charts' text for screen readers only (.ch-sr).
import '../charts/charts.css';
import '../sweep/sweep.css';
import './search.css';

const KIND = explainMachine.kind;

const STATUS_WORDS: Record<SearchRun['status'], string> = {
  preparing: 'Preparing the changes…', running: 'Working', paused: 'Paused', stopped: 'Stopped', done: 'Done', failed: 'Could not work it out',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const percent = (p: number) => `${(p * 100).toFixed(1)}%`;

export function ExplainPanel() {
  const { validation, specText } = useApp(useShallow((s) => ({ validation: s.validation.state, specText: s.validSpec ? JSON.stringify(s.validSpec) : null })));
  const scenarioId = useApp((s) => s.scenarioId);
  const run = useApp((s) => s.searches[KIND] ?? null);
  const { startSearch, pauseSearch, resumeSearch, stopSearch } = useApp(useShallow((s) => ({
    startSearch: s.startSearch, pauseSearch: s.pauseSearch, resumeSearch: s.resumeSearch, stopSearch: s.stopSearch,
  })));
  const current = useApp(useShallow((s) => {
    const id = s.searches[KIND]?.current?.id;
    const snap = id ? s.requests[id] : undefined;
    return snap ? { state: snap.state, pausedBy: snap.pausedBy, runsDone: snap.runsDone } : null;
  }));
  const ours = run && run.scenarioId === scenarioId ? run : null;
  const state = ours?.state as ExplainSearchState | null;
  const answer = useMemo(() => (state ? explainMachine.result(state) : null), [state]);
  const blocked = validation !== 'ok'
    ? validation === 'checking' ? 'Waiting for the latest edit to be checked…' : 'The scenario has a problem to fix first.'
    : null;
  const stale = ours !== null && specText !== null && ours.baseText !== '' && ours.baseText !== specText;

  return (
    <section className="panel ex" aria-labelledby="explain-title" data-testid="explain">
      <h2 id="explain-title">What decides this fight</h2>
      <p className="fld-hint">
        How much each small change moves the party&apos;s chance of winning the day and the chance that someone dies: each
        character without one of its limited spells, features or reactions, each enemy one fewer, each side always winning
        initiative, and each creature&apos;s AC ±2 and HP ±10%. It runs in the background at Low priority: your edits are
        answered first, and the answer above stays this scenario&apos;s.
      </p>
      <div className="hm-buttons">
        <button type="button" className="btn-small btn-primary" disabled={!!blocked} data-testid="explain-run"
          onClick={() => void startSearch(KIND, {})}>
          {!ours || ours.status === 'failed' ? 'What decides this fight?' : ours.status === 'done' ? 'Work it out again' : 'Start again'}
        </button>
        {ours && (ours.status === 'running' || ours.status === 'paused') && (
          <button type="button" className="btn-small" data-testid="explain-pause"
            onClick={() => (ours.status === 'paused' ? void resumeSearch(KIND) : pauseSearch(KIND))}>
            {ours.status === 'paused' ? 'Continue' : 'Pause'}
          </button>
        )}
        {ours && ours.status === 'stopped' && !stale && (
          <button type="button" className="btn-small" data-testid="explain-continue" onClick={() => void resumeSearch(KIND)}>Continue</button>
        )}
        {ours && (ours.status === 'running' || ours.status === 'paused' || ours.status === 'preparing') && (
          <button type="button" className="btn-small btn-danger" data-testid="explain-stop" onClick={() => stopSearch(KIND)}>Stop</button>
        )}
      </div>
      {blocked && <p className="fld-hint" role="status">{blocked}</p>}
      {ours && <Progress run={ours} current={current} />}
      {ours?.problem && <p className="fld-problem" role="alert" data-testid="explain-problem">{ours.problem}</p>}
      {ours && answer && state && (
        <div className="hm-answer" data-testid="explain-result" data-status={ours.status}>
          {stale && (
            <p className="fld-hint hm-stale" data-testid="explain-stale">
              Out of date: the scenario has changed since this was worked out. Press the button again for the new version.
            </p>
          )}
          {answer.base.runs > 0 && (
            <p data-testid="explain-base">
              On this explanation&apos;s own {plural(answer.base.runs, 'run')} of the scenario as it is, the party wins {percent(answer.base.victory)} of
              days and someone dies in {percent(answer.base.dies)}.
            </p>
          )}
          <p className="fld-hint ex-crn" data-testid="explain-crn">
            Every change was run on the same dice as the scenario as it is (common random numbers: the same seed, run by run),
            so each difference is measured on the same days and even a small one is real when its interval leaves out zero.
            Differences are in percentage points, with 95% intervals.
          </p>
          <Effects effects={answer.effects} complete={ours.status === 'done'} total={state.query.variants.length} />
          {answer.skipped.length > 0 && (
            <details className="hm-trials" data-testid="explain-skipped">
              <summary>{plural(answer.skipped.length, 'change')} not tried, and why</summary>
              <ul>
                {answer.skipped.map((s, i) => <li key={i}>{s.label}: {s.reason}.</li>)}
              </ul>
            </details>
          )}
          <Figures effects={answer.effects} />
        </div>
      )}
    </section>
  );
}

function Progress({ run, current }: { run: SearchRun; current: { state: string; pausedBy: string | null; runsDone: number } | null }) {
  const p = run.progress;
  const rate = run.simulatedMs > 0 ? run.runsSimulated / run.simulatedMs : null;
  const left = run.status === 'running' && p.runsLeft && rate ? `about ${seconds(p.runsLeft / rate)} left in this stage` : null;
  const doing = run.current && run.status !== 'done'
    ? current?.state === 'paused'
      ? current.pausedBy === 'preempted' ? `${run.current.label}: waiting while your edit is answered` : `${run.current.label}: paused`
      : current?.state === 'queued' || !current ? `${run.current.label}: waiting in the queue`
        : `${run.current.label}: ${current.runsDone.toLocaleString('en-US')} runs done`
    : null;
  const parts = [`${STATUS_WORDS[run.status]}: ${p.words}`, ...(doing ? [doing] : []), ...(left ? [left] : [])];
  return (
    <div className="hm-progress" data-testid="explain-progress" data-status={run.status} data-tried={p.tried} data-evaluations={p.evaluations}
      data-asked={run.asked} data-from-store={run.fromStore} data-elapsed-ms={Math.round(run.elapsedMs)} data-restored={run.restored ? 'true' : 'false'}>
      <p className="hm-status-line" role="status" aria-live="polite" data-testid="explain-status">{parts.join('; ')}.</p>
      {run.restored && run.resumedEvaluations > 0 && (
        <p className="fld-hint" data-testid="explain-restored">Carried on from where this device kept it: {plural(run.resumedAt, 'change')} already tried.</p>
      )}
      {run.status === 'done' && (
        <p className="fld-hint" data-testid="explain-timing">
          Worked out in {seconds(run.elapsedMs)}: {plural(run.asked, 'evaluation')} asked for in this visit, {run.fromStore} answered from stored
          results, {run.runsSimulated.toLocaleString('en-US')} runs simulated.
        </p>
      )}
    </div>
  );
}

/** A bar from the middle, right for more often, left for less, coloured by whether it helps the party. */
function Bar({ measure, effect, scale }: { measure: PairedMeasure; effect: Effect; scale: number }) {
  const m = effect[measure];
  const side = effectSide(measure, m);
  const width = `${Math.min(50, (Math.abs(m.difference) / scale) * 50)}%`;
  const sign = side === 'none' ? '·' : m.difference > 0 ? '+' : '−';
  return (
    <div className={`ex-bar ex-${side}`} data-testid={`explain-bar-${measure}`} data-side={side}>
      <span className="ex-bar-name">{measure === 'victory' ? 'Wins' : 'Deaths'}</span>
      <span className="ex-track" aria-hidden="true">
        <span className="ex-fill" style={m.difference < 0 ? { right: '50%', width } : { left: '50%', width }} />
      </span>
      <span className="ex-sign">{sign}{points(m.difference)}</span>
    </div>
  );
}

function Effects({ effects, complete, total }: { effects: Effect[]; complete: boolean; total: number }) {
  const { shown, small } = splitEffects(effects);
  const scale = Math.max(0.01, ...shown.map((e) => e.size));
  return (
    <>
      {!complete && effects.length > 0 && (
        <p className="fld-hint">So far, from {plural(effects.length, 'change')} of {total} tried: the ranking firms up as the runs come in.</p>
      )}
      {complete && shown.length === 0 && (
        <p className="hm-words" data-testid="explain-nothing">No change moves either chance by a point or more: nothing here decides this fight on its own.</p>
      )}
      {shown.length > 0 && (
        <ol className="ex-list" data-testid="explain-effects">
          {shown.map((e) => (
            <li key={e.variant.id} className="ex-effect" data-testid="explain-effect" data-variant={e.variant.id}>
              <p className="ex-words">{effectWords(e)}</p>
              <div className="ex-bars">
                <Bar measure="victory" effect={e} scale={scale} />
                <Bar measure="dies" effect={e} scale={scale} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {small.length > 0 && (
        <details className="hm-trials" data-testid="explain-small">
          <summary>{plural(small.length, 'change')} that move{small.length === 1 ? 's' : ''} neither chance by a point or more</summary>
          <ul>{small.map((e) => <li key={e.variant.id}>{effectWords(e)}</li>)}</ul>
        </details>
      )}
    </>
  );
}

function Figures({ effects }: { effects: Effect[] }) {
  if (effects.length === 0) return null;
  return (
    <details className="hm-trials" data-testid="explain-figures">
      <summary>The figures behind each change</summary>
      <p className="fld-hint">
        Runs are paired: run i of a change is run i of the scenario with that one thing changed. Lost counts the runs the scenario
        had the outcome and the change did not, gained the other way; the difference is (gained − lost) ÷ runs, with the adjusted
        Wald interval of Bonett and Price. A change stops once both intervals are within a point either side (or a tenth of a
        large effect), or at 8,000 runs.
      </p>
      <div className="sw-table-wrap" tabIndex={0} role="region" aria-label="The figures behind each change">
        <table className="sw-table">
          <caption className="ch-sr">Each change: its effect on the party winning and on someone dying, the discordant runs, and the runs paired</caption>
          <thead>
            <tr><th scope="col">Change</th><th scope="col">The party wins</th><th scope="col">Someone dies</th><th scope="col">Runs</th></tr>
          </thead>
          <tbody>
            {effects.map((e) => (
              <tr key={e.variant.id}>
                <th scope="row" className="ex-change">{e.variant.label}</th>
                {(['victory', 'dies'] as const).map((m) => (
                  <td key={m} data-label={m === 'victory' ? 'The party wins' : 'Someone dies'}>
                    {percent(e[m].base)} to {percent(e[m].variant)}: {measureWords(m, e[m]).replace(/^(the party wins|someone dies) /, '')}; lost {e[m].lost}, gained {e[m].gained}
                  </td>
                ))}
                <td data-label="Runs">{e.runs.toLocaleString('en-US')}{e.settled ? '' : ' (the cap)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
