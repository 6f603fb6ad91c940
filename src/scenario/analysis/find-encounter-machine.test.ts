// "Find an encounter" as a search machine: driven one evaluation at a time (through JSON, as the
// app's checkpoints are) it reaches the very answer of findEncounter fed the same evaluator; its
// evaluations are named by monster, not by pool position; a damaged checkpoint is refused with the
// reason in words.
import { describe, expect, it } from 'vitest';
import { compileScenario, emptyAggregate, type Aggregate, type ScenarioSpec } from '../../engine/index.ts';
import { character, creature, encounter, scenario, attackAction, weapon } from '../../engine/test-support.ts';
import { customBand } from './bands.ts';
import type { PoolMonster } from './encounter-pool.ts';
import { findEncounterMachine, type FindEncounterAsk } from './find-encounter-machine.ts';
import { findEncounter, findEncounterQuery } from './find-encounter.ts';
import type { Evaluator } from './how-many.ts';

const spec: ScenarioSpec = scenario(
  [character('Fighter', { hp: 28, ac: 16, level: 3, actions: [attackAction('Sword', [weapon(5, '1d8+3')])] })],
  [encounter('Placeholder', [creature('Rat', { hp: 1, ac: 10 })])],
);
const LAYOUT = compileScenario(spec).layout;
const monster = (name: string, xp: number): PoolMonster => ({
  id: name.toLowerCase(), name, source: 'SRD 5.1', cr: 0.5, crText: '1/2', xp, type: 'beast', creature: creature(name, { hp: 7 }),
});
const POOL = [monster('A', 25), monster('B', 100), monster('C', 50)];
const countOf = (s: ScenarioSpec, name: string) => s.encounters[0].enemies.find((e) => e.name === name)?.count ?? 0;

/** "Someone goes down" in a share that rises with each monster (exact at 250 and 1,000 runs), a death in a few. */
const evaluator: Evaluator = async (s, _seed, runs) => {
  const a = countOf(s, 'A');
  const b = countOf(s, 'B');
  const c = countOf(s, 'C');
  const agg: Aggregate = { ...emptyAggregate(LAYOUT), runs, dayVictory: runs };
  agg.anyDownRuns = Math.round(Math.min(1, 0.16 * a + 0.42 * b + 0.24 * c - 0.04 * a * b) * runs);
  agg.anyDeathRuns = Math.round(Math.min(1, 0.02 * (a + b + c)) * runs);
  return agg;
};

const BAND = customBand([{ measure: 'down', bound: 'min', value: 0.5 }, { measure: 'down', bound: 'max', value: 0.75 }], 'Half to three quarters');
const ask: FindEncounterAsk = {
  encounter: 0, band: BAND, scope: 'encounter', pool: POOL, kinds: 2, maxPerKind: 4, maxTotal: 5, schedule: [250, 1000],
  maxRuns: 100_000, maxCandidates: 40, poolWords: 'three test monsters',
};

/** The machine driven to its end by a loop, its state through JSON after every evaluation. */
async function drive() {
  let state = findEncounterMachine.start(spec, ask);
  const keys: string[] = [];
  for (let ev = findEncounterMachine.next(spec, state); ev; ev = findEncounterMachine.next(spec, state)) {
    keys.push(ev.key);
    state = JSON.parse(JSON.stringify(findEncounterMachine.record(state, ev, await evaluator(ev.spec, ev.seed, ev.runs))));
  }
  return { state, keys };
}

describe('the find-encounter machine', () => {
  it('driven to its answer, gives what findEncounter gives fed the same evaluator', async () => {
    const { poolWords: _words, ...q } = ask;
    const want = await findEncounter(spec, findEncounterQuery(spec, q), evaluator);
    const { state, keys } = await drive();
    const got = findEncounterMachine.result(state);
    const { query, poolWords, mixesPlanned, ...answer } = got;
    expect(answer).toEqual(want);
    expect(mixesPlanned).toBe(true);
    expect(findEncounterMachine.result(findEncounterMachine.start(spec, ask)).mixesPlanned).toBe(false);
    expect(poolWords).toBe('three test monsters');
    expect(query.pool.map((m) => m.name)).toEqual(['A', 'B', 'C']);
    // The case has an answer to give: not an empty search agreeing with an empty search.
    expect(want.proposals.length).toBeGreaterThan(0);
    expect(want.tried.evaluatedMixed).toBeGreaterThan(0);
    // Every evaluation named once, by monster id and count, the book and the runs.
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe('f0/encounter/s1/a.srd51x1/r=250');
    expect(keys.some((k) => /\/a\.srd51x\d\+b\.srd51x\d\/r=/.test(k))).toBe(true);
    const p = findEncounterMachine.progress(state);
    expect(p).toMatchObject({ tried: want.tried.evaluated, runsDone: want.tried.runs, runsLeft: 0 });
    expect(p.inBand).toBe(want.trials.filter((t) => t.trial.done && (t.trial.position === 'undecided' ? t.trial.pointPosition : t.trial.position) === 'in').length);
    expect(p.words).toBe(`${want.tried.evaluated} candidates tried, ${p.inBand} in the band`);
  });

  it('a fresh search estimates the runs still to come, within the run budget', () => {
    const s0 = findEncounterMachine.start(spec, ask);
    // No monster measured yet: 4 screens per monster of 3, plus one, at 250 runs.
    expect(findEncounterMachine.progress(s0)).toMatchObject({ tried: 0, inBand: 0, runsDone: 0, runsLeft: 4 * 4 * 250, words: '0 candidates tried, 0 in the band' });
    const tight = findEncounterMachine.start(spec, { ...ask, maxRuns: 1000 });
    expect(findEncounterMachine.progress(tight).runsLeft).toBe(1000);
  });

  it('refuses a query the search cannot use, with the reason', () => {
    expect(() => findEncounterMachine.start(spec, { ...ask, pool: [] })).toThrow('The pool has no monster.');
    expect(() => findEncounterMachine.start(spec, { ...ask, encounter: 5 })).toThrow(/The day has 1 encounter/);
  });

  it('revives its own state and refuses a damaged one with the reason', async () => {
    const s0 = findEncounterMachine.start(spec, ask);
    const first = findEncounterMachine.next(spec, s0)!;
    const s1 = findEncounterMachine.record(s0, first, await evaluator(first.spec, first.seed, first.runs));
    const stored = JSON.parse(JSON.stringify(s1));
    expect(findEncounterMachine.revive(stored, spec)).toEqual({ ok: true, state: s1 });
    const { state: done } = await drive();
    expect(findEncounterMachine.revive(JSON.parse(JSON.stringify(done)), spec)).toEqual({ ok: true, state: done });

    const problem = (x: unknown) => {
      const r = findEncounterMachine.revive(x, spec);
      return r.ok ? null : r.problem;
    };
    const q = stored.query;
    const trial = stored.search.trials[0];
    expect(problem(null)).toMatch(/not a saved search/);
    expect(problem({ ...stored, version: 3 })).toMatch(/version 3/);
    expect(problem({ ...stored, query: { ...q, pool: undefined } })).toMatch(/question is missing/);
    expect(problem({ ...stored, query: { ...q, band: { ...q.band, thresholds: [{ measure: 'luck', bound: 'min', value: 0.5 }] } } })).toMatch(/measure or bound/);
    expect(problem({ ...stored, query: { ...q, pool: [q.pool[0], { ...q.pool[1], creature: { ...q.pool[1].creature, hp: 'lots' } }] } })).toBe('B has a damaged stat block');
    expect(problem({ ...stored, query: { ...q, pool: [{ ...q.pool[0], xp: -5 }] } })).toBe('A has a damaged XP or challenge rating');
    expect(problem({ ...stored, query: { ...q, pool: [] } })).toBe('The pool has no monster.');
    expect(problem({ ...stored, query: { ...q, encounter: 4 } })).toMatch(/The day has 1 encounter/);
    expect(problem({ ...stored, query: { ...q, levels: ['three'] } })).toMatch(/party levels/);
    expect(problem({ ...stored, search: { ...stored.search, trials: [{ ...trial, kinds: [{ monster: 7, count: 1 }] }] } })).toMatch(/outside the pool/);
    expect(problem({ ...stored, search: { ...stored.search, trials: [{ ...trial, key: '1:1' }] } })).toMatch(/does not match its monsters \(0:1\)/);
    expect(problem({ ...stored, search: { ...stored.search, trials: [{ ...trial, trial: { ...trial.trial, runs: 300 } }] } })).toMatch(/not one of the batches/);
    expect(problem({ ...stored, search: { ...stored.search, trials: [{ ...trial, trial: { ...trial.trial, counts: { ...trial.trial.counts, down: 251 } } }] } })).toMatch(/damaged figures/);
    expect(problem({ ...stored, search: { ...stored.search, plan: { order: 'x' } } })).toMatch(/plan of mixes is damaged/);
  });
});
