// Weapon mastery (2024) against exact values: Graze on a miss, Vex's advantage on the next attack
// roll, Cleave's once-per-turn attack on a second creature. Flat damage makes each figure a product
// of known hit chances.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { attackAction, attackOdds, character, dummy, fight, weapon } from './test-support.ts';
import type { WeaponMastery } from './types.ts';

const RUNS = 4000;
const p = attackOdds(5, 15, 20).hit; // 0.55
const pAdv = attackOdds(5, 15, 20, true).hit; // 1 - 0.45^2

function hero(mastery: WeaponMastery, count = 1, damage = '1') {
  // Aimed at the enemy with the most HP, so a cleave's damage never changes which one is first.
  return character('Fighter', {
    hp: 100000, initiativeBonus: 30, actions: [attackAction('Greatsword', [weapon(5, damage, { count, mastery })], { targeting: 'highest-hp' })],
  });
}

/** Mean and variance of a distribution given as [value, probability] pairs. */
function moments(d: Array<[number, number]>): { mean: number; variance: number } {
  const mean = d.reduce((s, [v, q]) => s + v * q, 0);
  return { mean, variance: d.reduce((s, [v, q]) => s + (v - mean) ** 2 * q, 0) };
}

function expectMean(observed: number, m: { mean: number; variance: number }, n: number): void {
  expect(Math.abs(observed - m.mean)).toBeLessThan(4 * Math.sqrt(m.variance / n));
}

describe('weapon mastery', () => {
  it('Graze: a miss still deals the ability modifier', () => {
    expect(p).toBeCloseTo(0.55, 12);
    const rounds = 5;
    const agg = simulate(fight([hero({ kind: 'graze', damage: 3 }, 1, '10')], [dummy('Ogre', { ac: 15 })], { roundCap: rounds }), 91, RUNS);
    const perAttack = moments([[10, p], [3, 1 - p]]);
    expectMean(agg.characters[0].damageDealt / RUNS, { mean: rounds * perAttack.mean, variance: rounds * perAttack.variance }, RUNS);
  });

  it('Vex: after a hit, the next attack roll against the same creature has advantage', () => {
    expect(pAdv).toBeCloseTo(1 - 0.45 ** 2, 12);
    // One round, two attacks: the second has advantage exactly when the first hit.
    const agg = simulate(fight([hero({ kind: 'vex' }, 2)], [dummy('Ogre', { ac: 15 })], { roundCap: 1 }), 92, RUNS);
    const hits = moments([[2, p * pAdv], [1, p * (1 - pAdv) + (1 - p) * p], [0, (1 - p) * (1 - p)]]);
    expectMean(agg.characters[0].damageDealt / RUNS, hits, RUNS);
    // Without mastery the second attack is a plain one: the exact means differ by p (pAdv - p) = 0.136.
    expect(hits.mean - 2 * p).toBeCloseTo(p * (pAdv - p), 12);
  });

  it('Cleave: once per turn, after the first hit, one attack on a second creature for the dice alone', () => {
    // Two attacks on the first ogre (the most HP); the first hit of the turn cleaves into the second.
    const rounds = 5;
    const spec = fight([hero({ kind: 'cleave', damage: '5' }, 2)], [dummy('Ogre A', { ac: 15 }), dummy('Ogre B', { ac: 15, hp: 50000 })], { roundCap: rounds });
    const agg = simulate(spec, 93, RUNS);
    const cleaves = 1 - (1 - p) ** 2;
    const perRound = moments([[5, cleaves * p], [0, 1 - cleaves * p]]);
    expectMean(agg.encounters[0].enemies[1].damageTaken / RUNS, { mean: rounds * perRound.mean, variance: rounds * perRound.variance }, RUNS);
    // The first ogre takes only the two attacks' 1s.
    expectMean(agg.encounters[0].enemies[0].damageTaken / RUNS, { mean: rounds * 2 * p, variance: rounds * 2 * p * (1 - p) }, RUNS);
  });
});
