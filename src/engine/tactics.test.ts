// Tactics: the automatic policy (get a downed ally up, keep one concentration spell going, the most
// damaging action with areas counted per enemy caught, limited areas kept for crowds), the
// "not-used-yet" condition, and the day-level resource policy for spell slots.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import {
  attackAction, character, creature, dummy, effect, effectAction, encounter, fight, healAction, saveAction, scenario, sureDamage,
  weapon,
} from './test-support.ts';
import type { CreatureSpec } from './types.ts';

const FIRST = 30, SECOND = 10, LAST = -10;

describe('automatic tactics', () => {
  const cleric = (over: Partial<CreatureSpec> = {}) => character('Cleric', {
    hp: 1000, initiativeBonus: FIRST, tactics: 'auto', saves: { str: 0, dex: 0, con: 30, int: 0, wis: 0, cha: 0 },
    actions: [attackAction('Mace', [weapon(5, '1d6+3')]), healAction('Cure Wounds', '1d8+3')],
    effectActions: [effectAction('Bless', 'allies', effect('Bless', { attackBonus: '1d4' }), { targets: 3, spell: { level: 1, concentration: true }, position: 2 })],
    ...over,
  });

  it('get a downed ally up first, then concentrate on one spell, then hit', () => {
    // Round 1: the hero is down (the ogre, first, drops it); the cleric heals, whatever the list says.
    // Round 2: Bless (concentration). Round 3 on: the mace, never recasting Bless.
    const hero = character('Hero', { hp: 10, initiativeBonus: LAST, actions: [sureDamage('Poke', '1')] });
    const ogre = dummy('Ogre', { initiativeBonus: FIRST, actions: [{ ...sureDamage('Club', '10'), uses: { per: 'encounter', count: 1 } }] });
    const agg = simulate(fight([cleric({ initiativeBonus: SECOND }), hero], [ogre], { roundCap: 5 }), 1, 100);
    // The cleric's actions in list order: Mace, Cure Wounds, Bless.
    expect(agg.characters[0].actionUses).toEqual([300, 100, 100]);
  });

  it('an area spell against a crowd, the single-target attack against one enemy', () => {
    const wizard = (enemies: number) => {
      const w = character('Wizard', {
        hp: 1000, tactics: 'auto', spellSlots: [0, 0, 5],
        actions: [attackAction('Fire Bolt', [weapon(30, '2d10')]), saveAction('Fireball', 40, '8d6', { targets: 3, onSuccess: 'none', spell: { level: 3 } })],
      });
      return simulate(fight([w], [creature('Goblin', { count: enemies, hp: 1000 })], { roundCap: 1 }), 2, 50).characters[0].actionUses;
    };
    // 8d6 (28) on three goblins beats 2d10 (11); on one goblin a limited area waits.
    expect(wizard(3)).toEqual([0, 50]);
    expect(wizard(1)).toEqual([50, 0]);
  });

  it('"not-used-yet" lets an action be used once in each fight', () => {
    const hero = character('Hero', {
      hp: 1000, actions: [{ ...sureDamage('Opener', '5'), condition: 'not-used-yet' }, sureDamage('Jab', '1')],
    });
    const agg = simulate(scenario([hero], [encounter('A', [dummy('A')]), encounter('B', [dummy('B')])], { roundCap: 3 }), 3, 10);
    // Each fight is a draw at the round cap, which ends the day: only the first fight is fought.
    expect(agg.characters[0].actionUses).toEqual([10, 20]);
  });
});

describe('the resource policy over a day', () => {
  // Three fights against one 20-HP ogre each; the wizard has two 3rd-level slots for a 30-damage
  // Fireball and otherwise a 10-damage cantrip.
  const day = (policy: 'nova' | 'balanced' | 'conserve') => {
    const wizard = character('Wizard', {
      hp: 1000, initiativeBonus: FIRST, spellSlots: [0, 0, 2],
      actions: [{ ...sureDamage('Fireball', '30'), spell: { level: 3 } }, sureDamage('Fire Bolt', '10')],
    });
    const ogre = () => creature('Ogre', { hp: 20, initiativeBonus: LAST });
    const spec = scenario([wizard], [encounter('1', [ogre()]), encounter('2', [ogre()]), encounter('3', [ogre()])], { resourcePolicy: policy });
    const agg = simulate(spec, 4, 10);
    // A fireball kills in one round, bolts take two.
    return agg.encounters.map((e) => e.roundsSum / 10);
  };

  it('nova spends slots at once, conserve keeps one per fight ahead, balanced one per two', () => {
    // Nova: fireballs in fights 1 and 2, bolts in fight 3.
    expect(day('nova')).toEqual([1, 1, 2]);
    // Conserve: in fight 1, 2 slots are not more than the 2 fights ahead: bolts; then a fireball in each.
    expect(day('conserve')).toEqual([2, 1, 1]);
    // Balanced keeps floor(2 / 2) = 1 slot in fight 1 (2 > 1: cast), none in fight 2 (cast), then bolts.
    expect(day('balanced')).toEqual([1, 1, 2]);
  });

  it('conserve keeps slots for later fights', () => {
    const uses = (policy: 'nova' | 'conserve') => {
      const wizard = character('Wizard', {
        hp: 1000, initiativeBonus: FIRST, spellSlots: [0, 0, 1],
        actions: [{ ...sureDamage('Fireball', '30'), spell: { level: 3 } }, sureDamage('Fire Bolt', '10')],
      });
      const ogre = (hp: number) => creature('Ogre', { hp, initiativeBonus: LAST });
      const spec = scenario([wizard], [encounter('1', [ogre(20)]), encounter('2', [ogre(30)])], { resourcePolicy: policy });
      const agg = simulate(spec, 5, 10);
      return agg.encounters.map((e) => e.roundsSum / 10);
    };
    // Nova: fireball in fight 1 (one round), fight 2 takes three bolts. Conserve: two bolts, then the fireball.
    expect(uses('nova')).toEqual([1, 3]);
    expect(uses('conserve')).toEqual([2, 1]);
  });
});
