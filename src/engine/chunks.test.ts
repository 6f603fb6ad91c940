// The determinism contract: run i of seed S is the same fight in any chunk, on any simulator,
// paused and resumed or restored from a checkpoint; aggregates merge exactly in any order; and a
// replay with the full log reproduces the run the aggregate counted.

import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { Simulator } from './simulator.ts';
import { mergeAll, replayRun, runChunk, simulate } from './index.ts';
import { Rng } from './rng.ts';
import { emptyAggregate, mergeInto, type Aggregate } from './stats.ts';
import { histogramQuantile, summarize } from './summary.ts';
import {
  attackAction, character, creature, effect, effectAction, encounter, healAction, saveAction, scenario, weapon,
} from './test-support.ts';

// A varied day: rolled HP, multiattacks, area saves, healing, temporary HP, limited uses, recharge,
// surprise, a short rest with hit dice, and a mix of victories and defeats.
const DAY = compileScenario(
  scenario(
    [
      character('Fighter', {
        hp: 30, hpFormula: '3d10+10', rollHp: true, ac: 17, initiativeBonus: 1, hitDice: '3d10', conModifier: 2,
        actions: [
          attackAction('Multiattack', [weapon(5, '1d8+3', { count: 2, critOn: 19 })]),
          healAction('Second Wind', '1d10+3', { slot: 'bonus', targeting: 'self', condition: 'self-below-half', uses: { per: 'short-rest', count: 1 } }),
        ],
      }),
      character('Cleric', {
        hp: 24, ac: 16, hitDice: '3d8', conModifier: 1, saves: { str: 0, dex: 0, con: 2, int: 0, wis: 5, cha: 2 },
        actions: [
          healAction('Healing Word', '1d4+3', { slot: 'bonus', condition: 'ally-down', uses: { per: 'long-rest', count: 3 } }),
          saveAction('Sacred Flame', 13, '1d8', { ability: 'dex', damageType: 'radiant', onSuccess: 'none' }),
        ],
      }),
      character('Wizard', {
        hp: 16, ac: 12, initiativeBonus: 2, hitDice: '3d6',
        actions: [
          saveAction('Fireball', 14, '8d6', { targets: 3, uses: { per: 'long-rest', count: 1 }, condition: 'enemy-count-multiple' }),
          attackAction('Fire Bolt', [weapon(5, '1d10', { reach: 'ranged', damageType: 'fire' })], { targeting: 'lowest-ac' }),
          healAction('False Life', '1d4+4', { slot: 'bonus', targeting: 'self', temporary: true, uses: { per: 'encounter', count: 1 } }),
        ],
      }),
    ],
    [
      encounter('Goblins', [
        creature('Goblin', { count: 4, hp: 7, ac: 15, initiativeBonus: 2, actions: [attackAction('Scimitar', [weapon(4, '1d6+2')], { targeting: 'random' })] }),
      ], { surprise: 'enemies' }),
      encounter('Ogre', [
        creature('Ogre', { hp: 59, hpFormula: '7d10+21', rollHp: true, ac: 11, actions: [attackAction('Club', [weapon(6, '2d8+4')], { targeting: 'highest-damage' })] }),
      ], { shortRestBefore: true }),
      encounter('Drake', [
        creature('Drake', {
          hp: 52, ac: 17, initiativeBonus: 1, resistances: ['fire'],
          actions: [
            saveAction('Breath', 13, '6d8', { damageType: 'fire', targets: 3, uses: { per: 'recharge', min: 5 } }),
            attackAction('Bite', [weapon(6, '1d10+4', { count: 2 })]),
          ],
        }),
      ], { shortRestBefore: true, surprise: 'party' }),
    ],
  ),
);
const SEED = 987654321;
const N = 400;

function oneChunk(seed = SEED, runs = N): Aggregate {
  return runChunk(new Simulator(DAY), seed, 0, runs);
}

function shuffled<T>(items: T[], seed: number): T[] {
  const rng = new Rng(seed, 0);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Runs [0, N) as chunks cut at `cuts`, each on its own or a shared simulator, merged in a shuffled order. */
function chunked(cuts: number[], shuffleSeed: number, sharedSimulator: boolean): Aggregate {
  const bounds = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < N).sort((a, b) => a - b), N];
  const shared = new Simulator(DAY);
  const parts: Aggregate[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const sim = sharedSimulator ? shared : new Simulator(DAY);
    parts.push(runChunk(sim, SEED, bounds[k], bounds[k + 1]));
  }
  const total = emptyAggregate(DAY.layout);
  for (const part of shuffled(parts, shuffleSeed)) mergeInto(total, part);
  return total;
}

describe('chunk invariance', () => {
  let reference: Aggregate;
  beforeAll(() => {
    reference = oneChunk();
  });

  it('the day is varied enough to exercise every part of the aggregate', () => {
    const s = summarize(reference, DAY.layout);
    expect(s.day.victory.count).toBeGreaterThan(20);
    expect(s.day.defeat.count).toBeGreaterThan(20);
    expect(s.deaths.any.count).toBeGreaterThan(10);
    expect(s.encounters[2].reached).toBeGreaterThan(20);
    expect(reference.characters.every((c) => c.downRuns > 0)).toBe(true);
    expect(reference.characters.reduce((t, c) => t + c.hitDiceSpent, 0)).toBeGreaterThan(0);
    expect(reference.characters[1].healingDone).toBeGreaterThan(0);
  });

  it('two fresh simulators give the same aggregate; another seed gives another', () => {
    expect(oneChunk()).toEqual(reference);
    expect(simulate(DAY, SEED, N)).toEqual(reference);
    expect(oneChunk(SEED + 1)).not.toEqual(reference);
  });

  it('uneven chunks merged in a shuffled order equal one chunk, to the bit', () => {
    const cuts = [1, 2, 3, 50, 51, 177, 300, 399];
    expect(chunked(cuts, 1, false)).toEqual(reference);
    expect(chunked(cuts, 2, true)).toEqual(reference);
    // Fifty single-run chunks at the start, then the rest.
    expect(chunked(Array.from({ length: 50 }, (_, i) => i + 1), 3, true)).toEqual(reference);
    expect(mergeAll(shuffled([runChunk(new Simulator(DAY), SEED, 0, 123), runChunk(new Simulator(DAY), SEED, 123, N)], 4))).toEqual(reference);
  });

  it('property: any split points and any merge order give the same aggregate', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: N - 1 }), { maxLength: 15 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.boolean(),
        (cuts, shuffleSeed, shared) => {
          expect(chunked(cuts, shuffleSeed, shared)).toEqual(reference);
        },
      ),
      { numRuns: 25, seed: 2024 },
    );
  });

  it('a chunk paused by shouldStop and resumed later gives the same aggregate', () => {
    const sim = new Simulator(DAY);
    const agg = emptyAggregate(DAY.layout);
    let checks = 0;
    const stoppedAt = sim.runChunk(SEED, 0, N, agg, () => ++checks >= 3, 16);
    expect(stoppedAt).toBe(48);
    expect(agg.runs).toBe(48);
    expect(sim.runChunk(SEED, stoppedAt, N, agg)).toBe(N);
    expect(agg).toEqual(reference);
  });

  it('a checkpoint (JSON of a partial aggregate) resumes to the same aggregate', () => {
    const partial = runChunk(new Simulator(DAY), SEED, 0, 137);
    const restored = JSON.parse(JSON.stringify(partial)) as Aggregate;
    mergeInto(restored, runChunk(new Simulator(DAY), SEED, 137, N));
    expect(restored).toEqual(reference);
  });

  it('merging into an empty aggregate is the identity, and merging adds', () => {
    const a = runChunk(new Simulator(DAY), SEED, 0, 10);
    expect(mergeInto(emptyAggregate(DAY.layout), a)).toEqual(a);
    const twice = mergeInto(mergeInto(emptyAggregate(DAY.layout), a), a);
    expect(twice.runs).toBe(20);
    expect(twice.dayVictory).toBe(2 * a.dayVictory);
    expect(twice.severityHist.reduce((s, x) => s + x, 0)).toBe(20);
  });
});

describe('replay', () => {
  // Per-run facts from single-run chunks: outcome and severity (the one non-empty severity bin).
  let perRun: Array<{ agg: Aggregate; outcome: string; severity: number }> = [];
  let reference: Aggregate;
  beforeAll(() => {
    perRun = Array.from({ length: N }, (_, run) => {
      const agg = runChunk(new Simulator(DAY), SEED, run, run + 1);
      const outcome = agg.dayVictory ? 'victory' : agg.dayDefeat ? 'defeat' : 'draw';
      return { agg, outcome, severity: agg.severityHist.findIndex((c) => c > 0) };
    });
    reference = oneChunk();
  });

  it('replayRun(compiled, seed, i) ends with the outcome run i had in the aggregate', () => {
    for (let run = 0; run < 60; run++) expect(replayRun(DAY, SEED, run).outcome).toBe(perRun[run].outcome);
  });

  it('a replay with the full log adds exactly what the lean run added', () => {
    const sim = new Simulator(DAY);
    for (const run of [0, 7, 99, 250]) {
      const scratch = emptyAggregate(DAY.layout);
      const { result, events } = sim.replay(SEED, run, scratch);
      expect(scratch).toEqual(perRun[run].agg);
      expect(result.outcome).toBe(perRun[run].outcome);
      const ends = events.filter((e) => e.t === 'end');
      expect(ends.map((e) => (e.t === 'end' ? e.outcome : ''))).toEqual(result.encounterOutcomes);
    }
  });

  it('firstDefeat is the lowest-index defeat and replays to a defeat', () => {
    const s = summarize(reference, DAY.layout);
    const first = s.representatives.firstDefeat;
    expect(first).toBe(perRun.findIndex((r) => r.outcome === 'defeat'));
    expect(replayRun(DAY, SEED, first).outcome).toBe('defeat');
  });

  it('worst, best and the percentile runs are the lowest-index runs of the right severities', () => {
    const s = summarize(reference, DAY.layout);
    const severities = perRun.map((r) => r.severity);
    const max = Math.max(...severities), min = Math.min(...severities);
    expect(s.representatives.worst).toBe(severities.indexOf(max));
    expect(s.representatives.best).toBe(severities.indexOf(min));
    expect(replayRun(DAY, SEED, s.representatives.worst).outcome).toBe(perRun[severities.indexOf(max)].outcome);
    // Nearest rank on the sorted severities, independently of the aggregate's histogram.
    const sorted = severities.slice().sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.max(1, Math.ceil(q * N)) - 1];
    expect(s.representatives.p50).toBe(severities.indexOf(at(0.5)));
    expect(s.representatives.p5).toBe(severities.indexOf(at(0.95)));
    expect(s.representatives.p95).toBe(severities.indexOf(at(0.05)));
    expect(histogramQuantile(reference.severityHist, 0.5)).toBe(at(0.5));
  });
});

describe('chunk invariance with effects, slots, reactions, legendary and lair actions', () => {
  const bless = effect('Bless', { attackBonus: '1d4', saveBonus: '1d4' });
  const RICH = compileScenario(scenario(
    [
      character('Paladin', {
        hp: 45, ac: 18, level: 5, caster: 'half', hitDice: '5d10', conModifier: 2,
        actions: [{ ...attackAction('Longsword', [weapon(7, '1d8+4', { count: 2 })]), smite: { damage: '2d8', upcast: '1d8', maxLevel: 4, damageType: 'radiant' } }],
        effectActions: [effectAction('Bless', 'allies', bless, { targets: 3, spell: { level: 1, concentration: true } })],
        reactions: [{ kind: 'parry', acBonus: 2 }],
      }),
      character('Wizard', {
        hp: 28, ac: 12, level: 5, caster: 'full', tactics: 'auto', hitDice: '5d6',
        actions: [
          saveAction('Fireball', 15, '8d6', { targets: 3, spell: { level: 3, upcast: '1d6' } }),
          attackAction('Fire Bolt', [weapon(7, '1d10', { reach: 'ranged', damageType: 'fire' })], { spell: { level: 0, cantripScaling: true } }),
        ],
        effectActions: [effectAction('Hold Person', 'enemies', effect('Hold Person', { conditions: ['paralyzed'], saveEnds: true }), {
          save: { ability: 'wis', dc: 15 }, spell: { level: 2, concentration: true },
        })],
        reactions: [{ kind: 'shield' }],
      }),
    ],
    [
      encounter('Wolves', [creature('Wolf', { count: 4, hp: 11, ac: 13, traits: { packTactics: true }, actions: [attackAction('Bite', [weapon(4, '2d4+2')], {
        targeting: 'random', effect: effect('Prone', { conditions: ['prone'], duration: { kind: 'target-turn-start' } }), effectSave: { ability: 'str', dc: 11 },
      })] })]),
      encounter('Troll', [creature('Troll', {
        hp: 50, ac: 13, traits: { regeneration: 5, regenerationBlockedBy: ['fire'], magicResistance: true, conditionImmunities: ['frightened'] },
        legendary: { perRound: 1, resistances: 1, actions: [{ cost: 1, action: attackAction('Claw', [weapon(5, '1d6+2')]) }] },
        lairActions: [saveAction('Rockfall', 13, '2d10', { targets: 2 })],
        actions: [attackAction('Multiattack', [weapon(6, '1d6+4'), weapon(6, '1d8+4')], { targeting: 'random' })],
      })], { shortRestBefore: true }),
    ],
  ));

  it('one chunk, uneven chunks on shared or fresh simulators, and replays agree', () => {
    const runs = 300;
    const whole = runChunk(new Simulator(RICH), 5, 0, runs);
    const shared = new Simulator(RICH);
    const merged = emptyAggregate(RICH.layout);
    for (const [from, to] of [[0, 1], [1, 77], [77, 78], [78, 200], [200, 300]]) mergeInto(merged, runChunk(shared, 5, from, to));
    expect(merged).toEqual(whole);
    const fresh = mergeAll([runChunk(new Simulator(RICH), 5, 150, 300), runChunk(new Simulator(RICH), 5, 0, 150)]);
    expect(fresh).toEqual(whole);
    // Replays interleaved with lean runs on one simulator reproduce each run's outcome.
    for (const run of [0, 17, 299]) {
      const lean = runChunk(new Simulator(RICH), 5, run, run + 1);
      const replayed = replayRun(RICH, 5, run);
      const outcome = lean.dayVictory ? 'victory' : lean.dayDefeat ? 'defeat' : 'draw';
      expect(replayed.outcome).toBe(outcome);
      expect(replayed.events.some((e) => e.t === 'effect' || e.t === 'slot')).toBe(true);
    }
    const s = summarize(whole, RICH.layout);
    expect(s.day.victory.count).toBeGreaterThan(10);
    expect(s.day.defeat.count).toBeGreaterThan(10);
  });
});
