// Concentration: one concentration effect per caster, checked when the caster takes damage, and
// ended on every creature it was on when the caster drops, is incapacitated or loses it.

import type { Combatant } from '../combatant.ts';
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
  if (s.log) s.log.push({ t: 'concentration', who: c.name, dc, roll: s.lastSaveRoll, total, success });
  if (!success) endConcentration(s, c, 'concentration');
}

export function endConcentration(s: FightState, c: Combatant, reason: 'concentration' | 'source-fell'): void {
  c.concentrating = false;
  if (s.fxActive === 0) return;
  endConcentrationIn(s, s.party, c, reason);
  endConcentrationIn(s, s.enemies, c, reason);
}

export function endConcentrationIn(s: FightState, list: Combatant[], c: Combatant, reason: 'concentration' | 'source-fell'): void {
  for (let k = 0; k < list.length; k++) {
    const y = list[k];
    for (let i = y.fxCount - 1; i >= 0; i--) {
      if (i < y.fxCount && y.fxSource[i] === c && y.fxConcentration[i] === 1) removeEffect(s, y, i, reason);
    }
  }
}

/** Whether any effect of `c`'s concentration is still on a creature. */
export function holdsConcentration(s: FightState, c: Combatant): boolean {
  for (const list of s.sides) {
    for (let k = 0; k < list.length; k++) {
      const y = list[k];
      for (let i = 0; i < y.fxCount; i++) if (y.fxSource[i] === c && y.fxConcentration[i] === 1) return true;
    }
  }
  return false;
}
