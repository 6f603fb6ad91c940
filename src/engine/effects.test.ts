// Effects, conditions, durations and concentration against exact mathematics: Bless on an attack
// roll, Hold Person's repeated save, a concentration save, crits on a paralyzed target, Legendary
// Resistance, Spirit Guardians' damage per round. Monte Carlo figures must sit within 4 standard
// errors of the exact value, with fixed seeds.

import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { Simulator } from './simulator.ts';
import { simulate } from './index.ts';
import type { LogEvent } from './log.ts';
import { emptyAggregate } from './stats.ts';
import {
  attackAction, attackOdds, character, creature, diceSum, dummy, effect, effectAction, fight, hitChanceWithDie, mapDist,
  mean, mixture, proportionSE, saveSuccess, sureDamage, variance, weapon, zScore, replays
} from './test-support.ts';
import type { ScenarioSpec } from './types.ts';

const FIRST = 30, LAST = -10;


const BLESS = effect('Bless', { attackBonus: '1d4', saveBonus: '1d4' });
const BANE = effect('Bane', { attackBonus: '-1d4', saveBonus: '-1d4' });

describe('bonus dice on attack rolls', () => {
  // Damage "1" counts hits: a critical hit doubles dice, not the flat 1.
  const hitRate = (effects: ReturnType<typeof effect>[], seed: number) => {
    const hero = character('Hero', { hp: 1000, effects, actions: [attackAction('Mace', [weapon(5, '1')])] });
    const runs = 20000, rounds = 10;
    const agg = simulate(fight([hero], [dummy('Target', { ac: 15 })], { roundCap: rounds }), seed, runs);
    return { rate: agg.characters[0].damageDealt / (runs * rounds), n: runs * rounds };
  };

  it('+5 against AC 15 hits 55% of the time; Bless makes it exactly 0.675, Bane 0.425', () => {
    expect(attackOdds(5, 15, 20).hit).toBeCloseTo(0.55, 12);
    const blessed = hitChanceWithDie(5, 15, 4, 1);
    const baned = hitChanceWithDie(5, 15, 4, -1);
    // Needs 10 on d20 + d4: (1/20)(1) for a 20, plus for rolls 2..19 the share of d4 faces that reach 10.
    expect(blessed).toBeCloseTo(0.675, 12);
    expect(baned).toBeCloseTo(0.425, 12);
    const plain = hitRate([], 11);
    const withBless = hitRate([BLESS], 12);
    const withBane = hitRate([BANE], 13);
    expect(zScore(plain.rate, 0.55, proportionSE(0.55, plain.n))).toBeLessThan(4);
    expect(zScore(withBless.rate, blessed, proportionSE(blessed, withBless.n))).toBeLessThan(4);
    expect(zScore(withBane.rate, baned, proportionSE(baned, withBane.n))).toBeLessThan(4);
  });

  it('advantage and disadvantage from effects, cancelling when both apply', () => {
    const adv = hitRate([effect('Reckless', { attacksBy: 'advantage' })], 14);
    const both = hitRate([effect('Reckless', { attacksBy: 'advantage' }), effect('Poison', { conditions: ['poisoned'] })], 15);
    const pAdv = attackOdds(5, 15, 20, true).hit;
    expect(zScore(adv.rate, pAdv, proportionSE(pAdv, adv.n))).toBeLessThan(4);
    expect(zScore(both.rate, 0.55, proportionSE(0.55, both.n))).toBeLessThan(4);
  });

  it('an AC bonus (Shield of Faith +2) lowers the hit chance to exactly 0.45', () => {
    const hero = character('Hero', { hp: 1000, actions: [attackAction('Mace', [weapon(5, '1')])] });
    const target = dummy('Target', { ac: 15, effects: [effect('Shield of Faith', { acBonus: 2 })] });
    const runs = 20000, rounds = 10;
    const agg = simulate(fight([hero], [target], { roundCap: rounds }), 16, runs);
    const rate = agg.characters[0].damageDealt / (runs * rounds);
    expect(zScore(rate, 0.45, proportionSE(0.45, runs * rounds))).toBeLessThan(4);
  });
});

describe('Hold Person: paralyzed until a save at the end of each of its turns succeeds', () => {
  it('gives the exact distribution of turns held', () => {
    // The caster acts first and casts once; the target (Wis +0, DC 13: success 8/20) acts each turn it
    // is free. Initial save fails with q = 12/20, then each end-of-turn save frees it with p = 8/20.
    // Turns held over a 5-round fight: 0 w.p. 1 - q; k in 1..4 w.p. q (1-p)^(k-1) p; 5 w.p. q (1-p)^4.
    const holdPerson = effectAction('Hold Person', 'enemies', effect('Hold Person', { conditions: ['paralyzed'], saveEnds: true }), {
      save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: 1 }, spell: { level: 2, concentration: true },
    });
    const caster = character('Cleric', { hp: 1000, initiativeBonus: FIRST, saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 }, effectActions: [holdPerson] });
    const target = dummy('Bandit', { initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    const rounds = 5, runs = 4000;
    const counts = new Array<number>(rounds + 1).fill(0);
    for (const events of replays(fight([caster], [target], { roundCap: rounds }), 21, runs)) {
      const acted = events.filter((e) => e.t === 'action' && e.who === 'Bandit').length;
      counts[rounds - acted]++;
    }
    const q = 12 / 20, p = 8 / 20;
    const exact = [1 - q];
    for (let k = 1; k < rounds; k++) exact.push(q * (1 - p) ** (k - 1) * p);
    exact.push(q * (1 - p) ** (rounds - 1));
    expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let k = 0; k <= rounds; k++) expect(zScore(counts[k] / runs, exact[k], proportionSE(exact[k], runs))).toBeLessThan(4);
  });

  it('limited to humanoids, it is never cast on a dragon, and on a humanoid beside it takes hold with the exact chance', () => {
    const limited = effect('Hold Person', { conditions: ['paralyzed'], saveEnds: true, onlyCreatureTypes: ['Humanoid'] });
    const holdPerson = effectAction('Hold Person', 'enemies', limited, {
      save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: 1 }, spell: { level: 2, concentration: true }, enemyTargeting: 'highest-hp',
    });
    const caster = character('Cleric', { hp: 1000, initiativeBonus: FIRST, saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 }, effectActions: [holdPerson] });
    // The dragon has the most HP, so without the limit it would be the one targeted.
    const dragon = dummy('Dragon', { hp: 500, creatureType: 'dragon', initiativeBonus: LAST, actions: [sureDamage('Bite', '1')] });
    const alone = replays(fight([caster], [dragon], { roundCap: 2 }), 23, 200);
    expect(alone.flat().filter((e) => e.t === 'action' && e.who === 'Cleric')).toEqual([]);

    const bandit = dummy('Bandit', { hp: 50, creatureType: 'humanoid', initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    const runs = 4000;
    let held = 0, onDragon = 0;
    for (const events of replays(fight([caster], [dragon, bandit], { roundCap: 1 }), 24, runs)) {
      for (const e of events) {
        if (e.t !== 'effect' || e.effect !== 'Hold Person') continue;
        if (e.target === 'Bandit') held++;
        else onDragon++;
      }
    }
    expect(onDragon).toBe(0);
    // Wis +0 against DC 13 fails with 12/20.
    expect(zScore(held / runs, 0.6, proportionSE(0.6, runs))).toBeLessThan(4);

    // A monster whose type is not given counts as any type: the old behaviour.
    const untyped = dummy('Thing', { hp: 500, initiativeBonus: LAST, actions: [sureDamage('Bite', '1')] });
    const cast = replays(fight([caster], [untyped], { roundCap: 1 }), 25, 200).flat().filter((e) => e.t === 'action' && e.who === 'Cleric');
    expect(cast.length).toBe(200);
  });

  it('a paralyzed creature fails Dexterity saves and melee hits on it are critical', () => {
    const held = effect('Held', { conditions: ['paralyzed'], duration: { kind: 'encounter' } });
    const hero = character('Hero', {
      hp: 1000,
      actions: [attackAction('Sword', [weapon(5, '1d6'), weapon(5, '1d6', { reach: 'ranged' })])],
    });
    const target = dummy('Target', { ac: 15, effects: [held] });
    const runs = 3000;
    let meleeHits = 0, meleeCrits = 0, rangedHits = 0, rangedCrits = 0, meleeAttacks = 0, meleeRollsTwo = 0;
    let damage = 0;
    for (const events of replays(fight([hero], [target], { roundCap: 1 }), 22, runs)) {
      const attacks = events.filter((e): e is Extract<LogEvent, { t: 'attack' }> => e.t === 'attack');
      const [melee, ranged] = attacks;
      meleeAttacks++;
      if (melee.rolls.length === 2) meleeRollsTwo++;
      if (melee.hit) {
        meleeHits++;
        damage += melee.damage;
      }
      if (melee.critical) meleeCrits++;
      if (ranged.hit) rangedHits++;
      if (ranged.critical) rangedCrits++;
    }
    // Attacks against a paralyzed creature have advantage; every melee hit is critical (2d6).
    expect(meleeRollsTwo).toBe(meleeAttacks);
    expect(meleeCrits).toBe(meleeHits);
    const pAdv = attackOdds(5, 15, 20, true);
    expect(zScore(meleeHits / runs, pAdv.hit, proportionSE(pAdv.hit, runs))).toBeLessThan(4);
    expect(zScore(rangedHits / runs, pAdv.hit, proportionSE(pAdv.hit, runs))).toBeLessThan(4);
    // Ranged hits crit only on a natural 20: P(max of two d20 = 20) = 39/400.
    expect(zScore(rangedCrits / runs, 39 / 400, proportionSE(39 / 400, runs))).toBeLessThan(4);
    const twoD6 = diceSum(2, 6);
    expect(zScore(damage / meleeHits, mean(twoD6), Math.sqrt(variance(twoD6) / meleeHits))).toBeLessThan(4);

    // Dexterity saves fail automatically: DC 2 with +20 still fails.
    const caster = character('Caster', { hp: 1000, actions: [{ ...sureDamage('Burn', '7'), dc: 2 }] });
    const agg = simulate(fight([caster], [dummy('Target', { saves: { str: 20, dex: 20, con: 20, int: 20, wis: 20, cha: 20 }, effects: [held] })], { roundCap: 3 }), 23, 100);
    expect(agg.characters[0].damageDealt).toBe(100 * 3 * 7);
  });
});

describe('concentration', () => {
  // The caster (Con +2) blesses itself on its first turn, then takes fixed damage each enemy turn.
  const setup = (damage: number) => {
    // A concentration effect with no save bonus (Bless would add 1d4 to the concentration save).
    const bless = effectAction('Bless', 'self', effect('Bless', { attackBonus: '1d4' }), { uses: { per: 'encounter', count: 1 }, spell: { level: 1, concentration: true } });
    const caster = character('Cleric', { hp: 100000, initiativeBonus: FIRST, saves: { str: 0, dex: 0, con: 2, int: 0, wis: 0, cha: 0 }, effectActions: [bless] });
    const brute = dummy('Brute', { initiativeBonus: LAST, actions: [sureDamage('Club', String(damage))] });
    return fight([caster], [brute], { roundCap: 1 });
  };

  it.each([
    [30, 15],
    [8, 10],
    [23, 11],
  ])('damage %i: a Con save against DC %i keeps it (exact odds), and failure ends the effect', (damage, dc) => {
    const runs = 3000;
    let kept = 0;
    for (const events of replays(setup(damage), 31, runs)) {
      const check = events.find((e): e is Extract<LogEvent, { t: 'concentration' }> => e.t === 'concentration')!;
      expect(check.dc).toBe(dc);
      const ended = events.some((e) => e.t === 'effect-end' && e.effect === 'Bless' && e.reason === 'concentration');
      expect(ended).toBe(!check.success);
      if (check.success) kept++;
    }
    const exact = saveSuccess(dc, 2);
    expect(zScore(kept / runs, exact, proportionSE(exact, runs))).toBeLessThan(4);
  });

  it('a caster keeps one concentration spell: it does not recast while concentrating', () => {
    const bless = effectAction('Bless', 'self', BLESS, { spell: { level: 1, concentration: true } });
    const caster = character('Cleric', { hp: 1000, saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 }, effectActions: [bless], actions: [attackAction('Mace', [weapon(5, '1')])] });
    const agg = simulate(fight([caster], [dummy('Target')], { roundCap: 5 }), 32, 50);
    // Bless once (10 rounds), then the mace every other turn.
    expect(agg.characters[0].actionUses).toEqual([50, 4 * 50]);
  });
});

describe('Legendary Resistance', () => {
  it('turns the first failed save against a disabling effect into a success', () => {
    const hold = effectAction('Hold Monster', 'enemies', effect('Hold Monster', { conditions: ['paralyzed'], saveEnds: true }), {
      save: { ability: 'wis', dc: 30 }, spell: { level: 5, concentration: true },
    });
    const caster = character('Wizard', { hp: 1000, initiativeBonus: FIRST, saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 }, effectActions: [hold] });
    const dragon = dummy('Dragon', {
      initiativeBonus: LAST, legendary: { perRound: 0, resistances: 2, actions: [] }, actions: [sureDamage('Bite', '0')],
    });
    const events = replays(fight([caster], [dragon], { roundCap: 4 }), 41, 1)[0];
    const kinds = events.filter((e) => ['legendary-resistance', 'effect'].includes(e.t) || (e.t === 'save' && e.target === 'Dragon')).map((e) => `${e.t}${'success' in e ? `:${e.success}` : ''}`);
    // Round 1: fails, resists (1 left). Round 2: fails, resists (0 left). Round 3: fails and is held;
    // its end-of-turn save fails too. Round 4: still held, so the wizard does not recast.
    expect(kinds).toEqual([
      'legendary-resistance', 'save:true',
      'legendary-resistance', 'save:true',
      'save:false', 'effect', 'save:false',
      'save:false',
    ]);
  });

  it('is spent on a save that would cost a quarter of its HP, not on a scratch', () => {
    const fireball = { ...sureDamage('Fireball', '60'), dc: 30, onSuccess: 'half' as const, uses: { per: 'encounter' as const, count: 1 } };
    const scratch = { ...sureDamage('Scratch', '2'), dc: 30, onSuccess: 'none' as const };
    const caster = character('Wizard', { hp: 1000, initiativeBonus: FIRST, actions: [fireball, scratch] });
    const dragon = creature('Dragon', { hp: 100, initiativeBonus: LAST, legendary: { perRound: 0, resistances: 3, actions: [] } });
    const agg = simulate(fight([caster], [dragon], { roundCap: 3 }), 42, 20);
    // Fireball: failing costs 30 more HP than succeeding, at least a quarter of 100: resisted, 30.
    // Then two scratches of 2, not resisted: 34 per run.
    expect(agg.characters[0].damageDealt).toBe(20 * 34);
  });
});

describe('damage at the start of a turn', () => {
  it('Spirit Guardians deals 3d8 (Wis save DC 14 for half) each time the enemy starts its turn', () => {
    const guardians = effectAction('Spirit Guardians', 'enemies', effect('Spirit Guardians', {
      turnDamage: { damage: '3d8', damageType: 'radiant', when: 'start', save: { ability: 'wis', dc: 14 }, onSuccess: 'half' },
    }), { targets: 3, spell: { level: 3, concentration: true } });
    const caster = character('Cleric', { hp: 1000, initiativeBonus: FIRST, saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 }, effectActions: [guardians] });
    const target = dummy('Ogre', { initiativeBonus: LAST, saves: { str: 0, dex: 0, con: 0, int: 0, wis: 2, cha: 0 } });
    const runs = 4000, rounds = 5;
    const agg = simulate(fight([caster], [target], { roundCap: rounds }), 51, runs);
    const pSave = saveSuccess(14, 2);
    expect(pSave).toBe(9 / 20);
    const perTurn = mixture([[1 - pSave, diceSum(3, 8)], [pSave, mapDist(diceSum(3, 8), (x) => Math.floor(x / 2))]]);
    const perRun = agg.encounters[0].enemies[0].damageTaken / runs;
    // One application, then five turn starts: the run total is a sum of five independent turns.
    expect(zScore(perRun, rounds * mean(perTurn), Math.sqrt((rounds * variance(perTurn)) / runs))).toBeLessThan(4);
    expect(mean(perTurn)).toBeCloseTo(0.55 * 13.5 + 0.45 * mean(mapDist(diceSum(3, 8), (x) => Math.floor(x / 2))), 12);
  });
});

describe('durations', () => {
  it('a 10-round effect lasts exactly the source\'s next ten turns', () => {
    // The caster blesses itself in round 1 and attacks a dummy; Bless ends at the start of its 11th turn.
    const bless = effectAction('Bless', 'self', BLESS, { uses: { per: 'encounter', count: 1 } });
    const caster = character('Cleric', { hp: 1000, effectActions: [bless], actions: [attackAction('Mace', [weapon(5, '1')])] });
    const events = replays(fight([caster], [dummy('Target')], { roundCap: 12 }), 61, 1)[0];
    const round = (i: number) => events.slice(0, i).filter((e) => e.t === 'round').length;
    const start = events.findIndex((e) => e.t === 'effect');
    const end = events.findIndex((e) => e.t === 'effect-end' && e.reason === 'expired');
    expect(round(start)).toBe(1);
    expect(round(end)).toBe(11);
  });

  it('an effect until the end of the source\'s next turn, and one until the start of the target\'s', () => {
    const mark = effectAction('Vex', 'enemies', effect('Vex', { attacksAgainst: 'advantage', duration: { kind: 'source-turn-end' } }), { uses: { per: 'encounter', count: 1 } });
    const caster = character('Ranger', { hp: 1000, initiativeBonus: FIRST, effectActions: [mark] });
    const events = replays(fight([caster], [dummy('Target', { initiativeBonus: LAST })], { roundCap: 4 }), 62, 1)[0];
    const round = (i: number) => events.slice(0, i).filter((e) => e.t === 'round').length;
    expect(round(events.findIndex((e) => e.t === 'effect'))).toBe(1);
    // Ends after the ranger's turn in round 2.
    const end = events.findIndex((e) => e.t === 'effect-end');
    expect(round(end)).toBe(2);
    expect(events[end - 1]).toMatchObject({ t: 'turn', who: 'Ranger' });
  });
});

describe('the plain path and the effect path agree', () => {
  it('an inert effect changes nothing in a varied fight', () => {
    const party = [
      character('Fighter', { hp: 40, ac: 17, actions: [attackAction('Sword', [weapon(6, '1d8+4', { count: 2 })])] }),
      character('Wizard', { hp: 20, ac: 12, actions: [{ ...sureDamage('Fireball', '8d6'), dc: 14, targets: 3, uses: { per: 'encounter', count: 1 } }, attackAction('Bolt', [weapon(5, '1d10', { reach: 'ranged' })])] }),
    ];
    const enemies = [creature('Orc', { count: 3, hp: 15, ac: 13, actions: [attackAction('Axe', [weapon(5, '1d12+3')], { targeting: 'random' })] })];
    const plain = simulate(fight(party, enemies), 71, 2000);
    const inert = party.map((c, i) => (i === 0 ? { ...c, effects: [effect('Nothing', { duration: { kind: 'encounter' } })] } : c));
    const withEffect = simulate(fight(inert, enemies), 71, 2000);
    expect(withEffect).toEqual(plain);
  });
});

describe('reactions', () => {
  // One attack a round, damage "1" counting hits, against a wizard (AC 13) who cannot fall.
  const hits = (reactions: NonNullable<ScenarioSpec['party'][0]['reactions']>, damage: string, seed: number) => {
    const wizard = character('Wizard', { hp: 100000, ac: 13, reactions });
    const brute = dummy('Brute', { actions: [attackAction('Club', [weapon(5, damage)])] });
    const runs = 20000;
    const agg = simulate(fight([wizard], [brute], { roundCap: 1 }), seed, runs);
    return { perRun: agg.characters[0].damageTaken / runs, runs };
  };

  it('Shield turns hits that +5 AC would miss into misses: +5 against AC 13 hits 0.65, with Shield exactly 0.40', () => {
    const plain = hits([], '1', 81);
    const shielded = hits([{ kind: 'shield' }], '1', 82);
    expect(zScore(plain.perRun, 0.65, proportionSE(0.65, plain.runs))).toBeLessThan(4);
    expect(zScore(shielded.perRun, 0.4, proportionSE(0.4, shielded.runs))).toBeLessThan(4);
  });

  it('Parry adds its bonus against melee only; Uncanny Dodge halves the damage of a hit', () => {
    const parried = hits([{ kind: 'parry', acBonus: 3 }], '1', 83);
    // Hits need 8+ on the d20 without Parry, 11+ with it: 10/20.
    expect(zScore(parried.perRun, 0.5, proportionSE(0.5, parried.runs))).toBeLessThan(4);
    const dodged = hits([{ kind: 'uncanny-dodge' }], '10', 84);
    // Every hit deals 5 instead of 10 (a critical hit doubles dice, and there are none).
    expect(zScore(dodged.perRun / 5, 0.65, proportionSE(0.65, dodged.runs))).toBeLessThan(4);
  });
});

describe('effects that end on damage', () => {
  it('Hypnotic Pattern holds a creature until it is damaged', () => {
    // The caster (first) charms both goblins; the fighter (second) hits one, which wakes it; the other stays incapacitated.
    const pattern = effectAction('Hypnotic Pattern', 'enemies', effect('Hypnotic Pattern', { conditions: ['charmed', 'incapacitated'], endsOnDamage: true }), {
      targets: 2, save: { ability: 'wis', dc: 40 }, spell: { level: 3, concentration: true }, uses: { per: 'encounter', count: 1 },
    });
    const caster = character('Bard', { hp: 1000, initiativeBonus: FIRST, saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 }, effectActions: [pattern] });
    const fighter = character('Fighter', { hp: 1000, initiativeBonus: 10, actions: [{ ...sureDamage('Poke', '1'), uses: { per: 'encounter', count: 1 } }] });
    const goblins = [dummy('Goblin A', { initiativeBonus: LAST, actions: [sureDamage('Stab', '1')] }), dummy('Goblin B', { initiativeBonus: LAST, actions: [sureDamage('Stab', '1')] })];
    const agg = simulate(fight([caster, fighter], goblins, { roundCap: 3 }), 91, 200);
    const [a, b] = agg.encounters[0].enemies;
    // One goblin is woken in round 1 and acts in rounds 1 to 3; the other never acts.
    expect(a.actionUses[0] + b.actionUses[0]).toBe(200 * 3);
    // Had damage not woken it, neither would act: 0. Had the pattern failed, both: 1200.
  });
});

describe('a concentration effect whose only target dies', () => {
  it('frees the caster: Hunter\'s Mark moves to the next target', () => {
    const mark = effectAction('Hunter\'s Mark', 'enemies', effect('Hunter\'s Mark', { markDamage: '1d6', duration: { kind: 'encounter' } }), {
      slot: 'bonus', spell: { level: 1, concentration: true }, enemyTargeting: 'lowest-hp',
    });
    const ranger = character('Ranger', { hp: 1000, initiativeBonus: FIRST, effectActions: [mark], actions: [sureDamage('Shot', '7')] });
    const goblins = [5, 6, 7].map((hp) => creature(`Goblin ${hp}`, { hp, initiativeBonus: LAST }));
    // Round 1: a goblin dies to the shot, the mark goes on another. Round 2: the marked one dies, the
    // mark moves to the last. Round 3: the last one dies.
    const agg = simulate(fight([ranger], goblins), 92, 50);
    expect(agg.characters[0].actionUses).toEqual([100, 150]);
  });
});

describe('spell slots, upcasting, cantrips and Magic Resistance against exact values', () => {
  const spellDamage = (caster: Partial<Parameters<typeof character>[1]>, rules: Partial<ScenarioSpec['rules']>, target: Partial<Parameters<typeof dummy>[1]> = {}) => {
    const wizard = character('Wizard', { hp: 1000, ...caster });
    const runs = 20000;
    const agg = simulate(fight([wizard], [dummy('Target', target)], { roundCap: 1, ...rules }), 93, runs);
    return agg.characters[0].damageDealt / runs;
  };
  const fireball = { ...sureDamage('Fireball', '8d6'), spell: { level: 3, upcast: '1d6' } };

  it('a 3rd-level Fireball cast with a 5th-level slot under "nova" rolls 10d6; "balanced" uses the 3rd-level slot', () => {
    const nova = spellDamage({ spellSlots: [0, 0, 1, 0, 1], actions: [fireball] }, { resourcePolicy: 'nova' });
    const balanced = spellDamage({ spellSlots: [0, 0, 1, 0, 1], actions: [fireball] }, {});
    const se = (n: number) => Math.sqrt(variance(diceSum(n, 6)) / 20000);
    expect(zScore(nova, 35, se(10))).toBeLessThan(4);
    expect(zScore(balanced, 28, se(8))).toBeLessThan(4);
  });

  it('a cantrip with scaling rolls its dice twice at level 5 and four times at level 17', () => {
    const bolt = { ...sureDamage('Fire Bolt', '1d10'), spell: { level: 0, cantripScaling: true } };
    const se = (n: number) => Math.sqrt(variance(diceSum(n, 10)) / 20000);
    expect(zScore(spellDamage({ level: 5, actions: [bolt] }, {}), 11, se(2))).toBeLessThan(4);
    expect(zScore(spellDamage({ level: 17, actions: [bolt] }, {}), 22, se(4))).toBeLessThan(4);
  });

  it('Magic Resistance gives advantage on the save: DC 15 with +4 saves 1 - (10/20)^2 = 0.75 of the time', () => {
    const half = { ...sureDamage('Fireball', '20'), dc: 15, onSuccess: 'half' as const, spell: { level: 0 } };
    const saves = { str: 4, dex: 4, con: 4, int: 4, wis: 4, cha: 4 };
    const plain = spellDamage({ actions: [half] }, {}, { saves });
    const resistant = spellDamage({ actions: [half] }, {}, { saves, traits: { magicResistance: true } });
    // Damage is 20 on a failure, 10 on a success: mean 20 - 10 p.
    expect(zScore(plain, 20 - 10 * 0.5, 10 * proportionSE(0.5, 20000))).toBeLessThan(4);
    expect(zScore(resistant, 20 - 10 * 0.75, 10 * proportionSE(0.75, 20000))).toBeLessThan(4);
    // A restrained creature has disadvantage on Dexterity saves: 0.25.
    const restrained = spellDamage({ actions: [half] }, {}, { saves, effects: [effect('Web', { conditions: ['restrained'] })] });
    expect(zScore(restrained, 20 - 10 * 0.25, 10 * proportionSE(0.25, 20000))).toBeLessThan(4);
  });
});

describe('legendary and lair actions in the turn order', () => {
  it('lair actions on initiative count 20, legendary actions at the end of other creatures\' turns, points back on its turn', () => {
    // Initiative: Fast (d20+30: 31..50), Dragon (d20+10: 11..30, sometimes 20 or more), Slow (d20-10).
    const fast = character('Fast', { hp: 1000, initiativeBonus: FIRST, actions: [sureDamage('Poke', '1')] });
    const slow = character('Slow', { hp: 1000, initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    const dragon = dummy('Dragon', {
      initiativeBonus: 10,
      legendary: { perRound: 2, resistances: 0, actions: [{ cost: 1, action: sureDamage('Tail', '1') }] },
      lairActions: [sureDamage('Quake', '1'), sureDamage('Gas', '1')],
      actions: [sureDamage('Bite', '1')],
    });
    const compiled = compileScenario(fight([fast, slow], [dragon], { roundCap: 3 }));
    const sim = new Simulator(compiled);
    const scratch = emptyAggregate(compiled.layout);
    for (let run = 0; run < 40; run++) {
      const events = sim.replay(7, run, scratch).events;
      const order = events.find((e): e is Extract<LogEvent, { t: 'initiative' }> => e.t === 'initiative')!.order;
      const dragonInit = order.find((o) => o.who === 'Dragon')!.total;
      const seq = events.filter((e) => e.t === 'turn' || e.t === 'lair' || e.t === 'legendary' || e.t === 'round')
        .map((e) => (e.t === 'round' ? '|' : e.t === 'turn' ? e.who : e.t === 'lair' ? `lair:${e.action}` : `leg:${e.pointsLeft}`));
      // Each round: Fast, then the dragon's lair action before anyone below 20, then Dragon and Slow in order; a
      // legendary action after each of the others' turns while points last (2 a round, back on its turn).
      const round = (lair: string, afterFast: string) => (dragonInit >= 20
        ? ['|', 'Fast', afterFast, 'Dragon', lair, 'Slow', 'leg:1']
        : ['|', 'Fast', afterFast, lair, 'Dragon', 'Slow', 'leg:1']);
      // Round 1: 2 points, Fast's turn spends one (1 left); the dragon's turn restores 2; Slow's spends one.
      // Later rounds start with the 1 left, which Fast's turn spends.
      expect(seq).toEqual([...round('lair:Quake', 'leg:1'), ...round('lair:Gas', 'leg:0'), ...round('lair:Quake', 'leg:0')]);
    }
  });
});
