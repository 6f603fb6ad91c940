// "How many can the party handle?", under each encounter of the Day screen: one enemy, a risk band
// (a preset or the DM's own thresholds, in words), this fight alone or the whole day. The search
// itself runs in the store's search slice, through the request queue at Low priority: edits are
// answered first, the answer on screen stays the scenario's, and a reload carries on from the
// search's checkpoint. The answer comes in words, each count's figures one click away, and a count
// goes into the day as one undoable edit.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MEASURE_LABEL, MEASURES } from '../../scenario/analysis/bands.ts';
import { howManyMachine, type HowManyAnswer, type HowManySearchState } from '../../scenario/analysis/how-many-machine.ts';
import type { CountTrial, HowManyScope } from '../../scenario/analysis/how-many.ts';
import { Share } from '../answer/share.tsx';
import { useApp } from '../session.ts';
import {
  BandChooser, bandInWords, chosenBand, EMPTY_CUSTOM, plural, ScopeChooser, SearchButtons, SearchProgressLine, type BandChoice, type CustomFields,
} from './search-parts.tsx';
// The Sweep table's styles, and the charts' text for screen readers only (.ch-sr).
import '../charts/charts.css';
import '../sweep/sweep.css';

const KIND = howManyMachine.kind;

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

export function HowManyPanel({ encounter }: { encounter: number }) {
  const ids = { enemy: useId(), status: useId() };
  const enemies = useApp(useShallow((s) => s.validSpec?.encounters[encounter]?.enemies.map((e) => `${e.name}`) ?? []));
  const { scenarioId, validation, specText } = useApp(useShallow((s) => ({
    scenarioId: s.scenarioId, validation: s.validation.state, specText: s.validSpec ? JSON.stringify(s.validSpec) : null,
  })));
  const run = useApp((s) => s.searches[KIND] ?? null);
  const { startSearch, applyEnemyCount } = useApp(useShallow((s) => ({ startSearch: s.startSearch, applyEnemyCount: s.applyEnemyCount })));

  const [enemy, setEnemy] = useState(0);
  const [bandId, setBandId] = useState<BandChoice>('hard');
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

  const chosen = chosenBand(bandId, custom);
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
          <ScopeChooser prefix="how-many" scope={scope} onScope={setScope} />
        </div>
        <BandChooser prefix="how-many" bandId={bandId} onBand={setBandId} custom={custom} onCustom={setCustom} scope={scope} />
        <div className="hm-buttons">
          <button type="submit" className="btn-small btn-primary" disabled={!!blocked || !('band' in chosen)} data-testid="how-many-run" aria-describedby={ids.status}>
            {working ? 'Start again' : 'Find how many'}
          </button>
          <SearchButtons kind={KIND} run={ours} prefix="how-many" stale={stale} />
        </div>
        <p id={ids.status} className="fld-hint hm-status" role="status" aria-live="polite">{blocked ?? ''}</p>
      </form>

      {ours && (
        <SearchProgressLine run={ours} prefix="how-many" noun="count" />
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
