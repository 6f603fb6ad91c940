// The How many? search: sequential stopping on synthetic aggregates, the search against the true
// answer of synthetic risk curves, checkpoints, and the real engine against a brute-force
// evaluation of every count at a fixed number of runs.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScenario, emptyAggregate, runChunk, Simulator, simulate, type Aggregate, type ScenarioSpec } from '../../engine/index.ts';
import { attackAction, character, creature, encounter, scenario, weapon } from '../../engine/test-support.ts';
import { BAND_PRESETS, checkBand, customBand, measureCounts, type Band, type BandCheck, type Measure, type MeasureCounts } from './bands.ts';
import {
  howMany, howManyQuery, incrementalEvaluator, nextEvaluation, recordEvaluation, specForCount, emptyState,
  type Evaluator, type HowManyResult, type HowManyState,
} from './how-many.ts';

/** A party of two against `count` wolves: fast, and deadly enough to cross every band from 1 to 10. */
const wolves = (count = 1): ScenarioSpec => scenario(
  [
    character('Fighter', { hp: 28, ac: 16, actions: [attackAction('Sword', [weapon(5, '1d8+3', { count: 2 })])] }),
    character('Archer', { hp: 20, ac: 14, actions: [attackAction('Bow', [weapon(6, '1d8+3', { reach: 'ranged' })])] }),
  ],
  [encounter('Wolves', [creature('Wolf', { count, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')], { targeting: 'random' })] })])],
);

const LAYOUT = compileScenario(wolves()).layout;
const countOf = (spec: ScenarioSpec) => spec.encounters[0].enemies[0].count;

type Curve = (count: number) => Partial<Record<Measure, number>>;

/** An evaluator that needs no engine: each count's proportions come from `curve`, exactly. */
function curveEvaluator(curve: Curve, calls: Array<{ count: number; runs: number }> = []): Evaluator {
  return async (spec, _seed, runs) => {
    const count = countOf(spec);
    calls.push({ count, runs });
    const p = curve(count);
    const k = (x: number) => Math.round(x * runs);
    const agg: Aggregate = emptyAggregate(LAYOUT);
    agg.runs = runs;
    agg.dayDefeat = k(p.tpk ?? 0);
    agg.dayVictory = runs - agg.dayDefeat;
    agg.anyDeathRuns = k(p.dies ?? 0);
    agg.anyDownRuns = k(p.down ?? 0);
    return agg;
  };
}

const SCHEDULE = [250, 500, 1000, 2000, 4000, 8000];
const CAP = SCHEDULE[SCHEDULE.length - 1];

describe('sequential stopping', () => {
  const query = (band: Band) => howManyQuery(wolves(), { encounter: 0, enemy: 0, band, maxCount: 1, schedule: SCHEDULE });

  it('stops after the first batch when the fight is clearly in the band', async () => {
    const calls: Array<{ count: number; runs: number }> = [];
    const result = await howMany(wolves(), query(BAND_PRESETS.hard), curveEvaluator(() => ({ down: 0.9, dies: 0, tpk: 0 }), calls));
    expect(calls).toEqual([{ count: 1, runs: 250 }]);
    expect(result.trials[0]).toMatchObject({ count: 1, runs: 250, position: 'in', done: true });
    expect(result.smallest).toBe(1);
    expect(result.undecided).toEqual([]);
  });

  it('stops early when clearly out, too', async () => {
    const calls: Array<{ count: number; runs: number }> = [];
    await howMany(wolves(), query(BAND_PRESETS.hard), curveEvaluator(() => ({ down: 0.99, dies: 0.5, tpk: 0.4 }), calls));
    expect(calls).toEqual([{ count: 1, runs: 250 }]);
  });

  it('takes more batches the closer the fight is to an edge', async () => {
    const calls: Array<{ count: number; runs: number }> = [];
    // 53% against a 50% edge: the interval is about ±3.1 points at 1,000 runs, ±2.2 at 2,000.
    await howMany(wolves(), query(BAND_PRESETS.hard), curveEvaluator(() => ({ down: 0.53, dies: 0, tpk: 0 }), calls));
    expect(calls.map((c) => c.runs)).toEqual([250, 500, 1000, 2000]);
  });

  it('runs to the cap on a fight sitting on the edge, and says it is undecided', async () => {
    const calls: Array<{ count: number; runs: number }> = [];
    const result = await howMany(wolves(), query(BAND_PRESETS.hard), curveEvaluator(() => ({ down: 0.5, dies: 0, tpk: 0 }), calls));
    expect(calls.map((c) => c.runs)).toEqual(SCHEDULE);
    expect(result.trials[0]).toMatchObject({ runs: CAP, position: 'undecided', pointPosition: 'in', done: true });
    expect(result.trials[0].batches.map((b) => b.position)).toEqual(SCHEDULE.map(() => 'undecided'));
    // The answer then rests on the point estimate, and says so.
    expect(result.smallest).toBe(1);
    expect(result.undecided).toEqual([1]);
  });
});

/** Where each count truly is, from the curve's exact proportions (what infinitely many runs would say). */
function truth(curve: Curve, band: Band, n: number): { firstNotBelow: number | null; lastNotAbove: number | null } {
  const checks = Array.from({ length: n }, (_, i) => checkBand(band, {
    runs: 1e12, victory: 0, tpk: (curve(i + 1).tpk ?? 0) * 1e12, dies: (curve(i + 1).dies ?? 0) * 1e12, down: (curve(i + 1).down ?? 0) * 1e12,
  }).pointPosition);
  const first = checks.findIndex((p) => p === 'in' || p === 'above');
  const firstAbove = checks.findIndex((p) => p === 'above' || p === 'mixed');
  return { firstNotBelow: first < 0 ? null : first + 1, lastNotAbove: firstAbove === 0 ? null : firstAbove < 0 ? n : firstAbove };
}

describe('the search against the true answer of synthetic risk curves', () => {
  // Rising curves: each measure a non-decreasing sequence over counts 1..N, built from random steps.
  const rising = (n: number) => fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: n, maxLength: n })
    .map((steps) => steps.reduce<number[]>((acc, s) => [...acc, Math.min(1, (acc.at(-1) ?? 0) + s)], []));

  it('finds the edges of every preset whenever the counts next to them are decided', async () => {
    const N = 16;
    await fc.assert(fc.asyncProperty(rising(N), rising(N), rising(N), fc.constantFrom('easy', 'medium', 'hard', 'deadly'), async (down, diesRaw, tpkRaw, id) => {
      // Deaths need a drop, and a wipe ends in deaths: keep tpk <= dies <= down.
      const dies = diesRaw.map((d, i) => Math.min(d, down[i]));
      const tpk = tpkRaw.map((t, i) => Math.min(t, dies[i]));
      const curve: Curve = (c) => ({ down: down[c - 1], dies: dies[c - 1], tpk: tpk[c - 1] });
      const band = BAND_PRESETS[id as keyof typeof BAND_PRESETS];
      const q = howManyQuery(wolves(), { encounter: 0, enemy: 0, band, maxCount: N, schedule: SCHEDULE });
      const result = await howMany(wolves(), q, curveEvaluator(curve));
      const want = truth(curve, band, N);
      // An edge may differ from the truth only where the search could not decide at the cap.
      const got = { firstNotBelow: result.firstNotBelow, lastNotAbove: result.lastNotAbove };
      expect(result.undecided.length > 0 ? want : got).toEqual(want);
      expect(result.contradictions).toEqual([]);
      // Bisection, not a scan: never more than about 2 log2(N) + 4 counts.
      expect(result.trials.length).toBeLessThanOrEqual(12);
    }), { numRuns: 150, seed: 4 });
  });

  it('says when no count is in the band, and why', async () => {
    const run = async (curve: Curve) => howMany(wolves(), howManyQuery(wolves(), { encounter: 0, enemy: 0, band: BAND_PRESETS.hard, maxCount: 10, schedule: SCHEDULE }), curveEvaluator(curve));
    const tooSafe = await run(() => ({ down: 0.1 }));
    expect(tooSafe).toMatchObject({ smallest: null, largest: null, none: 'every count up to 10 is below the band (too safe)' });
    const tooHard = await run(() => ({ down: 1, dies: 0.5, tpk: 0.5 }));
    expect(tooHard).toMatchObject({ smallest: null, largest: null, none: 'even 1 is above the band (too dangerous)' });
    // From too safe straight to too dangerous: 3 has down 0.4 (too safe) and a 5% wipe rate (too dangerous).
    const jump = await run((c) => (c < 3 ? { down: 0.1 * c } : c === 3 ? { down: 0.4, dies: 0.05, tpk: 0.05 } : { down: 1, dies: 0.5, tpk: 0.5 }));
    expect(jump).toMatchObject({ smallest: null, largest: null, none: 'no count is in the band: 3 and fewer are too safe, 3 and more too dangerous' });
  });

  it('reports counts that contradict a risk rising with the count', async () => {
    // 1 is in the band, 2 below it: a curve no monotone model explains.
    const curve: Curve = (c) => (c === 1 ? { down: 0.8 } : c === 2 ? { down: 0.1 } : c <= 4 ? { down: 0.8 } : { down: 1, dies: 0.6, tpk: 0.6 });
    const result = await howMany(wolves(), howManyQuery(wolves(), { encounter: 0, enemy: 0, band: BAND_PRESETS.hard, maxCount: 10, schedule: SCHEDULE }), curveEvaluator(curve));
    expect(result.contradictions).toContain('1 is in the band but 2, more, is below the band');
  });
});

describe('checkpoints', () => {
  it('a search stopped after any batch and resumed from its JSON state gives the same answer and record', async () => {
    const curve: Curve = (c) => ({ down: Math.min(1, 0.12 * c), dies: Math.max(0, 0.04 * (c - 4)), tpk: Math.max(0, 0.01 * (c - 5)) });
    const q = howManyQuery(wolves(), { encounter: 0, enemy: 0, band: BAND_PRESETS.hard, maxCount: 20, schedule: SCHEDULE });
    const whole = await howMany(wolves(), q, curveEvaluator(curve));
    expect(whole.smallest).not.toBeNull();
    const batches = whole.trials.reduce((n, t) => n + t.batches.length, 0);
    for (let stopAfter = 1; stopAfter < batches; stopAfter++) {
      let saved: HowManyState = emptyState();
      const controller = new AbortController();
      let seen = 0;
      await expect(howMany(wolves(), q, curveEvaluator(curve), {
        signal: controller.signal,
        onBatch: (state) => {
          saved = JSON.parse(JSON.stringify(state)) as HowManyState;
          if (++seen === stopAfter) controller.abort();
        },
      })).rejects.toThrow(/aborted/);
      const resumed = await howMany(wolves(), q, curveEvaluator(curve), { state: saved });
      expect(resumed).toEqual(whole);
    }
  });

  it('the state machine can be driven one request at a time, as a queue would', async () => {
    const q = howManyQuery(wolves(), { encounter: 0, enemy: 0, band: BAND_PRESETS.medium, maxCount: 12, schedule: SCHEDULE });
    const evaluate = curveEvaluator((c) => ({ down: Math.min(1, 0.1 * c) }));
    let state = emptyState();
    for (let r = nextEvaluation(state, q); r; r = nextEvaluation(state, q)) {
      state = recordEvaluation(state, q, r, await evaluate(specForCount(wolves(), q, r.count), q.seed, r.runs));
    }
    expect(await howMany(wolves(), q, evaluate)).toMatchObject({ trials: state.trials });
  });
});

describe('the incremental evaluator', () => {
  it('gives exactly the aggregate of runs [0, n), however the runs were reached', async () => {
    const spec = wolves(3);
    const sim = new Simulator(compileScenario(spec));
    const ranges: Array<[number, number]> = [];
    const evaluate = incrementalEvaluator(async (_s, seed, from, to) => {
      ranges.push([from, to]);
      return runChunk(sim, seed, from, to);
    });
    await evaluate(spec, 7, 250);
    await evaluate(spec, 7, 1000);
    const agg = await evaluate(spec, 7, 2500);
    expect(ranges).toEqual([[0, 250], [250, 1000], [1000, 2500]]);
    expect(agg).toEqual(simulate(spec, 7, 2500));
  });
});

// ------------------------------------------------------------------------------- brute force

const SEED = 11;
const N = 10;
/** Runs per count of the brute force. */
const FIXED_RUNS = 4000;

/**
 * Every count 1..N at FIXED_RUNS runs, same seed as the search. For each count, whether the point
 * estimates put it past the band's lower edge and within its upper edge, and whether the interval
 * decides each of those.
 */
let everyCount: MeasureCounts[] | null = null;

function bruteForce(band: Band) {
  // The runs do not depend on the band: simulate each count once for all the bands.
  everyCount ??= Array.from({ length: N }, (_, i) => measureCounts(simulate(wolves(i + 1), SEED, FIXED_RUNS)));
  return everyCount.map((counts, i) => {
    const check: BandCheck = checkBand(band, counts);
    const edge = (side: 'lower' | 'upper') => check.checks.filter((c) => c.edge === side);
    return {
      count: i + 1,
      pastLower: edge('lower').every((c) => c.pointVerdict === 'pass'),
      withinUpper: edge('upper').every((c) => c.pointVerdict === 'pass'),
      // The interval straddles one of the side's thresholds and none of them has failed outright:
      // at FIXED_RUNS runs this count is within the interval of that edge.
      lowerOnEdge: edge('lower').some((c) => c.verdict === 'undecided') && !edge('lower').some((c) => c.verdict === 'fail'),
      upperOnEdge: edge('upper').some((c) => c.verdict === 'undecided') && !edge('upper').some((c) => c.verdict === 'fail'),
      position: check.position,
    };
  });
}

/**
 * Agreement, precisely: the search's first count not below the band and the brute force's may
 * differ only if every count between them (the counts one says are past the lower edge and the
 * other says are not) is on the lower edge at FIXED_RUNS, that is, its interval straddles a lower
 * threshold; likewise for the last count not above the band and the upper edge. And no count
 * that both decided may be decided differently.
 */
function expectAgreement(result: HowManyResult, bf: ReturnType<typeof bruteForce>, label: string) {
  // Brute-force edges from its point estimates, on the same rising-risk assumption the search makes.
  const firstPast = bf.find((b) => b.pastLower)?.count ?? N + 1;
  const firstAboveIdx = bf.findIndex((b) => !b.withinUpper);
  const lastWithin = firstAboveIdx < 0 ? N : firstAboveIdx; // the count before the first above (0 when 1 is above)
  const searchFirst = result.firstNotBelow ?? N + 1;
  const searchLast = result.lastNotAbove ?? 0;
  const problems: string[] = [];
  for (const b of bf) {
    if ((b.count >= searchFirst) !== (b.count >= firstPast) && !b.lowerOnEdge) {
      problems.push(`${label}: the answers disagree at ${b.count} about the lower edge, which is not on it at ${FIXED_RUNS} runs`);
    }
    if ((b.count <= searchLast) !== (b.count <= lastWithin) && !b.upperOnEdge) {
      problems.push(`${label}: the answers disagree at ${b.count} about the upper edge, which is not on it at ${FIXED_RUNS} runs`);
    }
  }
  for (const t of result.trials) {
    const b = bf[t.count - 1];
    if (t.position !== 'undecided' && b.position !== 'undecided' && t.position !== b.position) {
      problems.push(`${label}: the search decided ${t.count} is ${t.position}, the brute force decided ${b.position}`);
    }
  }
  expect(problems).toEqual([]);
}

describe('the search against a brute-force evaluation of every count (real engine)', () => {
  const bands: Array<[string, Band]> = [
    ['someone down at least 15%, a wipe at most 25%', customBand([{ measure: 'down', bound: 'min', value: 0.15 }, { measure: 'tpk', bound: 'max', value: 0.25 }])],
    ['Hard', BAND_PRESETS.hard],
    ['Deadly', BAND_PRESETS.deadly],
    ['someone down at least 19% (sits near 3 wolves), victory at least 60%', customBand([{ measure: 'down', bound: 'min', value: 0.19 }, { measure: 'victory', bound: 'min', value: 0.6 }])],
  ];
  const evaluate: Evaluator = async (spec, seed, runs) => simulate(spec, seed, runs);

  for (const [label, band] of bands) {
    it(`agrees on ${label}`, async () => {
      const bf = bruteForce(band);
      // The brute force's own point estimates must rise with the count, or the comparison means nothing.
      const pastLower = bf.map((b) => b.pastLower);
      const withinUpper = bf.map((b) => b.withinUpper);
      expect(pastLower).toEqual([...pastLower].sort((a, b) => Number(a) - Number(b)));
      expect(withinUpper).toEqual([...withinUpper].sort((a, b) => Number(b) - Number(a)));
      const q = howManyQuery(wolves(), { encounter: 0, enemy: 0, band, maxCount: N, seed: SEED, schedule: SCHEDULE });
      const result = await howMany(wolves(), q, evaluate);
      expectAgreement(result, bf, label);
      expect(result.contradictions).toEqual([]);
    }, 30_000);
  }

  it('the first band has its answer strictly inside 1..N, so both edges are tested', async () => {
    const [, band] = bands[0];
    const q = howManyQuery(wolves(), { encounter: 0, enemy: 0, band, maxCount: N, seed: SEED, schedule: SCHEDULE });
    const result = await howMany(wolves(), q, evaluate);
    expect(result.smallest).toBeGreaterThan(1);
    expect(result.largest).toBeLessThan(N);
    expect(result.largest).toBeGreaterThanOrEqual(result.smallest!);
  });
});
