// Each rules feature changes a fight's outcome in the right direction by a plausible amount. Two
// versions of a close fight are run with fixed seeds; the difference of the party's victory rate
// (or of another count) must exceed 4 standard errors and lie in a range a DM would expect.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import {
  attackAction, character, creature, effect, effectAction, fight, healAction, saveAction, weapon,
} from './test-support.ts';
import type { AttackAction, CreatureSpec, ScenarioSpec } from './types.ts';

const RUNS = 10000;

function victory(spec: ScenarioSpec, seed: number): number {
  return simulate(spec, seed, RUNS).dayVictory / RUNS;
}

/** Asserts b - a is significantly positive (z > 4) and within [min, max]. */
function expectGain(a: number, b: number, min: number, max: number): void {
  const se = Math.sqrt((a * (1 - a) + b * (1 - b)) / RUNS);
  const gain = b - a;
  expect(gain / se, `gain ${gain.toFixed(3)} from ${a.toFixed(3)} to ${b.toFixed(3)}`).toBeGreaterThan(4);
  expect(gain).toBeGreaterThanOrEqual(min);
  expect(gain).toBeLessThanOrEqual(max);
}

const fighter = (over: Partial<CreatureSpec> = {}) => character('Fighter', {
  hp: 44, ac: 16, initiativeBonus: 1, saves: { str: 5, dex: 1, con: 5, int: 0, wis: 1, cha: -1 },
  actions: [attackAction('Longsword', [weapon(6, '1d8+4', { count: 2 })])], ...over,
});
const cleric = (over: Partial<CreatureSpec> = {}) => character('Cleric', {
  hp: 38, ac: 18, saves: { str: 1, dex: 0, con: 3, int: 0, wis: 6, cha: 2 }, level: 5, caster: 'full',
  actions: [attackAction('Mace', [weapon(5, '1d6+3')])], ...over,
});
const ogres = (count: number, over: Partial<CreatureSpec> = {}) => creature('Ogre', {
  count, hp: 59, ac: 11, saves: { str: 4, dex: -1, con: 3, int: -3, wis: -2, cha: -2 },
  actions: [attackAction('Greatclub', [weapon(6, '2d8+4')], { targeting: 'random' })], ...over,
});

const BLESS = effectAction('Bless', 'allies', effect('Bless', { attackBonus: '1d4', saveBonus: '1d4' }), {
  targets: 3, spell: { level: 1, concentration: true },
});

describe('spells and effects change fights the way they do at the table', () => {
  it('Bless raises the party\'s chance of victory in a close fight', () => {
    const without = victory(fight([fighter(), cleric()], [ogres(2)]), 1);
    const withBless = victory(fight([fighter(), cleric({ effectActions: [BLESS] })], [ogres(2)]), 2);
    expect(without).toBeGreaterThan(0.2);
    expect(without).toBeLessThan(0.8);
    expectGain(without, withBless, 0.03, 0.3);
  });

  it('Hold Person on the biggest threat wins fights', () => {
    const hold = effectAction('Hold Person', 'enemies', effect('Hold Person', { conditions: ['paralyzed'], saveEnds: true }), {
      save: { ability: 'wis', dc: 14 }, spell: { level: 2, concentration: true }, enemyTargeting: 'highest-damage',
    });
    const without = victory(fight([fighter(), cleric()], [ogres(2)]), 3);
    const withHold = victory(fight([fighter(), cleric({ effectActions: [hold] })], [ogres(2)]), 4);
    expectGain(without, withHold, 0.1, 0.6);
  });

  it('Bane on the enemies and Faerie Fire help, Hunter\'s Mark and Sneak Attack add damage', () => {
    const base = victory(fight([fighter(), cleric()], [ogres(2)]), 5);
    const bane = effectAction('Bane', 'enemies', effect('Bane', { attackBonus: '-1d4', saveBonus: '-1d4' }), {
      targets: 3, save: { ability: 'cha', dc: 14 }, spell: { level: 1, concentration: true },
    });
    // Bane matters most against many attackers: three ogres against three characters.
    const trio = (c: CreatureSpec) => [fighter(), fighter({ name: 'Fighter 2' }), c];
    expectGain(victory(fight(trio(cleric()), [ogres(3)]), 60), victory(fight(trio(cleric({ effectActions: [bane] })), [ogres(3)]), 6), 0.02, 0.3);
    const faerie = effectAction('Faerie Fire', 'enemies', effect('Faerie Fire', { attacksAgainst: 'advantage' }), {
      targets: 2, save: { ability: 'dex', dc: 14 }, spell: { level: 1, concentration: true },
    });
    // Advantage matters against a well-armoured foe.
    const armoured = [ogres(2, { ac: 17 })];
    expectGain(victory(fight([fighter(), cleric()], armoured), 70), victory(fight([fighter(), cleric({ effectActions: [faerie] })], armoured), 7), 0.03, 0.4);
    const mark = effectAction('Hunter\'s Mark', 'enemies', effect('Hunter\'s Mark', { markDamage: '1d6', duration: { kind: 'encounter' } }), {
      slot: 'bonus', spell: { level: 1, concentration: true },
    });
    const ranger = (extra: Partial<CreatureSpec>) => fighter({ name: 'Ranger', level: 5, caster: 'half', ...extra });
    expectGain(base, victory(fight([ranger({ effectActions: [mark] }), cleric()], [ogres(2)]), 8), 0.03, 0.4);
    const sneak = effect('Sneak Attack', { extraDamage: '3d6', extraDamageType: 'piercing', extraDamageOncePerTurn: true });
    expectGain(base, victory(fight([fighter({ effects: [sneak] }), cleric()], [ogres(2)]), 9), 0.05, 0.5);
  });

  it('Rage\'s resistance, temporary HP and healing each round keep a character up', () => {
    const hard = [ogres(3)];
    const base = victory(fight([fighter(), cleric()], hard), 10);
    const rage = effect('Rage', { resistances: ['bludgeoning', 'piercing', 'slashing'], extraDamage: '2', extraDamageType: 'slashing' });
    expectGain(base, victory(fight([fighter({ effects: [rage] }), cleric()], hard), 11), 0.05, 0.7);
    const agathys = effectAction('Armor of Agathys', 'self', effect('Armor of Agathys', { tempHp: '15', retaliate: '15', retaliateType: 'cold', duration: { kind: 'day' } }), {
      slot: 'bonus', spell: { level: 3 }, uses: { per: 'long-rest', count: 1 },
    });
    expectGain(base, victory(fight([fighter({ effectActions: [agathys] }), cleric()], hard), 12), 0.03, 0.7);
    const regrowth = effectAction('Aura of Vitality', 'self', effect('Aura of Vitality', { healEachTurn: '2d6' }), {
      slot: 'bonus', uses: { per: 'encounter', count: 1 },
    });
    expectGain(base, victory(fight([fighter(), cleric({ effectActions: [regrowth] })], hard), 13), 0.02, 0.6);
  });

  it('Spirit Guardians grinds down a crowd', () => {
    const goblins = [creature('Goblin', { count: 6, hp: 7, ac: 15, actions: [attackAction('Scimitar', [weapon(4, '1d6+2')], { targeting: 'random' })] })];
    const guardians = effectAction('Spirit Guardians', 'enemies', effect('Spirit Guardians', {
      turnDamage: { damage: '3d8', damageType: 'radiant', when: 'start', save: { ability: 'wis', dc: 14 }, onSuccess: 'half' },
    }), { targets: 6, spell: { level: 3, concentration: true } });
    const base = victory(fight([cleric({ hp: 30 })], goblins), 14);
    expectGain(base, victory(fight([cleric({ hp: 30, effectActions: [guardians] })], goblins), 15), 0.1, 1);
  });

  it('spell slots run out: a fireball per slot, and more slots win more', () => {
    const fireball = saveAction('Fireball', 15, '8d6', { targets: 3, spell: { level: 3 } });
    const wizard = (slots: number[]) => character('Wizard', {
      hp: 30, ac: 12, spellSlots: slots, actions: [fireball, attackAction('Fire Bolt', [weapon(7, '1d10', { reach: 'ranged' })], { spell: { level: 0, cantripScaling: true } })],
      level: 5,
    });
    const enemies = [ogres(3, { hp: 30 })];
    // Against a target that cannot fall, one fireball per slot, then the cantrip.
    for (const slots of [1, 2]) {
      const agg = simulate(fight([wizard([0, 0, slots])], [creature('Rock', { hp: 100000 })], { roundCap: 5 }), 16, 200);
      expect(agg.characters[0].actionUses).toEqual([slots * 200, (5 - slots) * 200]);
    }
    const two = victory(fight([wizard([0, 0, 2])], enemies), 17);
    expectGain(victory(fight([wizard([0, 0, 1])], enemies), 18), two, 0.05, 0.8);
  });
});

describe('reactions, legendary and lair actions, traits', () => {
  const wizard = (over: Partial<CreatureSpec> = {}) => character('Wizard', {
    hp: 32, ac: 13, level: 6, spellSlots: [4, 3, 3], saves: { str: 0, dex: 2, con: 2, int: 7, wis: 4, cha: 0 },
    actions: [attackAction('Fire Bolt', [weapon(7, '2d10', { reach: 'ranged', damageType: 'fire' })])], ...over,
  });

  it('Shield and Uncanny Dodge keep their owner standing longer', () => {
    const enemies = [ogres(1, { hp: 80 })];
    const base = victory(fight([wizard()], enemies), 20);
    expectGain(base, victory(fight([wizard({ reactions: [{ kind: 'shield' }] })], enemies), 21), 0.03, 0.6);
    expectGain(base, victory(fight([wizard({ reactions: [{ kind: 'uncanny-dodge' }] })], enemies), 22), 0.03, 0.6);
    expectGain(base, victory(fight([wizard({ reactions: [{ kind: 'hellish-rebuke', damage: '3d10', dc: 15 }] })], enemies), 23), 0.03, 0.6);
  });

  it('legendary actions, legendary resistance and lair actions make a monster deadlier', () => {
    const boss = (over: Partial<CreatureSpec> = {}) => creature('Boss', {
      hp: 150, ac: 16, saves: { str: 6, dex: 2, con: 6, int: 2, wis: 3, cha: 4 },
      actions: [attackAction('Claws', [weapon(8, '2d6+5', { count: 2 })], { targeting: 'random' })], ...over,
    });
    const party = [fighter(), fighter({ name: 'Fighter 2' }), cleric()];
    const base = victory(fight(party, [boss()]), 24);
    const tail = attackAction('Tail', [weapon(8, '2d8+5')], { targeting: 'random' });
    const withLegendary = victory(fight(party, [boss({ legendary: { perRound: 3, resistances: 0, actions: [{ cost: 1, action: tail }] } })]), 25);
    expectGain(withLegendary, base, 0.05, 0.9);
    const tremor = saveAction('Tremor', 15, '2d10', { ability: 'dex', targets: 3, damageType: 'bludgeoning' });
    const withLair = victory(fight(party, [boss({ lairActions: [tremor] })]), 26);
    expectGain(withLair, base, 0.03, 0.9);

    const hold = effectAction('Hold Monster', 'enemies', effect('Hold Monster', { conditions: ['paralyzed'], saveEnds: true }), {
      save: { ability: 'wis', dc: 16 }, spell: { level: 2, concentration: true },
    });
    const caster = cleric({ effectActions: [hold] });
    const resisted = victory(fight([fighter(), fighter({ name: 'Fighter 2' }), caster], [boss({ legendary: { perRound: 0, resistances: 3, actions: [] } })]), 27);
    const held = victory(fight([fighter(), fighter({ name: 'Fighter 2' }), caster], [boss()]), 28);
    expectGain(resisted, held, 0.03, 0.9);
  });

  it('Magic Resistance, Regeneration and Pack Tactics favour the monsters; condition immunity stops Hold Person', () => {
    const fireball = saveAction('Fireball', 15, '8d6', { targets: 3, spell: { level: 3 }, uses: { per: 'encounter', count: 2 } });
    const party = [wizard({ actions: [fireball, attackAction('Fire Bolt', [weapon(7, '2d10', { reach: 'ranged', damageType: 'fire' })])] }), fighter()];
    const trolls = (over: Partial<CreatureSpec>) => [ogres(2, { hp: 60, ...over })];
    const base = victory(fight(party, trolls({})), 30);
    expectGain(victory(fight(party, trolls({ traits: { magicResistance: true } })), 31), base, 0.01, 0.6);
    expectGain(victory(fight(party, trolls({ traits: { regeneration: 10 } })), 32), base, 0.05, 0.9);
    // Fire stops the regeneration: it helps the trolls less than plain regeneration does.
    const blocked = victory(fight(party, trolls({ traits: { regeneration: 10, regenerationBlockedBy: ['fire'] } })), 33);
    expectGain(victory(fight(party, trolls({ traits: { regeneration: 10 } })), 34), blocked, 0.03, 0.9);

    const wolves = (packTactics: boolean) => [creature('Wolf', {
      count: 4, hp: 11, ac: 13, traits: { packTactics }, actions: [attackAction('Bite', [weapon(4, '2d4+2')], { targeting: 'random' })],
    })];
    const lone = [fighter({ hp: 30 })];
    expectGain(victory(fight(lone, wolves(true)), 35), victory(fight(lone, wolves(false)), 36), 0.03, 0.8);

    const hold = effectAction('Hold Person', 'enemies', effect('Hold Person', { conditions: ['paralyzed'], saveEnds: true }), {
      save: { ability: 'wis', dc: 14 }, spell: { level: 2, concentration: true },
    });
    const agg = simulate(fight([cleric({ effectActions: [hold] })], [ogres(1, { traits: { conditionImmunities: ['paralyzed'] } })]), 37, 100);
    expect(agg.characters[0].actionUses[0]).toBe(0);
  });

  it('Divine Smite spends slots for damage; a bite that knocks prone and a frightening roar help the monsters', () => {
    const paladin = (smite: boolean) => fighter({
      name: 'Paladin', level: 5, caster: 'half',
      actions: [{ ...attackAction('Longsword', [weapon(6, '1d8+4', { count: 2 })]), ...(smite && { smite: { damage: '2d8', upcast: '1d8', maxLevel: 4, damageType: 'radiant' as const } }) }],
    });
    expectGain(victory(fight([paladin(false), cleric()], [ogres(3)]), 40), victory(fight([paladin(true), cleric()], [ogres(3)]), 41), 0.05, 0.9);

    const party = [fighter(), cleric()];
    const wolves = (over: Partial<AttackAction>) => [creature('Wolf', {
      count: 5, hp: 11, ac: 13, actions: [attackAction('Bite', [weapon(4, '2d4+2')], { targeting: 'random', ...over })],
    })];
    const prone = { effect: effect('Prone', { conditions: ['prone'], duration: { kind: 'target-turn-start' } }), effectSave: { ability: 'str' as const, dc: 13 } };
    expectGain(victory(fight(party, wolves(prone)), 42), victory(fight(party, wolves({})), 43), 0.02, 0.6);

    const roar = effectAction('Roar', 'enemies', effect('Frightened', { conditions: ['frightened'], saveEnds: true }), {
      // A bonus action here: spending the ogre's attack on it would help the party instead.
      slot: 'bonus', targets: 2, save: { ability: 'wis', dc: 15 }, uses: { per: 'encounter', count: 1 },
    });
    expectGain(victory(fight(party, [ogres(2, { effectActions: [roar] })]), 44), victory(fight(party, [ogres(2)]), 45), 0.02, 0.6);
  });

  it('healing word on a downed ally still comes first when listed first', () => {
    const healer = cleric({ actions: [healAction('Healing Word', '1d4+3', { slot: 'bonus', condition: 'ally-down', spell: { level: 1 } }), attackAction('Mace', [weapon(5, '1d6+3')])] });
    const agg = simulate(fight([fighter({ hp: 20 }), healer], [ogres(2)]), 38, 500);
    expect(agg.characters[1].healingDone).toBeGreaterThan(0);
  });
});
