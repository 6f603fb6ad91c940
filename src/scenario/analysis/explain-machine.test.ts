// "What decides this fight" as a search machine: driven evaluation by evaluation, its state through
// JSON and revive after each one (as the app's checkpoints do), it reaches exactly the answer of
// explain() fed the same evaluator; each evaluation asks for per-run outcomes and names what it
// simulates; a damaged checkpoint is refused with the reason.
import { describe, expect, it } from 'vitest';
import { compileScenario, runChunk, Simulator, type ScenarioSpec } from '../../engine/index.ts';
import { attackAction, character, creature, encounter, healAction, saveAction, scenario, weapon } from '../../engine/test-support.ts';
import { explain, explainQuery, variantSpec } from './explain.ts';
import { explainMachine, type ExplainSearchState } from './explain-machine.ts';

const spec: ScenarioSpec = scenario(
  [
    character('Wizard', { hp: 22, ac: 12, actions: [saveAction('Burning Hands', 13, '3d6', { uses: { per: 'long-rest', count: 2 } }), attackAction('Fire Bolt', [weapon(5, '1d10')])] }),
    character('Cleric', { hp: 27, ac: 18, actions: [healAction('Cure Wounds', '1d8+3', { uses: { per: 'long-rest', count: 2 } }), attackAction('Mace', [weapon(4, '1d6+2')])] }),
  ],
  [encounter('Den', [creature('Gnoll', { count: 3, hp: 22, ac: 15, actions: [attackAction('Spear', [weapon(4, '1d6+2')])] })])],
);
const ask = { schedule: [200, 400], precision: 0.02 };

/** Every evaluation from the first run: what the runtime does for a request of `runs` runs. */
async function evaluate(s: ScenarioSpec, seed: number, runs: number) {
  return runChunk(new Simulator(compileScenario(s)), seed, 0, runs, { runOutcomes: true });
}

const roundTrip = (s: ExplainSearchState): ExplainSearchState => {
  const r = explainMachine.revive(JSON.parse(JSON.stringify(s)), spec);
  if (!r.ok) throw new Error(r.problem);
  return r.state;
};

describe('the explain machine', () => {
  it('driven to its answer, checkpointed after every evaluation, equals explain() with the same evaluator', async () => {
    let state = explainMachine.start(spec, ask);
    const keys = new Set<string>();
    for (let ev = explainMachine.next(spec, state); ev; ev = explainMachine.next(spec, state)) {
      expect(ev.runOutcomes).toBe(true);
      expect(keys.has(ev.key)).toBe(false);
      keys.add(ev.key);
      const variant = state.query.variants.find((v) => v.id === ev!.request.variant);
      expect(ev.spec).toEqual(variant ? variantSpec(spec, variant.change) : spec);
      state = roundTrip(explainMachine.record(state, ev, await evaluate(ev.spec, ev.seed, ev.runs)));
    }
    const { query, skipped } = explainQuery(spec, ask);
    const direct = await explain(spec, query, evaluate);
    expect(explainMachine.result(state)).toEqual({ ...direct, query, skipped });
    expect(direct.complete).toBe(true);
    // Every change was tried; the progress counts the base's stages and each change's.
    const p = explainMachine.progress(state);
    expect(p).toMatchObject({ tried: query.variants.length, inBand: null, runsLeft: 0, evaluations: keys.size, runsDone: direct.runsTotal });
    expect(p.words).toBe(`${query.variants.length} of ${query.variants.length} changes tried, ${query.variants.length} finished`);
  });

  it('names its first evaluations: the base, then each change at the first stage', () => {
    const s0 = explainMachine.start(spec, ask);
    const first = explainMachine.next(spec, s0)!;
    expect(first).toMatchObject({ key: 'base/s1/r=200', label: 'the scenario as it is, 200 runs', seed: 1, runs: 200, request: { variant: null, runs: 200 } });
    const s1 = explainMachine.record(s0, first, runChunk(new Simulator(compileScenario(spec)), 1, 0, 200, { runOutcomes: true }));
    const second = explainMachine.next(spec, s1)!;
    expect(second.key).toBe(`${s0.query.variants[0].id}/s1/r=200`);
    expect(second.label).toBe('Wizard without Burning Hands, 200 runs');
    expect(explainMachine.progress(s1)).toMatchObject({ tried: 0, evaluations: 1, runsDone: 200, runsLeft: 200 * s0.query.variants.length });
    // The only enemy stat block of the encounter can lose one of three gnolls; nothing is skipped here.
    expect(s0.skipped).toEqual([]);
  });

  it('refuses an aggregate without per-run outcomes', () => {
    const s0 = explainMachine.start(spec, ask);
    const first = explainMachine.next(spec, s0)!;
    expect(() => explainMachine.record(s0, first, runChunk(new Simulator(compileScenario(spec)), 1, 0, 200))).toThrow(/no per-run outcomes/);
  });

  it('revives its own state and refuses a damaged one with the reason', async () => {
    let s = explainMachine.start(spec, ask);
    for (let i = 0; i < 3; i++) {
      const ev = explainMachine.next(spec, s)!;
      s = explainMachine.record(s, ev, await evaluate(ev.spec, ev.seed, ev.runs));
    }
    const stored = JSON.parse(JSON.stringify(s));
    expect(explainMachine.revive(stored, spec)).toEqual({ ok: true, state: s });
    const problem = (x: unknown, on = spec) => {
      const r = explainMachine.revive(x, on);
      return r.ok ? null : r.problem;
    };
    expect(problem(42)).toBe('it is not a saved explanation');
    expect(problem({ ...stored, version: 3 })).toBe('it is of version 3, which this version of the app cannot read');
    expect(problem({ ...stored, query: { ...stored.query, seed: -1 } })).toBe('its seed is damaged');
    expect(problem({ ...stored, query: { ...stored.query, schedule: [400, 200] } })).toBe('The stages must be increasing whole numbers of runs.');
    // The scenario changed under it: one gnoll fewer means other changes.
    const other = { ...spec, encounters: [{ ...spec.encounters[0], enemies: [{ ...spec.encounters[0].enemies[0], count: 1 }] }] };
    expect(problem(stored, other)).toBe('its changes are not those of this scenario');
    const search = stored.search;
    expect(problem({ ...stored, search: { ...search, base: { runs: 200, outcomes: search.base.outcomes.slice(1) } } })).toBe('the outcomes of the scenario as it is are damaged');
    expect(problem({ ...stored, search: { ...search, base: { runs: 200, outcomes: `7${search.base.outcomes.slice(1)}` } } })).toBe('the outcomes of the scenario as it is are damaged');
    const t0 = search.trials[0];
    const withTrial = (t: unknown) => ({ ...stored, search: { ...search, trials: [t, ...search.trials.slice(1)] } });
    expect(problem(withTrial({ ...t0, runs: 300 }))).toBe(`the change "${t0.id}" has 300 runs, not one of the stages the base has reached`);
    expect(problem(withTrial({ ...t0, runs: 400 }))).toBe(`the change "${t0.id}" has 400 runs, not one of the stages the base has reached`);
    expect(problem(withTrial({ ...t0, victory: { ...t0.victory, lost: t0.victory.base + 1 } }))).toBe(`the change "${t0.id}" has damaged figures`);
    expect(problem(withTrial({ ...t0, done: 'yes' }))).toBe(`the change "${t0.id}" has no verdict`);
    expect(problem({ ...stored, search: { ...search, trials: search.trials.slice(1) } })).toBe(`it has ${search.trials.length - 1} changes, not ${search.trials.length}`);
    expect(problem({ ...stored, search: { ...search, trials: [search.trials[1], search.trials[0], ...search.trials.slice(2)] } })).toBe(`the change "${t0.id}" is missing or out of order`);
  });
});
