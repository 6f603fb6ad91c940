// The stored form of the built-in compendium (srd-monsters.json): one compact record per monster,
// with everything that has a default or can be derived left out (crText, XP from the CR, saving
// throws equal to the ability modifier, the creature's copies of the entry's numbers, action
// defaults, empty lists). `compactMonster` writes it (the build script), `expandMonster` restores
// the full CompendiumMonster (the loader) after the zod schema has checked it.

import { z } from 'zod';
import {
  ABILITIES, ACTION_CONDITIONS, ALLY_TARGETING, DAMAGE_TYPES, ENEMY_TARGETING,
  type Ability, type ActionSpec, type AttackSpec, type Uses,
} from '../../../engine/index.ts';
import { abilityModifier, buildCreature, crToText, xpForCr } from './stat-block.ts';
import type { CompendiumMonster } from './types.ts';

export const COMPENDIUM_FORMAT = 'encounter-lab/srd-compendium';
export const COMPENDIUM_VERSION = 1;

const int = z.number().int();
const damageType = z.enum(DAMAGE_TYPES);

const usesSchema = z.discriminatedUnion('per', [
  z.object({ per: z.literal('at-will') }),
  z.object({ per: z.enum(['encounter', 'short-rest', 'long-rest']), count: int.min(1).max(100) }),
  z.object({ per: z.literal('recharge'), min: int.min(2).max(6) }),
]);

const storedAttack = z.object({
  toHit: int,
  damage: z.string().min(1),
  damageType,
  count: int.min(1).max(20).default(1),
  critOn: int.min(2).max(20).default(20),
  reach: z.enum(['melee', 'ranged']).default('melee'),
});

const actionBase = {
  name: z.string().min(1),
  slot: z.enum(['action', 'bonus']).default('action'),
  uses: usesSchema.default(() => ({ per: 'at-will' as const })),
  condition: z.enum(ACTION_CONDITIONS).default('always'),
};

const storedAction = z.discriminatedUnion('type', [
  z.object({
    ...actionBase,
    type: z.literal('attack'),
    targeting: z.enum(ENEMY_TARGETING).default('lowest-hp'),
    attacks: z.array(storedAttack).min(1).max(20),
  }),
  z.object({
    ...actionBase,
    type: z.literal('save'),
    targeting: z.enum(ENEMY_TARGETING).default('lowest-hp'),
    dc: int.min(1).max(40),
    ability: z.enum(ABILITIES),
    damage: z.string().min(1),
    damageType,
    onSuccess: z.enum(['half', 'none']),
    targets: int.min(1).max(50).default(1),
  }),
  z.object({
    ...actionBase,
    type: z.literal('heal'),
    targeting: z.enum(ALLY_TARGETING).default('lowest-hp-fraction'),
    amount: z.string().min(1),
    targets: int.min(1).max(50).default(1),
    temporary: z.boolean().default(false),
  }),
]);

const list = <T extends z.ZodType>(item: T) => z.array(item).default(() => []);

export const storedMonster = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  size: z.string().default(''),
  type: z.string().default(''),
  subtype: z.string().nullable().default(null),
  cr: z.number().min(0).max(30),
  /** Present only when it differs from the XP for the CR. */
  xp: int.min(0).optional(),
  ac: int.min(1).max(50),
  hp: int.min(1).max(100000),
  hitDice: z.string().default(''),
  /** Present only when it differs from the hit dice plus the Constitution bonus. */
  hpFormula: z.string().nullable().optional(),
  /** Str, Dex, Con, Int, Wis, Cha. */
  abilities: z.tuple([int, int, int, int, int, int]),
  /** Only the saving throws that differ from the ability modifier (proficiencies). */
  saves: z.object({ str: int, dex: int, con: int, int: int, wis: int, cha: int }).partial().default(() => ({})),
  /** Present only when it differs from the Dexterity modifier. */
  initiativeBonus: int.optional(),
  resistances: list(damageType),
  immunities: list(damageType),
  vulnerabilities: list(damageType),
  conditionImmunities: list(z.string()),
  legendary: z.object({
    actionsPerRound: int.min(0).max(10).default(3),
    resistancePerDay: int.min(0).max(10).default(0),
    actions: list(z.object({ name: z.string().min(1), cost: int.min(1).max(10).default(1) })),
  }).nullable().default(null),
  traits: list(z.string()),
  regeneration: int.min(1).nullable().default(null),
  notModelled: list(z.string()),
  actions: list(storedAction),
});

export type StoredMonster = z.input<typeof storedMonster>;

export const compendiumHeader = z.object({
  format: z.literal(COMPENDIUM_FORMAT),
  version: z.literal(COMPENDIUM_VERSION),
  source: z.string(),
  licence: z.string(),
  attribution: z.string().optional(),
  generatedFrom: z.string(),
  sourceSha256: z.string().optional(),
  count: int.min(0),
});

export type CompendiumHeader = z.infer<typeof compendiumHeader>;

export const compendiumFile = z.object({
  header: compendiumHeader,
  monsters: z.array(z.unknown()),
});

/** Hit dice plus the Constitution bonus: "2d6", "19d12+133". */
export function derivedHpFormula(hitDice: string, con: number): string | null {
  const m = /^(\d+)d(\d+)$/.exec(hitDice);
  if (!m) return null;
  const bonus = Number(m[1]) * abilityModifier(con);
  return `${hitDice}${bonus > 0 ? `+${bonus}` : bonus < 0 ? `${bonus}` : ''}`;
}

function compactUses(u: Uses): Uses | undefined {
  return u.per === 'at-will' ? undefined : u;
}

function compactAttack(a: AttackSpec): Record<string, unknown> {
  return {
    toHit: a.toHit,
    damage: a.damage,
    damageType: a.damageType,
    ...(a.count !== 1 && { count: a.count }),
    ...(a.critOn !== 20 && { critOn: a.critOn }),
    ...(a.reach !== 'melee' && { reach: a.reach }),
  };
}

function compactAction(a: ActionSpec): Record<string, unknown> {
  const base = {
    name: a.name,
    type: a.type,
    ...(a.slot !== 'action' && { slot: a.slot }),
    ...(compactUses(a.uses) && { uses: a.uses }),
    ...(a.condition !== 'always' && { condition: a.condition }),
  };
  if (a.type === 'attack') {
    return { ...base, ...(a.targeting !== 'lowest-hp' && { targeting: a.targeting }), attacks: a.attacks.map(compactAttack) };
  }
  if (a.type === 'save') {
    return {
      ...base, ...(a.targeting !== 'lowest-hp' && { targeting: a.targeting }), dc: a.dc, ability: a.ability, damage: a.damage,
      damageType: a.damageType, onSuccess: a.onSuccess, ...(a.targets !== 1 && { targets: a.targets }),
    };
  }
  return {
    ...base, ...(a.targeting !== 'lowest-hp-fraction' && { targeting: a.targeting }), amount: a.amount,
    ...(a.targets !== 1 && { targets: a.targets }), ...(a.temporary && { temporary: true }),
  };
}

const nonEmpty = <T>(key: string, items: T[]): Record<string, T[]> => (items.length > 0 ? { [key]: items } : {});

/** The stored record of a compendium entry: defaults and derived values left out. */
export function compactMonster(e: CompendiumMonster): StoredMonster {
  const saves: Partial<Record<Ability, number>> = {};
  for (const ab of ABILITIES) if (e.saves[ab] !== abilityModifier(e.abilities[ab])) saves[ab] = e.saves[ab];
  const formula = derivedHpFormula(e.hitDice, e.abilities.con);
  const legendary = e.legendary && {
    ...(e.legendary.actionsPerRound !== 3 && { actionsPerRound: e.legendary.actionsPerRound }),
    ...(e.legendary.resistancePerDay !== 0 && { resistancePerDay: e.legendary.resistancePerDay }),
    ...nonEmpty('actions', e.legendary.actions.map((l) => ({ name: l.name, ...(l.cost !== 1 && { cost: l.cost }) }))),
  };
  return {
    id: e.id,
    name: e.name,
    ...(e.size && { size: e.size }),
    ...(e.type && { type: e.type }),
    ...(e.subtype !== null && { subtype: e.subtype }),
    cr: e.cr,
    ...(e.xp !== xpForCr(e.cr) && { xp: e.xp }),
    ac: e.ac,
    hp: e.hp,
    ...(e.hitDice && { hitDice: e.hitDice }),
    ...(e.creature.hpFormula !== formula && { hpFormula: e.creature.hpFormula }),
    abilities: [e.abilities.str, e.abilities.dex, e.abilities.con, e.abilities.int, e.abilities.wis, e.abilities.cha],
    ...(Object.keys(saves).length > 0 && { saves }),
    ...(e.creature.initiativeBonus !== abilityModifier(e.abilities.dex) && { initiativeBonus: e.creature.initiativeBonus }),
    ...nonEmpty('resistances', e.resistances),
    ...nonEmpty('immunities', e.immunities),
    ...nonEmpty('vulnerabilities', e.vulnerabilities),
    ...nonEmpty('conditionImmunities', e.conditionImmunities),
    ...(legendary && { legendary }),
    ...nonEmpty('traits', e.traits),
    ...(e.regeneration !== null && { regeneration: e.regeneration }),
    ...nonEmpty('notModelled', e.notModelled),
    ...nonEmpty('actions', e.creature.actions.map(compactAction)),
  } as StoredMonster;
}

/** The full entry from a checked stored record. */
export function expandMonster(s: z.output<typeof storedMonster>): CompendiumMonster {
  const [str, dex, con, intScore, wis, cha] = s.abilities;
  const abilities: Record<Ability, number> = { str, dex, con, int: intScore, wis, cha };
  const saves = {} as Record<Ability, number>;
  for (const ab of ABILITIES) saves[ab] = s.saves[ab] ?? abilityModifier(abilities[ab]);
  const hpFormula = s.hpFormula === undefined ? derivedHpFormula(s.hitDice, con) : s.hpFormula;
  const actions = s.actions as ActionSpec[];
  const creature = buildCreature({
    name: s.name, hp: s.hp, hpFormula, ac: s.ac, abilities, saves, resistances: s.resistances, immunities: s.immunities,
    vulnerabilities: s.vulnerabilities, actions, initiativeBonus: s.initiativeBonus,
  });
  return {
    id: s.id,
    name: s.name,
    size: s.size,
    type: s.type,
    subtype: s.subtype,
    cr: s.cr,
    crText: crToText(s.cr),
    xp: s.xp ?? xpForCr(s.cr) ?? 0,
    ac: s.ac,
    hp: s.hp,
    hitDice: s.hitDice,
    abilities,
    saves,
    resistances: s.resistances,
    immunities: s.immunities,
    vulnerabilities: s.vulnerabilities,
    conditionImmunities: s.conditionImmunities,
    legendary: s.legendary,
    traits: s.traits,
    regeneration: s.regeneration,
    notModelled: s.notModelled,
    creature,
  };
}
