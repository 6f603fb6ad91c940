// The answer panel, at the top of every screen: the verdict in words for the scenario being edited
// (the day, then who is at risk and what it costs), the Simulate button, and while runs are under
// way their progress with pause and cancel. The engine's controls (runs or a precision target,
// seed, priority, workers, the fingerprint, the two stored results) sit behind "Advanced": the
// defaults serve a DM who never opens it. Each part selects only what it shows, so a progress tick
// re-renders the numbers, not the panel.
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Aggregate } from '../engine/stats.ts';
import { wilson } from '../engine/summary.ts';
import {
  aggregateDigest, isTerminal, PRIORITIES,
  type Priority, type RequestSnapshot, type RunSettingsInput,
} from '../runtime/index.ts';
import { dayVerdict } from '../scenario/analysis/verdict.ts';
import { useAnswerStatus, useShownAnswer } from './answer/shown-answer.ts';
import { integer, percent } from './results/format.ts';
import { useApp } from './session.ts';
import './runtime-panel.css';

// The stored results (and the comparison under them) load when Advanced is opened.
const ResultSlots = lazy(() => import('./ResultSlots.tsx').then((m) => ({ default: m.ResultSlots })));

const count = (n: number): string => integer(Math.round(n));

function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function stateLabel(s: RequestSnapshot): string {
  if (s.state === 'paused' && s.pausedBy === 'preempted') return 'paused (overtaken by a more urgent request)';
  if (s.state === 'running' && s.phase === 'replaying') return 'replaying representative runs';
  if (s.state === 'running' && s.phase === 'storing') return 'storing the result';
  if (s.state === 'completed' && s.fromStore) return 'answered from stored results';
  return s.state;
}

const ADVANCED_KEY = 'encounter-lab:advanced';

/** Whether Advanced was open in this tab before a reload (session storage: per tab). */
function rememberedAdvanced(): boolean {
  try {
    return sessionStorage.getItem(ADVANCED_KEY) === 'open';
  } catch {
    return false;
  }
}

export function RuntimePanel() {
  const focused = useApp((s) => s.focusedRequestId);
  const scenarioId = useApp((s) => s.scenarioId);
  const scenarioName = useApp((s) => s.draft?.name ?? '');
  const formId = useId();
  const [advanced, setAdvancedState] = useState(rememberedAdvanced);
  const setAdvanced = (open: boolean) => {
    setAdvancedState(open);
    try {
      sessionStorage.setItem(ADVANCED_KEY, open ? 'open' : 'closed');
    } catch {
      // Private modes may refuse storage; Advanced then starts closed after a reload.
    }
  };
  return (
    <section aria-labelledby="runtime-title" className="panel runtime-panel">
      <div className="rp-top">
        <h2 id="runtime-title">The answer</h2>
        <SimulateButton formId={formId} />
      </div>
      <VerdictWords />
      {focused && <LiveProgress id={focused} />}
      <PendingRunQuestion />
      <Problems />
      <details className="rp-advanced" data-testid="advanced" open={advanced} onToggle={(e) => setAdvanced((e.target as HTMLDetailsElement).open)}>
        <summary data-testid="advanced-summary">Advanced: runs, seed, priority, workers and the stored results</summary>
        <RuntimeMode />
        <SubmitForm formId={formId} openAdvanced={() => setAdvanced(true)} />
        {focused ? <FocusedRequest id={focused} /> : <IdleAnswer />}
        {scenarioId && advanced && (
          <div className="rp-slots">
            <h3>The two stored results of this scenario</h3>
            <Suspense fallback={<p className="rp-hint">Reading the stored results…</p>}><ResultSlots scenarioName={scenarioName} /></Suspense>
          </div>
        )}
      </details>
    </section>
  );
}

/** The day in words: the headline a DM can read aloud, then how long and what it costs. */
function VerdictWords() {
  const shown = useShownAnswer();
  const status = useAnswerStatus(shown);
  if (!shown || shown.aggregate.runs === 0) {
    return (
      <p className="rp-hint" data-testid="verdict-words" data-state={status.state}>
        {status.state === 'starting' ? 'Simulating the scenario: the answer appears here in a moment.' : 'Edit the party or the day, or press Simulate, to see how the day goes.'}
      </p>
    );
  }
  const v = dayVerdict(shown.aggregate, shown.layout);
  return (
    <div className={`rp-verdict ${status.state === 'stale' ? 'rp-stale' : ''}`} data-testid="verdict-words" data-state={status.state}>
      <p className="rp-headline">{v.headline}</p>
      {v.details.map((d) => <p key={d} className="rp-muted rp-detail-line">{d}</p>)}
      {status.state === 'stale' && <p className="rp-stale-note" data-testid="answer-stale">These are the runs before your last change; the new answer is on its way.</p>}
    </div>
  );
}

function SimulateButton({ formId }: { formId: string }) {
  const ready = useApp((s) => s.draft !== null);
  return <button type="submit" form={formId} data-testid="submit-button" className="rp-primary" disabled={!ready}>Simulate</button>;
}

/** What went wrong with the last run asked for, in view (not behind Advanced). */
function Problems() {
  const submitError = useApp((s) => s.submitError);
  const scenarioMessage = useApp((s) => s.scenarioMessage);
  const error = submitError ?? scenarioMessage;
  if (!error) return null;
  return <p role="alert" className="rp-error" data-testid="submit-error">{error}</p>;
}

/** Before anything runs in this page: the last stored answer of the scenario, if any. */
function IdleAnswer() {
  const last = useApp((s) => s.lastAnswer);
  if (!last) return <p className="rp-hint">No run in this page yet.</p>;
  return <Figures aggregate={last.aggregate} completed />;
}

function RuntimeMode() {
  const { mode, workers, busy } = useApp(useShallow((s) => ({ mode: s.runtimeMode, workers: s.workerCount, busy: s.runtimeStats.busyWorkers })));
  return (
    <p className="rp-mode" data-testid="runtime-mode" data-mode={mode}>
      <TabRoleLabel />
      <span data-testid="worker-count" data-value={workers}>{workers} {workers === 1 ? 'worker' : 'workers'}</span>
      {' · '}
      <span data-testid="busy-workers" data-value={busy}>{busy} busy</span>
      {' · '}
      {mode === 'shared'
        ? 'shared memory: pause and cancel act within milliseconds'
        : 'message mode: this page is not cross-origin isolated, so pause and cancel travel as messages between smaller chunks'}
    </p>
  );
}

/** A run held back because it would take long (or a link asked for very many runs): run it, or not. */
function PendingRunQuestion() {
  const pending = useApp((s) => s.pendingRun);
  const { confirm, dismiss } = useApp(useShallow((s) => ({ confirm: s.confirmPendingRun, dismiss: s.dismissPendingRun })));
  if (!pending) return null;
  return (
    <div className="rp-question" role="alertdialog" aria-labelledby="rp-question-text" data-testid="run-question">
      <p id="rp-question-text"><strong>Run this?</strong> {pending.question}</p>
      <div className="rp-actions">
        <button type="button" className="rp-primary" data-testid="run-confirm" onClick={() => void confirm()}>Run {count(pending.runs)} runs</button>
        <button type="button" data-testid="run-dismiss" onClick={dismiss}>Don't run</button>
      </div>
    </div>
  );
}

/** The run settings behind Advanced; the Simulate button at the top submits them. */
function SubmitForm({ formId, openAdvanced }: { formId: string; openAdvanced: () => void }) {
  const initial = useApp((s) => s.runSettings);
  const [runs, setRuns] = useState(String('runs' in initial ? initial.runs : initial.precision.maxRuns));
  const [seed, setSeed] = useState(String(initial.seed));
  const [priority, setPriority] = useState<Priority>('normal');
  const [target, setTarget] = useState<'runs' | 'precision'>('runs' in initial ? 'runs' : 'precision');
  const [halfWidthPp, setHalfWidthPp] = useState('1');
  // A mistake in a field belongs to the scenario it was made on: another scenario opens without it.
  const [mistake, setFormError] = useState<{ text: string; scenarioId: string | null } | null>(null);
  const scenarioId = useApp((s) => s.scenarioId);
  const formError = mistake && mistake.scenarioId === scenarioId ? mistake.text : null;
  const { setRunSettings, simulateNow } = useApp(useShallow((s) => ({ setRunSettings: s.setRunSettings, simulateNow: s.simulateNow })));
  const ids = { runs: useId(), seed: useId(), priority: useId(), target: useId(), hw: useId() };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const runCount = Number(runs.replaceAll(',', '').trim());
    const seedValue = Number(seed.trim());
    const fail = (text: string) => {
      setFormError({ text, scenarioId });
      openAdvanced();
    };
    if (!Number.isInteger(runCount) || runCount < 1) return fail(`Runs (under Advanced) must be a whole number of at least 1, got "${runs.slice(0, 20)}".`);
    if (!Number.isInteger(seedValue) || seedValue < 0 || seedValue > 4_294_967_295) return fail(`The seed (under Advanced) must be a whole number from 0 to 4,294,967,295, got "${seed.slice(0, 20)}".`);
    const settings: RunSettingsInput = target === 'runs'
      ? { seed: seedValue, runs: runCount }
      : { seed: seedValue, precision: { halfWidth: Number(halfWidthPp) / 100, maxRuns: runCount } };
    setRunSettings(settings);
    void simulateNow(priority);
  }
  // Fixing a field clears what was said about it.
  const edited = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setFormError(null);
  };

  return (
    <form id={formId} className="rp-form" onSubmit={onSubmit} noValidate aria-label="Run settings">
      <div className="rp-field">
        <label htmlFor={ids.target}>Target</label>
        <select id={ids.target} data-testid="target-select" value={target} onChange={(e) => edited(setTarget)(e.target.value as 'runs' | 'precision')}>
          <option value="runs">Fixed runs</option>
          <option value="precision">Precision</option>
        </select>
      </div>
      {target === 'precision' && (
        <div className="rp-field">
          <label htmlFor={ids.hw}>Victory ± points</label>
          <input id={ids.hw} data-testid="precision-input" inputMode="decimal" value={halfWidthPp} onChange={(e) => edited(setHalfWidthPp)(e.target.value)} />
        </div>
      )}
      <div className="rp-field">
        <label htmlFor={ids.runs}>{target === 'runs' ? 'Runs' : 'At most runs'}</label>
        <input id={ids.runs} data-testid="runs-input" inputMode="numeric" value={runs} onChange={(e) => edited(setRuns)(e.target.value)} aria-invalid={formError?.startsWith('Runs') || undefined} />
      </div>
      <div className="rp-field">
        <label htmlFor={ids.seed}>Seed</label>
        <input id={ids.seed} data-testid="seed-input" inputMode="numeric" value={seed} onChange={(e) => edited(setSeed)(e.target.value)} aria-invalid={formError?.startsWith('The seed') || undefined} />
      </div>
      <div className="rp-field">
        <label htmlFor={ids.priority}>Priority</label>
        <select id={ids.priority} data-testid="priority-select" value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
          {PRIORITIES.map((p) => <option key={p} value={p}>{p[0].toUpperCase() + p.slice(1)}</option>)}
        </select>
      </div>
      {formError && <p role="alert" className="rp-error" data-testid="form-error">{formError}</p>}
    </form>
  );
}

/** While runs are under way: how far, how fast, how long, with pause and cancel at hand. */
function LiveProgress({ id }: { id: string }) {
  const snap = useApp((s) => s.requests[id]);
  const { pause, resume, cancel } = useApp(useShallow((s) => ({ pause: s.pause, resume: s.resume, cancel: s.cancel })));
  if (!snap) return null;
  const live = !isTerminal(snap.state);
  const canPause = live && snap.state !== 'paused' && snap.phase !== 'storing';
  return (
    <>
      {live && (
        <div className="rp-live" data-testid="live-progress">
          <Progress snap={snap} />
          <div className="rp-actions">
            {canPause && <button type="button" data-testid="pause-button" onClick={() => pause(id)}>Pause</button>}
            {snap.state === 'paused' && <button type="button" data-testid="resume-button" onClick={() => resume(id)}>Resume</button>}
            {snap.phase !== 'storing' && <button type="button" data-testid="cancel-button" className="rp-danger" onClick={() => cancel(id)}>Cancel</button>}
          </div>
        </div>
      )}
      {snap.error && <p role="alert" className="rp-error" data-testid="request-error">This simulation failed: {snap.error}</p>}
    </>
  );
}

/** The request behind the answer, for those who want the engine's view of it. */
function FocusedRequest({ id }: { id: string }) {
  const snap = useApp((s) => s.requests[id]);
  if (!snap) return null;
  return (
    <div className="rp-focus" data-testid="focused-request" data-request-id={id}>
      <div className="rp-focus-head">
        <span className={`rp-state rp-state-${snap.state}`} data-testid="request-status">{snap.state}</span>
        <span className="rp-muted">
          {snap.scenarioName} · seed {snap.seed} · {snap.priority} priority
          {snap.submissions > 1 ? ` · answers ${snap.submissions} submissions` : ''}
        </span>
      </div>
      {stateLabel(snap) !== snap.state && <p className="rp-muted rp-detail" data-testid="request-detail">{stateLabel(snap)}</p>}
      <Answer id={id} completed={snap.state === 'completed'} />
    </div>
  );
}

function Progress({ snap }: { snap: RequestSnapshot }) {
  const pct = Math.round(snap.fraction * 1000) / 10;
  const precision = snap.target.kind === 'precision';
  return (
    <div className="rp-progress">
      <div
        className="rp-bar" role="progressbar" aria-label="Runs simulated" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}
        data-testid="progress-bar"
      >
        <div className="rp-bar-fill" style={{ transform: `scaleX(${snap.fraction})` }} />
      </div>
      <dl className="rp-figures">
        <div>
          <dt>Runs</dt>
          <dd><span data-testid="runs-done">{count(snap.runsDone)}</span> / <span data-testid="runs-target">{precision && snap.state !== 'completed' ? '≈ ' : ''}{count(snap.runsTarget)}</span></dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd data-testid="runs-per-second" data-value={Math.round(snap.runsPerSecond)}>{count(snap.runsPerSecond)} runs/s</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd data-testid="time-left" data-value={snap.etaMs === null ? '' : Math.round(snap.etaMs)}>{snap.state === 'running' ? duration(snap.etaMs) : '—'}</dd>
        </div>
      </dl>
    </div>
  );
}

function Answer({ id, completed }: { id: string; completed: boolean }) {
  const aggregate = useApp((s) => s.aggregates[id]);
  const runs = aggregate?.runs ?? 0;
  if (!aggregate || runs === 0) {
    return <p className="rp-muted" data-testid="runs-completed" data-value="0">No runs finished yet.</p>;
  }
  return <Figures aggregate={aggregate} completed={completed} />;
}

/** The request's own numbers with their intervals, and its fingerprint once finished. */
function Figures({ aggregate, completed }: { aggregate: Aggregate; completed: boolean }) {
  const runs = aggregate.runs;
  const [vLo, vHi] = wilson(aggregate.dayVictory, runs);
  const [dLo, dHi] = wilson(aggregate.dayDefeat, runs);
  return (
    <div className="rp-answer">
      <p className="rp-muted rp-basis">
        Party victory {percent(aggregate.dayVictory / runs)} <span data-testid="victory-interval">(95%: {percent(vLo)} to {percent(vHi)})</span>
        {' · '}defeat <span data-testid="defeat-probability">{percent(aggregate.dayDefeat / runs)}</span> (95%: {percent(dLo)} to {percent(dHi)})
        {' · '}from <span data-testid="runs-completed" data-value={runs}>{count(runs)}</span> runs
        {completed && <> · fingerprint <code data-testid="aggregate-digest">{aggregateDigest(aggregate)}</code></>}
      </p>
    </div>
  );
}

export function RequestList({ ids, focused }: { ids: string[]; focused: string | null }) {
  return (
    <div className="rp-list-wrap">
      <h3>Requests</h3>
      <RuntimeStatsLine />
      <table className="rp-list" data-testid="request-list">
        <thead>
          <tr><th scope="col">Request</th><th scope="col">Priority</th><th scope="col">State</th><th scope="col">Runs</th><th scope="col"><span className="rp-sr">Actions</span></th></tr>
        </thead>
        <tbody>
          {[...ids].reverse().map((id) => <RequestRow key={id} id={id} focused={id === focused} />)}
        </tbody>
      </table>
    </div>
  );
}

function RequestRow({ id, focused }: { id: string; focused: boolean }) {
  const snap = useApp((s) => s.requests[id]);
  const { focus, cancel, setPriority } = useApp(useShallow((s) => ({ focus: s.focus, cancel: s.cancel, setPriority: s.setPriority })));
  if (!snap) return null;
  return (
    <tr data-testid="request-row" data-request-id={id} data-state={snap.state} data-priority={snap.priority} className={focused ? 'rp-row-focused' : ''}>
      <td>
        <button type="button" className="rp-link" data-testid="row-focus" onClick={() => focus(id)} aria-pressed={focused} title={snap.scenarioName}>
          <span className="rp-name">{snap.scenarioName}</span> <span className="rp-muted">seed {snap.seed}</span>
        </button>
      </td>
      <td className="rp-priority">
        {isTerminal(snap.state) ? snap.priority : (
          <select value={snap.priority} onChange={(e) => setPriority(id, e.target.value as Priority)} aria-label={`Priority of ${snap.scenarioName} seed ${snap.seed}`} data-testid="row-priority">
            {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        )}
      </td>
      <td data-testid="row-state" className="rp-row-state">{snap.state === 'paused' && snap.pausedBy === 'preempted' ? 'paused (overtaken)' : snap.state}</td>
      <td className="rp-num" data-testid="row-runs">{count(snap.runsDone)} / {count(snap.runsTarget)}</td>
      <td className="rp-row-actions">{!isTerminal(snap.state) && <button type="button" className="rp-small" onClick={() => cancel(id)} aria-label={`Cancel ${snap.scenarioName} seed ${snap.seed}`}>Cancel</button>}</td>
    </tr>
  );
}

function TabRoleLabel() {
  const role = useApp((s) => s.storage.role);
  if (role === 'leader') return <span data-testid="tab-role" data-value={role}>This tab runs the simulations · </span>;
  if (role === 'follower') return <span data-testid="tab-role" data-value={role}>Another open tab runs the simulations; this one shows them · </span>;
  return <span data-testid="tab-role" data-value={role}>Starting · </span>;
}

function RuntimeStatsLine() {
  const stats = useApp((s) => s.runtimeStats);
  const b = stats.byState;
  return (
    <p className="rp-muted rp-stats" data-testid="runtime-stats" data-runs-simulated={stats.runsSimulated}>
      {b.queued} queued · {b.running} running · {b.paused} paused · {b.completed} completed
      {b.failed ? ` · ${b.failed} failed` : ''}{b.cancelled ? ` · ${b.cancelled} cancelled` : ''}
      {' · '}mean wait {duration(stats.meanWaitMs)} · {count(stats.runsPerSecond)} runs/s overall
    </p>
  );
}
