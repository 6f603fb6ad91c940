// Divine Smite and the day's resource policy, against exact distributions: a paladin with three
// 1st-level slots attacks a target it cannot drop, four times, and every smite adds a fixed 10
// damage to a hit of 1, so the damage dealt tells exactly how many smites were spent.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import {
  attackAction, attackOdds, character, dummy, encounter, mean, scenario, variance, weapon, zScore, type Dist, fromMap,
} from './test-support.ts';
import type { ResourcePolicy } from './types.ts';

const ROUNDS = 4, SLOTS = 3, RUNS = 20_000;

/** Exact damage over ROUNDS attacks: smite on a critical hit, or on a hit while slots > reserve. */
function exactDamage(reserve: number): Dist {
  const { hit, crit } = attackOdds(5, 15, 20);
  let states = new Map<string, number>([[`${SLOTS},0`, 1]]);
  for (let r = 0; r < ROUNDS; r++) {
    const next = new Map<string, number>();
    const add = (slots: number, dmg: number, w: number) => next.set(`${slots},${dmg}`, (next.get(`${slots},${dmg}`) ?? 0) + w);
    for (const [key, w] of states) {
      const [slots, dmg] = key.split(',').map(Number);
      add(slots, dmg, w * (1 - hit));
      const smiteOnCrit = slots > 0;
      add(smiteOnCrit ? slots - 1 : slots, dmg + 1 + (smiteOnCrit ? 10 : 0), w * crit);
      const smiteOnHit = slots > 0 && slots > reserve;
      add(smiteOnHit ? slots - 1 : slots, dmg + 1 + (smiteOnHit ? 10 : 0), w * (hit - crit));
    }
    states = next;
  }
  const m = new Map<number, number>();
  for (const [key, w] of states) {
    const dmg = Number(key.split(',')[1]);
    m.set(dmg, (m.get(dmg) ?? 0) + w);
  }
  return fromMap(m);
}

function meanDamage(policy: ResourcePolicy, fights: number, seed: number): number {
  const paladin = character('Paladin', {
    hp: 100000, spellSlots: [SLOTS],
    actions: [{ ...attackAction('Longsword', [weapon(5, '1')]), smite: { damage: '10', upcast: '1d8', maxLevel: 1, damageType: 'radiant' } }],
  });
  // The first fight ends in a draw at the round cap, so the day ends there: only it is fought.
  const encounters = Array.from({ length: fights }, (_, i) => encounter(`Fight ${i + 1}`, [dummy('Target', { ac: 15 })]));
  const agg = simulate(scenario([paladin], encounters, { roundCap: ROUNDS, resourcePolicy: policy }), seed, RUNS);
  return agg.characters[0].damageDealt / RUNS;
}

function expectExact(observed: number, d: Dist): void {
  expect(zScore(observed, mean(d), Math.sqrt(variance(d) / RUNS))).toBeLessThan(4);
}

describe('Divine Smite follows the resource policy as the README states it', () => {
  it('in the day\'s only fight, balanced and conserve both smite every hit while a slot is left', () => {
    const exact = exactDamage(0);
    expectExact(meanDamage('balanced', 1, 51), exact);
    expectExact(meanDamage('conserve', 1, 52), exact);
    // Smiting only the first hit would be far below.
    expect(mean(exact) - mean(exactDamage(2))).toBeGreaterThan(5);
  });

  it('with one fight ahead, balanced keeps one slot back and conserve two (crits still smite)', () => {
    expectExact(meanDamage('balanced', 2, 53), exactDamage(1));
    expectExact(meanDamage('conserve', 2, 54), exactDamage(2));
  });

  it('nova smites every hit', () => {
    expectExact(meanDamage('nova', 2, 55), exactDamage(0));
  });
});
