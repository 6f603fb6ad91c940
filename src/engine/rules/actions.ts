// Performing an action: spending its use or slot, then its saves, heals and effects (attacks are
// in attacks.ts).

import type { Combatant } from '../combatant.ts';
import { type CompiledAction, EFFECT_ALLIES, EFFECT_SELF } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import { cantripTier } from '../tables.ts';
import { OUTCOME_NONE, type FightState } from '../fight-state.ts';
import { attackAction } from './attacks.ts';
import { concentrationCheck, startConcentrationSpell } from './concentration.ts';
import { slotSpentThisTurn } from './spellcasting.ts';
import { applyEffect } from './effects.ts';
import { endEffectsAction } from './ending-effects.ts';
import { dealDamage, restoreHp, slay } from './hit-points.ts';
import { COUNTERED_SLOT_KEPT, NOT_COUNTERED, counterspelled, rebuke } from './reactions.ts';
import { slotFor } from './resources.ts';
import { summonAction } from './summons.ts';
import { autoFails, resists, saveTotal, useLegendaryResistance } from './saving-throws.ts';
import { pickAlly, pickBuffTarget, pickEnemy } from './tactics.ts';
import { ABILITIES } from '../types.ts';


export function perform(s: FightState, c: Combatant, index: number): void {
  const a = c.actions[index];
  if (a.usesKind === 4 /* USES_RECHARGE */) c.charged[index] = 0;
  else if (a.usesKind !== 0 /* USES_AT_WILL */) c.usesLeft[index]--;
  c.actionUses[index]++;
  if (s.log !== null) s.log.push({ t: 'action', who: c.name, action: a.name });
  c.usedInFight[index] = s.fightSerial;
  // Kept small so that the run loop can inline it: what only spells and effects need is apart.
  if (s.rich === true && !castSpell(s, c, a)) return;
  if (a.kind === 0 /* KIND_ATTACK */) attackAction(s, c, a);
  else if (a.kind === 2 /* KIND_HEAL */) healAction(s, c, a);
  else if (a.kind === 3 /* KIND_EFFECT */) effectAction(s, c, a);
  else if (a.kind === 4 /* KIND_SUMMON */) summonAction(s, c, a);
  else saveAction(s, c, a);
  s.castMultiplier = 1;
  s.castExtraLevels = 0;
}

/**
 * Before an action of a rich scenario: the slot it spends (and its level), cantrip tiers,
 * Counterspell and concentration. Returns false when the spell was countered.
 */
function castSpell(s: FightState, c: Combatant, a: CompiledAction): boolean {
  s.castMultiplier = 1;
  s.castExtraLevels = 0;
  let slotLevel = 0;
  if (a.spellLevel >= 1 && c.t.hasSlots) {
    const level = slotFor(s, c, a.spellLevel, 9);
    slotLevel = level;
    if (level > 0) {
      c.slotsLeft[level - 1]--;
      slotSpentThisTurn(s, c);
      s.castExtraLevels = level - a.spellLevel;
      if (s.log !== null) s.log.push({ t: 'slot', who: c.name, action: a.name, level });
    }
  } else if (a.cantripScaling) s.castMultiplier = cantripTier(c.t.level);
  if (a.spellLevel >= 2 && s.counterspellers > 0) {
    const countered = counterspelled(s, c, a, a.spellLevel + s.castExtraLevels);
    if (countered !== NOT_COUNTERED) {
      // The 2024 spell: the slot of a countered spell isn't expended.
      if (countered === COUNTERED_SLOT_KEPT && slotLevel > 0) c.slotsLeft[slotLevel - 1]++;
      s.castExtraLevels = 0;
      return false;
    }
  }
  if (a.concentration) startConcentrationSpell(s, c);
  return true;
}

export function saveAction(s: FightState, c: Combatant, a: CompiledAction): void {
  if (s.rich === false) {
    plainSaveAction(s, c, a);
    return;
  }
  const rng = s.rng;
  const rich = true;
  // Area damage is rolled once for every creature caught in it.
  let raw = rollDice(a.damage!, rng);
  let targets = a.targets;
  if (rich) {
    for (let m = 1; m < s.castMultiplier; m++) raw += rollDice(a.damage!, rng);
    if (a.upcast !== null) for (let l = 0; l < s.castExtraLevels; l++) raw += rollDice(a.upcast, rng);
    targets += a.upcastTargets * s.castExtraLevels;
  }
  const rolled = Math.max(0, raw);
  const spell = a.spellLevel >= 0;
  const stamp = (s.stamp = ++s.lastStamp);
  for (let n = 0; n < targets; n++) {
    const target = pickEnemy(s, c, a.targeting, stamp);
    if (target === null) break;
    target.pickedStamp = stamp;
    // Saving throws have no automatic success or failure on a natural 20 or 1. An unconscious
    // (or paralyzed, or stunned) creature fails Strength and Dexterity saves automatically.
    const total = saveTotal(s, target, a.ability, spell, a.effect !== null ? a.effect.conditionMask : 0);
    const roll = s.lastSaveRoll;
    let success = total >= a.dc && !autoFails(target, a.ability);
    const onSuccess = a.halfOnSuccess ? Math.floor(rolled / 2) : 0;
    if (!success && rich && target.legendaryResistLeft > 0
      && ((a.effect !== null && a.effect.disabling) || (rolled - onSuccess) * 4 >= target.hp || a.slayHp >= target.hp)) {
      // Legendary Resistance on a save that would disable or cost a quarter of its HP.
      success = useLegendaryResistance(s, target);
    }
    let damage = success ? onSuccess : rolled;
    // "If the target has 20 Hit Points or fewer, it drops to 0 Hit Points. Otherwise, it takes the damage."
    if (!success && a.slayHp > 0 && target.hp <= a.slayHp) {
      damage = target.hp;
      slay(s, c, target, a.slayDies);
    } else damage = dealDamage(s, c, target, damage, a.damageBit, false);
    if (s.log !== null) {
      s.log.push({
        t: 'save', who: c.name, target: target.name, ability: ABILITIES[a.ability], dc: a.dc, roll, total, success,
        damage, targetHp: target.hp,
      });
    }
    if (rich) {
      concentrationCheck(s, target, damage);
      if (damage > 0) rebuke(s, target, c);
      if (!success && a.effect !== null && !target.dead && (target.hp > 0 || target.isCharacter)) applyEffect(s, c, target, a.effect, a, spell);
    }
    if (s.outcome() !== OUTCOME_NONE) break;
  }
  s.stamp = 0;
}

/** An area or single-target save of a scenario without effects: the lean fast path. */
export function plainSaveAction(s: FightState, c: Combatant, a: CompiledAction): void {
  const rng = s.rng;
  // Area damage is rolled once for every creature caught in it.
  const rolled = Math.max(0, rollDice(a.damage!, rng));
  const stamp = (s.stamp = ++s.lastStamp);
  for (let n = 0; n < a.targets; n++) {
    const target = pickEnemy(s, c, a.targeting, stamp);
    if (target === null) break;
    target.pickedStamp = stamp;
    // Saving throws have no automatic success or failure on a natural 20 or 1. An unconscious
    // creature fails Strength and Dexterity saves automatically.
    const roll = rng.die(20);
    const total = roll + target.t.saves[a.ability];
    const success = total >= a.dc && !(target.hp <= 0 && a.ability <= 1 /* ABILITY_DEX */);
    let damage = success ? (a.halfOnSuccess === true ? Math.floor(rolled / 2) : 0) : rolled;
    damage = dealDamage(s, c, target, damage, a.damageBit, false);
    if (s.log !== null) {
      s.log.push({
        t: 'save', who: c.name, target: target.name, ability: ABILITIES[a.ability], dc: a.dc, roll, total, success,
        damage, targetHp: target.hp,
      });
    }
    if (s.outcome() !== 0 /* OUTCOME_NONE */) break;
  }
  s.stamp = 0;
}

export function healAction(s: FightState, c: Combatant, a: CompiledAction): void {
  const rng = s.rng;
  const stamp = (s.stamp = ++s.lastStamp);
  for (let n = 0; n < a.targets; n++) {
    const target = pickAlly(s, c, a);
    if (target === null) break;
    target.pickedStamp = stamp;
    let raw = rollDice(a.amount!, rng);
    if (a.upcast !== null) for (let l = 0; l < s.castExtraLevels; l++) raw += rollDice(a.upcast, rng);
    const amount = Math.max(0, raw);
    if (a.temporary) {
      // Temporary hit points never stack: keep the larger.
      if (amount > target.tempHp) target.tempHp = amount;
    } else {
      restoreHp(s, c, target, amount);
    }
    if (s.log !== null) s.log.push({ t: 'heal', who: c.name, target: target.name, amount, temporary: a.temporary, targetHp: target.hp });
    if (a.targeting === 1 /* ALLY_SELF */) break;
  }
  s.stamp = 0;
}

export function effectAction(s: FightState, c: Combatant, a: CompiledAction): void {
  if (a.ends !== null) {
    endEffectsAction(s, c, a);
    return;
  }
  const e = a.effect!;
  const spell = a.spellLevel >= 0;
  if (a.effectTarget === EFFECT_SELF) {
    applyEffect(s, c, c, e, a, spell);
    return;
  }
  const stamp = (s.stamp = ++s.lastStamp);
  const targets = a.targets + a.upcastTargets * s.castExtraLevels;
  for (let n = 0; n < targets; n++) {
    const t = a.effectTarget === EFFECT_ALLIES ? pickBuffTarget(s, c, e, stamp) : pickEnemy(s, c, a.targeting, stamp, e);
    if (t === null) break;
    t.pickedStamp = stamp;
    if (a.effectSaveAbility >= 0 && a.effectTarget !== EFFECT_ALLIES && resists(s, t, a.effectSaveAbility, a.effectSaveDc, spell, e, c)) continue;
    applyEffect(s, c, t, e, a, spell);
  }
  s.stamp = 0;
}

/**
 * A creature's death burst: up to `targets` of its enemies make the save, damage rolled once (the
 * burst catches enemies only, an approximation of "each creature within 10 feet"). It happens in the
 * middle of another creature's action, so it keeps to its own stamp and never stops early: a burst
 * from the last monster still reaches every enemy it catches.
 */
export function deathBurst(s: FightState, c: Combatant, burst: CompiledAction): void {
  if (s.log !== null) s.log.push({ t: 'action', who: c.name, action: burst.name });
  const rolled = Math.max(0, rollDice(burst.damage!, s.rng));
  const onSuccess = burst.halfOnSuccess ? Math.floor(rolled / 2) : 0;
  const stamp = ++s.lastStamp;
  for (let n = 0; n < burst.targets; n++) {
    const target = pickEnemy(s, c, burst.targeting, stamp);
    if (target === null) break;
    target.pickedStamp = stamp;
    const total = saveTotal(s, target, burst.ability, false, burst.effect !== null ? burst.effect.conditionMask : 0);
    const success = total >= burst.dc && !autoFails(target, burst.ability);
    const dealt = dealDamage(s, c, target, success ? onSuccess : rolled, burst.damageBit, false);
    if (s.log !== null) {
      s.log.push({
        t: 'save', who: c.name, target: target.name, ability: ABILITIES[burst.ability], dc: burst.dc, roll: s.lastSaveRoll, total, success,
        damage: dealt, targetHp: target.hp,
      });
    }
    concentrationCheck(s, target, dealt);
    // What a failed save also inflicts (a dust mephit's blindness), saved against again as its effect says.
    if (!success && burst.effect !== null && !target.dead && (target.hp > 0 || target.isCharacter)) applyEffect(s, c, target, burst.effect, burst, false);
  }
}
