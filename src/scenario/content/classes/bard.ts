// Bard of the College of Lore (SRD): Bardic Inspiration, Vicious Mockery, Healing Word, Faerie
// Fire, Shatter, Hypnotic Pattern, Otto's Irresistible Dance.

import {
  byLevel, FULL_CASTER_SLOTS, mod, perLongRest, perShortRest,
  type AbilityPlan, type ActionInput, type ClassDefinition, type ClassInfo,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { HOLD_PERSON_OPTION, AREA_SPELLS, areaSpell, faerieFire, healingWord, holdPerson, hypnoticPattern, viciousMockery } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 8, dex: 14, con: 14, int: 10, wis: 12, cha: 16 },
  raises: ['cha', 'cha', 'con', 'con', 'dex'],
};
const INSPIRATION_DIE: ReadonlyArray<readonly [number, string]> = [[1, '1d6'], [5, '1d8'], [10, '1d10'], [15, '1d12']];

export const BARD_INFO: ClassInfo = {
  id: 'bard',
  name: 'Bard',
  hitDie: 8,
  summary: 'Support caster: Bardic Inspiration, Healing Word, Faerie Fire, Hypnotic Pattern',
  options: [
    HOLD_PERSON_OPTION,
  ],
  defaultOptions: [],
};

/** What a bard's build takes from its rules edition. */
export interface BardEdition {
  casterSetup: typeof casterSetup;
  healingWord: typeof healingWord;
  viciousMockery: typeof viciousMockery;
  /** How Bardic Inspiration is run, after "adds its die to every attack roll of one ally until the bard's next turn". */
  inspirationNote: string;
  danceNote: string;
  /** The notes on the features it leaves out from 6th level, by level. */
  laterNotes: (level: number) => string[];
}

/** The Lore bard's build, the same in both editions but for what `edition` gives. */
export function bardBuild(edition: BardEdition): ClassDefinition['build'] {
  return ({ level, prof, has }) => {
    const { scores: s, abilityMod: cha, caster: c, slots, notes } = edition.casterSetup(PLAN, 'cha', level, prof, FULL_CASTER_SLOTS);
    const inspirations = Math.max(1, cha);
    const actions: ActionInput[] = [
      edition.healingWord(c),
      {
        type: 'effect', name: 'Bardic Inspiration', slot: 'bonus', target: 'allies',
        // Font of Inspiration (5th level): the uses come back on a short rest.
        uses: level >= 5 ? perShortRest(inspirations) : perLongRest(inspirations),
        effect: { name: 'Bardic Inspiration', duration: { kind: 'rounds', rounds: 1 }, attackBonus: byLevel(level, INSPIRATION_DIE) },
      },
    ];
    notes.push(`Bardic Inspiration adds its die to every attack roll of one ally until the bard's next turn, ${edition.inspirationNote}.`);
    if (level >= 11) {
      actions.push({
        type: 'effect', name: 'Irresistible Dance', target: 'enemies', enemyTargeting: 'highest-damage', save: { ability: 'wis', dc: c.dc },
        spell: { level: 6, concentration: true },
        effect: {
          name: 'Irresistible Dance', duration: { kind: 'rounds', rounds: 10 }, attacksBy: 'disadvantage', attacksAgainst: 'advantage', saveEnds: true,
        },
      });
      notes.push(edition.danceNote);
    }
    if (level >= 5) actions.push(hypnoticPattern(c));
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(faerieFire(c));
    if (level >= 3) actions.push(areaSpell(AREA_SPELLS.shatter, c));
    actions.push(edition.viciousMockery(c));
    if (level >= 3) notes.push('Cutting Words is not simulated.');
    notes.push(...edition.laterNotes(level));
    return {
      scores: s,
      saveProficiencies: ['dex', 'cha'],
      ac: 12 + mod(s.dex), // studded leather
      initiativeExtra: level >= 2 ? Math.floor(prof / 2) : 0, // Jack of All Trades
      actions,
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  };
}

export const bard: ClassDefinition = {
  info: BARD_INFO,
  build: bardBuild({
    casterSetup, healingWord, viciousMockery,
    inspirationNote: 'rather than to one roll of the ally\'s choice',
    danceNote: 'Otto\'s Irresistible Dance allows a first save (the spell allows none) and the dancer still acts, with disadvantage.',
    laterNotes: (level) => (level >= 6 ? ['Countercharm and Magical Secrets are not used.'] : []),
  }),
};
