// SRD 5.2 legendary actions: what each one runs (an attack, a spell, another action, its own
// save), and the order the engine tries them in. Read after the creature's actions and spells are
// built, because most legendary actions name one of those.

import type { ActionSpec, AttackAction, CreatureActionSpec, LegendaryActionSpec } from '../../../engine/index.ts';
import { buildActions, findByName, meanOf, normaliseDice, type ParsedAction } from '../srd/stat-block.ts';
import { isNeutral, type Reading } from './reading.ts';
import { readSave } from './saving-throws.ts';
import type { Srd2024Action } from './source.ts';
import { buildSpells, readSpellList, type CasterContext } from './spells.ts';
import { plainText } from './text.ts';

/** Legendary action uses per round: the export leaves the stat block's "Legendary Action Uses" out; the SRD 5.2 gives 3 outside a lair. */
export const LEGENDARY_USES_ASSUMED = 3;

/**
 * The action a legendary action runs: the attack it names ("makes one Rend attack"), the spell it
 * casts through Spellcasting, the action it uses, or its own saving throw. Null when it changes
 * nothing in the fight (moving) or cannot be run (a line says which).
 */
export function legendaryAction(l: Srd2024Action, actions: ActionSpec[], r: Reading, casterCtx: CasterContext): CreatureActionSpec | null {
  const text = plainText(l.desc);
  const named = /\bmakes one ([A-Z][\w' -]*?)(?: or ([A-Z][\w' -]*?))? attack\b/.exec(text);
  if (named) {
    const attacks = actions.filter((a): a is AttackAction => a.type === 'attack');
    const attack = findByName(attacks, named[1]) ?? (named[2] ? findByName(attacks, named[2]) : undefined);
    if (attack) {
      if (named[2]) r.approximations.push(`Legendary action ${l.name}: always the ${attack.name}, not the alternative`);
      return { ...attack, name: `${l.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', attacks: [{ ...attack.attacks[0], count: 1 }] };
    }
  }
  const cast = /\b(?:uses Spellcasting to cast|casts) ([A-Z][\w'/ -]*?)(?: \(level (\d) version\))?(?: on itself)?(?:[,.]|$)/.exec(text);
  if (cast) {
    const spell = findByName([...actions, ...r.effectActions], cast[1]);
    if (spell) {
      if (cast[2] && spell.spell && Number(cast[2]) > spell.spell.level) r.approximations.push(`Legendary action ${l.name}: ${spell.name} at its own level, not level ${cast[2]}`);
      return { ...spell, name: `${l.name}: ${spell.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', condition: 'always' } as CreatureActionSpec;
    }
    // A spell of its own (the white dragon's Fear): built here, at will.
    const list = readSpellList(l.desc, { per: 'at-will' });
    if (list.spells.length === 0) list.spells.push({ name: cast[1], castLevel: cast[2] ? Number(cast[2]) : null, uses: { per: 'at-will' } });
    const built = buildSpells(list, casterCtx, { slot: 'action', single: true, subject: `Legendary action ${l.name}` });
    r.approximations.push(...built.approximations);
    r.lines.push(...built.gaps);
    const first = built.actions[0] ?? built.effectActions[0];
    if (first) return { ...first, name: `${l.name}: ${first.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', condition: 'always' } as CreatureActionSpec;
    if (built.gaps.length === 0) r.lines.push(`Legendary action: ${l.name} (not run)`);
    return null;
  }
  const uses = /\buses ([A-Z][\w' -]*?)(?:[,.]| and\b|$)/.exec(text);
  if (uses) {
    const target = findByName([...actions, ...r.effectActions], uses[1]);
    if (target) return { ...target, name: `${l.name} (legendary)`, uses: { per: 'at-will' }, slot: 'action', condition: 'always' } as CreatureActionSpec;
  }
  // "The target gains 10 (3d6) Temporary Hit Points, and its AC increases by 2 until the end of the unicorn's next turn."
  const shield = /targets itself or one creature[^.]*\. The target gains \d+ \((\d+d\d+(?:\s*[+-]\s*\d+)?)\) Temporary Hit Points, and its AC increases by (\d+) until the end of the [\w' -]+?'s next turn/i.exec(text);
  const shieldHp = shield ? normaliseDice(shield[1]) : null;
  if (shield && shieldHp) {
    return {
      type: 'effect', name: `${l.name} (legendary)`, slot: 'action', uses: { per: 'at-will' }, condition: 'always', target: 'allies', targets: 1,
      effect: { name: `${r.monster} ${l.name}`, duration: { kind: 'source-turn-end' }, tempHp: shieldHp, acBonus: Number(shield[2]) },
    };
  }
  const parsed: ParsedAction[] = [];
  const before = r.effectActions.length;
  if (readSave(l, 'action', { per: 'at-will' }, parsed, r)) {
    if (r.effectActions.length > before) {
      const [effect] = r.effectActions.splice(before);
      return { ...effect, slot: 'action', uses: { per: 'at-will' } };
    }
    const built = buildActions(parsed, null, r.lines, r.notes);
    if (built.length > 0) return { ...built[0], uses: { per: 'at-will' } };
    return null;
  }
  if (isNeutral(l)) return null;
  r.lines.push(`Legendary action: ${l.name} (not run)`);
  return null;
}

/** Legendary actions in the order the engine tries them: effects first, then the most damage per point, healing last. */
export function orderLegendary(list: LegendaryActionSpec[]): LegendaryActionSpec[] {
  const value = (l: LegendaryActionSpec): number => {
    const a = l.action;
    if (a.type === 'heal') return -1;
    if (a.type === 'effect') return 1000;
    const mean = a.type === 'attack' ? a.attacks.reduce((s, x) => s + x.count * meanOf(x.damage), 0) * 0.65 : a.targets * meanOf(a.damage) * 0.6;
    return mean / l.cost;
  };
  return [...list].sort((a, b) => value(b) - value(a));
}
