// Warlock of the Fiend (SRD): Eldritch Blast with Agonizing Blast, Hex, Pact Magic slots that
// come back on a short rest, Fireball from the Fiend's list, Mystic Arcanum.

import { cantripTier } from '../../../engine/tables.ts';
import {
  mod, perLongRest, perShortRest, PACT_SLOTS,
  type AbilityPlan, type ActionInput, type ClassDefinition, type ClassInfo, type ReactionInput,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { AREA_SPELLS, areaSpell, hex, type AreaSpellTable } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 8, dex: 14, con: 14, int: 10, wis: 12, cha: 16 },
  raises: ['cha', 'cha', 'con', 'con', 'dex'],
};

/** Eldritch Blast beams: one more at 5th, 11th and 17th level. */
export const eldritchBeams = cantripTier;

export const WARLOCK_INFO: ClassInfo = {
  id: 'warlock',
  name: 'Warlock',
  hitDie: 8,
  summary: 'Fiend patron: Eldritch Blast with Agonizing Blast and Hex, few slots back on every short rest',
  options: [
    { id: 'hellish-rebuke', label: 'Hellish Rebuke', description: 'Fire back at whoever hurts it (Dexterity save for half), once per short rest without spending a pact slot.' },
  ],
  defaultOptions: [],
};

/** What a warlock's build takes from its rules edition. */
export interface WarlockEdition {
  casterSetup: typeof casterSetup;
  areas: AreaSpellTable;
  /** The notes on its features, by level, between Hellish Rebuke's and Hex's. */
  featureNotes: (level: number) => string[];
}

/** The Fiend warlock's build, the same in both editions but for what `edition` gives. */
export function warlockBuild(edition: WarlockEdition): ClassDefinition['build'] {
  return ({ level, prof, has }) => {
    const { scores: s, abilityMod: cha, caster: c, notes } = edition.casterSetup(PLAN, 'cha', level, prof);
    const pact = PACT_SLOTS[level - 1];
    const agonizing = level >= 2 ? cha : 0;
    const beams = eldritchBeams(level);
    const actions: ActionInput[] = [...hex()];
    // Mystic Arcanum: once per long rest each, without a slot (spell level 0 keeps Magic Resistance working).
    if (level >= 13) {
      actions.push({ ...areaSpell(edition.areas.fingerOfDeath, c, 0, perLongRest(1)), spell: { level: 0 } });
    }
    if (level >= 11) {
      actions.push({ ...areaSpell(edition.areas.circleOfDeath, c, 0, perLongRest(1)), spell: { level: 0 }, condition: 'enemy-count-multiple' });
    }
    if (level >= 5) actions.push(areaSpell(edition.areas.fireball, c));
    actions.push({
      type: 'attack', name: beams > 1 ? `Eldritch Blast (${beams} beams)` : 'Eldritch Blast', spell: { level: 0 },
      attacks: [{ toHit: c.attack, damage: agonizing ? `1d10+${agonizing}` : '1d10', damageType: 'force', reach: 'ranged', ...(beams > 1 && { count: beams }) }],
    });
    const reactions: ReactionInput[] = [];
    if (has('hellish-rebuke')) {
      const rebukeLevel = pact.slotLevel;
      reactions.push({ kind: 'hellish-rebuke', damage: `${rebukeLevel + 1}d10`, dc: c.dc, uses: perShortRest(1) });
      notes.push('Hellish Rebuke is cast at the pact slot level but does not use a pact slot.');
    }
    notes.push(...edition.featureNotes(level));
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
  };
}

/** The notes on Mystic Arcanum and the Fiend's features that both editions share, from `level`. */
export function fiendNotes(level: number, blessing: string | null): string[] {
  return [
    ...(level >= 11 ? ['Mystic Arcanum: Circle of Death (6th) and, from 13th, Finger of Death (7th), once per long rest each; the 8th and 9th-level arcana are not used.'] : []),
    ...(blessing ? [blessing] : []),
    ...(level >= 6 ? ['Dark One\'s Own Luck is not simulated.'] : []),
    ...(level >= 10 ? ['Fiendish Resilience is taken against slashing damage.'] : []),
    ...(level >= 14 ? ['Hurl Through Hell is not simulated.'] : []),
  ];
}

export const warlock: ClassDefinition = {
  info: WARLOCK_INFO,
  build: warlockBuild({
    casterSetup, areas: AREA_SPELLS,
    featureNotes: (level) => fiendNotes(level, 'Dark One\'s Blessing (temporary HP on a kill) is not simulated.'),
  }),
};
