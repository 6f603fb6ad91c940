// Once-per-turn limits, each kept apart: two once-per-turn extra damages (Sneak Attack and another)
// both land on the first hit of a turn, and a rider marked once per turn (Stunning Strike) takes one
// save a turn however many attacks hit. Exact values from the hit chance.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { attackAction, attackOdds, character, dummy, effect, fight, proportionSE, replays, weapon, zScore } from './test-support.ts';

const RUNS = 4000;
const p = attackOdds(5, 15, 20, true).hit; // with advantage: 1 - 0.45^2
const anyHit = 1 - (1 - p) ** 2;

describe('once per turn, per feature', () => {
  it('two once-per-turn extra damages both land on the first hit of the turn', () => {
    const hero = character('Rogue', {
      hp: 100000,
      effects: [
        effect('Reckless', { attacksBy: 'advantage' }),
        effect('Sneak Attack', { extraDamage: '10', extraDamageOncePerTurn: true }),
        effect('Other Strike', { extraDamage: '100', extraDamageOncePerTurn: true }),
      ],
      actions: [attackAction('Shortsword', [weapon(5, '1', { count: 2 })])],
    });
    const agg = simulate(fight([hero], [dummy('Ogre', { ac: 15 })], { roundCap: 1 }), 111, RUNS);
    // Hits (1 each) plus 110 once when at least one of the two attacks hits.
    // Var(H + 110 I) with H the hits and I = [H >= 1]: Cov(H, I) = E[H] (1 - P(I)).
    const mean = 2 * p + 110 * anyHit;
    const sd = Math.sqrt(2 * p * (1 - p) + 110 ** 2 * anyHit * (1 - anyHit) + 2 * 110 * 2 * p * (1 - anyHit));
    expect(Math.abs(agg.characters[0].damageDealt / RUNS - mean)).toBeLessThan(4 * sd / Math.sqrt(RUNS));
  });

  it('a once-per-turn rider takes one save a turn, on the first hit', () => {
    const monk = character('Monk', {
      hp: 100000, initiativeBonus: 30, effects: [effect('Reckless', { attacksBy: 'advantage' })],
      actions: [attackAction('Unarmed Strike', [weapon(5, '1', { count: 2 })], {
        effect: effect('Stunned', { conditions: ['stunned'], duration: { kind: 'target-turn-start' } }),
        effectSave: { ability: 'con', dc: 1 }, effectOncePerTurn: true,
      })],
    });
    let turns = 0, saves = 0;
    for (const events of replays(fight([monk], [dummy('Ogre', { ac: 15, initiativeBonus: -10 })], { roundCap: 3 }), 112, 1500)) {
      let round = 0;
      const perRound = new Map<number, number>();
      for (const e of events) {
        if (e.t === 'round') round = e.round;
        if (e.t === 'save' && e.who === 'Monk') perRound.set(round, (perRound.get(round) ?? 0) + 1);
      }
      for (let r = 1; r <= 3; r++) {
        const n = perRound.get(r) ?? 0;
        expect(n).toBeLessThanOrEqual(1);
        saves += n;
        turns++;
      }
    }
    expect(zScore(saves / turns, anyHit, proportionSE(anyHit, turns))).toBeLessThan(4);
  });
});
