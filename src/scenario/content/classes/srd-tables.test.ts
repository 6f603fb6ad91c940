// Each class at levels 1, 5, 11 and 20 against numbers worked out by hand from the SRD's rules
// and the builds the templates state (scores, improvements, armor), not from the template code.
//
// Hit points: the full hit die at 1st level, then (die / 2 + 1) per level, plus the Constitution
// modifier at every level (a raised Constitution counts for earlier levels too). Proficiency:
// +2, +3, +4 and +6 at levels 1, 5, 11 and 20.

import { describe, expect, it } from 'vitest';
import { casterSlots } from '../../../engine/compile.ts';
import type { AttackAction, CreatureSpec, SaveAction } from '../../../engine/index.ts';
import { loadScenarioJson } from '../../format/load.ts';
import { buildCharacter, PACT_SLOTS, type ClassId } from './index.ts';

interface Expected {
  hp: number;
  /** The at-will attack's bonus, or the DC of the at-will save cantrip. */
  attack?: number;
  dc?: number;
  /** Attacks per Attack action. */
  count?: number;
  /** Spell slots of 1st, 2nd... level; [] for none. */
  slots: number[];
}

const NONE: number[] = [];
const FULL_1 = [2], FULL_5 = [4, 3, 2], FULL_11 = [4, 3, 3, 3, 2, 1], FULL_20 = [4, 3, 3, 3, 3, 2, 2, 1, 1];
const HALF_5 = [4, 2], HALF_11 = [4, 3, 3], HALF_20 = [4, 3, 3, 3, 2];

// Level-by-level working, per class (Con modifier in brackets):
// d8 with Con 14 (+2) raised at 12th and 16th (+4 at 20th): 8+2 = 10; 10 + 4*7 = 38; 10 + 10*7 = 80; 12 + 19*9 = 183.
const EXPECTED: Record<ClassId, Record<1 | 5 | 11 | 20, Expected>> = {
  // Int 16 -> 18 (4th) -> 20 (8th); Fire Bolt: prof + Int.
  artificer: {
    1: { hp: 10, attack: 5, slots: [2] },
    5: { hp: 38, attack: 7, slots: HALF_5 },
    11: { hp: 80, attack: 9, slots: HALF_11 },
    20: { hp: 183, attack: 11, slots: HALF_20 },
  },
  // d12, Con 16 (+3) until 12th, 20 at 16th, 24 with Primal Champion (+7); Str 16/18/20, 24 at 20th.
  // 12+3 = 15; 15 + 4*10 = 55; 15 + 10*10 = 115; 19 + 19*14 = 285.
  barbarian: {
    1: { hp: 15, attack: 5, count: 1, slots: NONE },
    5: { hp: 55, attack: 7, count: 2, slots: NONE },
    11: { hp: 115, attack: 9, count: 2, slots: NONE },
    20: { hp: 285, attack: 13, count: 2, slots: NONE },
  },
  // Vicious Mockery DC 8 + prof + Cha (16/18/20).
  bard: {
    1: { hp: 10, dc: 13, slots: FULL_1 },
    5: { hp: 38, dc: 15, slots: FULL_5 },
    11: { hp: 80, dc: 17, slots: FULL_11 },
    20: { hp: 183, dc: 19, slots: FULL_20 },
  },
  // Sacred Flame DC 8 + prof + Wis (16/18/20).
  cleric: {
    1: { hp: 10, dc: 13, slots: FULL_1 },
    5: { hp: 38, dc: 15, slots: FULL_5 },
    11: { hp: 80, dc: 17, slots: FULL_11 },
    20: { hp: 183, dc: 19, slots: FULL_20 },
  },
  // Produce Flame: prof + Wis.
  druid: {
    1: { hp: 10, attack: 5, slots: FULL_1 },
    5: { hp: 38, attack: 7, slots: FULL_5 },
    11: { hp: 80, attack: 9, slots: FULL_11 },
    20: { hp: 183, attack: 11, slots: FULL_20 },
  },
  // d10, Con 16 (+3), 18 at 8th, 20 at 12th; Str 16, 18 at 4th, 20 at 6th.
  // 10+3 = 13; 13 + 4*9 = 49; 14 + 10*10 = 114; 15 + 19*11 = 224.
  fighter: {
    1: { hp: 13, attack: 5, count: 1, slots: NONE },
    5: { hp: 49, attack: 7, count: 2, slots: NONE },
    11: { hp: 114, attack: 9, count: 3, slots: NONE },
    20: { hp: 224, attack: 11, count: 4, slots: NONE },
  },
  // Con 14 until 16 at 19th: 10; 38; 80; 11 + 19*8 = 163. Dex 16/18/20.
  monk: {
    1: { hp: 10, attack: 5, count: 1, slots: NONE },
    5: { hp: 38, attack: 7, count: 2, slots: NONE },
    11: { hp: 80, attack: 9, count: 2, slots: NONE },
    20: { hp: 163, attack: 11, count: 2, slots: NONE },
  },
  // d10, Con 14 until 16 at 19th: 12; 12 + 4*8 = 44; 12 + 10*8 = 92; 13 + 19*9 = 184. Str 16/18/20.
  paladin: {
    1: { hp: 12, attack: 5, count: 1, slots: NONE },
    5: { hp: 44, attack: 7, count: 2, slots: HALF_5 },
    11: { hp: 92, attack: 9, count: 2, slots: HALF_11 },
    20: { hp: 184, attack: 11, count: 2, slots: HALF_20 },
  },
  // d10, Con 14, 16 at 16th, 18 at 19th: 12; 44; 92; 14 + 19*10 = 204. Longbow: prof + Dex, +2 Archery from 2nd level.
  ranger: {
    1: { hp: 12, attack: 5, count: 1, slots: NONE },
    5: { hp: 44, attack: 9, count: 2, slots: HALF_5 },
    11: { hp: 92, attack: 11, count: 2, slots: HALF_11 },
    20: { hp: 204, attack: 13, count: 2, slots: HALF_20 },
  },
  // Rogue improvements at 4, 8, 10, 12: Dex, Dex, Con, Con. 10; 38; 11 + 10*8 = 91; 12 + 19*9 = 183.
  rogue: {
    1: { hp: 10, attack: 5, slots: NONE },
    5: { hp: 38, attack: 7, slots: NONE },
    11: { hp: 91, attack: 9, slots: NONE },
    20: { hp: 183, attack: 11, slots: NONE },
  },
  // d6 with Draconic Resilience (+1 per level): 6+2+1 = 9; 9 + 4*7 = 37; 9 + 10*7 = 79; 11 + 19*9 = 182.
  sorcerer: {
    1: { hp: 9, attack: 5, slots: FULL_1 },
    5: { hp: 37, attack: 7, slots: FULL_5 },
    11: { hp: 79, attack: 9, slots: FULL_11 },
    20: { hp: 182, attack: 11, slots: FULL_20 },
  },
  // Eldritch Blast: prof + Cha; one beam, then 2, 3, 4.
  warlock: {
    1: { hp: 10, attack: 5, count: 1, slots: NONE },
    5: { hp: 38, attack: 7, count: 2, slots: NONE },
    11: { hp: 80, attack: 9, count: 3, slots: NONE },
    20: { hp: 183, attack: 11, count: 4, slots: NONE },
  },
  // d6: 6+2 = 8; 8 + 4*6 = 32; 8 + 10*6 = 68; 10 + 19*8 = 162.
  wizard: {
    1: { hp: 8, attack: 5, slots: FULL_1 },
    5: { hp: 32, attack: 7, slots: FULL_5 },
    11: { hp: 68, attack: 9, slots: FULL_11 },
    20: { hp: 162, attack: 11, slots: FULL_20 },
  },
};

function load(classId: ClassId, level: number): CreatureSpec {
  const { creature } = buildCharacter({ classId, level });
  const doc = {
    format: 'encounter-lab/scenario', version: 1, party: [creature],
    encounters: [{ enemies: [{ name: 'Target', hp: 10, ac: 10, actions: [{ type: 'attack', name: 'Hit', attacks: [{ toHit: 0, damage: '1' }] }] }] }],
  };
  return loadScenarioJson(doc).spec.party[0];
}

/** The at-will fallback: the last action-slot action that is not limited by uses. */
function fallback(c: CreatureSpec): AttackAction | SaveAction {
  const list = c.actions.filter((a) => a.slot === 'action' && a.uses.per === 'at-will' && a.type !== 'heal' && (a.spell?.level ?? 0) === 0);
  return list[list.length - 1] as AttackAction | SaveAction;
}

describe('templates against the SRD tables at levels 1, 5, 11 and 20', () => {
  for (const classId of Object.keys(EXPECTED) as ClassId[]) {
    for (const level of [1, 5, 11, 20] as const) {
      it(`${classId} ${level}`, () => {
        const want = EXPECTED[classId][level];
        const c = load(classId, level);
        expect(c.hp).toBe(want.hp);
        const main = fallback(c);
        const attack = main.type === 'attack' ? main.attacks[0] : undefined;
        const observed = {
          hp: c.hp,
          attack: want.attack === undefined ? undefined : attack?.toHit,
          dc: want.dc === undefined ? undefined : main.type === 'save' ? main.dc : undefined,
          count: want.count === undefined ? undefined : attack?.count,
          slots: c.spellSlots ?? [],
        };
        expect(observed).toEqual(want);
      });
    }
  }

  it('warlock Pact Magic: 1 slot of 1st level; 2 of 3rd at 5th; 3 of 5th at 11th; 4 of 5th at 20th', () => {
    const pact = [1, 5, 11, 20].map((level) => {
      const c = load('warlock', level);
      const engine = casterSlots('pact', level);
      const slotLevel = engine.findIndex((n) => n > 0) + 1;
      return { caster: c.caster, table: PACT_SLOTS[level - 1], engine: [engine[slotLevel - 1], slotLevel] };
    });
    expect(pact).toEqual([
      { caster: 'pact', table: { slots: 1, slotLevel: 1 }, engine: [1, 1] },
      { caster: 'pact', table: { slots: 2, slotLevel: 3 }, engine: [2, 3] },
      { caster: 'pact', table: { slots: 3, slotLevel: 5 }, engine: [3, 5] },
      { caster: 'pact', table: { slots: 4, slotLevel: 5 }, engine: [4, 5] },
    ]);
  });

  it('class features by level: Rage, Sneak Attack, Extra Attack, Divine Smite, Second Wind', () => {
    const rage = (level: number) => load('barbarian', level).effectActions!.find((a) => a.name === 'Rage')!;
    // Rages 2 at 1st, 3 at 5th, 4 at 11th, unlimited at 20th; damage +2, +2, +3, +4.
    expect([1, 5, 11].map((l) => rage(l).uses)).toEqual([2, 3, 4].map((count) => ({ per: 'long-rest', count })));
    expect(rage(20).uses).toEqual({ per: 'at-will' });
    expect([1, 5, 11, 20].map((l) => rage(l).effect!.extraDamage)).toEqual(['2', '2', '3', '4']);
    // Sneak Attack: 1d6, 3d6, 6d6, 10d6.
    expect([1, 5, 11, 20].map((l) => load('rogue', l).effects![0].extraDamage)).toEqual(['1d6', '3d6', '6d6', '10d6']);
    // Divine Smite from 2nd level; Improved Divine Smite (1d8 radiant on every hit) from 11th.
    const paladin = (l: number) => load('paladin', l);
    expect(fallback(paladin(1))).not.toHaveProperty('smite');
    expect((fallback(paladin(5)) as AttackAction).smite).toEqual({ damage: '2d8', upcast: '1d8', maxLevel: 4, damageType: 'radiant' });
    expect(paladin(11).effects?.map((e) => e.extraDamage)).toEqual(['1d8']);
    // Second Wind: 1d10 + fighter level, once per short rest.
    expect(load('fighter', 11).actions.find((a) => a.name === 'Second Wind')).toMatchObject({ amount: '1d10+11', uses: { per: 'short-rest', count: 1 } });
    // Champion: critical hits on 19-20 from 3rd level, 18-20 from 15th.
    expect([1, 5, 20].map((l) => (fallback(load('fighter', l)) as AttackAction).attacks[0].critOn)).toEqual([20, 19, 18]);
    // Eldritch Blast with Agonizing Blast: 1d10 + Cha per beam from 2nd level.
    expect((fallback(load('warlock', 11)) as AttackAction).attacks[0].damage).toBe('1d10+5');
  });

  it('armor class and saves of a level-5 fighter, cleric, rogue and wizard', () => {
    // Fighter: splint 17 (greatsword, no shield); saves Str +4+3, Con +3+3.
    const f = load('fighter', 5);
    expect(f.ac).toBe(17);
    expect(f.saves).toEqual({ str: 7, dex: 1, con: 6, int: 0, wis: 1, cha: -1 });
    // Cleric: splint 17 + shield 2; Wis +4+3, Cha +1+3.
    const c = load('cleric', 5);
    expect(c.ac).toBe(19);
    expect(c.saves).toEqual({ str: 2, dex: 0, con: 2, int: 0, wis: 7, cha: 4 });
    // Rogue: studded leather 12 + Dex 4.
    expect(load('rogue', 5).ac).toBe(16);
    // Wizard: Mage Armor 13 + Dex 2.
    expect(load('wizard', 5).ac).toBe(15);
  });
});
