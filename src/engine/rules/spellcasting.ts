// Spells per turn, by edition (decided when the scenario is compiled):
// - 2014: a creature that casts a spell with a bonus action can cast no other spell that turn except
//   a cantrip with a casting time of one action. The engine takes the action before the bonus
//   action, so after a spell of 1st level or higher with the action, no spell can follow as a bonus
//   action; after a cantrip or no spell, one can.
// - 2024: a creature can expend only one spell slot to cast a spell on a turn. Divine Smite is a
//   spell cast with the bonus action right after a hit, so it takes the turn's bonus action and its
//   one slot.

import type { Combatant } from '../combatant.ts';
import { SLOT_BONUS, SPELLS_PER_TURN_2024, type CompiledAction } from '../compiled.ts';
import type { FightState } from '../fight-state.ts';

/** Whether casting `a` spends a spell slot (creatures without slots cast by uses alone). */
function usesSlot(c: Combatant, a: CompiledAction): boolean {
  return a.spellLevel >= 1 && c.t.hasSlots;
}

function slotSpentNow(s: FightState, c: Combatant): boolean {
  return c.slotTurnStamp === s.turnStamp && s.current === c;
}

/** Whether `a`, as the bonus action of the creature whose turn it is, is allowed by the spells-per-turn rule. */
export function bonusSpellAllowed(s: FightState, c: Combatant, a: CompiledAction): boolean {
  if (a.slot !== SLOT_BONUS || a.spellLevel < 0) return true;
  if (s.scenario.spellsPerTurn === SPELLS_PER_TURN_2024) return !usesSlot(c, a) || !slotSpentNow(s, c);
  return s.actionSpellLevel < 1;
}

/** Whether casting `action` with the action would rule out `bonus` as this turn's bonus-action spell. */
export function blocksBonusSpell(s: FightState, c: Combatant, action: CompiledAction, bonus: CompiledAction): boolean {
  if (bonus.spellLevel < 0) return false;
  if (s.scenario.spellsPerTurn === SPELLS_PER_TURN_2024) return usesSlot(c, action) && usesSlot(c, bonus);
  return action.spellLevel >= 1;
}

/** Whether casting `action` with the action could rule out any bonus-action spell (a quick filter). */
export function mayBlockBonusSpell(s: FightState, c: Combatant, action: CompiledAction): boolean {
  return s.scenario.spellsPerTurn === SPELLS_PER_TURN_2024 ? usesSlot(c, action) : action.spellLevel >= 1;
}

/** A new turn: no spell cast with the action yet. */
export function startTurnSpells(s: FightState): void {
  s.actionSpellLevel = -1;
}

/** The action has been taken: remember whether it was a spell, and which level. */
export function actionTaken(s: FightState, a: CompiledAction): void {
  s.actionSpellLevel = a.spellLevel;
}

/** A spell slot was spent by `c` (for one-slot-per-turn). */
export function slotSpentThisTurn(s: FightState, c: Combatant): void {
  c.slotTurnStamp = s.turnStamp;
}

/** Whether the bonus action was already used this turn by something outside the action choice (a 2024 smite). */
export function bonusActionTaken(s: FightState, c: Combatant): boolean {
  return c.bonusUsedStamp === s.turnStamp && s.current === c;
}

/** Whether a smite may be cast now: always under 2014; under 2024 only with the bonus action and the turn's slot unused. */
export function smiteAllowed(s: FightState, c: Combatant): boolean {
  if (!s.scenario.smiteIsBonusAction) return true;
  return s.current === c && c.bonusUsedStamp !== s.turnStamp && c.slotTurnStamp !== s.turnStamp;
}

/** A smite was cast: it spent a slot, and under 2024 the bonus action too. */
export function smiteCast(s: FightState, c: Combatant): void {
  c.slotTurnStamp = s.turnStamp;
  if (s.scenario.smiteIsBonusAction) c.bonusUsedStamp = s.turnStamp;
}

/** In the replay: a bonus-action spell left out because of the spell cast with the action. */
export function logBonusSpellBlocked(s: FightState, c: Combatant, skipped: CompiledAction, cast: CompiledAction): void {
  if (s.log !== null) s.log.push({ t: 'spell-rule', who: c.name, skipped: skipped.name, cast: cast.name, slot: 'bonus' });
}

/** In the replay: a leveled action spell passed over to keep the bonus action for a spell. */
export function logActionSpellDeferred(s: FightState, c: Combatant, skipped: CompiledAction, kept: CompiledAction): void {
  if (s.log !== null) s.log.push({ t: 'spell-rule', who: c.name, skipped: skipped.name, cast: kept.name, slot: 'action' });
}
