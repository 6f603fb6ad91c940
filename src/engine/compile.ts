// Compiles a scenario once into the flat, numeric structures of compiled.ts, which the run loop
// uses without parsing, lookups by name or allocation. Values that would make the simulation
// meaningless are refused here with the path of the offending field.

import type { SummonedEnemy } from './stats.ts';
import {
  C_NO_ACTIONS, DUR_ENCOUNTER, DUR_SOURCE_TURN_END, MAX_COMBATANTS_PER_SIDE, EFFECT_ENEMIES, KIND_ATTACK, KIND_EFFECT, KIND_HEAL, KIND_SAVE, MASTERY_CLEAVE, MASTERY_GRAZE,
  MASTERY_NONE, MASTERY_VEX, NONMAGICAL_BIT, SLOT_ACTION, SLOT_BONUS, SLOT_LAIR, SLOT_LEGENDARY, SPELLS_PER_TURN_2014,
  SPELLS_PER_TURN_2024, USES_AT_WILL, USES_ENCOUNTER, USES_LONG_REST, USES_RECHARGE, USES_SHORT_REST,
  KIND_SUMMON, type CompiledAction, type CompiledAttack, type CompiledEffect, type CompiledReaction, type CompiledScenario, type CreatureTemplate,
} from './compiled.ts';
import { diceMax, diceMean, parseDice, DiceError, type DiceExpr } from './dice.ts';
import { SIDE_ENEMY, SIDE_PARTY } from './fight-state.ts';
import { FULL_CASTER_SLOTS, HALF_CASTER_SLOTS, PACT_SLOTS, THIRD_CASTER_SLOTS } from './tables.ts';
import {
  ABILITIES, ACTION_CONDITIONS, ALLY_TARGETING, CONDITIONS, DAMAGE_TYPES, ENEMY_TARGETING,
  type Condition, type CreatureActionSpec, type CreatureSpec, type DamageType, type EffectSpec, type ReactionSpec,
  type ScenarioSpec, type SaveSpec, type SummonSpec, type Uses,
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

/** Distinct effects by name, shared by the whole scenario. */
type EffectIds = Map<string, number>;

function optionalDice(text: string | undefined, path: string): DiceExpr | null {
  return text === undefined || text === null ? null : dice(text, path);
}

function typeBit(t: DamageType | undefined, fallback: DamageType, path: string): number {
  return 1 << indexOf(DAMAGE_TYPES, t ?? fallback, path);
}

function conditionMask(list: Condition[] | undefined, path: string): number {
  let m = 0;
  (list ?? []).forEach((c, i) => (m |= 1 << indexOf(CONDITIONS, c, `${path}[${i}]`)));
  return m;
}

function advantage(v: 'advantage' | 'disadvantage' | undefined, path: string): number {
  if (v === undefined || v === null) return 0;
  return oneOf(v, ['advantage', 'disadvantage'], path) === 'advantage' ? 1 : -1;
}

function creatureTypes(list: unknown, path: string): string[] {
  if (!Array.isArray(list)) throw new CompileError(path, 'must be a list of creature types');
  return list.map((t, i) => {
    if (typeof t !== 'string' || t.trim().length === 0 || t.length > 40) throw new CompileError(`${path}[${i}]`, 'must be a creature type such as "humanoid"');
    return t.trim().toLowerCase();
  });
}

/** The id of the effect named `name`: the same for every mention, given at the first. */
function effectId(name: string, ids: EffectIds): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(name, id);
  }
  return id;
}

export function compileEffect(e: EffectSpec, path: string, ids: EffectIds): CompiledEffect {
  if (typeof e.name !== 'string' || e.name.length === 0) throw new CompileError(`${path}.name`, 'an effect needs a name');
  const id = effectId(e.name, ids);
  const d = e.duration ?? { kind: 'encounter' };
  const kinds = ['rounds', 'source-turn-end', 'target-turn-start', 'encounter', 'day'] as const;
  const durKind = indexOf(kinds, d.kind, `${path}.duration.kind`);
  const durRounds = d.kind === 'rounds' ? integer(d.rounds, `${path}.duration.rounds`, 1, 10000) : 0;
  const td = e.turnDamage;
  const conditions = conditionMask(e.conditions, `${path}.conditions`);
  return {
    name: e.name,
    id,
    durKind,
    durRounds,
    attackDice: optionalDice(e.attackBonus, `${path}.attackBonus`),
    saveDice: optionalDice(e.saveBonus, `${path}.saveBonus`),
    acBonus: e.acBonus === undefined ? 0 : integer(e.acBonus, `${path}.acBonus`, -20, 20),
    attacksBy: advantage(e.attacksBy, `${path}.attacksBy`),
    attacksAgainst: advantage(e.attacksAgainst, `${path}.attacksAgainst`),
    extraDamage: optionalDice(e.extraDamage, `${path}.extraDamage`),
    extraBit: typeBit(e.extraDamageType, 'force', `${path}.extraDamageType`),
    extraOncePerTurn: e.extraDamageOncePerTurn === true,
    markDamage: optionalDice(e.markDamage, `${path}.markDamage`),
    markBit: typeBit(e.markDamageType, 'force', `${path}.markDamageType`),
    conditionMask: conditions,
    onlyTypes: e.onlyCreatureTypes === undefined ? null : creatureTypes(e.onlyCreatureTypes, `${path}.onlyCreatureTypes`),
    resistMask: mask(e.resistances ?? [], `${path}.resistances`),
    tempHp: optionalDice(e.tempHp, `${path}.tempHp`),
    healEachTurn: optionalDice(e.healEachTurn, `${path}.healEachTurn`),
    turnDamage: td ? dice(td.damage, `${path}.turnDamage.damage`) : null,
    turnBit: td ? typeBit(td.damageType, 'force', `${path}.turnDamage.damageType`) : 0,
    turnWhen: td ? (oneOf(td.when, ['start', 'end'], `${path}.turnDamage.when`) === 'start' ? 0 : 1) : 0,
    turnSaveAbility: td?.save ? indexOf(ABILITIES, td.save.ability, `${path}.turnDamage.save.ability`) : -1,
    turnSaveDc: td?.save ? integer(td.save.dc, `${path}.turnDamage.save.dc`, 1, 40) : 0,
    turnHalf: td ? (td.onSuccess ?? 'half') === 'half' : false,
    retaliate: optionalDice(e.retaliate, `${path}.retaliate`),
    retaliateBit: typeBit(e.retaliateType, 'cold', `${path}.retaliateType`),
    retaliateAlways: e.retaliateAlways === true,
    preventsHealing: e.preventsHealing === true,
    saveEnds: e.saveEnds === true,
    endsOnDamage: e.endsOnDamage === true,
    disabling: (conditions & C_NO_ACTIONS) !== 0,
    savesBy: e.savesBy === undefined ? false : oneOf(e.savesBy, ['advantage'], `${path}.savesBy`) === 'advantage',
    exhaustion: e.exhaustion === undefined ? 0 : integer(e.exhaustion, `${path}.exhaustion`, 0, 6),
    leavesOnEnd: false,
  };
}

function compileUses(u: Uses, path: string, into: { usesKind: number; usesMax: number; rechargeMin: number }): void {
  if (u.per === 'at-will') into.usesKind = USES_AT_WILL;
  else if (u.per === 'recharge') {
    into.usesKind = USES_RECHARGE;
    into.rechargeMin = integer(u.min, `${path}.min`, 2, 6);
  } else {
    into.usesKind = u.per === 'encounter' ? USES_ENCOUNTER : u.per === 'short-rest' ? USES_SHORT_REST : USES_LONG_REST;
    into.usesMax = integer(u.count, `${path}.count`, 1, 100);
  }
}

function compileSave(save: SaveSpec | undefined, path: string): [number, number] {
  if (!save) return [-1, 0];
  return [indexOf(ABILITIES, save.ability, `${path}.ability`), integer(save.dc, `${path}.dc`, 1, 40)];
}

function compileAction(a: CreatureActionSpec, path: string, ids: EffectIds, slotOverride = -1): CompiledAction {
  const base: CompiledAction = {
    name: a.name,
    kind: KIND_ATTACK,
    slot: slotOverride >= 0 ? slotOverride : oneOf(a.slot, ['action', 'bonus'], `${path}.slot`) === 'bonus' ? SLOT_BONUS : SLOT_ACTION,
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
    slayHp: 0,
    slayDies: false,
    targets: 1,
    amount: null,
    temporary: false,
    effect: null,
    effectTarget: EFFECT_ENEMIES,
    effectSaveAbility: -1,
    effectSaveDc: 0,
    spellLevel: -1,
    upcast: null,
    upcastTargets: 0,
    cantripScaling: false,
    concentration: false,
    smite: null,
    cost: 1,
    meanDamage: 0,
    afterIndex: -1,
    oncePerRound: false,
    effectOncePerTurn: false,
    ends: null,
    summon: null,
  };
  compileUses(a.uses, `${path}.uses`, base);
  if (a.spell) {
    const sp = a.spell;
    base.spellLevel = integer(sp.level, `${path}.spell.level`, 0, 9);
    base.upcast = optionalDice(sp.upcast, `${path}.spell.upcast`);
    base.upcastTargets = sp.upcastTargets === undefined ? 0 : integer(sp.upcastTargets, `${path}.spell.upcastTargets`, 0, 10);
    base.cantripScaling = sp.cantripScaling === true;
    base.concentration = sp.concentration === true;
  }
  if (a.type === 'attack') {
    base.kind = KIND_ATTACK;
    base.targeting = indexOf(ENEMY_TARGETING, a.targeting, `${path}.targeting`);
    if (a.attacks.length === 0) throw new CompileError(`${path}.attacks`, 'an attack action needs at least one attack');
    if (a.attacks.length > 20) throw new CompileError(`${path}.attacks`, 'at most 20 attacks in one action');
    base.attacks = a.attacks.map((atk, i): CompiledAttack => {
      const at = `${path}.attacks[${i}]`;
      const compiled: CompiledAttack = {
        toHit: integer(atk.toHit, `${at}.toHit`, -20, 50),
        damage: dice(atk.damage, `${at}.damage`),
        damageBit: 1 << indexOf(DAMAGE_TYPES, atk.damageType, `${at}.damageType`),
        count: integer(atk.count, `${at}.count`, 1, 20),
        critOn: integer(atk.critOn, `${at}.critOn`, 2, 20),
        melee: oneOf(atk.reach, ['melee', 'ranged'], `${at}.reach`) === 'melee',
        extra: atk.extraDamage === undefined || atk.extraDamage.length === 0 ? null : atk.extraDamage.map((part, j) => ({
          damage: dice(part.damage, `${at}.extraDamage[${j}].damage`),
          bit: 1 << indexOf(DAMAGE_TYPES, part.damageType, `${at}.extraDamage[${j}].damageType`),
          withAdvantage: part.withAdvantage === true,
        })),
        mastery: MASTERY_NONE,
        grazeDamage: 0,
        cleave: null,
        heldEffect: -1,
        heldDamage: null,
      };
      if (atk.againstHeld !== undefined) {
        if (typeof atk.againstHeld.effect !== 'string' || atk.againstHeld.effect.length === 0) throw new CompileError(`${at}.againstHeld.effect`, 'name the effect that holds the target');
        compiled.heldEffect = effectId(atk.againstHeld.effect, ids);
        compiled.heldDamage = optionalDice(atk.againstHeld.damage, `${at}.againstHeld.damage`);
      }
      const m = atk.mastery;
      if (m !== undefined) {
        const kind = oneOf(m.kind, ['graze', 'vex', 'cleave'], `${at}.mastery.kind`);
        if (kind === 'graze') {
          compiled.mastery = MASTERY_GRAZE;
          compiled.grazeDamage = integer((m as { damage: number }).damage, `${at}.mastery.damage`, 0, 20);
        } else if (kind === 'vex') compiled.mastery = MASTERY_VEX;
        else {
          if (!compiled.melee) throw new CompileError(`${at}.mastery`, 'Cleave needs a melee weapon');
          compiled.mastery = MASTERY_CLEAVE;
          compiled.cleave = { ...compiled, damage: dice((m as { damage: string }).damage, `${at}.mastery.damage`), count: 1, extra: null, mastery: MASTERY_NONE, cleave: null };
        }
      }
      return compiled;
    });
    if (a.effect) base.effect = compileEffect(a.effect, `${path}.effect`, ids);
    [base.effectSaveAbility, base.effectSaveDc] = compileSave(a.effectSave, `${path}.effectSave`);
    base.effectOncePerTurn = a.effectOncePerTurn === true;
    if (a.smite) {
      base.smite = {
        damage: dice(a.smite.damage, `${path}.smite.damage`),
        upcast: dice(a.smite.upcast, `${path}.smite.upcast`),
        maxLevel: integer(a.smite.maxLevel, `${path}.smite.maxLevel`, 1, 9),
        bit: typeBit(a.smite.damageType, 'radiant', `${path}.smite.damageType`),
      };
    }
  } else if (a.type === 'save') {
    base.kind = KIND_SAVE;
    base.targeting = indexOf(ENEMY_TARGETING, a.targeting, `${path}.targeting`);
    base.dc = integer(a.dc, `${path}.dc`, 1, 40);
    base.ability = indexOf(ABILITIES, a.ability, `${path}.ability`);
    base.damage = dice(a.damage, `${path}.damage`);
    base.damageBit = 1 << indexOf(DAMAGE_TYPES, a.damageType, `${path}.damageType`);
    base.halfOnSuccess = oneOf(a.onSuccess, ['half', 'none'], `${path}.onSuccess`) === 'half';
    base.targets = integer(a.targets, `${path}.targets`, 1, 50);
    if (a.slay !== undefined) {
      base.slayHp = integer(a.slay.hp, `${path}.slay.hp`, 1, 10000);
      base.slayDies = a.slay.dies === true;
    }
    if (a.effect) {
      base.effect = compileEffect(a.effect, `${path}.effect`, ids);
      base.effectSaveAbility = base.ability;
      base.effectSaveDc = base.dc;
    }
  } else if (a.type === 'heal') {
    base.kind = KIND_HEAL;
    base.targeting = indexOf(ALLY_TARGETING, a.targeting, `${path}.targeting`);
    base.amount = dice(a.amount, `${path}.amount`);
    base.targets = integer(a.targets, `${path}.targets`, 1, 50);
    base.temporary = a.temporary === true;
  } else if (a.type === 'effect') {
    base.kind = KIND_EFFECT;
    base.effectTarget = indexOf(['self', 'allies', 'enemies'] as const, a.target, `${path}.target`);
    base.targeting = indexOf(ENEMY_TARGETING, a.enemyTargeting ?? 'highest-damage', `${path}.enemyTargeting`);
    base.targets = integer(a.targets, `${path}.targets`, 1, 50);
    if (a.ends !== undefined && a.ends !== null) {
      // Ending effects: decided here which kind, so the run loop only reads the compiled fields.
      if (a.effect !== undefined) throw new CompileError(`${path}.ends`, 'an action either applies an effect or ends effects, not both');
      if (a.target !== 'allies') throw new CompileError(`${path}.target`, 'an action that ends effects has the target "allies" (Dispel Magic also ends enemies\' spells when no ally needs it)');
      const conditions = conditionMask(a.ends.conditions, `${path}.ends.conditions`);
      const spells = a.ends.spells === true;
      if (conditions === 0 && !spells) throw new CompileError(`${path}.ends`, 'name the conditions it ends, or spells');
      if (spells && base.spellLevel < 0) throw new CompileError(`${path}.spell`, 'ending spells needs the level it is cast at (a spell)');
      base.ends = {
        conditionMask: conditions,
        spells,
        checkBonus: a.ends.checkBonus === undefined ? 0 : integer(a.ends.checkBonus, `${path}.ends.checkBonus`, -5, 20),
      };
    } else {
      if (a.effect === undefined || a.effect === null) throw new CompileError(`${path}.effect`, 'an effect action needs an effect (or `ends`)');
      base.effect = compileEffect(a.effect, `${path}.effect`, ids);
    }
    [base.effectSaveAbility, base.effectSaveDc] = compileSave(a.save, `${path}.save`);
    if (base.effect !== null && base.effect.saveEnds && base.effectSaveAbility < 0) {
      throw new CompileError(`${path}.save`, 'an effect that a save ends needs a save (ability and DC)');
    }
  } else {
    throw new CompileError(`${path}.type`, `unknown action type "${(a as { type: unknown }).type}"`);
  }
  if (base.kind === KIND_ATTACK) {
    for (const atk of base.attacks) {
      let perHit = Math.max(0, diceMean(atk.damage));
      // Damage that needs advantage is left out of the estimate the automatic tactics compare.
      for (const part of atk.extra ?? []) if (!part.withAdvantage) perHit += Math.max(0, diceMean(part.damage));
      base.meanDamage += atk.count * perHit;
    }
  }
  else if (base.kind === KIND_SAVE) base.meanDamage = Math.max(0, diceMean(base.damage!));
  if (base.effect && base.effect.saveEnds && base.effectSaveAbility < 0) {
    throw new CompileError(`${path}.effectSave`, 'an effect that a save ends needs a save (ability and DC)');
  }
  return base;
}

const SLOT_TABLES = { full: FULL_CASTER_SLOTS, half: HALF_CASTER_SLOTS, third: THIRD_CASTER_SLOTS } as const;

/** Spell slots (index 0 is 1st level) for a caster progression at a character level. */
export function casterSlots(progression: 'full' | 'half' | 'third' | 'pact', level: number): number[] {
  const out = new Array<number>(9).fill(0);
  if (level < 1) return out;
  const row = Math.min(20, level) - 1;
  if (progression === 'pact') {
    out[PACT_SLOTS[row].slotLevel - 1] = PACT_SLOTS[row].slots;
    return out;
  }
  SLOT_TABLES[progression][row].forEach((n, i) => (out[i] = n));
  return out;
}

function compileReaction(r: ReactionSpec, path: string, actions: CompiledAction[]): CompiledReaction {
  const kinds = ['shield', 'uncanny-dodge', 'parry', 'hellish-rebuke', 'counterspell'] as const;
  const out: CompiledReaction = {
    kind: indexOf(kinds, r.kind, `${path}.kind`), usesKind: USES_AT_WILL, usesMax: 0, acBonus: 0, damage: null, dc: 0, bonus: 0, riposte: null,
  };
  const limits = { usesKind: USES_AT_WILL, usesMax: 0, rechargeMin: 7 };
  compileUses(r.uses ?? { per: 'at-will' }, `${path}.uses`, limits);
  if (limits.usesKind === USES_RECHARGE) throw new CompileError(`${path}.uses`, 'a reaction cannot recharge');
  out.usesKind = limits.usesKind;
  out.usesMax = limits.usesMax;
  if (r.kind === 'parry') {
    out.acBonus = integer(r.acBonus, `${path}.acBonus`, 1, 20);
    if (r.riposte !== undefined) {
      const named = actions.find((a) => a.name === r.riposte && a.kind === KIND_ATTACK && a.slot !== SLOT_LEGENDARY && a.slot !== SLOT_LAIR);
      if (!named) throw new CompileError(`${path}.riposte`, `"${r.riposte}" is not one of its attack actions`);
      out.riposte = named;
    }
  }
  if (r.kind === 'counterspell') {
    out.bonus = integer(r.bonus, `${path}.bonus`, -5, 20);
    // The 2024 spell's save DC, or 0 for the 2014 ability check.
    if (r.saveDc !== undefined) out.dc = integer(r.saveDc, `${path}.saveDc`, 1, 40);
  }
  if (r.kind === 'hellish-rebuke') {
    out.damage = dice(r.damage, `${path}.damage`);
    out.dc = integer(r.dc, `${path}.dc`, 1, 40);
  }
  return out;
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

function compileCreature(
  c: CreatureSpec, path: string, ids: EffectIds, defaultTactics: string, magicalWeapons: boolean, partySize = 0, members: CreatureTemplate[][] = [],
): CreatureTemplate {
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
  const actions = c.actions.map((a, i) => compileAction(a, `${path}.actions[${i}]`, ids));
  const listed = actions.slice();
  // Effect actions slot in before actions[position], keeping their own order among equals.
  const effectActions = (c.effectActions ?? []).map((a, i) => ({
    compiled: compileAction(a, `${path}.effectActions[${i}]`, ids),
    position: a.position === undefined ? 0 : integer(a.position, `${path}.effectActions[${i}].position`, 0, c.actions.length),
  }));
  for (let i = effectActions.length - 1; i >= 0; i--) {
    const { compiled, position } = effectActions[i];
    // Later entries at the same position were inserted first, so this one goes in front of them.
    let at = 0, seen = 0;
    while (at < actions.length && seen < position) {
      if (!effectActions.some((x) => x.compiled === actions[at])) seen++;
      at++;
    }
    actions.splice(at, 0, compiled);
  }
  const summons = (c.summons ?? []).map((g, i) => compileSummon(g, `${path}.summons[${i}]`, i, ids, defaultTactics, magicalWeapons, partySize, members));
  // Summoning actions come first in its list: called on its first turn, under in-order tactics too.
  actions.unshift(...summons.filter((a) => !a.summon!.beforeFight));
  listed.forEach((a, i) => {
    if (a.condition !== ACTION_CONDITIONS.indexOf('after-previous')) return;
    if (i === 0) throw new CompileError(`${path}.actions[0].condition`, '"after-previous" needs an action listed before it');
    a.afterIndex = actions.indexOf(listed[i - 1]);
  });
  const level = c.level === undefined ? 0 : integer(c.level, `${path}.level`, 1, 30);
  const slots = new Int32Array(9);
  if (c.spellSlots) {
    if (c.spellSlots.length > 9) throw new CompileError(`${path}.spellSlots`, 'at most 9 slot levels');
    c.spellSlots.forEach((n, i) => (slots[i] = integer(n, `${path}.spellSlots[${i}]`, 0, 20)));
  } else if (c.caster) {
    const progression = oneOf(c.caster, ['full', 'half', 'third', 'pact'], `${path}.caster`);
    if (level === 0) throw new CompileError(`${path}.level`, 'a caster needs a level to know its spell slots');
    casterSlots(progression, level).forEach((n, i) => (slots[i] = n));
  }
  // A spell cast before the fight (Animate Dead) has spent its slot by the time the fight starts.
  for (const a of summons) if (a.summon!.beforeFight && a.spellLevel >= 1 && slots[a.spellLevel - 1] > 0) slots[a.spellLevel - 1]--;
  const legendary = c.legendary;
  if (legendary) {
    legendary.actions.forEach((la, i) => {
      const compiled = compileAction(la.action, `${path}.legendary.actions[${i}].action`, ids, SLOT_LEGENDARY);
      compiled.cost = integer(la.cost, `${path}.legendary.actions[${i}].cost`, 1, 5);
      compiled.oncePerRound = la.oncePerRound === true;
      actions.push(compiled);
    });
  }
  (c.lairActions ?? []).forEach((la, i) => actions.push(compileAction(la, `${path}.lairActions[${i}]`, ids, SLOT_LAIR)));
  const traits = c.traits ?? {};
  const reactions = (c.reactions ?? []).map((r, i) => compileReaction(r, `${path}.reactions[${i}]`, actions));
  // Always on for the fight; or, with the duration 'source-turn-end', until the end of its first turn (advantage "during the first round").
  const permanentEffects = (c.effects ?? []).map((e, i) => ({
    ...compileEffect(e, `${path}.effects[${i}]`, ids), durKind: e.duration?.kind === 'source-turn-end' ? DUR_SOURCE_TURN_END : DUR_ENCOUNTER, durRounds: 0,
  }));
  const hasSlots = slots.some((n) => n > 0);
  const regeneration = traits.regeneration === undefined ? 0 : integer(traits.regeneration, `${path}.traits.regeneration`, 0, 1000);
  const autoTactics = oneOf(c.tactics ?? defaultTactics, ['in-order', 'auto'], `${path}.tactics`) === 'auto';
  const deathBurst = c.deathBurst === undefined ? null : compileAction({
    type: 'save', name: 'Death Burst', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'random', ...c.deathBurst,
  }, `${path}.deathBurst`, ids);
  // Weapon attacks that are not spells are nonmagical, unless the scenario says the party's are magical.
  if (!magicalWeapons) {
    for (const a of actions) {
      if (a.kind !== KIND_ATTACK || a.spellLevel >= 0) continue;
      for (const atk of a.attacks) {
        atk.damageBit |= NONMAGICAL_BIT;
        if (atk.extra !== null) for (const part of atk.extra) part.bit |= NONMAGICAL_BIT;
        if (atk.cleave !== null) atk.cleave.damageBit |= NONMAGICAL_BIT;
      }
    }
  }
  const rich = autoTactics || hasSlots || summons.length > 0 || reactions.length > 0 || !!legendary || (c.lairActions ?? []).length > 0 || permanentEffects.length > 0
    || traits.magicResistance === true || traits.packTactics === true || regeneration > 0 || deathBurst !== null || traits.undeadFortitude === true || traits.reflectsSpellAttacks === true
    || (traits.saveAdvantageAgainst ?? []).length > 0 || (traits.spellSaveAdvantage ?? []).length > 0
    || actions.some((a) => a.effect !== null || a.smite !== null || a.spellLevel >= 0 || a.kind === KIND_EFFECT
      || a.slayHp > 0 || a.attacks.some((atk) => atk.mastery !== MASTERY_NONE || atk.heldEffect >= 0 || (atk.extra !== null && atk.extra.some((part) => part.withAdvantage))));
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
    nonmagicalResistMask: mask(c.nonmagicalResistances ?? [], `${path}.nonmagicalResistances`),
    nonmagicalImmuneMask: mask(c.nonmagicalImmunities ?? [], `${path}.nonmagicalImmunities`),
    nonmagicalMask: mask([...(c.nonmagicalResistances ?? []), ...(c.nonmagicalImmunities ?? [])], `${path}.nonmagicalResistances`),
    hitDiceCount,
    hitDieSides,
    conModifier: integer(c.conModifier, `${path}.conModifier`, -5, 15),
    actions,
    expectedDamage: turnDamage(actions, 0) + turnDamage(actions, 1),
    level,
    slots,
    pactSlots: c.spellSlots === undefined && c.caster === 'pact',
    hasSlots,
    reactions,
    legendaryPerRound: legendary ? integer(legendary.perRound, `${path}.legendary.perRound`, 0, 10) : 0,
    legendaryResistances: legendary ? integer(legendary.resistances, `${path}.legendary.resistances`, 0, 10) : 0,
    hasLair: (c.lairActions ?? []).length > 0,
    magicResistance: traits.magicResistance === true,
    undeadFortitude: traits.undeadFortitude === true,
    reflectsSpellAttacks: traits.reflectsSpellAttacks === true,
    saveAdvantageMask: conditionMask(traits.saveAdvantageAgainst, `${path}.traits.saveAdvantageAgainst`),
    spellSaveAdvantageMask: (traits.spellSaveAdvantage ?? []).reduce((m, ab, i) => m | (1 << indexOf(ABILITIES, ab, `${path}.traits.spellSaveAdvantage[${i}]`)), 0),
    deathBurst,
    packTactics: traits.packTactics === true,
    regeneration,
    regenerationBlockMask: mask(traits.regenerationBlockedBy ?? [], `${path}.traits.regenerationBlockedBy`),
    conditionImmuneMask: conditionMask(traits.conditionImmunities, `${path}.traits.conditionImmunities`),
    creatureType: c.creatureType !== undefined ? creatureTypes([c.creatureType], `${path}.creatureType`)[0] : c.kind === 'character' ? 'humanoid' : null,
    permanentEffects,
    rich,
    autoTactics,
    summons,
    reserve: false,
  };
}

/**
 * One summons: the action that calls it (kept out of the creature's list when it happens before
 * the fight) and, in `members`, the summoned creature's template once per reserve place. A summons
 * that needs corpses keeps no more places than the party has members.
 */
function compileSummon(
  g: SummonSpec, path: string, group: number, ids: EffectIds, tactics: string, magicalWeapons: boolean, partySize: number, members: CreatureTemplate[][],
): CompiledAction {
  if (partySize === 0) throw new CompileError(path, 'only enemies can summon creatures');
  const when = oneOf(g.when, ['before-fight', 'action'], `${path}.when`);
  const leaves = oneOf(g.leaves, ['summoner', 'concentration', 'never'], `${path}.leaves`);
  if (g.creature === undefined || g.creature === null) throw new CompileError(`${path}.creature`, 'a summons needs the creature it brings');
  if ((g.creature.summons ?? []).length > 0) throw new CompileError(`${path}.creature.summons`, 'a summoned creature cannot summon others in turn');
  if (leaves === 'concentration' && g.spell?.concentration !== true) throw new CompileError(`${path}.spell`, 'leaving when concentration ends needs a concentration spell');
  const needsCorpse = g.needsCorpse === true;
  if (needsCorpse && when !== 'action') throw new CompileError(`${path}.needsCorpse`, 'only a summoning action can need a corpse');
  const max = integer(g.creature.count, `${path}.creature.count`, 1, 20);
  const size = needsCorpse ? Math.min(max, partySize) : max;
  const template = compileCreature(g.creature, `${path}.creature`, ids, tactics, magicalWeapons);
  members.push(new Array<CreatureTemplate>(size).fill({ ...template, reserve: when === 'action' }));
  const action = compileAction({
    type: 'effect', name: g.name, slot: 'action', uses: g.uses ?? { per: 'at-will' }, condition: 'always', target: 'allies', targets: 1,
    spell: g.spell, effect: { name: `${g.name} (summoned)`, duration: { kind: 'encounter' } },
  }, path, ids);
  action.kind = KIND_SUMMON;
  const bond = leaves === 'never' ? null : { ...action.effect!, leavesOnEnd: true };
  action.effect = null;
  action.summon = {
    name: g.name,
    group,
    number: optionalDice(g.number, `${path}.number`),
    delay: optionalDice(g.delay, `${path}.delay`),
    bond,
    needsCorpse,
    beforeFight: when === 'before-fight',
    offset: 0,
    size,
  };
  return action;
}

/**
 * The side-size error when a summoner's reserve makes the side too big: it names the summons that
 * brings most, and counts what is too many (summoned creatures count, since they hold a place each).
 */
function tooManySummoned(c: CreatureSpec, members: CreatureTemplate[][], path: string, before: number, n: number, limit: number): CompileError {
  const sizes = members.map((m) => m.length);
  const g = sizes.indexOf(Math.max(...sizes));
  const perSummoner = sizes.reduce((a, b) => a + b, 0);
  const brought = (c.summons ?? []).map((spec, j) => `up to ${sizes[j]} ${spec.creature.name} (${spec.name})`).join(' and ');
  const total = before + n * (1 + perSummoner);
  const others = before > 0 ? `${before} combatants before it, ` : '';
  return new CompileError(`${path}.summons[${g}].creature.count`,
    `${n === 1 ? c.name : `each of the ${n} ${c.name}`} brings ${brought} in reserve: ${others}${n} ${c.name} and ${n * perSummoner} summoned creatures `
    + `make ${total} combatants on one side, more than the limit of ${limit} (each summoned creature holds a place even before it comes)`);
}

/**
 * Expands `count` into separate combatants with numbered names; `summoned`, when given, gets for
 * each combatant what summoned it (null for those of the list itself).
 */
function expand(
  list: CreatureSpec[], path: string, limit: number, ids: EffectIds, tactics: string, magicalWeapons: boolean, partySize = 0, summoned: Array<SummonedEnemy | null> = [],
): CreatureTemplate[] {
  const out: CreatureTemplate[] = [];
  list.forEach((c, i) => {
    const n = integer(c.count, `${path}[${i}].count`, 1, limit);
    const members: CreatureTemplate[][] = [];
    const template = compileCreature(c, `${path}[${i}]`, ids, tactics, magicalWeapons, partySize, members);
    // Each copy of a summoner is followed by its own summoned creatures, named after it.
    let offset = 1;
    members.forEach((group, g) => {
      template.summons[g].summon!.offset = offset;
      offset += group.length;
    });
    if (offset > 1 && out.length + n * offset > limit) throw tooManySummoned(c, members, `${path}[${i}]`, out.length, n, limit);
    for (let k = 0; k < n; k++) {
      const name = n === 1 ? c.name : `${c.name} ${k + 1}`;
      const summoner = out.length;
      out.push(n === 1 ? template : { ...template, name });
      summoned.push(null);
      members.forEach((group, g) => group.forEach((m, j) => {
        out.push({ ...m, name: `${m.name}${group.length > 1 ? ` ${j + 1}` : ''} (${name})` });
        summoned.push({ summoner, summons: c.summons![g].name, creature: m.name, reserve: m.reserve });
      }));
    }
    if (out.length > limit) throw new CompileError(`${path}`, `more than ${limit} combatants on one side`);
  });
  return out;
}


export function compileScenario(spec: ScenarioSpec): CompiledScenario {
  const ids: EffectIds = new Map();
  const tactics = oneOf(spec.rules.tactics ?? 'in-order', ['in-order', 'auto'], 'rules.tactics');
  const party = expand(spec.party, 'party', MAX_COMBATANTS_PER_SIDE, ids, tactics, spec.rules.magicalWeapons === true);
  if (party.length === 0) throw new CompileError('party', 'the party needs at least one creature');
  if (spec.encounters.length === 0) throw new CompileError('encounters', 'the day needs at least one encounter');
  if (spec.encounters.length > 50) throw new CompileError('encounters', 'at most 50 encounters in a day');
  const summonedBy: Array<Array<SummonedEnemy | null>> = [];
  const encounters = spec.encounters.map((e, i) => {
    const summoned: Array<SummonedEnemy | null> = [];
    summonedBy.push(summoned);
    const enemies = expand(e.enemies, `encounters[${i}].enemies`, MAX_COMBATANTS_PER_SIDE, ids, tactics, false, party.length, summoned);
    if (enemies.length === 0) throw new CompileError(`encounters[${i}].enemies`, 'an encounter needs at least one enemy');
    const surprise = oneOf(e.surprise, ['none', 'party', 'enemies'], `encounters[${i}].surprise`);
    return { name: e.name, enemies, shortRestBefore: i > 0 && e.shortRestBefore === true, surprise };
  });
  const rules = {
    roundCap: integer(spec.rules.roundCap, 'rules.roundCap', 1, 1000),
    attackDowned: oneOf(spec.rules.attackDowned, ['never', 'when-none-standing', 'always'], 'rules.attackDowned'),
    hitDicePolicy: oneOf(spec.rules.hitDicePolicy, ['none', 'to-half', 'to-full'], 'rules.hitDicePolicy'),
  };
  const shieldEffect = compileEffect({ name: 'Shield', duration: { kind: 'target-turn-start' }, acBonus: 5 }, 'shield', ids);
  const rich = party.some((c) => c.rich) || encounters.some((e) => e.enemies.some((c) => c.rich));
  const resourcePolicy = oneOf(spec.rules.resourcePolicy ?? 'balanced', ['nova', 'balanced', 'conserve'], 'rules.resourcePolicy');
  const edition = oneOf(spec.rules.edition ?? '2014', ['2014', '2024'], 'rules.edition');
  const partyHpMax = party.reduce((s, c) => s + (c.hpFormula ? Math.max(1, diceMax(c.hpFormula)) : c.hp), 0);
  return {
    party,
    encounters,
    rules,
    resourcePolicy,
    effectCount: ids.size,
    rich,
    shieldEffect,
    spellsPerTurn: edition === '2024' ? SPELLS_PER_TURN_2024 : SPELLS_PER_TURN_2014,
    smiteIsBonusAction: edition === '2024',
    surpriseLosesTurn: edition === '2014',
    initiativeFirst: spec.rules.initiativeFirst === undefined ? -1
      : oneOf(spec.rules.initiativeFirst, ['party', 'enemies'], 'rules.initiativeFirst') === 'party' ? SIDE_PARTY : SIDE_ENEMY,
    layout: {
      party: party.map((c) => c.name),
      partyActions: party.map((c) => c.actions.map((a) => a.name)),
      partyActionLimited: party.map((c) => c.actions.map((a) => a.usesKind !== USES_AT_WILL || a.spellLevel > 0)),
      encounters: encounters.map((e, i) => ({
        name: e.name,
        enemies: e.enemies.map((c) => c.name),
        enemyActions: e.enemies.map((c) => c.actions.map((a) => a.name)),
        ...(summonedBy[i].some((x) => x !== null) && { summoned: summonedBy[i] }),
      })),
      roundCap: rules.roundCap,
      partyHpMax,
    },
  };
}
