// Ending effects: Lesser Restoration frees an ally from a condition, Dispel Magic ends spells (a
// higher-level one on an ability check), and the caster whose spell ended is free to concentrate
// again. Checked against exact probabilities worked out by hand below.

import { describe, expect, it } from 'vitest';
import { compileScenario, CompileError } from './compile.ts';
import type { LogEvent } from './log.ts';
import {
  character, dummy, effect, effectAction, fight, proportionSE, replays, saveSuccess, sureDamage, zScore, roundsOf,
} from './test-support.ts';
import type { EffectAction, EndsSpec } from './types.ts';

// Initiative ranges that never overlap: 31-50, 11-30, -9-10.
const FIRST = 30, SECOND = 10, LAST = -10;
const IRON_WILL = { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 };


function ending(name: string, ends: EndsSpec, level: number, over: Partial<EffectAction> = {}): EffectAction {
  return {
    name, type: 'effect', slot: 'action', uses: { per: 'at-will' }, condition: 'always', target: 'allies', targets: 1, ends,
    spell: { level }, ...over,
  };
}

const lesserRestoration = (uses: number) => ending('Lesser Restoration', { conditions: ['blinded', 'paralyzed', 'poisoned'] }, 2, {
  uses: { per: 'encounter', count: uses },
});

/** Hold Person (or a spell like it) at `level`, DC `dc`, only on humanoids, from a caster that cannot fall. */
function holder(name: string, level: number, dc: number, uses: number) {
  const hold = effectAction(name, 'enemies', effect(name, { conditions: ['paralyzed'], saveEnds: true, onlyCreatureTypes: ['humanoid'] }), {
    save: { ability: 'wis', dc }, uses: { per: 'encounter', count: uses }, spell: { level, concentration: true },
  });
  return dummy('Caster', { initiativeBonus: FIRST, saves: IRON_WILL, effectActions: [hold] });
}

// The fighter acts second and pokes; the helper acts last and is not humanoid, so only the fighter is held.
const fighter = character('Fighter', { hp: 1000, initiativeBonus: SECOND, actions: [sureDamage('Poke', '1')] });
const helper = (action: EffectAction) => character('Cleric', { hp: 1000, initiativeBonus: LAST, creatureType: 'celestial', effectActions: [action] });

/** The share of runs in which the fighter acts in each of rounds 1..rounds. */
function actingShares(events: LogEvent[][], rounds: number): number[] {
  const shares = new Array<number>(rounds + 1).fill(0);
  for (const run of events) for (const r of roundsOf(run, 'Fighter', 'Poke')) shares[r] += 1 / events.length;
  return shares;
}

describe('Lesser Restoration', () => {
  it('frees a held ally, and the caster of Hold Person, released, casts it again: exact chances the ally acts', () => {
    // Round order: Caster (2 uses of Hold Person, DC 13), Fighter (Wis +0: saves with p = 0.4 at the cast
    // and at the end of each of its turns), Cleric (1 use of Lesser Restoration, cast when the fighter is held).
    // Round 1: cast; held with 0.6 (B) or not (A). In B the fighter's end-of-turn save (0.4) frees it,
    // else the cleric's restoration does (B2, its one use spent). Either way the caster's concentration
    // ends with the effect, so in round 2 it casts its second use: the fighter acts in round 2 only on
    // a save at that cast, p = 0.4. In round 3 it stays held only in B2, then held by the second cast,
    // then failing its end-of-turn save: 0.6 * 0.6 * 0.6 * 0.6.
    const p = saveSuccess(13, 0);
    expect(p).toBeCloseTo(0.4, 12);
    const exactRound2 = p;
    const exactRound3 = 1 - (1 - p) ** 4;
    const runs = 6000;
    const events = replays(fight([fighter, helper(lesserRestoration(1))], [holder('Hold Person', 2, 13, 2)], { roundCap: 3 }), 41, runs);
    const shares = actingShares(events, 3);
    expect(zScore(shares[2], exactRound2, proportionSE(exactRound2, runs))).toBeLessThan(4);
    expect(zScore(shares[3], exactRound3, proportionSE(exactRound3, runs))).toBeLessThan(4);
    // Had the caster's concentration stayed held after the restoration, the fighter would act in
    // round 2 also in B2: 0.4 + 0.36 * 0.6 = 0.616, far from what was measured.
    expect(Math.abs(shares[2] - 0.616)).toBeGreaterThan(10 * proportionSE(0.616, runs));
    // The restoration is cast only when the fighter is held at the cleric's turn: in round 1 with 0.36.
    const cast = events.filter((run) => roundsOf(run, 'Cleric', 'Lesser Restoration').includes(1)).length / runs;
    expect(zScore(cast, 0.36, proportionSE(0.36, runs))).toBeLessThan(4);
  });

  it('is not cast when no ally has a condition it ends, and leaves an effect with another condition alone', () => {
    const swallow = effectAction('Swallowed', 'enemies', effect('Swallowed', { conditions: ['blinded', 'restrained'], duration: { kind: 'encounter' } }), {
      uses: { per: 'encounter', count: 1 },
    });
    const swallower = dummy('Swallower', { initiativeBonus: FIRST, effectActions: [swallow] });
    for (const run of replays(fight([fighter, helper(lesserRestoration(3))], [swallower], { roundCap: 3 }), 7, 50)) {
      expect(roundsOf(run, 'Cleric', 'Lesser Restoration')).toEqual([]);
      expect(run.some((e) => e.t === 'effect-end' && e.reason === 'ended')).toBe(false);
    }
  });
});

describe('Dispel Magic', () => {
  const dispel = ending('Dispel Magic', { spells: true, checkBonus: 3 }, 3);

  it('ends a spell of its level or lower at once, and a higher one on a check: d20 + 3 against 10 + its level', () => {
    // The fighter never saves against DC 40. Hold Person (2nd level): dispelled at the cleric's first turn,
    // so the fighter acts in round 2 always. Hold Monster (5th level): each try succeeds with
    // P(d20 + 3 >= 15) = 9/20, so the fighter acts in round 2 with 0.45 and in round 3 with 1 - 0.55^2.
    const runs = 4000;
    const low = actingShares(replays(fight([fighter, helper(dispel)], [holder('Hold Person', 2, 40, 1)], { roundCap: 3 }), 5, 500), 3);
    expect(low[1]).toBe(0);
    expect(low[2]).toBeCloseTo(1, 12);
    const check = 9 / 20;
    const high = actingShares(replays(fight([fighter, helper(dispel)], [holder('Hold Monster', 5, 40, 1)], { roundCap: 3 }), 9, runs), 3);
    expect(high[1]).toBe(0);
    expect(zScore(high[2], check, proportionSE(check, runs))).toBeLessThan(4);
    const byRound3 = 1 - (1 - check) ** 2;
    expect(zScore(high[3], byRound3, proportionSE(byRound3, runs))).toBeLessThan(4);
  });

  it('frees the caster of the ended spell to concentrate again', () => {
    // Hold Person (2 uses) is dispelled every time at the cleric's turn, so the caster casts again in round 2.
    for (const run of replays(fight([fighter, helper(dispel)], [holder('Hold Person', 2, 40, 2)], { roundCap: 2 }), 3, 100)) {
      expect(roundsOf(run, 'Caster', 'Hold Person')).toEqual([1, 2]);
    }
  });

  it('ends an enemy\'s own spell on itself when no ally is under an enemy spell', () => {
    const ward = effectAction('Ward', 'self', effect('Ward', { acBonus: 5 }), { spell: { level: 2, concentration: true } });
    const mage = dummy('Mage', { initiativeBonus: FIRST, saves: IRON_WILL, effectActions: [ward] });
    for (const run of replays(fight([helper(dispel)], [mage], { roundCap: 2 }), 11, 50)) {
      // Cast by the mage in round 1, ended by the cleric, cast again in round 2 (its concentration ended with it).
      expect(roundsOf(run, 'Mage', 'Ward')).toEqual([1, 2]);
      expect(run.filter((e) => e.t === 'effect-end' && e.reason === 'ended' && e.who === 'Mage').length).toBe(2);
    }
  });

  it('is refused when it names nothing to end, or targets anything but allies', () => {
    expect(() => compileScenario(fight([helper(ending('Nothing', {}, 3))], [dummy('X')]))).toThrow(CompileError);
    expect(() => compileScenario(fight([helper({ ...dispel, target: 'enemies' })], [dummy('X')]))).toThrow(/allies/);
  });
});
