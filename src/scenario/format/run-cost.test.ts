// The run-cost estimate: a file whose one simulated day would take minutes is refused with what
// makes it expensive, before anything runs; ordinary files pass and are cheap; the questions asked
// before a long run follow the soft limit and the million-run rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../engine/index.ts';
import { loadScenarioJson, loadScenarioText } from './load.ts';
import {
  CLICKED_SOFT_LIMIT_TOTAL_US, HARD_LIMIT_PER_RUN_US, MAX_UNASKED_RUNS, SOFT_LIMIT_TOTAL_US, describeDuration, estimateRunCost, runCostQuestion,
} from './run-cost.ts';
import { decodeShareFragment, encodeShareFragment, MAX_LINK_CHARS } from './share-link.ts';
import { scenarioError } from './test-helpers.ts';

const ALL_TYPES = ['acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic', 'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder'];

/** Two sides of `count` creatures; `immune` makes them immune to every damage type. */
function horde(o: { count: number; attacks: number; attackCount: number; dice: string; immune: boolean; roundCap: number }) {
  const creature = (name: string, kind: string) => ({
    name, kind, count: o.count, hp: 30, ac: 14, saveBonus: 2, immunities: o.immune ? ALL_TYPES : [],
    actions: [{ type: 'attack', name: 'Flurry', attacks: Array.from({ length: o.attacks }, () => ({ toHit: 5, damage: o.dice, damageType: 'slashing', count: o.attackCount })) }],
  });
  return {
    format: 'encounter-lab/scenario', version: 1, name: 'Horde',
    party: [creature('Hero', 'character')], encounters: [{ name: 'Stalemate', enemies: [creature('Foe', 'monster')] }],
    rules: { roundCap: o.roundCap },
  };
}

/** The hostile file of the issue: 60 against 60 immune to all damage, 400 attacks of 100d100 each turn, round cap 1,000. */
const hostile = () => horde({ count: 60, attacks: 20, attackCount: 20, dice: '100d100', immune: true, roundCap: 1000 });

describe('the hard limit', () => {
  it('refuses the hostile file with what makes it expensive', () => {
    const error = scenarioError(() => loadScenarioJson(hostile(), 'hostile.json'));
    expect(error.issues[0].path).toBe('');
    const text = error.message;
    expect(text).toMatch(/^hostile\.json.* is too expensive to simulate: one simulated day would take about/);
    expect(text).toContain('encounters[0] (Stalemate) has 120 creatures fighting up to the round cap of 1,000 rounds');
    expect(text).toContain('because neither side deals enough damage to the other');
    expect(text).toMatch(/48,000 attack rolls and saves and 4,800,000 damage dice a round/);
    expect(text).toMatch(/; the costliest turn is Hero \d+'s \(Flurry: 400 rolls, 40,000 dice\)\.$/);
  });

  it('refuses the same file from a share link short enough to paste', () => {
    const link = encodeShareFragment(hostile());
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);
    const decoded = decodeShareFragment(link);
    expect(decoded.ok ? 'opened' : decoded.error).toMatch(/^The link does not hold a scenario that can be opened: it is too expensive to simulate/);
  });

  it('loads it when asked to (the CLI\'s --force), with its estimate', () => {
    const loaded = loadScenarioJson(hostile(), 'hostile.json', { allowExpensive: true });
    expect(loaded.cost.perRunUs).toBeGreaterThan(HARD_LIMIT_PER_RUN_US * 10);
  });

  it('passes the example scenarios and big but ordinary fights, each far below the limit', () => {
    for (const name of ['reference-fight', 'duel', 'three-fights']) {
      const loaded = loadScenarioText(readFileSync(`scenarios/${name}.json`, 'utf8'), name);
      expect(loaded.cost.perRunUs).toBeLessThan(100);
      expect(runCostQuestion(loaded.cost, 10_000, false)).toBeNull();
    }
    // 60 against 60 trading blows, and 60 against 60 that cannot hurt each other at the default round cap.
    const brawl = loadScenarioJson(horde({ count: 60, attacks: 1, attackCount: 2, dice: '2d6', immune: false, roundCap: 100 }));
    expect(brawl.cost.perRunUs).toBeLessThan(HARD_LIMIT_PER_RUN_US / 50);
    const stalemate = loadScenarioJson(horde({ count: 60, attacks: 1, attackCount: 1, dice: '1d6', immune: true, roundCap: 100 }));
    expect(stalemate.cost.perRunUs).toBeLessThan(HARD_LIMIT_PER_RUN_US / 10);
    expect(stalemate.cost.encounters[0]).toMatchObject({ rounds: 100, toRoundCap: true, creatures: 120 });
  });
});

describe('the estimate', () => {
  const cost = (o: Parameters<typeof horde>[0]) => estimateRunCost(compileScenario(loadScenarioJson(horde(o), 'x', { allowExpensive: true }).spec)).perRunUs;
  const base = { count: 10, attacks: 1, attackCount: 1, dice: '1d6', immune: true, roundCap: 100 };

  it('grows with creatures, attacks, dice and the round cap', () => {
    const b = cost(base);
    expect(cost({ ...base, count: 20 })).toBeGreaterThan(b * 2);
    expect(cost({ ...base, attacks: 5 })).toBeGreaterThan(b);
    expect(cost({ ...base, dice: '50d6' })).toBeGreaterThan(b);
    expect(cost({ ...base, roundCap: 1000 })).toBeGreaterThan(b * 9);
  });

  it('expects a short fight when the sides can hurt each other, and one to the cap when they cannot', () => {
    const estimate = (immune: boolean) => estimateRunCost(compileScenario(loadScenarioJson(horde({ ...base, immune })).spec)).encounters[0];
    expect(estimate(true)).toMatchObject({ rounds: 100, toRoundCap: true });
    expect(estimate(false).toRoundCap).toBe(false);
    expect(estimate(false).rounds).toBeLessThan(40);
  });

  it('writes durations in words', () => {
    expect(describeDuration(250_000)).toBe('0.25 s');
    expect(describeDuration(12_000_000)).toBe('12 s');
    expect(describeDuration(30 * 60e6)).toBe('30 minutes');
    expect(describeDuration(5 * 3600e6)).toBe('5.0 hours');
  });
});

describe('asking before a run', () => {
  const reference = loadScenarioText(readFileSync('scenarios/reference-fight.json', 'utf8'), 'reference').cost;

  it('asks above the soft limit; a click on Simulate, which chose the runs, only above the higher one', () => {
    const past = (limit: number) => Math.ceil(limit / reference.perRunUs) * 2;
    expect(runCostQuestion(reference, past(SOFT_LIMIT_TOTAL_US), false)).toMatch(/runs of this scenario would take about .* of one core/);
    expect(runCostQuestion(reference, past(SOFT_LIMIT_TOTAL_US), true)).toBeNull();
    for (const clicked of [true, false]) {
      expect(runCostQuestion(reference, past(CLICKED_SOFT_LIMIT_TOTAL_US), clicked)).toMatch(/runs of this scenario would take about .* minutes of one core/);
    }
  });

  it('asks before more than a million runs that nobody clicked for', () => {
    const runs = MAX_UNASKED_RUNS + 1;
    expect(reference.perRunUs * runs).toBeLessThan(SOFT_LIMIT_TOTAL_US);
    expect(runCostQuestion(reference, runs, false)).toMatch(/^1,000,001 runs were asked for, more than the 1,000,000 started without a click/);
    expect(runCostQuestion(reference, runs, true)).toBeNull();
    expect(runCostQuestion(reference, MAX_UNASKED_RUNS, false)).toBeNull();
  });
});
