// Ending effects: Lesser and Greater Restoration end a condition on an ally, Dispel Magic ends
// spells. Which creature is chosen, what ends on it and what it takes are decided here; whatever
// ends goes through removeEffect, so a caster concentrating on it is released as for any other end.
//
// - Conditions (the restorations): on an ally, one effect that imposes a listed condition and no
//   other condition but incapacitated (which paralysis, and the engine's charms, bring with them);
//   the effect that takes the ally's actions away is chosen first.
// - Spells (Dispel Magic): every spell effect on the creature chosen: an ally's from its enemies'
//   spells, or, when no ally has one, an enemy's from its own side's spells. A spell of the level
//   cast or lower ends; a higher one on an ability check, d20 + the check bonus against 10 + its level.
// The creature chosen is the one with the most at stake: an ally whose actions an effect takes away,
// then an ally under any effect it can end, then an enemy.

import type { Combatant } from '../combatant.ts';
import { C_INCAPACITATED, type CompiledAction } from '../compiled.ts';
import type { FightState } from '../fight-state.ts';
import { removeEffect } from './effects.ts';

// What ending an effect is worth, for choosing the creature and for the automatic tactics.
export const END_NOTHING = 0, END_BENEFIT = 1, END_HARM = 2, END_DISABLING = 4;

/** Whether the ending action `a` of `c` can end the effect instance `i` on `t`. */
function endable(c: Combatant, a: CompiledAction, t: Combatant, i: number): boolean {
  const ends = a.ends!;
  const e = t.fxEffect[i]!;
  if (ends.conditionMask !== 0 && t.side === c.side) {
    const mask = e.conditionMask;
    if ((mask & ends.conditionMask) !== 0 && (mask & ~(ends.conditionMask | C_INCAPACITATED)) === 0) return true;
  }
  if (ends.spells && t.fxSpell[i] !== 0) {
    const source = t.fxSource[i]!;
    // An ally's effects from its enemies' spells; an enemy's from its own side's.
    if (t.side === c.side ? source.side !== c.side : source.side === t.side) return true;
  }
  return false;
}

/** What ending effects on `t` is worth to `c` (END_NOTHING when there is nothing to end). */
export function endValue(c: Combatant, a: CompiledAction, t: Combatant): number {
  if (t.dead || t.hp <= 0 || t.fxCount === 0) return END_NOTHING;
  let value = END_NOTHING;
  for (let i = 0; i < t.fxCount; i++) {
    if (!endable(c, a, t, i)) continue;
    const v = t.side !== c.side ? END_BENEFIT : t.fxEffect[i]!.disabling ? END_DISABLING : END_HARM;
    if (v > value) value = v;
  }
  return value;
}

/** The creature the ending action is best used on, or null when there is nothing to end. */
export function pickEndTarget(s: FightState, c: Combatant, a: CompiledAction, stamp: number): Combatant | null {
  let best: Combatant | null = null;
  let bestValue = END_NOTHING;
  const allies = s.alliesOf(c);
  for (let k = 0; k < allies.length; k++) {
    const t = allies[k];
    if (stamp !== 0 && t.pickedStamp === stamp) continue;
    const v = endValue(c, a, t);
    if (v > bestValue) {
      best = t;
      bestValue = v;
    }
  }
  if (best !== null || !a.ends!.spells) return best;
  const enemies = s.opponentsOf(c);
  for (let k = 0; k < enemies.length; k++) {
    const t = enemies[k];
    if (stamp !== 0 && t.pickedStamp === stamp) continue;
    if (endValue(c, a, t) > END_NOTHING) return t;
  }
  return null;
}

/** The most that ending effects is worth now, over every creature the action could be aimed at. */
export function bestEndValue(s: FightState, c: Combatant, a: CompiledAction): number {
  const t = pickEndTarget(s, c, a, 0);
  return t === null ? END_NOTHING : endValue(c, a, t);
}

/** Performs an ending action: on each target, the effects it ends (see the module's opening). */
export function endEffectsAction(s: FightState, c: Combatant, a: CompiledAction): void {
  const ends = a.ends!;
  const castLevel = a.spellLevel + s.castExtraLevels;
  const stamp = (s.stamp = ++s.lastStamp);
  const targets = a.targets + a.upcastTargets * s.castExtraLevels;
  for (let n = 0; n < targets; n++) {
    const t = pickEndTarget(s, c, a, stamp);
    if (t === null) break;
    t.pickedStamp = stamp;
    if (ends.spells) {
      for (let i = t.fxCount - 1; i >= 0; i--) {
        if (i >= t.fxCount || !endable(c, a, t, i)) continue;
        // fxSpell holds the level the spell was cast at, plus one.
        const level = t.fxSpell[i] - 1;
        if (level > castLevel) {
          const roll = s.rng.die(20);
          const success = roll + ends.checkBonus >= 10 + level;
          if (s.log !== null) s.log.push({ t: 'dispel-check', who: c.name, target: t.name, effect: t.fxEffect[i]!.name, roll, total: roll + ends.checkBonus, dc: 10 + level, success });
          if (!success) continue;
        }
        removeEffect(s, t, i, 'ended');
      }
    } else {
      // One effect: the one that takes the creature's actions away first, else the first found.
      let pick = -1;
      for (let i = 0; i < t.fxCount; i++) {
        if (!endable(c, a, t, i)) continue;
        if (pick < 0 || (t.fxEffect[i]!.disabling && !t.fxEffect[pick]!.disabling)) pick = i;
      }
      if (pick >= 0) removeEffect(s, t, pick, 'ended');
    }
  }
  s.stamp = 0;
}
