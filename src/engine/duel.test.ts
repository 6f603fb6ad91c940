// One-on-one duels solved exactly: a dynamic program over (HP of A, HP of B, whose turn, round)
// with the initiative order, the crit rule and the round cap, against 200,000 simulated fights.

import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { Simulator } from './simulator.ts';
import { simulate } from './index.ts';
import { emptyAggregate, runSeverity } from './stats.ts';
import { summarize } from './summary.ts';
import {
  attackAction, attackDamageDist, character, creature, deathSaveOutcomes, firstMoverProbability, fight, proportionSE, weapon,
  zScore, type Dist,
} from './test-support.ts';
import type { CreatureSpec, RulesSettings } from './types.ts';

interface Duelist {
  hp: number;
  /** Damage of one of its attacks against the other, 0 on a miss. */
  damage: Dist;
}

interface DuelOdds {
  aWins: number;
  bWins: number;
  draw: number;
  /** E[rounds] and E[rounds^2], rounds being the round in which the fight ended (the cap for a draw). */
  rounds: number;
  roundsSq: number;
}

/**
 * Exact outcome probabilities when `first` acts before `second` every round. State: a matrix of
 * probabilities over (HP of first, HP of second) at the start of a round; each attack moves mass
 * down by the damage distribution, and mass reaching 0 HP is absorbed as a win in that round.
 */
function duelInOrder(first: Duelist, second: Duelist, cap: number): { firstWins: number; secondWins: number; draw: number; rounds: number; roundsSq: number } {
  let state: number[][] = Array.from({ length: first.hp + 1 }, () => new Array<number>(second.hp + 1).fill(0));
  state[first.hp][second.hp] = 1;
  let firstWins = 0, secondWins = 0, rounds = 0, roundsSq = 0;
  const strike = (s: number[][], attackerIsFirst: boolean): { next: number[][]; won: number } => {
    const dmg = attackerIsFirst ? first.damage : second.damage;
    const next = s.map((row) => row.map(() => 0));
    let won = 0;
    for (let hf = 1; hf <= first.hp; hf++) {
      for (let hs = 1; hs <= second.hp; hs++) {
        const q = s[hf][hs];
        if (q === 0) continue;
        dmg.p.forEach((pd, i) => {
          if (pd === 0) return;
          const d = dmg.offset + i;
          const left = (attackerIsFirst ? hs : hf) - d;
          if (left <= 0) won += q * pd;
          else if (attackerIsFirst) next[hf][left] += q * pd;
          else next[left][hs] += q * pd;
        });
      }
    }
    return { next, won };
  };
  for (let round = 1; round <= cap; round++) {
    const a = strike(state, true);
    const b = strike(a.next, false);
    state = b.next;
    firstWins += a.won;
    secondWins += b.won;
    rounds += round * (a.won + b.won);
    roundsSq += round * round * (a.won + b.won);
  }
  const draw = state.reduce((s, row) => s + row.reduce((t, q) => t + q, 0), 0);
  rounds += cap * draw;
  roundsSq += cap * cap * draw;
  return { firstWins, secondWins, draw, rounds, roundsSq };
}

function duelOdds(a: Duelist, b: Duelist, aFirst: number, cap: number): DuelOdds {
  const ab = duelInOrder(a, b, cap);
  const ba = duelInOrder(b, a, cap);
  const mix = (x: number, y: number) => aFirst * x + (1 - aFirst) * y;
  return {
    aWins: mix(ab.firstWins, ba.secondWins),
    bWins: mix(ab.secondWins, ba.firstWins),
    draw: mix(ab.draw, ba.draw),
    rounds: mix(ab.rounds, ba.rounds),
    roundsSq: mix(ab.roundsSq, ba.roundsSq),
  };
}

// A: 20 HP, AC 14, +5 to hit, 1d8+3, initiative +2.  B: 18 HP, AC 13, +4 to hit, 2d4+2, initiative +0.
const A_SPEC = { hp: 20, ac: 14, initiativeBonus: 2, actions: [attackAction('Longsword', [weapon(5, '1d8+3')])] };
const B_SPEC = { hp: 18, ac: 13, initiativeBonus: 0, actions: [attackAction('Claws', [weapon(4, '2d4+2')])] };
const A: Duelist = { hp: 20, damage: attackDamageDist({ toHit: 5, ac: 13, critOn: 20, count: 1, sides: 8, flat: 3 }) };
const B: Duelist = { hp: 18, damage: attackDamageDist({ toHit: 4, ac: 14, critOn: 20, count: 2, sides: 4, flat: 2 }) };
const P_A_FIRST = firstMoverProbability(2, 0);
const RUNS = 200_000;

function duel(a: CreatureSpec, rules: Partial<RulesSettings>) {
  return fight([a], [creature('B', B_SPEC)], rules);
}

describe('initiative', () => {
  it('A (+2) acts first with the exact probability, ties broken by a fair coin', () => {
    // With D = b - a: P(D <= 1) = (1 + 1/20) / 2 + 19/400 = 0.5725, P(D = 2) = 18/400 = 0.045 (a tie),
    // so P(A first) = 0.5725 + 0.045 / 2 = 0.595.
    expect(P_A_FIRST).toBeCloseTo(0.595, 12);
    const compiled = compileScenario(duel(creature('A', A_SPEC), { roundCap: 1 }));
    const sim = new Simulator(compiled);
    const scratch = emptyAggregate(compiled.layout);
    const n = 20_000;
    let aFirst = 0, ties = 0, tiesAFirst = 0;
    for (let run = 0; run < n; run++) {
      const init = sim.replay(5, run, scratch).events.find((e) => e.t === 'initiative');
      if (!init || init.t !== 'initiative') throw new Error('no initiative event');
      const first = init.order[0].who === 'A';
      if (first) aFirst++;
      if (init.order[0].total === init.order[1].total) {
        ties++;
        if (first) tiesAFirst++;
      }
      expect(init.order[0].total).toBeGreaterThanOrEqual(init.order[1].total);
    }
    expect(zScore(aFirst / n, P_A_FIRST, proportionSE(P_A_FIRST, n))).toBeLessThan(4);
    expect(zScore(ties / n, 0.045, proportionSE(0.045, n))).toBeLessThan(4);
    expect(zScore(tiesAFirst / ties, 0.5, proportionSE(0.5, ties))).toBeLessThan(4);
  });
});

describe('duel of two monsters', () => {
  // With a cap of 100 rounds a draw is all but impossible; with 4 it is common.
  it.each([
    { cap: 100, drawAtLeast: 0, drawAtMost: 1e-12 },
    { cap: 4, drawAtLeast: 0.1, drawAtMost: 1 },
  ])('round cap $cap: P(A wins), P(B wins), P(draw) and mean rounds match the exact DP within 4 SE', ({ cap, drawAtLeast, drawAtMost }) => {
    const exact = duelOdds(A, B, P_A_FIRST, cap);
    expect(exact.aWins + exact.bWins + exact.draw).toBeCloseTo(1, 12);
    const compiled = compileScenario(duel(creature('A', A_SPEC), { roundCap: cap }));
    const agg = simulate(compiled, 4242 + cap, RUNS);
    const s = summarize(agg, compiled.layout);
    expect(s.runs).toBe(RUNS);
    expect(zScore(s.day.victory.p, exact.aWins, proportionSE(exact.aWins, RUNS))).toBeLessThan(4);
    expect(zScore(s.day.defeat.p, exact.bWins, proportionSE(exact.bWins, RUNS))).toBeLessThan(4);
    expect(exact.draw).toBeGreaterThanOrEqual(drawAtLeast);
    expect(exact.draw).toBeLessThanOrEqual(drawAtMost);
    // 4 SE, plus a hair so that an exact 0 with a vanishing SE compares cleanly.
    expect(Math.abs(s.day.draw.p - exact.draw)).toBeLessThanOrEqual(4 * proportionSE(exact.draw, RUNS) + 1e-12);
    const roundsVar = exact.roundsSq - exact.rounds ** 2;
    expect(zScore(s.rounds.mean, exact.rounds, Math.sqrt(roundsVar / RUNS))).toBeLessThan(4);
    expect(s.encounters[0].rounds.histogram.length).toBeLessThanOrEqual(cap + 1);
    // B dies exactly when A wins.
    expect(agg.encounters[0].enemies[0].killedRuns).toBe(agg.dayVictory);
  });

  it('A as a character left to die: the same odds, and deaths = P(B wins) x P(death saves fail)', () => {
    const exact = duelOdds(A, B, P_A_FIRST, 100);
    const saves = deathSaveOutcomes();
    // B's best hit is a crit for 4d4+2 = 18 < 20 HP: no massive damage, so a lone character that drops
    // ends the fight at once and then rolls death saves until they resolve.
    const compiled = compileScenario(duel(character('A', A_SPEC), { attackDowned: 'never' }));
    const agg = simulate(compiled, 99, RUNS);
    const s = summarize(agg, compiled.layout);
    expect(zScore(s.day.victory.p, exact.aWins, proportionSE(exact.aWins, RUNS))).toBeLessThan(4);
    const pDeath = exact.bWins * saves.dead;
    expect(zScore(s.characters[0].death.p, pDeath, proportionSE(pDeath, RUNS))).toBeLessThan(4);
    // Back on their feet with 1 HP after a natural 20 (the fight is already lost): a defeat with no
    // death and 95% of 20 HP lost; stable: a defeat with no death and all HP lost.
    const pRevived = exact.bWins * saves.revived;
    const revived = agg.severityHist[runSeverity('defeat', 0, 95)];
    expect(zScore(revived / RUNS, pRevived, proportionSE(pRevived, RUNS))).toBeLessThan(4);
    const pStable = exact.bWins * saves.stable;
    const stable = agg.severityHist[runSeverity('defeat', 0, 100)];
    expect(zScore(stable / RUNS, pStable, proportionSE(pStable, RUNS))).toBeLessThan(4);
    expect(agg.characters[0].downRuns).toBe(agg.dayDefeat);
  });

  it('A as a character with the default rule: the downed are finished off once the party is wiped', () => {
    const compiled = compileScenario(duel(character('A', A_SPEC), {}));
    const agg = simulate(compiled, 7, 20_000);
    expect(agg.characters[0].deathRuns).toBe(agg.dayDefeat);
    expect(agg.dayDefeat).toBeGreaterThan(0);
  });
});
