// Find an encounter: the whole search worked by hand on a constructed case (ranking, honesty counts,
// budgets, checkpoints), and the real engine against a brute-force evaluation of every candidate of
// a small pool at fixed runs.
import { describe, expect, it } from 'vitest';
import { compileScenario, emptyAggregate, simulate, type Aggregate, type CreatureSpec, type ScenarioSpec } from '../../engine/index.ts';
import { attackAction, character, creature, encounter, scenario, weapon } from '../../engine/test-support.ts';
import { checkBand, customBand, measureCounts, type MeasureCounts } from './bands.ts';
import type { PoolMonster } from './encounter-pool.ts';
import {
  emptyFindState, findEncounter, findEncounterQuery, findEncounterResult, nextEvaluation, rankProposals, recordEvaluation, specForCandidate,
  type FindEncounterQuery, type FindEncounterState, type Proposal,
} from './find-encounter.ts';
import type { Evaluator } from './how-many.ts';

const party = () => [
  character('Fighter', { hp: 28, ac: 16, level: 3, actions: [attackAction('Sword', [weapon(5, '1d8+3', { count: 2 })])] }),
  character('Archer', { hp: 20, ac: 14, level: 3, actions: [attackAction('Bow', [weapon(6, '1d8+3', { reach: 'ranged' })])] }),
];
const day = (): ScenarioSpec => scenario(party(), [encounter('Placeholder', [creature('Rat', { hp: 1, ac: 10 })])]);

const poolMonster = (creatureSpec: CreatureSpec, xp: number, cr: number, crText: string): PoolMonster => ({
  id: creatureSpec.name.toLowerCase(), name: creatureSpec.name, source: 'test', cr, crText, xp, type: 'beast', creature: creatureSpec,
});

// ------------------------------------------------------------------------- the constructed case

const LAYOUT = compileScenario(day()).layout;
const countOf = (spec: ScenarioSpec, name: string) => spec.encounters[0].enemies.find((e) => e.name === name)?.count ?? 0;

/**
 * "Someone goes down" in exactly this share of runs for a of A and b of B: 0.16 a + 0.42 b - 0.04 a b
 * (A alone: 0.16, 0.32, 0.48, 0.64; B alone: 0.42, 0.84; A1+B1 0.54; A2+B1 0.66), nothing else.
 * Every share times 250 and 1,000 is a whole number, so the counts are exact.
 */
function curveEvaluator(calls: Array<{ key: string; runs: number }> = []): Evaluator {
  return async (spec, _seed, runs) => {
    const a = countOf(spec, 'A');
    const b = countOf(spec, 'B');
    calls.push({ key: `A${a}B${b}`, runs });
    const agg: Aggregate = emptyAggregate(LAYOUT);
    agg.runs = runs;
    agg.dayVictory = runs;
    agg.anyDownRuns = Math.round(Math.min(1, 0.16 * a + 0.42 * b - 0.04 * a * b) * runs);
    return agg;
  };
}

const BAND = customBand([{ measure: 'down', bound: 'min', value: 0.5 }, { measure: 'down', bound: 'max', value: 0.75 }], 'Half to three quarters');
const constructedQuery = (over: Partial<FindEncounterQuery> = {}) => findEncounterQuery(day(), {
  encounter: 0, band: BAND, scope: 'encounter',
  pool: [poolMonster(creature('A', { hp: 5 }), 25, 0.125, '1/8'), poolMonster(creature('B', { hp: 9 }), 100, 0.5, '1/2')],
  kinds: 2, maxPerKind: 4, maxTotal: 5, schedule: [250, 1000], maxRuns: 100_000, maxCandidates: 100, ...over,
});

describe('the search worked by hand on a constructed case', () => {
  // Band: someone down in 50% to 75% of runs. With 250 runs the Wilson interval is about ±6 points.
  // Stage 1, A alone (doubling, then bisection): 1 (16%, below), 2 (32%, below), 4 (64%, in),
  //   3 (48%: interval 41.8%-54.2% straddles 50%, the point estimate says below). A sits mid-band at 4.
  // Stage 1, B alone: 1 (42%, below), 2 (84%, above). B sits mid-band at (2 + 1) / 2 = 1.5.
  // Stage 2, loads a/4 + b/1.5 within 0.75 to 1.25 with a, b >= 1: A1+B1 (0.917) and A2+B1 (1.167)
  //   only (b = 2 is already 1.33). Screened in that order: 54% (47.8%-60.0%, undecided, point in)
  //   and 66% (in).
  // Stage 3: A1+B1 is the only candidate in the band by its point estimate but undecided: 1,000
  //   runs give 54.0% (50.9%-57.1%), in.
  it('tries exactly the candidates the method says, in order, and counts them honestly', async () => {
    const calls: Array<{ key: string; runs: number }> = [];
    const query = constructedQuery();
    const result = await findEncounter(day(), query, curveEvaluator(calls));
    expect(calls).toEqual([
      { key: 'A1B0', runs: 250 }, { key: 'A2B0', runs: 250 }, { key: 'A4B0', runs: 250 }, { key: 'A3B0', runs: 250 },
      { key: 'A0B1', runs: 250 }, { key: 'A0B2', runs: 250 },
      { key: 'A1B1', runs: 250 }, { key: 'A2B1', runs: 250 },
      { key: 'A1B1', runs: 1000 },
    ]);
    expect(result.tried).toEqual({
      generatedSingle: 8, generatedMixed: 2, evaluated: 8, evaluatedSingle: 6, evaluatedMixed: 2,
      inBand: 3, out: 4, undecided: 1, refined: 1, runs: 8 * 250 + 750, stoppedBy: null,
    });
    expect(result.singles).toEqual([
      { monster: 'A', smallest: 4, largest: 4, none: null },
      { monster: 'B', smallest: null, largest: null, none: 'no count is in the band: 1 and fewer are too safe, 2 and more too dangerous' },
    ]);
  });

  it('ranks by distance from the nearest edge in log-odds', async () => {
    // Smoothed shares (k + 0.5) / (n + 1): A4 160.5/251, A2+B1 165.5/251, A1+B1 540.5/1001. The
    // nearest edge in log-odds: A4 min(logit .6394 - 0, logit .75 - logit .6394) = 0.526;
    // A2+B1: 1.0986 - 0.6605 = 0.438; A1+B1: 0.1603 - 0 = 0.160.
    const result = await findEncounter(day(), constructedQuery(), curveEvaluator());
    expect(result.proposals.map((p) => [p.rank, p.label, p.runs])).toEqual([
      [1, '4 × A', 250], [2, '2 × A + 1 × B', 250], [3, '1 × A + 1 × B', 1000],
    ]);
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(result.proposals[0].centrality).toBeCloseTo(Math.min(logit(160.5 / 251), logit(0.75) - logit(160.5 / 251)), 10);
    expect(result.proposals[1].centrality).toBeCloseTo(logit(0.75) - logit(165.5 / 251), 10);
    expect(result.proposals[2].centrality).toBeCloseTo(logit(540.5 / 1001), 10);
    expect(result.proposals.map((p) => +p.centrality.toFixed(3))).toEqual([0.526, 0.438, 0.16]);
    // The XP arithmetic for two level-3 characters: 2014 thresholds 150/300/450/800; 4 × A = 100 XP
    // × 2.5 (four monsters: × 2, one step up for a party under three) = 250, Easy; 2024 budget low 300: Low.
    expect(result.proposals[0].xp).toMatchObject({ r2014: { totalXp: 100, multiplier: 2.5, adjustedXp: 250, difficulty: 'easy' }, r2024: { totalXp: 100, difficulty: 'low' } });
  });

  it('breaks a tie in centrality (to a tenth) by variety, then by exact centrality', () => {
    const p = (key: string, kinds: number, centrality: number) => ({ key, monsters: Array.from({ length: kinds }), centrality }) as unknown as Proposal;
    const ranked = rankProposals([p('one-kind-best', 1, 0.74), p('two-kinds', 2, 0.66), p('far', 2, 0.2), p('one-kind', 1, 0.7)]);
    // 0.74, 0.66 and 0.70 all round to 0.7: two kinds first, then 0.74 before 0.70.
    expect(ranked.map((x) => [x.rank, x.key])).toEqual([[1, 'two-kinds'], [2, 'one-kind-best'], [3, 'one-kind'], [4, 'far']]);
  });

  it('stops at the candidate budget and says so', async () => {
    const result = await findEncounter(day(), constructedQuery({ maxCandidates: 5 }), curveEvaluator());
    // A's four counts and B1; B2 is not screened, so stage 2 never starts.
    expect(result.trials.map((t) => t.key)).toEqual(['0:1', '0:2', '0:4', '0:3', '1:1']);
    expect(result.tried).toMatchObject({ evaluated: 5, generatedMixed: 0, stoppedBy: 'candidates', runs: 1250 });
    expect(result.singles[1].none).toBe('every count up to 4 is below the band (too safe)');
  });

  it('stops screening at half the run budget and says so', async () => {
    // 2,000 runs: screening may use 1,000, four screens of 250 (A's counts); B1 would pass it.
    const result = await findEncounter(day(), constructedQuery({ maxRuns: 2000 }), curveEvaluator());
    expect(result.trials.map((t) => t.key)).toEqual(['0:1', '0:2', '0:4', '0:3']);
    expect(result.tried).toMatchObject({ evaluated: 4, inBand: 1, out: 2, undecided: 1, runs: 1000, stoppedBy: 'runs' });
    expect(result.singles[1].none).toBe('not screened (out of budget)');
  });

  it('at one kind only singles are tried', async () => {
    const result = await findEncounter(day(), constructedQuery({ kinds: 1 }), curveEvaluator());
    expect(result.trials.map((t) => t.key)).toEqual(['0:1', '0:2', '0:4', '0:3', '1:1', '1:2']);
    expect(result.proposals.map((p) => p.label)).toEqual(['4 × A']);
  });

  it('a search stopped after any batch and resumed from its JSON state gives the same answer', async () => {
    const query = constructedQuery();
    const whole = await findEncounter(day(), query, curveEvaluator());
    for (let stopAfter = 1; stopAfter < 9; stopAfter++) {
      let state: FindEncounterState = emptyFindState();
      for (let i = 0; i < stopAfter; i++) {
        const r = nextEvaluation(state, query)!;
        state = recordEvaluation(state, query, r, await curveEvaluator()(specForCandidate(day(), query, r.kinds), query.seed, r.runs));
      }
      const saved = JSON.parse(JSON.stringify(state)) as FindEncounterState;
      expect(await findEncounter(day(), query, curveEvaluator(), { state: saved })).toEqual(whole);
    }
    expect(findEncounterResult(emptyFindState(), query).tried.evaluated).toBe(0);
  });

  it('replaces the encounter\'s enemies, or adds a new last encounter; the encounter scope keeps only it', () => {
    const spec = scenario(party(), [encounter('First', [creature('Rat')]), encounter('Second', [creature('Rat')], { shortRestBefore: true })]);
    const q = (encounterIndex: number, scope: 'day' | 'encounter') => findEncounterQuery(spec, { ...constructedQuery(), encounter: encounterIndex, scope });
    const kinds = [{ monster: 0, count: 2 }, { monster: 1, count: 1 }];
    const day2 = specForCandidate(spec, q(1, 'day'), kinds);
    expect(day2.encounters.map((e) => e.enemies.map((x) => `${x.count} ${x.name}`))).toEqual([['1 Rat'], ['2 A', '1 B']]);
    expect(specForCandidate(spec, q(2, 'day'), kinds).encounters.map((e) => e.name)).toEqual(['First', 'Second', 'Found encounter']);
    const alone = specForCandidate(spec, q(1, 'encounter'), kinds);
    expect(alone.encounters).toHaveLength(1);
    expect(alone.encounters[0]).toMatchObject({ name: 'Second', shortRestBefore: false });
  });

  it('names what is wrong with a query', () => {
    expect(() => findEncounterQuery(day(), { ...constructedQuery(), encounter: 2 })).toThrow('The day has 1 encounter: encounter 3 can only be one of them or a new one at the end (2).');
    expect(() => findEncounterQuery(day(), { ...constructedQuery(), pool: [] })).toThrow('The pool has no monster.');
    expect(() => findEncounterQuery(day(), { ...constructedQuery(), kinds: 5 })).toThrow('The most kinds per encounter must be a whole number from 1 to 4, not 5.');
    const many = Array.from({ length: 41 }, (_, i) => poolMonster(creature(`M${i}`), 10, 0, '0'));
    expect(() => findEncounterQuery(day(), { ...constructedQuery(), pool: many })).toThrow('The pool has 41 monsters; narrow the filters to 40 or fewer.');
  });
});

// ------------------------------------------------------------------------------- brute force

const wolf = creature('Wolf', { hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')], { targeting: 'random' })] });
const thug = creature('Thug', { hp: 16, ac: 11, actions: [attackAction('Mace', [weapon(4, '1d6+2', { count: 2 })])] });
const SEED = 5;
const FIXED_RUNS = 4000;
const BF_BAND = customBand([{ measure: 'down', bound: 'min', value: 0.15 }, { measure: 'tpk', bound: 'max', value: 0.2 }], 'Test');

describe('the search against a brute-force evaluation of every candidate (real engine)', () => {
  const spec = scenario(party(), [encounter('Placeholder', [creature('Rat')])]);
  const query = findEncounterQuery(spec, {
    encounter: 0, band: BF_BAND, scope: 'encounter', seed: SEED,
    pool: [poolMonster(wolf, 50, 0.25, '1/4'), poolMonster(thug, 100, 0.5, '1/2')],
    kinds: 2, maxPerKind: 3, maxTotal: 4, schedule: [250, 500, 1000, 2000, FIXED_RUNS],
  });
  // Every candidate: each kind alone 1 to 3, and every mix with at least one of each and 4 in all at most.
  const every = [
    ...[1, 2, 3].flatMap((n) => [[{ monster: 0, count: n }], [{ monster: 1, count: n }]]),
    ...[[1, 1], [1, 2], [2, 1], [1, 3], [3, 1], [2, 2]].map(([a, b]) => [{ monster: 0, count: a }, { monster: 1, count: b }]),
  ];
  const key = (kinds: Array<{ monster: number; count: number }>) => kinds.map((k) => `${k.monster}:${k.count}`).join('+');

  it('every simulated candidate is exactly the fixed-seed runs, and agrees with the brute force wherever both decide', async () => {
    const evaluate: Evaluator = async (s, seed, runs) => simulate(s, seed, runs);
    const result = await findEncounter(spec, query, evaluate);
    const brute = new Map<string, MeasureCounts>(every.map((kinds) => [key(kinds), measureCounts(simulate(specForCandidate(spec, query, kinds), SEED, FIXED_RUNS))]));
    const bruteCheck = (k: string) => checkBand(BF_BAND, brute.get(k)!);
    // The brute force is not trivial: some candidates in the band, some out.
    const positions = every.map((kinds) => bruteCheck(key(kinds)).position);
    expect(positions).toContain('in');
    expect(positions.filter((p) => p === 'below' || p === 'above').length).toBeGreaterThan(0);

    const problems: string[] = [];
    for (const t of result.trials) {
      // The search's runs of a candidate are runs [0, r) of the same seed: the brute force's first r runs.
      const direct = measureCounts(simulate(specForCandidate(spec, query, t.kinds), SEED, t.trial.runs));
      if (JSON.stringify(direct) !== JSON.stringify(t.trial.counts)) problems.push(`${t.key}: its counts are not runs [0, ${t.trial.runs})`);
      const b = bruteCheck(t.key).position;
      if (t.trial.position !== 'undecided' && b !== 'undecided' && t.trial.position !== b) problems.push(`${t.key}: search ${t.trial.position}, brute force ${b}`);
    }
    // Every proposal is one the brute force does not decide is out.
    for (const p of result.proposals) {
      const b = bruteCheck(p.key).position;
      if (b !== 'in' && b !== 'undecided') problems.push(`${p.key} proposed but the brute force says ${b}`);
    }
    // Singles: the counts of one kind the brute force decides in the band lie within the search's
    // bracket for it, unless that count's screen straddled an edge (then the bracket may be off by it).
    result.singles.forEach((s, m) => {
      for (const n of [1, 2, 3]) {
        const k = key([{ monster: m, count: n }]);
        const screened = result.trials.find((t) => t.key === k);
        if (bruteCheck(k).position === 'in' && !(s.smallest !== null && n >= s.smallest && n <= s.largest!) && screened?.trial.position !== 'undecided') {
          problems.push(`${s.monster} × ${n} is in the band by the brute force but outside the search's ${s.smallest}-${s.largest}`);
        }
      }
    });
    expect(problems).toEqual([]);
    // Here every candidate the brute force puts in the band (3 wolves, 2 thugs, and the mixes 1 + 1
    // and 2 wolves + 1 thug) lies in the load window, and the search proposes exactly those.
    const bruteIn = every.map(key).filter((k) => bruteCheck(k).position === 'in').sort();
    expect(bruteIn.length).toBeGreaterThanOrEqual(3);
    expect(result.proposals.map((p) => p.key).sort()).toEqual(bruteIn);
    // The honesty counts add up.
    const t = result.tried;
    expect(t.inBand + t.out + t.undecided).toBe(t.evaluated);
    expect(t.evaluated).toBe(result.trials.length);
    expect(t.runs).toBe(result.trials.reduce((s, x) => s + x.trial.runs, 0));
    expect(result.proposals.length).toBe(t.inBand);
    expect(result.trials.every((x) => every.some((kinds) => key(kinds) === x.key))).toBe(true);
  }, 60_000);
});
