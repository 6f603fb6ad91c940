// Imports a creature from the Open5e API v2 (`/v2/creatures/<key>/`, or one item of a page's
// `results`): its fields inline, `actions` with their `attacks` nested in them, and `traits`. The
// API is the same data as the Open5e export the SRD 5.2 compendium is built from, nested instead of
// joined by `pk`, so this module only reshapes it: a creature written in the 2024 stat-block text
// becomes the export's tables and goes through the SRD 5.2 converter; one written in the 2014 text
// (the SRD 5.1 creatures, document `srd-2014`) becomes the 5e SRD API shape the SRD 5.1 converter
// reads. Values are read tolerantly (numbers as text, `{ key, name }` objects or plain keys,
// missing parts); what is unusable throws an Error naming the field, which the import reports.

import { convertSrdMonster } from '../content/srd/convert.ts';
import { abilityFromText, damageMentions, hitText, isObj, shown, type Obj } from '../content/srd/stat-block.ts';
import type { ImportedMonster } from '../content/srd/types.ts';
import { convertSrd2024Creature } from '../content/srd-2024/convert.ts';
import { joinSrd2024, type SourceRecord } from '../content/srd-2024/source.ts';

const ABILITY_WORDS = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'] as const;
const ABILITY_SHORT: Record<(typeof ABILITY_WORDS)[number], string> = {
  strength: 'STR', dexterity: 'DEX', constitution: 'CON', intelligence: 'INT', wisdom: 'WIS', charisma: 'CHA',
};
/** The most hit points the engine takes. */
const MAX_HP = 100000;
const ACTION_TYPES = ['ACTION', 'BONUS_ACTION', 'REACTION', 'LEGENDARY_ACTION'];
/** Lists some API versions keep apart from `actions`, and the action type of their items. */
const SEPARATE_LISTS: Record<string, string> = { bonus_actions: 'BONUS_ACTION', reactions: 'REACTION', legendary_actions: 'LEGENDARY_ACTION' };

/** Fields only the Open5e v2 shape has (neither the 5e SRD API nor 5etools). */
const OPEN5E_KEYS = [
  'ability_scores', 'challenge_rating_decimal', 'challenge_rating_text', 'resistances_and_immunities', 'saving_throws_all',
  'ability_score_strength', 'initiative_bonus', 'speed_all', 'creaturesets',
];

/** True for an object shaped like an Open5e API v2 creature. */
export function isOpen5eCreature(value: unknown): boolean {
  if (!isObj(value)) return false;
  if (OPEN5E_KEYS.some((k) => k in value)) return true;
  if (Array.isArray(value.actions) && value.actions.some((a) => isObj(a) && ('action_type' in a || 'attacks' in a))) return true;
  return typeof value.key === 'string' && 'hit_points' in value && !('index' in value);
}

// ------------------------------------------------------------------ tolerant readers

/** A number, or a number written as text ("+5", "10.000", "1/4"); null when absent; throws naming the field otherwise. */
function numberAt(v: unknown, path: string, notes: string[]): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
  } else if (typeof v === 'string') {
    const t = v.trim();
    const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
    if (fraction && Number(fraction[2]) > 0) return Number(fraction[1]) / Number(fraction[2]);
    if (/^[+-]?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  }
  notes.push(`${path}: ${shown(v)} is not a number; left out`);
  return null;
}

/** A key from a plain string or an `{ key, name }` object (the API writes sizes, types and damage types both ways). */
function keyOf(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (isObj(v)) {
    for (const k of ['key', 'index', 'name']) if (typeof v[k] === 'string') return (v[k] as string).trim();
  }
  return '';
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function listAt(v: unknown, path: string, notes: string[]): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  notes.push(`${path}: expected a list, got ${shown(v)}; left out`);
  return [];
}

/** "srd-2024_goblin-warrior" -> "Goblin Warrior". */
function nameFromKey(key: string): string {
  const base = key.includes('_') ? key.slice(key.lastIndexOf('_') + 1) : key;
  return base.split('-').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

// ------------------------------------------------------------------ the creature, normalised

interface Attack {
  to_hit_mod: number | null;
  damage_die_count: number | null;
  damage_die_type: string | null;
  damage_bonus: number | null;
  damage_type: string | null;
  extra_damage_die_count: number | null;
  extra_damage_die_type: string | null;
  extra_damage_bonus: number | null;
  extra_damage_type: string | null;
  reach: number | null;
  range: number | null;
}

interface Action {
  key: string;
  name: string;
  desc: string;
  action_type: string;
  uses_type: string | null;
  uses_param: number | null;
  legendary_action_cost: number | null;
  limited_to_form: string | null;
  order_in_statblock: number;
  attacks: Attack[];
}

interface Creature {
  key: string;
  name: string;
  document: string;
  /** The flat fields of the export's Creature table. */
  fields: Record<string, unknown>;
  actions: Action[];
  traits: Array<{ name: string; desc: string }>;
}

/** "D10", "d10" or 10 -> "D10". */
function dieType(v: unknown, path: string, notes: string[]): string | null {
  if (v === undefined || v === null || v === '') return null;
  const m = /^\s*d?\s*(\d+)\s*$/i.exec(String(v));
  if (m && (typeof v === 'string' || typeof v === 'number')) return `D${Number(m[1])}`;
  notes.push(`${path}: ${shown(v)} is not a die such as "D10"; left out`);
  return null;
}

/** ACTION, BONUS_ACTION...; "Bonus Action" and "bonus_action" too. */
function actionType(v: unknown, fallback: string, path: string, notes: string[]): string {
  const t = keyOf(v).toUpperCase().replace(/[\s-]+/g, '_');
  if (t === '') return fallback;
  if (ACTION_TYPES.includes(t)) return t;
  notes.push(`${path}: "${keyOf(v)}" is not one of ${ACTION_TYPES.join(', ')}; read as ${fallback}`);
  return fallback;
}

function readAttack(raw: unknown, path: string, notes: string[]): Attack | null {
  if (!isObj(raw)) {
    notes.push(`${path}: ${shown(raw)} is not an attack; left out`);
    return null;
  }
  const n = (k: string): number | null => numberAt(raw[k], `${path}.${k}`, notes);
  const type = (k: string): string | null => keyOf(raw[k]).toLowerCase() || null;
  return {
    to_hit_mod: n('to_hit_mod'),
    damage_die_count: n('damage_die_count'),
    damage_die_type: dieType(raw.damage_die_type, `${path}.damage_die_type`, notes),
    damage_bonus: n('damage_bonus'),
    damage_type: type('damage_type'),
    extra_damage_die_count: n('extra_damage_die_count'),
    extra_damage_die_type: dieType(raw.extra_damage_die_type, `${path}.extra_damage_die_type`, notes),
    extra_damage_bonus: n('extra_damage_bonus'),
    extra_damage_type: type('extra_damage_type'),
    reach: n('reach'),
    range: n('range'),
  };
}

function readAction(raw: unknown, path: string, fallbackType: string, order: number, creatureKey: string, notes: string[]): Action | null {
  if (!isObj(raw)) {
    notes.push(`${path}: ${shown(raw)} is not an action; left out`);
    return null;
  }
  const name = textOf(raw.name).trim() || (typeof raw.key === 'string' ? nameFromKey(raw.key) : '');
  if (!name) {
    notes.push(`${path}.name: missing; the action is left out`);
    return null;
  }
  const uses = keyOf(raw.uses_type).toUpperCase().replace(/[\s-]+/g, '_');
  return {
    key: typeof raw.key === 'string' && raw.key ? raw.key : `${creatureKey}_${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    name,
    desc: textOf(raw.desc),
    action_type: actionType(raw.action_type, fallbackType, `${path}.action_type`, notes),
    uses_type: uses || null,
    uses_param: numberAt(raw.uses_param, `${path}.uses_param`, notes),
    legendary_action_cost: numberAt(raw.legendary_action_cost, `${path}.legendary_action_cost`, notes),
    limited_to_form: textOf(raw.limited_to_form) || null,
    order_in_statblock: numberAt(raw.order_in_statblock ?? raw.order, `${path}.order_in_statblock`, notes) ?? order,
    attacks: listAt(raw.attacks, `${path}.attacks`, notes)
      .map((a, i) => readAttack(a, `${path}.attacks[${i}]`, notes))
      .filter((a): a is Attack => a !== null),
  };
}

/** Damage, resistance and condition lists: plain keys or `{ key, name }` objects, inline or under `resistances_and_immunities`. */
function keyList(o: Obj, nested: Obj, field: string, notes: string[]): string[] {
  const v = o[field] ?? nested[field];
  const where = field in o ? field : `resistances_and_immunities.${field}`;
  return listAt(v, where, notes).map((x) => keyOf(x).toLowerCase()).filter(Boolean);
}

function normalise(input: unknown): { creature: Creature; notes: string[] } {
  if (!isObj(input)) throw new Error(`expected a creature object, got ${shown(input)}`);
  const o = input;
  const notes: string[] = [];
  const key = keyOf(o.key) || keyOf(o.slug);
  const name = textOf(o.name).trim() || (key ? nameFromKey(key) : '');
  if (!name) throw new Error('name: missing, and no key to name the creature by');
  const document = keyOf(o.document) || keyOf(o.document__key) || (/^srd-2024_/.test(key) ? 'srd-2024' : /^srd_/.test(key) ? 'srd-2014' : '');

  const hp = numberAt(o.hit_points, 'hit_points', notes);
  if (hp === null || hp < 1 || !Number.isInteger(hp)) {
    throw new Error(`hit_points: ${o.hit_points === undefined ? 'missing' : `${shown(o.hit_points)} is not a whole number of hit points`}`);
  }
  if (hp > MAX_HP) throw new Error(`hit_points: ${hp} is more than the ${MAX_HP} the simulation takes`);
  const acRaw = Array.isArray(o.armor_class) && isObj(o.armor_class[0]) ? o.armor_class[0].value : o.armor_class;
  const ac = numberAt(acRaw, 'armor_class', notes);
  if (ac === null || ac < 1 || ac > 50 || !Number.isInteger(ac)) {
    throw new Error(`armor_class: ${o.armor_class === undefined ? 'missing' : `${shown(o.armor_class)} is not an armor class`}`);
  }

  const fields: Record<string, unknown> = {
    name, armor_class: ac, hit_points: hp, hit_dice: textOf(o.hit_dice), document,
    size: keyOf(o.size).toLowerCase(), type: keyOf(o.type).toLowerCase(),
  };
  const scores = isObj(o.ability_scores) ? o.ability_scores : {};
  const saves = isObj(o.saving_throws) ? o.saving_throws : isObj(o.saving_throws_all) ? o.saving_throws_all : {};
  for (const ab of ABILITY_WORDS) {
    const scoreKey = `ability_score_${ab}`;
    const score = numberAt(o[scoreKey] ?? scores[ab] ?? o[ab], ab in scores ? `ability_scores.${ab}` : scoreKey, notes);
    if (score !== null) fields[scoreKey] = score;
    const saveKey = `saving_throw_${ab}`;
    const save = numberAt(o[saveKey] ?? saves[ab], ab in saves ? `saving_throws.${ab}` : saveKey, notes);
    if (save !== null) fields[saveKey] = save;
  }
  const cr = numberAt(o.challenge_rating_decimal ?? o.challenge_rating ?? o.challenge_rating_text ?? o.cr,
    'challenge_rating_decimal' in o ? 'challenge_rating_decimal' : 'challenge_rating', notes);
  if (cr === null) notes.push('challenge_rating: missing; used 0');
  fields.challenge_rating = String(cr ?? 0);
  const initiative = numberAt(o.initiative_bonus, 'initiative_bonus', notes);
  if (initiative !== null) fields.initiative_bonus = initiative;
  for (const sense of ['blindsight_range', 'truesight_range']) {
    const range = numberAt(o[sense], sense, notes);
    if (range !== null) fields[sense] = range;
  }
  const defences = isObj(o.resistances_and_immunities) ? o.resistances_and_immunities : {};
  for (const list of ['damage_resistances', 'damage_immunities', 'damage_vulnerabilities', 'condition_immunities']) {
    fields[list] = keyList(o, defences, list, notes);
  }
  for (const flag of ['nonmagical_attack_resistance', 'nonmagical_attack_immunity']) fields[flag] = o[flag] === true || defences[flag] === true;

  const actions: Action[] = [];
  listAt(o.actions, 'actions', notes).forEach((a, i) => {
    const read = readAction(a, `actions[${i}]`, 'ACTION', i, key || name, notes);
    if (read) actions.push(read);
  });
  for (const [list, type] of Object.entries(SEPARATE_LISTS)) {
    listAt(o[list], list, notes).forEach((a, i) => {
      const read = readAction(a, `${list}[${i}]`, type, 100 + i, key || name, notes);
      if (read) actions.push(read);
    });
  }
  const traits: Array<{ name: string; desc: string }> = [];
  listAt(o.traits ?? o.special_abilities, 'traits' in o ? 'traits' : 'special_abilities', notes).forEach((t, i) => {
    const traitName = isObj(t) ? textOf(t.name).trim() : '';
    if (!traitName) notes.push(`traits[${i}]: ${shown(t)} has no name; left out`);
    else traits.push({ name: traitName, desc: textOf((t as Obj).desc) });
  });
  return { creature: { key: key || name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, document, fields, actions, traits }, notes };
}

// ------------------------------------------------------------------ the two converters

/** Which stat-block text the actions are written in: 2024 ("Attack Roll:", "Saving Throw: DC") or 2014. */
function writtenIn(c: Creature): '2014' | '2024' {
  const text = c.actions.map((a) => a.desc).join('\n');
  if (/\bAttack Roll:|\bSaving Throw:\s*DC\b/.test(text)) return '2024';
  if (/\b(?:Weapon|Spell) Attack:|\bDC \d+ [A-Z][a-z]+ saving throw/.test(text)) return '2014';
  return c.document === 'srd-2014' ? '2014' : '2024';
}

/** The nested creature as the export's four tables, joined by the SRD 5.2 source reader. */
function viaSrd2024(c: Creature): ImportedMonster {
  const record = (pk: string, fields: Record<string, unknown>): SourceRecord => ({ pk, fields });
  const actions: SourceRecord[] = [];
  const attacks: SourceRecord[] = [];
  for (const a of c.actions) {
    const { attacks: own, key, ...fields } = a;
    actions.push(record(key, { ...fields, parent: c.key }));
    own.forEach((k, i) => attacks.push(record(`${key}_attack-${i}`, { ...k, parent: key })));
  }
  const traits = c.traits.map((t, i) => record(`${c.key}_trait-${i}`, { ...t, parent: c.key }));
  const [joined] = joinSrd2024({ creatures: [record(c.key, c.fields)], actions, attacks, traits });
  return convertSrd2024Creature(joined);
}

const dice = (count: number | null, die: string | null, bonus: number | null): string | null =>
  count !== null && count > 0 && die !== null ? `${count}${die.toLowerCase()}${bonus ? (bonus > 0 ? `+${bonus}` : `${bonus}`) : ''}` : null;

/** The damage an action's text deals first, with what "plus" adds to it, as the SRD API lists it. */
function damageOf(text: string, attack: Attack | undefined): Obj[] {
  const mentions = damageMentions(text);
  const out: Obj[] = [];
  let end = -1;
  for (const m of mentions) {
    if (out.length > 0 && !/^\s*,?\s*plus\s*$/i.test(text.slice(end, m.start))) break;
    out.push({ damage_dice: m.dice, damage_type: { index: m.typeText } });
    end = m.end;
  }
  if (out.length === 0 && attack) {
    const main = dice(attack.damage_die_count, attack.damage_die_type, attack.damage_bonus);
    const type = attack.damage_type ?? attack.extra_damage_type;
    if (main && type) out.push({ damage_dice: main, damage_type: { index: type } });
  }
  return out;
}

function srdUsage(a: Action): Obj | undefined {
  switch (a.uses_type) {
    case null: return undefined;
    case 'RECHARGE_ON_ROLL': case 'RECHARGE': return { type: 'recharge on roll', dice: '1d6', min_value: a.uses_param ?? 6 };
    case 'PER_DAY': return { type: 'per day', times: a.uses_param ?? 1 };
    default: return /REST/.test(a.uses_type) ? { type: 'recharge after rest', rest_types: /SHORT/.test(a.uses_type) ? ['short', 'long'] : ['long'] } : { type: a.uses_type.toLowerCase() };
  }
}

/** One action in the 5e SRD API's shape: the attack bonus from the attack table, damage and the save from the 2014 text. */
function srdAction(a: Action): Obj {
  const out: Obj = { name: a.name, desc: a.desc };
  const usage = srdUsage(a);
  if (usage) out.usage = usage;
  if (/^multiattack/i.test(a.name)) return out;
  const attack = a.attacks.find((k) => k.to_hit_mod !== null);
  const textBonus = /([+-]\d+) to hit/.exec(a.desc);
  const bonus = attack?.to_hit_mod ?? (textBonus ? Number(textBonus[1]) : null);
  if (bonus !== null && /\battack\b/i.test(a.desc)) {
    out.attack_bonus = bonus;
    out.damage = damageOf(hitText(a.desc), attack);
    return out;
  }
  const save = /\bDC (\d+) (Strength|Dexterity|Constitution|Intelligence|Wisdom|Charisma) saving throw/i.exec(a.desc);
  const ability = save ? abilityFromText(save[2]) : null;
  if (save && ability) {
    out.dc = { dc_type: { index: ability }, dc_value: Number(save[1]), success_type: /half as much damage|half damage/i.test(a.desc) ? 'half' : 'none' };
    out.damage = damageOf(a.desc, undefined);
  }
  return out;
}

/** The nested creature as the 5e SRD API writes it, for the SRD 5.1 converter. */
function viaSrd2014(c: Creature): ImportedMonster {
  const f = c.fields;
  const hitDice = /^\s*(\d+)\s*d\s*(\d+)/i.exec(textOf(f.hit_dice));
  const nonmagical = f.nonmagical_attack_resistance === true || f.nonmagical_attack_immunity === true;
  const physical = ['bludgeoning', 'piercing', 'slashing'];
  const defences = (list: string, flag: boolean): string[] => {
    const types = f[list] as string[];
    if (!flag || !physical.every((t) => types.includes(t))) return types;
    return [...types.filter((t) => !physical.includes(t)), 'bludgeoning, piercing, and slashing from nonmagical attacks'];
  };
  const srd: Obj = {
    index: c.key.replace(/^srd_/, ''), name: c.name,
    size: f.size ? `${String(f.size)[0].toUpperCase()}${String(f.size).slice(1)}` : '', type: f.type,
    armor_class: f.armor_class, hit_points: f.hit_points,
    ...(hitDice && { hit_dice: `${hitDice[1]}d${hitDice[2]}`, hit_points_roll: textOf(f.hit_dice).replace(/\s+/g, '') }),
    proficiencies: ABILITY_WORDS.filter((ab) => typeof f[`saving_throw_${ab}`] === 'number')
      .map((ab) => ({ value: f[`saving_throw_${ab}`], proficiency: { name: `Saving Throw: ${ABILITY_SHORT[ab]}` } })),
    damage_resistances: defences('damage_resistances', f.nonmagical_attack_resistance === true),
    damage_immunities: defences('damage_immunities', f.nonmagical_attack_immunity === true),
    damage_vulnerabilities: f.damage_vulnerabilities,
    condition_immunities: f.condition_immunities,
    challenge_rating: Number(f.challenge_rating),
    special_abilities: c.traits,
    actions: c.actions.filter((a) => a.action_type === 'ACTION' || a.action_type === 'BONUS_ACTION').map(srdAction),
    reactions: c.actions.filter((a) => a.action_type === 'REACTION').map(srdAction),
    legendary_actions: c.actions.filter((a) => a.action_type === 'LEGENDARY_ACTION').map(srdAction),
  };
  for (const ab of ABILITY_WORDS) if (typeof f[`ability_score_${ab}`] === 'number') srd[ab] = f[`ability_score_${ab}`];
  const imported = convertSrdMonster(srd);
  if (nonmagical && !physical.every((t) => (f.damage_resistances as string[]).includes(t) || (f.damage_immunities as string[]).includes(t))) {
    imported.notes.push('nonmagical attack resistance or immunity flagged without the damage types it covers; left out');
  }
  if (c.actions.some((a) => a.action_type === 'BONUS_ACTION')) {
    imported.notes.push(`bonus actions (${c.actions.filter((a) => a.action_type === 'BONUS_ACTION').map((a) => a.name).join(', ')}) read as actions, as the SRD 5.1 reader knows no bonus actions`);
  }
  return imported;
}

/**
 * Converts one Open5e API v2 creature. Throws an Error naming the field when the creature has no
 * usable name, hit points or armor class; everything else that cannot be read is in `notes`.
 */
export function convertOpen5eCreature(input: unknown): ImportedMonster {
  const { creature, notes } = normalise(input);
  const imported = writtenIn(creature) === '2024' ? viaSrd2024(creature) : viaSrd2014(creature);
  imported.notes.unshift(...notes);
  return imported;
}
