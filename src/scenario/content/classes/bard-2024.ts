// Bard of the College of Lore (SRD 5.2): Bardic Inspiration, Vicious Mockery at its 2024 d6,
// Healing Word at 2d4, Faerie Fire, Shatter, Hypnotic Pattern, Irresistible Dance.

import type { ClassDefinition } from './common.ts';
import { BARD_INFO, bardBuild } from './bard.ts';
import { casterSetup2024, healingWord2024, viciousMockery2024 } from './edition-2024.ts';

export const bard2024: ClassDefinition = {
  info: BARD_INFO,
  build: bardBuild({
    casterSetup: casterSetup2024, healingWord: healingWord2024, viciousMockery: viciousMockery2024,
    inspirationNote: 'rather than to one failed d20 test of the ally\'s',
    danceNote: 'Irresistible Dance: the dancer still acts, with disadvantage; its disadvantage on Dexterity saves is not simulated.',
    laterNotes: (level) => [
      ...(level >= 6 ? ['Magical Discoveries and Countercharm are not used.'] : []),
      ...(level >= 18 ? ['Superior Inspiration (uses back on rolling initiative) is not counted.'] : []),
      ...(level >= 20 ? ['Words of Creation is not used.'] : []),
    ],
  }),
};
