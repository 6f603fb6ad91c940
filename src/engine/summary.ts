// Turns an aggregate into the numbers people read: probabilities with Wilson intervals, means,
// percentiles from the exact histograms, and the run indices of representative runs.

import { SEVERITY_BINS, TRACKED_ROUNDS, type Aggregate, type AggregateLayout, type SideHpTrack, type SummonedEnemy } from './stats.ts';

const Z95 = 1.959963984540054;

export interface Proportion {
  /** Successes. */
  count: number;
  /** Trials. */
  n: number;
  p: number;
  /** Wilson score interval at 95%. */
  ci95: [number, number];
}

export function wilson(count: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function proportion(count: number, n: number): Proportion {
  return { count, n, p: n > 0 ? count / n : 0, ci95: wilson(count, n) };
}

/** The smallest bin index whose cumulative count reaches fraction q of the total (nearest rank). */
export function histogramQuantile(hist: number[], q: number): number {
  let total = 0;
  for (const c of hist) total += c;
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let cum = 0;
  for (let i = 0; i < hist.length; i++) {
    cum += hist[i];
    if (cum >= rank) return i;
  }
  return hist.length - 1;
}

export interface HpPoint {
  round: number;
  /** Mean HP as a fraction of the side's maximum. */
  mean: number;
  p10: number;
  p90: number;
}

export interface CreatureSummary {
  name: string;
  damageDealt: number;
  damageTaken: number;
  healingDone: number;
  /** Mean uses per run of each action, by action name (duplicate names are numbered). */
  actionUses: Array<{ action: string; mean: number }>;
}

export interface CharacterSummary extends CreatureSummary {
  down: Proportion;
  death: Proportion;
  downsMean: number;
  hitDiceSpent: number;
}

export interface EnemySummary extends CreatureSummary {
  killed: Proportion;
  /** What summoned it, when it was summoned (the layout's `summoned`). */
  summoned?: SummonedEnemy;
  /** A summoned creature held in reserve: the fights reached in which it came (absent when not recorded). */
  arrived?: Proportion;
}

export interface EncounterSummary {
  name: string;
  reached: number;
  /** Conditional on reaching this encounter. */
  victory: Proportion;
  defeat: Proportion;
  draw: Proportion;
  rounds: { mean: number; histogram: number[] };
  partyHp: HpPoint[];
  enemyHp: HpPoint[];
  enemies: EnemySummary[];
}

export interface RepresentativeRuns {
  worst: number;
  /** The run at the party's 5th percentile: only 5% of runs went worse. */
  p5: number;
  p50: number;
  p95: number;
  best: number;
  /** The first run (lowest index) that ended in defeat, or -1. */
  firstDefeat: number;
}

export interface Summary {
  runs: number;
  day: { victory: Proportion; defeat: Proportion; draw: Proportion };
  deaths: { expected: number; sd: number; anyP: number; any: Proportion };
  /** Days in which at least one character dropped to 0 HP; null for results that did not count it. */
  someoneDown: Proportion | null;
  rounds: { mean: number; histogram: number[] };
  partyHpEnd: { mean: number; max: number; p10: number; p50: number; p90: number };
  encounters: EncounterSummary[];
  characters: CharacterSummary[];
  representatives: RepresentativeRuns;
}

function hpSeries(track: SideHpTrack, runs: number): HpPoint[] {
  const out: HpPoint[] = [];
  for (let r = 0; r <= TRACKED_ROUNDS; r++) {
    out.push({
      round: r,
      mean: runs > 0 ? track.basisPointSum[r] / runs / 10000 : 0,
      p10: histogramQuantile(track.percentHist[r], 0.1) / 100,
      p90: histogramQuantile(track.percentHist[r], 0.9) / 100,
    });
  }
  return out;
}

function uses(names: string[], totals: number[], runs: number): Array<{ action: string; mean: number }> {
  const seen = new Map<string, number>();
  return names.map((name, i) => {
    const k = (seen.get(name) ?? 0) + 1;
    seen.set(name, k);
    return { action: k > 1 ? `${name} (${k})` : name, mean: runs > 0 ? totals[i] / runs : 0 };
  });
}

function trimHistogram(hist: number[]): number[] {
  let end = hist.length;
  while (end > 1 && hist[end - 1] === 0) end--;
  return hist.slice(0, end);
}

function summonedOf(summoned: SummonedEnemy | null | undefined, arrivedRuns: number | undefined, reached: number): Pick<EnemySummary, 'summoned' | 'arrived'> {
  if (!summoned) return {};
  return arrivedRuns === undefined ? { summoned } : { summoned, arrived: proportion(arrivedRuns, reached) };
}

export function summarize(agg: Aggregate, layout: AggregateLayout): Summary {
  const n = agg.runs;
  const mean = (x: number, over = n) => (over > 0 ? x / over : 0);
  const deathsMean = mean(agg.deathsSum);
  const deathsVar = n > 1 ? Math.max(0, (agg.deathsSquaresSum - n * deathsMean * deathsMean) / (n - 1)) : 0;
  const severityRun = (q: number) => {
    if (n === 0) return -1;
    const bin = histogramQuantile(agg.severityHist, q);
    return agg.severityFirstRun[Math.min(bin, SEVERITY_BINS - 1)];
  };
  return {
    runs: n,
    day: {
      victory: proportion(agg.dayVictory, n),
      defeat: proportion(agg.dayDefeat, n),
      draw: proportion(agg.dayDraw, n),
    },
    deaths: { expected: deathsMean, sd: Math.sqrt(deathsVar), anyP: mean(agg.anyDeathRuns), any: proportion(agg.anyDeathRuns, n) },
    someoneDown: agg.anyDownRuns === undefined ? null : proportion(agg.anyDownRuns, n),
    rounds: { mean: mean(agg.dayRoundsSum), histogram: trimHistogram(agg.dayRoundsHist) },
    partyHpEnd: {
      mean: mean(agg.partyHpEndSum),
      max: layout.partyHpMax,
      p10: histogramQuantile(agg.partyHpEndHist, 0.1),
      p50: histogramQuantile(agg.partyHpEndHist, 0.5),
      p90: histogramQuantile(agg.partyHpEndHist, 0.9),
    },
    encounters: agg.encounters.map((e, i) => ({
      name: layout.encounters[i].name,
      reached: e.reached,
      victory: proportion(e.victory, e.reached),
      defeat: proportion(e.defeat, e.reached),
      draw: proportion(e.draw, e.reached),
      rounds: { mean: mean(e.roundsSum, e.reached), histogram: trimHistogram(e.roundsHist) },
      partyHp: hpSeries(e.partyHp, e.reached),
      enemyHp: hpSeries(e.enemyHp, e.reached),
      enemies: e.enemies.map((t, j) => ({
        name: layout.encounters[i].enemies[j],
        damageDealt: mean(t.damageDealt, e.reached),
        damageTaken: mean(t.damageTaken, e.reached),
        healingDone: mean(t.healingDone, e.reached),
        actionUses: uses(layout.encounters[i].enemyActions[j], t.actionUses, e.reached),
        killed: proportion(t.killedRuns, e.reached),
        ...summonedOf(layout.encounters[i].summoned?.[j], t.arrivedRuns, e.reached),
      })),
    })),
    characters: agg.characters.map((c, i) => ({
      name: layout.party[i],
      damageDealt: mean(c.damageDealt),
      damageTaken: mean(c.damageTaken),
      healingDone: mean(c.healingDone),
      actionUses: uses(layout.partyActions[i], c.actionUses, n),
      down: proportion(c.downRuns, n),
      death: proportion(c.deathRuns, n),
      downsMean: mean(c.downs),
      hitDiceSpent: mean(c.hitDiceSpent),
    })),
    representatives: {
      worst: agg.worst ? agg.worst.run : -1,
      p5: severityRun(0.95),
      p50: severityRun(0.5),
      p95: severityRun(0.05),
      best: agg.best ? agg.best.run : -1,
      firstDefeat: agg.firstDefeatRun,
    },
  };
}
