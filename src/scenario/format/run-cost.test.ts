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

describe('summoned creatures', () => {
  const EVERY_TYPE_BUT_FIRE = ALL_TYPES.filter((t) => t !== 'fire');
  const flurry = (damageType: string) => [{ type: 'attack', name: 'Flurry', attacks: Array.from({ length: 10 }, () => ({ toHit: 5, damage: '40d10', damageType, count: 10 })) }];
  /**
   * Sides that cannot hurt each other (slashing against creatures immune to it), but each of the 48
   * summoners keeps in reserve a specter whose fire would end the fight at once: it rises only from a
   * fallen character's corpse, which never comes, so every run goes to the round cap of 1,000.
   */
  const summoners = (specters: boolean) => ({
    format: 'encounter-lab/scenario', version: 1, name: 'Summoners',
    party: [{ name: 'Hero', kind: 'character', count: 48, hp: 30, ac: 14, immunities: EVERY_TYPE_BUT_FIRE, actions: flurry('slashing') }],
    encounters: [{
      name: 'Graveyard',
      enemies: [{
        name: 'Wraith', count: 48, hp: 30, ac: 14, immunities: ALL_TYPES, actions: flurry('slashing'),
        ...(specters && { summons: [{ name: 'Create Specter', when: 'action', leaves: 'never', needsCorpse: true, creature: { name: 'Specter', count: 1, hp: 30, ac: 14, actions: flurry('fire') } }] }),
      }],
    }],
    rules: { roundCap: 1000 },
  });

  it('does not let a reserve that never comes shorten the estimated fight', () => {
    const without = loadScenarioJson(summoners(false), 'x', { allowExpensive: true }).cost;
    const withSpecters = loadScenarioJson(summoners(true), 'x', { allowExpensive: true }).cost;
    expect(without.encounters[0]).toMatchObject({ rounds: 1000, toRoundCap: true, creatures: 96, summoned: 0 });
    // The specters' fire (10 × 10 attacks of 40d10 each) would end it in a round, but it may never come.
    expect(withSpecters.encounters[0]).toMatchObject({ rounds: 1000, toRoundCap: true, creatures: 144, summoned: 48 });
    // Their turns, rolls and dice are counted as if they came at once: more work than without them.
    expect(withSpecters.perRunUs).toBeGreaterThan(without.perRunUs * 1.4);
  });

  it('refuses such a file naming the summoned creatures', () => {
    const text = scenarioError(() => loadScenarioJson(summoners(true), 'summoners.json')).message;
    expect(text).toContain('is too expensive to simulate');
    expect(text).toContain('encounters[0] (Graveyard) has 144 creatures (48 of them summoned creatures in reserve, counted as if they came at once) fighting up to the round cap of 1,000 rounds');
  });

  it('names the summons when a reserve makes a side too big', () => {
    const doc = summoners(true);
    doc.encounters[0].enemies[0].count = 20;
    doc.encounters[0].enemies[0].summons![0].creature.count = 5;
    doc.encounters[0].enemies.unshift({ ...doc.encounters[0].enemies[0], name: 'Ghoul', count: 10, summons: undefined });
    const error = scenarioError(() => loadScenarioJson(doc, 'big.json', { allowExpensive: true }));
    // A corpse-raising summons keeps at most one place per party member: min(5, 48) = 5 per wraith.
    expect(error.issues[0].path).toBe('encounters[0].enemies[1].summons[0].creature.count');
    expect(error.message).toContain('each of the 20 Wraith brings up to 5 Specter (Create Specter) in reserve: 10 combatants before it, 20 Wraith and 100 summoned creatures make 130 combatants on one side, more than the limit of 100');
  });
});
