// Attack rolls: advantage and disadvantage, critical hits, reactions to a hit, and everything a
// hit deals (cantrip tiers, upcasting, extra damage, marks, smites) and sets off (riders).

import type { Combatant } from '../combatant.ts';
import { C_MELEE_CRIT, C_PRONE, MASTERY_NONE, NONMAGICAL_BIT, type CompiledAction, type CompiledAttack } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import { OUTCOME_NONE, type FightState } from '../fight-state.ts';
import { concentrationCheck } from './concentration.ts';
import { applyEffect } from './effects.ts';
import { dealDamage } from './hit-points.ts';
import { defend, rebuke } from './reactions.ts';
import { slotFor, wantsSmite } from './resources.ts';
import { smiteAllowed, smiteCast } from './spellcasting.ts';
import { afterMastery, vexAdvantage } from './weapon-mastery.ts';
import { effectDice, resists } from './saving-throws.ts';
import { canTarget, pickEnemy } from './tactics.ts';

export function attackAction(s: FightState, c: Combatant, a: CompiledAction): void {
  let target = pickEnemy(s, c, a.targeting, 0);
  for (let k = 0; k < a.attacks.length; k++) {
    const atk = a.attacks[k];
    for (let n = 0; n < atk.count; n++) {
      if (target === null || !canTarget(s, target)) {
        // The target dropped: the next attack picks a new one.
        target = pickEnemy(s, c, a.targeting, 0);
        if (target === null) return;
      }
      if (s.rich === true) resolveAttack(s, c, target, atk, a);
      else plainAttack(s, c, target, atk);
      if (s.outcome() !== 0 /* OUTCOME_NONE */) return;
      // An attacker killed by a reaction (Hellish Rebuke, Armor of Agathys) stops.
      if (c.dead === true || c.hp <= 0) return;
    }
  }
}

/** The attack of a scenario without effects, conditions or reactions: the lean fast path. */
export function plainAttack(s: FightState, c: Combatant, target: Combatant, atk: CompiledAttack): void {
  const rng = s.rng;
  // Attacks against an unconscious creature have advantage; it is also prone, which gives
  // disadvantage to attacks from beyond 5 feet, so a ranged attack rolls one d20.
  const unconscious = target.hp <= 0;
  let roll = rng.die(20);
  let second = 0;
  if (unconscious && atk.melee === true) {
    second = rng.die(20);
    if (second > roll) {
      const r = roll;
      roll = second;
      second = r;
    }
  }
  const total = roll + atk.toHit;
  let critical = roll >= atk.critOn;
  const hit = roll !== 1 && (critical || total >= target.t.ac);
  if (!hit) critical = false;
  // A melee hit on an unconscious creature within 5 feet is a critical hit.
  else if (unconscious && atk.melee === true) critical = true;
  let damage = 0;
  if (hit) {
    damage = rollDice(atk.damage, rng, critical);
    damage = dealDamage(s, c, target, damage, atk.damageBit, critical);
    // Parts that need advantage never reach this path: their creature makes the scenario rich.
    if (atk.extra !== null) damage += extraDamage(s, c, target, atk, critical, false, false);
  }
  if (s.log !== null) {
    s.log.push({
      t: 'attack', who: c.name, target: target.name, roll, rolls: second ? [roll, second] : [roll], total,
      ac: target.t.ac, hit, critical, damage, targetHp: target.hp,
    });
  }
}

/** The general attack: conditions, effects, reactions and riders (same dice as plainAttack when none apply). */
export function resolveAttack(s: FightState, c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction): void {
  const rng = s.rng;
  // Reflective Carapace: a ranged spell attack does nothing to it, or on a 6 is turned on its caster.
  if (target.t.reflectsSpellAttacks && !atk.melee && a.spellLevel >= 0) {
    const reflected = rng.die(6) === 6;
    if (s.log !== null) s.log.push({ t: 'reflected', who: target.name, caster: c.name, reflected });
    if (!reflected) return;
    target = c;
  }
  // Attacks against an unconscious creature have advantage; it is also prone, which gives
  // advantage to melee attacks and disadvantage to attacks from beyond 5 feet, so a ranged
  // attack on it rolls one d20.
  const downed = target.hp <= 0;
  let advantage = 0, disadvantage = 0;
  if (downed) {
    advantage = 1;
    if (!atk.melee) disadvantage = 1;
  }
  advantage += c.advantageBy + target.advantageAgainst;
  disadvantage += c.disadvantageBy + target.disadvantageAgainst;
  if (!downed && (target.conditionMask & C_PRONE) !== 0) {
    if (atk.melee) advantage++;
    else disadvantage++;
  }
  // Pack Tactics, approximated: an ally of the attacker is standing (and assumed to be within 5 ft).
  if (c.t.packTactics && s.standingAllies(c) > 1) advantage++;
  if (c.vexTarget !== null && vexAdvantage(c, target)) advantage++;
  // "With Advantage if the target is Grappled by the bugbear": its own grapple, not anyone's.
  const held = atk.heldEffect >= 0 && target.heldBy(atk.heldEffect, c);
  if (held) advantage++;
  let roll = rng.die(20);
  let second = 0;
  if ((advantage > 0) !== (disadvantage > 0)) {
    second = rng.die(20);
    if (advantage > 0 ? second > roll : second < roll) {
      const r = roll;
      roll = second;
      second = r;
    }
  }
  let total = roll + atk.toHit - 2 * c.exhaustion;
  if (c.attackDiceCount > 0) total += effectDice(s, c, true);
  const ac = target.t.ac + target.acBonus;
  let critical = roll >= atk.critOn;
  let hit = roll !== 1 && (critical || total >= ac);
  let halve = false;
  let reaction = 0;
  if (!hit) critical = false;
  // A melee hit on an unconscious or paralyzed creature within 5 feet is a critical hit.
  else if (atk.melee && (downed || (target.conditionMask & C_MELEE_CRIT) !== 0)) critical = true;
  if (hit && target.t.reactions.length > 0) {
    reaction = defend(s, target, c, atk, roll, total, ac);
    if (reaction === 1 || reaction === 3) {
      hit = false;
      critical = false;
    } else if (reaction === 2) halve = true;
  }
  let damage = 0;
  if (hit) {
    damage = rollDice(held && atk.heldDamage !== null ? atk.heldDamage : atk.damage, rng, critical);
    damage = hitDamage(s, c, target, atk, a, damage, critical, advantage > 0 && disadvantage === 0, disadvantage > 0 && advantage === 0, halve);
  }
  if (s.log !== null) {
    s.log.push({
      t: 'attack', who: c.name, target: target.name, roll, rolls: second ? [roll, second] : [roll], total,
      ac, hit, critical, damage, targetHp: target.hp,
    });
  }
  if (hit) afterHit(s, c, target, atk, a, damage);
  if (atk.mastery !== MASTERY_NONE) afterMastery(s, c, target, atk, a, hit);
  // A parry with a riposte made it miss: one attack back at the attacker (assumed within reach).
  if (reaction === 3 && !c.dead && (c.hp > 0 || c.isCharacter) && s.outcome() === OUTCOME_NONE) riposte(s, target, c);
}

/** The riposte of `c`'s parry: the first attack of the action it names, against `attacker`. */
function riposte(s: FightState, c: Combatant, attacker: Combatant): void {
  const reactions = c.t.reactions;
  for (let i = 0; i < reactions.length; i++) {
    const action = reactions[i].riposte;
    if (action !== null) {
      resolveAttack(s, c, attacker, action.attacks[0], action);
      return;
    }
  }
}

/** Everything a hit deals in a rich scenario: cantrip tiers, upcasting, extra damage, marks, smites. */
export function hitDamage(
  s: FightState, c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction, rolled: number, critical: boolean,
  hasAdvantage: boolean, hasDisadvantage: boolean, halve: boolean,
): number {
  const rng = s.rng;
  let main = rolled;
  for (let m = 1; m < s.castMultiplier; m++) main += rollDice(atk.damage, rng, critical);
  if (a.upcast !== null) for (let l = 0; l < s.castExtraLevels; l++) main += rollDice(a.upcast, rng, critical);
  if (halve) main = Math.floor(Math.max(0, main) / 2);
  // Temporary HP present before the hit decide Armor of Agathys.
  const tempBefore = target.tempHp;
  let dealt = dealDamage(s, c, target, main, atk.damageBit, critical);
  if (atk.extra !== null) dealt += extraDamage(s, c, target, atk, critical, halve, hasAdvantage);
  if (c.extraDamageCount > 0) {
    for (let i = 0; i < c.fxCount; i++) {
      const e = c.fxEffect[i]!;
      if (e.extraDamage === null) continue;
      if (e.extraOncePerTurn) {
        // Sneak Attack: once per turn, with advantage or an ally standing, never with disadvantage.
        if (c.onceStamps[e.id] === s.turnStamp || hasDisadvantage) continue;
        if (!hasAdvantage && s.standingAllies(c) < 2) continue;
        c.onceStamps[e.id] = s.turnStamp;
      }
      let x = rollDice(e.extraDamage, rng, critical);
      if (halve) x = Math.floor(Math.max(0, x) / 2);
      // Extra weapon damage (Sneak Attack, Rage) is as magical as the weapon.
      dealt += dealDamage(s, c, target, x, e.extraBit | (atk.damageBit & NONMAGICAL_BIT), critical);
    }
  }
  if (target.markCount > 0) {
    for (let i = 0; i < target.fxCount; i++) {
      const e = target.fxEffect[i]!;
      if (e.markDamage === null || target.fxSource[i] !== c) continue;
      let x = rollDice(e.markDamage, rng, critical);
      if (halve) x = Math.floor(Math.max(0, x) / 2);
      dealt += dealDamage(s, c, target, x, e.markBit, critical);
    }
  }
  if (a.smite !== null && atk.melee && c.t.hasSlots && !target.dead && smiteAllowed(s, c) && wantsSmite(s, c, target, critical)) {
    const level = slotFor(s, c, 1, a.smite.maxLevel);
    if (level > 0) {
      c.slotsLeft[level - 1]--;
      smiteCast(s, c);
      if (s.log !== null) s.log.push({ t: 'slot', who: c.name, action: 'Divine Smite', level });
      let x = rollDice(a.smite.damage, rng, critical);
      for (let l = 1; l < level; l++) x += rollDice(a.smite.upcast, rng, critical);
      if (halve) x = Math.floor(Math.max(0, x) / 2);
      dealt += dealDamage(s, c, target, x, a.smite.bit, critical);
    }
  }
  if (target.retaliateCount > 0 && atk.melee && !c.dead) {
    for (let i = 0; i < target.fxCount; i++) {
      const e = target.fxEffect[i]!;
      // Armor of Agathys answers only while its temporary hit points were there before the hit.
      if (e.retaliate === null || (!e.retaliateAlways && tempBefore <= 0)) continue;
      const back = dealDamage(s, target, c, Math.max(0, rollDice(e.retaliate, rng)), e.retaliateBit, false);
      concentrationCheck(s, c, back);
    }
  }
  return dealt;
}

/** After a hit: concentration of the target, Hellish Rebuke, riders. */
export function afterHit(s: FightState, c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction, dealt: number): void {
  void atk;
  concentrationCheck(s, target, dealt);
  if (dealt > 0) rebuke(s, target, c);
  const e = a.effect;
  if (e !== null && !target.dead && (target.hp > 0 || target.isCharacter)) {
    if (a.effectOncePerTurn) {
      // Tried on the first hit of the turn only (Stunning Strike, Cunning Strike).
      if (c.riderStamps[e.id] === s.turnStamp) return;
      c.riderStamps[e.id] = s.turnStamp;
    }
    const spell = a.spellLevel >= 0;
    if (a.effectSaveAbility >= 0 && resists(s, target, a.effectSaveAbility, a.effectSaveDc, spell, e, c)) return;
    applyEffect(s, c, target, e, a, spell);
  }
}

/**
 * The damage of other types an attack adds on a hit, each part rolled and resisted on its own; a
 * part that needs advantage only when the attack roll had it (advantage not cancelled).
 */
function extraDamage(s: FightState, c: Combatant, target: Combatant, atk: CompiledAttack, critical: boolean, halve: boolean, hasAdvantage: boolean): number {
  let dealt = 0;
  const parts = atk.extra!;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].withAdvantage && !hasAdvantage) continue;
    let x = rollDice(parts[i].damage, s.rng, critical);
    if (halve) x = Math.floor(Math.max(0, x) / 2);
    dealt += dealDamage(s, c, target, x, parts[i].bit, critical);
  }
  return dealt;
}
