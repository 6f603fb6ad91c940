// Monk: Martial Arts, Extra Attack, ki for Flurry of Blows and Stunning Strike, the Way of the
// Open Hand (SRD): Flurry hits knock prone, Wholeness of Body heals.

import {
  byLevel, mod, perLongRest, perShortRest, scoresAt,
  type AbilityPlan, type ActionInput, type ClassDefinition,
} from './common.ts';

export const PLAN: AbilityPlan = {
  start: { str: 10, dex: 16, con: 14, int: 10, wis: 14, cha: 8 },
  raises: ['dex', 'dex', 'wis', 'wis', 'con'],
};

const MARTIAL_ARTS_DIE: ReadonlyArray<readonly [number, string]> = [[1, '1d4'], [5, '1d6'], [11, '1d8'], [17, '1d10']];

export const monk: ClassDefinition = {
  info: {
    id: 'monk',
    name: 'Monk',
    hitDie: 8,
    summary: 'Many small hits: Martial Arts, Flurry of Blows, Stunning Strike',
    options: [
      { id: 'open-hand', label: 'Way of the Open Hand', group: 'tradition', minLevel: 3, description: 'Flurry of Blows hits knock the target prone (Dexterity save); Wholeness of Body at 6th.' },
      { id: 'no-tradition', label: 'No tradition features', group: 'tradition', description: 'Only the core monk features.' },
      { id: 'stunning-strike', label: 'Stunning Strike', minLevel: 5, description: 'Spend about half the ki trying to stun (Constitution save) until the end of its next turn.' },
    ],
    defaultOptions: ['open-hand', 'stunning-strike'],
  },
  build({ level, prof, has }) {
    const s = scoresAt(PLAN, level);
    const dex = mod(s.dex);
    const toHit = prof + dex;
    const die = byLevel(level, MARTIAL_ARTS_DIE);
    const notes: string[] = [];
    const attacks = level >= 5 ? 2 : 1;
    // A quarterstaff (d8 in two hands) beats the martial arts die until the d10 at 17th level.
    const weapon = die === '1d10'
      ? { name: 'Unarmed Strike', damage: `1d10+${dex}`, damageType: 'bludgeoning' }
      : { name: 'Quarterstaff', damage: `1d8+${dex}`, damageType: 'bludgeoning' };
    const strike = (count: number) => ({ toHit, damage: `${die}+${dex}`, damageType: 'bludgeoning', reach: 'melee', ...(count > 1 && { count }) });
    const ki = level >= 2 ? level : 0;
    const dc = 8 + prof + mod(s.wis);

    // Ki split: Stunning Strike turns (each may spend up to one ki per hit) get about half.
    const stunTurns = has('stunning-strike') && level >= 5 ? Math.max(1, Math.floor(ki / 4)) : 0;
    const flurries = ki - 2 * stunTurns;
    const actions: ActionInput[] = [];
    if (level >= 6 && has('open-hand')) {
      actions.push({ type: 'heal', name: 'Wholeness of Body', targeting: 'self', condition: 'self-below-half', uses: perLongRest(1), amount: String(3 * level) });
    }
    if (stunTurns > 0) {
      actions.push({
        type: 'attack', name: `${weapon.name} with Stunning Strike`, uses: perShortRest(stunTurns), targeting: 'highest-damage',
        attacks: [{ toHit, damage: weapon.damage, damageType: weapon.damageType, reach: 'melee', ...(attacks > 1 && { count: attacks }) }],
        effect: { name: 'Stunned', duration: { kind: 'source-turn-end' }, conditions: ['stunned'] }, effectSave: { ability: 'con', dc },
      });
      notes.push(`Stunning Strike is tried on every hit of ${stunTurns} turn${stunTurns > 1 ? 's' : ''} per short rest (about half the ki); the rest of the ki goes to Flurry of Blows.`);
    }
    actions.push({
      type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name,
      attacks: [{ toHit, damage: weapon.damage, damageType: weapon.damageType, reach: 'melee', ...(attacks > 1 && { count: attacks }) }],
    });
    if (flurries > 0) {
      actions.push({
        type: 'attack', name: 'Flurry of Blows', slot: 'bonus', uses: perShortRest(flurries), attacks: [strike(2)],
        ...(has('open-hand') && level >= 3 && {
          effect: { name: 'Prone', duration: { kind: 'target-turn-start' }, conditions: ['prone'] }, effectSave: { ability: 'dex', dc },
        }),
      });
    }
    actions.push({ type: 'attack', name: 'Martial Arts', slot: 'bonus', attacks: [strike(1)] });

    if (level >= 3) notes.push('Deflect Missiles is not simulated.');
    if (level >= 7) notes.push('Evasion is not simulated.');
    if (level >= 14) notes.push('Diamond Soul\'s reroll of a failed save is not simulated (its proficiency in every save is).');
    notes.push('Ki is assumed to be spent only on Flurry of Blows and Stunning Strike.');
    return {
      scores: s,
      saveProficiencies: level >= 14 ? ['str', 'dex', 'con', 'int', 'wis', 'cha'] : ['str', 'dex'],
      ac: 10 + dex + mod(s.wis), // Unarmored Defense
      actions,
      approximations: notes,
    };
  },
};
