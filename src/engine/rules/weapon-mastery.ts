// Weapon mastery (2024 rules) on the attack itself: Graze deals the ability modifier on a miss; Vex
// gives advantage on the attacker's next attack roll against the creature it hit, before the end
// of the attacker's next turn; Cleave, once per turn after a melee hit, makes one attack roll
// against another enemy for the weapon's dice without the modifier. (Topple and Sap are riders the
// action carries as an effect; Push and Slow move creatures, which the engine does not track.)

import type { Combatant } from '../combatant.ts';
import { MASTERY_CLEAVE, MASTERY_GRAZE, MASTERY_VEX, type CompiledAction, type CompiledAttack } from '../compiled.ts';
import { OUTCOME_NONE, type FightState } from '../fight-state.ts';
import { resolveAttack } from './attacks.ts';
import { concentrationCheck } from './concentration.ts';
import { dealDamage } from './hit-points.ts';
import { canTarget, pickEnemy } from './tactics.ts';

/** Whether this attack roll has Vex's advantage; using it spends it. */
export function vexAdvantage(c: Combatant, target: Combatant): boolean {
  if (c.vexTarget !== target) return false;
  const live = c.turnsTaken <= c.vexUntil;
  c.vexTarget = null;
  return live;
}

/** What a mastery does once the attack roll is settled. */
export function afterMastery(s: FightState, c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction, hit: boolean): void {
  if (atk.mastery === MASTERY_GRAZE) {
    if (hit || target.dead || atk.grazeDamage <= 0) return;
    const dealt = dealDamage(s, c, target, atk.grazeDamage, atk.damageBit, false);
    if (s.log !== null) s.log.push({ t: 'mastery', who: c.name, target: target.name, mastery: 'Graze', damage: dealt, targetHp: target.hp });
    concentrationCheck(s, target, dealt);
  } else if (atk.mastery === MASTERY_VEX) {
    if (!hit) return;
    // Its own turn counts up at the start of each of its turns: advantage lasts through the next one.
    c.vexTarget = target;
    c.vexUntil = c.turnsTaken + 1;
  } else if (atk.mastery === MASTERY_CLEAVE) {
    if (!hit || c.cleaveStamp === s.turnStamp || atk.cleave === null || s.outcome() !== OUTCOME_NONE) return;
    // Another enemy, assumed within 5 feet of the first and within reach.
    const stamp = ++s.lastStamp;
    target.pickedStamp = stamp;
    const other = pickEnemy(s, c, a.targeting, stamp);
    if (other === null || !canTarget(s, other)) return;
    c.cleaveStamp = s.turnStamp;
    if (s.log !== null) s.log.push({ t: 'mastery', who: c.name, target: other.name, mastery: 'Cleave', damage: 0, targetHp: other.hp });
    resolveAttack(s, c, other, atk.cleave, a);
  }
}
