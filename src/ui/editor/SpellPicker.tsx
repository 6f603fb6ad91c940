// Adds a signature spell to any stat block by name, with the caster's save DC and spell attack
// bonus (suggested from its level with a +3 spellcasting modifier).
import { useEffect, useId, useState } from 'react';
import { useApp } from '../session.ts';
import { creatureAt, updateCreature, type CreatureRef } from './creature-ref.ts';

type Spellbook = typeof import('../../scenario/content/classes/spellbook.ts');
let spellbook: Promise<Spellbook> | null = null;
const loadSpellbook = (): Promise<Spellbook> => (spellbook ??= import('../../scenario/content/classes/spellbook.ts'));

export function SpellPicker({ creature }: { creature: CreatureRef }) {
  const [mod, setMod] = useState<Spellbook | null>(null);
  const level = useApp((s) => {
    const l = s.draft ? Number(creatureAt(s.draft, creature)?.level) : NaN;
    return Number.isInteger(l) && l >= 1 && l <= 20 ? l : 5;
  });
  const [spell, setSpell] = useState('bless');
  const [dc, setDc] = useState<string | null>(null);
  const [attack, setAttack] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const edit = useApp((s) => s.edit);
  const ids = { spell: useId(), dc: useId(), attack: useId() };
  useEffect(() => {
    let live = true;
    loadSpellbook().then((m) => live && setMod(m), () => { spellbook = null; });
    return () => {
      live = false;
    };
  }, []);
  if (!mod) return null;
  const prof = mod.proficiencyAt(level);
  const dcText = dc ?? String(8 + prof + 3);
  const attackText = attack ?? String(prof + 3);

  function add() {
    const dcValue = Number(dcText), attackValue = Number(attackText);
    if (!Number.isInteger(dcValue) || dcValue < 1 || dcValue > 40) return setProblem(`The save DC must be a whole number from 1 to 40, got "${dcText.slice(0, 10)}".`);
    if (!Number.isInteger(attackValue) || attackValue < -20 || attackValue > 50) return setProblem(`The attack bonus must be a whole number from -20 to 50, got "${attackText.slice(0, 10)}".`);
    setProblem(null);
    edit((d) => updateCreature(d, creature, (c) => {
      const slots = Array.isArray(c.spellSlots) && (c.spellSlots as unknown[]).some((n) => Number(n) > 0);
      const actions = mod!.spellActions(spell, { level, dc: dcValue, attack: attackValue, mod: attackValue - prof }, slots || typeof c.caster === 'string');
      return { ...c, actions: [...(Array.isArray(c.actions) ? c.actions : []), ...actions] };
    }));
  }

  return (
    <fieldset className="cr-action" data-testid="spell-picker">
      <legend>Add a spell</legend>
      <div className="cr-grid">
        <div className="fld">
          <label htmlFor={ids.spell}>Spell</label>
          <select id={ids.spell} value={spell} onChange={(e) => setSpell(e.target.value)} data-testid="spell-select">
            {mod.SPELLBOOK.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.level === 0 ? 'cantrip' : `level ${s.level}`})</option>)}
          </select>
        </div>
        <div className="fld">
          <label htmlFor={ids.dc}>Save DC</label>
          <input id={ids.dc} inputMode="numeric" value={dcText} onChange={(e) => setDc(e.target.value)} />
        </div>
        <div className="fld">
          <label htmlFor={ids.attack}>Spell attack</label>
          <input id={ids.attack} inputMode="numeric" value={attackText} onChange={(e) => setAttack(e.target.value)} />
        </div>
        <button type="button" className="btn-small" onClick={add} data-testid="add-spell">Add</button>
      </div>
      <p className="fld-hint">Without spell slots, a spell of level 1 or more is cast once per long rest.</p>
      {problem && <p className="fld-problem" role="alert">{problem}</p>}
    </fieldset>
  );
}
