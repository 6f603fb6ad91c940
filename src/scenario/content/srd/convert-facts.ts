// The game facts of one SRD API monster for the converter (convert.ts): everything about it but its
// traits, actions, reactions and legendary actions.

import { z } from 'zod';
import { ABILITIES, type Ability, type DamageType } from '../../../engine/index.ts';
import {
  abilityFromText, abilityModifier, damagePhrase, hpFormulaOrNull, mapDamageList, slug, xpForCr, isObj, type Obj, shown,
} from './stat-block.ts';
import { ABILITY_FIELDS, field, MAX_NAME, ref, score, text } from './convert-fields.ts';

/**
 * The stat block's game facts: name and kind, ability scores, armour class, hit points, saving
 * throws, damage and condition defences, challenge rating and XP. Notes what it cannot read;
 * situational armour class and defences the engine leaves out go to `notModelled`.
 */
export function readSrdFacts(o: Obj, notes: string[], notModelled: string[]) {
  let name = field(o, 'name', text.trim().min(1).transform((n) => n.slice(0, MAX_NAME)), notes);
  if (name === undefined) {
    name = 'Unnamed monster';
    notes.push('name: missing; called "Unnamed monster"');
  }
  const id = field(o, 'index', text.trim().min(1), notes) ?? slug(name);
  const size = field(o, 'size', text, notes) ?? '';
  const type = field(o, 'type', text, notes) ?? '';
  if (!size) notes.push('size: missing');
  if (!type) notes.push('type: missing');
  const subtype = field(o, 'subtype', text, notes) ?? null;

  const abilities = {} as Record<Ability, number>;
  for (const ab of ABILITIES) {
    const v = field(o, ABILITY_FIELDS[ab], score, notes);
    if (v === undefined) notes.push(`${ABILITY_FIELDS[ab]}: missing; used 10`);
    abilities[ab] = v ?? 10;
  }

  // Armour class: the best everyday value; spell and situational values are noted.
  let ac = 10;
  const acField = field(o, 'armor_class', z.union([
    z.number().int(),
    z.array(z.looseObject({ type: z.string().optional(), value: z.number().int() })),
  ]), notes);
  if (typeof acField === 'number') ac = acField;
  else if (acField && acField.length > 0) {
    const everyday = acField.filter((e) => e.type !== 'spell' && e.type !== 'condition');
    ac = Math.max(...(everyday.length > 0 ? everyday : acField).map((e) => e.value));
    for (const e of acField) {
      if (everyday.length > 0 && !everyday.includes(e)) {
        const what = isObj(e.spell) && typeof e.spell.name === 'string' ? `with ${e.spell.name}`
          : isObj(e.condition) && typeof e.condition.name === 'string' ? `while ${e.condition.name.toLowerCase()}` : `(${e.type})`;
        notModelled.push(`AC ${e.value} ${what}`);
      }
    }
  } else notes.push('armor_class: missing; used 10');
  if (ac < 1 || ac > 50) {
    notes.push(`armor_class: ${ac} is out of range; used 10`);
    ac = 10;
  }

  const hitDiceText = field(o, 'hit_dice', text, notes);
  const hitDiceMatch = hitDiceText ? /^\s*(\d{1,3})\s*d\s*(\d{1,3})\s*$/i.exec(hitDiceText) : null;
  const validHitDice = hitDiceMatch !== null && Number(hitDiceMatch[1]) >= 1 && Number(hitDiceMatch[2]) >= 1;
  const hitDice = validHitDice ? `${Number(hitDiceMatch![1])}d${Number(hitDiceMatch![2])}` : '';
  if (hitDiceText !== undefined && !validHitDice) notes.push(`hit_dice: "${hitDiceText}" is not like "2d6"`);
  const conBonus = validHitDice ? Number(hitDiceMatch![1]) * abilityModifier(abilities.con) : 0;
  const derivedFormula = hpFormulaOrNull(hitDice ? `${hitDice}${conBonus > 0 ? `+${conBonus}` : conBonus < 0 ? `${conBonus}` : ''}` : null);
  const rollText = field(o, 'hit_points_roll', text, notes);
  let hpFormula = hpFormulaOrNull(rollText);
  if (rollText !== undefined && hpFormula === null) notes.push(`hit_points_roll: "${rollText}" is not dice that give hit points; used ${derivedFormula ?? 'none'}`);
  hpFormula ??= derivedFormula;
  let hp = field(o, 'hit_points', z.number().int().min(1).max(100000), notes);
  if (hp === undefined) {
    hp = validHitDice ? Math.min(100000, Math.max(1, Math.floor(Number(hitDiceMatch![1]) * (Number(hitDiceMatch![2]) + 1) / 2) + conBonus)) : 1;
    notes.push(`hit_points: missing; used ${hp}`);
  }

  // Saving throws: proficient values from "Saving Throw: DEX", else the ability modifier.
  const saves = {} as Record<Ability, number>;
  for (const ab of ABILITIES) saves[ab] = abilityModifier(abilities[ab]);
  const proficiencies = field(o, 'proficiencies', z.array(z.unknown()), notes) ?? [];
  for (const p of proficiencies) {
    const r = z.looseObject({ value: z.number().int(), proficiency: z.looseObject({ name: z.string() }) }).safeParse(p);
    if (!r.success) {
      notes.push(`proficiencies: ${shown(p)} could not be read`);
      continue;
    }
    const m = /^saving throw:\s*(\w+)/i.exec(r.data.proficiency.name);
    const ab = m ? abilityFromText(m[1]) : null;
    if (ab) saves[ab] = Math.max(-10, Math.min(30, r.data.value));
  }

  const phrases = (key: string) => (field(o, key, z.array(text), notes) ?? []).map(damagePhrase);
  const nonmagicalResistances: DamageType[] = [];
  const nonmagicalImmunities: DamageType[] = [];
  const resistances = mapDamageList(phrases('damage_resistances'), 'Resistance', notModelled, notes, nonmagicalResistances);
  const immunities = mapDamageList(phrases('damage_immunities'), 'Immunity', notModelled, notes, nonmagicalImmunities);
  const vulnerabilities = mapDamageList(phrases('damage_vulnerabilities'), 'Vulnerability', notModelled, notes);
  const conditionImmunities = (field(o, 'condition_immunities', z.array(z.union([text, ref])), notes) ?? [])
    .map((c) => (typeof c === 'string' ? c : c.index).toLowerCase());

  let cr = field(o, 'challenge_rating', z.number().min(0).max(30), notes);
  if (cr === undefined || (cr < 1 && ![0, 0.125, 0.25, 0.5].includes(cr)) || (cr >= 1 && !Number.isInteger(cr))) {
    if (cr !== undefined) notes.push(`challenge_rating: ${cr} is not a challenge rating; used 0`);
    else notes.push('challenge_rating: missing; used 0');
    cr = 0;
  }
  const xp = field(o, 'xp', z.number().int().min(0), notes) ?? xpForCr(cr) ?? 0;
  return {
    name, id, size, type, subtype, abilities, ac, acField, hitDice, hpFormula, hp, saves,
    nonmagicalResistances, nonmagicalImmunities, resistances, immunities, vulnerabilities, conditionImmunities, cr, xp,
  };
}
