// The stored form of the built-in compendium (srd-monsters.json): one compact record per monster,
// with everything that has a default or can be derived left out (crText, XP from the CR, saving
// throws equal to the ability modifier, the creature's copies of the entry's numbers, action
// defaults, empty lists). `compactMonster` writes it (the build script), `expandMonster` restores
// the full CompendiumMonster (the loader) after the zod schema has checked it. Version 2 adds what
// the engine runs beyond plain attacks (riders, effect actions, legendary actions, traits, permanent
// effects, reactions, spells) and the approximations; a version 1 file still reads, without them.

import { z } from 'zod';
import {
  ABILITIES, ACTION_CONDITIONS, ALLY_TARGETING, CONDITIONS, DAMAGE_TYPES, ENEMY_TARGETING,
  type Ability, type ActionSpec, type AttackSpec, type CreatureSpec, type EffectAction, type EffectSpec, type LegendarySpec,
  type ReactionSpec, type TraitsSpec, type Uses,
} from '../../../engine/index.ts';
import { abilityModifier, buildCreature, crToText, xpForCr } from './stat-block.ts';
import type { CompendiumMonster } from './types.ts';

export const COMPENDIUM_FORMAT = 'encounter-lab/srd-compendium';
export const COMPENDIUM_VERSION = 2;

const int = z.number().int();
const damageType = z.enum(DAMAGE_TYPES);

const usesSchema = z.discriminatedUnion('per', [
  z.object({ per: z.literal('at-will') }),
  z.object({ per: z.enum(['encounter', 'short-rest', 'long-rest']), count: int.min(1).max(100) }),
  z.object({ per: z.literal('recharge'), min: int.min(2).max(6) }),
]);

const dice = z.string().min(1).max(500);
const saveSpec = z.object({ ability: z.enum(ABILITIES), dc: int.min(1).max(40) });

// Stored as the engine takes them: these parts are rare, so they are kept whole rather than compacted.
const storedEffect = z.object({
  name: z.string().min(1),
  duration: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rounds'), rounds: int.min(1).max(10000) }),
    z.object({ kind: z.enum(['source-turn-end', 'target-turn-start', 'encounter', 'day']) }),
  ]),
  attackBonus: dice.optional(),
  saveBonus: dice.optional(),
  acBonus: int.min(-20).max(20).optional(),
  onlyCreatureTypes: z.array(z.string()).optional(),
  attacksBy: z.enum(['advantage', 'disadvantage']).optional(),
  attacksAgainst: z.enum(['advantage', 'disadvantage']).optional(),
  extraDamage: dice.optional(),
  extraDamageType: damageType.optional(),
  extraDamageOncePerTurn: z.boolean().optional(),
  markDamage: dice.optional(),
  markDamageType: damageType.optional(),
  conditions: z.array(z.enum(CONDITIONS)).optional(),
  resistances: z.array(damageType).optional(),
  tempHp: dice.optional(),
  healEachTurn: dice.optional(),
  turnDamage: z.object({
    damage: dice, damageType, when: z.enum(['start', 'end']), save: saveSpec.optional(), onSuccess: z.enum(['half', 'none']).optional(),
  }).optional(),
  retaliate: dice.optional(),
  retaliateType: damageType.optional(),
  retaliateAlways: z.boolean().optional(),
  preventsHealing: z.boolean().optional(),
  saveEnds: z.boolean().optional(),
  endsOnDamage: z.boolean().optional(),
  savesBy: z.literal('advantage').optional(),
  exhaustion: int.min(1).max(6).optional(),
}).transform((e) => e as EffectSpec);

const storedAttack = z.object({
  toHit: int,
  damage: z.string().min(1),
  damageType,
  count: int.min(1).max(20).default(1),
  critOn: int.min(2).max(20).default(20),
  reach: z.enum(['melee', 'ranged']).default('melee'),
  extraDamage: z.array(z.object({ damage: dice, damageType, withAdvantage: z.literal(true).optional() })).min(1).max(4).optional(),
  againstHeld: z.object({ effect: z.string().min(1), damage: dice.optional() }).optional(),
});

const actionBase = {
  name: z.string().min(1),
  slot: z.enum(['action', 'bonus']).default('action'),
  uses: usesSchema.default(() => ({ per: 'at-will' as const })),
  condition: z.enum(ACTION_CONDITIONS).default('always'),
  spell: z.object({
    level: int.min(0).max(9), upcast: dice.optional(), upcastTargets: int.min(0).max(10).optional(),
    cantripScaling: z.boolean().optional(), concentration: z.boolean().optional(),
  }).optional(),
};

const storedAction = z.discriminatedUnion('type', [
  z.object({
    ...actionBase,
    type: z.literal('attack'),
    targeting: z.enum(ENEMY_TARGETING).default('lowest-hp'),
    attacks: z.array(storedAttack).min(1).max(20),
    effect: storedEffect.optional(),
    effectSave: saveSpec.optional(),
    effectOncePerTurn: z.boolean().optional(),
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
    effect: storedEffect.optional(),
    slay: z.object({ hp: int.min(1).max(10000), dies: z.boolean() }).optional(),
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

const storedEffectAction = z.object({
  ...actionBase,
  type: z.literal('effect'),
  targeting: z.enum(ENEMY_TARGETING).optional(),
  target: z.enum(['self', 'allies', 'enemies']),
  enemyTargeting: z.enum(ENEMY_TARGETING).optional(),
  targets: int.min(1).max(50),
  effect: storedEffect.optional(),
  ends: z.object({
    conditions: z.array(z.enum(CONDITIONS)).optional(), spells: z.boolean().optional(), checkBonus: int.min(-5).max(20).optional(),
  }).optional(),
  save: saveSpec.optional(),
  position: int.min(0).max(1000).optional(),
});

const storedAnyAction = z.union([storedAction, storedEffectAction]);

/** What the engine runs beyond the plain stat block, kept whole. */
const storedEngine = z.object({
  ac: int.min(1).max(50).optional(),
  immunities: z.array(damageType).optional(),
  nonmagicalResistances: z.array(damageType).optional(),
  nonmagicalImmunities: z.array(damageType).optional(),
  effectActions: z.array(storedEffectAction).optional(),
  legendary: z.object({
    perRound: int.min(0).max(10),
    resistances: int.min(0).max(10),
    actions: z.array(z.object({ cost: int.min(1).max(5), action: storedAnyAction })),
  }).optional(),
  traits: z.object({
    magicResistance: z.boolean().optional(),
    packTactics: z.boolean().optional(),
    regeneration: int.min(0).max(1000).optional(),
    regenerationBlockedBy: z.array(damageType).optional(),
    conditionImmunities: z.array(z.enum(CONDITIONS)).optional(),
    undeadFortitude: z.boolean().optional(),
    reflectsSpellAttacks: z.boolean().optional(),
    saveAdvantageAgainst: z.array(z.enum(CONDITIONS)).optional(),
    spellSaveAdvantage: z.array(z.enum(ABILITIES)).optional(),
  }).optional(),
  deathBurst: z.object({
    dc: int.min(1).max(40), ability: z.enum(ABILITIES), damage: dice, damageType, onSuccess: z.enum(['half', 'none']), targets: int.min(1).max(50),
    effect: storedEffect.optional(),
  }).optional(),
  effects: z.array(storedEffect).optional(),
  reactions: z.array(z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('shield'), uses: usesSchema.optional() }),
    z.object({ kind: z.literal('uncanny-dodge'), uses: usesSchema.optional() }),
    z.object({ kind: z.literal('parry'), acBonus: int.min(1).max(20), riposte: z.string().min(1).optional(), uses: usesSchema.optional() }),
    z.object({ kind: z.literal('hellish-rebuke'), damage: dice, dc: int.min(1).max(40), uses: usesSchema.optional() }),
    z.object({ kind: z.literal('counterspell'), bonus: int.min(-5).max(20), saveDc: int.min(1).max(40).optional(), uses: usesSchema.optional() }),
  ])).optional(),
  spellSlots: z.array(int.min(0).max(20)).max(9).optional(),
  level: int.min(1).max(30).optional(),
  tactics: z.enum(['in-order', 'auto']).optional(),
});

/** The creature's fields that storedEngine keeps. */
const ENGINE_KEYS = [
  'nonmagicalResistances', 'nonmagicalImmunities', 'effectActions', 'legendary', 'traits', 'deathBurst', 'effects', 'reactions', 'spellSlots', 'level',
  'tactics',
] as const;

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
  approximations: list(z.string()),
  notModelled: list(z.string()),
  actions: list(storedAction),
  engine: storedEngine.default(() => ({})),
});

export type StoredMonster = z.input<typeof storedMonster>;

export const compendiumHeader = z.object({
  format: z.literal(COMPENDIUM_FORMAT),
  version: z.union([z.literal(1), z.literal(COMPENDIUM_VERSION)]),
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
    ...(a.extraDamage && { extraDamage: a.extraDamage }),
    ...(a.againstHeld && { againstHeld: a.againstHeld }),
  };
}

function compactAction(a: ActionSpec): Record<string, unknown> {
  const base = {
    name: a.name,
    type: a.type,
    ...(a.slot !== 'action' && { slot: a.slot }),
    ...(compactUses(a.uses) && { uses: a.uses }),
    ...(a.condition !== 'always' && { condition: a.condition }),
    ...(a.spell && { spell: a.spell }),
  };
  if (a.type === 'attack') {
    return {
      ...base, ...(a.targeting !== 'lowest-hp' && { targeting: a.targeting }), attacks: a.attacks.map(compactAttack),
      ...(a.effect && { effect: a.effect }), ...(a.effectSave && { effectSave: a.effectSave }),
      ...(a.effectOncePerTurn && { effectOncePerTurn: true }),
    };
  }
  if (a.type === 'save') {
    return {
      ...base, ...(a.targeting !== 'lowest-hp' && { targeting: a.targeting }), dc: a.dc, ability: a.ability, damage: a.damage,
      damageType: a.damageType, onSuccess: a.onSuccess, ...(a.targets !== 1 && { targets: a.targets }), ...(a.effect && { effect: a.effect }),
      ...(a.slay && { slay: a.slay }),
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
  const engine: Record<string, unknown> = {};
  if (e.creature.ac !== e.ac) engine.ac = e.creature.ac;
  // Immunities from a spell cast before the fight (Mind Blank), beyond the stat block's own.
  if (e.creature.immunities.join() !== e.immunities.join()) engine.immunities = e.creature.immunities;
  for (const key of ENGINE_KEYS) if (e.creature[key] !== undefined) engine[key] = e.creature[key];
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
    ...nonEmpty('approximations', e.approximations),
    ...nonEmpty('notModelled', e.notModelled),
    ...nonEmpty('actions', e.creature.actions.map(compactAction)),
    ...(Object.keys(engine).length > 0 && { engine }),
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
  const built = buildCreature({
    name: s.name, hp: s.hp, hpFormula, ac: s.engine.ac ?? s.ac, abilities, saves, resistances: s.resistances, immunities: s.engine.immunities ?? s.immunities,
    vulnerabilities: s.vulnerabilities, actions, initiativeBonus: s.initiativeBonus,
  });
  const { ac: _ac, immunities: _immunities, ...extras } = s.engine;
  void _ac;
  void _immunities;
  const creature: CreatureSpec = {
    ...built,
    ...(extras as { effectActions?: EffectAction[]; legendary?: LegendarySpec; traits?: TraitsSpec; effects?: EffectSpec[]; reactions?: ReactionSpec[] }),
  };
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
    approximations: s.approximations,
    notModelled: s.notModelled,
    creature,
  };
}
