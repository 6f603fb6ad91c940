// The arcane blaster's spell list shared by the wizard and the sorcerer: for each spell level the
// damage spell a typical player prepares, highest first so the best slot is tried first. A variant
// without fire exists because fire-immune foes (red dragons, fire elementals, devils) are common
// and the engine's tactics do not switch damage type by themselves.

import { type ActionInput } from './common.ts';
import {
  AREA_SPELLS, areaSpell, disintegrate, fireBolt, magicMissile, rayOfFrost, scorchingRay, type AreaSpellTable, type CasterStats,
} from './spells.ts';

export interface ArcaneChoice {
  noFire: boolean;
  /** Flat damage added once to a spell's damage (Empowered Evocation, Elemental Affinity). */
  flat: (spell: 'fire' | 'evocation' | 'other') => number;
  /** The area spells' numbers: the SRD 5.1's unless given (the 2024 templates pass theirs). */
  areas?: AreaSpellTable;
}

function acidArrow(c: CasterStats, flat: number): ActionInput {
  return {
    type: 'attack', name: 'Acid Arrow', spell: { level: 2, upcast: '1d4' },
    // 4d4 on the hit and 2d4 at the end of the target's next turn, counted together.
    attacks: [{ toHit: c.attack, damage: flat ? `6d4+${flat}` : '6d4', damageType: 'acid', reach: 'ranged' }],
  };
}

/** Leveled damage spells from the highest slot level the caster has down to 1st, then the cantrip. */
export function arcaneDamageSpells(c: CasterStats, highest: number, choice: ArcaneChoice): ActionInput[] {
  const { noFire, flat } = choice;
  const AREAS = choice.areas ?? AREA_SPELLS;
  const out: ActionInput[] = [];
  const add = (level: number, action: ActionInput) => {
    if (level <= highest) out.push(action);
  };
  // Without fire, Sunburst takes the 9th-level slots too (Meteor Swarm is half fire).
  if (!noFire) add(9, areaSpell(AREAS.meteorSwarm, c, flat('fire')));
  add(8, areaSpell(AREAS.sunburst, c, flat('evocation')));
  add(7, noFire ? areaSpell(AREAS.fingerOfDeath, c, flat('other')) : areaSpell(AREAS.delayedBlastFireball, c, flat('fire')));
  add(6, areaSpell(AREAS.chainLightning, c, flat('evocation')));
  add(6, disintegrate(c));
  add(5, areaSpell(AREAS.coneOfCold, c, flat('evocation')));
  add(4, areaSpell(AREAS.iceStorm, c, flat('evocation')));
  add(3, noFire ? areaSpell(AREAS.lightningBolt, c, flat('evocation')) : areaSpell(AREAS.fireball, c, flat('fire')));
  add(2, noFire ? acidArrow(c, flat('evocation')) : scorchingRay(c));
  add(1, magicMissile(flat('evocation')));
  out.push(noFire ? rayOfFrost(c, flat('evocation')) : fireBolt(c, flat('fire')));
  return out;
}
