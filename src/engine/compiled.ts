// The compiled form of a scenario: flat, numeric structures the run loop reads without parsing,
// lookups by name or allocation, with numeric codes rather than enums. What builds them is
// compile.ts.

import type { DiceExpr } from './dice.ts';
import type { AggregateLayout } from './stats.ts';
import { CONDITIONS, DAMAGE_TYPES, type Condition, type DamageType, type ResourcePolicy, type RulesSettings, type Surprise } from './types.ts';

// Numeric codes rather than enums. A constant imported from another module is still a load at run
// time in V8 (its binding is not folded into the compiled code), so the run loop's hottest tests
// write the code itself with the constant's name beside it, as in `a.kind === 0 /* KIND_ATTACK */`;
// codes.test.ts holds every constant written so to its value.
export const KIND_ATTACK = 0, KIND_SAVE = 1, KIND_HEAL = 2, KIND_EFFECT = 3, KIND_SUMMON = 4;
/** Action slots: legendary and lair actions live in the same list but are never taken on a turn. */
export const SLOT_ACTION = 0, SLOT_BONUS = 1, SLOT_LEGENDARY = 2, SLOT_LAIR = 3;
export const EFFECT_SELF = 0, EFFECT_ALLIES = 1, EFFECT_ENEMIES = 2;
export const DUR_ROUNDS = 0, DUR_SOURCE_TURN_END = 1, DUR_TARGET_TURN_START = 2, DUR_ENCOUNTER = 3, DUR_DAY = 4;

export const conditionBit = (c: Condition): number => 1 << CONDITIONS.indexOf(c);
export const C_BLINDED = conditionBit('blinded'), C_CHARMED = conditionBit('charmed'), C_FRIGHTENED = conditionBit('frightened'),
  C_INCAPACITATED = conditionBit('incapacitated'), C_INVISIBLE = conditionBit('invisible'), C_PARALYZED = conditionBit('paralyzed'),
  C_POISONED = conditionBit('poisoned'), C_PRONE = conditionBit('prone'), C_RESTRAINED = conditionBit('restrained'),
  C_STUNNED = conditionBit('stunned'), C_UNCONSCIOUS = conditionBit('unconscious');
/** Conditions that take away actions and reactions. */
export const C_NO_ACTIONS = C_INCAPACITATED | C_PARALYZED | C_STUNNED | C_UNCONSCIOUS;
/** Conditions under which Strength and Dexterity saves fail automatically. */
export const C_FAIL_STR_DEX = C_PARALYZED | C_STUNNED | C_UNCONSCIOUS;
/** Conditions under which a melee hit from within 5 feet is a critical hit. */
export const C_MELEE_CRIT = C_PARALYZED | C_UNCONSCIOUS;

export interface CompiledEffect {
  name: string;
  /** Same name, same id across the scenario: an effect never stacks with itself. */
  id: number;
  durKind: number;
  durRounds: number;
  attackDice: DiceExpr | null;
  saveDice: DiceExpr | null;
  acBonus: number;
  /** +1 advantage, -1 disadvantage, 0 neither. */
  attacksBy: number;
  attacksAgainst: number;
  extraDamage: DiceExpr | null;
  extraBit: number;
  extraOncePerTurn: boolean;
  markDamage: DiceExpr | null;
  markBit: number;
  conditionMask: number;
  /** Creature types it takes hold on, or null for any. */
  onlyTypes: string[] | null;
  resistMask: number;
  tempHp: DiceExpr | null;
  healEachTurn: DiceExpr | null;
  turnDamage: DiceExpr | null;
  turnBit: number;
  /** 0 at the start of the affected creature's turn, 1 at its end. */
  turnWhen: number;
  turnSaveAbility: number;
  turnSaveDc: number;
  turnHalf: boolean;
  retaliate: DiceExpr | null;
  retaliateBit: number;
  retaliateAlways: boolean;
  preventsHealing: boolean;
  saveEnds: boolean;
  endsOnDamage: boolean;
  /** Whether it takes away the affected creature's actions: Legendary Resistance is kept for these. */
  disabling: boolean;
  /** Advantage on the affected creature's saving throws. */
  savesBy: boolean;
  /** Exhaustion levels gained when it starts (0: none). */
  exhaustion: number;
  /** The creature it is on leaves the fight when it ends (the bond of a summoned creature to its summoner). */
  leavesOnEnd: boolean;
}

/** Creatures a summoner brings into the fight (see SummonSpec); its members sit in reserve in the encounter's list. */
export interface CompiledSummon {
  name: string;
  /** Index of the summons in the summoner's `summons`, whose reserve combatants it calls. */
  group: number;
  /** How many join on one use, or null for the whole reserve. */
  number: DiceExpr | null;
  /** Rounds until they arrive, or null for at once. */
  delay: DiceExpr | null;
  /** Holds them to the summoner (ends with its death or its concentration), or null when they stay. */
  bond: CompiledEffect | null;
  needsCorpse: boolean;
  beforeFight: boolean;
  /** Reserve members: the combatants right after the summoner in the encounter's list, from `offset` for `size`. */
  offset: number;
  size: number;
}

export const REACT_SHIELD = 0, REACT_UNCANNY_DODGE = 1, REACT_PARRY = 2, REACT_HELLISH_REBUKE = 3, REACT_COUNTERSPELL = 4;

export interface CompiledReaction {
  kind: number;
  usesKind: number;
  usesMax: number;
  acBonus: number;
  damage: DiceExpr | null;
  /** Hellish Rebuke's save DC; for Counterspell, the 2024 spell's save DC (0: the 2014 spell's ability check). */
  dc: number;
  /** Counterspell's ability check bonus. */
  bonus: number;
  /** Parry: the attack action whose first attack it makes against an attacker its parry made miss, or null. */
  riposte: CompiledAction | null;
}
export const USES_AT_WILL = 0, USES_ENCOUNTER = 1, USES_SHORT_REST = 2, USES_LONG_REST = 3, USES_RECHARGE = 4;

export interface CompiledDamagePart {
  damage: DiceExpr;
  bit: number;
  /** Dealt only when the attack roll had advantage. */
  withAdvantage: boolean;
}

/**
 * Set beside a damage type's bit on damage from a nonmagical attack, so that resistance and
 * immunity to nonmagical attacks apply to it; no creature's own masks ever contain it.
 */
export const NONMAGICAL_BIT = 1 << 20;

export const MASTERY_NONE = 0, MASTERY_GRAZE = 1, MASTERY_VEX = 2, MASTERY_CLEAVE = 3;

export interface CompiledAttack {
  toHit: number;
  damage: DiceExpr;
  /** The damage type's bit, with NONMAGICAL_BIT for a weapon that is not magical. */
  damageBit: number;
  /** Damage of other types on each hit, or null. */
  extra: CompiledDamagePart[] | null;
  /** MASTERY_NONE, MASTERY_GRAZE, MASTERY_VEX or MASTERY_CLEAVE. */
  mastery: number;
  /** Graze: damage on a miss. */
  grazeDamage: number;
  /** Cleave: the attack against a second creature (its damage without the modifier), or null. */
  cleave: CompiledAttack | null;
  count: number;
  critOn: number;
  melee: boolean;
  /** The id of the attacker's own effect (a grapple) that gives it advantage against the creature under it; -1 for none. */
  heldEffect: number;
  /** The damage against such a creature in place of `damage`, or null for the same. */
  heldDamage: DiceExpr | null;
}

export interface CompiledAction {
  name: string;
  kind: number;
  /** 0 action, 1 bonus action. */
  slot: number;
  usesKind: number;
  usesMax: number;
  rechargeMin: number;
  condition: number;
  /** For 'after-previous': the index, in the compiled list, of the action listed just before it; -1 when none. */
  afterIndex: number;
  /** A legendary action it can't take again until the start of its next turn. */
  oncePerRound: boolean;
  /** Its on-hit effect is tried on the first hit of each turn only. */
  effectOncePerTurn: boolean;
  /** Index into ENEMY_TARGETING or ALLY_TARGETING depending on kind. */
  targeting: number;
  attacks: CompiledAttack[];
  dc: number;
  ability: number;
  damage: DiceExpr | null;
  damageBit: number;
  halfOnSuccess: boolean;
  /** A failed save at this many hit points or fewer drops the creature to 0 (0: never); `slayDies` kills it outright. */
  slayHp: number;
  slayDies: boolean;
  targets: number;
  amount: DiceExpr | null;
  temporary: boolean;
  /** The effect applied (effect action) or ridden (on hit, on a failed save). */
  effect: CompiledEffect | null;
  /** EFFECT_SELF, EFFECT_ALLIES or EFFECT_ENEMIES for effect actions. */
  effectTarget: number;
  /** -1 when no save resists the effect. */
  effectSaveAbility: number;
  effectSaveDc: number;
  /** -1 when not a spell; 0 for a cantrip; else the lowest slot level. */
  spellLevel: number;
  upcast: DiceExpr | null;
  upcastTargets: number;
  cantripScaling: boolean;
  concentration: boolean;
  smite: { damage: DiceExpr; upcast: DiceExpr; maxLevel: number; bit: number } | null;
  /** Mean damage to one target if everything hits (attacks) or every save fails (saves), for automatic tactics. */
  meanDamage: number;
  /** Legendary action cost in points. */
  cost: number;
  /** What an ending action ends (Lesser Restoration, Dispel Magic), or null for every other action. */
  ends: CompiledEnds | null;
  /** The creatures a summoning action calls, or null for every other action. */
  summon: CompiledSummon | null;
}

export interface CompiledEnds {
  /** Conditions whose effects it ends on an ally (0: none). */
  conditionMask: number;
  /** Ends spell effects (Dispel Magic). */
  spells: boolean;
  checkBonus: number;
}

export interface CreatureTemplate {
  name: string;
  isCharacter: boolean;
  hp: number;
  hpFormula: DiceExpr | null;
  ac: number;
  initiativeBonus: number;
  initiativeAdvantage: boolean;
  saves: Int32Array;
  resistMask: number;
  immuneMask: number;
  vulnMask: number;
  /** Types resisted, or ignored, only when the damage comes from a nonmagical attack. */
  nonmagicalResistMask: number;
  nonmagicalImmuneMask: number;
  /** Either of the two above: 0 for nearly every creature, so the check costs one test. */
  nonmagicalMask: number;
  hitDiceCount: number;
  hitDieSides: number;
  conModifier: number;
  actions: CompiledAction[];
  /** Mean damage of its best turn, for the "highest damage" targeting strategy. */
  expectedDamage: number;
  level: number;
  /** Slots per level (index 0 is 1st level). */
  slots: Int32Array;
  /** Pact magic: slots come back on a short rest. */
  pactSlots: boolean;
  hasSlots: boolean;
  reactions: CompiledReaction[];
  legendaryPerRound: number;
  legendaryResistances: number;
  hasLair: boolean;
  magicResistance: boolean;
  undeadFortitude: boolean;
  /** Reflective Carapace: ranged spell attacks against it do nothing, or on a 6 on a d6 turn on their caster. */
  reflectsSpellAttacks: boolean;
  /** Condition bits it has advantage on saves against, and ability bits it has advantage on against spells. */
  saveAdvantageMask: number;
  spellSaveAdvantageMask: number;
  /** The save its enemies make when it dies, or null. */
  deathBurst: CompiledAction | null;
  packTactics: boolean;
  regeneration: number;
  regenerationBlockMask: number;
  conditionImmuneMask: number;
  /** Lower-case creature type, or null when not given (then any effect limited by type still works on it). */
  creatureType: string | null;
  permanentEffects: CompiledEffect[];
  /** Whether anything beyond plain attacks, saves and heals is involved: the run loop skips that work otherwise. */
  rich: boolean;
  /** Picks actions by the automatic policy rather than in list order. */
  autoTactics: boolean;
  /** Its summons, before the fight and by action (each an action whose `summon` is set); empty for nearly every creature. */
  summons: CompiledAction[];
  /** A summoned creature held in reserve: out of the fight until its summoner calls it. */
  reserve: boolean;
}

export interface CompiledEncounter {
  name: string;
  enemies: CreatureTemplate[];
  shortRestBefore: boolean;
  surprise: Surprise;
}

export interface CompiledScenario {
  party: CreatureTemplate[];
  encounters: CompiledEncounter[];
  rules: RulesSettings;
  layout: AggregateLayout;
  resourcePolicy: ResourcePolicy;
  /** Number of distinct effects (by name). */
  effectCount: number;
  /** Whether any creature has effects, slots, reactions, legendary or lair actions or traits. */
  rich: boolean;
  /** The effect the Shield reaction applies: +5 AC until the start of the caster's next turn. */
  shieldEffect: CompiledEffect;
  /** The rules edition's differences, fixed here so the run loop never checks the edition itself. */
  spellsPerTurn: SpellsPerTurnRule;
  /** Divine Smite takes the bonus action, once per turn (2024). */
  smiteIsBonusAction: boolean;
  /** A surprised creature loses its first turn (2014) or rolls initiative with disadvantage (2024). */
  surpriseLosesTurn: boolean;
  /** The side (SIDE_PARTY or SIDE_ENEMY) that acts first in every fight, or -1: initiative as rolled. */
  initiativeFirst: number;
}

/** 2014: no bonus-action spell after a leveled spell with the action. 2024: one spell slot per turn. */
export const SPELLS_PER_TURN_2014 = 0, SPELLS_PER_TURN_2024 = 1;
export type SpellsPerTurnRule = typeof SPELLS_PER_TURN_2014 | typeof SPELLS_PER_TURN_2024;

export const damageBit = (t: DamageType): number => 1 << DAMAGE_TYPES.indexOf(t);

/** Real saves hold up to 80 on a side; the cost estimate, not this count, guards against fights too long to run. */
export const MAX_COMBATANTS_PER_SIDE = 100;
