// Saving throws: the d20 with advantage or disadvantage, effect dice (Bless, Bane), automatic
// failures, and Legendary Resistance.

import type { Combatant } from '../combatant.ts';
import { C_FAIL_STR_DEX, C_RESTRAINED, type CompiledEffect } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import type { FightState } from '../fight-state.ts';
import { ABILITIES } from '../types.ts';

export const ABILITY_DEX = 1; // str 0, dex 1 in ABILITIES
export const ABILITY_CON = 2;

/**
 * d20 + save bonus, with advantage (Magic Resistance against spells, a trait against the conditions
 * in `conditions`, or against spells for some abilities) or disadvantage (restrained, Dex) and
 * effect dice.
 */
export function saveTotal(s: FightState, target: Combatant, ability: number, spell: boolean, conditions = 0): number {
  const rng = s.rng;
  let roll = rng.die(20);
  if (s.rich) {
    const t = target.t;
    const advantage = (spell && (t.magicResistance || (t.spellSaveAdvantageMask & (1 << ability)) !== 0))
      || (conditions & t.saveAdvantageMask) !== 0 || target.saveAdvantageBy > 0;
    const disadvantage = ability === ABILITY_DEX && (target.conditionMask & C_RESTRAINED) !== 0;
    if (advantage !== disadvantage) {
      const second = rng.die(20);
      roll = advantage ? Math.max(roll, second) : Math.min(roll, second);
    }
    s.lastSaveRoll = roll;
    // 2024 exhaustion: -2 per level on every d20 test.
    let total = roll + target.t.saves[ability] - 2 * target.exhaustion;
    if (target.saveDiceCount > 0) total += effectDice(s, target, false);
    return total;
  }
  s.lastSaveRoll = roll;
  return roll + target.t.saves[ability];
}

export function autoFails(target: Combatant, ability: number): boolean {
  return ability <= ABILITY_DEX && (target.hp <= 0 || (target.conditionMask & C_FAIL_STR_DEX) !== 0);
}

/**
 * A saving throw against an effect, with Legendary Resistance spent on failed saves against
 * effects that would take the creature's actions away. Returns whether it resisted.
 */
export function resists(s: FightState, target: Combatant, ability: number, dc: number, spell: boolean, e: CompiledEffect, source: Combatant): boolean {
  const total = saveTotal(s, target, ability, spell, e.conditionMask);
  let success = total >= dc && !autoFails(target, ability);
  if (!success && e.disabling && target.legendaryResistLeft > 0) success = useLegendaryResistance(s, target);
  if (s.log !== null) {
    s.log.push({
      t: 'save', who: source.name, target: target.name, ability: ABILITIES[ability], dc, roll: s.lastSaveRoll, total, success,
      damage: 0, targetHp: target.hp,
    });
  }
  return success;
}

export function useLegendaryResistance(s: FightState, target: Combatant): boolean {
  target.legendaryResistLeft--;
  if (s.log !== null) s.log.push({ t: 'legendary-resistance', who: target.name, left: target.legendaryResistLeft });
  return true;
}

/** The sum of the dice active effects add to attack rolls (or saving throws). */
export function effectDice(s: FightState, c: Combatant, attack: boolean): number {
  let sum = 0;
  for (let i = 0; i < c.fxCount; i++) {
    const e = c.fxEffect[i]!;
    const d = attack ? e.attackDice : e.saveDice;
    if (d !== null) sum += rollDice(d, s.rng);
  }
  return sum;
}
