// Compiles a scenario once into flat, numeric structures the run loop can use without parsing,
// lookups by name or allocation. Values that would make the simulation meaningless are refused
// here with the path of the offending field.

import { diceMax, diceMean, parseDice, DiceError, type DiceExpr } from './dice.ts';
import type { AggregateLayout } from './stats.ts';
import {
  ABILITIES, ACTION_CONDITIONS, ALLY_TARGETING, DAMAGE_TYPES, ENEMY_TARGETING,
  type ActionSpec, type CreatureSpec, type DamageType, type ScenarioSpec, type RulesSettings, type Surprise,
} from './types.ts';

export class CompileError extends Error {
  readonly path: string;
  readonly problem: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'CompileError';
    this.path = path;
    this.problem = problem;
  }
}

function oneOf<T extends string>(value: T, allowed: readonly T[], path: string): T {
  if (!allowed.includes(value)) throw new CompileError(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}

// Numeric codes rather than enums: plain constants are inlined by the JIT in the run loop.
export const KIND_ATTACK = 0, KIND_SAVE = 1, KIND_HEAL = 2;
export const USES_AT_WILL = 0, USES_ENCOUNTER = 1, USES_SHORT_REST = 2, USES_LONG_REST = 3, USES_RECHARGE = 4;

export interface CompiledAttack {
  toHit: number;
  damage: DiceExpr;
  damageBit: number;
  count: number;
  critOn: number;
  melee: boolean;
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
  /** Index into ENEMY_TARGETING or ALLY_TARGETING depending on kind. */
  targeting: number;
  attacks: CompiledAttack[];
  dc: number;
  ability: number;
  damage: DiceExpr | null;
  damageBit: number;
  halfOnSuccess: boolean;
  targets: number;
  amount: DiceExpr | null;
  temporary: boolean;
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
  hitDiceCount: number;
  hitDieSides: number;
  conModifier: number;
  actions: CompiledAction[];
  /** Mean damage of its best turn, for the "highest damage" targeting strategy. */
  expectedDamage: number;
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
}

export const damageBit = (t: DamageType): number => 1 << DAMAGE_TYPES.indexOf(t);

function mask(list: DamageType[], path: string): number {
  let m = 0;
  list.forEach((t, i) => {
    const idx = DAMAGE_TYPES.indexOf(t);
    if (idx < 0) throw new CompileError(`${path}[${i}]`, `unknown damage type "${t}"`);
    m |= 1 << idx;
  });
  return m;
}

function dice(text: string, path: string): DiceExpr {
  try {
    return parseDice(text);
  } catch (e) {
    if (e instanceof DiceError) throw new CompileError(path, e.message);
    throw e;
  }
}

function integer(value: number, path: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CompileError(path, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function indexOf<T extends string>(list: readonly T[], value: T, path: string): number {
  const i = list.indexOf(value);
  if (i < 0) throw new CompileError(path, `unknown value "${String(value)}"; expected one of ${list.join(', ')}`);
  return i;
}

function compileAction(a: ActionSpec, path: string): CompiledAction {
  const base: CompiledAction = {
    name: a.name,
    kind: KIND_ATTACK,
    slot: oneOf(a.slot, ['action', 'bonus'], `${path}.slot`) === 'bonus' ? 1 : 0,
    usesKind: USES_AT_WILL,
    usesMax: 0,
    rechargeMin: 7,
    condition: indexOf(ACTION_CONDITIONS, a.condition, `${path}.condition`),
    targeting: 0,
    attacks: [],
    dc: 0,
    ability: 0,
    damage: null,
    damageBit: 0,
    halfOnSuccess: false,
    targets: 1,
    amount: null,
    temporary: false,
  };
  const u = a.uses;
  if (u.per === 'at-will') base.usesKind = USES_AT_WILL;
  else if (u.per === 'recharge') {
    base.usesKind = USES_RECHARGE;
    base.rechargeMin = integer(u.min, `${path}.uses.min`, 2, 6);
  } else {
    base.usesKind = u.per === 'encounter' ? USES_ENCOUNTER : u.per === 'short-rest' ? USES_SHORT_REST : USES_LONG_REST;
    base.usesMax = integer(u.count, `${path}.uses.count`, 1, 100);
  }
  if (a.type === 'attack') {
    base.kind = KIND_ATTACK;
    base.targeting = indexOf(ENEMY_TARGETING, a.targeting, `${path}.targeting`);
    if (a.attacks.length === 0) throw new CompileError(`${path}.attacks`, 'an attack action needs at least one attack');
    if (a.attacks.length > 20) throw new CompileError(`${path}.attacks`, 'at most 20 attacks in one action');
    base.attacks = a.attacks.map((atk, i) => ({
      toHit: integer(atk.toHit, `${path}.attacks[${i}].toHit`, -20, 50),
      damage: dice(atk.damage, `${path}.attacks[${i}].damage`),
      damageBit: 1 << indexOf(DAMAGE_TYPES, atk.damageType, `${path}.attacks[${i}].damageType`),
      count: integer(atk.count, `${path}.attacks[${i}].count`, 1, 20),
      critOn: integer(atk.critOn, `${path}.attacks[${i}].critOn`, 2, 20),
      melee: oneOf(atk.reach, ['melee', 'ranged'], `${path}.attacks[${i}].reach`) === 'melee',
    }));
  } else if (a.type === 'save') {
    base.kind = KIND_SAVE;
    base.targeting = indexOf(ENEMY_TARGETING, a.targeting, `${path}.targeting`);
    base.dc = integer(a.dc, `${path}.dc`, 1, 40);
    base.ability = indexOf(ABILITIES, a.ability, `${path}.ability`);
    base.damage = dice(a.damage, `${path}.damage`);
    base.damageBit = 1 << indexOf(DAMAGE_TYPES, a.damageType, `${path}.damageType`);
    base.halfOnSuccess = oneOf(a.onSuccess, ['half', 'none'], `${path}.onSuccess`) === 'half';
    base.targets = integer(a.targets, `${path}.targets`, 1, 50);
  } else if (a.type === 'heal') {
    base.kind = KIND_HEAL;
    base.targeting = indexOf(ALLY_TARGETING, a.targeting, `${path}.targeting`);
    base.amount = dice(a.amount, `${path}.amount`);
    base.targets = integer(a.targets, `${path}.targets`, 1, 50);
    base.temporary = a.temporary === true;
  } else {
    throw new CompileError(`${path}.type`, `unknown action type "${(a as { type: unknown }).type}"`);
  }
  return base;
}

function turnDamage(actions: CompiledAction[], slot: number): number {
  let best = 0;
  for (const a of actions) {
    if (a.slot !== slot) continue;
    let d = 0;
    if (a.kind === KIND_ATTACK) for (const atk of a.attacks) d += atk.count * Math.max(0, diceMean(atk.damage));
    else if (a.kind === KIND_SAVE && a.damage) d = a.targets * Math.max(0, diceMean(a.damage));
    best = Math.max(best, d);
  }
  return best;
}

function compileCreature(c: CreatureSpec, path: string): CreatureTemplate {
  const hp = integer(c.hp, `${path}.hp`, 1, 100000);
  oneOf(c.kind, ['character', 'monster'], `${path}.kind`);
  let hpFormula: DiceExpr | null = null;
  if (c.hpFormula) {
    const formula = dice(c.hpFormula, `${path}.hpFormula`);
    if (diceMax(formula) < 1) throw new CompileError(`${path}.hpFormula`, `"${c.hpFormula}" can never give 1 HP or more`);
    if (c.rollHp) hpFormula = formula;
  }
  let hitDiceCount = 0, hitDieSides = 0;
  if (c.hitDice) {
    const hd = dice(c.hitDice, `${path}.hitDice`);
    if (hd.terms.length !== 1 || hd.flat !== 0 || hd.terms[0].keep !== hd.terms[0].count || hd.terms[0].sign < 0) {
      throw new CompileError(`${path}.hitDice`, `hit dice must look like "5d10", got "${c.hitDice}"`);
    }
    hitDiceCount = hd.terms[0].count;
    hitDieSides = hd.terms[0].sides;
  }
  const saves = new Int32Array(6);
  ABILITIES.forEach((ab, i) => (saves[i] = integer(c.saves[ab], `${path}.saves.${ab}`, -10, 30)));
  const actions = c.actions.map((a, i) => compileAction(a, `${path}.actions[${i}]`));
  return {
    name: c.name,
    isCharacter: c.kind === 'character',
    hp,
    hpFormula,
    ac: integer(c.ac, `${path}.ac`, 1, 50),
    initiativeBonus: integer(c.initiativeBonus, `${path}.initiativeBonus`, -10, 30),
    initiativeAdvantage: c.initiativeAdvantage,
    saves,
    resistMask: mask(c.resistances, `${path}.resistances`),
    immuneMask: mask(c.immunities, `${path}.immunities`),
    vulnMask: mask(c.vulnerabilities, `${path}.vulnerabilities`),
    hitDiceCount,
    hitDieSides,
    conModifier: integer(c.conModifier, `${path}.conModifier`, -5, 15),
    actions,
    expectedDamage: turnDamage(actions, 0) + turnDamage(actions, 1),
  };
}

/** Expands `count` into separate combatants with numbered names. */
function expand(list: CreatureSpec[], path: string, limit: number): CreatureTemplate[] {
  const out: CreatureTemplate[] = [];
  list.forEach((c, i) => {
    const n = integer(c.count, `${path}[${i}].count`, 1, limit);
    const template = compileCreature(c, `${path}[${i}]`);
    for (let k = 0; k < n; k++) out.push(n === 1 ? template : { ...template, name: `${c.name} ${k + 1}` });
    if (out.length > limit) throw new CompileError(`${path}`, `more than ${limit} combatants on one side`);
  });
  return out;
}

export const MAX_COMBATANTS_PER_SIDE = 60;

export function compileScenario(spec: ScenarioSpec): CompiledScenario {
  const party = expand(spec.party, 'party', MAX_COMBATANTS_PER_SIDE);
  if (party.length === 0) throw new CompileError('party', 'the party needs at least one creature');
  if (spec.encounters.length === 0) throw new CompileError('encounters', 'the day needs at least one encounter');
  if (spec.encounters.length > 50) throw new CompileError('encounters', 'at most 50 encounters in a day');
  const encounters = spec.encounters.map((e, i) => {
    const enemies = expand(e.enemies, `encounters[${i}].enemies`, MAX_COMBATANTS_PER_SIDE);
    if (enemies.length === 0) throw new CompileError(`encounters[${i}].enemies`, 'an encounter needs at least one enemy');
    const surprise = oneOf(e.surprise, ['none', 'party', 'enemies'], `encounters[${i}].surprise`);
    return { name: e.name, enemies, shortRestBefore: i > 0 && e.shortRestBefore === true, surprise };
  });
  const rules = {
    roundCap: integer(spec.rules.roundCap, 'rules.roundCap', 1, 1000),
    attackDowned: oneOf(spec.rules.attackDowned, ['never', 'when-none-standing', 'always'], 'rules.attackDowned'),
    hitDicePolicy: oneOf(spec.rules.hitDicePolicy, ['none', 'to-half', 'to-full'], 'rules.hitDicePolicy'),
  };
  const partyHpMax = party.reduce((s, c) => s + (c.hpFormula ? Math.max(1, diceMax(c.hpFormula)) : c.hp), 0);
  return {
    party,
    encounters,
    rules,
    layout: {
      party: party.map((c) => c.name),
      partyActions: party.map((c) => c.actions.map((a) => a.name)),
      encounters: encounters.map((e) => ({
        name: e.name,
        enemies: e.enemies.map((c) => c.name),
        enemyActions: e.enemies.map((c) => c.actions.map((a) => a.name)),
      })),
      roundCap: rules.roundCap,
      partyHpMax,
    },
  };
}
