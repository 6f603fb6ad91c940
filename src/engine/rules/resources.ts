// Resources: spell slots (which level to cast with, the day-level budget) and when a paladin
// spends a slot on a smite.

import type { Combatant } from '../combatant.ts';
import { type CompiledAction, KIND_HEAL } from '../compile.ts';
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
