// The opt-in per-run outcome record (for paired comparisons) and the initiative option.
import { describe, expect, it } from 'vitest';
import { compileScenario, emptyAggregate, mergeInto, runChunk, Simulator, wilson, type Aggregate } from './index.ts';
import { attackAction, character, creature, encounter, replays, scenario, weapon } from './test-support.ts';

const wolves = () => scenario(
  [character('Fighter', { hp: 20, ac: 15, actions: [attackAction('Sword', [weapon(5, '1d8+3')])] })],
  [encounter('Wolves', [creature('Wolf', { count: 3, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')])] })])],
);

const withoutRecord = (a: Aggregate) => {
  const { runOutcomes: _, ...rest } = a;
  return rest;
};

describe('per-run outcomes', () => {
  const sim = new Simulator(compileScenario(wolves()));
  const whole = runChunk(sim, 9, 0, 3000, { runOutcomes: true });

  it('leave every other statistic as it was, and ordinary aggregates without them', () => {
    const plain = runChunk(sim, 9, 0, 3000);
    expect('runOutcomes' in plain).toBe(false);
    expect(withoutRecord(whole)).toEqual(plain);
  });

  it('hold one code per run that agrees with the counts', () => {
    expect(whole.runOutcomes).toHaveLength(1);
    const codes = whole.runOutcomes![0].codes;
    expect(whole.runOutcomes![0].from).toBe(0);
    expect(codes).toMatch(/^[0-3]{3000}$/);
    expect([...codes].filter((c) => c === '1' || c === '3').length).toBe(whole.dayVictory);
    expect([...codes].filter((c) => c === '2' || c === '3').length).toBe(whole.anyDeathRuns);
  });

  it('merge by run index whatever the order of the chunks', () => {
    const parts = [[2000, 3000], [0, 700], [1500, 2000], [700, 1500]].map(([a, b]) => runChunk(sim, 9, a, b, { runOutcomes: true }));
    const merged = parts.reduce((t, p) => mergeInto(t, p), emptyAggregate(sim.scenario.layout));
    expect(merged).toEqual(whole);
    // Two pieces with a gap stay two segments.
    const gapped = mergeInto(runChunk(sim, 9, 0, 10, { runOutcomes: true }), runChunk(sim, 9, 20, 30, { runOutcomes: true }));
    expect(gapped.runOutcomes!.map((s) => [s.from, s.codes.length])).toEqual([[0, 10], [20, 10]]);
  });

  it('refuse runs counted twice, and are dropped when merged with runs that lack them', () => {
    expect(() => mergeInto(runChunk(sim, 9, 0, 10, { runOutcomes: true }), runChunk(sim, 9, 5, 15, { runOutcomes: true })))
      .toThrow('both hold run 5');
    const mixed = mergeInto(runChunk(sim, 9, 0, 10, { runOutcomes: true }), runChunk(sim, 9, 10, 20));
    expect('runOutcomes' in mixed).toBe(false);
  });
});

describe('one side always winning initiative', () => {
  // Hero and Brute: 1 HP, AC 10, +30 to hit (so only a natural 1 misses), one round at most.
  // Whoever acts first wins unless it rolls a 1; then the other wins unless it rolls a 1 too (a draw).
  // Party first: P(victory) = 19/20 = 0.95. Enemies first: P(victory) = 1/20 · 19/20 = 0.0475.
  const duel = (first: 'party' | 'enemies') => scenario(
    [character('Hero', { hp: 1, actions: [attackAction('Blade', [weapon(30, '5')])] })],
    [encounter('Duel', [creature('Brute', { hp: 1, initiativeBonus: 10, actions: [attackAction('Club', [weapon(30, '5')])] })])],
    { roundCap: 1, initiativeFirst: first },
  );

  it('orders every fight that way, the dice rolled as usual', () => {
    for (const [first, order] of [['party', ['Hero', 'Brute']], ['enemies', ['Brute', 'Hero']]] as const) {
      for (const events of replays(duel(first), 3, 40)) {
        const init = events.find((e) => e.t === 'initiative');
        expect(init && init.t === 'initiative' ? init.order.map((o) => o.who) : null).toEqual(order);
      }
    }
  });

  it('gives the exact chances of winning (within the 95% Wilson interval of 4,000 runs)', () => {
    for (const [first, exact] of [['party', 0.95], ['enemies', 0.0475]] as const) {
      const agg = runChunk(new Simulator(compileScenario(duel(first))), 5, 0, 4000);
      const [lo, hi] = wilson(agg.dayVictory, agg.runs);
      expect(exact).toBeGreaterThanOrEqual(lo);
      expect(exact).toBeLessThanOrEqual(hi);
    }
  });

  it('is refused with the field named when it is neither side', () => {
    expect(() => compileScenario({ ...duel('party'), rules: { ...duel('party').rules, initiativeFirst: 'monsters' as 'party' } }))
      .toThrow('rules.initiativeFirst');
  });
});
