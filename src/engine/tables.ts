// The small tables of the 5e rules that everything building creatures needs: ability modifiers,
// proficiency bonus by level or challenge rating, the cantrip damage tier, and the spell slot
// tables of the SRD 5.1 (full, half, third, pact and artificer casters). Pure data and arithmetic,
// one copy each, so the class templates, the importers and the engine cannot drift apart.

/** The modifier of an ability score: 10-11 give +0, every two points more or less one step. */
export const abilityModifier = (score: number): number => Math.floor((score - 10) / 2);

/** Proficiency bonus by character level: +2 at levels 1-4, rising by 1 every four levels to +6 at 17-20. */
export const proficiencyBonus = (level: number): number => 2 + Math.floor((level - 1) / 4);

/** Proficiency bonus by challenge rating: +2 up to CR 4 (fractions included), then as by level, to +9 at CR 29-30. */
export const proficiencyBonusForCr = (cr: number): number => (cr < 5 ? 2 : Math.floor((cr - 1) / 4) + 2);

/** How many times a cantrip's damage dice are rolled (or its beams fired) at a character level: 1, 2 at 5th, 3 at 11th, 4 at 17th. */
export const cantripTier = (level: number): number => (level >= 17 ? 4 : level >= 11 ? 3 : level >= 5 ? 2 : 1);

// ------------------------------------------------------------------ spell slots (SRD 5.1 tables)
// Each table has one row per character level (index 0 is level 1): the slots of 1st, 2nd, ... level.

/** The Spellcasting table of bards, clerics, druids, sorcerers and wizards. */
export const FULL_CASTER_SLOTS: readonly (readonly number[])[] = [
  [2], [3], [4, 2], [4, 3], [4, 3, 2], [4, 3, 3], [4, 3, 3, 1], [4, 3, 3, 2], [4, 3, 3, 3, 1], [4, 3, 3, 3, 2],
  [4, 3, 3, 3, 2, 1], [4, 3, 3, 3, 2, 1], [4, 3, 3, 3, 2, 1, 1], [4, 3, 3, 3, 2, 1, 1], [4, 3, 3, 3, 2, 1, 1, 1],
  [4, 3, 3, 3, 2, 1, 1, 1], [4, 3, 3, 3, 2, 1, 1, 1, 1], [4, 3, 3, 3, 3, 1, 1, 1, 1], [4, 3, 3, 3, 3, 2, 1, 1, 1],
  [4, 3, 3, 3, 3, 2, 2, 1, 1],
];

/** Paladins and rangers: no slots at 1st level, then 1st to 5th level slots. */
export const HALF_CASTER_SLOTS: readonly (readonly number[])[] = [
  [], [2], [3], [3], [4, 2], [4, 2], [4, 3], [4, 3], [4, 3, 2], [4, 3, 2],
  [4, 3, 3], [4, 3, 3], [4, 3, 3, 1], [4, 3, 3, 1], [4, 3, 3, 2], [4, 3, 3, 2], [4, 3, 3, 3, 1], [4, 3, 3, 3, 1],
  [4, 3, 3, 3, 2], [4, 3, 3, 3, 2],
];

/** Eldritch Knights and Arcane Tricksters: from 3rd level, 1st to 4th level slots (the full table at a third of the level, rounded up). */
export const THIRD_CASTER_SLOTS: readonly (readonly number[])[] = [
  [], [], [2], [3], [3], [3], [4, 2], [4, 2], [4, 2], [4, 3],
  [4, 3], [4, 3], [4, 3, 2], [4, 3, 2], [4, 3, 2], [4, 3, 3], [4, 3, 3], [4, 3, 3], [4, 3, 3, 1], [4, 3, 3, 1],
];

/** The artificer casts from 1st level, otherwise like a half caster (its table rounds up). */
export const ARTIFICER_SLOTS: readonly (readonly number[])[] = [
  [2], [2], [3], [3], [4, 2], [4, 2], [4, 3], [4, 3], [4, 3, 2], [4, 3, 2],
  [4, 3, 3], [4, 3, 3], [4, 3, 3, 1], [4, 3, 3, 1], [4, 3, 3, 2], [4, 3, 3, 2], [4, 3, 3, 3, 1], [4, 3, 3, 3, 1],
  [4, 3, 3, 3, 2], [4, 3, 3, 3, 2],
];

/** Warlock Pact Magic: how many slots, and their level, by warlock level. */
export const PACT_SLOTS: readonly { slots: number; slotLevel: number }[] = [
  { slots: 1, slotLevel: 1 }, { slots: 2, slotLevel: 1 }, { slots: 2, slotLevel: 2 }, { slots: 2, slotLevel: 2 },
  { slots: 2, slotLevel: 3 }, { slots: 2, slotLevel: 3 }, { slots: 2, slotLevel: 4 }, { slots: 2, slotLevel: 4 },
  { slots: 2, slotLevel: 5 }, { slots: 2, slotLevel: 5 }, { slots: 3, slotLevel: 5 }, { slots: 3, slotLevel: 5 },
  { slots: 3, slotLevel: 5 }, { slots: 3, slotLevel: 5 }, { slots: 3, slotLevel: 5 }, { slots: 3, slotLevel: 5 },
  { slots: 4, slotLevel: 5 }, { slots: 4, slotLevel: 5 }, { slots: 4, slotLevel: 5 }, { slots: 4, slotLevel: 5 },
];
