// The adventuring day: fights in order, each with its monsters (from the compendium, custom, or
// pasted from another tool), surprise and a short rest before it, and "how many can the party
// handle?" for each; plus the rules of the day.
import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react';
import { MAX_COMBATANTS_PER_SIDE } from '../../engine/compiled.ts';
import { moveItem, newUid, uniqueName, blankCreature, draftEdition, draftInEdition, type Draft, type DraftEncounter, type DraftEnemy, type Edition } from '../../state/index.ts';
import type { CompendiumMonster } from '../../scenario/content/srd/types.ts';
import { useApp } from '../session.ts';
import { CreatureEditor } from './CreatureEditor.tsx';
import { DayDifficulty, EncounterDifficulty } from './EncounterDifficulty.tsx';
import { loadClasses } from './PartyEditor.tsx';
import { MonsterFidelity } from './MonsterFidelity.tsx';
import { BESTIARIES, CR_STEPS, crText, enemyFrom, SRD_OF, useBestiary } from './bestiaries.ts';
import './day.css';

// Loaded when the Day screen first shows an encounter: the search's code is not part of the editor's chunk.
const HowManyPanel = lazy(() => import('../search/HowManyPanel.tsx').then((m) => ({ default: m.HowManyPanel })));
const FindFightPanel = lazy(() => import('../search/FindFightPanel.tsx').then((m) => ({ default: m.FindFightPanel })));

type ChangeEncounters = (fn: (list: DraftEncounter[], d: Draft) => DraftEncounter[]) => void;

export function DayEditor() {
  const uids = useApp((s) => s.draft?.encounters.map((e) => e.uid).join(',') ?? '');
  const edit = useApp((s) => s.edit);
  const list = uids ? uids.split(',') : [];
  const change: ChangeEncounters = (fn) => edit((d) => ({ ...d, encounters: fn(d.encounters, d) }));
  return (
    <section aria-labelledby="day-title" className="panel day-screen" data-testid="day-screen">
      <h2 id="day-title">Adventuring day</h2>
      <DayDifficulty />
      <ol className="day-list">
        {list.map((uid, i) => (
          <li key={uid}>
            <EncounterCard index={i} count={list.length} change={change} />
          </li>
        ))}
      </ol>
      <p className="cr-buttons">
        <button type="button" className="btn-small" data-testid="add-encounter" onClick={() => change((l) => [...l, {
          uid: newUid('e'), name: `Encounter ${l.length + 1}`, shortRestBefore: false, surprise: 'none',
          enemies: [{ uid: newUid('x'), monster: null, creature: blankCreature('monster', 'Monster') }],
        }])}>Add an encounter</button>
      </p>
      <Suspense fallback={null}><FindFightPanel /></Suspense>
      <RulesEditor />
    </section>
  );
}

function EncounterCard({ index, count, change }: { index: number; count: number; change: ChangeEncounters }) {
  const enc = useApp((s) => s.draft?.encounters[index]);
  const nameProblem = useApp((s) => s.validation.issues[`encounters[${index}].name`] ?? null);
  const ids = { name: useId(), nameProblem: useId(), surprise: useId(), rest: useId() };
  if (!enc) return null;
  const patch = (p: Partial<DraftEncounter>) => change((l) => l.map((e, i) => (i === index ? { ...e, ...p } : e)));
  const setEnemies = (fn: (enemies: DraftEnemy[]) => DraftEnemy[]) => change((l) => l.map((e, i) => (i === index ? { ...e, enemies: fn(e.enemies) } : e)));
  const names = () => enc.enemies.map((x) => String(x.creature.name ?? ''));
  return (
    <section className="enc-card" aria-labelledby={ids.name} data-testid="encounter">
      <div className="cr-head">
        <div className={`fld cr-name ${nameProblem ? 'fld-bad' : ''}`}>
          <label htmlFor={ids.name}>Encounter {index + 1}</label>
          <input id={ids.name} value={enc.name} onChange={(e) => patch({ name: e.target.value })} data-testid="encounter-name"
            aria-invalid={nameProblem ? true : undefined} aria-describedby={nameProblem ? ids.nameProblem : undefined} />
          {nameProblem && <span id={ids.nameProblem} className="fld-problem" role="status">{nameProblem}</span>}
        </div>
        <div className="fld">
          <label htmlFor={ids.surprise}>Surprise</label>
          <select id={ids.surprise} value={enc.surprise} onChange={(e) => patch({ surprise: e.target.value as DraftEncounter['surprise'] })}>
            <option value="none">Nobody surprised</option>
            <option value="party">The party is surprised</option>
            <option value="enemies">The enemies are surprised</option>
          </select>
        </div>
        {index > 0 && (
          <div className="fld fld-check">
            {/* The whole label is the hit area, the box included. */}
            <label className="check-hit">
              <input id={ids.rest} type="checkbox" checked={enc.shortRestBefore} onChange={(e) => patch({ shortRestBefore: e.target.checked })} data-testid="short-rest-before" />
              <span>Short rest before</span>
            </label>
          </div>
        )}
        <div className="cr-buttons">
          <button type="button" className="btn-small" disabled={index === 0} onClick={() => change((l) => moveItem(l, index, index - 1))} aria-label={`Move ${enc.name} earlier`}>↑</button>
          <button type="button" className="btn-small" disabled={index === count - 1} onClick={() => change((l) => moveItem(l, index, index + 1))} aria-label={`Move ${enc.name} later`}>↓</button>
          <button type="button" className="btn-small btn-danger" disabled={count === 1} onClick={() => change((l) => l.filter((_, i) => i !== index))} aria-label={`Remove ${enc.name}`}>Remove</button>
        </div>
      </div>
      <EncounterDifficulty index={index} />
      <Suspense fallback={null}><HowManyPanel encounter={index} /></Suspense>
      <MonsterSearch onAdd={(m, n, edition) => setEnemies((list) => {
        const existing = list.findIndex((x) => x.monster?.compendiumId === m.id && (x.monster.edition ?? '2014') === edition);
        if (existing >= 0) {
          // Adding a monster that is already there adds to its count, as a DM would expect.
          return list.map((x, i) => (i === existing ? { ...x, creature: { ...x.creature, count: Number(x.creature.count ?? 1) + n } } : x));
        }
        const enemy = enemyFrom(m, n, m.id, edition);
        enemy.creature.name = uniqueName(m.name, names());
        return [...list, enemy];
      })} />
      <div className="cr-buttons">
        <button type="button" className="btn-small" onClick={() => setEnemies((l) => [...l, { uid: newUid('x'), monster: null, creature: blankCreature('monster', uniqueName('Custom monster', names())) }])}>
          Add a custom monster
        </button>
      </div>
      <PasteMonster onAdd={(added) => setEnemies((l) => [...l, ...added])} />
      <ol className="cr-list">
        {enc.enemies.map((x, j) => (
          <li key={x.uid}>
            <CreatureEditor
              creature={{ side: 'enemy', encounter: index, index: j }}
              badge={x.monster?.crText ? <span>CR {x.monster.crText} · {x.monster.xp?.toLocaleString('en-US')} XP{x.monster.compendiumId ? ` · ${SRD_OF[x.monster.edition ?? '2014']}` : ''}</span> : <span>Custom stat block (no challenge rating)</span>}
              fidelity={x.monster ? { approximations: x.monster.approximations, gaps: x.monster.notModelled } : undefined}
              actions={{
                first: j === 0, last: j === enc.enemies.length - 1,
                onMove: (delta) => setEnemies((l) => moveItem(l, j, j + delta)),
                onRemove: () => setEnemies((l) => (l.length > 1 ? l.filter((_, k) => k !== j) : l)),
                onDuplicate: () => setEnemies((l) => {
                  const copy = { ...structuredClone(l[j]), uid: newUid('x') };
                  copy.creature.name = uniqueName(String(l[j].creature.name ?? 'Monster'), l.map((y) => String(y.creature.name ?? '')));
                  return [...l.slice(0, j + 1), copy, ...l.slice(j + 1)];
                }),
              }}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

type MonsterOrder = 'match' | 'cr' | 'name';
const ORDER_LABEL: Record<MonsterOrder, string> = { match: 'best match', cr: 'challenge rating', name: 'name' };
const ORDER_WORDS: Record<MonsterOrder, string> = { match: 'best match first', cr: 'challenge rating, then name', name: 'name' };
/** Monsters on one page of the search; every page can be reached, none is left out. */
export const MONSTERS_PER_PAGE = 20;

function MonsterSearch({ onAdd }: { onAdd: (m: CompendiumMonster, count: number, edition: Edition) => void }) {
  // The scenario's own bestiary unless the user picks the other one.
  const scenarioEdition = useApp((s) => draftEdition(s.draft));
  const [chosenEdition, setChosenEdition] = useState<Edition | null>(null);
  const edition = chosenEdition ?? scenarioEdition;
  const { compendium, error } = useBestiary(edition);
  const [query, setQuery] = useState('');
  const [crMin, setCrMin] = useState('');
  const [crMax, setCrMax] = useState('');
  const [type, setType] = useState('');
  // An order chosen while browsing and one chosen while typing a name are kept apart: typing starts at best match.
  const [browseOrder, setBrowseOrder] = useState<MonsterOrder>('cr');
  const [searchOrder, setSearchOrder] = useState<MonsterOrder>('match');
  const [count, setCount] = useState('1');
  const ids = { q: useId(), edition: useId(), type: useId(), order: useId(), count: useId(), countProblem: useId(), results: useId(), status: useId() };
  // A type the other bestiary has and this one lacks ("swarm of Tiny beasts") filters nothing.
  const activeType = type && compendium?.types.includes(type) ? type : '';
  const q = query.trim();
  const order = q ? searchOrder : browseOrder;
  const setOrder = q ? setSearchOrder : setBrowseOrder;
  const matches = useMemo(() => {
    if (!compendium) return [];
    const found = compendium.search(q, {
      ...(crMin !== '' ? { crMin: Number(crMin) } : {}),
      ...(crMax !== '' ? { crMax: Number(crMax) } : {}),
      ...(activeType ? { type: activeType } : {}),
    });
    // The search gives best matches first, then names in order; sort is stable, so ties keep that.
    if (order === 'cr') return [...found].sort((a, b) => a.cr - b.cr || a.name.localeCompare(b.name));
    if (order === 'name') return [...found].sort((a, b) => a.name.localeCompare(b.name));
    return found;
  }, [compendium, q, crMin, crMax, activeType, order]);
  // Back to the first page whenever what is listed changes.
  const listKey = `${edition}|${q}|${crMin}|${crMax}|${activeType}|${order}`;
  const [paging, setPaging] = useState({ listKey, page: 0 });
  const pages = Math.max(1, Math.ceil(matches.length / MONSTERS_PER_PAGE));
  const page = paging.listKey === listKey ? Math.min(paging.page, pages - 1) : 0;
  const goTo = (p: number) => setPaging({ listKey, page: Math.max(0, Math.min(pages - 1, p)) });
  const first = page * MONSTERS_PER_PAGE;
  const shown = matches.slice(first, first + MONSTERS_PER_PAGE);
  const filtered = q !== '' || crMin !== '' || crMax !== '' || activeType !== '';
  const n = Number(count);
  const countProblem = Number.isInteger(n) && n >= 1 && n <= MAX_COMBATANTS_PER_SIDE ? null : `must be a whole number from 1 to ${MAX_COMBATANTS_PER_SIDE}`;
  const typeOptions = compendium?.types ?? [];
  const statusRef = useRef<HTMLParagraphElement>(null);
  return (
    <fieldset className="cr-picker ms-picker" data-testid="monster-search" data-edition={edition}>
      <legend>Add monsters from the SRD bestiaries</legend>
      {error && <p className="fld-problem" role="alert">The {SRD_OF[edition]} bestiary could not be loaded: {error}</p>}
      <div className="cr-grid ms-grid">
        <div className="fld ms-wide">
          <label htmlFor={ids.edition}>Bestiary</label>
          <select id={ids.edition} value={edition} onChange={(e) => {
            // Choosing the scenario's own edition goes back to following it when the edition changes.
            const picked: Edition = e.target.value === '2024' ? '2024' : '2014';
            setChosenEdition(picked === scenarioEdition ? null : picked);
          }} data-testid="monster-edition">
            {(['2024', '2014'] as const).map((ed) => <option key={ed} value={ed}>{BESTIARIES[ed].name}</option>)}
          </select>
        </div>
        <div className="fld ms-wide">
          <label htmlFor={ids.q}>Search by name</label>
          <input id={ids.q} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={compendium ? 'e.g. goblin, young red dragon' : `loading the ${SRD_OF[edition]} bestiary…`}
            data-testid="monster-query" aria-controls={ids.results} aria-describedby={ids.status} disabled={!compendium} />
        </div>
        <CrSelect label="CR from" value={crMin} onChange={setCrMin} testId="monster-cr-min" />
        <CrSelect label="CR to" value={crMax} onChange={setCrMax} testId="monster-cr-max" />
        <div className="fld ms-wide">
          <label htmlFor={ids.type}>Type</label>
          <select id={ids.type} value={activeType} onChange={(e) => setType(e.target.value)} data-testid="monster-type">
            <option value="">any</option>
            {typeOptions.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div className="fld ms-wide">
          <label htmlFor={ids.order}>Order by</label>
          <select id={ids.order} value={order} onChange={(e) => setOrder(e.target.value as MonsterOrder)} data-testid="monster-order">
            {(q ? (['match', 'cr', 'name'] as const) : (['cr', 'name'] as const)).map((o) => <option key={o} value={o}>{ORDER_LABEL[o]}</option>)}
          </select>
        </div>
        <div className={`fld cr-count ${countProblem ? 'fld-bad' : ''}`}>
          <label htmlFor={ids.count}>How many</label>
          <input id={ids.count} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} aria-invalid={countProblem ? true : undefined}
            aria-describedby={countProblem ? ids.countProblem : undefined} data-testid="monster-count" />
          {countProblem && <span id={ids.countProblem} className="fld-problem">{countProblem}</span>}
        </div>
      </div>
      {edition !== scenarioEdition && (
        <p className="fld-hint" data-testid="monster-edition-note">
          Searching the {BESTIARIES[edition].name} bestiary; this scenario plays by the {scenarioEdition} rules, and its monsters fight by them.
        </p>
      )}
      {compendium && (
        <div className="ms-pager">
          <p id={ids.status} ref={statusRef} className="ms-status" role="status" data-testid="monster-page-status">
            {matches.length === 0
              ? `No monster matches in the ${SRD_OF[edition]} bestiary.`
              : `${(first + 1).toLocaleString('en-US')}–${(first + shown.length).toLocaleString('en-US')} of ${matches.length.toLocaleString('en-US')} ${filtered ? 'matching monsters' : 'monsters'}, by ${ORDER_WORDS[order]}`}
          </p>
          {pages > 1 && (
            <span className="ms-pager-buttons">
              <button type="button" className="btn-small" disabled={page === 0} onClick={() => goTo(page - 1)} data-testid="monster-page-prev" aria-controls={ids.results}>Previous</button>
              <button type="button" className="btn-small" disabled={page >= pages - 1} onClick={() => goTo(page + 1)} data-testid="monster-page-next" aria-controls={ids.results}>Next</button>
            </span>
          )}
        </div>
      )}
      <ul id={ids.results} className="ms-results" aria-label={`Monsters in the ${SRD_OF[edition]} bestiary`}>
        {shown.map((m) => (
          <li key={m.id} data-testid="monster-result" data-id={m.id} data-edition={edition}>
            <span className="ms-name">
              <strong>{m.name}</strong> <span className="fld-hint">CR {m.crText} · {m.type} · AC {m.ac} · HP {m.hp} · {SRD_OF[edition]}</span>
              {/* A browsed list says only what is not run as written; the card of an added monster says it all. */}
              {(m.approximations.length > 0 || m.notModelled.length > 0) && <MonsterFidelity fidelity={{ approximations: m.approximations, gaps: m.notModelled }} />}
            </span>
            <button type="button" className="btn-small" disabled={countProblem !== null} onClick={() => onAdd(m, n, edition)} aria-label={`Add ${count} ${m.name} (${SRD_OF[edition]})`}>Add</button>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        // The same buttons under the list, so a long page need not be scrolled back up; the list's top comes into view.
        <p className="ms-pager ms-pager-end">
          <span className="ms-status">Page {page + 1} of {pages}</span>
          <span className="ms-pager-buttons">
            <button type="button" className="btn-small" disabled={page === 0} aria-controls={ids.results}
              onClick={() => { goTo(page - 1); statusRef.current?.scrollIntoView({ block: 'nearest' }); }}>Previous</button>
            <button type="button" className="btn-small" disabled={page >= pages - 1} aria-controls={ids.results}
              onClick={() => { goTo(page + 1); statusRef.current?.scrollIntoView({ block: 'nearest' }); }}>Next</button>
          </span>
        </p>
      )}
    </fieldset>
  );
}

function CrSelect({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  const id = useId();
  return (
    <div className="fld">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">any</option>
        {CR_STEPS.map((c) => <option key={c} value={c}>{crText(c)}</option>)}
      </select>
    </div>
  );
}

/** A monster pasted from the 5e SRD API or 5etools ("View JSON"). */
function PasteMonster({ onAdd }: { onAdd: (enemies: DraftEnemy[]) => void }) {
  const [text, setText] = useState('');
  const [report, setReport] = useState<{ added: string[]; notes: string[]; problems: string[] } | null>(null);
  const id = useId();
  const fileId = useId();
  // The importer refuses text over its size limit with a message of its own.
  async function importText(source = text) {
    const { importMonsters } = await import('../../scenario/interop/monster-import.ts');
    const result = importMonsters(source);
    const enemies = result.monsters.map((m) => enemyFrom(m.entry, 1, null));
    setReport({ added: result.monsters.map((m) => m.entry.name), notes: result.monsters.flatMap((m) => m.notes.map((n) => `${m.entry.name}: ${n}`)), problems: result.problems });
    if (enemies.length > 0) {
      onAdd(enemies);
      setText('');
    }
  }
  return (
    <details className="cr-more">
      <summary>Import a monster from another tool</summary>
      <label htmlFor={id} className="fld-hint">JSON of a monster from the 5e SRD API or 5etools (“View JSON”), or a whole bestiary file.</label>
      <textarea id={id} className="cr-json" rows={6} value={text} onChange={(e) => setText(e.target.value)} data-testid="paste-monster" spellCheck={false} />
      <div className="cr-buttons"><button type="button" className="btn-small" onClick={() => void importText()} disabled={!text.trim()} data-testid="import-monster">Import</button></div>
      <div className="fld">
        <label htmlFor={fileId}>Or a monster or bestiary file (up to 5 MB)</label>
        <input id={fileId} type="file" accept=".json,application/json" data-testid="import-monster-file" onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          // Checked before reading, so a huge file is never read into memory.
          void import('../../scenario/format/input-limits.ts').then(async ({ checkTextSize }) => {
            const tooBig = checkTextSize('file', file.size, file.name);
            if (tooBig) setReport({ added: [], notes: [], problems: [tooBig] });
            else await importText(await file.text());
          });
        }} />
      </div>
      {report && (
        <div role="status" data-testid="import-report">
          {report.added.length > 0 && <p>Added {report.added.join(', ')}.</p>}
          {report.problems.map((p) => <p key={p} className="fld-problem">{p}</p>)}
          {report.notes.length > 0 && <details><summary>{report.notes.length} things could not be mapped</summary><ul>{report.notes.map((n) => <li key={n}>{n}</li>)}</ul></details>}
        </div>
      )}
    </details>
  );
}

const RULE_FIELDS = [
  ['attackDowned', 'Monsters attack a downed character', [['never', 'never'], ['when-none-standing', 'when no one else stands'], ['always', 'always']]],
  ['hitDicePolicy', 'Hit dice at a short rest', [['none', 'not spent'], ['to-half', 'up to half HP'], ['to-full', 'up to full HP']]],
  ['resourcePolicy', 'Spending of limited resources', [['', 'default'], ['nova', 'spend freely (nova)'], ['balanced', 'balanced'], ['conserve', 'conserve for later fights']]],
  ['tactics', 'Choice of actions', [['', 'default'], ['in-order', 'first usable action in order'], ['auto', 'best action by expected value']]],
] as const;

const otherEdition = (e: Edition): Edition => (e === '2024' ? '2014' : '2024');

function RulesEditor() {
  const rules = useApp((s) => s.draft?.rules);
  const problem = useApp((s) => Object.entries(s.validation.issues).find(([p]) => p.startsWith('rules'))?.[1] ?? null);
  const edit = useApp((s) => s.edit);
  const templated = useApp((s) => s.draft?.party.filter((m) => m.template !== null).length ?? 0);
  // What the last switch did, shown while the edition is still the one it switched to (an Undo hides it).
  const [switched, setSwitched] = useState<{ edition: Edition; text: string } | null>(null);
  const base = useId();
  if (!rules) return null;
  // A new edition rebuilds the characters made from class templates in the same edit, so one Undo takes both back.
  const switchEdition = (next: Edition) => {
    setSwitched(null);
    if (templated === 0) {
      set('edition', next === '2024' ? '2024' : '');
      return;
    }
    loadClasses().then((mod) => {
      let said = '';
      edit((d) => {
        const result = draftInEdition(d, next, mod);
        said = `Now played by the ${next} rules: ${result.rebuilt} ${result.rebuilt === 1 ? 'character' : 'characters'} made from class templates built again by them`
          + `${result.kept > 0 ? ` (${result.kept} of a class the ${next} rules lack kept as ${result.kept === 1 ? 'it was' : 'they were'})` : ''}. Undo brings the ${otherEdition(next)} ones back.`;
        return result.draft;
      });
      setSwitched({ edition: next, text: said });
    }, (e: unknown) => {
      set('edition', next === '2024' ? '2024' : '');
      setSwitched({ edition: next, text: `Now played by the ${next} rules, but the class templates could not be loaded, so the characters made from them are still built by the ${otherEdition(next)} rules: ${e instanceof Error ? e.message : String(e)}` });
    });
  };
  const set = (key: string, value: unknown) => edit((d) => {
    const next = { ...d.rules };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value;
    return { ...d, rules: next };
  }, `rules.${key}`);
  return (
    <fieldset className="cr-picker" data-testid="day-rules">
      <legend>Rules of the day</legend>
      <div className="cr-grid rules-grid">
        <div className="fld">
          <label htmlFor={`${base}-edition`}>Rules edition</label>
          {/* 2014 is what an absent edition means, so choosing it removes the field: the file reads as before. */}
          <select id={`${base}-edition`} value={rules.edition === '2024' ? '2024' : '2014'} onChange={(e) => switchEdition(e.target.value === '2024' ? '2024' : '2014')}
            aria-describedby={`${base}-edition-hint`} data-testid="rules-edition">
            <option value="2014">2014</option>
            <option value="2024">2024</option>
          </select>
        </div>
        <div className="fld">
          <label htmlFor={`${base}-cap`}>Round limit per fight</label>
          <input id={`${base}-cap`} inputMode="numeric" value={String(rules.roundCap ?? '')} onChange={(e) => set('roundCap', /^\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value)} />
        </div>
        {RULE_FIELDS.map(([key, label, options]) => (
          <div className="fld" key={key}>
            <label htmlFor={`${base}-${key}`}>{label}</label>
            <select id={`${base}-${key}`} value={String(rules[key] ?? '')} onChange={(e) => set(key, e.target.value)}>
              {options.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
            </select>
          </div>
        ))}
      </div>
      <p id={`${base}-edition-hint`} className="fld-hint">
        {rules.edition === '2024'
          ? '2024 rules: surprise means disadvantage on initiative instead of a lost turn, one spell with a spell slot per turn, and Divine Smite is a bonus-action spell. '
            + 'Characters made from class templates are built by the 2024 rules. The monster search starts in the SRD 5.2 bestiary; monsters already added keep their stat blocks.'
          : '2014 rules: a surprised side loses its first turn, and a caster who casts a leveled spell with its action casts no bonus-action spell that turn. '
            + 'Characters made from class templates are built by the 2014 rules. The monster search starts in the SRD 5.1 bestiary; monsters already added keep their stat blocks.'}
      </p>
      {switched && switched.edition === (rules.edition === '2024' ? '2024' : '2014') && <p className="fld-hint" role="status" data-testid="edition-switched">{switched.text}</p>}
      {problem && <p className="fld-problem" role="status">{problem}</p>}
    </fieldset>
  );
}
