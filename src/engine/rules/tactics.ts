// Tactics and targeting: which action a creature takes (its own list in order, or the automatic
// policy), whether an action can be taken now, and whom it is aimed at.

import type { Combatant } from '../combatant.ts';
import { type CompiledAction, type CompiledEffect, EFFECT_ALLIES, EFFECT_SELF, KIND_ATTACK, KIND_EFFECT, KIND_HEAL, KIND_SAVE, KIND_SUMMON, SLOT_LEGENDARY, USES_AT_WILL, USES_RECHARGE } from '../compiled.ts';
import type { FightState } from '../fight-state.ts';
import { effectWorksOn } from './effects.ts';
import { END_DISABLING, bestEndValue, pickEndTarget } from './ending-effects.ts';
import { slotBudgetAllows, slotFor } from './resources.ts';
import { summonAvailable } from './summons.ts';
import { blocksBonusSpell, bonusSpellAllowed, logActionSpellDeferred, logBonusSpellBlocked, mayBlockBonusSpell } from './spellcasting.ts';

// Action conditions, in the order of ACTION_CONDITIONS.
export const COND_ALWAYS = 0, COND_ALLY_DOWN = 1, COND_ALLY_BELOW_HALF = 2, COND_SELF_BELOW_HALF = 3,
  COND_ENEMY_ONE = 4, COND_ENEMY_MULTIPLE = 5, COND_NOT_USED_YET = 6, COND_AFTER_PREVIOUS = 7;
// Enemy targeting, in the order of ENEMY_TARGETING.
export const TARGET_LOWEST_HP = 0, TARGET_HIGHEST_HP = 1, TARGET_HIGHEST_DAMAGE = 2, TARGET_LOWEST_AC = 3, TARGET_RANDOM = 4;
// Ally targeting, in the order of ALLY_TARGETING.
export const ALLY_SELF = 1;

export function chooseAction(s: FightState, c: Combatant, slot: number): number {
  if (c.t.autoTactics === true && slot <= 1) return chooseAuto(s, c, slot);
  const actions = c.actions;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.slot !== slot) continue;
    if (a.usesKind === 4 /* USES_RECHARGE */) {
      if (c.charged[i] === 0) continue;
    } else if (a.usesKind !== 0 /* USES_AT_WILL */ && c.usesLeft[i] <= 0) continue;
    if (a.condition !== 0 /* COND_ALWAYS */ && !conditionHolds(s, c, a.condition, i)) continue;
    if (a.kind === 2 /* KIND_HEAL */ && pickAlly(s, c, a) === null) continue;
    if (s.rich === true && !richAllows(s, c, a)) continue;
    return i;
  }
  return -1;
}

/** Whether action i can be taken now: uses, recharge, its condition, targets, slots. */
export function usable(s: FightState, c: Combatant, i: number): boolean {
  const a = c.actions[i];
  if (a.usesKind === USES_RECHARGE) {
    if (c.charged[i] === 0) return false;
  } else if (a.usesKind !== USES_AT_WILL && c.usesLeft[i] <= 0) return false;
  if (!conditionHolds(s, c, a.condition, i)) return false;
  if (a.kind === KIND_HEAL && pickAlly(s, c, a) === null) return false;
  return richAllows(s, c, a);
}

/**
 * The automatic policy: get a downed ally up; free an ally whose actions an effect takes away
 * (Lesser Restoration on a paralyzed ally, Dispel Magic on one held by a spell); keep one
 * concentration effect going; then the action that deals the most damage, an area counted once per
 * enemy it can catch; then any other effect or heal; ties keep list order.
 */
export function chooseAuto(s: FightState, c: Combatant, slot: number): number {
  const actions = c.actions;
  const allyDown = conditionHolds(s, c, COND_ALLY_DOWN, -1);
  const enemies = s.standingOpponents(c);
  let heal = -1, free = -1, concentration = -1, best = -1, other = -1, bestFree = -1, summon = -1;
  let bestValue = 0, bestFreeValue = 0;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.slot !== slot || !usable(s, c, i)) continue;
    if (a.kind === KIND_HEAL) {
      if (allyDown && !a.temporary && a.targeting !== 1 && heal < 0) heal = i;
      else if (other < 0) other = i;
      continue;
    }
    if (a.kind === KIND_SUMMON) {
      if (summon < 0) summon = i;
      continue;
    }
    if (a.kind === KIND_EFFECT) {
      if (a.ends !== null) {
        if (free < 0 && bestEndValue(s, c, a) >= END_DISABLING) free = i;
        else if (other < 0) other = i;
      } else if (a.concentration && concentration < 0) concentration = i;
      else if (other < 0) other = i;
      continue;
    }
    const caught = a.kind === KIND_ATTACK ? 1 : Math.min(a.targets, enemies);
    // A limited area effect is kept for when it catches several enemies.
    const limited = (a.usesKind !== USES_AT_WILL && a.usesKind !== USES_RECHARGE) || (a.spellLevel >= 1 && c.t.hasSlots);
    if (limited && a.kind !== KIND_ATTACK && a.targets > 1 && enemies < 2) {
      if (other < 0) other = i;
      continue;
    }
    const value = a.meanDamage * caught;
    if (best < 0 || value > bestValue) {
      best = i;
      bestValue = value;
    }
    if (!mayBlockBonusSpell(s, c, a) && (bestFree < 0 || value > bestFreeValue)) {
      bestFree = i;
      bestFreeValue = value;
    }
  }
  if (heal >= 0) return heal;
  if (free >= 0) return free;
  // Help that lasts: allies called into the fight, then one concentration spell.
  if (summon >= 0) return summon;
  if (concentration >= 0) return concentration;
  if (best >= 0 && slot === 0 && bestFree !== best && mayBlockBonusSpell(s, c, actions[best])) {
    // The better legal pair: the spell alone, or the best action that leaves the bonus action free
    // with the best damaging bonus-action spell it would have ruled out.
    const bonus = bestBonusSpell(s, c, enemies, actions[best]);
    if (bonus >= 0 && bestFree >= 0 && bestFreeValue + damageValue(actions[bonus], enemies) > bestValue) {
      logActionSpellDeferred(s, c, actions[best], actions[bonus]);
      return bestFree;
    }
  }
  if (best >= 0) return best;
  return other;
}

/** Expected damage of an attack or save action on one use: an area counted once per enemy it can catch. */
function damageValue(a: CompiledAction, enemies: number): number {
  return a.meanDamage * (a.kind === KIND_ATTACK ? 1 : Math.min(a.targets, enemies));
}

/** The usable bonus-action spell that deals the most damage and that casting `action` would rule out, or -1. */
function bestBonusSpell(s: FightState, c: Combatant, enemies: number, action: CompiledAction): number {
  const actions = c.actions;
  let pick = -1, value = 0;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.slot !== 1 || (a.kind !== KIND_ATTACK && a.kind !== KIND_SAVE) || !blocksBonusSpell(s, c, action, a) || !usable(s, c, i)) continue;
    const v = damageValue(a, enemies);
    if (v > value) {
      pick = i;
      value = v;
    }
  }
  return pick;
}

/** The extra checks of spells, effects, concentration and legendary points. */
export function richAllows(s: FightState, c: Combatant, a: CompiledAction): boolean {
  if (a.slot === SLOT_LEGENDARY && a.cost > c.legendaryPoints) return false;
  // Keep one concentration spell going rather than replacing it.
  if (a.concentration && c.concentrating) return false;
  if (a.spellLevel >= 1 && c.t.hasSlots) {
    if (slotFor(s, c, a.spellLevel, 9) === 0) return false;
    if (!slotBudgetAllows(s, c, a)) return false;
  }
  if (a.kind === KIND_EFFECT && !effectTargetExists(s, c, a)) return false;
  if (a.kind === KIND_SUMMON && !summonAvailable(s, c, a)) return false;
  if (a.oncePerRound && c.legendaryTakenAt[c.actions.indexOf(a)] === c.turnsTaken) return false;
  return bonusSpellAllowed(s, c, a);
}

/** In the replay: when no bonus action was taken, the bonus-action spell the action's spell ruled out. */
export function explainBonusSpell(s: FightState, c: Combatant, main: number): void {
  if (!mayBlockBonusSpell(s, c, c.actions[main])) return;
  // What would have been chosen without the rule (no random numbers are drawn in choosing).
  const savedLevel = s.actionSpellLevel, savedStamp = c.slotTurnStamp;
  s.actionSpellLevel = -1;
  c.slotTurnStamp = -1;
  const would = chooseAction(s, c, 1);
  s.actionSpellLevel = savedLevel;
  c.slotTurnStamp = savedStamp;
  if (would >= 0 && blocksBonusSpell(s, c, c.actions[main], c.actions[would])) logBonusSpellBlocked(s, c, c.actions[would], c.actions[main]);
}

export function conditionHolds(s: FightState, c: Combatant, condition: number, index: number): boolean {
  switch (condition) {
    case 0 /* COND_ALWAYS */:
      return true;
    case 1 /* COND_ALLY_DOWN */:
      return s.downedCharacters[c.side] > 0;
    case 2 /* COND_ALLY_BELOW_HALF */: {
      const allies = s.alliesOf(c);
      for (const a of allies) if (!a.dead && (a.hp > 0 || a.isCharacter) && a.hp * 2 < a.maxHp) return true;
      return false;
    }
    case 3 /* COND_SELF_BELOW_HALF */:
      return c.hp * 2 < c.maxHp;
    case 4 /* COND_ENEMY_ONE */:
      return s.standingOpponents(c) === 1;
    case 5 /* COND_ENEMY_MULTIPLE */:
      return s.standingOpponents(c) > 1;
    case 6 /* COND_NOT_USED_YET */:
      return index < 0 || c.usedInFight[index] !== s.fightSerial;
    case 7 /* COND_AFTER_PREVIOUS */: {
      // A spell's later uses (Spiritual Weapon's attacks) once the spell itself was cast this fight.
      const after = index < 0 ? -1 : c.actions[index].afterIndex;
      return after >= 0 && c.usedInFight[after] === s.fightSerial;
    }
    default:
      return false;
  }
}

export function canTarget(s: FightState, t: Combatant): boolean {
  if (t.dead === true) return false;
  if (t.hp > 0) return true;
  return t.isCharacter === true && s.attackDownedAlways === true;
}

/** Picks an opponent by strategy; ties are broken at random. Skips those picked this stamp. */
export function pickEnemy(s: FightState, c: Combatant, strategy: number, stamp: number, without: CompiledEffect | null = null): Combatant | null {
  // Kept small so that it inlines: the loops are apart, the common ones without the effect filter.
  if (without !== null) return pickEnemyFor(s, c, strategy, stamp, without);
  if (s.pickByBits === true) return strategy === 4 /* TARGET_RANDOM */ ? pickRandomStanding(s, c, stamp) : pickScoredStanding(s, c, strategy, stamp);
  return strategy === 4 /* TARGET_RANDOM */ ? pickRandomEnemy(s, c, stamp) : pickScoredEnemy(s, c, strategy, stamp);
}

/**
 * pickRandomEnemy over the standing opponents only, in list order (the same candidates, the same
 * draws): no test per creature down or dead, whose outcome a branch predictor cannot guess.
 */
function pickRandomStanding(s: FightState, c: Combatant, stamp: number): Combatant | null {
  const list = s.opponentsOf(c);
  let bits = s.standingBits[1 - c.side];
  let best: Combatant | null = null;
  let ties = 0;
  while (bits !== 0) {
    const t = list[31 - Math.clz32(bits & -bits)];
    bits &= bits - 1;
    if (stamp !== 0 && t.pickedStamp === stamp) continue;
    ties++;
    if (ties === 1 || s.rng.below(ties) === 0) best = t;
  }
  return best;
}

/**
 * pickScoredEnemy over the standing opponents only, as pickRandomStanding: the same scoring and
 * tie-breaking (the same draws), written out rather than shared for the reason pickEnemyFor gives.
 * A change to one is a change to both.
 */
function pickScoredStanding(s: FightState, c: Combatant, strategy: number, stamp: number): Combatant | null {
  const list = s.opponentsOf(c);
  let bits = s.standingBits[1 - c.side];
  let best: Combatant | null = null;
  let bestScore = 0;
  let ties = 0;
  while (bits !== 0) {
    const t = list[31 - Math.clz32(bits & -bits)];
    bits &= bits - 1;
    if (stamp !== 0 && t.pickedStamp === stamp) continue;
    const score = targetScore(t, strategy);
    if (best === null || score > bestScore) {
      best = t;
      bestScore = score;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (s.rng.below(ties) === 0) best = t;
    }
  }
  return best;
}

/** Random targeting: every candidate ties, so the same draws as the scored loop without the scores. */
function pickRandomEnemy(s: FightState, c: Combatant, stamp: number): Combatant | null {
  const list = s.opponentsOf(c);
  const downedToo = s.attackDownedAlways;
  let best: Combatant | null = null;
  let ties = 0;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t.dead || (t.hp <= 0 && !(downedToo && t.isCharacter)) || (stamp !== 0 && t.pickedStamp === stamp)) continue;
    ties++;
    if (ties === 1 || s.rng.below(ties) === 0) best = t;
  }
  return best;
}

function pickScoredEnemy(s: FightState, c: Combatant, strategy: number, stamp: number): Combatant | null {
  const list = s.opponentsOf(c);
  const downedToo = s.attackDownedAlways;
  let best: Combatant | null = null;
  let bestScore = 0;
  let ties = 0;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t.dead || (t.hp <= 0 && !(downedToo && t.isCharacter)) || (stamp !== 0 && t.pickedStamp === stamp)) continue;
    const score = targetScore(t, strategy);
    if (best === null || score > bestScore) {
      best = t;
      bestScore = score;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (s.rng.below(ties) === 0) best = t;
    }
  }
  return best;
}

/**
 * pickEnemy among the opponents `without` can affect: pickScoredEnemy's loop with one more filter,
 * written out rather than shared so that the common loop stays small enough to inline (a shared
 * loop was about 2% slower on the reference fight). A change to one is a change to both.
 */
function pickEnemyFor(s: FightState, c: Combatant, strategy: number, stamp: number, without: CompiledEffect): Combatant | null {
  const list = s.opponentsOf(c);
  const downedToo = s.attackDownedAlways;
  let best: Combatant | null = null;
  let bestScore = 0;
  let ties = 0;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t.dead || (t.hp <= 0 && !(downedToo && t.isCharacter)) || (stamp !== 0 && t.pickedStamp === stamp)) continue;
    if (!effectWorksOn(without, t)) continue;
    const score = targetScore(t, strategy);
    if (best === null || score > bestScore) {
      best = t;
      bestScore = score;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (s.rng.below(ties) === 0) best = t;
    }
  }
  return best;
}

function targetScore(t: Combatant, strategy: number): number {
  switch (strategy) {
    case 0 /* TARGET_LOWEST_HP */: return -t.hp;
    case 1 /* TARGET_HIGHEST_HP */: return t.hp;
    case 2 /* TARGET_HIGHEST_DAMAGE */: return t.t.expectedDamage;
    case 3 /* TARGET_LOWEST_AC */: return -t.t.ac;
    default: return 0; // random: every candidate ties
  }
}

export function pickAlly(s: FightState, c: Combatant, a: CompiledAction): Combatant | null {
  if (a.targeting === 1 /* ALLY_SELF */) return needsHealing(c, a) ? c : null;
  const list = s.alliesOf(c);
  let best: Combatant | null = null;
  let bestFraction = 2;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (!needsHealing(t, a) || (s.stamp !== 0 && t.pickedStamp === s.stamp)) continue;
    const fraction = t.hp / t.maxHp;
    if (fraction < bestFraction) {
      best = t;
      bestFraction = fraction;
    }
  }
  return best;
}

export function needsHealing(t: Combatant, a: CompiledAction): boolean {
  if (t.dead || (!t.isCharacter && t.hp <= 0)) return false;
  return a.temporary ? t.tempHp === 0 : t.hp < t.maxHp;
}

export function effectTargetExists(s: FightState, c: Combatant, a: CompiledAction): boolean {
  // An ending action is taken only when there is something for it to end.
  if (a.ends !== null) return pickEndTarget(s, c, a, 0) !== null;
  const e = a.effect!;
  if (a.effectTarget === EFFECT_SELF) return effectWorksOn(e, c);
  if (a.effectTarget === EFFECT_ALLIES) {
    const list = s.alliesOf(c);
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (!t.dead && t.hp > 0 && effectWorksOn(e, t)) return true;
    }
    return false;
  }
  const list = s.opponentsOf(c);
  for (let i = 0; i < list.length; i++) if (canTarget(s, list[i]) && effectWorksOn(e, list[i])) return true;
  return false;
}

/** Buffs go to the allies who deal the most damage (offensive ones) or have the lowest share of HP. */
export function pickBuffTarget(s: FightState, c: Combatant, e: CompiledEffect, stamp: number): Combatant | null {
  const list = s.alliesOf(c);
  const offensive = e.attackDice !== null || e.extraDamage !== null || e.attacksBy > 0;
  let best: Combatant | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t.dead || t.hp <= 0 || t.pickedStamp === stamp || !effectWorksOn(e, t)) continue;
    const score = offensive ? t.t.expectedDamage : -t.hp / t.maxHp;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}
