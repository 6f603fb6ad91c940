// Fighter (SRD 5.2): weapon mastery on the chosen weapon, Second Wind with its 2024 uses, Action
// Surge, up to four attacks, and the Champion (the SRD 5.2 subclass).

import {
  byLevel, dice, mod, perShortRest, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';
import {
  HEAVY_ARMOR_AC, WEAPONS_2024, masteryAttack, masteryNote, masteryRider, oneBackOnShortRest, scoresAt2024, type Weapon2024,
} from './edition-2024.ts';
import { ARCHER_PLAN, STRENGTH_PLAN } from './fighter.ts';

const ATTACKS: ReadonlyArray<readonly [number, number]> = [[1, 1], [5, 2], [11, 3], [20, 4]];
const ACTION_SURGES: ReadonlyArray<readonly [number, number]> = [[1, 0], [2, 1], [17, 2]];
const SECOND_WIND: ReadonlyArray<readonly [number, number]> = [[1, 2], [4, 3], [10, 4]];
/** Champion: Improved Critical (19-20) at 3rd, Superior Critical (18-20) at 15th. */
const CHAMPION_CRIT: ReadonlyArray<readonly [number, number]> = [[1, 20], [3, 19], [15, 18]];

export const fighter2024: ClassDefinition = {
  info: {
    id: 'fighter',
    name: 'Fighter',
    hitDie: 10,
    summary: 'Weapon mastery, up to four attacks, Action Surge and Second Wind; the Champion crits on 19-20',
    options: [
      { id: 'great-weapon', label: 'Greatsword (Graze)', group: 'style', description: 'Greatsword with Great Weapon Fighting; its Graze mastery deals the Strength modifier on a miss.' },
      { id: 'maul', label: 'Maul (Topple)', group: 'style', description: 'Maul with Great Weapon Fighting; its Topple mastery knocks targets prone (Constitution save).' },
      { id: 'sword-and-board', label: 'Longsword and shield (Sap)', group: 'style', description: 'Longsword with Dueling (+2 damage) and a shield; its Sap mastery gives a creature hit disadvantage on its attacks.' },
      { id: 'archer', label: 'Longbow (Archery)', group: 'style', description: 'Dexterity build with a longbow, +2 to hit from Archery (its Slow mastery is not simulated).' },
      { id: 'champion', label: 'Champion', group: 'archetype', minLevel: 3, description: 'Critical hits on 19-20 (18-20 from 15th), advantage on initiative, a second fighting style (Defense) at 7th, Survivor at 18th.' },
      { id: 'no-subclass', label: 'No subclass features', group: 'archetype', description: 'Only the core fighter features.' },
      { id: 'great-weapon-master', label: 'Great Weapon Master', minLevel: 4, description: 'The 2024 feat at 4th level (+1 Strength instead of +2): proficiency bonus added to damage with a heavy weapon.' },
    ],
    defaultOptions: ['great-weapon', 'champion'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const archer = has('archer');
    const sword = has('sword-and-board');
    const heavy = has('great-weapon') || has('maul');
    const gwm = has('great-weapon-master') && level >= 4 && heavy;
    if (has('great-weapon-master') && !heavy) notes.push('Great Weapon Master needs a heavy melee weapon: it has no effect with this fighting style.');
    const s = scoresAt2024(archer ? ARCHER_PLAN : STRENGTH_PLAN, level, gwm ? 1 : 0);
    if (gwm) s.str = Math.min(20, s.str + 1);
    const main = archer ? mod(s.dex) : mod(s.str);

    const weapon: Weapon2024 = archer ? WEAPONS_2024.longbow : sword ? WEAPONS_2024.longsword : has('maul') ? WEAPONS_2024.maul : WEAPONS_2024.greatsword;
    const toHit = prof + main + (archer ? 2 : 0);
    const damageBonus = main + (sword ? 2 : 0) + (gwm ? prof : 0);
    const champion = has('champion') && level >= 3;
    const critOn = champion ? byLevel(level, CHAMPION_CRIT) : 20;
    const attacks = byLevel(level, ATTACKS);
    const rider = masteryRider(weapon, 8 + prof + main);
    const swing = (count: number) => masteryAttack(weapon, toHit, main, { count, critOn, damageBonus });

    const actions: ActionInput[] = [
      ...oneBackOnShortRest(byLevel(level, SECOND_WIND), (uses, name) => ({
        type: 'heal', name: name('Second Wind'), slot: 'bonus', targeting: 'self', condition: 'self-below-half', uses, amount: dice('1d10', level),
      })),
    ];
    const surges = byLevel(level, ACTION_SURGES);
    if (surges > 0) {
      actions.push({ type: 'attack', name: `Action Surge (${weapon.name} x${attacks * 2})`, uses: perShortRest(surges), attacks: [swing(attacks * 2)], ...rider });
    }
    actions.push({ type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name, attacks: [swing(attacks)], ...rider });

    const effects: EffectInput[] = [];
    if (champion && level >= 18) {
      effects.push({ name: 'Survivor', duration: { kind: 'encounter' }, healEachTurn: String(5 + mod(s.con)) });
      notes.push('Survivor\'s Heroic Rally heals at the start of every turn, not only while Bloodied; its Defy Death is not simulated.');
    }
    let ac = archer ? 12 + mod(s.dex) : byLevel(level, HEAVY_ARMOR_AC);
    if (sword) ac += 2;
    if (champion && level >= 7) ac += 1; // Additional Fighting Style: Defense

    notes.push(masteryNote(weapon));
    notes.push('Weapon Mastery: only the mastery of the weapon it fights with is used; Tactical Master (swapping in Push, Sap or Slow) is not.');
    notes.push('Second Wind: one use comes back on a short rest, the others on a long rest; it is used below half HP. Tactical Mind (Second Wind on a failed ability check) changes no attack or save.');
    if (heavy) notes.push('Great Weapon Fighting (1s and 2s on damage dice count as 3s) is not simulated.');
    if (gwm) notes.push('Great Weapon Master adds the proficiency bonus to every hit; its Hew bonus attack after a critical hit or a kill is not simulated.');
    if (level >= 9) notes.push('Indomitable (rerolling a failed save) is not simulated.');
    if (level >= 13) notes.push('Studied Attacks (advantage after a miss) is not simulated.');
    if (champion && level >= 10) notes.push('Heroic Warrior (Heroic Inspiration every turn) is not simulated.');
    notes.push('Action Surge is spent on the first turn of a fight while it has a use left.');

    return {
      scores: s,
      saveProficiencies: ['str', 'con'],
      ac,
      initiativeAdvantage: champion, // Remarkable Athlete
      actions,
      effects,
      approximations: notes,
    };
  },
};
