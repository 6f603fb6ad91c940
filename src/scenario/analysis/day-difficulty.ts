// The adventuring day as the XP tables see it: the fights' XP added up, against the 2014 DMG's
// budget for a whole day ("Adventuring Day XP"); the 2024 DMG sets no such budget and rates each
// fight on its own, so for 2024 the day is its fights counted by difficulty. Kept apart from
// difficulty.ts, which the first page load carries, since only the Day screen needs it.
import { checkLevels, type Difficulty2014, type Difficulty2024, type Rating2014, type Rating2024 } from './difficulty.ts';

// 2014 DMG, "Adventuring Day XP": the adjusted XP per character that a party can be expected to
// handle between long rests (levels 1 to 20). The 2024 DMG has no such table.
const DAY_XP_2014 = [
  300, 600, 1200, 1700, 3500, 4000, 5000, 6000, 7500, 9000,
  10500, 11500, 13500, 15000, 18000, 20000, 25000, 27000, 30000, 40000,
];

/** The 2014 DMG's adjusted XP budget for a whole adventuring day: each character's figure, added up. */
export function dayBudget2014(levels: number[]): number {
  checkLevels(levels);
  return levels.reduce((sum, l) => sum + DAY_XP_2014[l - 1], 0);
}

export interface DayRating {
  /** Fights rated: those with at least one monster of known XP. */
  rated: number;
  /** The monsters' XP over the day, added up with no multiplier: the 2024 rules' own measure. */
  totalXp: number;
  /** Each fight's 2014 adjusted XP (with the multiplier for its own number of monsters), added up. */
  adjustedXp2014: number;
  /** What the 2014 DMG says such a party can handle in a day, in adjusted XP. */
  budget2014: number;
  /** How many fights each 2014 difficulty has. */
  count2014: Record<Difficulty2014, number>;
  /** How many fights each 2024 difficulty has; the 2024 rules rate fights one by one and set no budget for a day. */
  count2024: Record<Difficulty2024, number>;
}

/** One fight as rated by both editions; null for a fight that could not be rated (no monster of known XP). */
export type RatedFight = { r2014: Rating2014; r2024: Rating2024 } | null;

/**
 * The day as the XP tables see it, from each fight's two ratings (rate2014, rate2024). A fight that
 * could not be rated is left out of every figure.
 */
export function rateDay(levels: number[], fights: ReadonlyArray<RatedFight>): DayRating {
  const budget2014 = dayBudget2014(levels);
  const count2014: Record<Difficulty2014, number> = { trivial: 0, easy: 0, medium: 0, hard: 0, deadly: 0 };
  const count2024: Record<Difficulty2024, number> = { low: 0, moderate: 0, high: 0, 'beyond high': 0 };
  let rated = 0;
  let totalXp = 0;
  let adjustedXp2014 = 0;
  for (const fight of fights) {
    if (!fight) continue;
    rated++;
    totalXp += fight.r2014.totalXp;
    adjustedXp2014 += fight.r2014.adjustedXp;
    count2014[fight.r2014.difficulty]++;
    count2024[fight.r2024.difficulty]++;
  }
  return { rated, totalXp, adjustedXp2014, budget2014, count2014, count2024 };
}
