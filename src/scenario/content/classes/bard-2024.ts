// Bard of the College of Lore (SRD 5.2): Bardic Inspiration, Vicious Mockery at its 2024 d6,
// Healing Word at 2d4, Faerie Fire, Shatter, Hypnotic Pattern, Irresistible Dance.

import {
  byLevel, FULL_CASTER_SLOTS, mod, perLongRest, perShortRest, type ActionInput, type ClassDefinition,
} from './common.ts';
import { PLAN } from './bard.ts';
import { casterSetup2024, healingWord2024, viciousMockery2024 } from './edition-2024.ts';
import { HOLD_PERSON_OPTION, AREA_SPELLS, areaSpell, faerieFire, holdPerson, hypnoticPattern } from './spells.ts';

const INSPIRATION_DIE: ReadonlyArray<readonly [number, string]> = [[1, '1d6'], [5, '1d8'], [10, '1d10'], [15, '1d12']];

export const bard2024: ClassDefinition = {
  info: {
    id: 'bard',
    name: 'Bard',
    hitDie: 8,
    summary: 'Support caster: Bardic Inspiration, Healing Word, Faerie Fire, Hypnotic Pattern',
    options: [
      HOLD_PERSON_OPTION,
    ],
    defaultOptions: [],
  },
  build({ level, prof, has }) {
    const { scores: s, abilityMod: cha, caster: c, slots, notes } = casterSetup2024(PLAN, 'cha', level, prof, FULL_CASTER_SLOTS);
    const inspirations = Math.max(1, cha);
    const actions: ActionInput[] = [
      healingWord2024(c),
      {
        type: 'effect', name: 'Bardic Inspiration', slot: 'bonus', target: 'allies',
        // Font of Inspiration (5th level): the uses come back on a short rest.
        uses: level >= 5 ? perShortRest(inspirations) : perLongRest(inspirations),
        effect: { name: 'Bardic Inspiration', duration: { kind: 'rounds', rounds: 1 }, attackBonus: byLevel(level, INSPIRATION_DIE) },
      },
    ];
    notes.push('Bardic Inspiration adds its die to every attack roll of one ally until the bard\'s next turn, rather than to one failed d20 test of the ally\'s.');
    if (level >= 11) {
      actions.push({
        type: 'effect', name: 'Irresistible Dance', target: 'enemies', enemyTargeting: 'highest-damage', save: { ability: 'wis', dc: c.dc },
        spell: { level: 6, concentration: true },
        effect: {
          name: 'Irresistible Dance', duration: { kind: 'rounds', rounds: 10 }, attacksBy: 'disadvantage', attacksAgainst: 'advantage', saveEnds: true,
        },
      });
      notes.push('Irresistible Dance: the dancer still acts, with disadvantage; its disadvantage on Dexterity saves is not simulated.');
    }
    if (level >= 5) actions.push(hypnoticPattern(c));
    if (has('hold-person') && level >= 3) actions.push(holdPerson(c));
    actions.push(faerieFire(c));
    if (level >= 3) actions.push(areaSpell(AREA_SPELLS.shatter, c));
    actions.push(viciousMockery2024(c));
    if (level >= 3) notes.push('Cutting Words is not simulated.');
    if (level >= 6) notes.push('Magical Discoveries and Countercharm are not used.');
    if (level >= 18) notes.push('Superior Inspiration (uses back on rolling initiative) is not counted.');
    if (level >= 20) notes.push('Words of Creation is not used.');
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
  },
};
