// Resources: uses and recharges, spell slots (which level to cast with, the day-level budget) and
// when a paladin spends a slot on a smite.

import type { Combatant } from '../combatant.ts';
import { type CompiledAction, KIND_HEAL } from '../compiled.ts';
import type { FightState } from '../fight-state.ts';
import { COND_ALLY_DOWN, conditionHolds } from './tactics.ts';

/** The slot level to cast with (0 when none is left): the highest under 'nova', else the lowest. */
export function slotFor(s: FightState, c: Combatant, min: number, max: number): number {
  const slots = c.slotsLeft;
  if (s.scenario.resourcePolicy === 'nova') {
    for (let l = Math.min(9, max); l >= min; l--) if (slots[l - 1] > 0) return l;
  } else {
    for (let l = min; l <= max && l <= 9; l++) if (slots[l - 1] > 0) return l;
  }
  return 0;
}

export function slotsTotal(c: Combatant): number {
  let n = 0;
  for (let l = 0; l < 9; l++) n += c.slotsLeft[l];
  return n;
}

/**
 * The day-level policy: 'conserve' keeps one slot per fight still ahead, 'balanced' one per two,
 * 'nova' none. Getting a downed ally up is always worth a slot.
 */
export function slotBudgetAllows(s: FightState, c: Combatant, a: CompiledAction): boolean {
  const policy = s.scenario.resourcePolicy;
  if (policy === 'nova') return true;
  if (a.kind === KIND_HEAL && conditionHolds(s, c, COND_ALLY_DOWN, -1)) return true;
  const ahead = s.scenario.encounters.length - 1 - s.encounterIndex;
  const reserve = policy === 'conserve' ? ahead : Math.floor(ahead / 2);
  return slotsTotal(c) > reserve;
}

/**
 * When a paladin smites: always on a critical hit; on other hits under 'nova', or while its slots
 * outnumber the fights still ahead ('balanced') or twice those fights ('conserve'). In the day's last
 * fight nothing is ahead, so every hit is smitten while a slot is left.
 */
export function wantsSmite(s: FightState, c: Combatant, target: Combatant, critical: boolean): boolean {
  if (critical) return true;
  const policy = s.scenario.resourcePolicy;
  if (policy === 'nova') return true;
  if (target.hp <= 0 && !target.isCharacter) return false;
  const ahead = s.scenario.encounters.length - 1 - s.encounterIndex;
  return slotsTotal(c) > (policy === 'conserve' ? 2 * ahead : ahead);
}

/** Encounter uses and recharges come back at the start of every fight (so do reactions and legendary points). */
export function refreshForFight(s: FightState, c: Combatant): void {
  if (c.refreshesForFight === true) {
    for (let i = 0; i < c.actions.length; i++) {
      const a = c.actions[i];
      if (a.usesKind === 1 /* USES_ENCOUNTER */) c.usesLeft[i] = a.usesMax;
      c.charged[i] = 1;
    }
  }
  if (s.rich) {
    for (let i = 0; i < c.reactionUses.length; i++) {
      if (c.t.reactions[i].usesKind === 1 /* USES_ENCOUNTER */) c.reactionUses[i] = c.t.reactions[i].usesMax;
    }
    c.legendaryPoints = c.t.legendaryPerRound;
  }
}

/** At the start of its turn, a creature rolls a d6 for each spent recharge action. */
export function rollRecharges(s: FightState, c: Combatant): void {
  if (c.recharges === false) return;
  const actions = c.actions;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.usesKind === 4 /* USES_RECHARGE */ && c.charged[i] === 0) {
      const roll = s.rng.die(6);
      if (roll >= a.rechargeMin) c.charged[i] = 1;
      if (s.log !== null) s.log.push({ t: 'recharge', who: c.name, action: a.name, roll, ready: roll >= a.rechargeMin });
    }
  }
}
