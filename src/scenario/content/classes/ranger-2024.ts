// Ranger (SRD 5.2): slots from 1st level, Hunter's Mark (force damage) with Favored Enemy's free
// casts, weapon mastery (a shortsword's Vex and a scimitar's Nick, or a longbow), Extra Attack,
// Cure Wounds at 2d8, the Hunter with Colossus Slayer, Foe Slayer's d10 mark at 20th.

import {
  byLevel, mod, type ActionInput, type ClassDefinition, type EffectInput,
} from './common.ts';
import { casterStats } from './caster.ts';
import {
  WEAPONS_2024, cureWounds2024, halfCasterSlots2024, huntersMark2024, masteryAttack, masteryNote, scoresAt2024,
} from './edition-2024.ts';
import { PLAN } from './ranger.ts';

const FAVORED_ENEMY: ReadonlyArray<readonly [number, number]> = [[1, 2], [5, 3], [9, 4], [13, 5], [17, 6]];

export const ranger2024: ClassDefinition = {
  info: {
    id: 'ranger',
    name: 'Ranger',
    hitDie: 10,
    summary: 'Hunter\'s Mark from 1st level with free casts, a longbow or Vex and Nick blades, Colossus Slayer',
    options: [
      { id: 'archer', label: 'Longbow (Archery)', group: 'style', description: '+2 to hit with a longbow from 2nd level (its Slow mastery is not simulated).' },
      { id: 'two-weapon', label: 'Shortsword and scimitar (Vex, Nick)', group: 'style', description: 'The scimitar\'s attack is part of the Attack action (Nick), leaving the bonus action to Hunter\'s Mark.' },
      { id: 'hunter', label: 'Hunter', group: 'subclass', minLevel: 3, description: 'Colossus Slayer: 1d8 extra once per turn.' },
    ],
    defaultOptions: ['archer', 'hunter'],
  },
  build({ level, prof, has }) {
    const notes: string[] = [];
    const archer = has('archer');
    const s = scoresAt2024(PLAN, level);
    const dex = mod(s.dex);
    const wis = mod(s.wis);
    const caster = casterStats(level, prof, wis);
    const attacks = level >= 5 ? 2 : 1;
    const toHit = prof + dex + (archer && level >= 2 ? 2 : 0);

    const actions: ActionInput[] = [
      cureWounds2024(caster),
      ...huntersMark2024(byLevel(level, FAVORED_ENEMY), level >= 20 ? '1d10' : '1d6'),
    ];
    if (archer) {
      const bow = WEAPONS_2024.longbow;
      actions.push({
        type: 'attack', name: attacks > 1 ? `${bow.name} (Extra Attack)` : bow.name,
        attacks: [masteryAttack(bow, toHit, dex, { count: attacks, damageBonus: dex })],
      });
      notes.push(masteryNote(bow));
    } else {
      const main = WEAPONS_2024.shortsword, offhand = WEAPONS_2024.scimitar;
      actions.push({
        type: 'attack', name: attacks > 1 ? `${main.name} (Extra Attack) and ${offhand.name} (Nick)` : `${main.name} and ${offhand.name} (Nick)`,
        attacks: [masteryAttack(main, toHit, dex, { count: attacks, damageBonus: dex }), masteryAttack(offhand, toHit, dex)],
      });
      notes.push(masteryNote(main), masteryNote(offhand));
    }

    const effects: EffectInput[] = [];
    if (has('hunter') && level >= 3) {
      effects.push({ name: 'Colossus Slayer', duration: { kind: 'encounter' }, extraDamage: '1d8', extraDamageType: 'piercing', extraDamageOncePerTurn: true });
      notes.push('Colossus Slayer is counted once per turn against any target (not only one already hurt), when an ally stands or the ranger has advantage.');
    }
    notes.push('Hunter\'s Mark: Favored Enemy\'s free casts come first, then one cast a fight with a slot; moving it to a new target is free.');
    if (level >= 17) notes.push('Precise Hunter (advantage against the marked creature) is not simulated.');
    if (level >= 20) notes.push('Foe Slayer makes the mark\'s die a d10.');
    if (level >= 13) notes.push('Relentless Hunter (damage cannot break concentration on Hunter\'s Mark) is not simulated.');
    notes.push('Spells other than Hunter\'s Mark and Cure Wounds are not cast.');
    if (level >= 7 && has('hunter')) notes.push('Defensive Tactics, Superior Hunter\'s Prey and Superior Hunter\'s Defense are not simulated.');
    if (level >= 10) notes.push('Tireless (temporary HP) and Nature\'s Veil are not used.');
    return {
      scores: s,
      saveProficiencies: ['str', 'dex'],
      ac: 12 + dex, // studded leather
      actions,
      effects,
      spellSlots: halfCasterSlots2024(level),
      caster: 'half',
      approximations: notes,
    };
  },
};
