// Spells per turn (2014 rules): a creature that casts a spell with a bonus action can cast no other
// spell that turn except a cantrip with a casting time of one action. The engine takes the action
// before the bonus action, so after a spell of 1st level or higher with the action, no spell can
// follow as a bonus action; after a cantrip or no spell, one can.
// (The 2024 rule, one spell slot per turn, will be the other branch of bonusSpellAllowed once
// scenarios carry their rules edition.)

import type { Combatant } from '../combatant.ts';
import { SLOT_BONUS, type CompiledAction } from '../compile.ts';
import type { FightState } from '../fight-state.ts';

/** Whether `a`, as the bonus action of the creature whose turn it is, is allowed by the spells-per-turn rule. */
export function bonusSpellAllowed(s: FightState, a: CompiledAction): boolean {
  return a.slot !== SLOT_BONUS || a.spellLevel < 0 || s.actionSpellLevel < 1;
}

/** Whether casting `a` with the action would rule out a bonus-action spell this turn. */
export function blocksBonusSpell(a: CompiledAction): boolean {
  return a.spellLevel >= 1;
}

/** A new turn: no spell cast with the action yet. */
export function startTurnSpells(s: FightState): void {
  s.actionSpellLevel = -1;
}

/** The action has been taken: remember whether it was a spell, and which level. */
export function actionTaken(s: FightState, a: CompiledAction): void {
  s.actionSpellLevel = a.spellLevel;
}

/** In the replay: a bonus-action spell left out because of the spell cast with the action. */
export function logBonusSpellBlocked(s: FightState, c: Combatant, skipped: CompiledAction, cast: CompiledAction): void {
  if (s.log) s.log.push({ t: 'spell-rule', who: c.name, skipped: skipped.name, cast: cast.name, slot: 'bonus' });
}

/** In the replay: a leveled action spell passed over to keep the bonus action for a spell. */
export function logActionSpellDeferred(s: FightState, c: Combatant, skipped: CompiledAction, kept: CompiledAction): void {
  if (s.log) s.log.push({ t: 'spell-rule', who: c.name, skipped: skipped.name, cast: kept.name, slot: 'action' });
}
