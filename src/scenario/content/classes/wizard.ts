// Wizard of the School of Evocation (SRD): Mage Armor, Shield, Magic Missile, Fireball and a
// damage spell for every slot level, Empowered Evocation from 10th level.

import {
  FULL_CASTER_SLOTS, highestSlot, mod,
  type AbilityPlan, type ActionInput, type ClassDefinition, type ClassInfo,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { arcaneDamageSpells } from './arcane.ts';
import { AREA_SPELLS, HOLD_PERSON_OPTION, NO_FIRE_OPTION, holdPerson, shieldReaction, type AreaSpellTable } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 8, dex: 14, con: 14, int: 16, wis: 12, cha: 10 },
  raises: ['int', 'int', 'con', 'con', 'dex'],
};

export const WIZARD_INFO: ClassInfo = {
  id: 'wizard',
  name: 'Wizard',
  hitDie: 6,
  summary: 'Evoker: Fireball and bigger areas, Magic Missile, Shield; fragile',
  options: [
    NO_FIRE_OPTION,
    HOLD_PERSON_OPTION,
  ],
  defaultOptions: [],
};

/** What a wizard's build takes from its rules edition. */
export interface WizardEdition {
  casterSetup: typeof casterSetup;
  areas: AreaSpellTable;
  /** The notes on its area spells and the edition's own features, by level, after Mage Armor's. */
  spellNotes: (level: number) => string[];
}

/** The Evoker's build, the same in both editions but for what `edition` gives. */
export function wizardBuild(edition: WizardEdition): ClassDefinition['build'] {
  return ({ level, prof, has }) => {
    const { scores: s, abilityMod: int, caster: c, slots, notes } = edition.casterSetup(PLAN, 'int', level, prof, FULL_CASTER_SLOTS);
    // Empowered Evocation: + Intelligence to one damage roll of an evocation spell.
    const empowered = level >= 10 ? int : 0;
    const actions: ActionInput[] = [];
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(...arcaneDamageSpells(c, highestSlot(slots), {
      noFire: has('no-fire'), flat: (kind) => (kind === 'other' ? 0 : empowered), areas: edition.areas,
    }));
    notes.push('Mage Armor is assumed cast before the day: the AC includes it and no slot is taken for it.');
    notes.push(...edition.spellNotes(level));
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
  };
}

export const wizard: ClassDefinition = {
  info: WIZARD_INFO,
  build: wizardBuild({
    casterSetup, areas: AREA_SPELLS,
    spellNotes: () => ['Area spells catch as many enemies as the DMG\'s "targets in area" rule of thumb gives; allies are never caught.'],
  }),
};
