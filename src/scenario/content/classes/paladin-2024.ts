// Paladin (SRD 5.2): slots from 1st level, Divine Smite (a spell in 2024: the scenario's edition
// makes it a bonus action once per turn), Lay on Hands as a bonus action, weapon mastery (a
// longsword's Sap or a greatsword's Graze), Aura of Protection, Radiant Strikes, and the Oath of
// Devotion with Sacred Weapon.

import {
  byLevel, mod, perLongRest, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';
import {
  HEAVY_ARMOR_AC, WEAPONS_2024, halfCasterSlots2024, masteryAttack, masteryNote, masteryRider, oneBackOnShortRest, scoresAt2024,
} from './edition-2024.ts';
import { PLAN } from './paladin.ts';

const CHANNEL_DIVINITY: ReadonlyArray<readonly [number, number]> = [[1, 0], [3, 2], [11, 3]];

export const paladin2024: ClassDefinition = {
  info: {
    id: 'paladin',
    name: 'Paladin',
    hitDie: 10,
    summary: 'Divine Smite as a bonus-action spell, Lay on Hands, weapon mastery and an aura that raises the party\'s saves',
    options: [
      { id: 'sword-and-board', label: 'Longsword and shield (Sap)', group: 'style', description: 'Longsword with Dueling (+2 damage, from 2nd level) and a shield; Sap gives a creature hit disadvantage on its attacks.' },
      { id: 'great-weapon', label: 'Greatsword (Graze)', group: 'style', description: 'Greatsword with Great Weapon Fighting, no shield; Graze deals the Strength modifier on a miss.' },
      { id: 'devotion', label: 'Oath of Devotion', group: 'oath', minLevel: 3, description: 'Sacred Weapon (Charisma to attack rolls for 10 minutes) on the first turn of a fight; Aura of Devotion.' },
      { id: 'no-oath', label: 'No oath features', group: 'oath', description: 'Only the core paladin features.' },
    ],
    defaultOptions: ['sword-and-board', 'devotion'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const great = has('great-weapon');
    const devotion = has('devotion') && level >= 3;
    const s = scoresAt2024(PLAN, level);
    const str = mod(s.str);
    const cha = mod(s.cha);
    const weapon = great ? WEAPONS_2024.greatsword : WEAPONS_2024.longsword;
    const dueling = !great && level >= 2 ? 2 : 0;
    const attacks = level >= 5 ? 2 : 1;

    const actions: ActionInput[] = [];
    // Lay on Hands: a pool of 5 x level HP as a bonus action, spent in two halves (one draw below 5th level).
    const draws = level >= 5 ? 2 : 1;
    actions.push({
      type: 'heal', name: 'Lay on Hands', slot: 'bonus', condition: 'ally-down', uses: perLongRest(draws), amount: String(Math.floor((5 * level) / draws)),
    });
    if (level >= 6) {
      actions.push({
        type: 'effect', name: 'Aura of Protection', slot: 'bonus', target: 'allies', targets: 8, condition: 'not-used-yet',
        effect: { name: 'Aura of Protection', duration: { kind: 'encounter' }, saveBonus: String(Math.max(1, cha)) },
      });
      notes.push('Aura of Protection is switched on with the paladin\'s first bonus action of each fight and covers the whole party (range is not modelled); it lasts the fight even if the paladin drops.');
    }
    const channel = byLevel(level, CHANNEL_DIVINITY);
    if (devotion) {
      actions.push(...oneBackOnShortRest(channel, (uses, name) => ({
        type: 'effect', name: name('Sacred Weapon'), slot: 'bonus', target: 'self', uses, condition: 'not-used-yet',
        effect: { name: 'Sacred Weapon', duration: { kind: 'encounter' }, attackBonus: String(Math.max(1, cha)) },
      })));
      notes.push('Sacred Weapon takes the first turn\'s bonus action (in 2024 it comes with the Attack action); Channel Divinity regains one use on a short rest.');
    }
    actions.push({
      type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name,
      attacks: [masteryAttack(weapon, prof + str, str, { count: attacks, damageBonus: str + dueling })],
      ...masteryRider(weapon, 8 + prof + str),
      // Divine Smite: 2d8 radiant and 1d8 a slot level above 1st, with no cap below the paladin's 5th-level slots.
      smite: { damage: '2d8', upcast: '1d8', maxLevel: 5, damageType: 'radiant' },
    });

    const effects: EffectInput[] = [];
    if (level >= 11) effects.push({ name: 'Radiant Strikes', duration: { kind: 'encounter' }, extraDamage: '1d8', extraDamageType: 'radiant' });
    notes.push('Divine Smite is a spell: under the 2024 rules the engine casts it as the turn\'s bonus action, once per turn, spending slots as its resource policy says; no other spells are cast.');
    if (level >= 2) notes.push('Paladin\'s Smite (one free Divine Smite a day) is not counted.');
    notes.push(masteryNote(weapon));
    if (great) notes.push('Great Weapon Fighting (1s and 2s on damage dice count as 3s) is not simulated.');
    if (level >= 9) notes.push('Abjure Foes (Channel Divinity) is not used.');
    if (level >= 10) notes.push('Aura of Courage (and Aura of Devotion) protect only the paladin.');
    if (level >= 14) notes.push('Restoring Touch is not used.');
    if (devotion && level >= 15) notes.push('Smite of Protection (half cover for allies) is not simulated.');
    if (devotion && level >= 20) notes.push('Holy Nimbus is not simulated.');
    notes.push('Lay on Hands is used only to get a downed ally up, in two halves of the pool.');
    const immunities = [...(devotion && level >= 7 ? ['charmed' as const] : []), ...(level >= 10 ? ['frightened' as const] : [])];
    return {
      scores: s,
      saveProficiencies: ['wis', 'cha'],
      ac: byLevel(level, HEAVY_ARMOR_AC) + (great ? 0 : 2),
      actions,
      effects,
      traits: immunities.length > 0 ? { conditionImmunities: immunities } : undefined,
      spellSlots: halfCasterSlots2024(level),
      caster: 'half',
      approximations: notes,
    };
  },
};
