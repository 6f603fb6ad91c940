// Rogue (SRD 5.2): Sneak Attack once per turn, weapon mastery (a shortsword's Vex with a
// scimitar's Nick attack in the same action, or a shortbow's Vex), Cunning Strike trading a Sneak
// Attack die for a rider, Uncanny Dodge, and the Thief (the SRD 5.2 subclass).

import {
  mod, type ActionInput, type ClassDefinition, type ReactionInput,
} from './common.ts';
import { WEAPONS_2024, masteryAttack, masteryNote, scoresAt2024 } from './edition-2024.ts';
import { PLAN, sneakAttackDice } from './rogue.ts';

type AttackAction = Extract<ActionInput, { type: 'attack' }>;

export const rogue2024: ClassDefinition = {
  info: {
    id: 'rogue',
    name: 'Rogue',
    hitDie: 8,
    summary: 'Sneak Attack with a shortsword\'s Vex and a scimitar\'s Nick in one action; Cunning Strike poisons',
    options: [
      { id: 'dual-wield', label: 'Shortsword and scimitar (Vex, Nick)', group: 'weapon', description: 'A shortsword attack (Vex) and the scimitar\'s off-hand attack in the same action (Nick): two chances at Sneak Attack.' },
      { id: 'archer', label: 'Shortbow (Vex)', group: 'weapon', description: 'Shortbow attacks from range; a hit gives advantage on the next shot at that creature.' },
      { id: 'cunning-poison', label: 'Cunning Strike: Poison', group: 'cunning', minLevel: 5, description: 'One Sneak Attack die given up every turn to poison the target (Constitution save, repeated each turn).' },
      { id: 'cunning-trip', label: 'Cunning Strike: Trip', group: 'cunning', minLevel: 5, description: 'One Sneak Attack die given up every turn to knock the target prone (Dexterity save).' },
      { id: 'cunning-none', label: 'No Cunning Strike', group: 'cunning', description: 'Every Sneak Attack die goes to damage.' },
      { id: 'thief', label: 'Thief', group: 'subclass', minLevel: 3, description: 'Fast Hands and Second-Story Work (no effect in a fight); Thief\'s Reflexes at 17th.' },
    ],
    defaultOptions: ['dual-wield', 'cunning-poison', 'thief'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const archer = has('archer');
    const s = scoresAt2024(PLAN, level);
    const dex = mod(s.dex);
    const toHit = prof + dex;
    const dc = 8 + prof + dex;
    const cunning = level >= 5 && !has('cunning-none');
    // Cunning Strike goes with the Sneak Attack, once a turn: the rider is tried on the first hit of each turn only.
    const rider: Pick<AttackAction, 'effect' | 'effectSave' | 'effectOncePerTurn'> = !cunning ? {} : has('cunning-trip')
      ? { effect: { name: 'Prone (Trip)', duration: { kind: 'target-turn-start' }, conditions: ['prone'] }, effectSave: { ability: 'dex', dc }, effectOncePerTurn: true }
      : { effect: { name: 'Poisoned', duration: { kind: 'rounds', rounds: 10 }, conditions: ['poisoned'], saveEnds: true }, effectSave: { ability: 'con', dc }, effectOncePerTurn: true };

    const actions: ActionInput[] = [];
    if (archer) {
      actions.push({ type: 'attack', name: 'Shortbow', attacks: [masteryAttack(WEAPONS_2024.shortbow, toHit, dex, { damageBonus: dex })], ...rider });
      notes.push(masteryNote(WEAPONS_2024.shortbow));
    } else {
      actions.push({
        type: 'attack', name: 'Shortsword and Scimitar (Nick)', ...rider,
        attacks: [
          masteryAttack(WEAPONS_2024.shortsword, toHit, dex, { damageBonus: dex }),
          // The light weapon's extra attack: no ability modifier on its damage.
          masteryAttack(WEAPONS_2024.scimitar, toHit, dex),
        ],
      });
      notes.push(masteryNote(WEAPONS_2024.shortsword), masteryNote(WEAPONS_2024.scimitar));
    }
    const sneakDice = sneakAttackDice(level) - (cunning ? 1 : 0);
    if (cunning) {
      notes.push(has('cunning-trip')
        ? 'Cunning Strike: one Sneak Attack die is always given up for Trip, and the first hit of each turn tries to knock the target prone (Dexterity save), even on a turn whose Sneak Attack does not land; creatures larger than Large are not exempted.'
        : 'Cunning Strike: one Sneak Attack die is always given up for Poison (a poisoner\'s kit assumed), and the first hit of each turn tries to poison the target (Constitution save, repeated at the end of its turns), even on a turn whose Sneak Attack does not land.');
    }
    if (level >= 11) notes.push('Improved Cunning Strike (two effects at once) is not used.');
    if (level >= 14) notes.push('Devious Strikes (Daze, Knock Out, Obscure) are not used.');
    notes.push('Sneak Attack needs advantage or a standing ally (assumed to be next to the target), as the engine rules it.');
    if (level >= 2) notes.push('Cunning Action and Steady Aim are not used: the rogue stands and fights, and the bonus action stays unused.');
    if (level >= 7) notes.push('Evasion (no damage on a successful Dexterity save, half on a failure) is not simulated; Reliable Talent changes no attack or save.');
    if (has('thief') && level >= 17) notes.push('Thief\'s Reflexes (two turns in the first round) is not simulated.');
    if (level >= 18) notes.push('Elusive (no attack roll against it has advantage) is not simulated.');
    if (level >= 20) notes.push('Stroke of Luck is not simulated.');
    const reactions: ReactionInput[] = level >= 5 ? [{ kind: 'uncanny-dodge' }] : [];
    return {
      scores: s,
      // Slippery Mind adds Wisdom and Charisma saves at 15th level.
      saveProficiencies: level >= 15 ? ['dex', 'int', 'wis', 'cha'] : ['dex', 'int'],
      ac: 12 + dex, // studded leather
      actions,
      reactions,
      effects: [{
        name: 'Sneak Attack', duration: { kind: 'encounter' }, extraDamage: `${sneakDice}d6`,
        extraDamageType: 'piercing', extraDamageOncePerTurn: true,
      }],
      approximations: notes,
    };
  },
};
