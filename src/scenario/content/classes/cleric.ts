// Cleric of the Life domain (SRD): heavy armor and a shield, Sacred Flame, Bless, Healing Word
// boosted by Disciple of Life, Spiritual Weapon, Spirit Guardians, Preserve Life (Channel
// Divinity), Mass Cure Wounds.

import {
  byLevel, FULL_CASTER_SLOTS, perShortRest,
  type AbilityPlan, type ActionInput, type ClassDefinition,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { HOLD_PERSON_OPTION, bless, healingWord, holdPerson, massCureWounds, sacredFlame, spiritGuardians } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 14, dex: 10, con: 14, int: 10, wis: 16, cha: 12 },
  raises: ['wis', 'wis', 'con', 'con', 'str'],
};
const HEAVY_ARMOR: ReadonlyArray<readonly [number, number]> = [[1, 16], [5, 17], [9, 18]];
const CHANNEL_DIVINITY: ReadonlyArray<readonly [number, number]> = [[1, 0], [2, 1], [6, 2], [18, 3]];

export const cleric: ClassDefinition = {
  info: {
    id: 'cleric',
    name: 'Cleric',
    hitDie: 8,
    summary: 'Life domain: armored healer with Bless, Spiritual Weapon and Spirit Guardians',
    options: [
      HOLD_PERSON_OPTION,
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: wis, caster: c, slots, notes } = casterSetup(PLAN, 'wis', level, prof, FULL_CASTER_SLOTS);
    // Disciple of Life: healing spells restore 2 + the spell's level more.
    const disciple = (spellLevel: number) => 2 + spellLevel;

    const actions: ActionInput[] = [healingWord(c, disciple(1))];
    if (level >= 3) {
      // Spiritual Weapon: cast once per fight with a slot; the later attacks come free.
      const weapon = { toHit: c.attack, damage: `1d8+${wis}`, damageType: 'force', reach: 'melee' };
      actions.push(
        { type: 'attack', name: 'Spiritual Weapon', slot: 'bonus', uses: { per: 'encounter', count: 1 }, spell: { level: 2 }, attacks: [weapon] },
        { type: 'attack', name: 'Spiritual Weapon (again)', slot: 'bonus', condition: 'after-previous', attacks: [weapon] },
      );
      notes.push('Spiritual Weapon attacks on later turns once it was cast in the fight; it does not grow with higher slots.');
    }
    const channel = byLevel(level, CHANNEL_DIVINITY);
    if (channel > 0) {
      // Preserve Life: 5 x level HP shared out; written as up to four allies at a quarter each.
      actions.push({
        type: 'heal', name: 'Preserve Life', condition: 'ally-down', uses: perShortRest(channel), targets: 4,
        amount: String(Math.max(1, Math.floor((5 * level) / 4))),
      });
      notes.push('Preserve Life heals up to four allies a quarter of 5 x level each, without its cap at half their HP.');
    }
    if (level >= 9) actions.push(massCureWounds(c, disciple(5)));
    if (level >= 5) actions.push(spiritGuardians(c));
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(bless(), sacredFlame(c));

    if (level >= 8) notes.push('Divine Strike is not used: the cleric casts Sacred Flame rather than swinging its mace.');
    if (level >= 10) notes.push('Divine Intervention is not simulated.');
    notes.push('Spirit Guardians catches up to three enemies each turn; the cleric keeps one concentration spell and never drops it for another.');
    notes.push('Healing Word and other healing are saved for a downed ally.');
    return {
      scores: s,
      saveProficiencies: ['wis', 'cha'],
      ac: byLevel(level, HEAVY_ARMOR) + 2, // heavy armor and a shield
      actions,
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
