// Monk (SRD 5.2): Martial Arts with the 2024 dice (d6 to d12), Focus Points for Flurry of Blows
// (three strikes from 10th level) and Stunning Strike, force damage from Empowered Strikes, and the
// Warrior of the Open Hand: Flurry hits topple, Wholeness of Body heals.

import {
  byLevel, mod, perLongRest, perShortRest, type ActionInput, type ClassDefinition,
} from './common.ts';
import { scoresAt2024 } from './edition-2024.ts';
import { PLAN } from './monk.ts';

const MARTIAL_ARTS_DIE: ReadonlyArray<readonly [number, string]> = [[1, '1d6'], [5, '1d8'], [11, '1d10'], [17, '1d12']];

export const monk2024: ClassDefinition = {
  info: {
    id: 'monk',
    name: 'Monk',
    hitDie: 8,
    summary: 'Many hits with bigger 2024 dice: Martial Arts, Flurry of Blows, Stunning Strike; Open Hand topples',
    options: [
      { id: 'open-hand', label: 'Warrior of the Open Hand', group: 'subclass', minLevel: 3, description: 'Flurry of Blows hits knock the target prone (Dexterity save); Wholeness of Body at 6th.' },
      { id: 'no-subclass', label: 'No subclass features', group: 'subclass', description: 'Only the core monk features.' },
      { id: 'stunning-strike', label: 'Stunning Strike', minLevel: 5, description: 'About half the Focus Points go to stunning (Constitution save) until the start of its next turn.' },
    ],
    defaultOptions: ['open-hand', 'stunning-strike'],
  },
  build({ level, prof, has }) {
    const s = scoresAt2024(PLAN, level);
    // Body and Mind: Dexterity and Wisdom +4, to a maximum of 25.
    if (level >= 20) {
      s.dex = Math.min(25, s.dex + 4);
      s.wis = Math.min(25, s.wis + 4);
    }
    const dex = mod(s.dex);
    const wis = mod(s.wis);
    const toHit = prof + dex;
    const die = byLevel(level, MARTIAL_ARTS_DIE);
    const notes: string[] = [];
    const attacks = level >= 5 ? 2 : 1;
    // Empowered Strikes: unarmed strikes may deal force damage.
    const type = level >= 6 ? 'force' : 'bludgeoning';
    // A quarterstaff in two hands (d8) beats the d6 martial arts die below 5th level.
    const weapon = die === '1d6' ? { name: 'Quarterstaff', damage: `1d8+${dex}` } : { name: 'Unarmed Strike', damage: `${die}+${dex}` };
    const hit = (count: number, damage = `${die}+${dex}`) => ({ toHit, damage, damageType: type, reach: 'melee', ...(count > 1 && { count }) });
    const focus = level >= 2 ? level : 0;
    const dc = 8 + prof + wis;
    const openHand = has('open-hand') && level >= 3;

    // Focus split: Stunning Strike (one point a turn in 2024) gets about half the points.
    const stunTurns = has('stunning-strike') && level >= 5 ? Math.max(1, Math.floor(focus / 2)) : 0;
    const flurries = focus - stunTurns;
    const actions: ActionInput[] = [];
    if (level >= 6 && openHand) {
      actions.push({
        type: 'heal', name: 'Wholeness of Body', slot: 'bonus', targeting: 'self', condition: 'self-below-half',
        uses: perLongRest(Math.max(1, wis)), amount: `${die}+${wis}`,
      });
    }
    if (stunTurns > 0) {
      actions.push({
        type: 'attack', name: `${weapon.name} with Stunning Strike`, uses: perShortRest(stunTurns), targeting: 'highest-damage',
        attacks: [hit(attacks, weapon.damage)],
        effect: { name: 'Stunned', duration: { kind: 'rounds', rounds: 1 }, conditions: ['stunned'] }, effectSave: { ability: 'con', dc },
        effectOncePerTurn: true,
      });
      notes.push(`Stunning Strike is spent on ${stunTurns} turn${stunTurns > 1 ? 's' : ''} per short rest (about half the Focus Points); on those turns it is tried once, on the first hit, and the turn's point counts as spent even when every attack misses; its effect on a successful save (half speed, advantage on the next attack against the target) is not simulated.`);
    }
    actions.push({ type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name, attacks: [hit(attacks, weapon.damage)] });
    if (flurries > 0) {
      actions.push({
        type: 'attack', name: 'Flurry of Blows', slot: 'bonus', uses: perShortRest(flurries), attacks: [hit(level >= 10 ? 3 : 2)],
        ...(openHand && {
          effect: { name: 'Prone', duration: { kind: 'target-turn-start' }, conditions: ['prone'] }, effectSave: { ability: 'dex', dc },
        }),
      });
    }
    actions.push({ type: 'attack', name: 'Martial Arts', slot: 'bonus', attacks: [hit(1)] });

    notes.push('Focus Points are spent only on Flurry of Blows and Stunning Strike; Uncanny Metabolism\'s points back on rolling initiative are not counted.');
    if (level >= 3) notes.push('Deflect Attacks is not simulated.');
    if (level >= 7) notes.push('Evasion is not simulated.');
    if (level >= 14) notes.push('Disciplined Survivor\'s reroll of a failed save is not simulated (its proficiency in every save is).');
    if (openHand && level >= 17) notes.push('Quivering Palm is not used.');
    if (level >= 18) notes.push('Superior Defense is not used.');
    return {
      scores: s,
      saveProficiencies: level >= 14 ? ['str', 'dex', 'con', 'int', 'wis', 'cha'] : ['str', 'dex'],
      ac: 10 + dex + wis, // Unarmored Defense
      actions,
      approximations: notes,
    };
  },
};
