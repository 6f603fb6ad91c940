// Sorcerer of Draconic Sorcery (SRD 5.2, red dragon): Innate Sorcery (advantage on spell attacks
// for a minute, twice a day), Shield, Fire Bolt, Fireball and a damage spell for every slot level,
// Draconic Resilience from 3rd level (+1 HP per level, AC 10 + Dex + Cha), Elemental Affinity.

import {
  FULL_CASTER_SLOTS, highestSlot, mod, perLongRest, type ActionInput, type ClassDefinition,
} from './common.ts';
import { arcaneDamageSpells } from './arcane.ts';
import { AREA_SPELLS_2024, casterSetup2024 } from './edition-2024.ts';
import { PLAN } from './sorcerer.ts';
import { HOLD_PERSON_OPTION, NO_FIRE_OPTION, holdPerson, shieldReaction } from './spells.ts';

export const sorcerer2024: ClassDefinition = {
  info: {
    id: 'sorcerer',
    name: 'Sorcerer',
    hitDie: 6,
    summary: 'Draconic (red) blaster: Innate Sorcery, Fire Bolt and Fireball boosted by Elemental Affinity, Shield',
    options: [
      NO_FIRE_OPTION,
      HOLD_PERSON_OPTION,
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: cha, caster: c, slots, notes } = casterSetup2024(PLAN, 'cha', level, prof, FULL_CASTER_SLOTS);
    const affinity = level >= 6 ? cha : 0;
    const draconic = level >= 3;
    const actions: ActionInput[] = [{
      // Innate Sorcery: a bonus action, twice per long rest; its +1 to the spell save DC is not counted.
      type: 'effect', name: 'Innate Sorcery', slot: 'bonus', target: 'self', uses: perLongRest(2), condition: 'not-used-yet',
      effect: { name: 'Innate Sorcery', duration: { kind: 'rounds', rounds: 10 }, attacksBy: 'advantage' },
    }];
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(...arcaneDamageSpells(c, highestSlot(slots), {
      noFire: has('no-fire'), flat: (kind) => (kind === 'fire' ? affinity : 0), areas: AREA_SPELLS_2024,
    }));
    notes.push('Innate Sorcery is switched on with the first bonus action of a fight while a use is left: advantage on its spell attacks for a minute; its +1 to the spell save DC is not counted.');
    if (level >= 7) notes.push('Sorcery Incarnate (Innate Sorcery for sorcery points) is not used.');
    if (level >= 2) notes.push('Sorcery points and Metamagic are not used (no Quickened or Twinned spells, no extra slots from Font of Magic).');
    if (affinity > 0) notes.push('Elemental Affinity adds Charisma to Fire Bolt, Fireball and other fire spells, but not to Scorching Ray.');
    notes.push('Area spells catch as many enemies as the DMG\'s "targets in area" rule of thumb gives; allies are never caught.');
    if (!draconic) notes.push('Mage Armor is assumed cast before the day until Draconic Resilience (3rd level) gives the same AC or better.');
    if (level >= 14) notes.push('Dragon Wings and Dragon Companion are not simulated.');
    return {
      scores: s,
      saveProficiencies: ['con', 'cha'],
      // Draconic Resilience: AC 10 + Dex + Cha from 3rd level (Mage Armor before).
      ac: draconic ? Math.max(13, 10 + mod(s.cha)) + mod(s.dex) : 13 + mod(s.dex),
      hpPerLevel: draconic ? 1 : 0,
      actions,
      reactions: [shieldReaction()],
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
