// The setup every spellcasting template starts from: the ability scores at the level, the
// spellcasting ability's modifier, the save DC and spell attack bonus the spell builders take, the
// slots from the class's table, and the list of approximations the template adds to.

import { mod, scoresAt, slotsFrom, type Ability, type AbilityPlan, type Scores } from './common.ts';
import type { CasterStats } from './spells.ts';

/** Save DC 8 + proficiency + modifier, spell attack proficiency + modifier. */
export function casterStats(level: number, prof: number, abilityMod: number): CasterStats {
  return { level, dc: 8 + prof + abilityMod, attack: prof + abilityMod, mod: abilityMod };
}

export interface CasterSetup {
  scores: Scores;
  /** The spellcasting ability's modifier. */
  abilityMod: number;
  caster: CasterStats;
  /** Slots of 1st, 2nd, ... level from the class's table; none without one (Pact Magic is counted apart). */
  slots: number[];
  notes: string[];
}

export function casterSetup(
  plan: AbilityPlan, ability: Ability, level: number, prof: number, slotTable?: readonly (readonly number[])[],
): CasterSetup {
  const scores = scoresAt(plan, level);
  const abilityMod = mod(scores[ability]);
  return {
    scores,
    abilityMod,
    caster: casterStats(level, prof, abilityMod),
    slots: slotTable ? slotsFrom(slotTable, level) : [],
    notes: [],
  };
}
