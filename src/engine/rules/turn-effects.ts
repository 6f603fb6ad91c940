// The start and end of a creature's turn: effect clocks, regeneration, damage and healing over
// time, and saves that end an effect.

import type { Combatant } from '../combatant.ts';
import { DUR_ROUNDS, DUR_SOURCE_TURN_END, DUR_TARGET_TURN_START } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import { OUTCOME_NONE, type FightState } from '../fight-state.ts';
import { concentrationCheck } from './concentration.ts';
import { removeEffect } from './effects.ts';
import { summonsArrive } from './summons.ts';
import { dealDamage, restoreHp } from './hit-points.ts';
import { autoFails, resists, saveTotal, useLegendaryResistance } from './saving-throws.ts';

export function startTurn(s: FightState, c: Combatant): void {
  c.reactionReady = true;
  c.legendaryPoints = c.t.legendaryPerRound;
  c.turnsTaken++;
  if (c.t.summons.length > 0) summonsArrive(s, c);
  if (c.sourcedTimed > 0) {
    const all = s.all;
    for (let k = 0; k < all.length; k++) {
      const y = all[k];
      for (let i = y.fxCount - 1; i >= 0; i--) {
        if (i < y.fxCount && y.fxSource[i] === c && y.fxEffect[i]!.durKind === DUR_ROUNDS && --y.fxLeft[i] <= 0) {
          removeEffect(s, y, i, 'expired');
        }
      }
    }
  }
  for (let i = c.fxCount - 1; i >= 0; i--) {
    if (i < c.fxCount && c.fxEffect[i]!.durKind === DUR_TARGET_TURN_START) removeEffect(s, c, i, 'expired');
  }
  if (c.t.regeneration > 0 && c.hp > 0 && !c.dead) {
    if (!c.regenerationBlocked && c.noHealingCount === 0) {
      const before = c.hp;
      s.setHp(c, Math.min(c.maxHp, c.hp + c.t.regeneration));
      if (s.log !== null && c.hp > before) s.log.push({ t: 'regenerate', who: c.name, amount: c.hp - before, hp: c.hp });
    }
  }
  c.regenerationBlocked = false;
  if (c.turnEffectCount > 0) turnEffects(s, c, 0);
}

export function endTurn(s: FightState, c: Combatant): void {
  if (c.sourcedTimed > 0) {
    const all = s.all;
    for (let k = 0; k < all.length; k++) {
      const y = all[k];
      for (let i = y.fxCount - 1; i >= 0; i--) {
        if (i >= y.fxCount) continue;
        if (y.fxEffect[i]!.durKind === DUR_SOURCE_TURN_END && y.fxSource[i] === c && --y.fxLeft[i] <= 0) {
          removeEffect(s, y, i, 'expired');
        }
      }
    }
  }
  if (c.turnEffectCount > 0 && !c.dead) turnEffects(s, c, 1);
}

/** Damage, healing and repeated saves of the effects on `c` at the start (0) or end (1) of its turn. */
export function turnEffects(s: FightState, c: Combatant, when: number): void {
  const rng = s.rng;
  for (let i = c.fxCount - 1; i >= 0; i--) {
    if (i >= c.fxCount) continue;
    const e = c.fxEffect[i]!;
    const source = c.fxSource[i]!;
    if (e.turnDamage !== null && e.turnWhen === when && (c.hp > 0 || c.isCharacter)) {
      const rolled = Math.max(0, rollDice(e.turnDamage, rng));
      let amount = rolled;
      if (e.turnSaveAbility >= 0) {
        let success = saveTotal(s, c, e.turnSaveAbility, c.fxSpell[i] !== 0) >= e.turnSaveDc && !autoFails(c, e.turnSaveAbility);
        const onSuccess = e.turnHalf ? Math.floor(rolled / 2) : 0;
        if (!success && c.legendaryResistLeft > 0 && (rolled - onSuccess) * 4 >= c.hp) success = useLegendaryResistance(s, c);
        if (success) amount = onSuccess;
      }
      const dealt = dealDamage(s, source, c, amount, e.turnBit, false);
      if (s.log !== null) s.log.push({ t: 'turn-damage', who: source.name, target: c.name, effect: e.name, damage: dealt, targetHp: c.hp });
      concentrationCheck(s, c, dealt);
      if (c.dead || (!c.isCharacter && c.hp <= 0) || s.outcome() !== OUTCOME_NONE) return;
      if (i >= c.fxCount || c.fxEffect[i] !== e) continue;
    }
    if (when === 0 && e.healEachTurn !== null && c.hp > 0) restoreHp(s, source, c, Math.max(0, rollDice(e.healEachTurn, rng)));
    if (when === 1 && e.saveEnds) {
      const spell = c.fxSpell[i] !== 0;
      const ability = c.fxSaveAbility[i];
      const dc = c.fxSaveDc[i];
      if (resists(s, c, ability, dc, spell, e, source) && i < c.fxCount && c.fxEffect[i] === e) removeEffect(s, c, i, 'saved');
    }
  }
}
