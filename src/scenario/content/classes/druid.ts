// Druid: the Circle of the Land (SRD) casts Healing Word, Faerie Fire, Moonbeam and Insect
// Plague; the Circle of the Moon fights in Wild Shape, written as the beast's hit points given as
// temporary HP and the beast's attacks.

import {
  byLevel, FULL_CASTER_SLOTS, mod, perShortRest, atWill,
  type AbilityPlan, type ActionInput, type ClassDefinition,
} from './common.ts';
import { casterSetup } from './caster.ts';
import { faerieFire, healingWord, insectPlague, moonbeam, produceFlame } from './spells.ts';

export const PLAN: AbilityPlan = {
  start: { str: 10, dex: 14, con: 14, int: 12, wis: 16, cha: 8 },
  raises: ['wis', 'wis', 'con', 'con', 'dex'],
};

interface Form {
  name: string;
  hp: number;
  attacks: { toHit: number; damage: string; damageType: string; count?: number }[];
}

/** The Moon druid's best combat form by level (SRD stat blocks). */
const FORMS: ReadonlyArray<readonly [number, Form]> = [
  [2, { name: 'Brown Bear', hp: 34, attacks: [{ toHit: 6, damage: '1d8+4', damageType: 'piercing' }, { toHit: 6, damage: '2d6+4', damageType: 'slashing' }] }],
  [6, { name: 'Polar Bear', hp: 42, attacks: [{ toHit: 7, damage: '1d8+5', damageType: 'piercing' }, { toHit: 7, damage: '2d6+5', damageType: 'slashing' }] }],
  // Elemental Wild Shape spends both uses on an earth elemental.
  [10, { name: 'Earth Elemental', hp: 126, attacks: [{ toHit: 8, damage: '2d8+5', damageType: 'bludgeoning', count: 2 }] }],
];

export const druid: ClassDefinition = {
  info: {
    id: 'druid',
    name: 'Druid',
    hitDie: 8,
    summary: 'Land: Moonbeam, Insect Plague and healing; Moon: fights in beast form',
    options: [
      { id: 'land', label: 'Circle of the Land', group: 'circle', description: 'A caster: Healing Word, Faerie Fire, Moonbeam, Insect Plague, Produce Flame.' },
      { id: 'moon', label: 'Circle of the Moon', group: 'circle', minLevel: 2, description: 'Wild Shape as a bonus action into a bear (an earth elemental from 10th level): its HP as temporary HP, its attacks.' },
    ],
    defaultOptions: ['land'],
  },
  build({ level, prof, has }) {
    const { scores: s, caster: c, slots, notes } = casterSetup(PLAN, 'wis', level, prof, FULL_CASTER_SLOTS);
    const actions: ActionInput[] = [healingWord(c)];
    if (has('moon') && level >= 2) {
      const form = byLevel(level, FORMS);
      const uses = level >= 20 ? atWill : perShortRest(level >= 10 ? 1 : 2);
      actions.length = 0;
      actions.push(
        {
          type: 'effect', name: `Wild Shape (${form.name})`, slot: 'bonus', target: 'self', uses,
          effect: { name: 'Wild Shape', duration: { kind: 'encounter' }, tempHp: String(form.hp) },
        },
        { type: 'attack', name: `${form.name} attacks`, attacks: form.attacks.map((a) => ({ ...a, reach: 'melee' })) },
      );
      notes.push('Wild Shape is written as the beast\'s HP given as temporary HP and the beast\'s attacks; the druid keeps its own AC and saves, and keeps the beast\'s attacks after the form\'s HP is gone.');
      notes.push('In Wild Shape the druid casts no spells (no healing); one form per fight.');
    } else {
      if (level >= 9) actions.push(insectPlague(c));
      if (level >= 3) actions.push(moonbeam(c));
      actions.push(faerieFire(c), produceFlame(c));
      notes.push('Moonbeam stays on one enemy (it is not moved between targets); zones hurt the enemies they were put on, whatever their movement.');
      if (level >= 2) notes.push('Wild Shape is not used by the Circle of the Land.');
    }
    if (level >= 18) notes.push('Beast Spells and Timeless Body are not simulated.');
    return {
      scores: s,
      saveProficiencies: ['int', 'wis'],
      ac: 12 + Math.min(2, mod(s.dex)) + 2, // hide armor and a wooden shield
      actions,
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
