// Paladin: Divine Smite, Lay on Hands, Extra Attack, Aura of Protection for the party, Improved
// Divine Smite, Oath of Devotion (SRD) with Sacred Weapon.

import {
  byLevel, HALF_CASTER_SLOTS, mod, perLongRest, perShortRest, scoresAt, slotsFrom, weaponAttack, WEAPONS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';

export const PLAN: AbilityPlan = {
  start: { str: 16, dex: 10, con: 14, int: 8, wis: 10, cha: 14 },
  raises: ['str', 'str', 'cha', 'cha', 'con'],
};
const HEAVY_ARMOR: ReadonlyArray<readonly [number, number]> = [[1, 16], [5, 17], [9, 18]];

export const paladin: ClassDefinition = {
  info: {
    id: 'paladin',
    name: 'Paladin',
    hitDie: 10,
    summary: 'Heavy armor, Divine Smite bursts, Lay on Hands, and an aura that raises the party\'s saves',
    options: [
      { id: 'sword-and-board', label: 'Longsword and shield (Dueling)', group: 'style', description: 'Longsword with +2 damage from Dueling (from 2nd level), and a shield.' },
      { id: 'great-weapon', label: 'Greatsword', group: 'style', description: 'Two-handed greatsword, no shield.' },
      { id: 'great-weapon-master', label: 'Great Weapon Master', minLevel: 4, description: 'Taken at 4th level instead of +2 Strength: -5 to hit, +10 damage with the greatsword.' },
      { id: 'sacred-weapon', label: 'Sacred Weapon', minLevel: 3, description: 'Channel Divinity on the first turn of a fight: +Charisma to attack rolls for a minute.' },
    ],
    defaultOptions: ['sword-and-board'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const great = has('great-weapon');
    const gwm = has('great-weapon-master') && great && level >= 4;
    if (has('great-weapon-master') && !great) notes.push('Great Weapon Master needs a heavy weapon: it has no effect with a longsword.');
    const s = scoresAt(PLAN, level, gwm ? 1 : 0);
    const str = mod(s.str);
    const cha = mod(s.cha);
    const weapon = great ? WEAPONS.greatsword : WEAPONS.longsword;
    const dueling = !great && level >= 2 ? 2 : 0;
    const attacks = level >= 5 ? 2 : 1;
    const slots = slotsFrom(HALF_CASTER_SLOTS, level);

    const actions: ActionInput[] = [];
    // Lay on Hands: a pool of 5 x level HP, spent in two halves (one draw below 5th level).
    const pool = 5 * level;
    const draws = level >= 5 ? 2 : 1;
    actions.push({
      type: 'heal', name: 'Lay on Hands', condition: 'ally-down', uses: perLongRest(draws), amount: String(Math.floor(pool / draws)),
    });
    if (level >= 6) {
      actions.push({
        type: 'effect', name: 'Aura of Protection', slot: 'bonus', target: 'allies', targets: 8, condition: 'not-used-yet',
        effect: { name: 'Aura of Protection', duration: { kind: 'encounter' }, saveBonus: String(Math.max(1, cha)) },
      });
      notes.push('Aura of Protection is switched on with the paladin\'s first bonus action of each fight and covers the whole party (range is not modelled); it lasts the fight even if the paladin drops.');
    }
    if (has('sacred-weapon') && level >= 3) {
      actions.push({
        type: 'effect', name: 'Sacred Weapon', target: 'self', uses: perShortRest(1), condition: 'not-used-yet',
        effect: { name: 'Sacred Weapon', duration: { kind: 'rounds', rounds: 10 }, attackBonus: String(Math.max(1, cha)) },
      });
    }
    const swing = weaponAttack(weapon, prof + str, {
      count: attacks, damageBonus: str + dueling + (gwm ? 10 : 0), toHitBonus: gwm ? -5 : 0,
    });
    actions.push({
      type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name, attacks: [swing],
      ...(level >= 2 && { smite: { damage: '2d8', upcast: '1d8', maxLevel: 4, damageType: 'radiant' } }),
    });

    const effects: EffectInput[] = [];
    if (level >= 11) effects.push({ name: 'Improved Divine Smite', duration: { kind: 'encounter' }, extraDamage: '1d8', extraDamageType: 'radiant' });
    if (level >= 2) notes.push('Divine Smite is spent as the engine\'s resource policy says (every critical hit; other hits while slots outnumber the fights ahead); no other spells are cast.');
    if (level >= 10) notes.push('Aura of Courage protects only the paladin (immune to frightened).');
    if (great) notes.push('Great Weapon Fighting (rerolling 1s and 2s on damage dice) is not simulated.');
    if (gwm) notes.push('Great Weapon Master\'s power attack is used on every attack.');
    notes.push('Lay on Hands is used only to get a downed ally up, in two halves of the pool.');
    return {
      scores: s,
      saveProficiencies: ['wis', 'cha'],
      ac: byLevel(level, HEAVY_ARMOR) + (great ? 0 : 2),
      actions,
      effects,
      traits: level >= 10 ? { conditionImmunities: ['frightened'] } : undefined,
      spellSlots: slots,
      caster: 'half',
      approximations: notes,
    };
  },
};
