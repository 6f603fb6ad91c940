// Rules in the loop, with scenarios built so that the answer is deterministic (sure damage, fixed
// initiative order) or has a closed form: surprise, dead monsters, healing the downed, temporary
// HP, limited uses, recharge, short rests and hit dice, the round cap.

import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { Simulator } from './simulator.ts';
import { simulate } from './index.ts';
import type { LogEvent } from './log.ts';
import { emptyAggregate } from './stats.ts';
import { summarize } from './summary.ts';
import {
  character, creature, diceSum, dummy, encounter, fight, healAction, mean, proportionSE, scenario, sureDamage, variance,
  zScore, type Dist,
} from './test-support.ts';
import type { ActionSpec, HitDicePolicy, ScenarioSpec, Uses } from './types.ts';

function eventsOf(spec: ScenarioSpec, seed: number, run: number): LogEvent[] {
  const compiled = compileScenario(spec);
  return new Simulator(compiled).replay(seed, run, emptyAggregate(compiled.layout)).events;
}

// Initiative bonuses far apart fix the order: d20+30 is 31..50, d20+10 is 11..30, d20-10 is -9..10.
const FIRST = 30, SECOND = 10, LAST = -10;

describe('surprise', () => {
  // Both sides deal 5 sure damage a turn to a target that cannot fall; one round only.
  const side = (name: string) => dummy(name, { actions: [sureDamage('Hit', '5')] });
  const oneRound = (surprise: 'none' | 'party' | 'enemies') => {
    const agg = simulate(fight([side('P')], [side('E')], { roundCap: 1 }, { surprise }), 1, 200);
    return { partyDealt: agg.characters[0].damageDealt / 200, enemyDealt: agg.encounters[0].enemies[0].damageDealt / 200 };
  };

  it('the surprised side skips its first turn, the other acts', () => {
    expect(oneRound('none')).toEqual({ partyDealt: 5, enemyDealt: 5 });
    expect(oneRound('enemies')).toEqual({ partyDealt: 5, enemyDealt: 0 });
    expect(oneRound('party')).toEqual({ partyDealt: 0, enemyDealt: 5 });
  });

  it('only the first turn: over three rounds the surprised side acts twice', () => {
    const agg = simulate(fight([side('P')], [side('E')], { roundCap: 3 }, { surprise: 'party' }), 1, 100);
    expect(agg.characters[0].damageDealt).toBe(100 * 10);
    expect(agg.encounters[0].enemies[0].damageDealt).toBe(100 * 15);
    const events = eventsOf(fight([side('P')], [side('E')], { roundCap: 3 }, { surprise: 'party' }), 1, 0);
    expect(events.filter((e) => e.t === 'surprised')).toEqual([{ t: 'surprised', who: 'P' }]);
  });
});

describe('creatures at 0 HP', () => {
  it('a monster at 0 HP dies and never acts again', () => {
    // The enemies are surprised; the hero kills the 5-HP imp in round 1 (lowest HP first), so only
    // the brute hits back, in rounds 2 to 5: 4 damage. Were the imp still acting it would be 8.
    const hero = dummy('Hero', { actions: [sureDamage('Blast', '10')] });
    const imp = creature('Imp', { hp: 5, actions: [sureDamage('Sting', '1')] });
    const brute = dummy('Brute', { actions: [sureDamage('Punch', '1')] });
    const runs = 100;
    const agg = simulate(fight([hero], [imp, brute], { roundCap: 5 }, { surprise: 'enemies' }), 2, runs);
    expect(agg.characters[0].damageTaken).toBe(4 * runs);
    const [impTotals, bruteTotals] = agg.encounters[0].enemies;
    expect(impTotals.actionUses).toEqual([0]);
    expect(impTotals.killedRuns).toBe(runs);
    expect(bruteTotals.actionUses).toEqual([4 * runs]);
    // Damage dealt counts HP lost: 5 from the imp, then 10 a round from the brute in rounds 2..5.
    expect(agg.characters[0].damageDealt).toBe((5 + 40) * runs);
  });

  it('a heal with condition ally-down raises a downed character, who then stands and acts', () => {
    // Order: Healer, Hero, Ogre. Round 1: the healer has no one to heal, Hero stabs, the ogre drops
    // Hero (10 damage, 10 HP). Round 2: the healer heals Hero for 5; Hero, standing, stabs again with
    // no death save; the ogre drops Hero again. Every run: 5 healed, 2 stabs, 2 drops.
    const healer = character('Healer', { hp: 1000, initiativeBonus: FIRST, actions: [healAction('Cure', '5', { condition: 'ally-down' })] });
    const hero = character('Hero', { hp: 10, initiativeBonus: SECOND, actions: [sureDamage('Stab', '1')] });
    const ogre = dummy('Ogre', { initiativeBonus: LAST, actions: [sureDamage('Club', '10')] });
    const spec = fight([healer, hero], [ogre], { roundCap: 2 });
    const runs = 200;
    const agg = simulate(spec, 3, runs);
    expect(agg.characters[0].healingDone).toBe(5 * runs);
    expect(agg.characters[0].actionUses).toEqual([runs]);
    expect(agg.characters[1].actionUses).toEqual([2 * runs]);
    expect(agg.characters[1].downs).toBe(2 * runs);
    expect(agg.characters[1].deathRuns).toBe(0);
    const events = eventsOf(spec, 3, 0);
    const heal = events.findIndex((e) => e.t === 'heal');
    expect(events[heal]).toMatchObject({ who: 'Healer', target: 'Hero', amount: 5, targetHp: 5 });
    // The heal's consequence is logged just before the heal itself.
    expect(events.slice(heal - 2, heal)).toEqual([
      { t: 'action', who: 'Healer', action: 'Cure' },
      { t: 'revived', who: 'Hero', hp: 5 },
    ]);
    // Hero's next turn: 5 HP, and straight to its action.
    expect(events.slice(heal + 1, heal + 3)).toEqual([
      { t: 'turn', who: 'Hero', hp: 5 },
      { t: 'action', who: 'Hero', action: 'Stab' },
    ]);
  });

  it('a healer whose condition does not hold does nothing', () => {
    const healer = character('Healer', { hp: 1000, actions: [healAction('Cure', '5', { condition: 'ally-down' })] });
    const agg = simulate(fight([healer, character('Hero', { hp: 10 })], [dummy('Rock')], { roundCap: 3 }), 4, 50);
    expect(agg.characters[0].actionUses).toEqual([0]);
    expect(agg.characters[0].healingDone).toBe(0);
  });
});

describe('temporary hit points', () => {
  it('do not stack and absorb damage first', () => {
    // Hero (first) grants itself 5 temporary HP as its action and 8 as its bonus action whenever it has
    // none; the ogre deals 3 a turn. Round 1: 5 temp (the 8 is refused while 5 remain), 3 absorbed.
    // Round 2: 2 absorbed, 1 to HP. Round 3: 5 again, 3 absorbed. Round 4: 2 absorbed, 1 to HP.
    // Hero ends at 98 of 100 and took 12 damage. Stacking 5 + 8 would leave 100; no absorption, 88.
    const hero = character('Hero', {
      hp: 100,
      initiativeBonus: FIRST,
      actions: [
        healAction('False Life', '5', { temporary: true, targeting: 'self' }),
        healAction('Bonus Ward', '8', { temporary: true, targeting: 'self', slot: 'bonus' }),
      ],
    });
    const ogre = dummy('Ogre', { initiativeBonus: LAST, actions: [sureDamage('Club', '3')] });
    const runs = 50;
    const agg = simulate(fight([hero], [ogre], { roundCap: 4 }), 5, runs);
    expect(agg.partyHpEndSum).toBe(98 * runs);
    expect(agg.characters[0].damageTaken).toBe(12 * runs);
    expect(agg.characters[0].actionUses).toEqual([2 * runs, 0]);
    // Temporary HP are not healing.
    expect(agg.characters[0].healingDone).toBe(0);
  });

  it('a larger grant replaces a smaller one only when none remain (never added)', () => {
    const hero = character('Hero', {
      hp: 100,
      initiativeBonus: FIRST,
      actions: [healAction('Ward', '10', { temporary: true, targeting: 'self' })],
    });
    const ogre = dummy('Ogre', { initiativeBonus: LAST, actions: [sureDamage('Club', '4')] });
    // Round 1: 10 temp, 4 absorbed (6 left). Round 2: no grant (6 > 0), 4 absorbed (2 left).
    // Round 3: no grant, 2 absorbed, 2 to HP. Round 4: 10 temp, 4 absorbed. HP 98.
    const agg = simulate(fight([hero], [ogre], { roundCap: 4 }), 6, 10);
    expect(agg.partyHpEndSum).toBe(98 * 10);
    expect(agg.characters[0].actionUses).toEqual([2 * 10]);
  });
});

describe('limited uses', () => {
  // Each action deals 1 sure damage; each encounter is a 5-HP monster with no actions, so the hero
  // takes exactly 5 turns per encounter and always wins. Actions are tried in list order.
  const hit = (name: string, uses: Uses): ActionSpec => sureDamage(name, '1', { uses });
  const hero = character('Hero', {
    hp: 50,
    actions: [
      hit('Per encounter x2', { per: 'encounter', count: 2 }),
      hit('Per short rest x1', { per: 'short-rest', count: 1 }),
      hit('Per long rest x1', { per: 'long-rest', count: 1 }),
      hit('At will', { per: 'at-will' }),
    ],
  });
  const target = (name: string) => creature(name, { hp: 5 });

  it('are used at most their count per encounter, per short rest and per long rest', () => {
    // E1: enc, enc, short, long, at-will. E2 (no rest): enc, enc, at-will x3. E3 (after a short rest):
    // enc, enc, short, at-will x2.
    const spec = scenario([hero], [
      encounter('E1', [target('M1')]),
      encounter('E2', [target('M2')]),
      encounter('E3', [target('M3')], { shortRestBefore: true }),
    ]);
    const runs = 40;
    const compiled = compileScenario(spec);
    const agg = simulate(compiled, 7, runs);
    expect(agg.dayVictory).toBe(runs);
    const s = summarize(agg, compiled.layout);
    expect(s.characters[0].actionUses).toEqual([
      { action: 'Per encounter x2', mean: 6 },
      { action: 'Per short rest x1', mean: 2 },
      { action: 'Per long rest x1', mean: 1 },
      { action: 'At will', mean: 6 },
    ]);
    expect(s.rounds.mean).toBe(15);
  });

  it('a recharge 5-6 action is ready at the start, then recharges with probability 1/3 a turn', () => {
    // The breath is used on turn 1; on each later turn it is spent, so the d6 decides: 5 or 6 and it is
    // used again at once. Uses over R turns: 1 + Binomial(R - 1, 1/3).
    const rounds = 10;
    const dragon = dummy('Dragon', {
      actions: [
        sureDamage('Breath', '1', { uses: { per: 'recharge', min: 5 } }),
        sureDamage('Bite', '1'),
      ],
    });
    const runs = 20_000;
    const compiled = compileScenario(fight([dummy('Wall')], [dragon], { roundCap: rounds }));
    const agg = simulate(compiled, 8, runs);
    const [breath, bite] = agg.encounters[0].enemies[0].actionUses;
    const expected = 1 + (rounds - 1) / 3;
    const sd = Math.sqrt(((rounds - 1) * 2) / 9);
    expect(zScore(breath / runs, expected, sd / Math.sqrt(runs))).toBeLessThan(4);
    expect(breath + bite).toBe(rounds * runs);
    const s = summarize(agg, compiled.layout);
    expect(s.encounters[0].enemies[0].actionUses[0].action).toBe('Breath');
    expect(zScore(s.encounters[0].enemies[0].actionUses[0].mean, expected, sd / Math.sqrt(runs))).toBeLessThan(4);
  });

  it('recharge 6 recharges with probability 1/6, and the roll is logged only while spent', () => {
    const rounds = 12;
    const dragon = dummy('Dragon', { actions: [sureDamage('Breath', '1', { uses: { per: 'recharge', min: 6 } })] });
    const spec = fight([dummy('Wall')], [dragon], { roundCap: rounds });
    const runs = 20_000;
    const agg = simulate(spec, 9, runs);
    const uses = agg.encounters[0].enemies[0].actionUses[0];
    const expected = 1 + (rounds - 1) / 6;
    const sd = Math.sqrt(((rounds - 1) * 5) / 36);
    expect(zScore(uses / runs, expected, sd / Math.sqrt(runs))).toBeLessThan(4);
    const events = eventsOf(spec, 9, 0);
    const recharges = events.filter((e) => e.t === 'recharge');
    expect(recharges.length).toBe(rounds - 1);
    expect(recharges.filter((r) => r.t === 'recharge' && r.ready !== r.roll >= 6)).toEqual([]);
  });
});

describe('short rests and hit dice', () => {
  // E1: the ogre (first) deals 17 to Hero (20 HP), then Hero kills it. Short rest. E2: Hero kills a
  // harmless rat. Hero's hit dice: 3d1 with CON +4, so each die heals exactly 5.
  function restDay(policy: HitDicePolicy, hitDice = '3d1', conModifier = 4): ScenarioSpec {
    const hero = character('Hero', { hp: 20, hitDice, conModifier, actions: [sureDamage('Stab', '1')] });
    const ogre = creature('Ogre', { hp: 1, initiativeBonus: FIRST, actions: [sureDamage('Club', '17')] });
    return scenario(
      [hero],
      [encounter('E1', [ogre]), encounter('E2', [creature('Rat', { hp: 1 })], { shortRestBefore: true })],
      { hitDicePolicy: policy },
    );
  }

  it.each([
    ['none', 3, 0],
    ['to-half', 13, 2], // 3 -> 8 -> 13, at least half of 20
    ['to-full', 18, 3], // 3 -> 8 -> 13 -> 18, out of dice
  ] as const)('policy %s: ends the day at %i HP having spent %i hit dice', (policy, hp, spent) => {
    const runs = 30;
    const agg = simulate(restDay(policy), 10, runs);
    expect(agg.dayVictory).toBe(runs);
    expect(agg.partyHpEndSum).toBe(hp * runs);
    expect(agg.characters[0].hitDiceSpent).toBe(spent * runs);
  });

  it('to-full stops at the maximum and does not overheal', () => {
    const agg = simulate(restDay('to-full', '10d1', 10), 11, 10);
    // 3 -> 14 -> 20 (capped): two dice.
    expect(agg.partyHpEndSum).toBe(20 * 10);
    expect(agg.characters[0].hitDiceSpent).toBe(2 * 10);
  });

  it('to-half with real dice: exact expected dice spent and HP, by a DP over (HP, dice left)', () => {
    // From 3 HP of 20, goal 10, 5d8 with CON +0: spend while below 10 and dice remain.
    const runs = 40_000;
    const agg = simulate(restDay('to-half', '5d8', 0), 12, runs);
    const goal = 10, max = 20;
    const spentDist = new Map<number, number>(), hpDist = new Map<number, number>();
    const step = (hp: number, spent: number, q: number) => {
      if (hp >= goal || spent === 5) {
        spentDist.set(spent, (spentDist.get(spent) ?? 0) + q);
        hpDist.set(hp, (hpDist.get(hp) ?? 0) + q);
        return;
      }
      for (let face = 1; face <= 8; face++) step(Math.min(max, hp + face), spent + 1, q / 8);
    };
    step(3, 0, 1);
    const asDist = (m: Map<number, number>): Dist => {
      const lo = Math.min(...m.keys()), hi = Math.max(...m.keys());
      const p = new Array<number>(hi - lo + 1).fill(0);
      for (const [k, q] of m) p[k - lo] = q;
      return { offset: lo, p };
    };
    const spent = asDist(spentDist), hp = asDist(hpDist);
    expect(zScore(agg.characters[0].hitDiceSpent / runs, mean(spent), Math.sqrt(variance(spent) / runs))).toBeLessThan(4);
    expect(zScore(agg.partyHpEndSum / runs, mean(hp), Math.sqrt(variance(hp) / runs))).toBeLessThan(4);
  });

  it('a stable character at 0 HP gets 1 HP back on a short rest before spending hit dice', () => {
    // E1: Hero (15 HP) drops to 0 (15 damage), the fighter wins; Hero is stabilised after the fight.
    // Short rest: 1 HP, then 3d1+4 to half of 15 (8): 1 -> 6 -> 11. E2 is a harmless rat.
    const hero = character('Hero', { hp: 15, hitDice: '3d1', conModifier: 4 });
    const fighter = character('Fighter', { hp: 100, actions: [sureDamage('Stab', '1')] });
    const ogre = creature('Ogre', { hp: 1, initiativeBonus: FIRST, actions: [sureDamage('Club', '15')] });
    const spec = scenario(
      [hero, fighter],
      [encounter('E1', [ogre]), encounter('E2', [creature('Rat', { hp: 1 })], { shortRestBefore: true })],
    );
    const runs = 20;
    const agg = simulate(spec, 13, runs);
    expect(agg.dayVictory).toBe(runs);
    expect(agg.characters[0].hitDiceSpent).toBe(2 * runs);
    expect(agg.partyHpEndSum).toBe((11 + 100) * runs);
  });
});

describe('the round cap', () => {
  it('ends a fight still running after the cap as a draw, and the day with it', () => {
    const spec = scenario(
      [dummy('Wall', { actions: [sureDamage('Tap', '1')] })],
      [encounter('E1', [dummy('Rock', { actions: [sureDamage('Tap', '1')] })]), encounter('E2', [creature('Rat')])],
      { roundCap: 3 },
    );
    const runs = 25;
    const compiled = compileScenario(spec);
    const agg = simulate(compiled, 14, runs);
    expect(agg.dayDraw).toBe(runs);
    expect(agg.encounters[0].draw).toBe(runs);
    expect(agg.encounters[0].roundsHist[3]).toBe(runs);
    expect(agg.encounters[1].reached).toBe(0);
    expect(agg.characters[0].actionUses).toEqual([3 * runs]);
    expect(summarize(agg, compiled.layout).rounds.mean).toBe(3);
  });
});

describe('initiative with advantage', () => {
  it('acts first with the exact probability when rolling two d20 for initiative', () => {
    // A rolls max(d20, d20), B rolls d20: P(A > B) + P(A = B) / 2 from P(max = k) = (2k - 1) / 400.
    let pFirst = 0;
    for (let a = 1; a <= 20; a++) {
      for (let b = 1; b <= 20; b++) {
        const w = ((2 * a - 1) / 400) * (1 / 20);
        if (a > b) pFirst += w;
        else if (a === b) pFirst += w / 2;
      }
    }
    const quick = dummy('Quick', { initiativeAdvantage: true, actions: [sureDamage('Tap', '1')] });
    const slow = creature('Slow', { hp: 1, actions: [sureDamage('Tap', '1')] });
    // Quick kills Slow on its first turn, so Quick takes damage only when Slow goes first.
    const runs = 40_000;
    const agg = simulate(fight([quick], [slow], { roundCap: 1 }), 15, runs);
    const slowFirst = agg.characters[0].damageTaken / runs;
    expect(zScore(1 - slowFirst, pFirst, proportionSE(pFirst, runs))).toBeLessThan(4);
    expect(pFirst).toBeGreaterThan(0.6);
  });
});

describe('hit points rolled per run', () => {
  it('rollHp draws max HP from the formula each run (exact mean of 2d6+2 at the start)', () => {
    // The brute only stands there; the hero's 100 sure damage kills it on turn 1, so damage dealt
    // equals its rolled HP.
    const brute = creature('Brute', { hp: 9, hpFormula: '2d6+2', rollHp: true });
    const runs = 40_000;
    const agg = simulate(fight([dummy('Hero', { actions: [sureDamage('Smite', '100')] })], [brute]), 16, runs);
    const exact = diceSum(2, 6, 2);
    expect(zScore(agg.characters[0].damageDealt / runs, mean(exact), Math.sqrt(variance(exact) / runs))).toBeLessThan(4);
  });
});

describe('targeting', () => {
  // Big: most HP, lowest AC. Small: least HP. Mid: the highest expected damage.
  const party = [
    character('Big', { hp: 50, ac: 10 }),
    character('Small', { hp: 20, ac: 16 }),
    character('Mid', { hp: 30, ac: 14, actions: [sureDamage('Smash', '4d12')] }),
  ];
  const taken = (targeting: 'lowest-hp' | 'highest-hp' | 'lowest-ac' | 'highest-damage' | 'random', runs: number) => {
    const zapper = dummy('Zapper', { actions: [sureDamage('Zap', '1', { targeting })] });
    const agg = simulate(fight(party, [zapper], { roundCap: 1 }), 17, runs);
    return agg.characters.map((c) => c.damageTaken);
  };

  it('picks by lowest HP, highest HP, lowest AC or highest expected damage', () => {
    expect(taken('lowest-hp', 20)).toEqual([0, 20, 0]);
    expect(taken('highest-hp', 20)).toEqual([20, 0, 0]);
    expect(taken('lowest-ac', 20)).toEqual([20, 0, 0]);
    expect(taken('highest-damage', 20)).toEqual([0, 0, 20]);
  });

  it("'random' picks each candidate with probability 1/3 (chi-square, 2 df)", () => {
    const runs = 30_000;
    const counts = taken('random', runs);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(runs);
    const chi = counts.reduce((s, c) => s + (c - runs / 3) ** 2 / (runs / 3), 0);
    // The 0.999 quantile of chi-square with 2 degrees of freedom is 13.82.
    expect(chi).toBeLessThan(13.82);
  });

  it('a multi-target save catches distinct creatures, at most as many as there are', () => {
    const blaster = dummy('Blaster', { actions: [sureDamage('Wave', '2', { targets: 5 })] });
    const agg = simulate(fight(party, [blaster], { roundCap: 1 }), 18, 10);
    expect(agg.characters.map((c) => c.damageTaken)).toEqual([20, 20, 20]);
  });
});
