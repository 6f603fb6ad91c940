// Converts one monster in 5etools' bestiary JSON (as in its data files, or pasted from a stat
// block's "View JSON") into a compendium entry. 5etools writes attacks as tagged text, so this reads
// {@atk mw} {@hit 4} ... {@h}5 ({@damage 1d6 + 2}) slashing damage, {@dc 13} Dexterity saving
// throws with "half as much damage on a successful one", {@recharge 5} and "(3/Day)" in names, and
// Multiattack sentences. The 2024 style ({@atkr m}, {@actSave dex}, {@actSaveFail}, {@hom}) is read too.
// Never throws: what cannot be read goes into the notes.

import { z } from 'zod';
import { ABILITIES, type Ability, type Uses } from '../../engine/index.ts';
import { proficiencyBonusForCr } from '../../engine/tables.ts';
import { readMultiattack, type MultiattackAction } from '../content/srd/multiattack.ts';
import {
  abilityFromText, abilityModifier, asDamageType, buildActions, buildCreature, circumstanceOf, crFromText,
  crToText, damageMentions, effectNote, effectsIn, hitText, hpFormulaOrNull, keepSimulatable, mapDamageList, meanOf, normaliseDice,
  onlySometimes, regenerationOf, saveMention, saveTargets, slug, stripTags, traitIsNeutral, usesFromName, xpForCr,
  type DamageListItem, type DamagePart, type MultiattackPlan, type ParsedAction,
} from '../content/srd/stat-block.ts';
import { splitFidelity } from '../content/srd/features.ts';
import { isObj, type Obj, shown } from '../content/srd/stat-block.ts';
import type { CompendiumMonster, ImportedMonster, LegendaryInfo } from '../content/srd/types.ts';
import { as2014Wording } from '../content/srd-2024/text.ts';



function field<T>(o: Obj, key: string, schema: z.ZodType<T>, notes: string[]): T | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  notes.push(`${key}: ${shown(value)} could not be read`);
  return undefined;
}

const SIZES: Record<string, string> = { T: 'Tiny', S: 'Small', M: 'Medium', L: 'Large', H: 'Huge', G: 'Gargantuan' };

const KNOWN_FIELDS = new Set([
  'name', 'source', 'page', 'size', 'type', 'alignment', 'alignmentPrefix', 'ac', 'hp', 'speed', ...ABILITIES, 'save',
  'skill', 'senses', 'passive', 'languages', 'cr', 'trait', 'action', 'bonus', 'reaction', 'legendary',
  'legendaryActions', 'legendaryActionsLair', 'legendaryHeader', 'legendaryGroup', 'mythic', 'mythicHeader',
  'spellcasting', 'resist', 'immune', 'vulnerable', 'conditionImmune', 'initiative', 'environment', 'soundClip',
  'hasToken', 'hasFluff', 'hasFluffImages', 'srd', 'srd52', 'basicRules', 'basicRules2024', 'otherSources',
  'additionalSources', 'reprintedAs', 'isNpc', 'isNamedCreature', 'traitTags', 'actionTags', 'senseTags', 'languageTags',
  'damageTags', 'damageTagsLegendary', 'damageTagsSpell', 'miscTags', 'spellcastingTags', 'conditionInflict',
  'conditionInflictLegendary', 'conditionInflictSpell', 'savingThrowForced', 'savingThrowForcedLegendary',
  'savingThrowForcedSpell', 'attachedItems', 'dragonCastingColor', 'dragonAge', 'tokenUrl', 'token', 'tokenCredit',
  'shortName', 'familiar', 'sizeNote', 'group', 'altArt', 'footer', 'fluff', 'pbNote', 'gear', 'treasure', 'alias',
  'actionHeader', 'bonusHeader', 'reactionHeader', 'actionNote', 'hpNote', 'acNote', 'level', 'summonedBySpell',
  'summonedBySpellLevel', 'summonedByClass', 'foundryImg', 'hasTokenCustom', 'tokenHref', 'originalName', 'variant',
  '_copy', '_isCopy', '_versions', 'legacy', 'customHtml',
]);

/** The text of 5etools "entries": strings, lists and named sub-entries, flattened. */
export function entriesText(value: unknown, depth = 0): string {
  if (depth > 8) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => entriesText(v, depth + 1)).filter(Boolean).join(' ');
  if (isObj(value)) {
    const parts: string[] = [];
    if (typeof value.name === 'string' && value.type === 'item') parts.push(`${value.name}.`);
    for (const key of ['entry', 'entries', 'items', 'headerEntries']) if (key in value) parts.push(entriesText(value[key], depth + 1));
    return parts.filter(Boolean).join(' ');
  }
  return '';
}

const namedEntry = z.looseObject({ name: z.string(), entries: z.unknown().optional() });
const MAX_NAME = 200;
const MAX_TEXT = 8000;

interface NamedText {
  name: string;
  uses: Uses | null;
  cost: number | null;
  /** The entries as written, with tags. */
  raw: string;
  /** Where it is in the file ("action[2]"), for notes. */
  path: string;
}

function namedList(o: Obj, key: string, notes: string[]): NamedText[] {
  const value = o[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    notes.push(`${key}: expected a list, got ${shown(value)}`);
    return [];
  }
  const out: NamedText[] = [];
  value.forEach((item, i) => {
    const r = namedEntry.safeParse(item);
    if (!r.success) {
      notes.push(`${key}[${i}]: ${shown(item)} could not be read`);
      return;
    }
    const u = usesFromName(r.data.name);
    // Stat-block texts are short; the cap keeps the text patterns fast on hostile input.
    out.push({ name: (u.name || `${key} ${i + 1}`).slice(0, MAX_NAME), uses: u.uses, cost: u.cost, raw: entriesText(r.data.entries).slice(0, MAX_TEXT), path: `${key}[${i}]` });
  });
  return out;
}

/** "+5" or 5 -> 5. */
function bonus(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v !== 'string') return null;
  const m = /^\s*([+-]?\d+)\b/.exec(stripTags(v));
  return m ? Number(m[1]) : null;
}

/** Items of resist / immune / vulnerable: "fire", {resist: [...], note}, {special: "..."}. */
function damageItems(value: unknown, key: string, notes: string[]): DamageListItem[] {
  const items: DamageListItem[] = [];
  const visit = (v: unknown, qualifier: string, depth: number): void => {
    if (depth > 4) return;
    if (typeof v === 'string') {
      for (const part of stripTags(v).split(/\s*[,;]\s*/).filter(Boolean)) {
        const words = part.trim().split(/\s+/);
        items.push(words.length === 1 ? { types: [words[0].toLowerCase()], qualifier, text: part } : { types: [], qualifier: '', text: part });
      }
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, qualifier, depth + 1));
      return;
    }
    if (isObj(v)) {
      if (typeof v.special === 'string') {
        items.push({ types: [], qualifier: '', text: stripTags(v.special) });
        return;
      }
      const inner = v[key];
      const q = [v.preNote, v.note].filter((x): x is string => typeof x === 'string').map(stripTags).join(' ').trim();
      if (inner !== undefined) {
        const before = items.length;
        visit(inner, q || qualifier, depth + 1);
        // Items read from one conditional object share its note, so they are noted together.
        const added = items.splice(before);
        const types = added.flatMap((a) => a.types);
        const q2 = q || qualifier;
        items.push({ types, qualifier: q2, text: `${types.join(', ')}${q2 ? ` ${q2}` : ''}` });
        return;
      }
    }
    notes.push(`${key}: ${shown(v)} could not be read`);
  };
  visit(value, '', 0);
  return items;
}

function conditionList(value: unknown, notes: string[]): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4) return;
    if (typeof v === 'string') out.push(...stripTags(v).split(/\s*,\s*/).map((s) => s.trim().toLowerCase()).filter(Boolean));
    else if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isObj(v) && 'conditionImmune' in v) visit(v.conditionImmune, depth + 1);
    else if (isObj(v) && typeof v.special === 'string') out.push(stripTags(v.special).toLowerCase());
    else notes.push(`conditionImmune: ${shown(v)} could not be read`);
  };
  visit(value, 0);
  return [...new Set(out)];
}

/** "Dexterity" after a DC, or the 2024 {@actSave dex}. */
function saveAbility(raw: string): Ability | null {
  const tag = /\{@actSave\s+(\w+)\}/i.exec(raw);
  if (tag) return abilityFromText(tag[1]);
  const plain = stripTags(raw);
  const m = /DC\s*\d+\s+(strength|dexterity|constitution|intelligence|wisdom|charisma)\b/i.exec(plain)
    ?? /\b(strength|dexterity|constitution|intelligence|wisdom|charisma)\s+saving throw/i.exec(plain);
  return m ? abilityFromText(m[1]) : null;
}

function saveDc(raw: string): number | null {
  const m = /\{@dc\s+(\d+)/i.exec(raw) ?? /\bDC\s*(\d+)/.exec(stripTags(raw));
  return m ? Number(m[1]) : null;
}

/**
 * The first damage of a text, plus any added to it with "plus"; other mentions are noted. With
 * `firstSentence`, damage that only starts in a later sentence (ongoing damage) is noted too.
 */
function damageFrom(subject: string, text: string, notModelled: string[], notes: string[], firstSentence = false, path = ''): DamagePart[] {
  const parts: DamagePart[] = [];
  let previousEnd = -1;
  let linked = true;
  const unrollable: string[] = [];
  const mentions = damageMentions(text, unrollable);
  for (const problem of unrollable) notes.push(`${path ? `${path} (${subject})` : subject}: ${problem}`);
  for (const m of mentions) {
    const type = asDamageType(m.typeText);
    if (!type) {
      notes.push(`${subject}: damage type "${m.typeText}" is not known`);
      continue;
    }
    const gap = previousEnd < 0 ? '' : text.slice(previousEnd, m.start);
    previousEnd = m.end;
    if (parts.length === 0 && linked && !(firstSentence && /\.\s/.test(stripTags(text.slice(0, m.start))))) {
      parts.push({ dice: m.dice, type });
    } else if (linked && /^\s*,?\s*plus\s*$/i.test(gap) && !onlySometimes(text, m.end)) {
      parts.push({ dice: m.dice, type });
    } else {
      linked = false;
      notModelled.push(`${subject}: ${m.dice} ${m.typeText} damage ${circumstanceOf(text, m)}`);
    }
  }
  return parts;
}

function leftOut(kind: string, name: string, text: string): string {
  // 2024 text names conditions as "has the Restrained condition": read in the 2014 wording too.
  const effects = [...new Set([...effectsIn(text), ...effectsIn(as2014Wording(stripTags(text)))])];
  const save = saveMention(text);
  const detail = [effects.join(', '), save].filter(Boolean).join('; ');
  return `${kind}: ${name}${detail ? ` (${detail})` : ''}`;
}

const ATTACK_TAG = /\{@atkr?\s+([^}]*)\}/i;
const ATTACK_WORDS = /\b(melee|ranged)(?:\s+or\s+ranged)?\s+(?:weapon\s+|spell\s+)?attack(?:\s+roll)?\s*:/i;

function readAction(named: NamedText, slot: 'action' | 'bonus', parsed: ParsedAction[], reaches: MultiattackAction[], notModelled: string[], notes: string[]): void {
  // 2024 "Hit or Miss:" ({@hom}): read as the hit's damage; what it deals on a miss is a gap.
  const hitOrMiss = /\{@hom\}/i.test(named.raw);
  const a = hitOrMiss ? { ...named, raw: named.raw.replace(/\{@hom\}/gi, '{@h}') } : named;
  if (hitOrMiss) notModelled.push(`${a.name}: its damage on a miss (Hit or Miss) is dealt on hits only`);
  const uses: Uses = a.uses ?? { per: 'at-will' };
  const plain = stripTags(a.raw);
  const tag = ATTACK_TAG.exec(a.raw);
  const words = ATTACK_WORDS.exec(plain);
  if (tag || words) {
    const reach = tag ? (/m/i.test(tag[1].split(',')[0]) ? 'melee' : 'ranged') : /^melee/i.test(words![1]) ? 'melee' : 'ranged';
    const hitTag = /\{@hit\s+([+-]?\d+)\}/i.exec(a.raw);
    const hitWords = /([+-]\d+)\s+to hit/i.exec(plain) ?? /attack roll:\s*([+-]\d+)/i.exec(plain);
    const toHit = hitTag ? Number(hitTag[1]) : hitWords ? Number(hitWords[1]) : null;
    reaches.push({ name: a.name, reach });
    if (toHit === null) {
      notes.push(`${a.name}: the attack bonus could not be read`);
      notModelled.push(leftOut('Action', a.name, a.raw));
      return;
    }
    const hit = hitText(a.raw);
    const parts = damageFrom(a.name, hit, notModelled, notes, true, a.path);
    if (parts.length === 0) {
      notModelled.push(leftOut('Action', a.name, hit));
      return;
    }
    parsed.push({ kind: 'attack', name: a.name, toHit, parts, reach, uses, slot });
    const effect = effectNote(a.name, hit);
    if (effect) notModelled.push(effect);
    return;
  }
  reaches.push({ name: a.name, reach: null });

  const dc = saveDc(a.raw);
  const ability = saveAbility(a.raw);
  if (dc !== null && ability !== null && /saving throw|actSave/i.test(a.raw)) {
    const parts = damageFrom(a.name, a.raw, notModelled, notes, false, a.path);
    if (parts.length > 0) {
      const half = /half as much damage|half damage|takes half|\{@actSaveSuccess\}\s*half/i.test(a.raw);
      const targets = saveTargets(a.name, a.raw, notModelled);
      parsed.push({ kind: 'save', name: a.name, dc, ability, parts, onSuccess: half ? 'half' : 'none', targets, uses, slot });
      const effect = effectNote(a.name, a.raw);
      if (effect) notModelled.push(effect);
      return;
    }
  }

  const heal = /regains?\s+(?:\d+\s*)?\(\s*(?:\{@(?:dice|damage)\s+([^}]+)\}|(\d+d\d+(?:\s*[+-]\s*\d+)?))\s*\)\s+hit points/i.exec(a.raw);
  const amount = heal ? normaliseDice(heal[1] ?? heal[2]) : null;
  if (amount) {
    parsed.push({ kind: 'heal', name: a.name, amount, uses, slot });
    return;
  }
  notModelled.push(leftOut('Action', a.name, a.raw));
}

/** Converts one 5etools monster. Never throws; what cannot be read is in `notes`. */
export function convert5etoolsMonster(input: unknown): ImportedMonster {
  const notes: string[] = [];
  const notModelled: string[] = [];
  const o: Obj = isObj(input) ? input : {};
  if (!isObj(input)) notes.push(`expected a monster object, got ${shown(input)}`);

  let name = field(o, 'name', z.string().trim().min(1), notes);
  if (name === undefined) {
    name = 'Unnamed monster';
    notes.push('name: missing; called "Unnamed monster"');
  }
  name = stripTags(name).slice(0, MAX_NAME);
  if ('_copy' in o) {
    notes.push('_copy: this entry only lists how it differs from another monster; paste the full stat block (its "View JSON") instead');
  }
  if ('variant' in o) notModelled.push('Variant rules in the stat block');

  // Size and type.
  const sizeField = field(o, 'size', z.union([z.string(), z.array(z.string())]), notes);
  const size = (Array.isArray(sizeField) ? sizeField : sizeField ? [sizeField] : []).map((s) => SIZES[s] ?? s).join(' or ');
  if (!size) notes.push('size: missing');
  let type = '';
  let subtype: string | null = null;
  const typeField = o.type;
  if (typeof typeField === 'string') type = typeField;
  else if (isObj(typeField)) {
    const inner = typeField.type;
    if (typeof inner === 'string') type = inner;
    else if (isObj(inner) && Array.isArray(inner.choose)) type = inner.choose.filter((x) => typeof x === 'string').join(' or ');
    if (typeof typeField.swarmSize === 'string') type = `swarm of ${SIZES[typeField.swarmSize] ?? typeField.swarmSize} ${type}s`;
    if (Array.isArray(typeField.tags)) {
      const tags = typeField.tags.map((t) => (typeof t === 'string' ? t : isObj(t) && typeof t.tag === 'string' ? t.tag : '')).filter(Boolean);
      if (tags.length > 0) subtype = tags.join(', ');
    }
  }
  if (!type) notes.push(typeField === undefined ? 'type: missing' : `type: ${shown(typeField)} could not be read`);

  // Abilities.
  const abilities = {} as Record<Ability, number>;
  for (const ab of ABILITIES) {
    const v = field(o, ab, z.number().int().min(1).max(30), notes);
    if (v === undefined && o[ab] === undefined) notes.push(`${ab}: missing; used 10`);
    abilities[ab] = v ?? 10;
  }

  // Armour class: the first value without a condition.
  let ac: number | null = null;
  const acField = o.ac;
  const acItems = Array.isArray(acField) ? acField : acField === undefined ? [] : [acField];
  for (const item of acItems) {
    if (typeof item === 'number' && Number.isInteger(item)) ac ??= item;
    else if (isObj(item) && typeof item.ac === 'number') {
      if (typeof item.condition === 'string' && ac !== null) notModelled.push(`AC ${item.ac} ${stripTags(item.condition).trim()}`);
      else if (typeof item.condition === 'string') ac = item.ac;
      else ac ??= item.ac;
    } else if (isObj(item) && typeof item.special === 'string') {
      notes.push(`ac: "${stripTags(item.special)}" is not a number`);
    } else notes.push(`ac: ${shown(item)} could not be read`);
  }
  if (ac === null || ac < 1 || ac > 50) {
    if (acItems.length === 0) notes.push('ac: missing; used 10');
    else if (ac !== null) notes.push(`ac: ${ac} is out of range; used 10`);
    else notes.push('ac: no number found; used 10');
    ac = 10;
  }

  // Hit points.
  let hp: number | null = null;
  let hpFormula: string | null = null;
  let hitDice = '';
  const hpField = o.hp;
  if (typeof hpField === 'number') hp = hpField;
  else if (isObj(hpField)) {
    if (typeof hpField.average === 'number') hp = hpField.average;
    if (typeof hpField.formula === 'string') {
      hpFormula = hpFormulaOrNull(hpField.formula);
      if (hpFormula === null) notes.push(`hp.formula: "${hpField.formula}" is not dice that give hit points`);
      const hd = /^(\d+)d(\d+)/.exec(hpFormula ?? '');
      if (hd) hitDice = `${hd[1]}d${hd[2]}`;
    }
    if (typeof hpField.special === 'string') notes.push(`hp: "${stripTags(hpField.special)}" is not a number`);
  } else if (hpField !== undefined) notes.push(`hp: ${shown(hpField)} could not be read`);
  if (hp === null && hpFormula !== null) {
    hp = Math.max(1, Math.floor(meanOf(hpFormula)));
    notes.push(`hp: no average given; used ${hp} from ${hpFormula}`);
  }
  if (hp === null || !Number.isInteger(hp) || hp < 1 || hp > 100000) {
    notes.push(hp !== null ? `hp: ${hp} is out of range; used 1` : hpField === undefined ? 'hp: missing; used 1' : 'hp: no number found; used 1');
    hp = 1;
  }

  // Challenge rating.
  let cr = 0;
  const crField = o.cr;
  const crText = typeof crField === 'string' ? crField : isObj(crField) && typeof crField.cr === 'string' ? crField.cr : null;
  const crValue = crText !== null ? crFromText(crText) : null;
  if (crValue !== null) cr = crValue;
  else notes.push(crField === undefined ? 'cr: missing; used 0' : `cr: ${shown(crField)} is not a challenge rating; used 0`);
  if (isObj(crField) && typeof crField.lair === 'string') notModelled.push(`CR ${crField.lair} in its lair`);
  if (isObj(crField) && typeof crField.coven === 'string') notModelled.push(`CR ${crField.coven} in a coven`);
  const xp = isObj(crField) && typeof crField.xp === 'number' ? crField.xp : xpForCr(cr) ?? 0;

  // Saving throws and initiative.
  const saves = {} as Record<Ability, number>;
  for (const ab of ABILITIES) saves[ab] = abilityModifier(abilities[ab]);
  const saveField = field(o, 'save', z.record(z.string(), z.unknown()), notes) ?? {};
  for (const [key, value] of Object.entries(saveField)) {
    const ab = abilityFromText(key);
    const b = bonus(value);
    if (ab && b !== null && b >= -10 && b <= 30) saves[ab] = b;
    else notes.push(`save.${key}: ${shown(value)} could not be read`);
  }
  let initiativeBonus: number | undefined;
  const init = o.initiative;
  if (typeof init === 'number' && Number.isInteger(init)) initiativeBonus = init;
  else if (isObj(init) && typeof init.proficiency === 'number') {
    initiativeBonus = abilityModifier(abilities.dex) + init.proficiency * proficiencyBonusForCr(cr);
  } else if (isObj(init) && typeof init.initiative === 'number') initiativeBonus = init.initiative;

  // Damage and condition lists.
  const resistances = mapDamageList(damageItems(o.resist ?? [], 'resist', notes), 'Resistance', notModelled, notes);
  const immunities = mapDamageList(damageItems(o.immune ?? [], 'immune', notes), 'Immunity', notModelled, notes);
  const vulnerabilities = mapDamageList(damageItems(o.vulnerable ?? [], 'vulnerable', notes), 'Vulnerability', notModelled, notes);
  const conditionImmunities = conditionList(o.conditionImmune ?? [], notes);

  // Traits and spellcasting.
  const traits: string[] = [];
  let regeneration: number | null = null;
  let legendaryResistance = 0;
  for (const t of namedList(o, 'trait', notes)) {
    const display = t.uses?.per === 'long-rest' ? `${t.name} (${t.uses.count}/Day)` : t.name;
    traits.push(display);
    if (/^legendary resistance/i.test(t.name)) legendaryResistance = t.uses && 'count' in t.uses ? t.uses.count : 3;
    const regen = regenerationOf(t.name, t.raw);
    if (regen !== null) regeneration = regen;
    if (!traitIsNeutral(t.name, stripTags(t.raw))) notModelled.push(`Trait: ${display}`);
  }
  for (const s of namedList(o, 'spellcasting', notes)) {
    traits.push(s.name);
    notModelled.push(`Trait: ${s.name}`);
  }

  // Actions and bonus actions.
  const parsed: ParsedAction[] = [];
  const reaches: MultiattackAction[] = [];
  const multis: NamedText[] = [];
  for (const a of namedList(o, 'action', notes)) {
    if (/^multiattack\b/i.test(a.name)) multis.push(a);
    else readAction(a, 'action', parsed, reaches, notModelled, notes);
  }
  for (const a of namedList(o, 'bonus', notes)) readAction(a, 'bonus', parsed, reaches, notModelled, notes);
  let plan: MultiattackPlan | null = null;
  if (multis.length > 0) {
    const m = multis[0];
    const reading = readMultiattack(m.raw, reaches);
    notModelled.push(...reading.notModelled);
    if (reading.understood) plan = { name: m.name, components: reading.components };
    else notes.push(`${m.name}: its attacks could not be read`);
    if (multis.length > 1) notes.push(`${multis[1].name}: a second Multiattack is ignored`);
  }

  // Legendary actions, mythic actions, reactions and lairs: facts only.
  const legendaryList = namedList(o, 'legendary', notes);
  const perRound = typeof o.legendaryActions === 'number' ? o.legendaryActions : 3;
  let legendary: LegendaryInfo | null = null;
  if (legendaryList.length > 0 || legendaryResistance > 0) {
    legendary = {
      actionsPerRound: legendaryList.length > 0 ? perRound : 0,
      resistancePerDay: legendaryResistance,
      actions: legendaryList.map((l) => ({ name: l.name, cost: l.cost ?? 1 })),
    };
  }
  if (legendaryList.length > 0) {
    notModelled.push(`Legendary actions (${perRound} per round): ${legendaryList.map((l) => `${l.name}${(l.cost ?? 1) > 1 ? ` (costs ${l.cost})` : ''}`).join(', ')}`);
  }
  const mythic = namedList(o, 'mythic', notes);
  if (mythic.length > 0) notModelled.push(`Mythic actions: ${mythic.map((m) => m.name).join(', ')}`);
  for (const r of namedList(o, 'reaction', notes)) notModelled.push(leftOut('Reaction', r.name, r.raw));
  if (isObj(o.legendaryGroup) && typeof o.legendaryGroup.name === 'string') {
    notModelled.push(`Lair actions and regional effects (${o.legendaryGroup.name})`);
  }

  const unknown = Object.keys(o).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) notes.push(`fields not used: ${unknown.join(', ')}`);

  const actions = buildActions(parsed, plan, notModelled, notes);
  if (actions.length === 0) notModelled.push('No action the engine can run: the monster only takes hits');
  const creature = keepSimulatable(buildCreature({
    name, hp, hpFormula, ac, abilities, saves, resistances, immunities, vulnerabilities, actions, initiativeBonus,
  }), notes);

  const entry: CompendiumMonster = {
    id: slug(name), name, size, type, subtype, cr, crText: crToText(cr), xp, ac, hp, hitDice, abilities, saves,
    resistances, immunities, vulnerabilities, conditionImmunities, legendary, traits, regeneration,
    ...splitFidelity(notModelled), creature,
  };
  return { entry, notes };
}
