// Damage of several types on one hit, and resistance to nonmagical attacks, against exact values:
// flat damage and an attack that cannot miss make every figure a product of known numbers.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { attackAction, attackOdds, character, dummy, fight, sureDamage, weapon } from './test-support.ts';
import type { CreatureSpec } from './types.ts';

const ROUNDS = 5, RUNS = 2000;

function damagePerRun(hero: CreatureSpec, target: CreatureSpec, magicalWeapons = false, seed = 71): number {
  const agg = simulate(fight([hero], [target], { roundCap: ROUNDS, ...(magicalWeapons && { magicalWeapons: true }) }), seed, RUNS);
  return agg.characters[0].damageDealt / RUNS;
}

describe('a hit with a second damage type', () => {
  it('each type meets its own resistance and immunity', () => {
    // 10 piercing plus 6 fire on every hit; AC 1 is hit on 2-20 (a 1 always misses), so 19/20 of the 5 attacks land.
    const bite = attackAction('Bite', [weapon(10, '10', { damageType: 'piercing', extraDamage: [{ damage: '6', damageType: 'fire' }] })]);
    const hero = character('Hero', { hp: 1000, actions: [bite] });
    const hit = attackOdds(10, 1, 20).hit;
    expect(hit).toBeCloseTo(0.95, 12);
    // Flat damage does not double on a critical hit, so every hit deals exactly its parts.
    const plain = damagePerRun(hero, dummy('Target', { ac: 1 }));
    const fireImmune = damagePerRun(hero, dummy('Target', { ac: 1, immunities: ['fire'] }));
    const fireResistant = damagePerRun(hero, dummy('Target', { ac: 1, resistances: ['fire'] }));
    const se = (perHit: number) => perHit * Math.sqrt((ROUNDS * hit * (1 - hit)) / RUNS);
    expect(Math.abs(plain - ROUNDS * hit * 16)).toBeLessThan(4 * se(16));
    expect(Math.abs(fireImmune - ROUNDS * hit * 10)).toBeLessThan(4 * se(10));
    expect(Math.abs(fireResistant - ROUNDS * hit * 13)).toBeLessThan(4 * se(13));
  });

  it('the extra dice double on a critical hit', () => {
    // Hits only on a natural 20, which is always a critical hit: 1d1 doubles to 2, flat 3 stays 3.
    const hero = character('Hero', { hp: 1000, actions: [attackAction('Claw', [weapon(-20, '3', { extraDamage: [{ damage: '1d1', damageType: 'cold' }] })])] });
    const perRun = damagePerRun(hero, dummy('Target', { ac: 30 }), false, 72);
    const exact = ROUNDS * (1 / 20) * 5;
    expect(Math.abs(perRun - exact)).toBeLessThan(4 * 5 * Math.sqrt((ROUNDS * (1 / 20) * (19 / 20)) / RUNS));
  });
});

describe('resistance to nonmagical attacks', () => {
  const werewolf = () => dummy('Werewolf', { ac: 1, nonmagicalImmunities: ['slashing'], nonmagicalResistances: ['piercing'] });

  it('nonmagical weapons are ignored or halved; magical weapons and spells are not', () => {
    const sword = character('Hero', { hp: 1000, actions: [attackAction('Sword', [weapon(10, '10', { damageType: 'slashing' })])] });
    const spear = character('Hero', { hp: 1000, actions: [attackAction('Spear', [weapon(10, '10', { damageType: 'piercing' })])] });
    const hit = attackOdds(10, 1, 20).hit;
    const se = (perHit: number) => perHit * Math.sqrt((ROUNDS * hit * (1 - hit)) / RUNS);
    expect(damagePerRun(sword, werewolf())).toBe(0);
    expect(Math.abs(damagePerRun(spear, werewolf()) - ROUNDS * hit * 5)).toBeLessThan(4 * se(5));
    expect(Math.abs(damagePerRun(sword, werewolf(), true) - ROUNDS * hit * 10)).toBeLessThan(4 * se(10));
    // A spell's slashing damage (no attack roll here: a save it cannot make) is magical.
    const blades = character('Hero', { hp: 1000, actions: [sureDamage('Blade Barrier', '10', { damageType: 'slashing', spell: { level: 6 } })] });
    expect(damagePerRun(blades, werewolf())).toBe(ROUNDS * 10);
  });
});
