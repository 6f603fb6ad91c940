// Monster traits that change saving throws and what a death does, against exact values: advantage
// on saves against a condition (Fey Ancestry, Brave) or against spells for some abilities (Gnome
// Cunning), and a Death Burst that reaches every enemy it catches, even from the last monster.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { character, creature, dummy, effect, effectAction, fight, proportionSE, replays, sureDamage, zScore } from './test-support.ts';
import type { CreatureSpec } from './types.ts';

const RUNS = 4000;

describe('advantage on saves', () => {
  // One attempt in a one-round fight: Wis +0 against DC 13 fails with 12/20, twice with 0.36.
  const charm = effectAction('Charm', 'enemies', effect('Charmed', { conditions: ['charmed'], duration: { kind: 'encounter' } }), {
    save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: 1 }, spell: { level: 1 },
  });
  const fear = effectAction('Scare', 'enemies', effect('Scared', { conditions: ['frightened'], duration: { kind: 'encounter' } }), {
    save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: 1 },
  });
  const heldRate = (action: typeof charm, target: CreatureSpec, seed: number) => {
    const caster = character('Enchanter', { hp: 1000, initiativeBonus: 30, effectActions: [action] });
    let held = 0;
    for (const events of replays(fight([caster], [target], { roundCap: 1 }), seed, RUNS)) if (events.some((e) => e.t === 'effect')) held++;
    return held / RUNS;
  };

  it('against the named condition only', () => {
    const elf = dummy('Elf', { traits: { saveAdvantageAgainst: ['charmed'] } });
    expect(zScore(heldRate(charm, dummy('Human'), 101), 0.6, proportionSE(0.6, RUNS))).toBeLessThan(4);
    expect(zScore(heldRate(charm, elf, 102), 0.36, proportionSE(0.36, RUNS))).toBeLessThan(4);
    // Frightened is not what the elf resists.
    expect(zScore(heldRate(fear, elf, 103), 0.6, proportionSE(0.6, RUNS))).toBeLessThan(4);
  });

  it('against spells, for the listed abilities', () => {
    const gnome = dummy('Gnome', { traits: { spellSaveAdvantage: ['int', 'wis', 'cha'] } });
    // The charm is a spell: advantage. The scare is not.
    expect(zScore(heldRate(charm, gnome, 104), 0.36, proportionSE(0.36, RUNS))).toBeLessThan(4);
    expect(zScore(heldRate(fear, gnome, 105), 0.6, proportionSE(0.6, RUNS))).toBeLessThan(4);
  });
});

describe('Death Burst', () => {
  const mephit = (over: Partial<CreatureSpec> = {}) => creature('Mephit', {
    hp: 1, ac: 1, initiativeBonus: -10,
    deathBurst: { dc: 40, ability: 'dex', damage: '7', damageType: 'fire', onSuccess: 'half', targets: 2 },
    ...over,
  });
  const heroes = () => ['Ana', 'Bo'].map((n) => character(n, { hp: 100, initiativeBonus: 30, actions: [sureDamage('Jab', '1')] }));

  it('the last monster\'s burst still reaches both heroes, who cannot make DC 40', () => {
    const agg = simulate(fight(heroes(), [mephit()], { roundCap: 3 }), 106, 500);
    expect(agg.dayVictory).toBe(500);
    expect(agg.characters.map((c) => c.damageTaken)).toEqual([7 * 500, 7 * 500]);
  });

  it('half on a save, and fire resistance halves again', () => {
    // DC 1: every save succeeds; 7 fire -> 3 on a success -> 1 with resistance.
    const resistant = heroes().map((h, i) => (i === 0 ? { ...h, resistances: ['fire' as const] } : h));
    const agg = simulate(fight(resistant, [mephit({ deathBurst: { dc: 1, ability: 'dex', damage: '7', damageType: 'fire', onSuccess: 'half', targets: 2 } })], { roundCap: 3 }), 107, 500);
    expect(agg.characters.map((c) => c.damageTaken)).toEqual([1 * 500, 3 * 500]);
  });
});
