// Legendary actions after other creatures' turns, and lair actions on initiative count 20.

import type { Combatant } from '../combatant.ts';
import { C_NO_ACTIONS, SLOT_LAIR, SLOT_LEGENDARY, USES_AT_WILL, USES_RECHARGE } from '../compiled.ts';
import { OUTCOME_NONE, type FightState } from '../fight-state.ts';
import { perform } from './actions.ts';
import { chooseAction, conditionHolds, richAllows } from './tactics.ts';

/** After another creature's turn, each legendary creature spends one legendary action if it can. */
export function legendaryAfter(s: FightState, actor: Combatant): void {
  const all = s.all;
  for (let k = 0; k < all.length; k++) {
    const l = all[k];
    if (l === actor || l.t.legendaryPerRound === 0 || l.legendaryPoints <= 0 || l.dead || l.hp <= 0) continue;
    if ((l.conditionMask & C_NO_ACTIONS) !== 0) continue;
    const i = chooseAction(s, l, SLOT_LEGENDARY);
    if (i < 0) continue;
    l.legendaryPoints -= l.actions[i].cost;
    l.legendaryTakenAt[i] = l.turnsTaken;
    if (s.log !== null) s.log.push({ t: 'legendary', who: l.name, action: l.actions[i].name, pointsLeft: l.legendaryPoints });
    perform(s, l, i);
    if (s.outcome() !== OUTCOME_NONE) return;
  }
}

/** On initiative count 20: each lair creature takes one lair action, not the same as last round when another is usable. */
export function lairActions(s: FightState): void {
  const all = s.all;
  for (let k = 0; k < all.length; k++) {
    const l = all[k];
    if (!l.t.hasLair || l.dead || l.hp <= 0) continue;
    let pick = -1;
    const actions = l.actions;
    for (let i = 0; i < actions.length; i++) {
      if (actions[i].slot !== SLOT_LAIR || i === l.lastLair) continue;
      const a = actions[i];
      if (a.usesKind === USES_RECHARGE ? l.charged[i] === 0 : a.usesKind !== USES_AT_WILL && l.usesLeft[i] <= 0) continue;
      if (!conditionHolds(s, l, a.condition, i) || !richAllows(s, l, a)) continue;
      pick = i;
      break;
    }
    if (pick < 0 && l.lastLair >= 0) pick = chooseAction(s, l, SLOT_LAIR);
    if (pick < 0) continue;
    l.lastLair = pick;
    if (s.log !== null) s.log.push({ t: 'lair', who: l.name, action: l.actions[pick].name });
    perform(s, l, pick);
    if (s.outcome() !== OUTCOME_NONE) return;
  }
}
