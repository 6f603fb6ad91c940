// Sorcerer of the Draconic Bloodline (SRD, red ancestry): Draconic Resilience (+1 HP per level,
// AC 13 + Dex), Shield, Fire Bolt, Fireball and a damage spell for every slot level, Elemental
// Affinity (+Charisma to fire spell damage) from 6th level.

import {
  FULL_CASTER_SLOTS, highestSlot, mod,
  type AbilityPlan, type ActionInput, type ClassDefinition,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { arcaneDamageSpells } from './arcane.ts';
import { HOLD_PERSON_OPTION, NO_FIRE_OPTION, holdPerson, shieldReaction } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 8, dex: 14, con: 14, int: 10, wis: 12, cha: 16 },
  raises: ['cha', 'cha', 'con', 'con', 'dex'],
};

export const sorcerer: ClassDefinition = {
  info: {
    id: 'sorcerer',
    name: 'Sorcerer',
    hitDie: 6,
    summary: 'Draconic (red) blaster: Fire Bolt and Fireball boosted by Elemental Affinity, Shield',
    options: [
      NO_FIRE_OPTION,
      HOLD_PERSON_OPTION,
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: cha, caster: c, slots, notes } = casterSetup(PLAN, 'cha', level, prof, FULL_CASTER_SLOTS);
    const affinity = level >= 6 ? cha : 0;
    const actions: ActionInput[] = [];
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(...arcaneDamageSpells(c, highestSlot(slots), {
      noFire: has('no-fire'), flat: (kind) => (kind === 'fire' ? affinity : 0),
    }));
    if (level >= 2) notes.push('Sorcery points and Metamagic are not used (no Quickened or Twinned spells, no extra slots from Font of Magic).');
    if (affinity > 0) notes.push('Elemental Affinity adds Charisma to Fire Bolt, Fireball and other fire spells, but not to Scorching Ray.');
    notes.push('Area spells catch as many enemies as the DMG\'s "targets in area" rule of thumb gives; allies are never caught.');
    if (level >= 14) notes.push('Dragon Wings and Draconic Presence are not simulated.');
    return {
      scores: s,
      saveProficiencies: ['con', 'cha'],
      ac: 13 + mod(s.dex), // Draconic Resilience
      hpPerLevel: 1,
      actions,
      reactions: [shieldReaction()],
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
