import { describe, expect, it } from 'vitest';
import { budget2024, DifficultyError, multiplier2014, rate2014, rate2024, thresholds2014, XP_BY_CR } from './difficulty.ts';

describe('2014 DMG encounter difficulty', () => {
  it('adds the thresholds of a mixed party (the DMG example: three 3rd-level and one 2nd-level character)', () => {
    expect(thresholds2014([3, 3, 3, 2])).toEqual({ easy: 275, medium: 550, hard: 825, deadly: 1400 });
  });

  it('multiplies by monster count and shifts for small and large parties', () => {
    expect([1, 2, 3, 6, 7, 10, 11, 14, 15, 30].map((n) => multiplier2014(n, 4))).toEqual([1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 4, 4]);
    expect(multiplier2014(1, 2)).toBe(1.5);
    expect(multiplier2014(15, 1)).toBe(5);
    expect(multiplier2014(1, 6)).toBe(0.5);
    expect(multiplier2014(4, 7)).toBe(1.5);
  });

  it('rates an encounter: four monsters worth 500 XP count as 1,000 adjusted XP', () => {
    const r = rate2014([3, 3, 3, 2], [125, 125, 125, 125]);
    expect(r.totalXp).toBe(500);
    expect(r.multiplier).toBe(2);
    expect(r.adjustedXp).toBe(1000);
    expect(r.difficulty).toBe('hard');
  });

  it('a lone young red dragon (CR 10) against four 5th-level characters is deadly on paper', () => {
    const r = rate2014([5, 5, 5, 5], [XP_BY_CR['10']]);
    expect(r.adjustedXp).toBe(5900);
    expect(r.thresholds.deadly).toBe(4400);
    expect(r.difficulty).toBe('deadly');
  });

  it('says which level is wrong', () => {
    expect(() => thresholds2014([5, 21])).toThrow(DifficultyError);
    expect(() => thresholds2014([5, 21])).toThrow(/character 2 has level 21/);
    expect(() => thresholds2014([])).toThrow(/no characters/);
  });
});

describe('2024 DMG XP budget', () => {
  it('multiplies the per-character budget by the party (four 1st-level characters: 200 / 300 / 400)', () => {
    expect(budget2024([1, 1, 1, 1])).toEqual({ low: 200, moderate: 300, high: 400 });
    expect(budget2024([20])).toEqual({ low: 6400, moderate: 13200, high: 22000 });
  });

  it('rates by the least budget the XP fits in', () => {
    const party = [5, 5, 5, 5]; // low 2000, moderate 3000, high 4400
    expect(rate2024(party, [1800]).difficulty).toBe('low');
    expect(rate2024(party, [2000]).difficulty).toBe('low');
    expect(rate2024(party, [2300, 450]).difficulty).toBe('moderate');
    expect(rate2024(party, [2900, 1100]).difficulty).toBe('high');
    expect(rate2024(party, [XP_BY_CR['10']]).difficulty).toBe('beyond high');
  });
});
