// Concentration ends for the caster whenever its effect ends, for whatever reason, so the caster
// can concentrate again: a target saving off Hold Person, Bless running out after 10 rounds, a
// dazed target woken by damage. Checked against exact values (a small Markov chain for the saves,
// fixed round numbers for durations).

import { describe, expect, it } from 'vitest';
import {
  character, dummy, effect, effectAction, fight, proportionSE, saveSuccess, sureDamage, zScore, replays, roundsOf,
} from './test-support.ts';

const FIRST = 30, SECOND = 15, LAST = -10;
const IRON_WILL = { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 };



describe('concentration is released when its effect ends', () => {
  it('a target who saves off the first Hold Person is held again by the second, with the exact distribution of casts', () => {
    // The caster acts first each round; the target (Wis +0 against DC 13) saves at the cast and at the
    // end of each of its turns, succeeding with p = 8/20. The caster casts whenever the target is free
    // and a use is left.
    const uses = 2, rounds = 6, runs = 6000;
    const holdPerson = effectAction('Hold Person', 'enemies', effect('Hold Person', { conditions: ['paralyzed'], saveEnds: true }), {
      save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: uses }, spell: { level: 2, concentration: true },
    });
    const caster = character('Cleric', { hp: 1000, initiativeBonus: FIRST, saves: IRON_WILL, effectActions: [holdPerson] });
    const target = dummy('Bandit', { initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });

    // Exact: a Markov chain over (uses left, held), round by round.
    const p = saveSuccess(13, 0);
    expect(p).toBeCloseTo(0.4, 12);
    let states = new Map<string, number>([[`${uses},0,0`, 1]]); // uses left, held, casts so far
    for (let r = 0; r < rounds; r++) {
      const next = new Map<string, number>();
      const add = (u: number, h: number, c: number, w: number) => next.set(`${u},${h},${c}`, (next.get(`${u},${h},${c}`) ?? 0) + w);
      for (const [key, w] of states) {
        const [u, h, c] = key.split(',').map(Number);
        // The caster's turn, then the end of the target's turn.
        const afterCast: Array<[number, number, number, number]> = h === 0 && u > 0
          ? [[u - 1, 0, c + 1, w * p], [u - 1, 1, c + 1, w * (1 - p)]]
          : [[u, h, c, w]];
        for (const [u2, h2, c2, w2] of afterCast) {
          if (h2 === 1) {
            add(u2, 0, c2, w2 * p);
            add(u2, 1, c2, w2 * (1 - p));
          } else add(u2, h2, c2, w2);
        }
      }
      states = next;
    }
    const exact = new Array<number>(uses + 1).fill(0);
    for (const [key, w] of states) exact[Number(key.split(',')[2])] += w;
    expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // With concentration stuck after the first save, a second cast would happen only after a save
    // at the cast itself: P(2 casts) would be p = 0.4. The chain gives far more.
    expect(exact[2]).toBeGreaterThan(0.7);

    const counts = new Array<number>(uses + 1).fill(0);
    for (const events of replays(fight([caster], [target], { roundCap: rounds }), 31, runs)) {
      counts[roundsOf(events, 'Cleric', 'Hold Person').length]++;
    }
    for (let k = 0; k <= uses; k++) expect(zScore(counts[k] / runs, exact[k], proportionSE(exact[k], runs) || 1e-9)).toBeLessThan(4);
  });

  it('Bless ends after 10 rounds and is cast again on the round it ends', () => {
    // Cast in round 1; its 10 rounds run out at the start of the caster's turn in round 11, when the
    // caster is free to cast it again; the third cast comes in round 21.
    const bless = effectAction('Bless', 'allies', effect('Bless', { attackBonus: '1d4', saveBonus: '1d4' }), {
      uses: { per: 'encounter', count: 3 }, spell: { level: 1, concentration: true }, targets: 3,
    });
    const caster = character('Cleric', { hp: 1000, initiativeBonus: FIRST, saves: IRON_WILL, effectActions: [bless] });
    const target = dummy('Bandit', { initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    for (const events of replays(fight([caster], [target], { roundCap: 25 }), 32, 50)) {
      expect(roundsOf(events, 'Cleric', 'Bless')).toEqual([1, 11, 21]);
      const ends = events.filter((e) => e.t === 'effect-end' && e.effect === 'Bless');
      expect(ends.map((e) => (e.t === 'effect-end' ? e.reason : ''))).toEqual(['expired', 'expired', 'fight-over']);
    }
  });

  it('an effect that ends on damage frees the caster to cast it again the next round', () => {
    // No save: the target is always dazed; the ally's sure damage wakes it on the same round.
    const daze = effectAction('Daze', 'enemies', effect('Daze', { conditions: ['incapacitated'], endsOnDamage: true }), {
      uses: { per: 'encounter', count: 10 }, spell: { level: 1, concentration: true },
    });
    const caster = character('Enchanter', { hp: 1000, initiativeBonus: FIRST, saves: IRON_WILL, effectActions: [daze] });
    const ally = character('Fighter', { hp: 1000, initiativeBonus: SECOND, actions: [sureDamage('Jab', '1')] });
    const target = dummy('Bandit', { initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    for (const events of replays(fight([caster, ally], [target], { roundCap: 5 }), 33, 50)) {
      expect(roundsOf(events, 'Enchanter', 'Daze')).toEqual([1, 2, 3, 4, 5]);
    }
  });
});
