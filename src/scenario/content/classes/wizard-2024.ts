// Wizard of the Evoker subclass (SRD 5.2): Mage Armor, Shield, Magic Missile, Fireball and a
// damage spell for every slot level (Ice Storm's and Circle of Death's 2024 dice), Empowered
// Evocation from 10th level.

import {
  FULL_CASTER_SLOTS, highestSlot, mod, type ActionInput, type ClassDefinition,
} from './common.ts';
import { arcaneDamageSpells } from './arcane.ts';
import { AREA_SPELLS_2024, casterSetup2024 } from './edition-2024.ts';
import { HOLD_PERSON_OPTION, NO_FIRE_OPTION, holdPerson, shieldReaction } from './spells.ts';
import { PLAN } from './wizard.ts';

export const wizard2024: ClassDefinition = {
  info: {
    id: 'wizard',
    name: 'Wizard',
    hitDie: 6,
    summary: 'Evoker: Fireball and bigger areas, Magic Missile, Shield; fragile',
    options: [
      NO_FIRE_OPTION,
      HOLD_PERSON_OPTION,
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: int, caster: c, slots, notes } = casterSetup2024(PLAN, 'int', level, prof, FULL_CASTER_SLOTS);
    // Empowered Evocation: + Intelligence to one damage roll of an evocation spell.
    const empowered = level >= 10 ? int : 0;
    const actions: ActionInput[] = [];
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(...arcaneDamageSpells(c, highestSlot(slots), {
      noFire: has('no-fire'), flat: (kind) => (kind === 'other' ? 0 : empowered), areas: AREA_SPELLS_2024,
    }));
    notes.push('Mage Armor is assumed cast before the day: the AC includes it and no slot is taken for it.');
    notes.push('Area spells catch as many enemies as the DMG\'s "targets in area" rule of thumb gives; allies are never caught (Sculpt Spells).');
    if (level >= 7) notes.push('Delayed Blast Fireball goes off at once (its 2024 concentration and growing damage are not simulated).');
    if (level >= 3) notes.push('Potent Cantrip (half damage on a missed or saved cantrip) is not simulated.');
    notes.push('Arcane Recovery (slots back on a short rest) is not simulated.');
    if (level >= 14) notes.push('Overchannel is not simulated.');
    if (level >= 18) notes.push('Spell Mastery and Signature Spells are not simulated.');
    return {
      scores: s,
      saveProficiencies: ['int', 'wis'],
      ac: 13 + mod(s.dex), // Mage Armor
      actions,
      reactions: [shieldReaction()],
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
