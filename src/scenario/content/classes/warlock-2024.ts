// Warlock of the Fiend Patron (SRD 5.2): Eldritch Blast with Agonizing Blast, Hex, Pact Magic
// slots back on a short rest, Fireball from the Fiend's spells, Mystic Arcanum (Circle of Death at
// its 2024 8d8, Finger of Death).

import {
  mod, perLongRest, perShortRest, PACT_SLOTS, type ActionInput, type ClassDefinition, type ReactionInput,
} from './common.ts';
import { AREA_SPELLS_2024, casterSetup2024 } from './edition-2024.ts';
import { areaSpell, hex } from './spells.ts';
import { PLAN, eldritchBeams } from './warlock.ts';

export const warlock2024: ClassDefinition = {
  info: {
    id: 'warlock',
    name: 'Warlock',
    hitDie: 8,
    summary: 'Fiend patron: Eldritch Blast with Agonizing Blast and Hex, few slots back on every short rest',
    options: [
      { id: 'hellish-rebuke', label: 'Hellish Rebuke', description: 'Fire back at whoever hurts it (Dexterity save for half), once per short rest without spending a pact slot.' },
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: cha, caster: c, notes } = casterSetup2024(PLAN, 'cha', level, prof);
    const pact = PACT_SLOTS[level - 1];
    const agonizing = level >= 2 ? cha : 0;
    const beams = eldritchBeams(level);
    const actions: ActionInput[] = [...hex()];
    // Mystic Arcanum: once per long rest each, without a slot (spell level 0 keeps Magic Resistance working).
    if (level >= 13) actions.push({ ...areaSpell(AREA_SPELLS_2024.fingerOfDeath, c, 0, perLongRest(1)), spell: { level: 0 } });
    if (level >= 11) {
      actions.push({ ...areaSpell(AREA_SPELLS_2024.circleOfDeath, c, 0, perLongRest(1)), spell: { level: 0 }, condition: 'enemy-count-multiple' });
    }
    if (level >= 5) actions.push(areaSpell(AREA_SPELLS_2024.fireball, c));
    actions.push({
      type: 'attack', name: beams > 1 ? `Eldritch Blast (${beams} beams)` : 'Eldritch Blast', spell: { level: 0 },
      attacks: [{ toHit: c.attack, damage: agonizing ? `1d10+${agonizing}` : '1d10', damageType: 'force', reach: 'ranged', ...(beams > 1 && { count: beams }) }],
    });
    const reactions: ReactionInput[] = [];
    if (has('hellish-rebuke')) {
      reactions.push({ kind: 'hellish-rebuke', damage: `${pact.slotLevel + 1}d10`, dc: c.dc, uses: perShortRest(1) });
      notes.push('Hellish Rebuke is cast at the pact slot level but does not use a pact slot.');
    }
    if (level >= 2) notes.push('Agonizing Blast is the invocation taken at 2nd level; other invocations (Pact of the Blade, Repelling Blast...) are not simulated.');
    if (level >= 2) notes.push('Magical Cunning (half the pact slots back once a day) is not counted.');
    if (level >= 11) notes.push('Mystic Arcanum: Circle of Death (6th) and, from 13th, Finger of Death (7th), once per long rest each; the 8th and 9th-level arcana are not used.');
    if (level >= 3) notes.push('Dark One\'s Blessing (temporary HP when a creature drops) is not simulated.');
    if (level >= 6) notes.push('Dark One\'s Own Luck is not simulated.');
    if (level >= 10) notes.push('Fiendish Resilience is taken against slashing damage.');
    if (level >= 14) notes.push('Hurl Through Hell is not simulated.');
    if (level >= 20) notes.push('Eldritch Master (all pact slots back once a day) is not counted.');
    notes.push('Hex takes a pact slot in each fight; moving it is free, and in a fight with no slot left it is moved onto a first target for free.');
    return {
      scores: s,
      saveProficiencies: ['wis', 'cha'],
      ac: 12 + mod(s.dex), // studded leather
      actions,
      reactions,
      resistances: level >= 10 ? ['slashing'] : [],
      caster: 'pact',
      approximations: notes,
    };
  },
};
