// "How many can the party handle?", under each encounter of the Day screen: one enemy, a risk band
// (a preset or the DM's own thresholds, in words), this fight alone or the whole day. The search
// itself runs in the store's search slice, through the request queue at Low priority: edits are
// answered first, the answer on screen stays the scenario's, and a reload carries on from the
// search's checkpoint. The answer comes in words, each count's figures one click away, and a count
// goes into the day as one undoable edit.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  BAND_PRESETS, BandError, customBand, MEASURE_LABEL, MEASURES, PRESET_IDS, type Band, type Measure, type PresetId, type Threshold,
} from '../../scenario/analysis/bands.ts';
import { howManyMachine, type HowManyAnswer, type HowManySearchState } from '../../scenario/analysis/how-many-machine.ts';
import type { CountTrial, HowManyScope } from '../../scenario/analysis/how-many.ts';
import type { SearchRun } from '../../state/index.ts';
import { Share } from '../answer/share.tsx';
import { useApp } from '../session.ts';
// The Sweep table's styles, and the charts' text for screen readers only (.ch-sr).
import '../charts/charts.css';
import '../sweep/sweep.css';
import './search.css';

const KIND = howManyMachine.kind;

/** What each measure means, for the DM choosing thresholds. */
const MEASURE_MEANS: Record<Measure, string> = {
  victory: 'every enemy is defeated and the party is still standing',
  tpk: 'the whole party is dead or down at once: the day is lost',
  dies: 'at least one character dies (three failed death saves, or massive damage)',
  down: 'at least one character drops to 0 hit points, even if healed later',
};

const PRESET_ABOUT: Record<PresetId, string> = {
  easy: 'a scratch or two, nobody at real risk',
  medium: 'someone may go down; deaths are rare',
  hard: 'someone usually goes down; a death is possible, a wipe is not',
  deadly: 'characters die in a fair share of days',
};

const percentText = (v: number): string => `${+(v * 100).toFixed(1)}%`;

const capital = (text: string): string => text[0].toUpperCase() + text.slice(1);
const lowerFirst = (text: string): string => text[0].toLowerCase() + text.slice(1);

/** "Someone goes down in 5% to 20% of fights; someone dies in at most 1%; total party kill in at most 1%." */
export function bandInWords(band: Band, scope: HowManyScope): string {
  const unit = scope === 'day' ? 'days' : 'fights';
  // In the band's own order: its first threshold is usually the one that makes it what it is.
  const measures = [...new Set(band.thresholds.map((t) => t.measure))];
  const parts = measures.flatMap((m) => {
    const min = band.thresholds.filter((t) => t.measure === m && t.bound === 'min').map((t) => t.value);
    const max = band.thresholds.filter((t) => t.measure === m && t.bound === 'max').map((t) => t.value);
    const lo = min.length > 0 ? Math.max(...min) : null;
    const hi = max.length > 0 ? Math.min(...max) : null;
    if (lo === null && hi === null) return [];
    const edge = lo !== null && hi !== null ? `${percentText(lo)} to ${percentText(hi)}` : lo !== null ? `at least ${percentText(lo)}` : `at most ${percentText(hi!)}`;
    return [{ what: MEASURE_LABEL[m], edge }];
  });
  return `${parts.map((p, i) => `${i === 0 ? capital(p.what) : p.what} in ${p.edge}${i === 0 ? ` of ${unit}` : ''}`).join('; ')}.`;
}

export type CustomFields = Record<Measure, { min: string; max: string }>;
const EMPTY_CUSTOM: CustomFields = { victory: { min: '', max: '' }, tpk: { min: '', max: '2' }, dies: { min: '', max: '10' }, down: { min: '50', max: '' } };

/** The custom band from the fields (percentages; blank is no limit), or what is wrong with them. */
export function customFrom(fields: CustomFields): { band: Band } | { problem: string } {
  const thresholds: Threshold[] = [];
  for (const m of MEASURES) {
    for (const bound of ['min', 'max'] as const) {
      const text = fields[m][bound].trim();
      if (text === '') continue;
      const v = Number(text);
      if (!Number.isFinite(v) || v < 0 || v > 100) {
        return { problem: `"${MEASURE_LABEL[m]}", ${bound === 'min' ? 'at least' : 'at most'}: enter a percentage from 0 to 100, not "${text}".` };
      }
      thresholds.push({ measure: m, bound, value: v / 100 });
    }
  }
  if (thresholds.length === 0) return { problem: 'Give at least one limit for a band of your own.' };
  try {
    return { band: customBand(thresholds, 'your band') };
  } catch (e) {
    return { problem: e instanceof BandError ? `${e.message[0].toUpperCase()}${e.message.slice(1)}.` : String(e) };
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** The answer in words: "4 to 5 Ghouls keep this fight Hard." */
export function answerWords(a: HowManyAnswer, bandName: string): string {
  const where = a.query.scope === 'day' ? 'the day' : 'this fight';
  const name = a.enemyName;
  if (a.smallest !== null && a.largest !== null) {
    const counts = a.smallest === a.largest ? `Exactly ${a.smallest}` : `${a.smallest} to ${a.largest}`;
    return `${counts} × ${name} keep ${where} ${bandName}.`;
  }
  return `No number of ${name} from ${a.query.minCount} to ${a.query.maxCount} keeps ${where} ${bandName}: ${a.none ?? 'none is in the band'}.`;
}

const STATUS_WORDS: Record<SearchRun['status'], string> = {
  preparing: 'Preparing the search…', running: 'Searching', paused: 'Paused', stopped: 'Stopped', done: 'Answered', failed: 'Could not search',
};

export function HowManyPanel({ encounter }: { encounter: number }) {
  const ids = { enemy: useId(), scope: useId(), band: useId(), status: useId() };
  const enemies = useApp(useShallow((s) => s.validSpec?.encounters[encounter]?.enemies.map((e) => `${e.name}`) ?? []));
  const { scenarioId, validation, specText } = useApp(useShallow((s) => ({
    scenarioId: s.scenarioId, validation: s.validation.state, specText: s.validSpec ? JSON.stringify(s.validSpec) : null,
  })));
  const run = useApp((s) => s.searches[KIND] ?? null);
  const { startSearch, pauseSearch, resumeSearch, stopSearch, applyEnemyCount } = useApp(useShallow((s) => ({
    startSearch: s.startSearch, pauseSearch: s.pauseSearch, resumeSearch: s.resumeSearch, stopSearch: s.stopSearch, applyEnemyCount: s.applyEnemyCount,
  })));
  const current = useApp(useShallow((s) => {
    const id = s.searches[KIND]?.current?.id;
    const snap = id ? s.requests[id] : undefined;
    return snap ? { state: snap.state, pausedBy: snap.pausedBy, runsDone: snap.runsDone } : null;
  }));

  const [enemy, setEnemy] = useState(0);
  const [bandId, setBandId] = useState<PresetId | 'custom'>('hard');
  const [custom, setCustom] = useState<CustomFields>(EMPTY_CUSTOM);
  const [scope, setScope] = useState<HowManyScope>('encounter');
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);
  // Open once the DM opens it, or when a search of this encounter is shown (after a reload, say).
  const [openChoice, setOpen] = useState<boolean | null>(null);

  // This panel shows the search of this scenario's encounter; another encounter's panel stays quiet.
  const [askedHere, setAskedHere] = useState(false);
  const ours = run && run.scenarioId === scenarioId
    && (run.state ? (run.state as HowManySearchState).query.encounter === encounter : askedHere) ? run : null;
  const searchState = ours?.state as HowManySearchState | null;
  const answer = useMemo(() => (searchState ? howManyMachine.result(searchState) : null), [searchState]);
  const open = openChoice ?? ours !== null;

  const chosen = bandId === 'custom' ? customFrom(custom) : { band: BAND_PRESETS[bandId] };
  const working = ours?.status === 'running' || ours?.status === 'preparing';
  const blocked = validation !== 'ok'
    ? validation === 'checking' ? 'Waiting for the latest edit to be checked…' : 'The scenario has a problem to fix first.'
    : enemies.length === 0 ? 'This encounter has no enemy.' : null;
  const chosenEnemy = Math.min(enemy, Math.max(0, enemies.length - 1));

  function find(e: FormEvent) {
    e.preventDefault();
    if (blocked || !('band' in chosen)) return;
    setNote(null);
    setAskedHere(true);
    void startSearch(KIND, { encounter, enemy: chosenEnemy, band: chosen.band, scope });
  }

  async function use(count: number) {
    if (!searchState) return;
    const q = searchState.query;
    const problem = await applyEnemyCount(q.encounter, q.enemy, count);
    setNote(problem
      ? { text: `The count could not be set: ${problem}`, problem: true }
      : { text: `Encounter ${q.encounter + 1} now has ${count} × ${searchState.enemyName}; its answer is on the way. Undo puts it back.`, problem: false });
  }

  const stale = ours !== null && specText !== null && ours.baseText !== '' && ours.baseText !== specText;
  const bandName = searchState ? (searchState.query.band.id === 'custom' ? 'in your band' : searchState.query.band.name) : '';

  return (
    <details className="hm" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="how-many">
      <summary data-testid="how-many-open">How many can the party handle?</summary>
      <p className="fld-hint">
        Finds the smallest and largest number of one enemy that keep this fight (or the whole day) in a risk band, by simulating
        counts one after another (doubling, then halving the gap) and stopping each count as soon as its 95% intervals decide.
        It runs in the background at Low priority: your edits are answered first, and the answer above stays this scenario&apos;s.
      </p>
      <form className="hm-form" onSubmit={find} noValidate>
        <div className="hm-row">
          {enemies.length > 1 && (
            <div className="fld">
              <label htmlFor={ids.enemy}>Which enemy</label>
              <select id={ids.enemy} value={chosenEnemy} onChange={(e) => setEnemy(Number(e.target.value))} data-testid="how-many-enemy">
                {enemies.map((name, i) => <option key={i} value={i}>{name}</option>)}
              </select>
            </div>
          )}
          <fieldset className="hm-choice">
            <legend>Judge</legend>
            {([['encounter', 'This fight alone', 'a fresh party, as if it were the only fight'], ['day', 'The whole day', 'this fight where it falls, after the fights before it']] as const).map(([id, label, about]) => (
              <label key={id} className="hm-radio">
                <input type="radio" name={ids.scope} value={id} checked={scope === id} onChange={() => setScope(id)} data-testid={`how-many-scope-${id}`} />
                <span>{label}<span className="hm-about"> ({about})</span></span>
              </label>
            ))}
          </fieldset>
        </div>
        <fieldset className="hm-choice hm-bands">
          <legend>Risk band</legend>
          {PRESET_IDS.map((id) => (
            <label key={id} className="hm-radio">
              <input type="radio" name={ids.band} value={id} checked={bandId === id} onChange={() => setBandId(id)} data-testid={`how-many-band-${id}`} />
              <span><strong>{BAND_PRESETS[id].name}</strong>: {PRESET_ABOUT[id]}.</span>
            </label>
          ))}
          <label className="hm-radio">
            <input type="radio" name={ids.band} value="custom" checked={bandId === 'custom'} onChange={() => setBandId('custom')} data-testid="how-many-band-custom" />
            <span><strong>Your own</strong>: limits on any of the four measures below.</span>
          </label>
          {bandId === 'custom' && <CustomBand fields={custom} onChange={setCustom} scope={scope} />}
          {'problem' in chosen
            ? <p className="fld-problem" role="status" data-testid="how-many-band-problem">{chosen.problem}</p>
            : <p className="fld-hint hm-band-words" data-testid="how-many-band-words">In the band: {lowerFirst(bandInWords(chosen.band, scope))}</p>}
        </fieldset>
        <div className="hm-buttons">
          <button type="submit" className="btn-small btn-primary" disabled={!!blocked || !('band' in chosen)} data-testid="how-many-run" aria-describedby={ids.status}>
            {working ? 'Start again' : 'Find how many'}
          </button>
          {ours && (ours.status === 'running' || ours.status === 'paused') && (
            <button type="button" className="btn-small" data-testid="how-many-pause"
              onClick={() => (ours.status === 'paused' ? void resumeSearch(KIND) : pauseSearch(KIND))}>
              {ours.status === 'paused' ? 'Continue' : 'Pause'}
            </button>
          )}
          {ours && ours.status === 'stopped' && !stale && (
            <button type="button" className="btn-small" data-testid="how-many-continue" onClick={() => void resumeSearch(KIND)}>Continue</button>
          )}
          {ours && (ours.status === 'running' || ours.status === 'paused' || ours.status === 'preparing') && (
            <button type="button" className="btn-small btn-danger" data-testid="how-many-stop" onClick={() => stopSearch(KIND)}>Stop</button>
          )}
        </div>
        <p id={ids.status} className="fld-hint hm-status" role="status" aria-live="polite">{blocked ?? ''}</p>
      </form>

      {ours && (
        <Progress run={ours} current={current} />
      )}
      {ours?.problem && <p className="fld-problem" role="alert" data-testid="how-many-problem">{ours.problem}</p>}

      {ours && answer && searchState && (
        <div className="hm-answer" data-testid="how-many-result" data-status={ours.status}>
          {ours.status === 'done'
            ? <p className="hm-words" data-testid="how-many-answer" data-smallest={answer.smallest ?? ''} data-largest={answer.largest ?? ''}>{answerWords(answer, bandName)}</p>
            : <p className="fld-hint">The answer so far rests on {plural(answer.trials.length, 'count')}; it comes when the search ends.</p>}
          <p className="fld-hint">
            {searchState.enemyName} in encounter {searchState.query.encounter + 1}, {searchState.query.scope === 'day' ? 'the whole day' : 'this fight alone'};{' '}
            {searchState.query.band.id === 'custom' ? 'your band' : `band ${searchState.query.band.name}`}: {bandInWords(searchState.query.band, searchState.query.scope)}
          </p>
          {stale && <p className="fld-hint hm-stale" data-testid="how-many-stale">The scenario has changed since this search; run it again to search the new version.</p>}
          {ours.status === 'done' && answer.undecided.length > 0 && (
            <p className="fld-hint">
              At {answer.undecided.join(' and ')} the 95% intervals still straddled an edge after the most runs a count gets; the answer there rests on the estimate.
            </p>
          )}
          {answer.contradictions.length > 0 && (
            <p className="fld-hint">Risk did not always rise with the count: {answer.contradictions.join('; ')}.</p>
          )}
          {ours.status === 'done' && answer.smallest !== null && answer.largest !== null && !stale && (
            <div className="hm-use">
              {range(answer.smallest, answer.largest).map((n) => (
                <button key={n} type="button" className="btn-small" data-testid="how-many-use" data-count={n} disabled={validation !== 'ok'}
                  aria-label={`Use this count: ${n} × ${searchState.enemyName}`} onClick={() => void use(n)}>
                  Use {n}
                </button>
              ))}
            </div>
          )}
          {note && <p className={note.problem ? 'fld-problem' : 'fld-hint'} role="status" data-testid="how-many-note">{note.text}</p>}
          <Trials trials={answer.trials} answer={answer} />
        </div>
      )}
    </details>
  );
}

/** The counts to offer: every count of the answer, or its two ends when there are many. */
const range = (lo: number, hi: number): number[] => (hi - lo > 4 ? [lo, hi] : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));

function CustomBand({ fields, onChange, scope }: { fields: CustomFields; onChange: (f: CustomFields) => void; scope: HowManyScope }) {
  const base = useId();
  return (
    <div className="hm-custom" data-testid="how-many-custom">
      <p className="fld-hint">Percentages of {scope === 'day' ? 'days' : 'fights'}; leave a box empty for no limit.</p>
      {MEASURES.map((m) => (
        <div key={m} className="hm-measure">
          <p className="hm-measure-name"><strong>{capital(MEASURE_LABEL[m])}</strong><span className="hm-about">: {MEASURE_MEANS[m]}</span></p>
          {(['min', 'max'] as const).map((bound) => (
            <div key={bound} className="fld">
              <label htmlFor={`${base}-${m}-${bound}`}>{bound === 'min' ? 'At least (%)' : 'At most (%)'}</label>
              <input id={`${base}-${m}-${bound}`} type="number" inputMode="decimal" min={0} max={100} step="any" value={fields[m][bound]}
                data-testid={`how-many-${m}-${bound}`} onChange={(e) => onChange({ ...fields, [m]: { ...fields[m], [bound]: e.target.value } })} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function Progress({ run, current }: { run: SearchRun; current: { state: string; pausedBy: string | null; runsDone: number } | null }) {
  const p = run.progress;
  const rate = run.simulatedMs > 0 ? run.runsSimulated / run.simulatedMs : null;
  const left = run.status === 'running' && p.runsLeft !== null && rate ? `about ${seconds(Math.max(0, p.runsLeft) / rate)} left` : null;
  const doing = run.current
    ? current?.state === 'paused'
      ? current.pausedBy === 'preempted' ? `${run.current.label}: waiting while your edit is answered` : `${run.current.label}: paused`
      : current?.state === 'queued' || !current ? `${run.current.label}: waiting in the queue`
        : `${run.current.label}: ${current.runsDone.toLocaleString('en-US')} runs done`
    : null;
  const parts = [
    `${STATUS_WORDS[run.status]}: ${p.words}`,
    `${p.runsDone.toLocaleString('en-US')} runs recorded`,
    ...(doing && run.status !== 'done' ? [doing] : []),
    ...(left ? [left] : []),
  ];
  const visit = run.asked > 0
    ? `${plural(run.asked, 'evaluation')} asked for in this visit, ${run.fromStore} answered from stored results, ${run.runsSimulated.toLocaleString('en-US')} runs simulated`
    : null;
  return (
    <div className="hm-progress" data-testid="how-many-progress" data-status={run.status} data-tried={p.tried} data-evaluations={p.evaluations} data-resumed-at={run.resumedAt} data-resumed-evaluations={run.resumedEvaluations}
      data-asked={run.asked} data-from-store={run.fromStore} data-elapsed-ms={Math.round(run.elapsedMs)} data-restored={run.restored ? 'true' : 'false'}>
      <p className="hm-status-line" role="status" aria-live="polite" data-testid="how-many-status">{parts.join('; ')}.</p>
      {run.restored && run.resumedAt > 0 && (
        <p className="fld-hint" data-testid="how-many-restored">Carried on from where this device kept it: {plural(run.resumedAt, 'count')} already tried.</p>
      )}
      {run.status === 'done' && (
        <p className="fld-hint" data-testid="how-many-timing">
          Answered in {seconds(run.elapsedMs)}{visit ? `: ${visit}` : ''}.
        </p>
      )}
    </div>
  );
}

function Trials({ trials, answer }: { trials: CountTrial[]; answer: HowManyAnswer }) {
  const sorted = [...trials].sort((a, b) => a.count - b.count);
  if (sorted.length === 0) return null;
  const where = (t: CountTrial) => {
    const pos = t.position === 'undecided' ? t.pointPosition : t.position;
    const text = pos === 'in' ? 'In the band' : pos === 'below' ? 'Too safe' : pos === 'above' ? 'Too dangerous' : 'Too safe one way, too dangerous another';
    return t.position === 'undecided' ? `${text} (by the estimate; the intervals did not decide)` : t.done ? text : `${text}, so far`;
  };
  return (
    <details className="hm-trials" data-testid="how-many-trials">
      <summary>Each count tried, with its 95% intervals</summary>
      <div className="sw-table-wrap" tabIndex={0} role="region" aria-label={`Counts of ${answer.enemyName} tried`}>
        <table className="sw-table">
          <caption className="ch-sr">Each count of {answer.enemyName} tried: the share of runs with each outcome and its 95% interval</caption>
          <thead>
            <tr>
              <th scope="col">Count</th>
              <th scope="col">The party wins</th>
              <th scope="col">Total party kill</th>
              <th scope="col">Someone dies</th>
              <th scope="col">Someone goes down</th>
              <th scope="col">Runs</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((t) => (
              <tr key={t.count} data-testid="how-many-trial" data-count={t.count} data-runs={t.runs}>
                <th scope="row" className="sw-value"><span className="sw-cell-label" aria-hidden="true">Count </span>{t.count}</th>
                {MEASURES.map((m) => <td key={m} data-label={MEASURE_LABEL[m]}><Share count={t.counts[m]} runs={t.runs} /></td>)}
                <td data-label="Runs">{t.runs.toLocaleString('en-US')}</td>
                <td className="sw-state" data-label="Verdict">{where(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
