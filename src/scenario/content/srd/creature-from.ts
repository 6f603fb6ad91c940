// An editable copy of a compendium monster's stat block, ready to go into a scenario. Apart from the
// compendium module (which validates with zod) so the editor can use it without loading that.

import type { CreatureSpec } from '../../../engine/index.ts';
import type { CompendiumMonster } from './types.ts';

export function creatureFrom(entry: CompendiumMonster, count = 1): CreatureSpec {
  // The type goes with the stat block, so spells limited to some types (Hold Person) know it.
  return { ...structuredClone(entry.creature), count, ...(entry.type ? { creatureType: entry.type.toLowerCase() } : {}) };
}
