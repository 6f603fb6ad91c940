// "How many?" as a search machine: its evaluations are named so that no two differ only in what they
// simulate, its state survives JSON, and a state read back from the device is checked, with what
// is wrong said in words.
import { describe, expect, it } from 'vitest';
import { emptyAggregate, compileScenario, type Aggregate, type ScenarioSpec } from '../../engine/index.ts';
import { BAND_PRESETS } from './bands.ts';
import { howManyMachine } from './how-many-machine.ts';
import { attackAction, character, creature, encounter, scenario, weapon } from '../../engine/test-support.ts';

const spec: ScenarioSpec = scenario(
  [character('Fighter', { hp: 28, ac: 16, actions: [attackAction('Sword', [weapon(5, '1d8+3')])] })],
  [encounter('Wolves', [creature('Wolf', { count: 2, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')])] })])],
);
const LAYOUT = compileScenario(spec).layout;

/** An aggregate of `runs` runs with the given counts of each outcome (only what the bands read). */
function counted(runs: number, c: { victory: number; tpk: number; dies: number; down: number }): Aggregate {
  return { ...emptyAggregate(LAYOUT), runs, dayVictory: c.victory, dayDefeat: c.tpk, anyDeathRuns: c.dies, anyDownRuns: c.down };
}

describe('the how-many machine', () => {
  const ask = { encounter: 0, enemy: 0, band: BAND_PRESETS.hard, scope: 'encounter' as const, schedule: [100, 400] };

  it('names each evaluation by enemy, scope, seed, count and runs', () => {
    const s0 = howManyMachine.start(spec, ask);
    const first = howManyMachine.next(spec, s0)!;
    expect(first).toMatchObject({ key: 'e0.0/encounter/s1/n=1/r=100', runs: 100, seed: 1 });
    expect(first.spec.encounters[0].enemies[0].count).toBe(1);
    // "Someone goes down" in 30 of 100 is below Hard's 50% edge by the interval (upper end about
    // 39.6%), but no wipe in 100 leaves "a wipe in at most 2%" open (upper end about 3.7%): the
    // same count is asked for again, with the next cumulative batch.
    const s1 = howManyMachine.record(s0, first, counted(100, { victory: 100, tpk: 0, dies: 0, down: 30 }));
    const again = howManyMachine.next(spec, s1)!;
    expect(again.key).toBe('e0.0/encounter/s1/n=1/r=400');
    // No wipe or death in 400 (upper ends about 0.95%) decides both edges: count 2 is next.
    const s2 = howManyMachine.record(s1, again, counted(400, { victory: 400, tpk: 0, dies: 0, down: 120 }));
    expect(howManyMachine.next(spec, s2)!.key).toBe('e0.0/encounter/s1/n=2/r=100');
    expect(howManyMachine.progress(s2)).toMatchObject({ tried: 1, inBand: 0, runsDone: 400 });
    const other = howManyMachine.next(spec, howManyMachine.start(spec, { ...ask, scope: 'day' }))!;
    expect(other.key).not.toBe(first.key);
    expect(JSON.parse(JSON.stringify(s1))).toEqual(s1);
  });

  it('revives its own state and refuses a damaged one with the reason', () => {
    const s0 = howManyMachine.start(spec, ask);
    const first = howManyMachine.next(spec, s0)!;
    const s1 = howManyMachine.record(s0, first, counted(100, { victory: 100, tpk: 0, dies: 0, down: 30 }));
    const stored = JSON.parse(JSON.stringify(s1));
    expect(howManyMachine.revive(stored, spec)).toEqual({ ok: true, state: s1 });
    const problem = (x: unknown) => {
      const r = howManyMachine.revive(x, spec);
      return r.ok ? null : r.problem;
    };
    expect(problem('text')).toMatch(/not a saved search/);
    expect(problem({ ...stored, version: 2 })).toMatch(/version 2/);
    expect(problem({ ...stored, query: { ...stored.query, band: { ...stored.query.band, thresholds: [{ measure: 'luck', bound: 'min', value: 0.5 }] } } })).toMatch(/measure or bound/);
    expect(problem({ ...stored, query: { ...stored.query, maxCount: 999 } })).toMatch(/At most \d+ can join/);
    const trial = stored.search.trials[0];
    expect(problem({ ...stored, search: { version: 1, trials: [{ ...trial, runs: 150 }] } })).toMatch(/150 runs, not one of the batches/);
    expect(problem({ ...stored, search: { version: 1, trials: [{ ...trial, counts: { ...trial.counts, down: 101 } }] } })).toMatch(/damaged figures/);
    expect(problem({ ...stored, search: { version: 1, trials: [{ ...trial, position: 'sideways' }] } })).toMatch(/unknown position/);
  });
});
