// One creature's stat block, edited in place: the numbers that decide most fights up front, then
// actions, saves and defences, and the whole stat block as JSON for everything else (spells,
// effects, reactions). Problems appear at their fields; any the fields do not show are listed at
// the bottom of the card, so none is hidden.
import { useId, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { issuesUnder } from '../../state/index.ts';
import { useApp } from '../session.ts';
import { creatureAt, pathOf, updateCreature, type CreatureRef } from './creature-ref.ts';
import { SpellPicker } from './SpellPicker.tsx';
import { MonsterFidelity, type Fidelity } from './MonsterFidelity.tsx';
import { CheckField, ListField, NumberField, NumberListField, ReactionToggle, SelectField, TextField, UsesField } from './fields.tsx';

const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
const DAMAGE_TYPES = ['acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder'];
const damageOptions = DAMAGE_TYPES.map((t) => [t, t] as const);
const abilityOptions = ABILITIES.map((a) => [a, a.toUpperCase()] as const);
const TARGETING = [['lowest-hp', 'lowest HP'], ['highest-hp', 'highest HP'], ['lowest-ac', 'lowest AC'], ['highest-threat', 'biggest threat'], ['random', 'random']] as const;
const MAX_JSON_CHARS = 200_000;

export interface CardActions {
  onDuplicate(): void;
  onRemove(): void;
  onMove(delta: number): void;
  first: boolean;
  last: boolean;
}

export function CreatureEditor({ creature, badge, extra, actions, notes, fidelity }: {
  creature: CreatureRef; badge?: ReactNode; extra?: ReactNode; actions: CardActions; notes?: string[];
  /** For a monster from the compendium or an import: what its simulation approximates or leaves out. */
  fidelity?: Fidelity;
}) {
  const name = useApp((s) => {
    const c = s.draft ? creatureAt(s.draft, creature) : undefined;
    return typeof c?.name === 'string' && c.name.trim() ? c.name : 'Unnamed';
  });
  const isCharacter = creature.side === 'party';
  return (
    <article className="cr-card" data-testid={isCharacter ? 'party-member' : 'enemy'} data-name={name} aria-label={name}>
      <div className="cr-head">
        <TextField creature={creature} keys={['name']} label="Name" className="cr-name" testId="creature-name" />
        <NumberField creature={creature} keys={['count']} label="Count" className="cr-count" testId="creature-count" optional placeholder="1" />
        <div className="cr-buttons">
          <button type="button" className="btn-small" onClick={() => actions.onMove(-1)} disabled={actions.first} aria-label={`Move ${name} up`}>↑</button>
          <button type="button" className="btn-small" onClick={() => actions.onMove(1)} disabled={actions.last} aria-label={`Move ${name} down`}>↓</button>
          <button type="button" className="btn-small" onClick={actions.onDuplicate} aria-label={`Duplicate ${name}`}>Duplicate</button>
          <button type="button" className="btn-small btn-danger" onClick={actions.onRemove} aria-label={`Remove ${name}`} data-testid="remove-creature">Remove</button>
        </div>
      </div>
      {badge && <div className="cr-badge">{badge}</div>}
      {extra}
      <div className="cr-grid">
        <NumberField creature={creature} keys={['hp']} label="HP" testId="creature-hp" />
        <NumberField creature={creature} keys={['ac']} label="AC" testId="creature-ac" />
        <NumberField creature={creature} keys={['initiativeBonus']} label="Initiative" hint="bonus" />
        {isCharacter && <NumberField creature={creature} keys={['level']} label="Level" optional />}
        {!isCharacter && <TextField creature={creature} keys={['creatureType']} label="Type" hint="e.g. humanoid" optional />}
        {isCharacter && <TextField creature={creature} keys={['hitDice']} label="Hit dice" />}
        {isCharacter && <NumberField creature={creature} keys={['conModifier']} label="Con" hint="modifier" />}
        <NumberListField creature={creature} keys={['spellSlots']} label="Spell slots" hint="by level" testId="spell-slots" />
      </div>
      {notes && notes.length > 0 && (
        <details className="cr-notes" data-testid="approximated">
          <summary>Approximated: {notes.length} {notes.length === 1 ? 'thing' : 'things'} the simulation simplifies</summary>
          <ul>{notes.map((n) => <li key={n}>{n}</li>)}</ul>
        </details>
      )}
      {fidelity && <MonsterFidelity fidelity={fidelity} />}
      <ActionsSection creature={creature} />
      <details className="cr-more">
        <summary>Saves and defences</summary>
        <div className="cr-grid cr-saves">
          {ABILITIES.map((a) => <NumberField key={a} creature={creature} keys={['saves', a]} label={`${a.toUpperCase()} save`} />)}
        </div>
        <div className="cr-grid">
          <ListField creature={creature} keys={['resistances']} label="Resistances" />
          <ListField creature={creature} keys={['immunities']} label="Immunities" />
          <ListField creature={creature} keys={['vulnerabilities']} label="Vulnerabilities" />
          <ListField creature={creature} keys={['traits', 'conditionImmunities']} label="Condition immunities" />
        </div>
      </details>
      <details className="cr-more">
        <summary>Traits and reactions</summary>
        <div className="cr-grid">
          <CheckField creature={creature} keys={['traits', 'magicResistance']} label="Magic Resistance" />
          <CheckField creature={creature} keys={['traits', 'packTactics']} label="Pack Tactics" />
          <NumberField creature={creature} keys={['traits', 'regeneration']} label="Regeneration" hint="HP a turn" optional placeholder="0" />
          <NumberField creature={creature} keys={['legendary', 'resistances']} label="Legendary Resistance" hint="per day" optional placeholder="0" />
          <ReactionToggle creature={creature} kind="shield" label="Shield (reaction)" />
          <ReactionToggle creature={creature} kind="uncanny-dodge" label="Uncanny Dodge (reaction)" />
        </div>
      </details>
      <JsonSection creature={creature} />
      <OtherProblems creature={creature} />
    </article>
  );
}

interface ActionSummary {
  list: ActionList;
  index: number;
  type: string;
  name: string;
  attacks: number;
  spellLevel: number | null;
  hasSave: boolean;
}

type ActionList = 'actions' | 'effectActions';

function ActionsSection({ creature }: { creature: CreatureRef }) {
  const list = useApp(useShallow((s) => {
    const c = s.draft ? creatureAt(s.draft, creature) : undefined;
    const entries = (key: ActionList) => (Array.isArray(c?.[key]) ? (c[key] as Array<Record<string, unknown>>) : []).map((a, index) => JSON.stringify({
      list: key, index, type: String(a.type ?? (key === 'effectActions' ? 'effect' : '?')), name: String(a.name ?? ''),
      attacks: Array.isArray(a.attacks) ? a.attacks.length : 0,
      spellLevel: a.spell && typeof a.spell === 'object' ? Number((a.spell as { level?: unknown }).level ?? 0) : null,
      hasSave: a.save !== undefined && a.save !== null,
    } satisfies ActionSummary));
    return [...entries('effectActions'), ...entries('actions')];
  }));
  const extras = useApp((s) => {
    const c = s.draft ? creatureAt(s.draft, creature) : undefined;
    const parts: string[] = [];
    const count = (k: string) => (Array.isArray(c?.[k]) ? (c[k] as unknown[]).length : 0);
    if (count('reactions')) parts.push(`${count('reactions')} reactions`);
    if (c?.legendary) parts.push('legendary actions');
    if (count('lairActions')) parts.push('lair actions');
    return parts.join(' · ');
  });
  const edit = useApp((s) => s.edit);
  const remove = (key: ActionList, index: number) => edit((d) => updateCreature(d, creature, (c) => {
    const next = (Array.isArray(c[key]) ? (c[key] as unknown[]) : []).filter((_, i) => i !== index);
    const out = { ...c, [key]: next };
    if (key === 'effectActions' && next.length === 0) delete out.effectActions;
    return out;
  }));
  return (
    <details className="cr-more">
      <summary>Actions and spells ({list.length}){extras && <span className="fld-hint"> · {extras}</span>}</summary>
      {list.map((json) => {
        const summary = JSON.parse(json) as ActionSummary;
        return <ActionEditor key={`${summary.list}-${summary.index}`} creature={creature} summary={summary} onRemove={() => remove(summary.list, summary.index)} />;
      })}
      <SpellPicker creature={creature} />
      <p className="fld-hint">Effects in detail, legendary and lair actions are edited in the stat block as JSON below.</p>
    </details>
  );
}

const TARGET_SIDES = [['self', 'itself'], ['allies', 'allies'], ['enemies', 'enemies']] as const;
const SLOTS = [['action', 'action'], ['bonus', 'bonus action']] as const;

function ActionEditor({ creature, summary, onRemove }: { creature: CreatureRef; summary: ActionSummary; onRemove: () => void }) {
  const k = (...rest: Array<string | number>) => [summary.list, summary.index, ...rest];
  const label = summary.spellLevel !== null ? (summary.spellLevel === 0 ? 'cantrip' : `level ${summary.spellLevel} spell`) : summary.type;
  return (
    <fieldset className="cr-action" data-testid="action" data-name={summary.name}>
      <legend>{summary.name || 'Action'} <span className="fld-hint">· {label}</span></legend>
      <div className="cr-grid">
        <TextField creature={creature} keys={k('name')} label="Name" />
        <SelectField creature={creature} keys={k('slot')} label="Takes" options={SLOTS} />
        <UsesField creature={creature} keys={k('uses')} />
        {summary.type === 'attack' && Array.from({ length: summary.attacks }, (_, j) => (
          <AttackFields key={j} creature={creature} keys={k('attacks', j)} showTargeting={j === 0} targetingKeys={k('targeting')} />
        ))}
        {summary.type === 'effect' && (
          <>
            <SelectField creature={creature} keys={k('target')} label="On" options={TARGET_SIDES} />
            <NumberField creature={creature} keys={k('targets')} label="Targets" optional placeholder="1" />
            {summary.hasSave && (
              <>
                <NumberField creature={creature} keys={k('save', 'dc')} label="Save DC" />
                <SelectField creature={creature} keys={k('save', 'ability')} label="Save" options={abilityOptions} />
              </>
            )}
          </>
        )}
        {summary.type === 'save' && (
          <>
            <NumberField creature={creature} keys={k('dc')} label="DC" />
            <SelectField creature={creature} keys={k('ability')} label="Save" options={abilityOptions} />
            <TextField creature={creature} keys={k('damage')} label="Damage" />
            <SelectField creature={creature} keys={k('damageType')} label="Type" options={damageOptions} />
            <NumberField creature={creature} keys={k('targets')} label="Targets" optional placeholder="1" />
          </>
        )}
        {summary.type === 'heal' && (
          <>
            <TextField creature={creature} keys={k('amount')} label="Healing" />
            <NumberField creature={creature} keys={k('targets')} label="Targets" optional placeholder="1" />
          </>
        )}
        <button type="button" className="btn-small btn-danger" onClick={onRemove} aria-label={`Remove ${summary.name || 'this action'}`}>Remove</button>
      </div>
    </fieldset>
  );
}

function AttackFields({ creature, keys, showTargeting, targetingKeys }: {
  creature: CreatureRef; keys: Array<string | number>; showTargeting: boolean; targetingKeys: Array<string | number>;
}) {
  return (
    <>
      <NumberField creature={creature} keys={[...keys, 'toHit']} label="To hit" testId="attack-to-hit" />
      <TextField creature={creature} keys={[...keys, 'damage']} label="Damage" testId="attack-damage" />
      <SelectField creature={creature} keys={[...keys, 'damageType']} label="Type" options={damageOptions} />
      <NumberField creature={creature} keys={[...keys, 'count']} label="Attacks" optional placeholder="1" />
      {showTargeting && <SelectField creature={creature} keys={targetingKeys} label="Targets" options={TARGETING} />}
    </>
  );
}

/** The whole stat block as JSON, for what the fields above do not cover. */
function JsonSection({ creature }: { creature: CreatureRef }) {
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const edit = useApp((s) => s.edit);
  const current = useApp((s) => (s.draft ? creatureAt(s.draft, creature) : undefined));
  const id = useId();
  const shown = text ?? JSON.stringify(current ?? {}, null, 2);
  function apply() {
    if (text === null) return;
    if (text.length > MAX_JSON_CHARS) {
      setProblem(`The text is ${text.length.toLocaleString('en-US')} characters; a stat block can be at most ${MAX_JSON_CHARS.toLocaleString('en-US')}.`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      setProblem(`This is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      setProblem('A stat block must be a JSON object ({ ... }).');
      return;
    }
    setProblem(null);
    setText(null);
    edit((d) => updateCreature(d, creature, () => value as Record<string, unknown>));
  }
  return (
    <details className="cr-more" onToggle={() => { setText(null); setProblem(null); }}>
      <summary>Stat block as JSON</summary>
      <label htmlFor={id} className="fld-hint">Every field of the scenario format; applied when you press Apply and checked like a file.</label>
      <textarea id={id} className="cr-json" value={shown} rows={12} spellCheck={false} onChange={(e) => setText(e.target.value)} data-testid="creature-json" />
      <div className="cr-buttons">
        <button type="button" className="btn-small" onClick={apply} disabled={text === null} data-testid="apply-json">Apply</button>
        <button type="button" className="btn-small" onClick={() => { setText(null); setProblem(null); }} disabled={text === null}>Discard changes</button>
      </div>
      {problem && <p className="fld-problem" role="alert">{problem}</p>}
    </details>
  );
}

/** Problems of this creature that no field above shows (e.g. inside effects or reactions). */
function OtherProblems({ creature }: { creature: CreatureRef }) {
  const prefix = pathOf(creature);
  const problems = useApp(useShallow((s) => issuesUnder(s.validation.issues, prefix).map(([p, m]) => `${p.slice(prefix.length).replace(/^\./, '') || 'stat block'}: ${m}`)));
  if (problems.length === 0) return null;
  return (
    <ul className="cr-problems" aria-label="Problems in this stat block" data-testid="creature-problems">
      {problems.map((p) => <li key={p}>{p}</li>)}
    </ul>
  );
}

