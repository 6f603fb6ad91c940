// The 5e tables of engine/tables.ts that the templates and importers share.
import { describe, expect, it } from 'vitest';
import { casterSlots } from '../../../engine/compile.ts';
import {
  abilityModifier, cantripTier, FULL_CASTER_SLOTS, proficiencyBonus, proficiencyBonusForCr, THIRD_CASTER_SLOTS,
} from '../../../engine/tables.ts';

const levels = Array.from({ length: 20 }, (_, i) => i + 1);

describe('engine/tables', () => {
  it('ability modifiers round down', () => {
    expect([1, 3, 8, 9, 10, 11, 12, 15, 20, 30].map(abilityModifier)).toEqual([-5, -4, -1, -1, 0, 0, 1, 2, 5, 10]);
  });

  it('proficiency bonus by level and by challenge rating', () => {
    expect(levels.map(proficiencyBonus)).toEqual(levels.map((l) => Math.ceil(l / 4) + 1));
    expect([0, 0.25, 1, 4, 5, 8, 9, 16, 17, 28, 29, 30].map(proficiencyBonusForCr)).toEqual([2, 2, 2, 2, 3, 3, 4, 5, 6, 8, 9, 9]);
  });

  it('cantrip tiers step up at levels 5, 11 and 17', () => {
    expect(levels.map(cantripTier)).toEqual(levels.map((l) => (l < 5 ? 1 : l < 11 ? 2 : l < 17 ? 3 : 4)));
  });

  it('the full and third caster tables give the slots the engine compiles', () => {
    const padded = (row: readonly number[]) => [...row, ...new Array<number>(9 - row.length).fill(0)];
    for (const level of levels) {
      expect(padded(FULL_CASTER_SLOTS[level - 1])).toEqual(casterSlots('full', level));
      expect(padded(THIRD_CASTER_SLOTS[level - 1])).toEqual(casterSlots('third', level));
    }
  });
});
