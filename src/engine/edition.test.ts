// The 2024 rules that the engine decides at compile time, each against the 2014 rule on the same
// fight: surprise (a lost turn, or disadvantage on initiative), spells per turn (no bonus-action
// spell after a leveled action spell, or one spell slot per turn), Divine Smite (on any hit, or as
// the turn's bonus action once), and legendary actions that can't be taken again until the start of
// the creature's next turn. Exact values by enumeration, or every turn of many replays.

import { describe, expect, it } from 'vitest';
import type { LogEvent } from './log.ts';
import {
  attackAction, character, creature, dummy, encounter, fight, proportionSE, replays, scenario, sureDamage, weapon, zScore,
} from './test-support.ts';
import type { CreatureSpec, Edition } from './types.ts';

const FIRST = 30, LAST = -10;

/** Per turn of `who`: actions taken, and how many slots were spent on Divine Smite. */
function turnsOf(events: LogEvent[], who: string): Array<{ actions: string[]; smites: number }> {
  const out: Array<{ actions: string[]; smites: number }> = [];
  let mine = false;
  for (const e of events) {
    if (e.t === 'turn') {
      mine = e.who === who;
      if (mine) out.push({ actions: [], smites: 0 });
    } else if (mine && e.t === 'action') out[out.length - 1].actions.push(e.action);
    else if (mine && e.t === 'slot' && e.action === 'Divine Smite') out[out.length - 1].smites++;
  }
  return out;
}

describe('surprise', () => {
  // One hero against one ogre, both +0 initiative, the party surprised.
  const spec = (edition: Edition) => scenario(
    [character('Hero', { hp: 1000, actions: [sureDamage('Jab', '1')] })],
    [encounter('Ambush', [dummy('Ogre', { actions: [sureDamage('Club', '1')] })], { surprise: 'party' })],
    { roundCap: 2, edition },
  );

  it('2014: the surprised hero loses its first turn', () => {
    for (const events of replays(spec('2014'), 81, 50)) {
      expect(events.filter((e) => e.t === 'surprised').map((e) => (e.t === 'surprised' ? e.who : ''))).toEqual(['Hero']);
      expect(events.filter((e) => e.t === 'action' && e.who === 'Hero')).toHaveLength(1);
    }
  });

  it('2024: no lost turn; the hero rolls initiative with disadvantage and goes first with the exact chance', () => {
    // P(min of 2d20 = h) = ((21 - h)^2 - (20 - h)^2) / 400; ties with the ogre's d20 are a fair coin.
    let exact = 0;
    for (let h = 1; h <= 20; h++) exact += (((21 - h) ** 2 - (20 - h) ** 2) / 400) * ((h - 1) / 20 + 0.5 / 20);
    // Sum over h of (41 - 2h)(h - 1/2) / 8000 = 2670 / 8000.
    expect(exact).toBeCloseTo(2670 / 8000, 12);
    const runs = 4000;
    let first = 0;
    for (const events of replays(spec('2024'), 82, runs)) {
      expect(events.some((e) => e.t === 'surprised')).toBe(false);
      expect(events.filter((e) => e.t === 'action' && e.who === 'Hero')).toHaveLength(2);
      const firstTurn = events.find((e) => e.t === 'turn');
      if (firstTurn?.t === 'turn' && firstTurn.who === 'Hero') first++;
    }
    expect(zScore(first / runs, exact, proportionSE(exact, runs))).toBeLessThan(4);
  });
});

describe('spells per turn', () => {
  const target = () => dummy('Ogre', { initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
  const bolt = sureDamage('Guiding Bolt', '4d6', { spell: { level: 1 } });
  const leveledBonus = attackAction('Spiritual Weapon', [weapon(50, '1d8+3', { damageType: 'force' })], { slot: 'bonus', spell: { level: 2 } });
  const cantripBonus = attackAction('Shillelagh Strike', [weapon(50, '1d8+3')], { slot: 'bonus', spell: { level: 0 } });
  const caster = (actions: CreatureSpec['actions'], over: Partial<CreatureSpec> = {}) =>
    character('Cleric', { hp: 100000, initiativeBonus: FIRST, spellSlots: [9, 9], actions, ...over });
  const turns = (c: CreatureSpec, edition: Edition) =>
    replays(fight([c], [target()], { roundCap: 3, edition }), 83, 30).flatMap((events) => turnsOf(events, 'Cleric').map((t) => t.actions));

  it('two slotted spells never share a turn under either edition', () => {
    for (const edition of ['2014', '2024'] as const) {
      for (const t of turns(caster([bolt, leveledBonus]), edition)) expect(t).toEqual(['Guiding Bolt']);
    }
  });

  it('a bonus-action cantrip after a slotted spell: only 2024 allows it', () => {
    for (const t of turns(caster([bolt, cantripBonus]), '2014')) expect(t).toEqual(['Guiding Bolt']);
    for (const t of turns(caster([bolt, cantripBonus]), '2024')) expect(t).toEqual(['Guiding Bolt', 'Shillelagh Strike']);
  });

  it('a creature casting by uses, without slots, is limited only under 2014', () => {
    const innate = { spellSlots: undefined };
    for (const t of turns(caster([bolt, leveledBonus], innate), '2014')) expect(t).toEqual(['Guiding Bolt']);
    for (const t of turns(caster([bolt, leveledBonus], innate), '2024')) expect(t).toEqual(['Guiding Bolt', 'Spiritual Weapon']);
  });
});

describe('Divine Smite', () => {
  // Two attacks a turn at AC 1 (each hits on 2-20), plenty of slots, smiting every hit under nova,
  // and a bonus-action attack of its own.
  const paladin = () => character('Paladin', {
    hp: 100000, initiativeBonus: FIRST, spellSlots: [20, 20, 20],
    actions: [
      { ...attackAction('Longsword', [weapon(10, '1', { count: 2 })]), smite: { damage: '2d8', upcast: '1d8', maxLevel: 1, damageType: 'radiant' } },
      attackAction('Shove', [weapon(10, '1')], { slot: 'bonus' }),
    ],
  });
  const spec = (edition: Edition) => fight([paladin()], [dummy('Ogre', { ac: 1, initiativeBonus: LAST })], { roundCap: 4, edition, resourcePolicy: 'nova' });

  it('2014: every hit is smitten and the bonus action is still taken', () => {
    for (const events of replays(spec('2014'), 84, 200)) {
      for (const t of turnsOf(events, 'Paladin')) expect(t.actions).toEqual(['Longsword', 'Shove']);
    }
    // Exact mean smites per turn: two attacks hitting with 19/20 each.
    const smites = replays(spec('2014'), 86, 1000).flatMap((e) => turnsOf(e, 'Paladin')).map((t) => t.smites);
    const mean = smites.reduce((a, b) => a + b, 0) / smites.length;
    expect(Math.abs(mean - 2 * 0.95)).toBeLessThan(4 * Math.sqrt((2 * 0.95 * 0.05) / smites.length));
  });

  it('2024: at most one smite a turn, and then no other bonus action', () => {
    const turns = replays(spec('2024'), 87, 1000).flatMap((e) => turnsOf(e, 'Paladin'));
    let smitten = 0;
    for (const t of turns) {
      expect(t.smites).toBeLessThanOrEqual(1);
      expect(t.actions).toEqual(t.smites === 1 ? ['Longsword'] : ['Longsword', 'Shove']);
      smitten += t.smites;
    }
    // A smite whenever at least one of the two attacks hits: 1 - (1/20)^2.
    const exact = 1 - (1 / 20) ** 2;
    expect(zScore(smitten / turns.length, exact, proportionSE(exact, turns.length))).toBeLessThan(4);
  });
});

describe('legendary actions once per round', () => {
  // Three heroes give the dragon three chances a round to spend its three points on a 1-point tail.
  const heroes = ['A', 'B', 'C'].map((n) => character(n, { hp: 100000, initiativeBonus: FIRST, actions: [sureDamage('Jab', '1')] }));
  const dragon = (oncePerRound: boolean) => creature('Dragon', {
    hp: 100000, initiativeBonus: LAST, actions: [sureDamage('Bite', '1')],
    legendary: { perRound: 3, resistances: 0, actions: [{ cost: 1, action: sureDamage('Tail', '1'), ...(oncePerRound && { oncePerRound: true }) }] },
  });
  const tailsPerRound = (oncePerRound: boolean) => replays(fight(heroes, [dragon(oncePerRound)], { roundCap: 3, edition: '2024' }), 88, 20)
    .map((events) => events.filter((e) => e.t === 'legendary').length / 3);

  it('without the limit it spends all three points a round; with it, one tail between its turns', () => {
    for (const n of tailsPerRound(false)) expect(n).toBe(3);
    for (const n of tailsPerRound(true)) expect(n).toBe(1);
  });
});
