// Ranger: a longbow with Archery (or two short swords), Hunter's Mark, Extra Attack, the Hunter
// (SRD) with Colossus Slayer, Cure Wounds for emergencies, Foe Slayer at 20th.

import {
  HALF_CASTER_SLOTS, mod, scoresAt, slotsFrom, weaponAttack, WEAPONS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';
import { casterStats } from './caster.ts';
import { cureWounds, huntersMark } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 10, dex: 16, con: 14, int: 10, wis: 14, cha: 8 },
  raises: ['dex', 'dex', 'wis', 'con', 'con'],
};

export const ranger: ClassDefinition = {
  info: {
    id: 'ranger',
    name: 'Ranger',
    hitDie: 10,
    summary: 'Longbow, Hunter\'s Mark and Colossus Slayer: steady damage from range',
    options: [
      { id: 'archer', label: 'Longbow (Archery)', group: 'style', description: '+2 to hit with a longbow.' },
      { id: 'two-weapon', label: 'Two short swords', group: 'style', description: 'Two-weapon fighting with the off-hand attack as a bonus action (Hunter\'s Mark takes that bonus action first).' },
      { id: 'sharpshooter', label: 'Sharpshooter', minLevel: 4, description: 'Taken at 4th level instead of +2 Dexterity: -5 to hit, +10 damage with the longbow.' },
    ],
    defaultOptions: ['archer'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const archer = has('archer');
    const ss = has('sharpshooter') && archer && level >= 4;
    if (has('sharpshooter') && !archer) notes.push('Sharpshooter needs a ranged weapon: it has no effect with two short swords.');
    const s = scoresAt(PLAN, level, ss ? 1 : 0);
    const dex = mod(s.dex);
    const wis = mod(s.wis);
    const caster = casterStats(level, prof, wis);
    const attacks = level >= 5 ? 2 : 1;
    const weapon = archer ? WEAPONS.longbow : WEAPONS.shortsword;
    const toHit = prof + dex + (archer && level >= 2 ? 2 : 0);

    const actions: ActionInput[] = [];
    if (level >= 2) actions.push(cureWounds(caster), ...huntersMark(weapon.damageType));
    actions.push({
      type: 'attack', name: attacks > 1 ? `${weapon.name} (Extra Attack)` : weapon.name,
      attacks: [weaponAttack(weapon, toHit, { count: attacks, damageBonus: dex + (ss ? 10 : 0), toHitBonus: ss ? -5 : 0 })],
    });
    if (!archer) actions.push({ type: 'attack', name: 'Off-hand Shortsword', slot: 'bonus', attacks: [weaponAttack(weapon, toHit)] });

    // Colossus Slayer and Foe Slayer both add damage once per turn, so they share one effect.
    const colossus = level >= 3 ? '1d8' : '';
    const foe = level >= 20 ? wis : 0;
    const effects: EffectInput[] = [];
    if (colossus || foe) {
      effects.push({
        name: 'Colossus Slayer', duration: { kind: 'encounter' }, extraDamage: colossus ? (foe ? `1d8+${foe}` : '1d8') : String(foe),
        extraDamageType: weapon.damageType, extraDamageOncePerTurn: true,
      });
      notes.push('Colossus Slayer is counted once per turn against any target (not only one already hurt), when an ally stands or the ranger has advantage.');
    }
    if (foe) notes.push('Foe Slayer adds Wisdom to damage once per turn (never to the attack roll).');
    if (level >= 2) notes.push('Hunter\'s Mark takes a slot in each fight; moving it is free, and in a fight with no slot left it is moved onto a first target for free.');
    if (level >= 2) notes.push('Spells other than Hunter\'s Mark and Cure Wounds (Conjure Animals, Spike Growth...) are not cast.');
    if (level >= 7) notes.push('The Hunter\'s defensive tactics, Volley and Evasion are not simulated.');
    if (!archer) notes.push('The off-hand attack is made only on turns when Hunter\'s Mark does not need the bonus action.');
    return {
      scores: s,
      saveProficiencies: ['str', 'dex'],
      ac: 12 + dex, // studded leather
      actions,
      effects,
      spellSlots: slotsFrom(HALF_CASTER_SLOTS, level),
      caster: 'half',
      approximations: notes,
    };
  },
};
