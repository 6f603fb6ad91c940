// Rogue: Sneak Attack once per turn, two-weapon fighting (a second chance at Sneak Attack) or a
// shortbow, Uncanny Dodge.

import {
  mod, scoresAt, weaponAttack, WEAPONS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type ReactionInput,
} from './common.ts';

export const PLAN: AbilityPlan = {
  start: { str: 8, dex: 16, con: 14, int: 12, wis: 12, cha: 10 },
  raises: ['dex', 'dex', 'con', 'con', 'wis', 'wis'],
  asiLevels: [4, 8, 10, 12, 16, 19],
};

/** Sneak Attack dice: 1d6 at 1st level, one more every odd level. */
export const sneakAttackDice = (level: number): number => Math.ceil(level / 2);

export const rogue: ClassDefinition = {
  info: {
    id: 'rogue',
    name: 'Rogue',
    hitDie: 8,
    summary: 'Sneak Attack every turn, Uncanny Dodge; fragile but reliable damage',
    options: [
      { id: 'dual-wield', label: 'Two shortswords', group: 'weapon', description: 'A shortsword attack, and the off-hand one as a bonus action (a second chance to land Sneak Attack).' },
      { id: 'archer', label: 'Shortbow', group: 'weapon', description: 'Shortbow attacks from range; the bonus action is left unused.' },
      { id: 'sharpshooter', label: 'Sharpshooter', minLevel: 4, description: 'Taken at 4th level instead of +2 Dexterity: -5 to hit, +10 damage with the shortbow.' },
    ],
    defaultOptions: ['dual-wield'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const archer = has('archer');
    const ss = has('sharpshooter') && archer && level >= 4;
    if (has('sharpshooter') && !archer) notes.push('Sharpshooter needs a ranged weapon: it has no effect with two shortswords.');
    const s = scoresAt(PLAN, level, ss ? 1 : 0);
    const dex = mod(s.dex);
    const toHit = prof + dex;
    const actions: ActionInput[] = [];
    if (archer) {
      actions.push({
        type: 'attack', name: 'Shortbow',
        attacks: [weaponAttack(WEAPONS.shortbow, toHit, ss ? { toHitBonus: -5, damageBonus: dex + 10 } : { damageBonus: dex })],
      });
    } else {
      actions.push({ type: 'attack', name: 'Shortsword', attacks: [weaponAttack(WEAPONS.shortsword, toHit, { damageBonus: dex })] });
      // Two-weapon fighting: no ability modifier on the off-hand damage.
      actions.push({ type: 'attack', name: 'Off-hand Shortsword', slot: 'bonus', attacks: [weaponAttack(WEAPONS.shortsword, toHit)] });
    }
    const reactions: ReactionInput[] = level >= 5 ? [{ kind: 'uncanny-dodge' }] : [];
    notes.push('Sneak Attack needs advantage or a standing ally (assumed to be next to the target), as the engine rules it.');
    if (level >= 2) notes.push('Cunning Action (Dash, Disengage, Hide) is not simulated: the rogue stands and fights.');
    if (level >= 7) notes.push('Evasion (no damage on a successful Dexterity save, half on a failure) is not simulated.');
    if (level >= 11) notes.push('Reliable Talent changes no attack or save and is left out.');
    if (level >= 18) notes.push('Elusive (no attack roll against it has advantage) is not simulated.');
    if (level >= 20) notes.push('Stroke of Luck is not simulated.');
    return {
      scores: s,
      // Slippery Mind adds Wisdom saves at 15th level.
      saveProficiencies: level >= 15 ? ['dex', 'int', 'wis'] : ['dex', 'int'],
      ac: 12 + dex, // studded leather
      actions,
      reactions,
      effects: [{
        name: 'Sneak Attack', duration: { kind: 'encounter' }, extraDamage: `${sneakAttackDice(level)}d6`,
        extraDamageType: 'piercing', extraDamageOncePerTurn: true,
      }],
      approximations: notes,
    };
  },
};
