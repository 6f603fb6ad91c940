// Fighter: a fighting style, Extra Attack (up to four attacks), Action Surge, Second Wind, and the
// Champion (SRD) or the Battle Master.

import {
  byLevel, dice, mod, perShortRest, scoresAt, weaponAttack, WEAPONS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type EffectInput, type WeaponProfile,
} from './common.ts';

const FIGHTER_ASI = [4, 6, 8, 12, 14, 16, 19] as const;
export const STRENGTH_PLAN: AbilityPlan = {
  start: { str: 16, dex: 12, con: 16, int: 10, wis: 12, cha: 8 },
  raises: ['str', 'str', 'con', 'con', 'dex', 'dex', 'wis'],
  asiLevels: FIGHTER_ASI,
};
export const ARCHER_PLAN: AbilityPlan = {
  start: { str: 12, dex: 16, con: 16, int: 10, wis: 12, cha: 8 },
  raises: ['dex', 'dex', 'con', 'con', 'wis', 'wis', 'str'],
  asiLevels: FIGHTER_ASI,
};

/** Attacks per Attack action (Extra Attack at 5th, 11th and 20th level). */
const ATTACKS: ReadonlyArray<readonly [number, number]> = [[1, 1], [5, 2], [11, 3], [20, 4]];
const ACTION_SURGES: ReadonlyArray<readonly [number, number]> = [[1, 0], [2, 1], [17, 2]];
/** Heavy armor bought as the character's wealth grows: chain mail, splint from 5th, plate from 9th. */
const HEAVY_ARMOR: ReadonlyArray<readonly [number, number]> = [[1, 16], [5, 17], [9, 18]];
/** Champion: Improved Critical (19-20) at 3rd, Superior Critical (18-20) at 15th. */
const CHAMPION_CRIT: ReadonlyArray<readonly [number, number]> = [[1, 20], [3, 19], [15, 18]];
/** Battle Master superiority dice: how many (per short rest) and their size. */
const SUPERIORITY_DICE: ReadonlyArray<readonly [number, number]> = [[3, 4], [7, 5], [15, 6]];
const SUPERIORITY_DIE: ReadonlyArray<readonly [number, string]> = [[3, '1d8'], [10, '1d10'], [18, '1d12']];

export const fighter: ClassDefinition = {
  info: {
    id: 'fighter',
    name: 'Fighter',
    hitDie: 10,
    summary: 'Heavy armor, the most attacks in the game, Action Surge and Second Wind',
    options: [
      { id: 'great-weapon', label: 'Greatsword (Great Weapon Fighting)', group: 'style', description: 'Two-handed greatsword, chain mail to plate.' },
      { id: 'sword-and-board', label: 'Longsword and shield (Dueling)', group: 'style', description: 'Longsword with +2 damage from Dueling, and a shield (+2 AC).' },
      { id: 'archer', label: 'Longbow (Archery)', group: 'style', description: 'Dexterity build with a longbow, +2 to hit from Archery, studded leather armor.' },
      { id: 'champion', label: 'Champion', group: 'archetype', minLevel: 3, description: 'Critical hits on 19-20 (18-20 from 15th level); Defense style at 10th; Survivor at 18th.' },
      { id: 'battle-master', label: 'Battle Master', group: 'archetype', minLevel: 3, description: 'Superiority dice spent on Trip Attack: extra damage and the target knocked prone.' },
      { id: 'great-weapon-master', label: 'Great Weapon Master', minLevel: 4, description: 'Taken at 4th level instead of +2 Strength: -5 to hit, +10 damage with the greatsword.' },
      { id: 'sharpshooter', label: 'Sharpshooter', minLevel: 4, description: 'Taken at 4th level instead of +2 Dexterity: -5 to hit, +10 damage with the longbow.' },
    ],
    defaultOptions: ['great-weapon', 'champion'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const archer = has('archer');
    const sword = has('sword-and-board');
    const gwm = has('great-weapon-master') && level >= 4 && has('great-weapon');
    const ss = has('sharpshooter') && level >= 4 && archer;
    if (has('great-weapon-master') && !has('great-weapon')) notes.push('Great Weapon Master needs a heavy weapon: it has no effect with this fighting style.');
    if (has('sharpshooter') && !archer) notes.push('Sharpshooter needs a ranged weapon: it has no effect with this fighting style.');
    const s = scoresAt(archer ? ARCHER_PLAN : STRENGTH_PLAN, level, gwm || ss ? 1 : 0);
    const main = archer ? mod(s.dex) : mod(s.str);

    const weapon: WeaponProfile = archer ? WEAPONS.longbow : sword ? WEAPONS.longsword : WEAPONS.greatsword;
    const toHit = prof + main + (archer ? 2 : 0);
    let damageBonus = main + (sword ? 2 : 0);
    let toHitBonus = 0;
    if (gwm || ss) {
      toHitBonus = -5;
      damageBonus += 10;
    }
    const champion = has('champion') && level >= 3;
    const critOn = champion ? byLevel(level, CHAMPION_CRIT) : 20;
    const attacks = byLevel(level, ATTACKS);
    const swing = (count: number) => weaponAttack(weapon, toHit, { count, critOn, toHitBonus, damageBonus });

    const actions: ActionInput[] = [];
    const surges = byLevel(level, ACTION_SURGES);
    if (surges > 0) {
      // Action Surge's second action is folded into one action with twice the attacks.
      actions.push({ type: 'attack', name: `Action Surge (${weapon.name} x${attacks * 2})`, uses: perShortRest(surges), attacks: [swing(attacks * 2)] });
    }
    if (has('battle-master') && level >= 3) {
      const die = byLevel(level, SUPERIORITY_DIE);
      const dc = 8 + prof + main;
      const first = weaponAttack(weapon, toHit, { critOn, toHitBonus, damageBonus });
      actions.push({
        type: 'attack', name: `${weapon.name} with Trip Attack`, uses: perShortRest(byLevel(level, SUPERIORITY_DICE)),
        attacks: [{ ...first, damage: `${die}+${first.damage}` }, ...(attacks > 1 ? [swing(attacks - 1)] : [])],
        effect: { name: 'Prone', duration: { kind: 'target-turn-start' }, conditions: ['prone'] }, effectSave: { ability: 'str', dc },
      });
      notes.push('Superiority dice go to Trip Attack once per turn; other maneuvers (Parry, Precision Attack, Riposte) are not used, and the prone rider is tried on every hit of that turn.');
    }
    actions.push({ type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name, attacks: [swing(attacks)] });
    actions.unshift({
      type: 'heal', name: 'Second Wind', slot: 'bonus', targeting: 'self', condition: 'self-below-half', uses: perShortRest(1),
      amount: dice('1d10', level),
    });

    const effects: EffectInput[] = [];
    if (champion && level >= 18) {
      effects.push({ name: 'Survivor', duration: { kind: 'encounter' }, healEachTurn: String(5 + mod(s.con)) });
      notes.push('Survivor heals at the start of every turn, not only below half HP (healing above half matters little).');
    }
    let ac = archer ? 12 + mod(s.dex) : byLevel(level, HEAVY_ARMOR);
    if (sword) ac += 2;
    if (champion && level >= 10) ac += 1; // Additional Fighting Style: Defense
    if (has('great-weapon')) notes.push('Great Weapon Fighting (rerolling 1s and 2s on damage dice) is not simulated.');
    if (level >= 9) notes.push('Indomitable (rerolling a failed save) is not simulated.');
    if (gwm) notes.push('Great Weapon Master\'s power attack is used on every attack; its bonus attack after a kill or critical hit is not simulated.');
    if (ss) notes.push('Sharpshooter\'s power shot is used on every attack; cover and long range are not modelled.');
    notes.push('Action Surge is spent on the first turn of a fight while it has a use left.');

    return {
      scores: s,
      saveProficiencies: ['str', 'con'],
      ac,
      // Remarkable Athlete: half proficiency (rounded up) on initiative.
      initiativeExtra: champion && level >= 7 ? Math.ceil(prof / 2) : 0,
      actions,
      effects,
      approximations: notes,
    };
  },
};
