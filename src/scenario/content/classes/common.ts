// What every class template shares: the public types, the arithmetic of 5e characters (ability
// modifiers, proficiency, hit points, Ability Score Improvements) on engine/tables.ts, and
// small builders that write actions in the scenario file format. Templates produce plain JSON in
// that format (not engine specs) so the UI can drop them into a scenario file and users can edit
// them like anything they wrote by hand.

import { abilityModifier, cantripTier, proficiencyBonus } from '../../../engine/tables.ts';
import type { ScenarioFileInput } from '../../format/schema.ts';

export { ARTIFICER_SLOTS, FULL_CASTER_SLOTS, HALF_CASTER_SLOTS, PACT_SLOTS } from '../../../engine/tables.ts';

export type ClassId =
  | 'artificer' | 'barbarian' | 'bard' | 'cleric' | 'druid' | 'fighter' | 'monk' | 'paladin' | 'ranger' | 'rogue'
  | 'sorcerer' | 'warlock' | 'wizard';

export interface ClassOption {
  id: string;
  label: string;
  description: string;
  /** options sharing a group are exclusive (e.g. a subclass); undefined = independent toggle */
  group?: string;
  /** lowest level at which the option matters (informational) */
  minLevel?: number;
}

export interface ClassInfo {
  id: ClassId;
  name: string;
  hitDie: number;
  options: ClassOption[];
  defaultOptions: string[];
  /** one line for the picker */
  summary: string;
}

/** The rules a template is built to: the SRD 5.1 (2014) or the SRD 5.2 (2024). */
export type TemplateEdition = '2014' | '2024';

export interface TemplateChoice {
  classId: ClassId;
  level: number;
  options?: string[];
  name?: string;
  /** 2014 when absent, so every choice written before editions builds what it built. */
  edition?: TemplateEdition;
}

export interface BuiltCharacter {
  /** A party member object in the scenario file format (what goes in a scenario file's "party" array); must pass the schema. */
  creature: Record<string, unknown>;
  /** What the template approximates or leaves out, in plain words, for the UI to show ("approximated"). */
  approximations: string[];
}

/** A party member as written in a scenario file. */
export type PartyMember = ScenarioFileInput['party'][number];
export type ActionInput = NonNullable<PartyMember['actions']>[number];
export type ReactionInput = NonNullable<PartyMember['reactions']>[number];
export type EffectInput = NonNullable<PartyMember['effects']>[number];
export type TraitsInput = NonNullable<PartyMember['traits']>;

// ------------------------------------------------------------------ abilities

export const ABILITY_KEYS = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
export type Ability = (typeof ABILITY_KEYS)[number];
export type Scores = Record<Ability, number>;

/** An ability score's modifier. */
export const mod = abilityModifier;

/** Proficiency bonus: +2 at levels 1-4, rising by 1 every four levels to +6 at 17-20. */
export const proficiency = proficiencyBonus;

/** Levels that grant an Ability Score Improvement (most classes). */
export const ASI_LEVELS = [4, 8, 12, 16, 19] as const;

/**
 * A typical build, readable as data: the scores at 1st level, and which ability each Ability
 * Score Improvement raises by 2 (in order). A feat, when the options take one, replaces the first
 * improvement and pushes the others one step later.
 */
export interface AbilityPlan {
  start: Scores;
  raises: readonly Ability[];
  asiLevels?: readonly number[];
}

export function scoresAt(plan: AbilityPlan, level: number, feats = 0): Scores {
  const scores = { ...plan.start };
  const asiLevels = plan.asiLevels ?? ASI_LEVELS;
  const taken = asiLevels.filter((l) => l <= level).length;
  for (let i = feats; i < taken; i++) {
    const ability = plan.raises[i - feats];
    if (ability !== undefined) scores[ability] = Math.min(20, scores[ability] + 2);
  }
  return scores;
}

/** Hit points by the fixed-value rule: the full die at 1st level, then half the die plus 1 per level, Con each level. */
export function averageHp(hitDie: number, level: number, conMod: number, perLevel = 0): number {
  return hitDie + conMod + perLevel + (level - 1) * (hitDie / 2 + 1 + conMod + perLevel);
}

// ------------------------------------------------------------------ spell slots (SRD 5.1 tables)

// The tables themselves are in engine/tables.ts.

export const slotsFrom = (table: readonly (readonly number[])[], level: number): number[] => [...table[level - 1]];

/** The highest spell level a slot list holds (0 with none). */
export const highestSlot = (slots: readonly number[]): number => {
  for (let i = slots.length - 1; i >= 0; i--) if (slots[i] > 0) return i + 1;
  return 0;
};

/** Cantrip damage dice count at a character level: 1, 2 at 5th, 3 at 11th, 4 at 17th. */
export const cantripDice = cantripTier;

// ------------------------------------------------------------------ writing actions

/** Dice plus a flat modifier as dice text: ("1d8", 4) -> "1d8+4", ("1d8", 0) -> "1d8". */
export function dice(base: string, flat = 0): string {
  if (flat === 0) return base;
  return flat > 0 ? `${base}+${flat}` : `${base}-${-flat}`;
}

export interface WeaponProfile {
  name: string;
  damage: string;
  damageType: 'slashing' | 'piercing' | 'bludgeoning' | 'force' | 'fire' | 'radiant' | 'necrotic' | 'cold' | 'lightning' | 'thunder' | 'acid' | 'poison' | 'psychic';
  reach: 'melee' | 'ranged';
}

export const WEAPONS = {
  greatsword: { name: 'Greatsword', damage: '2d6', damageType: 'slashing', reach: 'melee' },
  greataxe: { name: 'Greataxe', damage: '1d12', damageType: 'slashing', reach: 'melee' },
  longsword: { name: 'Longsword', damage: '1d8', damageType: 'slashing', reach: 'melee' },
  shortsword: { name: 'Shortsword', damage: '1d6', damageType: 'piercing', reach: 'melee' },
  rapier: { name: 'Rapier', damage: '1d8', damageType: 'piercing', reach: 'melee' },
  mace: { name: 'Mace', damage: '1d6', damageType: 'bludgeoning', reach: 'melee' },
  warhammer: { name: 'Warhammer', damage: '1d8', damageType: 'bludgeoning', reach: 'melee' },
  quarterstaff: { name: 'Quarterstaff', damage: '1d8', damageType: 'bludgeoning', reach: 'melee' },
  longbow: { name: 'Longbow', damage: '1d8', damageType: 'piercing', reach: 'ranged' },
  shortbow: { name: 'Shortbow', damage: '1d6', damageType: 'piercing', reach: 'ranged' },
  heavyCrossbow: { name: 'Heavy Crossbow', damage: '1d10', damageType: 'piercing', reach: 'ranged' },
} as const satisfies Record<string, WeaponProfile>;

export interface AttackOptions {
  count?: number;
  critOn?: number;
  /** Added to the attack roll (fighting style, magic weapon). */
  toHitBonus?: number;
  /** Added to the damage (ability modifier, Dueling, Great Weapon Master). */
  damageBonus?: number;
  name?: string;
}

/** One weapon attack entry. */
export function weaponAttack(w: WeaponProfile, toHit: number, o: AttackOptions = {}) {
  return {
    toHit: toHit + (o.toHitBonus ?? 0),
    damage: dice(w.damage, o.damageBonus ?? 0),
    damageType: w.damageType,
    reach: w.reach,
    ...(o.count !== undefined && o.count !== 1 && { count: o.count }),
    ...(o.critOn !== undefined && o.critOn !== 20 && { critOn: o.critOn }),
  };
}

export type Uses = { per: 'at-will' } | { per: 'encounter' | 'short-rest' | 'long-rest'; count: number };
export const atWill: Uses = { per: 'at-will' };
export const perShortRest = (count: number): Uses => ({ per: 'short-rest', count });
export const perLongRest = (count: number): Uses => ({ per: 'long-rest', count });
export const perFight = (count: number): Uses => ({ per: 'encounter', count });

/** Collects the pieces of a character as a class builds it. */
export interface ClassBuild {
  scores: Scores;
  saveProficiencies: readonly Ability[];
  /** Extra bonus to every save (none by default). */
  allSaves?: number;
  ac: number;
  /** Extra HP per level beyond hit die and Con (Draconic Resilience). */
  hpPerLevel?: number;
  initiativeExtra?: number;
  initiativeAdvantage?: boolean;
  actions: ActionInput[];
  reactions?: ReactionInput[];
  effects?: EffectInput[];
  traits?: TraitsInput;
  resistances?: string[];
  spellSlots?: number[];
  caster?: 'full' | 'half' | 'third' | 'pact';
  approximations: string[];
}

export interface BuildContext {
  level: number;
  prof: number;
  /** The selected option ids, defaults for unselected groups filled in. */
  has(option: string): boolean;
}

export interface ClassDefinition {
  info: ClassInfo;
  build(ctx: BuildContext): ClassBuild;
}

/** Picks the entry of a level table written as [fromLevel, value] pairs in ascending order. */
export function byLevel<T>(level: number, table: ReadonlyArray<readonly [number, T]>): T {
  let out = table[0][1];
  for (const [from, value] of table) if (level >= from) out = value;
  return out;
}
