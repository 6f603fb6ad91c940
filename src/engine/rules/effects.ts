// Effects and conditions: starting and ending effect instances on a creature, the numbers they
// add up to, and what ends them (the fight, the source falling, damage).

import { Combatant, MAX_EFFECTS } from '../combatant.ts';
import { C_BLINDED, C_FRIGHTENED, C_INVISIBLE, C_PARALYZED, C_POISONED, C_PRONE, C_RESTRAINED, C_STUNNED, C_UNCONSCIOUS, type CompiledAction, type CompiledEffect, DUR_DAY, DUR_ROUNDS, DUR_SOURCE_TURN_END } from '../compiled.ts';
import { rollDice } from '../dice.ts';
import { SIDE_PARTY, type FightState } from '../fight-state.ts';
import { slay } from './hit-points.ts';
import { concentrationHeld, concentrationReleased, loseConcentrationIfIncapacitated } from './concentration.ts';
import { leaveFight, summonsAtStart } from './summons.ts';

/** The exhaustion level at which a creature dies (2024: 6). */
export const EXHAUSTION_DEATH = 6;

/** Starts an effect on `target`; the same effect already there is replaced (effects never stack with themselves). */
export function applyEffect(s: FightState, source: Combatant, target: Combatant, e: CompiledEffect, a: CompiledAction | null, spell: boolean): boolean {
  if (target.dead) return false;
  for (let i = 0; i < target.fxCount; i++) {
    if (target.fxEffect[i]!.id === e.id) {
      removeEffect(s, target, i, 'replaced');
      break;
    }
  }
  if (target.fxCount >= MAX_EFFECTS) return false;
  const k = target.fxCount++;
  target.fxEffect[k] = e;
  target.fxSource[k] = source;
  target.fxLeft[k] = e.durKind === DUR_ROUNDS ? e.durRounds : e.durKind === DUR_SOURCE_TURN_END && s.current === source ? 2 : 1;
  target.fxSaveAbility[k] = a !== null ? a.effectSaveAbility : -1;
  target.fxSaveDc[k] = a !== null ? a.effectSaveDc : 0;
  const concentration = a !== null && a.concentration;
  target.fxConcentration[k] = concentration ? 1 : 0;
  // The level it was cast at, plus one (0: not a spell), for Dispel Magic.
  target.fxSpell[k] = !spell ? 0 : 1 + (a !== null && a.spellLevel >= 0 ? a.spellLevel + s.castExtraLevels : 0);
  s.fxActive++;
  if (e.durKind === DUR_ROUNDS || e.durKind === DUR_SOURCE_TURN_END) source.sourcedTimed++;
  if (concentration) concentrationHeld(source);
  if (e.tempHp !== null) {
    let raw = rollDice(e.tempHp, s.rng);
    if (a !== null && a.upcast !== null) for (let l = 0; l < s.castExtraLevels; l++) raw += rollDice(a.upcast, s.rng);
    // Temporary hit points never stack: keep the larger.
    if (raw > target.tempHp) target.tempHp = raw;
  }
  recompute(target);
  // A summoned creature's bond to its summoner is told by its arrival and leaving instead.
  if (s.log !== null && !e.leavesOnEnd) s.log.push({ t: 'effect', who: source.name, target: target.name, effect: e.name });
  loseConcentrationIfIncapacitated(s, target);
  if (e.exhaustion > 0) gainExhaustion(s, source, target, e.exhaustion);
  return true;
}

export function removeEffect(s: FightState, c: Combatant, i: number, reason: 'expired' | 'saved' | 'concentration' | 'fight-over' | 'replaced' | 'source-fell' | 'damaged' | 'target-fell' | 'ended'): void {
  const e = c.fxEffect[i]!;
  const source = c.fxSource[i]!;
  const concentration = c.fxConcentration[i] === 1;
  if (e.durKind === DUR_ROUNDS || e.durKind === DUR_SOURCE_TURN_END) source.sourcedTimed--;
  const last = --c.fxCount;
  if (i !== last) {
    c.fxEffect[i] = c.fxEffect[last];
    c.fxSource[i] = c.fxSource[last];
    c.fxLeft[i] = c.fxLeft[last];
    c.fxSaveAbility[i] = c.fxSaveAbility[last];
    c.fxSaveDc[i] = c.fxSaveDc[last];
    c.fxConcentration[i] = c.fxConcentration[last];
    c.fxSpell[i] = c.fxSpell[last];
  }
  c.fxEffect[last] = null;
  c.fxSource[last] = null;
  s.fxActive--;
  recompute(c);
  // However it ended, the caster's concentration on it ends too (and the caster is free once none is left).
  if (concentration) concentrationReleased(source);
  if (s.log !== null && !e.leavesOnEnd) s.log.push({ t: 'effect-end', who: c.name, effect: e.name, reason });
  // A summoned creature's bond to its summoner ended before the fight did: it leaves.
  if (e.leavesOnEnd && reason !== 'fight-over') leaveFight(s, c, reason === 'source-fell' ? 'summoner-fell' : reason === 'concentration' ? 'concentration' : 'spell-ended');
}

/** 2024 exhaustion: levels add up over the day; at 6 the creature dies. */
export function gainExhaustion(s: FightState, source: Combatant, target: Combatant, levels: number): void {
  target.exhaustion = Math.min(EXHAUSTION_DEATH, target.exhaustion + levels);
  if (target.exhaustion >= EXHAUSTION_DEATH) slay(s, source, target, true);
}

/** Recomputes the numbers attack and save resolution read, from the active effects. */
export function recompute(c: Combatant): void {
  let ac = 0, attackDice = 0, saveDice = 0, advBy = 0, disBy = 0, advAgainst = 0, disAgainst = 0, saveAdv = 0;
  let conditions = 0, resist = 0, extra = 0, mark = 0, turn = 0, retaliate = 0, endsOnDamage = 0, noHealing = 0;
  for (let i = 0; i < c.fxCount; i++) {
    const e = c.fxEffect[i]!;
    ac += e.acBonus;
    if (e.attackDice !== null) attackDice++;
    if (e.saveDice !== null) saveDice++;
    if (e.savesBy) saveAdv++;
    if (e.attacksBy > 0) advBy++;
    else if (e.attacksBy < 0) disBy++;
    if (e.attacksAgainst > 0) advAgainst++;
    else if (e.attacksAgainst < 0) disAgainst++;
    conditions |= e.conditionMask;
    resist |= e.resistMask;
    if (e.extraDamage !== null) extra++;
    if (e.markDamage !== null) mark++;
    if (e.turnDamage !== null || e.healEachTurn !== null || e.saveEnds) turn++;
    if (e.retaliate !== null) retaliate++;
    if (e.preventsHealing) noHealing++;
    if (e.endsOnDamage) endsOnDamage++;
  }
  conditions &= ~c.t.conditionImmuneMask;
  // The conditions' own rules on attack rolls.
  if (conditions & C_INVISIBLE) {
    advBy++;
    disAgainst++;
  }
  if (conditions & (C_BLINDED | C_POISONED | C_FRIGHTENED | C_RESTRAINED | C_PRONE)) disBy++;
  if (conditions & (C_BLINDED | C_RESTRAINED | C_PARALYZED | C_STUNNED | C_UNCONSCIOUS)) advAgainst++;
  c.acBonus = ac;
  c.attackDiceCount = attackDice;
  c.saveDiceCount = saveDice;
  c.advantageBy = advBy;
  c.saveAdvantageBy = saveAdv;
  c.disadvantageBy = disBy;
  c.advantageAgainst = advAgainst;
  c.disadvantageAgainst = disAgainst;
  c.conditionMask = conditions;
  c.resistAdded = resist;
  c.extraDamageCount = extra;
  c.markCount = mark;
  c.turnEffectCount = turn;
  c.retaliateCount = retaliate;
  c.noHealingCount = noHealing;
  c.endsOnDamageCount = endsOnDamage;
}

/** Whether applying `e` to `t` would do anything: not already on it, not wholly blocked by immunities. */
export function effectWorksOn(e: CompiledEffect, t: Combatant): boolean {
  if (t.hasEffect(e.id)) return false;
  if (e.onlyTypes !== null && t.t.creatureType !== null && !e.onlyTypes.includes(t.t.creatureType)) return false;
  return e.conditionMask === 0 || (e.conditionMask & ~t.t.conditionImmuneMask) !== 0;
}

/** Damage wakes a creature from effects that end on damage (Hypnotic Pattern, Sleep). */
export function endOnDamage(s: FightState, c: Combatant): void {
  for (let i = c.fxCount - 1; i >= 0; i--) {
    if (i < c.fxCount && c.fxEffect[i]!.endsOnDamage) removeEffect(s, c, i, 'damaged');
  }
}

/** Effects that last the day stay on the party; creature-level effects start; counters reset. */
export function startFight(s: FightState): void {
  let active = 0;
  const all = s.all;
  let legendary = 0, lair = 0;
  for (let k = 0; k < all.length; k++) {
    const c = all[k];
    c.reactionReady = true;
    c.lastLair = -1;
    active += c.fxCount;
    if (c.t.legendaryPerRound > 0) legendary++;
    if (c.t.hasLair) lair++;
  }
  s.fxActive = active;
  s.legendaryInFight = legendary;
  s.lairInFight = lair;
  for (let k = 0; k < all.length; k++) {
    const c = all[k];
    const permanent = c.t.permanentEffects;
    for (let i = 0; i < permanent.length; i++) applyEffect(s, c, c, permanent[i], null, false);
  }
  if (s.summonersInFight) summonsAtStart(s);
}

/** Effects end with the fight, except those that last the day and come from the party. */
export function endFight(s: FightState): void {
  for (const list of s.sides) {
    for (const c of list) {
      for (let i = c.fxCount - 1; i >= 0; i--) {
        if (c.fxEffect[i]!.durKind === DUR_DAY && c.fxSource[i]!.side === SIDE_PARTY) continue;
        removeEffect(s, c, i, 'fight-over');
      }
    }
  }
  s.legendaryInFight = 0;
  s.lairInFight = 0;
}

/**
 * A dead creature's concentration ends, and so do the effects timed by its turns, which will not
 * come. Effects on the dead do nothing and end too, so a caster whose concentration was only on
 * them is free again (Hunter's Mark and Hex move on, Hold Person can be cast at another).
 */
export function sourceFell(s: FightState, c: Combatant): void {
  if (s.fxActive === 0) return;
  sourceFellIn(s, s.party, c);
  sourceFellIn(s, s.enemies, c);
  for (let i = c.fxCount - 1; i >= 0; i--) removeEffect(s, c, i, 'target-fell');
}

export function sourceFellIn(s: FightState, list: Combatant[], c: Combatant): void {
  for (let k = 0; k < list.length; k++) {
    const y = list[k];
    for (let i = y.fxCount - 1; i >= 0; i--) {
      if (i >= y.fxCount || y.fxSource[i] !== c) continue;
      const kind = y.fxEffect[i]!.durKind;
      if (y.fxConcentration[i] === 1 || kind === DUR_ROUNDS || kind === DUR_SOURCE_TURN_END || y.fxEffect[i]!.leavesOnEnd) removeEffect(s, y, i, 'source-fell');
    }
  }
}
