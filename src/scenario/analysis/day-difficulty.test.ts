import { describe, expect, it } from 'vitest';
import { dayBudget2014, rateDay, type RatedFight } from './day-difficulty.ts';
import { budget2024, rate2014, rate2024, thresholds2014, XP_BY_CR } from './difficulty.ts';

/** A fight rated by both editions from its monsters' XP, as the screens rate it; none when no XP is known. */
const fights = (levels: number[], xp: number[][]): RatedFight[] => xp.map((x) => (x.length === 0 ? null : { r2014: rate2014(levels, x), r2024: rate2024(levels, x) }));

// The day as a whole. Every number below was worked out by hand from the DMG tables:
//   2014 "XP Thresholds by Character Level" (easy / medium / hard / deadly per character),
//   2014 "Adventuring Day XP" (adjusted XP per character per day),
//   2014 "Encounter Multipliers" (x1 for one monster, x1.5 for two, x2 for 3-6, x2.5 for 7-10...,
//        one step up for a party under three, one step down for six or more),
//   2024 "XP Budget per Character" (low / moderate / high per character).
describe('2014 DMG adventuring day and the day as a whole', () => {
  it('reads the Adventuring Day XP table per character and adds up the party', () => {
    // Level 1: 300; level 5: 3,500; level 10: 9,000; level 20: 40,000 (DMG p. 84).
    expect(dayBudget2014([1])).toBe(300);
    expect(dayBudget2014([10])).toBe(9000);
    expect(dayBudget2014([20])).toBe(40000);
    // Four level-5 characters: 4 x 3,500 = 14,000.
    expect(dayBudget2014([5, 5, 5, 5])).toBe(14000);
    expect(() => dayBudget2014([0])).toThrow(/character 1 has level 0/);
  });

  it('worked example 1: four level-5 characters against three ogres', () => {
    // Thresholds: 4 x (250 / 500 / 750 / 1,100) = 1,000 / 2,000 / 3,000 / 4,400.
    // Three ogres (CR 2, 450 XP each): 1,350 XP; 3 monsters -> x2 -> 2,700 adjusted XP:
    // at least Medium (2,000), under Hard (3,000): Medium.
    // 2024 budget: 4 x (500 / 750 / 1,100) = 2,000 / 3,000 / 4,400; 1,350 <= 2,000: Low.
    // The day: 2,700 of a 14,000 budget (4 x 3,500).
    const party = [5, 5, 5, 5];
    const ogres = [450, 450, 450];
    expect(thresholds2014(party)).toEqual({ easy: 1000, medium: 2000, hard: 3000, deadly: 4400 });
    const r = rate2014(party, ogres);
    expect([r.totalXp, r.multiplier, r.adjustedXp, r.difficulty]).toEqual([1350, 2, 2700, 'medium']);
    expect(rate2024(party, ogres).difficulty).toBe('low');
    expect(rateDay(party, fights(party, [ogres]))).toEqual({
      rated: 1, totalXp: 1350, adjustedXp2014: 2700, budget2014: 14000,
      count2014: { trivial: 0, easy: 0, medium: 1, hard: 0, deadly: 0 },
      count2024: { low: 1, moderate: 0, high: 0, 'beyond high': 0 },
    });
  });

  it('worked example 2: four level-4 characters, a day of one ogre, three ogres, then a CR 8 monster', () => {
    // Thresholds: 4 x (125 / 250 / 375 / 500) = 500 / 1,000 / 1,500 / 2,000.
    // 2024 budget: 4 x (250 / 375 / 500) = 1,000 / 1,500 / 2,000. Day budget: 4 x 1,700 = 6,800.
    // Fight 1, one ogre: 450 x 1 = 450 adjusted, under Easy (500): Trivial. 2024: 450 <= 1,000: Low.
    // Fight 2, three ogres: 1,350 x 2 = 2,700 adjusted, over Deadly (2,000): Deadly. 2024: 1,350 <= 1,500: Moderate.
    // Fight 3, one CR 8 monster (3,900 XP): 3,900 x 1 = 3,900: Deadly. 2024: over High (2,000): Beyond High.
    // The day: 450 + 1,350 + 3,900 = 5,700 XP; adjusted 450 + 2,700 + 3,900 = 7,050, over the 6,800 budget.
    const party = [4, 4, 4, 4];
    const day = rateDay(party, fights(party, [[450], [450, 450, 450], [XP_BY_CR['8']]]));
    expect(day).toEqual({
      rated: 3, totalXp: 5700, adjustedXp2014: 7050, budget2014: 6800,
      count2014: { trivial: 1, easy: 0, medium: 0, hard: 0, deadly: 2 },
      count2024: { low: 1, moderate: 1, high: 0, 'beyond high': 1 },
    });
    // One ogre to three moves both scales up.
    expect(rate2014(party, [450]).difficulty).toBe('trivial');
    expect(rate2014(party, [450, 450, 450]).difficulty).toBe('deadly');
    expect(rate2024(party, [450]).difficulty).toBe('low');
    expect(rate2024(party, [450, 450, 450]).difficulty).toBe('moderate');
  });

  it('worked example 3: the DMG party of three level-3 and one level-2 character, with an empty fight left out', () => {
    // Thresholds: 3 x (75 / 150 / 225 / 400) + (50 / 100 / 150 / 200) = 275 / 550 / 825 / 1,400.
    // 2024 budget: 3 x (150 / 225 / 400) + (100 / 150 / 200) = 550 / 825 / 1,400.
    // Day budget: 3 x 1,200 + 600 = 4,200.
    // Fight 1, four goblins (50 XP each): 200 XP; 4 monsters -> x2 -> 400 adjusted: Easy (275 to 549). 2024: 200 <= 550: Low.
    // Fight 2, nothing of known XP: left out of every figure.
    // Fight 3, one CR 3 monster (700 XP): 700 x 1 = 700: Medium (550 to 824). 2024: 700 <= 825: Moderate.
    // The day: 200 + 700 = 900 XP; adjusted 400 + 700 = 1,100 of 4,200.
    const party = [3, 3, 3, 2];
    expect(budget2024(party)).toEqual({ low: 550, moderate: 825, high: 1400 });
    expect(rateDay(party, fights(party, [[50, 50, 50, 50], [], [XP_BY_CR['3']]]))).toEqual({
      rated: 2, totalXp: 900, adjustedXp2014: 1100, budget2014: 4200,
      count2014: { trivial: 0, easy: 1, medium: 1, hard: 0, deadly: 0 },
      count2024: { low: 1, moderate: 1, high: 0, 'beyond high': 0 },
    });
  });

  it('worked example 4: a party of two pays the small-party step on the multiplier, for the day too', () => {
    // Two level-1 characters: thresholds 2 x (25 / 50 / 75 / 100) = 50 / 100 / 150 / 200; day budget 2 x 300 = 600.
    // Two wolves (50 XP each): 100 XP; two monsters are x1.5, one step up for a party under three: x2 -> 200: Deadly.
    // 2024: budget 2 x (50 / 75 / 100) = 100 / 150 / 200; 100 <= 100: Low.
    const day = rateDay([1, 1], fights([1, 1], [[50, 50]]));
    expect([day.adjustedXp2014, day.budget2014, day.count2014.deadly, day.count2024.low]).toEqual([200, 600, 1, 1]);
  });

  it('a day with no fight of known XP rates nothing but still has its budget', () => {
    expect(rateDay([5, 5, 5, 5], [null, null])).toMatchObject({ rated: 0, totalXp: 0, adjustedXp2014: 0, budget2014: 14000 });
  });
});
