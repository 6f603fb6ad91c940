// Druid of the Circle of the Land (SRD 5.2, temperate land): Primal Order (Warden: armor),
// Healing Word at 2d4, Faerie Fire, Moonbeam, Lightning Bolt, Insect Plague, Land's Aid spending
// Wild Shape uses, Produce Flame with Potent Spellcasting from 7th level.

import {
  byLevel, FULL_CASTER_SLOTS, mod, type ActionInput, type ClassDefinition,
} from './common.ts';
import { PLAN } from './druid.ts';
import { casterSetup2024, healingWord2024, oneBackOnShortRest } from './edition-2024.ts';
import { AREA_SPELLS, AREA_TARGETS, areaSpell, attackCantrip, faerieFire, insectPlague, moonbeam, produceFlame } from './spells.ts';

const WILD_SHAPE: ReadonlyArray<readonly [number, number]> = [[1, 0], [2, 2], [6, 3], [17, 4]];
const LANDS_AID: ReadonlyArray<readonly [number, string]> = [[3, '2d6'], [10, '3d6'], [14, '4d6']];

export const druid2024: ClassDefinition = {
  info: {
    id: 'druid',
    name: 'Druid',
    hitDie: 8,
    summary: 'Circle of the Land: Moonbeam, Lightning Bolt, Insect Plague, Land\'s Aid and Healing Word',
    options: [],
    defaultOptions: [],
  },
  build({ level, prof }) {
    const { scores: s, abilityMod: wis, caster: c, slots, notes } = casterSetup2024(PLAN, 'wis', level, prof, FULL_CASTER_SLOTS);
    const actions: ActionInput[] = [healingWord2024(c)];
    if (level >= 9) actions.push(insectPlague(c));
    if (level >= 3) actions.push(moonbeam(c));
    if (level >= 5) actions.push(areaSpell(AREA_SPELLS.lightningBolt, c));
    if (level >= 3) {
      const damage = byLevel(level, LANDS_AID);
      actions.push(...oneBackOnShortRest(byLevel(level, WILD_SHAPE), (uses, name) => ({
        type: 'save', name: name('Land\'s Aid'), uses, condition: 'enemy-count-multiple', dc: c.dc, ability: 'con',
        damage, damageType: 'necrotic', onSuccess: 'half', targets: AREA_TARGETS.shatter,
      })));
      notes.push('Land\'s Aid spends Wild Shape uses (one back on a short rest) on its necrotic burst when two or more enemies stand; its healing of one creature is not simulated.');
    }
    // Elemental Fury (7th): Potent Spellcasting adds Wisdom to cantrip damage.
    actions.push(faerieFire(c), level >= 7 ? attackCantrip('Produce Flame', '1d8', 'fire', c, wis) : produceFlame(c));
    notes.push('Circle of the Land takes temperate land (Lightning Bolt at 5th level); Moonbeam stays on one enemy, and zones hurt the enemies they were put on, whatever their movement.');
    if (level >= 2) notes.push('Wild Shape is not used to fight: its uses go to Land\'s Aid.');
    if (level >= 7) notes.push('Elemental Fury is taken as Potent Spellcasting (Wisdom added to Produce Flame).');
    if (level >= 6) notes.push('Natural Recovery, Nature\'s Ward and Nature\'s Sanctuary are not simulated.');
    if (level >= 18) notes.push('Beast Spells and Archdruid are not simulated.');
    return {
      scores: s,
      saveProficiencies: ['int', 'wis'],
      ac: 12 + Math.min(2, mod(s.dex)) + 2, // Primal Order (Warden): hide armor and a shield
      actions,
      spellSlots: slots,
      caster: 'full',
      approximations: notes,
    };
  },
};
