// Barbarian (SRD 5.2): Rage with its 2024 uses, weapon mastery (a greataxe's Cleave or a
// greatsword's Graze), Reckless Attack, Brutal Strike, and the Path of the Berserker with Frenzy.

import {
  byLevel, mod, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';
import { PLAN } from './barbarian.ts';
import { WEAPONS_2024, masteryAttack, masteryNote, oneBackOnShortRest, scoresAt2024 } from './edition-2024.ts';

const RAGES: ReadonlyArray<readonly [number, number]> = [[1, 2], [3, 3], [6, 4], [12, 5], [17, 6]];
const RAGE_DAMAGE: ReadonlyArray<readonly [number, number]> = [[1, 2], [9, 3], [16, 4]];
/** Brutal Strike's extra weapon dice: none before 9th level, 2d10 from 17th. */
const BRUTAL_STRIKE: ReadonlyArray<readonly [number, string]> = [[1, ''], [9, '1d10'], [17, '2d10']];

export const barbarian2024: ClassDefinition = {
  info: {
    id: 'barbarian',
    name: 'Barbarian',
    hitDie: 12,
    summary: 'Rage, Reckless Attack and Brutal Strike with a greataxe\'s Cleave; the Berserker\'s Frenzy adds dice',
    options: [
      { id: 'greataxe', label: 'Greataxe (Cleave)', group: 'weapon', description: 'Cleave: once per turn a hit lets it swing at a second enemy for the axe\'s die.' },
      { id: 'greatsword', label: 'Greatsword (Graze)', group: 'weapon', description: 'Graze: a miss still deals the Strength modifier.' },
      { id: 'berserker', label: 'Path of the Berserker', group: 'path', minLevel: 3, description: 'Frenzy: while raging and attacking recklessly, the first hit each turn deals extra d6s (as many as the Rage damage bonus).' },
      { id: 'no-path', label: 'No path features', group: 'path', description: 'Only the core barbarian features.' },
      { id: 'reckless', label: 'Reckless Attack', minLevel: 2, description: 'Always attack recklessly: advantage on its attacks, and attacks against it have advantage.' },
    ],
    defaultOptions: ['greataxe', 'berserker', 'reckless'],
  },
  build({ level, prof, has }) {
    const s = scoresAt2024(PLAN, level);
    // Primal Champion: Strength and Constitution +4, to a maximum of 25.
    if (level >= 20) {
      s.str = Math.min(25, s.str + 4);
      s.con = Math.min(25, s.con + 4);
    }
    const str = mod(s.str);
    const notes: string[] = [];
    const weapon = has('greatsword') ? WEAPONS_2024.greatsword : WEAPONS_2024.greataxe;
    const attacks = level >= 5 ? 2 : 1;
    const rageDamage = byLevel(level, RAGE_DAMAGE);
    // Persistent Rage (15th): all uses back on rolling initiative, once per long rest: counted as twice the uses.
    const rages = byLevel(level, RAGES) * (level >= 15 ? 2 : 1);
    const rage: EffectInput = {
      name: 'Rage', duration: { kind: 'encounter' }, resistances: ['bludgeoning', 'piercing', 'slashing'],
      extraDamage: String(rageDamage), extraDamageType: weapon.damageType,
    };
    const actions: ActionInput[] = [
      ...oneBackOnShortRest(rages, (uses, name) => ({ type: 'effect', name: name('Rage'), slot: 'bonus', target: 'self', uses, effect: rage })),
      {
        type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name,
        attacks: [masteryAttack(weapon, str + prof, str, { count: attacks, damageBonus: str })],
      },
    ];

    const reckless = has('reckless') && level >= 2;
    const effects: EffectInput[] = [];
    if (reckless) {
      effects.push({ name: 'Reckless Attack', duration: { kind: 'encounter' }, attacksBy: 'advantage', attacksAgainst: 'advantage' });
      notes.push('Reckless Attack is always used.');
    }
    // Brutal Strike and Frenzy each add damage to one hit a turn; the engine limits each effect on its own, so both land.
    const brutal = reckless ? byLevel(level, BRUTAL_STRIKE) : '';
    const frenzy = reckless && has('berserker') && level >= 3 ? `${rageDamage}d6` : '';
    if (brutal) {
      effects.push({ name: 'Brutal Strike', duration: { kind: 'encounter' }, extraDamage: brutal, extraDamageType: weapon.damageType, extraDamageOncePerTurn: true });
    }
    if (frenzy) {
      effects.push({ name: 'Frenzy', duration: { kind: 'encounter' }, extraDamage: frenzy, extraDamageType: weapon.damageType, extraDamageOncePerTurn: true });
    }
    if (frenzy) notes.push(`Frenzy's extra dice land on the first hit of every turn${brutal ? ', beside Brutal Strike\'s (each limited to one hit a turn on its own)' : ''}, also once no Rage is left.`);
    if (brutal) {
      notes.push(`Brutal Strike adds ${brutal} to the first hit of every turn; the advantage it gives up on that attack is kept, and its Forceful, Hamstring${level >= 13 ? ', Staggering and Sundering' : ''} effects are not simulated.`);
    }
    notes.push(masteryNote(weapon));
    notes.push('Rage lasts the whole fight (2024 Rage is extended by attacking, up to 10 minutes); one use comes back on a short rest, the others on a long rest.');
    if (level >= 15) notes.push('Persistent Rage (every use back once a day on rolling initiative) is counted as twice the uses.');
    if (level >= 2) notes.push('Danger Sense (advantage on Dexterity saves) is not simulated.');
    if (level >= 3) notes.push('Primal Knowledge changes no attack or save and is left out.');
    if (level >= 11) notes.push('Relentless Rage (dropping to twice its level in HP instead of 0) is not simulated.');
    if (has('berserker') && level >= 10) notes.push('Retaliation (a melee attack as a reaction to being hurt) is not simulated.');
    if (has('berserker') && level >= 14) notes.push('Intimidating Presence is not simulated.');

    return {
      scores: s,
      saveProficiencies: ['str', 'con'],
      ac: 10 + mod(s.dex) + mod(s.con), // Unarmored Defense
      initiativeAdvantage: level >= 7, // Feral Instinct
      actions,
      effects,
      approximations: notes,
    };
  },
};
