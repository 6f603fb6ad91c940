// Wizard of the Evoker subclass (SRD 5.2): Mage Armor, Shield, Magic Missile, Fireball and a
// damage spell for every slot level (Ice Storm's and Circle of Death's 2024 dice), Empowered
// Evocation from 10th level.

import type { ClassDefinition } from './common.ts';
import { AREA_SPELLS_2024, casterSetup2024 } from './edition-2024.ts';
import { WIZARD_INFO, wizardBuild } from './wizard.ts';

export const wizard2024: ClassDefinition = {
  info: WIZARD_INFO,
  build: wizardBuild({
    casterSetup: casterSetup2024, areas: AREA_SPELLS_2024,
    spellNotes: (level) => [
      'Area spells catch as many enemies as the DMG\'s "targets in area" rule of thumb gives; allies are never caught (Sculpt Spells).',
      ...(level >= 7 ? ['Delayed Blast Fireball goes off at once (its 2024 concentration and growing damage are not simulated).'] : []),
      ...(level >= 3 ? ['Potent Cantrip (half damage on a missed or saved cantrip) is not simulated.'] : []),
    ],
  }),
};
