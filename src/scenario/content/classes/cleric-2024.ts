// Cleric of the Life Domain (SRD 5.2): Divine Order (Protector: heavy armor), Sacred Flame with
// Potent Spellcasting from 7th level, Bless, Healing Word at 2d4 boosted by Disciple of Life,
// Spirit Guardians, Preserve Life, Mass Cure Wounds at 5d8.

import {
  byLevel, cantripDice, FULL_CASTER_SLOTS, type ActionInput, type ClassDefinition,
} from './common.ts';
import { PLAN } from './cleric.ts';
import {
  HEAVY_ARMOR_AC, casterSetup2024, healingWord2024, massCureWounds2024, oneBackOnShortRest, saveCantripWithBonus, spiritGuardians2024,
} from './edition-2024.ts';
import { HOLD_PERSON_OPTION, bless, holdPerson, sacredFlame } from './spells.ts';

const CHANNEL_DIVINITY: ReadonlyArray<readonly [number, number]> = [[1, 0], [2, 2], [6, 3], [18, 4]];

export const cleric2024: ClassDefinition = {
  info: {
    id: 'cleric',
    name: 'Cleric',
    hitDie: 8,
    summary: 'Life domain: armored healer with Bless, Spirit Guardians and the 2024 healing dice',
    options: [
      HOLD_PERSON_OPTION,
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: wis, caster: c, slots, notes } = casterSetup2024(PLAN, 'wis', level, prof, FULL_CASTER_SLOTS);
    // Disciple of Life: healing spells cast with a slot restore 2 + the slot's level more.
    const disciple = (spellLevel: number) => 2 + spellLevel;

    const actions: ActionInput[] = [healingWord2024(c, disciple(1))];
    const channel = byLevel(level, CHANNEL_DIVINITY);
    if (channel > 0) {
      // Preserve Life: 5 x level HP shared among Bloodied allies; written as up to four allies at a quarter each.
      actions.push(...oneBackOnShortRest(channel, (uses, name) => ({
        type: 'heal', name: name('Preserve Life'), condition: 'ally-down', uses, targets: 4, amount: String(Math.max(1, Math.floor((5 * level) / 4))),
      })));
      notes.push('Preserve Life heals up to four allies a quarter of 5 x level each, without its cap at half their HP; Channel Divinity regains one use on a short rest.');
    }
    if (level >= 9) actions.push(massCureWounds2024(c, disciple(5)));
    if (level >= 5) actions.push(spiritGuardians2024(c));
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    // Blessed Strikes (7th): Potent Spellcasting adds Wisdom to cantrip damage.
    const flame = sacredFlame(c);
    actions.push(bless(), level >= 7 && flame.type === 'save' ? saveCantripWithBonus(flame, cantripDice(level), wis) : flame);

    notes.push('Spiritual Weapon needs concentration in 2024, so the cleric keeps Bless and then Spirit Guardians as its concentration spell instead.');
    notes.push('Spirit Guardians catches up to three enemies, hurting them at the end of their turns; the cleric keeps one concentration spell and never drops it for another.');
    notes.push('Healing Word and other healing are saved for a downed ally.');
    if (level >= 7) notes.push('Blessed Strikes is taken as Potent Spellcasting (Wisdom added to Sacred Flame); Improved Blessed Strikes is not simulated.');
    if (level >= 10) notes.push('Divine Intervention is not simulated.');
    if (level >= 17) notes.push('Supreme Healing (healing dice at their maximum) is not simulated.');
    return {
      scores: s,
      saveProficiencies: ['wis', 'cha'],
      ac: byLevel(level, HEAVY_ARMOR_AC) + 2, // Divine Order (Protector): heavy armor, and a shield
      actions,
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
