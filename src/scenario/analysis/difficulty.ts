// The classic difficulty arithmetic, shown beside the simulated answer so a DM can see where it
// misleads: the 2014 DMG's XP thresholds with the monster-count multiplier, and the 2024 DMG's XP
// budget per character. Numbers are the published tables; the logic is ours.

/** XP by challenge rating (SRD 5.1). */
export const XP_BY_CR: Record<string, number> = {
  '0': 10, '1/8': 25, '1/4': 50, '1/2': 100, '1': 200, '2': 450, '3': 700, '4': 1100, '5': 1800, '6': 2300,
  '7': 2900, '8': 3900, '9': 5000, '10': 5900, '11': 7200, '12': 8400, '13': 10000, '14': 11500, '15': 13000,
  '16': 15000, '17': 18000, '18': 20000, '19': 22000, '20': 25000, '21': 33000, '22': 41000, '23': 50000,
  '24': 62000, '25': 75000, '26': 90000, '27': 105000, '28': 120000, '29': 135000, '30': 155000,
};

// 2014 DMG, "XP Thresholds by Character Level": easy, medium, hard, deadly for levels 1 to 20.
const THRESHOLDS_2014: ReadonlyArray<readonly [number, number, number, number]> = [
  [25, 50, 75, 100], [50, 100, 150, 200], [75, 150, 225, 400], [125, 250, 375, 500], [250, 500, 750, 1100],
  [300, 600, 900, 1400], [350, 750, 1100, 1700], [450, 900, 1400, 2100], [550, 1100, 1600, 2400], [600, 1200, 1900, 2800],
  [800, 1600, 2400, 3600], [1000, 2000, 3000, 4500], [1100, 2200, 3400, 5100], [1250, 2500, 3800, 5700], [1400, 2800, 4300, 6400],
  [1600, 3200, 4800, 7200], [2000, 3900, 5900, 8800], [2100, 4200, 6300, 9500], [2400, 4900, 7300, 10900], [2800, 5700, 8500, 12700],
];

// 2024 DMG, "XP Budget per Character": low, moderate, high for levels 1 to 20.
const BUDGET_2024: ReadonlyArray<readonly [number, number, number]> = [
  [50, 75, 100], [100, 150, 200], [150, 225, 400], [250, 375, 500], [500, 750, 1100],
  [600, 1000, 1400], [750, 1300, 1700], [1000, 1700, 2100], [1300, 2000, 2600], [1600, 2300, 3100],
  [1900, 2900, 4100], [2200, 3700, 4700], [2600, 4200, 5400], [2900, 4900, 6200], [3300, 5400, 7800],
  [3800, 6100, 9800], [4500, 7200, 11700], [5000, 8700, 14200], [5500, 10700, 17200], [6400, 13200, 22000],
];

/** The multipliers in order; the party-size rule moves one step along this ladder. */
const MULTIPLIER_LADDER = [0.5, 1, 1.5, 2, 2.5, 3, 4, 5];

export class DifficultyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DifficultyError';
  }
}

/** Throws a DifficultyError naming the first character whose level is not 1 to 20. */
export function checkLevels(levels: number[]): void {
  if (levels.length === 0) throw new DifficultyError('the party has no characters with a level');
  levels.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 1 || l > 20) throw new DifficultyError(`character ${i + 1} has level ${l}; levels run from 1 to 20`);
  });
}

export type Difficulty2014 = 'trivial' | 'easy' | 'medium' | 'hard' | 'deadly';

export interface Rating2014 {
  thresholds: { easy: number; medium: number; hard: number; deadly: number };
  totalXp: number;
  multiplier: number;
  adjustedXp: number;
  difficulty: Difficulty2014;
}

export function thresholds2014(levels: number[]): Rating2014['thresholds'] {
  checkLevels(levels);
  const t = { easy: 0, medium: 0, hard: 0, deadly: 0 };
  for (const l of levels) {
    const [e, m, h, d] = THRESHOLDS_2014[l - 1];
    t.easy += e;
    t.medium += m;
    t.hard += h;
    t.deadly += d;
  }
  return t;
}

/** The 2014 multiplier for the number of monsters, shifted a step for parties under 3 or over 5. */
export function multiplier2014(monsterCount: number, partySize: number): number {
  if (monsterCount <= 0) return 0;
  const step = monsterCount === 1 ? 1 : monsterCount === 2 ? 2 : monsterCount <= 6 ? 3 : monsterCount <= 10 ? 4 : monsterCount <= 14 ? 5 : 6;
  const shift = partySize < 3 ? 1 : partySize >= 6 ? -1 : 0;
  return MULTIPLIER_LADDER[Math.min(MULTIPLIER_LADDER.length - 1, Math.max(0, step + shift))];
}

export function rate2014(levels: number[], monsterXp: number[]): Rating2014 {
  const thresholds = thresholds2014(levels);
  const totalXp = monsterXp.reduce((s, x) => s + x, 0);
  const multiplier = multiplier2014(monsterXp.length, levels.length);
  const adjustedXp = totalXp * multiplier;
  const difficulty: Difficulty2014 =
    adjustedXp >= thresholds.deadly ? 'deadly'
      : adjustedXp >= thresholds.hard ? 'hard'
        : adjustedXp >= thresholds.medium ? 'medium'
          : adjustedXp >= thresholds.easy ? 'easy' : 'trivial';
  return { thresholds, totalXp, multiplier, adjustedXp, difficulty };
}

export type Difficulty2024 = 'low' | 'moderate' | 'high' | 'beyond high';

export interface Rating2024 {
  budget: { low: number; moderate: number; high: number };
  totalXp: number;
  difficulty: Difficulty2024;
}

export function budget2024(levels: number[]): Rating2024['budget'] {
  checkLevels(levels);
  const b = { low: 0, moderate: 0, high: 0 };
  for (const l of levels) {
    const [lo, mo, hi] = BUDGET_2024[l - 1];
    b.low += lo;
    b.moderate += mo;
    b.high += hi;
  }
  return b;
}

/** The least difficulty whose budget the monsters' XP fits within. */
export function rate2024(levels: number[], monsterXp: number[]): Rating2024 {
  const budget = budget2024(levels);
  const totalXp = monsterXp.reduce((s, x) => s + x, 0);
  const difficulty: Difficulty2024 =
    totalXp <= budget.low ? 'low' : totalXp <= budget.moderate ? 'moderate' : totalXp <= budget.high ? 'high' : 'beyond high';
  return { budget, totalXp, difficulty };
}
