// Concentration: one concentration effect per caster, checked when the caster takes damage, and
// ended on every creature it was on when the caster drops, is incapacitated or loses it.

import type { Combatant } from '../combatant.ts';
import { C_NO_ACTIONS } from '../compiled.ts';
import type { FightState } from '../fight-state.ts';
import { removeEffect } from './effects.ts';
import { ABILITY_CON, saveTotal } from './saving-throws.ts';

/** Damage to a concentrating creature: a Constitution save, DC 10 or half the damage, or the effect ends. */
export function concentrationCheck(s: FightState, c: Combatant, dealt: number): void {
  if (!c.concentrating || dealt <= 0) return;
  if (c.dead || c.hp <= 0) {
    endConcentration(s, c, 'concentration');
    return;
  }
  const dc = Math.max(10, Math.floor(dealt / 2));
  const total = saveTotal(s, c, ABILITY_CON, false);
  const success = total >= dc;
  if (s.log !== null) s.log.push({ t: 'concentration', who: c.name, dc, roll: s.lastSaveRoll, total, success });
  if (!success) endConcentration(s, c, 'concentration');
}

/** Casting a concentration spell ends the one the caster held before. */
export function startConcentrationSpell(s: FightState, c: Combatant): void {
  if (c.concentrating) endConcentration(s, c, 'concentration');
}

/** A concentration effect started on a creature: the caster now concentrates on it. */
export function concentrationHeld(caster: Combatant): void {
  caster.concentrationHeld++;
}

/**
 * A concentration effect ended on one creature, for whatever reason (a save, its duration, damage,
 * replacement, the target falling, the end of the fight). The caster stays concentrating while the
 * spell is still on someone else, and is free to concentrate again once it is on no one.
 */
export function concentrationReleased(caster: Combatant): void {
  if (caster.concentrationHeld > 0) caster.concentrationHeld--;
}

/** Incapacitated (stunned, paralyzed, unconscious too): concentration ends. */
export function loseConcentrationIfIncapacitated(s: FightState, c: Combatant): void {
  if (c.concentrating && (c.conditionMask & C_NO_ACTIONS) !== 0) endConcentration(s, c, 'concentration');
}

/** Ends the caster's concentration: its effects end on every creature they are on. */
export function endConcentration(s: FightState, c: Combatant, reason: 'concentration' | 'source-fell'): void {
  if (!c.concentrating) return;
  endConcentrationIn(s, s.party, c, reason);
  endConcentrationIn(s, s.enemies, c, reason);
  c.concentrationHeld = 0;
}

function endConcentrationIn(s: FightState, list: Combatant[], c: Combatant, reason: 'concentration' | 'source-fell'): void {
  for (let k = 0; k < list.length; k++) {
    const y = list[k];
    for (let i = y.fxCount - 1; i >= 0; i--) {
      if (i < y.fxCount && y.fxSource[i] === c && y.fxConcentration[i] === 1) removeEffect(s, y, i, reason);
    }
  }
}
