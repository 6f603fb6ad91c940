// Extra damage only when the attack roll had advantage (a 2024 goblin's "plus 2 (1d4) Slashing damage
// if the attack roll had Advantage"): the mean damage per attack, computed exactly, with and without
// a source of advantage, and with advantage cancelled by disadvantage.

import { describe, expect, it } from 'vitest';
import {
  attackAction, attackOdds, character, diceSum, dummy, effect, fight, mean, mixture, point, replays, variance, weapon, zScore, type Dist,
} from './test-support.ts';
import type { EffectSpec } from './types.ts';

/** Damage of one +4 scimitar (1d6+2, plus 1d4 with advantage) against AC 12, exactly. */
function exact(advantage: boolean): Dist {
  const { hit, crit } = attackOdds(4, 12, 20, advantage);
  // A critical hit doubles every die, the advantage die too.
  const onHit = advantage ? convolveDie(diceSum(1, 6, 2), 4) : diceSum(1, 6, 2);
  const onCrit = advantage ? convolveDie(convolveDie(diceSum(2, 6, 2), 4), 4) : diceSum(2, 6, 2);
  return mixture([[1 - hit, point(0)], [hit - crit, onHit], [crit, onCrit]]);
}

/** d plus one die with `sides` faces. */
function convolveDie(d: Dist, sides: number): Dist {
  const p = new Array<number>(d.p.length + sides - 1).fill(0);
  d.p.forEach((q, i) => {
    for (let f = 1; f <= sides; f++) p[i + f - 1] += q / sides;
  });
  return { offset: d.offset + 1, p };
}

/** The mean damage of the goblin's one attack per run against a target that cannot fall, over `runs` runs. */
function measured(effects: EffectSpec[], runs: number): number {
  const scimitar = attackAction('Scimitar', [weapon(4, '1d6+2', { extraDamage: [{ damage: '1d4', damageType: 'slashing', withAdvantage: true }] })]);
  const goblin = character('Goblin', { hp: 1000, initiativeBonus: 30, actions: [scimitar], effects });
  let total = 0;
  for (const run of replays(fight([goblin], [dummy('Target', { ac: 12 })], { roundCap: 1 }), 17, runs)) {
    for (const e of run) if (e.t === 'attack' && e.who === 'Goblin') total += e.damage;
  }
  return total / runs;
}

describe('extra damage if the attack roll had advantage', () => {
  const runs = 20000;
  it('is left out without advantage: mean 3.75 per attack', () => {
    const d = exact(false);
    // Hit on 8-19 (12/20) for 5.5, a critical on 20 (1/20) for 9.
    expect(mean(d)).toBeCloseTo(12 / 20 * 5.5 + 1 / 20 * 9, 12);
    expect(zScore(measured([], runs), mean(d), Math.sqrt(variance(d) / runs))).toBeLessThan(4);
  });

  it('is dealt with advantage: mean 7.605 per attack', () => {
    const d = exact(true);
    // Hit unless both dice are below 8 (351/400), a critical unless neither is 20 (39/400).
    expect(mean(d)).toBeCloseTo(312 / 400 * (5.5 + 2.5) + 39 / 400 * (9 + 5), 12);
    const withAdvantage = effect('Reckless', { attacksBy: 'advantage' });
    expect(zScore(measured([withAdvantage], runs), mean(d), Math.sqrt(variance(d) / runs))).toBeLessThan(4);
  });

  it('is left out when disadvantage cancels the advantage', () => {
    const d = exact(false);
    const both = [effect('Reckless', { attacksBy: 'advantage' }), effect('Poisoned', { conditions: ['poisoned'] })];
    expect(zScore(measured(both, runs), mean(d), Math.sqrt(variance(d) / runs))).toBeLessThan(4);
  });
});
