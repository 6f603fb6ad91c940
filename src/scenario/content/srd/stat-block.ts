// Shared by the SRD API converter and the 5etools importer: the rules for turning the parts of a
// stat block (attacks with to-hit and dice, saving-throw effects, a multiattack plan, traits,
// damage lists) into the engine's CreatureSpec. Every approximation is written down as it is made,
// in words a DM can read, so the UI can say what a simulated monster leaves out.

import {
  ABILITIES, DAMAGE_TYPES, DEFAULT_RULES, compileScenario, diceMax, diceMean, parseDice,
  type Ability, type ActionSpec, type AttackAction, type AttackSpec, type CreatureSpec, type DamageType, type EffectSpec, type SaveSpec, type Uses,
} from '../../../engine/index.ts';
import { abilityModifier } from '../../../engine/tables.ts';
import { XP_BY_CR } from '../../analysis/difficulty.ts';

/** Re-exported beside the other stat-block helpers the converters read. */
export { abilityModifier };

// ------------------------------------------------------------------ small facts

export const ABILITY_NAMES: Record<Ability, string> = {
  str: 'Strength', dex: 'Dexterity', con: 'Constitution', int: 'Intelligence', wis: 'Wisdom', cha: 'Charisma',
};

/** "DEX", "dex", "Dexterity" -> "dex". */
export function abilityFromText(text: string): Ability | null {
  const t = text.trim().toLowerCase().slice(0, 3);
  return (ABILITIES as readonly string[]).includes(t) ? (t as Ability) : null;
}

export function asDamageType(text: string): DamageType | null {
  const t = text.trim().toLowerCase();
  return (DAMAGE_TYPES as readonly string[]).includes(t) ? (t as DamageType) : null;
}

const CR_FRACTIONS: Record<string, number> = { '1/8': 0.125, '1/4': 0.25, '1/2': 0.5 };

export function crToText(cr: number): string {
  for (const [text, value] of Object.entries(CR_FRACTIONS)) if (value === cr) return text;
  return String(cr);
}

/** "1/4" -> 0.25, "10" -> 10; null for anything else ("Unknown", "—"). */
export function crFromText(text: string): number | null {
  const t = text.trim();
  if (t in CR_FRACTIONS) return CR_FRACTIONS[t];
  if (!/^\d{1,2}$/.test(t)) return null;
  const n = Number(t);
  return n <= 30 ? n : null;
}

export function xpForCr(cr: number): number | null {
  return XP_BY_CR[crToText(cr)] ?? null;
}

/** Dice text the engine parses ("1d6 + 2" -> "1d6+2"), or null. */
export function normaliseDice(text: string): string | null {
  const t = text.replace(/[\u2212\u2013\u2014]/g, '-').replace(/\s+/g, '');
  if (t === '') return null;
  try {
    parseDice(t);
    return t;
  } catch {
    return null;
  }
}

/** Why dice text is not dice the engine parses (the parser's message), for notes. */
function diceProblem(text: string): string {
  try {
    parseDice(text.replace(/[\u2212\u2013\u2014]/g, '-').replace(/\s+/g, ''));
    return `"${text.slice(0, 60)}" is not dice the simulator can roll`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** An HP formula the engine accepts (dice that can give 1 HP or more), or null. */
export function hpFormulaOrNull(text: string | null | undefined): string | null {
  const dice = text ? normaliseDice(text) : null;
  if (dice === null) return null;
  try {
    return diceMax(parseDice(dice)) >= 1 ? dice : null;
  } catch {
    return null;
  }
}

export function meanOf(dice: string): number {
  try {
    return Math.max(0, diceMean(parseDice(dice)));
  } catch {
    return 0;
  }
}

export function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'monster';
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  once: 1, twice: 2, thrice: 3, a: 1, an: 1,
};

/** "three" -> 3, "2" -> 2; null when it is not a count. */
export function countWord(word: string): number | null {
  const w = word.toLowerCase();
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w];
  return /^\d{1,2}$/.test(w) ? Number(w) : null;
}

// ------------------------------------------------------------------ uses written in names

export interface NameUses {
  /** The name without "(Recharge 5-6)", "(3/Day)", "(Costs 2 Actions)" and 5etools tags. */
  name: string;
  uses: Uses | null;
  /** Legendary action cost, when the name says. */
  cost: number | null;
}

/** Reads the limits a stat block writes into an action's name. */
export function usesFromName(raw: string): NameUses {
  let name = raw;
  let uses: Uses | null = null;
  let cost: number | null = null;
  name = name.replace(/\{@recharge(?:\s+(\d))?\s*\}/i, (_m, min?: string) => {
    uses = { per: 'recharge', min: min ? Number(min) : 6 };
    return '';
  });
  name = name.replace(/\(\s*recharge\s+(\d)(?:\s*[-\u2013\u2014]\s*6)?\s*\)/i, (_m, min: string) => {
    uses = { per: 'recharge', min: Number(min) };
    return '';
  });
  name = name.replace(/\(\s*(\d+)\s*\/\s*day(?:\s+each)?\s*\)/i, (_m, n: string) => {
    uses = { per: 'long-rest', count: Number(n) };
    return '';
  });
  name = name.replace(/\(\s*recharges?\s+after\s+a\s+(short\s+or\s+)?long\s+rest\s*\)/i, (_m, short?: string) => {
    uses = short ? { per: 'short-rest', count: 1 } : { per: 'long-rest', count: 1 };
    return '';
  });
  name = name.replace(/\(\s*costs\s+(\d+)\s+actions?\s*\)/i, (_m, n: string) => {
    cost = Number(n);
    return '';
  });
  return { name: stripTags(name).replace(/\s+/g, ' ').trim(), uses, cost };
}

// ------------------------------------------------------------------ 5etools tags

/** Renders 5etools tags as plain text: {@hit 4} -> "+4", {@dc 13} -> "DC 13", {@h} -> "Hit: ". */
export function stripTags(text: string): string {
  let out = text;
  // Innermost tags first, so nested tags resolve from the inside out.
  for (let guard = 0; guard < 10 && /\{@/.test(out); guard++) {
    const next = out.replace(/\{@(\w+)(?:\s([^{}]*))?\}/g, (_m, tag: string, body?: string) => renderTag(tag.toLowerCase(), (body ?? '').trim()));
    if (next === out) break;
    out = next;
  }
  return out;
}

const ATTACK_KINDS: Record<string, string> = {
  mw: 'Melee Weapon Attack:', rw: 'Ranged Weapon Attack:', ms: 'Melee Spell Attack:', rs: 'Ranged Spell Attack:',
  'mw,rw': 'Melee or Ranged Weapon Attack:', 'ms,rs': 'Melee or Ranged Spell Attack:',
  m: 'Melee Attack Roll:', r: 'Ranged Attack Roll:', 'm,r': 'Melee or Ranged Attack Roll:',
};

function renderTag(tag: string, body: string): string {
  const first = body.split('|')[0];
  switch (tag) {
    case 'h': return 'Hit: ';
    case 'hom': return 'Hit or Miss: ';
    case 'm': return 'Miss: ';
    case 'hit': return /^[+-]/.test(first) ? first : `+${first}`;
    case 'dc': return `DC ${first}`;
    case 'atk': case 'atkr': return ATTACK_KINDS[first.replace(/\s/g, '')] ?? 'Attack:';
    case 'recharge': return `(Recharge ${first || '6'})`;
    case 'actsave': return `${ABILITY_NAMES[abilityFromText(first) ?? 'str']} Saving Throw:`;
    case 'actsavefail': return 'Failure:';
    case 'actsavesuccess': return 'Success:';
    case 'actsavesuccessorfail': return 'Failure or Success:';
    default: return first;
  }
}

// ------------------------------------------------------------------ effects the engine cannot run

const EFFECTS: Array<[RegExp, string]> = [
  [/\bknock(?:s|ed)?\b[^.]{0,20}\bprone\b|\b(?:is|be|falls?|fall|lands?)\s+prone\b|\bprone condition\b|\{@condition prone\}/i, 'knocks prone'],
  [/\b(?:is|be|becomes?|are|and)\s+grappled\b|\bgrappled\s*\(escape|\bgrapples\b|\{@condition grappled\}/i, 'grapples'],
  [/\b(?:is|be|becomes?|are|and|or)\s+(?:also\s+)?restrained\b|\{@condition restrained\}/i, 'restrains'],
  [/\bswallow(?:ed|s)?\b/i, 'swallows'],
  [/\bengulf(?:ed|s)?\b/i, 'engulfs'],
  [/\bpoisoned\b/i, 'poisons'],
  [/\bparalyz(?:ed|es)\b/i, 'paralyzes'],
  [/\bfrightened\b/i, 'frightens'],
  [/\bstunned\b/i, 'stuns'],
  [/\bblinded\b/i, 'blinds'],
  [/\bcharmed\b/i, 'charms'],
  [/\bdeafened\b/i, 'deafens'],
  [/\bincapacitated\b/i, 'incapacitates'],
  [/\bunconscious\b/i, 'knocks unconscious'],
  [/\bpetrif(?:ied|ies|y)\b|\bturns? to stone\b/i, 'petrifies'],
  [/\bhit point maximum\b/i, 'reduces hit point maximum'],
  [/\bcan't regain hit points\b/i, 'prevents healing'],
  [/\b(?:strength|dexterity|constitution|intelligence|wisdom|charisma) score is reduced\b/i, 'reduces an ability score'],
  [/\bdiseased?\b/i, 'disease'],
  [/\bcursed?\b/i, 'curse'],
  [/\bexhaustion\b/i, 'exhaustion'],
  [/\b(?:pushed|pushes|pulled|pulls)\b/i, 'moves the target'],
  [/\bignites?\b|\bcatches fire\b/i, 'sets on fire'],
  [/\bteleports?\b/i, 'teleports'],
];

/** The conditions and effects a piece of rules text inflicts, in a fixed order. */
export function effectsIn(text: string): string[] {
  const out: string[] = [];
  for (const [re, label] of EFFECTS) if (re.test(text) && !out.includes(label)) out.push(label);
  return out;
}

/** "DC 11 Strength save" from rules text that calls for one, else null. */
export function saveMention(text: string): string | null {
  const plain = stripTags(text);
  const m = /DC\s*(\d+)\s+(strength|dexterity|constitution|intelligence|wisdom|charisma)\s+saving throw/i.exec(plain);
  // 2024 style, as rendered from {@actSave dex} {@dc 14}: "Dexterity Saving Throw: DC 14"
  const m2 = m ? null : /(strength|dexterity|constitution|intelligence|wisdom|charisma)\s+saving throw:\s*DC\s*(\d+)/i.exec(plain);
  const dc = m ? m[1] : m2?.[2];
  const ability = m ? m[2] : m2?.[1];
  if (!dc || !ability) return null;
  return `DC ${dc} ${ability[0].toUpperCase()}${ability.slice(1).toLowerCase()} save`;
}

/** The part of an attack's text after "Hit:", where what it does to the target is written. */
export function hitText(text: string): string {
  const plain = text.replace(/\{@h\}/g, 'Hit: ');
  const at = plain.search(/\bHit:/);
  return at < 0 ? plain : plain.slice(at);
}

/** One line for notModelled: "Bite: knocks prone (DC 11 Strength save)", or null when nothing is found. */
export function effectNote(subject: string, text: string): string | null {
  const effects = effectsIn(text);
  if (effects.length === 0) return null;
  const save = saveMention(text);
  return `${subject}: ${effects.join(', ')}${save ? ` (${save})` : ''}`;
}

// ------------------------------------------------------------------ damage in rules text

export interface DamageMention {
  dice: string;
  typeText: string;
  /** Where the mention starts and ends in the text it was found in. */
  start: number;
  end: number;
}

/**
 * Damage written as "7 (2d6 + 3) fire damage", "({@damage 2d6 + 3}) fire damage", "{@damage 2d6}
 * fire damage" or "1 piercing damage", in order of appearance. Dice the engine cannot roll (past its
 * limits) are skipped; `unrollable`, when given, gets the reason for each.
 */
export function damageMentions(text: string, unrollable?: string[]): DamageMention[] {
  const out: DamageMention[] = [];
  const re = /(?:\d+\s*)?\(?\s*(?:\{@(?:damage|dice)\s+([^}]+)\}|(\d+d\d+(?:\s*[+\-\u2212]\s*\d+)?))\s*\)?\s+([a-z]+)\s+damage|\b(\d+)\s+([a-z]+)\s+damage/gi;
  for (const m of text.matchAll(re)) {
    const diceText = m[1] ?? m[2] ?? m[4];
    const typeText = (m[3] ?? m[5]).toLowerCase();
    const dice = normaliseDice(diceText);
    if (dice === null && unrollable && asDamageType(typeText) !== null) unrollable.push(`${typeText} damage: ${diceProblem(diceText)}`);
    if (dice === null || asDamageType(typeText) === null) continue;
    out.push({ dice, typeText, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** "... damage if the attack roll had advantage": a condition right after a damage mention. */
export function onlySometimes(text: string, end: number): boolean {
  return /^\s*(?:if|when|while|against|on a|in|at)\b/i.test(stripTags(text.slice(end, end + 40)));
}

/** Why a damage mention that the stat block's main damage leaves out does not always apply. */
export function circumstanceOf(text: string, mention: DamageMention): string {
  const from = Math.max(text.lastIndexOf('.', mention.start) + 1, 0);
  const toDot = text.indexOf('.', mention.end);
  const sentence = text.slice(from, toDot < 0 ? text.length : toDot).toLowerCase();
  const before = text.slice(Math.max(0, mention.start - 40), mention.start).toLowerCase();
  if (/two hands/.test(sentence)) return 'if used with two hands';
  if (/saving throw|failed save/.test(sentence)) return 'on a failed saving throw';
  if (/start of each|end of each|start of its|end of its/.test(sentence)) return 'each turn while the effect lasts';
  if (/half of its hit points/.test(sentence)) return 'at half hit points or fewer';
  if (/\bor\s*(?:\d+\s*)?\(?$/.test(before.trim()) || /\bor\b/.test(before)) return 'as an alternative';
  return 'only in some circumstances';
}

// ------------------------------------------------------------------ damage lists

export type DamageListLabel = 'Resistance' | 'Immunity' | 'Vulnerability';

export interface DamageListItem {
  /** Types named in the item, as written. */
  types: string[];
  /** What limits it ("from nonmagical weapons that aren't silvered"), or '' when it always applies. */
  qualifier: string;
  /** The item as written, for notes. */
  text: string;
}

/** Splits an SRD phrase such as "bludgeoning, piercing, and slashing from nonmagical weapons". */
export function damagePhrase(text: string): DamageListItem {
  const types: string[] = [];
  let rest = text.trim();
  for (;;) {
    const m = /^(?:,?\s*(?:and|or)\s+|,\s*)?([a-z]+)\b/i.exec(rest);
    if (!m || asDamageType(m[1]) === null) break;
    types.push(m[1].toLowerCase());
    rest = rest.slice(m[0].length);
  }
  return { types, qualifier: rest.replace(/^[\s,]+/, '').trim(), text: text.trim() };
}

/**
 * The damage types the engine knows, from a stat block's list. Damage limited to nonmagical
 * weapons counts as always applying (the usual case at the table), with a note; any other limit
 * leaves the item out, with a note.
 */
export function mapDamageList(items: DamageListItem[], label: DamageListLabel, notModelled: string[], notes: string[], nonmagical?: DamageType[]): DamageType[] {
  const out: DamageType[] = [];
  const add = (t: DamageType): void => {
    if (!out.includes(t)) out.push(t);
  };
  for (const item of items) {
    const known = item.types.map(asDamageType).filter((t): t is DamageType => t !== null);
    const unknown = item.types.filter((t) => asDamageType(t) === null);
    if (unknown.length > 0) notes.push(`${label}: unknown damage type ${unknown.map((t) => `"${t}"`).join(', ')} left out`);
    if (known.length === 0) {
      if (item.text) notModelled.push(`${label}: ${item.text}`);
      continue;
    }
    if (item.qualifier === '') {
      known.forEach(add);
    } else if (nonmagical && label !== 'Vulnerability' && /nonmagical|non-magical/i.test(item.qualifier)
      && known.every((t) => t === 'bludgeoning' || t === 'piercing' || t === 'slashing')) {
      for (const t of known) if (!nonmagical.includes(t)) nonmagical.push(t);
      const metal = /silvered|adamantine/i.exec(item.qualifier);
      if (metal) notModelled.push(`${label} to ${listText(known)} ${item.qualifier}: ${metal[0].toLowerCase()} weapons count as nonmagical ones (only magic overcomes it)`);
    } else if (/nonmagical|non-magical/i.test(item.qualifier)) {
      known.forEach(add);
      notModelled.push(`${label} to ${listText(known)} ${item.qualifier}: applied to all such damage`);
    } else {
      notModelled.push(`${label} to ${listText(known)} ${item.qualifier}`);
    }
  }
  return out;
}

export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ------------------------------------------------------------------ traits

// Traits that change nothing in a stand-up fight as the engine runs it (senses, movement,
// languages, camouflage), or whose effect is already in the attack numbers.
const NEUTRAL_TRAITS = new RegExp(
  '^(?:' + [
    'amphibious', 'limited amphibiousness', 'keen (?:sight|smell|hearing|senses)(?: and (?:sight|smell|hearing))?',
    'spider climb', 'water breathing', 'hold breath', 'false appearance', 'echolocation', 'web sense', 'web walker',
    'devil\'s sight', 'stone camouflage', 'snow camouflage', 'underwater camouflage', 'illumination', 'variable illumination',
    'amorphous', 'standing leap', 'running leap', 'siege monster', 'ice walk', 'sure-footed', 'flyby', 'mimicry',
    'telepathic bond', 'limited telepathy', 'probing telepathy', 'shark telepathy', 'divine awareness', 'sense magic',
    'speak with beasts and plants', 'tree stride', 'ethereal sight', 'faultless tracker', 'labyrinthine recall',
    'beast of burden', 'night hag items', 'tunneler', 'iron scent', 'shadow stealth', 'treasure sense', 'earth glide',
    'wakeful', 'inscrutable', 'magic weapons', 'angelic weapons', 'heated weapons', 'hellish weapons', 'blind senses',
    'immutable form', 'bound', 'confer fire resistance', 'ignited illumination', 'water breathing', 'transparent',
  ].join('|') + ')\\b',
  'i',
);

export function traitIsNeutral(name: string, text: string): boolean {
  return NEUTRAL_TRAITS.test(name.trim()) || /\(included in the attack\)|included in (?:its|the) attacks?\b/i.test(text);
}

/** Hit points a Regeneration trait restores each turn, or null. */
export function regenerationOf(name: string, text: string): number | null {
  if (!/regenerat/i.test(name)) return null;
  const m = /regains\s+(\d+)\s+hit points/i.exec(stripTags(text));
  return m ? Number(m[1]) : null;
}

// ------------------------------------------------------------------ actions

export interface DamagePart {
  dice: string;
  type: DamageType;
  /** Only if the attack roll had advantage (2024 goblins): kept apart as an attack's extra damage. */
  withAdvantage?: boolean;
}

/** What a hit or a failed save inflicts besides damage (a condition), with the save that resists it on a hit. */
export interface ParsedRider {
  effect?: EffectSpec;
  effectSave?: SaveSpec;
}

export type ParsedAction =
  | ({ kind: 'attack'; name: string; toHit: number; parts: DamagePart[]; reach: 'melee' | 'ranged'; uses: Uses; slot: 'action' | 'bonus' } & ParsedRider)
  | ({
    kind: 'save'; name: string; dc: number; ability: Ability; parts: DamagePart[]; onSuccess: 'half' | 'none';
    targets: number; uses: Uses; slot: 'action' | 'bonus';
  } & ParsedRider)
  | { kind: 'heal'; name: string; amount: string; uses: Uses; slot: 'action' | 'bonus'; targeting?: 'self' | 'lowest-hp-fraction' };

export interface MultiattackComponent {
  /** The action's name as the multiattack refers to it ("claws", "Bite"). */
  ref: string;
  count: number;
}

export interface MultiattackPlan {
  name: string;
  components: MultiattackComponent[];
}

/**
 * One damage text and type from several parts: the dice are added up and the type is the one
 * with the most expected damage; other types are noted. With `separate`, damage of the other
 * types stays its own type (an attack's extraDamage) instead.
 */
export function combineDamage(subject: string, parts: DamagePart[], notModelled: string[], separate = false): {
  damage: string; damageType: DamageType; extraDamage?: Array<{ damage: string; damageType: DamageType; withAdvantage?: boolean }>;
} | null {
  if (parts.length === 0) return null;
  // Damage dealt only with advantage stays its own part of an attack, whatever its type.
  const withAdvantage = separate ? parts.filter((p) => p.withAdvantage) : [];
  if (withAdvantage.length > 0) {
    const rest = combineDamage(subject, parts.filter((p) => !p.withAdvantage), notModelled, true);
    if (rest === null) return null;
    const extra = [...(rest.extraDamage ?? []), ...withAdvantage.map((p) => ({ damage: p.dice, damageType: p.type, withAdvantage: true }))];
    return { ...rest, extraDamage: extra.slice(0, 4) };
  }
  const byType = new Map<DamageType, number>();
  for (const p of parts) byType.set(p.type, (byType.get(p.type) ?? 0) + meanOf(p.dice));
  // The first part is the hit's own damage ("19 (2d10 + 8) piercing damage plus 7 (2d6) fire").
  let main = parts[0].type;
  if (!separate) for (const [t, mean] of byType) if (mean > (byType.get(main) ?? 0)) main = t;
  const others = parts.filter((p) => p.type !== main);
  const own = parts.filter((p) => p.type === main).map((p) => p.dice).join('+');
  if (separate) {
    const extra = [...new Set(others.map((p) => p.type))].map((t) => ({ damage: others.filter((p) => p.type === t).map((p) => p.dice).join('+'), damageType: t }));
    return { damage: own, damageType: main, ...(extra.length > 0 && { extraDamage: extra.slice(0, 4) }) };
  }
  if (others.length > 0) {
    notModelled.push(`${subject}: ${listText(others.map((p) => `${p.dice} ${p.type}`))} damage counted as ${main}`);
  }
  return { damage: parts.map((p) => p.dice).join('+'), damageType: main };
}

/** Why a shield guardian's reaction is not used. */
export const AMULET_WEARER = "it protects the wearer of its amulet, who is assumed not to be among the combatants, so it is not used";

/** Area effects are assumed to catch this many creatures. */
export const AREA_TARGETS = 3;

/** How many creatures a saving-throw effect is assumed to catch, with a note when it is a guess. */
export function saveTargets(subject: string, text: string, notModelled: string[]): number {
  const t = stripTags(text).toLowerCase();
  const counted = /\b(two|three|four|five|six|\d)\s+(?:bolts|targets|creatures|rays|beams)\b/.exec(t);
  if (counted) {
    const n = countWord(counted[1]) ?? 1;
    notModelled.push(`${subject}: assumed to hit ${n} different targets`);
    return n;
  }
  if (/\b(?:cone|line|radius|sphere|cube|cylinder|emanation|each creature|every creature|each other creature|creatures? within|in that area|in the area|its space)\b/.test(t)) {
    notModelled.push(`${subject}: area effect, assumed to catch ${AREA_TARGETS} targets`);
    return AREA_TARGETS;
  }
  return 1;
}

function normName(s: string): string {
  return s.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The word as written and without a plural ending: "claws" -> claws, claw; "bites" -> bites, bite, bit. */
function forms(s: string): string[] {
  return [s, s.replace(/s$/, ''), s.replace(/es$/, '')];
}

function sameWord(a: string, b: string): boolean {
  const fb = forms(b);
  return forms(a).some((f) => fb.includes(f));
}

/**
 * Finds the action a multiattack refers to: "claws" finds "Claw", "Claw" finds "Claw (Oni Form
 * Only)", "stinger" finds "Tail Stinger".
 */
export function findByName<T extends { name: string }>(list: T[], ref: string): T | undefined {
  const r = normName(ref);
  if (r === '') return undefined;
  const lastWord = (s: string): string => s.slice(s.lastIndexOf(' ') + 1);
  return list.find((a) => normName(a.name) === r)
    ?? list.find((a) => sameWord(normName(a.name), r))
    ?? list.find((a) => {
      const n = normName(a.name);
      return n !== '' && (n.startsWith(`${r} `) || r.startsWith(`${n} `));
    })
    ?? list.find((a) => {
      const n = normName(a.name);
      return n.includes(' ') && !r.includes(' ') && sameWord(lastWord(n), r);
    });
}

const HIT_CHANCE = 0.65;

/** A rough expected damage per use, only for ordering the actions. */
function expectedDamage(a: ActionSpec): number {
  if (a.type === 'attack') return a.attacks.reduce((s, atk) => s + atk.count * meanOf(atk.damage) * HIT_CHANCE, 0);
  if (a.type === 'save') return a.targets * meanOf(a.damage) * (a.onSuccess === 'half' ? 0.75 : 0.5);
  return 0;
}

export const MAX_ATTACKS_PER_ACTION = 20;
/** The scenario format's limit on actions per creature. */
export const MAX_ACTIONS = 30;

/**
 * The engine's actions, in the order the engine tries them (the first one available is taken):
 * healing when an ally is hurt; limited-use effects (breath weapons) worth more than the best
 * at-will option; the Multiattack; the other at-will actions in stat-block order; weaker
 * limited-use effects last.
 */
/** Conditions by how much they do to a creature in a fight (those that take its turn away first). */
const RIDER_WEIGHT: Partial<Record<string, number>> = {
  paralyzed: 6, stunned: 6, unconscious: 6, incapacitated: 5, restrained: 4, blinded: 3, frightened: 2, poisoned: 2, prone: 1, charmed: 0.5,
};

export function buildActions(parsed: ParsedAction[], multiattack: MultiattackPlan | null, notModelled: string[], notes: string[]): ActionSpec[] {
  const specs: Array<{ spec: ActionSpec; parsed: ParsedAction }> = [];
  for (const p of parsed) {
    const base = { name: p.name, slot: p.slot, uses: p.uses, condition: 'always' as const };
    if (p.kind === 'heal') {
      const self = p.targeting === 'self';
      specs.push({
        parsed: p,
        spec: { ...base, type: 'heal', targeting: self ? 'self' : 'lowest-hp-fraction', amount: p.amount, targets: 1, temporary: false, condition: self ? 'self-below-half' : 'ally-below-half' },
      });
      continue;
    }
    const combined = combineDamage(p.name, p.parts, notModelled, p.kind === 'attack');
    if (combined === null) {
      notModelled.push(`Action: ${p.name} (no damage the engine can run)`);
      continue;
    }
    if (p.kind === 'attack') {
      const attack: AttackSpec = {
        toHit: p.toHit, damage: combined.damage, damageType: combined.damageType, count: 1, critOn: 20, reach: p.reach,
        ...(combined.extraDamage && { extraDamage: combined.extraDamage }),
      };
      specs.push({
        parsed: p,
        spec: { ...base, type: 'attack', targeting: 'lowest-hp', attacks: [attack], ...(p.effect && { effect: p.effect }), ...(p.effectSave && { effectSave: p.effectSave }) },
      });
    } else {
      specs.push({
        parsed: p,
        spec: {
          ...base, type: 'save', targeting: 'lowest-hp', dc: p.dc, ability: p.ability, damage: combined.damage,
          damageType: combined.damageType, onSuccess: p.onSuccess, targets: p.targets, ...(p.effect && { effect: p.effect }),
        },
      });
    }
  }

  let multi: AttackAction | null = null;
  /** How much a rider does to its target, to keep the strongest when an action can run only one. */
  const riderWeight = (e: EffectSpec): number => Math.max(
    e.turnDamage ? 1.5 : 0,
    ...(e.conditions ?? []).map((c) => RIDER_WEIGHT[c] ?? 0),
  );
  if (multiattack) {
    const attacks: Array<{ name: string; spec: AttackSpec }> = [];
    const riders: Array<{ name: string; effect: EffectSpec; effectSave?: SaveSpec }> = [];
    const attackActions = specs.filter((s) => s.spec.type === 'attack').map((s) => s.spec as AttackAction);
    const allNamed = specs.map((s) => s.spec);
    for (const c of multiattack.components) {
      const target = findByName(attackActions, c.ref);
      if (!target) {
        const other = findByName(allNamed, c.ref);
        notModelled.push(`${multiattack.name}: ${other ? other.name : c.ref}${c.count > 1 ? ` \u00d7${c.count}` : ''} not included (the engine runs only damaging attack rolls in a Multiattack)`);
        continue;
      }
      const count = Math.min(MAX_ATTACKS_PER_ACTION, Math.max(1, Math.round(c.count)));
      const same = attacks.find((a) => a.name === target.name);
      if (same) same.spec.count = Math.min(MAX_ATTACKS_PER_ACTION, same.spec.count + count);
      else attacks.push({ name: target.name, spec: { ...target.attacks[0], count } });
      if (target.effect && !riders.some((r) => r.name === target.name)) riders.push({ name: target.name, effect: target.effect, effectSave: target.effectSave });
    }
    if (attacks.length > MAX_ATTACKS_PER_ACTION) {
      notes.push(`${multiattack.name}: only the first ${MAX_ATTACKS_PER_ACTION} kinds of attack kept`);
      attacks.length = MAX_ATTACKS_PER_ACTION;
    }
    if (attacks.length > 0) {
      multi = {
        name: multiattack.name, type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always',
        targeting: 'lowest-hp', attacks: attacks.map((a) => a.spec),
      };
      // The engine applies an action's rider on any of its hits: the rider of one attack rides on all
      // of them, and of several riders the one that does most to the target.
      riders.sort((x, y) => riderWeight(y.effect) - riderWeight(x.effect));
      const rider = riders[0];
      if (rider) {
        multi.effect = rider.effect;
        if (rider.effectSave) multi.effectSave = rider.effectSave;
        if (attacks.length > 1) notModelled.push(`${multiattack.name}: the ${rider.name} rider applies on a hit by any of its attacks (the engine has one rider per action)`);
        if (riders.length > 1) {
          const what = (e: EffectSpec): string => (e.conditions?.length ? e.conditions.join(', ') : 'damage each turn');
          notModelled.push(`${multiattack.name}: only the stronger ${rider.name} rider (${what(rider.effect)}) is run, not that of ${listText(riders.slice(1).map((r) => `${r.name} (${what(r.effect)})`))}`);
        }
      }
    } else {
      notModelled.push(`${multiattack.name}: none of its parts could be simulated`);
    }
  }

  const heals = specs.filter((s) => s.spec.type === 'heal').map((s) => s.spec);
  const damaging = specs.filter((s) => s.spec.type !== 'heal').map((s) => s.spec);
  const atWill = damaging.filter((a) => a.uses.per === 'at-will');
  const limited = damaging.filter((a) => a.uses.per !== 'at-will');
  const bestAtWill = Math.max(0, ...atWill.map(expectedDamage), multi ? expectedDamage(multi) : 0);
  const strong = limited.filter((a) => expectedDamage(a) >= bestAtWill).sort((a, b) => expectedDamage(b) - expectedDamage(a));
  const weak = limited.filter((a) => !strong.includes(a));
  const ordered = [...heals, ...strong, ...(multi ? [multi] : []), ...atWill, ...weak];
  if (ordered.length > MAX_ACTIONS) {
    notes.push(`only the first ${MAX_ACTIONS} actions are kept; left out: ${ordered.slice(MAX_ACTIONS).map((a) => a.name).join(', ')}`);
    ordered.length = MAX_ACTIONS;
  }
  return ordered;
}

// ------------------------------------------------------------------ the creature

export interface CreatureFacts {
  name: string;
  hp: number;
  hpFormula: string | null;
  ac: number;
  abilities: Record<Ability, number>;
  saves: Record<Ability, number>;
  resistances: DamageType[];
  immunities: DamageType[];
  vulnerabilities: DamageType[];
  actions: ActionSpec[];
  /** Initiative bonus when the stat block gives one; else the Dexterity modifier. */
  initiativeBonus?: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function buildCreature(f: CreatureFacts): CreatureSpec {
  return {
    name: f.name,
    count: 1,
    kind: 'monster',
    hp: f.hp,
    hpFormula: f.hpFormula,
    rollHp: false,
    ac: f.ac,
    initiativeBonus: clamp(f.initiativeBonus ?? abilityModifier(f.abilities.dex), -10, 30),
    initiativeAdvantage: false,
    saves: { ...f.saves },
    resistances: [...f.resistances],
    immunities: [...f.immunities],
    vulnerabilities: [...f.vulnerabilities],
    hitDice: null,
    conModifier: clamp(abilityModifier(f.abilities.con), -5, 15),
    actions: f.actions,
  };
}

const CHECK_PARTY: CreatureSpec = {
  name: 'Check', count: 1, kind: 'character', hp: 10, hpFormula: null, rollHp: false, ac: 10, initiativeBonus: 0,
  initiativeAdvantage: false, saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 }, resistances: [], immunities: [],
  vulnerabilities: [], hitDice: null, conModifier: 0, actions: [],
};

/** Why the engine would refuse this creature in a one-monster scenario, or null when it runs. */
export function simulationProblem(creature: CreatureSpec): string | null {
  try {
    compileScenario({
      party: [CHECK_PARTY],
      encounters: [{ name: 'Check', enemies: [creature], shortRestBefore: false, surprise: 'none' }],
      rules: DEFAULT_RULES,
    });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Drops what the engine refuses (an action, an HP formula), noting each, so what remains compiles. */
export function keepSimulatable(creature: CreatureSpec, notes: string[]): CreatureSpec {
  if (simulationProblem(creature) === null) return creature;
  let base: CreatureSpec = { ...creature, actions: [] };
  if (simulationProblem(base) !== null && base.hpFormula !== null) {
    notes.push(`hit points formula "${base.hpFormula}" left out (${simulationProblem(base)})`);
    base = { ...base, hpFormula: null };
  }
  const actions = creature.actions.filter((a) => {
    const problem = simulationProblem({ ...base, actions: [a] });
    // The check's own path ("encounters[0].enemies[0].actions[0].") is left out: the field is the action's.
    if (problem !== null) notes.push(`${a.name}: left out of the simulation (${problem.replace(/^encounters\[0\]\.enemies\[0\]\.actions\[0\]\./, '')})`);
    return problem === null;
  });
  return { ...base, actions };
}

// Small readers shared by the SRD and 5etools converters.
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as it appears in a note: JSON, cut to 60 characters. */
export function shown(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
