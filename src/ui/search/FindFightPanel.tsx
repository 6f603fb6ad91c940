// "Find a fight", at the end of the Day screen: fights drawn from the SRD bestiaries (challenge
// rating, creature types, bestiary, named monsters, how many kinds and how many of each) whose
// simulated risk is in a band, for an encounter of the day (its enemies replaced) or a new one at the
// end. The search is scenario/analysis/find-encounter.ts run as a machine by the store's search
// slice, through the request queue at Low priority: edits come first, the answer on screen stays
// the scenario's, a reload carries on from the checkpoint. The proposals come ranked, each in words
// with its XP difficulty under both editions and its intervals one click away, and one goes into the
// day as one undoable edit.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MEASURE_LABEL, MEASURES, type Band, type Measure } from '../../scenario/analysis/bands.ts';
import { poolFrom, PoolError, type Bestiary, type PoolEdition, type PoolFilter, type PoolMonster } from '../../scenario/analysis/encounter-pool.ts';
import { findEncounterMachine, type FindEncounterAnswer, type FindEncounterSearchState } from '../../scenario/analysis/find-encounter-machine.ts';
import { MAX_POOL, type CandidateTrial, type FindEncounterQuery, type Proposal } from '../../scenario/analysis/find-encounter.ts';
import type { HowManyScope } from '../../scenario/analysis/how-many.ts';
import { newUid, uniqueName, type DraftEncounter, type Edition } from '../../state/index.ts';
import { Share } from '../answer/share.tsx';
import { CR_STEPS, crText, enemyFrom, loadBestiary, SRD_OF, useBestiary } from '../editor/bestiaries.ts';
import { useApp } from '../session.ts';
import {
  BandChooser, capital, chosenBand, EMPTY_CUSTOM, percentText, plural, ScopeChooser, SearchButtons, SearchProgressLine, type BandChoice, type CustomFields,
} from './search-parts.tsx';
import '../charts/charts.css';
import '../sweep/sweep.css';

const KIND = findEncounterMachine.kind;
const PREFIX = 'find-fight';

type BookChoice = 'scenario' | PoolEdition;

/** How much the search may try: the candidate and run budgets of find-encounter.ts. */
const EFFORTS = {
  quick: { label: 'Quick', maxCandidates: 30, maxRuns: 20_000, about: 'up to 30 candidates, about 20,000 runs' },
  standard: { label: 'Standard', maxCandidates: 100, maxRuns: 60_000, about: 'up to 100 candidates, about 60,000 runs (as the command line)' },
  thorough: { label: 'Thorough', maxCandidates: 250, maxRuns: 150_000, about: 'up to 250 candidates, about 150,000 runs' },
} as const;
type Effort = keyof typeof EFFORTS;

interface PoolForm {
  book: BookChoice;
  crMin: string;
  crMax: string;
  types: string[];
  names: string;
}

const BOOK_OF_SOURCE: Record<string, Edition> = { 'SRD 5.1': '2014', 'SRD 5.2': '2024' };

/** The pool's filters in words: "undead of CR 1/4 to 3 from the SRD 5.1". */
export function poolInWords(f: PoolFilter, books: string): string {
  const what = f.types.length > 0 ? f.types.join(' or ') : 'monsters';
  const cr = f.crMin !== null && f.crMax !== null
    ? f.crMin === f.crMax ? ` of CR ${crText(f.crMin)}` : ` of CR ${crText(f.crMin)} to ${crText(f.crMax)}`
    : f.crMin !== null ? ` of CR ${crText(f.crMin)} or more` : f.crMax !== null ? ` of CR ${crText(f.crMax)} or less` : '';
  const named = f.names.length > 0 ? ` named ${f.names.join(', ')}` : '';
  return `${what}${cr}${named} from the ${books}`;
}

/** The filter of the form, or what is wrong with it. */
export function filterFrom(form: PoolForm): { filter: PoolFilter } | { problem: string } {
  const crMin = form.crMin === '' ? null : Number(form.crMin);
  const crMax = form.crMax === '' ? null : Number(form.crMax);
  if (crMin !== null && crMax !== null && crMin > crMax) return { problem: `CR from ${crText(crMin)} is above CR to ${crText(crMax)}.` };
  const names = form.names.split(',').map((n) => n.trim()).filter(Boolean);
  return { filter: { crMin, crMax, types: form.types, names, edition: form.book === 'scenario' ? null : form.book } };
}

/** "Someone goes down in 62%, someone dies in 4%": the measures the band speaks of, in its order. */
export function proposalWords(p: Proposal, band: Band, bandName: string): string {
  const measures = [...new Set(band.thresholds.map((t) => t.measure))];
  const figures = measures.map((m) => `${MEASURE_LABEL[m]} in ${percentText(p.measures[m].p)}`);
  return `${p.label}: ${bandName} — ${figures.join(', ')}.`;
}

const DIFFICULTY_2024: Record<string, string> = { low: 'Low', moderate: 'Moderate', high: 'High', 'beyond high': 'Beyond High' };

/** "XP: Deadly by the 2014 rules (1,150 adjusted XP), High by the 2024 rules (700 XP)." */
export function xpWords(p: Proposal): string {
  if (!p.xp) return 'XP difficulty: no character has a level, so the XP tables cannot rate it.';
  const { r2014, r2024 } = p.xp;
  return `XP difficulty: ${capital(r2014.difficulty)} by the 2014 tables (${r2014.adjustedXp.toLocaleString('en-US')} adjusted XP), `
    + `${DIFFICULTY_2024[r2024.difficulty] ?? r2024.difficulty} by the 2024 tables (${r2024.totalXp.toLocaleString('en-US')} XP).`;
}

/** What the search tried, honestly: every count of it in words. */
export function triedWords(a: FindEncounterAnswer): string {
  const t = a.tried;
  const mixes = a.query.kinds < 2 ? ''
    : a.mixesPlanned ? ` and ${plural(t.evaluatedMixed, 'mix', 'mixes')} of the ${t.generatedMixed.toLocaleString('en-US')} that each monster's count alone proposed`
      : ', and no mix yet: mixes are sized once every monster has been tried alone';
  return `Tried ${plural(t.evaluatedSingle, 'single-kind fight')} (of ${t.generatedSingle.toLocaleString('en-US')} within the limits; the count search brackets the rest)${mixes}. `
    + `Of these ${plural(t.evaluated, 'candidate')}, the 95% intervals put ${t.inBand} in the band and ${t.out} out of it, and left ${t.undecided} undecided; `
    + `${t.refined} got more runs than the first 250. ${t.runs.toLocaleString('en-US')} runs recorded.`
    + (t.stoppedBy ? ` Stopped by its budget of ${t.stoppedBy === 'runs' ? 'runs' : 'candidates'}: more could have been tried (choose more effort).` : ' It ran to its end within its budget.');
}

export function FindFightPanel() {
  const ids = { target: useId(), status: useId(), book: useId(), crMin: useId(), crMax: useId(), names: useId(), kinds: useId(), perKind: useId(), total: useId(), effort: useId() };
  const encounters = useApp(useShallow((s) => s.validSpec?.encounters.map((e) => e.name) ?? []));
  const { scenarioId, validation, specText, scenarioEdition } = useApp(useShallow((s) => ({
    scenarioId: s.scenarioId, validation: s.validation.state, specText: s.validSpec ? JSON.stringify(s.validSpec) : null,
    scenarioEdition: (s.validSpec?.rules.edition ?? '2014') as Edition,
  })));
  const run = useApp((s) => s.searches[KIND] ?? null);
  const { startSearch, edit } = useApp(useShallow((s) => ({ startSearch: s.startSearch, edit: s.edit })));

  const [target, setTarget] = useState<number | null>(null);
  const [scope, setScope] = useState<HowManyScope>('encounter');
  const [bandId, setBandId] = useState<BandChoice>('hard');
  const [custom, setCustom] = useState<CustomFields>(EMPTY_CUSTOM);
  const [form, setForm] = useState<PoolForm>({ book: 'scenario', crMin: '', crMax: '', types: [], names: '' });
  const [limits, setLimits] = useState({ kinds: '2', maxPerKind: '10', maxTotal: '12' });
  const [effort, setEffort] = useState<Effort>('standard');
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);
  const [openChoice, setOpen] = useState<boolean | null>(null);

  const ours = run && run.scenarioId === scenarioId ? run : null;
  const searchState = ours?.state as FindEncounterSearchState | null;
  const answer = useMemo(() => (searchState ? findEncounterMachine.result(searchState) : null), [searchState]);
  const open = openChoice ?? ours !== null;

  const chosen = chosenBand(bandId, custom);
  const encounter = target === null || target > encounters.length ? encounters.length : target;
  const working = ours?.status === 'running' || ours?.status === 'preparing';
  const stale = ours !== null && specText !== null && ours.baseText !== '' && ours.baseText !== specText;

  // The bestiaries load when the panel opens: the scenario's own, or the one (or both) chosen.
  const edition: PoolEdition = form.book === 'scenario' ? scenarioEdition : form.book;
  const first: Edition = edition === 'both' ? '2014' : edition;
  const a = useBestiary(open ? first : scenarioEdition);
  const b = useBestiary(open && edition === 'both' ? '2024' : first);
  const books = useMemo((): Bestiary[] | null => {
    if (!open || !a.compendium || (edition === 'both' && !b.compendium)) return null;
    return edition === 'both'
      ? [{ source: 'SRD 5.1', edition: '2014', compendium: a.compendium }, { source: 'SRD 5.2', edition: '2024', compendium: b.compendium! }]
      : [{ source: SRD_OF[first], edition: first, compendium: a.compendium }];
  }, [open, a.compendium, b.compendium, edition, first]);
  const bookError = a.error ?? (edition === 'both' ? b.error : null);
  const types = useMemo(() => [...new Set((books ?? []).flatMap((x) => x.compendium.types.map((t) => t.toLowerCase())))].sort(), [books]);
  const pool = useMemo((): { monsters: PoolMonster[]; words: string } | { problem: string } | null => {
    if (!books) return null;
    // A type ticked in the other bestiary that this one lacks filters nothing.
    const filterOrProblem = filterFrom({ ...form, types: form.types.filter((t) => types.includes(t)) });
    if ('problem' in filterOrProblem) return filterOrProblem;
    try {
      const monsters = poolFrom(books, filterOrProblem.filter, scenarioEdition);
      if (monsters.length > MAX_POOL) return { problem: `${monsters.length} monsters match; narrow the filters to ${MAX_POOL} or fewer (a higher lowest CR, fewer types, or names).` };
      return { monsters, words: poolInWords(filterOrProblem.filter, books.map((x) => x.source).join(' and ')) };
    } catch (e) {
      if (e instanceof PoolError) return { problem: `No monster to draw from: ${e.message}${e.message.endsWith('?') ? '' : '.'}` };
      throw e;
    }
  }, [books, form, types, scenarioEdition]);

  const limitProblem = (['kinds', 'maxPerKind', 'maxTotal'] as const).map((k) => {
    const v = Number(limits[k]);
    const name = k === 'kinds' ? 'Kinds of monster' : k === 'maxPerKind' ? 'Most of one kind' : 'Most in all';
    return Number.isInteger(v) && v >= 1 && v <= (k === 'kinds' ? 4 : 40) ? null : `${name}: enter a whole number from 1 to ${k === 'kinds' ? 4 : 40}, not "${limits[k]}".`;
  }).find(Boolean) ?? null;

  const blocked = validation !== 'ok'
    ? validation === 'checking' ? 'Waiting for the latest edit to be checked…' : 'The scenario has a problem to fix first.'
    : bookError ? `The bestiary could not be loaded: ${bookError}`
      : !pool ? 'Loading the bestiary…' : 'problem' in pool ? pool.problem : limitProblem;

  function find(e: FormEvent) {
    e.preventDefault();
    if (blocked || !('band' in chosen) || !pool || 'problem' in pool) return;
    setNote(null);
    const budget = EFFORTS[effort];
    void startSearch(KIND, {
      encounter, scope, band: chosen.band, pool: pool.monsters, poolWords: pool.words,
      kinds: Number(limits.kinds), maxPerKind: Number(limits.maxPerKind), maxTotal: Number(limits.maxTotal),
      maxCandidates: budget.maxCandidates, maxRuns: budget.maxRuns,
    });
  }

  /** Puts the proposal into the day as one edit: a new last fight, or the enemies of the searched fight replaced. */
  async function add(p: Proposal, q: FindEncounterQuery, how: 'new' | 'replace') {
    try {
      const enemies = await Promise.all(p.monsters.map(async (m) => {
        const ed = BOOK_OF_SOURCE[m.source];
        const entry = ed ? (await loadBestiary(ed)).byId(m.id) : undefined;
        if (!ed || !entry) throw new Error(`${m.name} is no longer in the ${m.source} bestiary`);
        return { m, enemy: enemyFrom(entry, m.count, m.id, ed) };
      }));
      let said = '';
      edit((d) => {
        const taken: string[] = [];
        const list = enemies.map(({ m, enemy }) => {
          const name = uniqueName(m.name, taken);
          taken.push(name);
          return { ...enemy, creature: { ...enemy.creature, name } };
        });
        if (how === 'replace' && d.encounters[q.encounter]) {
          said = `Encounter ${q.encounter + 1}, "${d.encounters[q.encounter].name}", now fights ${p.label}; its answer is on the way. Undo puts its enemies back.`;
          return { ...d, encounters: d.encounters.map((x, i) => (i === q.encounter ? { ...x, enemies: list } : x)) };
        }
        const fight: DraftEncounter = {
          uid: newUid('e'), name: uniqueName(p.label, d.encounters.map((x) => x.name)), shortRestBefore: false, surprise: 'none', enemies: list,
        };
        said = `Encounter ${d.encounters.length + 1}, "${fight.name}", is now the last fight of the day; its answer is on the way. Undo takes it away.`;
        return { ...d, encounters: [...d.encounters, fight] };
      });
      setNote({ text: said, problem: false });
    } catch (e) {
      setNote({ text: `The fight could not be added: ${e instanceof Error ? e.message : String(e)}.`, problem: true });
    }
  }

  const q = searchState?.query ?? null;
  // Whether the search replaced a fight's enemies or added a fight: from the day it searched.
  const baseText = ours?.baseText ?? '';
  const searchedFights = useMemo(() => (baseText ? (JSON.parse(baseText) as { encounters: unknown[] }).encounters.length : 0), [baseText]);
  const replaces = q !== null && q.encounter < searchedFights && q.encounter < encounters.length;
  const bandName = q ? (q.band.id === 'custom' ? 'in your band' : q.band.name) : '';
  const setLimit = (k: keyof typeof limits) => (e: { target: { value: string } }) => setLimits({ ...limits, [k]: e.target.value });

  return (
    <details className="hm ff" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid={PREFIX}>
      <summary data-testid={`${PREFIX}-open`}>Find a fight</summary>
      <p className="fld-hint">
        Proposes fights drawn from the SRD bestiaries whose simulated risk is in a band: each monster alone first (how many of it
        fit), then mixes of them sized by that, each screened by 250 runs, and the ones in the band given more runs until
        their 95% intervals decide. It runs in the background at Low priority: your edits are answered first, and the answer above
        stays this scenario&apos;s.
      </p>
      {open && (
        <form className="hm-form" onSubmit={find} noValidate>
          <div className="hm-row">
            <div className="fld ff-target">
              <label htmlFor={ids.target}>For</label>
              <select id={ids.target} value={encounter} onChange={(e) => setTarget(Number(e.target.value))} data-testid={`${PREFIX}-target`}>
                {encounters.map((name, i) => <option key={i} value={i}>Encounter {i + 1}, {name} (replace its enemies)</option>)}
                <option value={encounters.length}>A new fight at the end of the day</option>
              </select>
            </div>
            <ScopeChooser prefix={PREFIX} scope={scope} onScope={setScope} />
          </div>
          <fieldset className="hm-choice ff-pool">
            <legend>Monsters to draw from</legend>
            <div className="hm-row">
              <div className="fld">
                <label htmlFor={ids.book}>Bestiary</label>
                <select id={ids.book} value={form.book} onChange={(e) => setForm({ ...form, book: e.target.value as BookChoice })} data-testid={`${PREFIX}-book`}>
                  <option value="scenario">This scenario&apos;s ({SRD_OF[scenarioEdition]})</option>
                  <option value="2014">SRD 5.1 (2014)</option>
                  <option value="2024">SRD 5.2 (2024)</option>
                  <option value="both">Both</option>
                </select>
              </div>
              <div className="fld ff-cr">
                <label htmlFor={ids.crMin}>CR from</label>
                <select id={ids.crMin} value={form.crMin} onChange={(e) => setForm({ ...form, crMin: e.target.value })} data-testid={`${PREFIX}-cr-min`}>
                  <option value="">any</option>
                  {CR_STEPS.map((c) => <option key={c} value={c}>{crText(c)}</option>)}
                </select>
              </div>
              <div className="fld ff-cr">
                <label htmlFor={ids.crMax}>CR to</label>
                <select id={ids.crMax} value={form.crMax} onChange={(e) => setForm({ ...form, crMax: e.target.value })} data-testid={`${PREFIX}-cr-max`}>
                  <option value="">any</option>
                  {CR_STEPS.map((c) => <option key={c} value={c}>{crText(c)}</option>)}
                </select>
              </div>
            </div>
            <fieldset className="hm-choice">
              <legend>Creature types (none ticked: any)</legend>
              <div className="ff-types">
                {types.map((t) => (
                  <label key={t} className="hm-radio">
                    <input type="checkbox" checked={form.types.includes(t)} data-testid={`${PREFIX}-type-${t.replace(/\W+/g, '-')}`}
                      onChange={(e) => setForm({ ...form, types: e.target.checked ? [...form.types, t] : form.types.filter((x) => x !== t) })} />
                    <span>{capital(t)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="fld">
              <label htmlFor={ids.names}>Only these monsters (optional, separated by commas)</label>
              <input id={ids.names} value={form.names} placeholder="e.g. ghoul, ghast, wight" onChange={(e) => setForm({ ...form, names: e.target.value })} data-testid={`${PREFIX}-names`} />
            </div>
            {pool && ('problem' in pool
              ? <p className="fld-problem" role="status" data-testid={`${PREFIX}-pool-problem`}>{pool.problem}</p>
              : <p className="fld-hint" data-testid={`${PREFIX}-pool`} data-size={pool.monsters.length}>
                {capital(pool.words)}: {plural(pool.monsters.length, 'monster')} ({pool.monsters.map((m) => `${m.name}, CR ${m.crText}`).join('; ')}).
              </p>)}
          </fieldset>
          <div className="hm-row ff-limits">
            <div className="fld">
              <label htmlFor={ids.kinds}>Kinds of monster, at most</label>
              <select id={ids.kinds} value={limits.kinds} onChange={setLimit('kinds')} data-testid={`${PREFIX}-kinds`}>
                {[1, 2, 3, 4].map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </div>
            <div className="fld">
              <label htmlFor={ids.perKind}>Most of one kind</label>
              <input id={ids.perKind} type="number" inputMode="numeric" min={1} max={40} value={limits.maxPerKind} onChange={setLimit('maxPerKind')} data-testid={`${PREFIX}-max-per-kind`} />
            </div>
            <div className="fld">
              <label htmlFor={ids.total}>Most in all</label>
              <input id={ids.total} type="number" inputMode="numeric" min={1} max={40} value={limits.maxTotal} onChange={setLimit('maxTotal')} data-testid={`${PREFIX}-max-total`} />
            </div>
            <div className="fld">
              <label htmlFor={ids.effort}>Effort</label>
              <select id={ids.effort} value={effort} onChange={(e) => setEffort(e.target.value as Effort)} data-testid={`${PREFIX}-effort`} aria-describedby={`${ids.effort}-about`}>
                {(Object.keys(EFFORTS) as Effort[]).map((k) => <option key={k} value={k}>{EFFORTS[k].label}</option>)}
              </select>
              <span id={`${ids.effort}-about`} className="fld-hint">{EFFORTS[effort].about}</span>
            </div>
          </div>
          <BandChooser prefix={PREFIX} bandId={bandId} onBand={setBandId} custom={custom} onCustom={setCustom} scope={scope} />
          <div className="hm-buttons">
            <button type="submit" className="btn-small btn-primary" disabled={!!blocked || !('band' in chosen)} data-testid={`${PREFIX}-run`} aria-describedby={ids.status}>
              {working ? 'Start again' : 'Find fights'}
            </button>
            <SearchButtons kind={KIND} run={ours} prefix={PREFIX} stale={stale} />
          </div>
          <p id={ids.status} className="fld-hint hm-status" role="status" aria-live="polite">{blocked && !(pool && 'problem' in pool) ? blocked : ''}</p>
        </form>
      )}

      {ours && <SearchProgressLine run={ours} prefix={PREFIX} noun="candidate" />}
      {ours?.problem && <p className="fld-problem" role="alert" data-testid={`${PREFIX}-problem`}>{ours.problem}</p>}

      {ours && answer && q && (
        <div className="hm-answer" data-testid={`${PREFIX}-result`} data-status={ours.status}>
          <p className="fld-hint">
            {replaces ? `For encounter ${q.encounter + 1}, its enemies replaced` : 'For a new fight at the end of the day'},{' '}
            {q.scope === 'day' ? 'judged over the whole day' : 'judged alone'}; {q.band.id === 'custom' ? 'your band' : `band ${q.band.name}`}; {answer.poolWords}.
          </p>
          {stale && <p className="fld-hint hm-stale" data-testid={`${PREFIX}-stale`}>The scenario has changed since this search; its figures are for the day as it was.</p>}
          <p className="fld-hint" data-testid={`${PREFIX}-tried`}>{ours.status === 'done' ? triedWords(answer) : `So far: ${triedWords(answer)}`}</p>
          {ours.status === 'done' && answer.proposals.length === 0 && (
            <p className="hm-words" data-testid={`${PREFIX}-none`}>No fight from this pool was put in the band by its intervals{answer.nearMisses.length > 0 ? '; the undecided ones closest to it are below' : ''}.</p>
          )}
          {answer.proposals.length > 0 && (
            <ol className="ff-list" aria-label="Proposed fights, most central in the band first">
              {answer.proposals.map((p) => (
                <ProposalItem key={p.key} p={p} answer={answer} bandName={bandName} canReplace={replaces} disabled={validation !== 'ok'} onAdd={(how) => void add(p, q, how)} />
              ))}
            </ol>
          )}
          {note && <p className={note.problem ? 'fld-problem' : 'fld-hint'} role="status" data-testid={`${PREFIX}-note`}>{note.text}</p>}
          {answer.nearMisses.length > 0 && (
            <details className="hm-trials" data-testid={`${PREFIX}-near`}>
              <summary>{plural(answer.nearMisses.length, 'fight')} left undecided at the most runs, estimates in the band</summary>
              <ol className="ff-list">
                {answer.nearMisses.map((p) => (
                  <ProposalItem key={p.key} p={p} answer={answer} bandName={`${bandName} by the estimate`} canReplace={replaces} disabled={validation !== 'ok'} onAdd={(how) => void add(p, q, how)} />
                ))}
              </ol>
            </details>
          )}
          {answer.singles.length > 0 && (
            <details className="hm-trials">
              <summary>Each monster alone</summary>
              <ul className="ff-singles">
                {answer.singles.map((s, i) => (
                  <li key={i}>{s.monster}: {s.smallest !== null && s.largest !== null ? (s.smallest === s.largest ? `${s.smallest} in the band` : `${s.smallest} to ${s.largest} in the band`) : (s.none ?? 'none in the band')}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </details>
  );
}

function ProposalItem({ p, answer, bandName, canReplace, disabled, onAdd }: {
  p: Proposal; answer: FindEncounterAnswer; bandName: string; canReplace: boolean; disabled: boolean; onAdd: (how: 'new' | 'replace') => void;
}) {
  const trial: CandidateTrial | undefined = answer.trials.find((t) => t.key === p.key);
  const q = answer.query;
  return (
    <li className="ff-proposal" data-testid={`${PREFIX}-proposal`} data-key={p.key} data-label={p.label}>
      <p className="ff-words">{proposalWords(p, q.band, bandName)}</p>
      <p className="fld-hint">{xpWords(p)} {plural(p.runs, 'run')}.</p>
      <div className="hm-use">
        {canReplace && (
          <button type="button" className="btn-small btn-primary" disabled={disabled} data-testid={`${PREFIX}-replace`} onClick={() => onAdd('replace')}>
            Replace encounter {q.encounter + 1}&apos;s enemies
          </button>
        )}
        <button type="button" className={`btn-small${canReplace ? '' : ' btn-primary'}`} disabled={disabled} data-testid={`${PREFIX}-add`} onClick={() => onAdd('new')}
          aria-label={`Add to the day as a new fight: ${p.label}`}>
          {canReplace ? 'Add as a new fight' : 'Add to the day'}
        </button>
      </div>
      {trial && (
        <details className="hm-trials">
          <summary>Its figures, with 95% intervals</summary>
          <div className="sw-table-wrap" tabIndex={0} role="region" aria-label={`Figures of ${p.label}`}>
            <table className="sw-table">
              <caption className="ch-sr">The share of {plural(p.runs, 'run')} with each outcome and its 95% interval</caption>
              <tbody>
                {MEASURES.map((m: Measure) => (
                  <tr key={m}><th scope="row">{capital(MEASURE_LABEL[m])}</th><td><Share count={trial.trial.counts[m]} runs={trial.trial.runs} /></td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </li>
  );
}
