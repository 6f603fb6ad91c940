// Summoned creatures: how many come and when (2d4 bats in 1d4 rounds), that they leave with their
// summoner's death or concentration, that a corpse is needed for each specter, and how they count
// in outcomes. Checked against exact values: the dice distributions, a geometric law for
// concentration saves, and fights whose every round is fixed.

import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { simulate } from './index.ts';
import type { LogEvent } from './log.ts';
import type { SummonSpec } from './types.ts';
import {
  attackAction, character, creature, diceSum, die, dummy, fight, proportionSE, prob, replays, saveSuccess, sureDamage, weapon, zScore,
} from './test-support.ts';

const FIRST = 30, LAST = -10;

function summons(over: Partial<SummonSpec> & Pick<SummonSpec, 'creature'>): SummonSpec {
  return { name: 'Call', when: 'action', uses: { per: 'encounter', count: 1 }, leaves: 'summoner', ...over };
}

/** Per run: the round of each 'arrive' event and of each 'leave' event. */
function arrivals(events: LogEvent[]): { arrived: number[]; left: number[] } {
  let round = 0;
  const arrived: number[] = [], left: number[] = [];
  for (const e of events) {
    if (e.t === 'round') round = e.round;
    else if (e.t === 'arrive') arrived.push(round);
    else if (e.t === 'leave') left.push(round);
  }
  return { arrived, left };
}

describe('summoned creatures', () => {
  it('2d4 creatures come, all in the same round, 1d4 rounds after the call', () => {
    // The summoner acts first and calls on its first turn; they arrive at the start of its turn d rounds later.
    const bat = creature('Bat', { count: 8, hp: 5 });
    const vampire = dummy('Vampire', { initiativeBonus: FIRST, summons: [summons({ creature: bat, number: '2d4', delay: '1d4' })] });
    const party = character('Fighter', { hp: 100000, initiativeBonus: LAST });
    const runs = 4000;
    const counts = new Map<number, number>(), rounds = new Map<number, number>();
    for (const events of replays(fight([party], [vampire], { roundCap: 6 }), 5, runs)) {
      const { arrived } = arrivals(events);
      expect(new Set(arrived).size).toBe(1);
      counts.set(arrived.length, (counts.get(arrived.length) ?? 0) + 1);
      rounds.set(arrived[0], (rounds.get(arrived[0]) ?? 0) + 1);
    }
    const number = diceSum(2, 4), delay = die(4);
    for (let n = 2; n <= 8; n++) {
      const p = prob(number, n);
      expect(Math.abs(zScore((counts.get(n) ?? 0) / runs, p, proportionSE(p, runs)))).toBeLessThan(4);
    }
    for (let d = 1; d <= 4; d++) {
      const p = prob(delay, d);
      expect(Math.abs(zScore((rounds.get(1 + d) ?? 0) / runs, p, proportionSE(p, runs)))).toBeLessThan(4);
    }
  });

  it('they leave when the summoner dies, and the fight is won without killing them', () => {
    // Vampire (10 HP) calls 3 bats at once on its first turn; the fighter's sure 10 damage kills it
    // in round 1. Every run: a victory in round 1, the vampire killed, no bat counted as killed.
    const bat = creature('Bat', { count: 3, hp: 50, actions: [attackAction('Bite', [weapon(-20, '1')])] });
    const vampire = creature('Vampire', { initiativeBonus: FIRST, summons: [summons({ creature: bat })] });
    const party = character('Fighter', { hp: 1000, initiativeBonus: LAST, actions: [sureDamage('Smite', '10', { targeting: 'lowest-hp' })] });
    const spec = fight([party], [vampire]);
    const agg = simulate(spec, 9, 200);
    const e = agg.encounters[0];
    expect(e.victory).toBe(200);
    expect(e.roundsHist[1]).toBe(200);
    expect(compileScenario(spec).layout.encounters[0].enemies).toEqual(['Vampire', 'Bat 1 (Vampire)', 'Bat 2 (Vampire)', 'Bat 3 (Vampire)']);
    expect(e.enemies.map((t) => t.killedRuns)).toEqual([200, 0, 0, 0]);
    for (const events of replays(spec, 9, 20)) expect(arrivals(events)).toEqual({ arrived: [1, 1, 1], left: [1, 1, 1] });
  });

  it('animated dead summoned before the fight stay when their summoner dies: the fight goes on until they fall', () => {
    // Lich (10 HP) and two zombies (10 HP each) present from the start; the fighter kills the
    // lowest-HP enemy each round (ties at random), so the last falls in round 3, every run.
    const zombie = creature('Zombie', { count: 2, hp: 10 });
    const lich = creature('Lich', {
      initiativeBonus: FIRST, spellSlots: [0, 0, 2],
      summons: [summons({ creature: zombie, when: 'before-fight', uses: undefined, leaves: 'never', spell: { level: 3 } })],
    });
    const party = character('Fighter', { hp: 1000, initiativeBonus: LAST, actions: [sureDamage('Smite', '10')] });
    const spec = fight([party], [lich]);
    const agg = simulate(spec, 3, 200);
    expect(agg.encounters[0].victory).toBe(200);
    expect(agg.encounters[0].roundsHist[3]).toBe(200);
    expect(agg.encounters[0].enemies.map((t) => t.killedRuns)).toEqual([200, 200, 200]);
    // The slot of Animate Dead is spent before the fight: one 3rd-level slot of two is left.
    expect(Array.from(compileScenario(spec).encounters[0].enemies[0].slots.subarray(0, 3))).toEqual([0, 0, 1]);
  });

  it('a conjured elemental leaves when its caster fails a concentration save', () => {
    // The fighter deals a sure 1 damage to the djinni (the lowest-HP enemy) each round: a Con save
    // (+0) against DC 10 keeps concentration with p = 11/20. The elemental leaves in round r with
    // probability p^(r-1) (1 - p); the djinni's concentration is from the start of the fight.
    const elemental = creature('Air Elemental', { count: 1, hp: 100000 });
    const djinni = creature('Djinni', {
      hp: 5000, initiativeBonus: FIRST,
      summons: [summons({ name: 'Conjure Elemental', creature: elemental, when: 'before-fight', uses: undefined, leaves: 'concentration', spell: { level: 5, concentration: true } })],
    });
    const party = character('Fighter', { hp: 100000, initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    const runs = 4000, cap = 3;
    const p = saveSuccess(10, 0);
    expect(p).toBeCloseTo(11 / 20, 12);
    const leftIn = new Map<number, number>();
    for (const events of replays(fight([party], [djinni], { roundCap: cap }), 17, runs)) {
      const { left, arrived } = arrivals(events);
      expect(arrived).toEqual([]);
      expect(left.length).toBeLessThanOrEqual(1);
      const r = left.length === 0 ? 0 : left[0];
      leftIn.set(r, (leftIn.get(r) ?? 0) + 1);
    }
    for (let r = 1; r <= cap; r++) {
      const exact = p ** (r - 1) * (1 - p);
      expect(Math.abs(zScore((leftIn.get(r) ?? 0) / runs, exact, proportionSE(exact, runs)))).toBeLessThan(4);
    }
    const stays = p ** cap;
    expect(Math.abs(zScore((leftIn.get(0) ?? 0) / runs, stays, proportionSE(stays, runs)))).toBeLessThan(4);
  });

  it('a specter rises only from the corpse of a creature that died in this fight, one per corpse', () => {
    // Round 1: the wraith (first) has no corpse, so it kills the 1-HP cleric outright (massive
    // damage); round 2: it raises one specter from that corpse, which the party cannot exceed.
    const specter = creature('Specter', { count: 7, hp: 10 });
    const wraith = creature('Wraith', {
      hp: 100000, initiativeBonus: FIRST,
      actions: [sureDamage('Life Drain', '100', { targeting: 'lowest-hp' })],
      summons: [summons({ name: 'Create Specter', creature: specter, uses: { per: 'at-will' } as SummonSpec['uses'], leaves: 'never', needsCorpse: true })],
    });
    const cleric = character('Cleric', { hp: 1, initiativeBonus: LAST });
    const fighter = character('Fighter', { hp: 100000, initiativeBonus: LAST });
    const spec = fight([cleric, fighter], [wraith], { roundCap: 4 });
    // Two party members: at most two corpses, so two specters in reserve.
    expect(compileScenario(spec).layout.encounters[0].enemies).toEqual(['Wraith', 'Specter 1 (Wraith)', 'Specter 2 (Wraith)']);
    for (const events of replays(spec, 21, 30)) expect(arrivals(events).arrived).toEqual([2]);
  });

  it('refuses summons on the party and a concentration bond without a concentration spell', () => {
    const bat = creature('Bat');
    expect(() => compileScenario(fight([character('Wizard', { summons: [summons({ creature: bat })] })], [creature('Orc')])))
      .toThrow(/party\[0\]\.summons\[0\]: only enemies can summon creatures/);
    expect(() => compileScenario(fight([character('Wizard')], [creature('Djinni', { summons: [summons({ creature: bat, leaves: 'concentration' })] })])))
      .toThrow(/summons\[0\]\.spell: leaving when concentration ends needs a concentration spell/);
  });
});

describe('how often summoned creatures come, counted per fight', () => {
  // The vampire (10 HP) acts first and calls 1d4 of its 4 bats at once; the fighter's sure 10
  // damage then kills it, and the bats leave. The k-th bat comes when the d4 shows k or more:
  // P = (5 - k) / 4, so 1, 3/4, 1/2 and 1/4. Had the fighter acted first, none would come.
  const bat = creature('Bat', { count: 4, hp: 50, actions: [attackAction('Bite', [weapon(-20, '1')])] });
  const scenario = (vampireFirst: boolean) => fight(
    [character('Fighter', { hp: 1000, initiativeBonus: vampireFirst ? LAST : FIRST, actions: [sureDamage('Smite', '10', { targeting: 'lowest-hp' })] })],
    [creature('Vampire', { initiativeBonus: vampireFirst ? FIRST : LAST, summons: [summons({ creature: bat, number: '1d4' })] })],
  );

  it('records in the layout what summoned each enemy, and counts each reserve creature\'s arrivals', () => {
    const runs = 8000;
    const layout = compileScenario(scenario(true)).layout.encounters[0];
    expect(layout.summoned).toEqual([null, ...[0, 1, 2, 3].map(() => ({ summoner: 0, summons: 'Call', creature: 'Bat', reserve: true }))]);
    const e = simulate(scenario(true), 3, runs).encounters[0];
    expect(e.enemies[0].arrivedRuns).toBeUndefined();
    for (let k = 1; k <= 4; k++) {
      const p = (5 - k) / 4;
      const arrived = e.enemies[k].arrivedRuns!;
      // The first always comes (a z-score is undefined at p = 1): compare it exactly.
      expect(p === 1 ? Math.abs(arrived - runs) : Math.abs(zScore(arrived / runs, p, proportionSE(p, runs)))).toBeLessThan(p === 1 ? 1 : 4);
      // They left with the vampire: arrived, but never killed.
      expect(e.enemies[k].killedRuns).toBe(0);
    }
    expect(simulate(scenario(false), 3, 500).encounters[0].enemies.map((t) => t.arrivedRuns)).toEqual([undefined, 0, 0, 0, 0]);
  });

  it('adds nothing to encounters without summons, nor for creatures there from the start', () => {
    const plain = fight([character('Fighter', { actions: [sureDamage('Smite', '10')] })], [creature('Orc')]);
    expect('summoned' in compileScenario(plain).layout.encounters[0]).toBe(false);
    expect(Object.keys(simulate(plain, 1, 10).encounters[0].enemies[0]).sort()).toEqual(['actionUses', 'damageDealt', 'damageTaken', 'healingDone', 'killedRuns']);
    const zombie = creature('Zombie', { count: 1 });
    const lich = creature('Lich', { spellSlots: [0, 0, 1], summons: [summons({ creature: zombie, when: 'before-fight', uses: undefined, leaves: 'never', spell: { level: 3 } })] });
    const withDead = fight([character('Fighter', { actions: [sureDamage('Smite', '10')] })], [lich]);
    expect(compileScenario(withDead).layout.encounters[0].summoned).toEqual([null, { summoner: 0, summons: 'Call', creature: 'Zombie', reserve: false }]);
    expect(simulate(withDead, 1, 10).encounters[0].enemies.map((t) => t.arrivedRuns)).toEqual([undefined, undefined]);
  });
});
