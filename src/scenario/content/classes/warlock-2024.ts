// Warlock of the Fiend Patron (SRD 5.2): Eldritch Blast with Agonizing Blast, Hex, Pact Magic
// slots back on a short rest, Fireball from the Fiend's spells, Mystic Arcanum (Circle of Death at
// its 2024 8d8, Finger of Death).

import type { ClassDefinition } from './common.ts';
import { AREA_SPELLS_2024, casterSetup2024 } from './edition-2024.ts';
import { WARLOCK_INFO, fiendNotes, warlockBuild } from './warlock.ts';

export const warlock2024: ClassDefinition = {
  info: WARLOCK_INFO,
  build: warlockBuild({
    casterSetup: casterSetup2024, areas: AREA_SPELLS_2024,
    featureNotes: (level) => [
      ...(level >= 2 ? [
        'Agonizing Blast is the invocation taken at 2nd level; other invocations (Pact of the Blade, Repelling Blast...) are not simulated.',
        'Magical Cunning (half the pact slots back once a day) is not counted.',
      ] : []),
      ...fiendNotes(level, level >= 3 ? 'Dark One\'s Blessing (temporary HP when a creature drops) is not simulated.' : null),
      ...(level >= 20 ? ['Eldritch Master (all pact slots back once a day) is not counted.'] : []),
    ],
  }),
};
