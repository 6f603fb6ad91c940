// The engine rules the SRD 5.2 bestiary needed, against exact probabilities: 2024 exhaustion (-2 per
// level on attack rolls and saving throws, death at 6), advantage on saves from an effect (Bloodied
// Frenzy, Aura of Authority), a save that drops or kills a creature at low hit points (Death Glare,
// Slaying Bow), advantage against the creature the attacker itself holds (a bugbear's grapple),
// advantage in its first turn only (a doppelganger), Reflective Carapace, and a parry's riposte.
// Flat damage of 1 makes each mean a count of known chances.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import {
  attackAction, attackOdds, character, dummy, effect, fight, replays, saveAction, saveSuccess, sureDamage, weapon,
} from './test-support.ts';

const RUNS = 4000;

/** |observed - expected| within 4 standard errors of a mean of `n` independent sums with the given variance each. */
function expectMean(observed: number, mean: number, variance: number, n = RUNS): void {
  expect(Math.abs(observed - mean)).toBeLessThan(4 * Math.sqrt(variance / n) + 1e-12);
}

/** n independent trials of probability p, 1 damage each: mean and variance of the total. */
const binomial = (n: number, p: number) => ({ mean: n * p, variance: n * p * (1 - p) });

describe('2024 exhaustion', () => {
  it('takes 2 per level off attack rolls: +5 against AC 15 with 2 levels hits on 14-20', () => {
    const p = attackOdds(5 - 4, 15, 20).hit;
    expect(p).toBeCloseTo(7 / 20, 12);
    const rounds = 4;
    const tired = character('Fighter', {
      hp: 100000, initiativeBonus: 30, effects: [effect('Tired', { duration: { kind: 'encounter' }, exhaustion: 2 })],
      actions: [attackAction('Sword', [weapon(5, '1')])],
    });
    const agg = simulate(fight([tired], [dummy('Ogre', { ac: 15 })], { roundCap: rounds }), 301, RUNS);
    const { mean, variance } = binomial(rounds, p);
    expectMean(agg.characters[0].damageDealt / RUNS, mean, variance);
  });

  it('takes 2 per level off saving throws: +0 against DC 10 with 1 level saves on 12-20', () => {
    const fail = 1 - saveSuccess(10, -2);
    expect(fail).toBeCloseTo(11 / 20, 12);
    const rounds = 4;
    const caster = character('Wizard', { hp: 100000, initiativeBonus: 30, actions: [saveAction('Bolt', 10, '1', { onSuccess: 'none' })] });
    const weary = dummy('Ogre', { effects: [effect('Weary', { duration: { kind: 'encounter' }, exhaustion: 1 })] });
    const agg = simulate(fight([caster], [weary], { roundCap: rounds }), 302, RUNS);
    const { mean, variance } = binomial(rounds, fail);
    expectMean(agg.characters[0].damageDealt / RUNS, mean, variance);
  });

  it('kills at 6 levels, and the levels add up over the day', () => {
    // Three levels at the start of each fight: the second fight brings the sixth, and the fighter dies outright.
    const worn = character('Fighter', {
      hp: 50, initiativeBonus: 30, effects: [effect('Worn', { duration: { kind: 'encounter' }, exhaustion: 3 })], actions: [sureDamage('Smite', '5')],
    });
    const ogre = () => dummy('Ogre', { hp: 1 });
    const spec = fight([worn], [ogre()], { roundCap: 1 });
    spec.encounters.push({ ...spec.encounters[0], name: 'Second' });
    const events = replays(spec, 303, 1)[0];
    const deaths = events.filter((e) => e.t === 'dead' && e.who === 'Fighter');
    expect(deaths).toEqual([{ t: 'dead', who: 'Fighter', cause: 'slain' }]);
    const agg = simulate(spec, 303, 200);
    expect(agg.characters[0].deathRuns).toBe(200);
  });
});

describe('advantage on saving throws from an effect', () => {
  it('a +0 save against DC 11 succeeds with probability 1 - (10/20)^2 = 0.75', () => {
    const rounds = 4;
    const caster = character('Wizard', { hp: 100000, initiativeBonus: 30, actions: [saveAction('Bolt', 11, '1', { onSuccess: 'none' })] });
    const frenzied = dummy('Berserker', { effects: [effect('Frenzy', { duration: { kind: 'encounter' }, savesBy: 'advantage' })] });
    const agg = simulate(fight([caster], [frenzied], { roundCap: rounds }), 304, RUNS);
    const { mean, variance } = binomial(rounds, 0.25);
    expectMean(agg.characters[0].damageDealt / RUNS, mean, variance);
  });
});

describe('a save that drops or slays at low hit points', () => {
  const glare = (hp: number, dies: boolean) => saveAction('Glare', 11, '1', { onSuccess: 'none', ability: 'wis', slay: { hp, dies } });

  it('drops a creature with the hit points or fewer on a failure (P = 10/20), and only deals the damage above them', () => {
    const hag = character('Hag', { hp: 100000, initiativeBonus: 30, actions: [glare(20, false)] });
    // One round: a 20-HP target falls exactly when it fails; a 21-HP one only takes the 1 damage.
    const low = simulate(fight([hag], [dummy('Low', { hp: 20 })], { roundCap: 1 }), 305, RUNS);
    const pFail = 1 - saveSuccess(11, 0);
    expect(pFail).toBe(0.5);
    expectMean(low.dayVictory / RUNS, pFail, pFail * (1 - pFail));
    const high = simulate(fight([hag], [dummy('High', { hp: 21 })], { roundCap: 1 }), 306, RUNS);
    expect(high.dayVictory).toBe(0);
    expectMean(high.characters[0].damageDealt / RUNS, pFail, pFail * (1 - pFail));
  });

  it('"it dies": a character with the hit points or fewer dies outright instead of dying slowly', () => {
    const solar = dummy('Solar', { initiativeBonus: 30, actions: [glare(100, true)] });
    const hero = character('Hero', { hp: 100, saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 } });
    const agg = simulate(fight([hero], [solar], { roundCap: 1 }), 307, RUNS);
    const pFail = 0.5;
    expectMean(agg.characters[0].deathRuns / RUNS, pFail, pFail * (1 - pFail));
    expect(agg.characters[0].deathRuns).toBe(agg.characters[0].downRuns);
  });
});

describe('advantage against the creature the attacker holds', () => {
  const grapple = 'Bugbear grapple';
  function bugbear(heldDamage?: string) {
    return character('Bugbear', {
      hp: 100000, initiativeBonus: 30, actions: [
        // Round 1: the grab hits unless it rolls a 1 (+30 against AC 15), and holds for the fight.
        attackAction('Grab', [weapon(30, '0')], { condition: 'not-used-yet', effect: effect(grapple, { duration: { kind: 'encounter' } }) }),
        attackAction('Hammer', [weapon(5, '1', { againstHeld: { effect: grapple, ...(heldDamage && { damage: heldDamage }) } })]),
      ],
    });
  }
  const p = attackOdds(5, 15, 20).hit;
  const pAdv = attackOdds(5, 15, 20, true).hit;

  it('rounds 2-5: P(hit) = 0.95 (1 - 0.45^2) + 0.05 (0.55), and its own damage against the held creature', () => {
    expect(pAdv).toBeCloseTo(1 - 0.45 ** 2, 12);
    const rounds = 5;
    const agg = simulate(fight([bugbear('3')], [dummy('Target', { ac: 15 })], { roundCap: rounds }), 308, RUNS);
    // Held (0.95): 3 on a hit with advantage; not held (0.05): 1 on a plain hit. Per round, given the grab's outcome.
    const held = { mean: 3 * pAdv, variance: 9 * pAdv * (1 - pAdv) };
    const loose = { mean: p, variance: p * (1 - p) };
    const n = rounds - 1;
    const mean = 0.95 * n * held.mean + 0.05 * n * loose.mean;
    const second = 0.95 * (n * held.variance + (n * held.mean) ** 2) + 0.05 * (n * loose.variance + (n * loose.mean) ** 2);
    expectMean(agg.characters[0].damageDealt / RUNS, mean, second - mean ** 2);
  });

  it('gives nothing to another attacker: its hits stay at 0.55', () => {
    const rounds = 5;
    const ally = character('Ally', { hp: 100000, initiativeBonus: 20, actions: [attackAction('Axe', [weapon(5, '1')])] });
    const agg = simulate(fight([bugbear(), ally], [dummy('Target', { ac: 15 })], { roundCap: rounds }), 309, RUNS);
    const { mean, variance } = binomial(rounds, p);
    expectMean(agg.characters[1].damageDealt / RUNS, mean, variance);
  });
});

describe('an effect on itself until the end of its first turn', () => {
  it('advantage "during the first round": round 1 at 1 - 0.45^2, rounds 2-3 at 0.55', () => {
    const p = attackOdds(5, 15, 20).hit;
    const pAdv = attackOdds(5, 15, 20, true).hit;
    const doppelganger = character('Doppelganger', {
      hp: 100000, effects: [effect('First round', { duration: { kind: 'source-turn-end' }, attacksBy: 'advantage' })],
      actions: [attackAction('Slam', [weapon(5, '1')])],
    });
    const agg = simulate(fight([doppelganger], [dummy('Target', { ac: 15 })], { roundCap: 3 }), 310, RUNS);
    expectMean(agg.characters[0].damageDealt / RUNS, pAdv + 2 * p, pAdv * (1 - pAdv) + 2 * p * (1 - p));
  });
});

describe('Reflective Carapace', () => {
  it('a ranged spell attack does nothing to it; on a 6 (1/6) it is rolled against the caster (+5 against AC 10: 16/20)', () => {
    const rounds = 6;
    const bolt = attackAction('Fire Bolt', [weapon(5, '1', { reach: 'ranged', damageType: 'fire' })], { spell: { level: 0 } });
    const caster = character('Wizard', { hp: 100000, ac: 10, initiativeBonus: 30, actions: [bolt] });
    const tarrasque = dummy('Tarrasque', { traits: { reflectsSpellAttacks: true } });
    const agg = simulate(fight([caster], [tarrasque], { roundCap: rounds }), 311, RUNS);
    expect(agg.encounters[0].enemies[0].damageTaken).toBe(0);
    const { mean, variance } = binomial(rounds, (16 / 20) / 6);
    expectMean(agg.characters[0].damageTaken / RUNS, mean, variance);
  });

  it('a melee spell attack is not reflected', () => {
    const touch = attackAction('Touch', [weapon(5, '1')], { spell: { level: 0 } });
    const caster = character('Cleric', { hp: 100000, initiativeBonus: 30, actions: [touch] });
    const agg = simulate(fight([caster], [dummy('Tarrasque', { ac: 15, traits: { reflectsSpellAttacks: true } })], { roundCap: 4 }), 312, RUNS);
    const { mean, variance } = binomial(4, attackOdds(5, 15, 20).hit);
    expectMean(agg.encounters[0].enemies[0].damageTaken / RUNS, mean, variance);
  });
});

describe('a parry with a riposte', () => {
  it('+5 parries the hits on 10-14 (5/20), and each parry answers with a +5 attack against AC 15 (0.55)', () => {
    const rounds = 5;
    const hero = character('Hero', { hp: 100000, ac: 15, initiativeBonus: 30, actions: [attackAction('Sword', [weapon(5, '1')])] });
    // Its Rapier is never chosen on its own turn (one enemy only): the riposte is its only attack.
    const pirate = dummy('Pirate', {
      ac: 15, reactions: [{ kind: 'parry', acBonus: 5, riposte: 'Rapier' }],
      actions: [attackAction('Rapier', [weapon(5, '1')], { condition: 'enemy-count-multiple' })],
    });
    const agg = simulate(fight([hero], [pirate], { roundCap: rounds }), 313, RUNS);
    const { mean, variance } = binomial(rounds, (5 / 20) * attackOdds(5, 15, 20).hit);
    expectMean(agg.characters[0].damageTaken / RUNS, mean, variance);
    // The hero's own hits: 16..20 and above the parry (rolls 15-20 with +5 reach 20+), 6/20 per round.
    const own = binomial(rounds, 6 / 20);
    expectMean(agg.characters[0].damageDealt / RUNS, own.mean, own.variance);
  });
});
