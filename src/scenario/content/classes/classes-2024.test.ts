// The SRD 5.2 (2024) templates: every class, level and option loads and compiles without a warning
// in a 2024 scenario; levels 1, 5, 11 and 20 against numbers worked out by hand from the SRD 5.2
// class tables and the builds the templates state (the 2014 builds' scores, with the 19th-level
// Epic Boon as +1 where the 2014 build takes +2); the 2024 features that decide fights are present.
//
// Hit points: the full hit die at 1st level, then (die / 2 + 1) per level, plus the Constitution
// modifier at every level. Proficiency: +2, +3, +4 and +6 at levels 1, 5, 11 and 20.

import { describe, expect, it } from 'vitest';
import type { AttackAction, CreatureSpec, EffectAction, HealAction, SaveAction } from '../../../engine/index.ts';
import { loadScenarioJson } from '../../format/load.ts';
import { buildCharacter, classesFor, CLASSES, type ClassId, type ClassInfo } from './index.ts';

const GOBLIN = {
  name: 'Goblin', hp: 7, ac: 15, saveBonus: 0,
  actions: [{ type: 'attack', name: 'Scimitar', attacks: [{ toHit: 4, damage: '1d6+2', damageType: 'slashing' }] }],
};

function scenario(creature: Record<string, unknown>, edition: '2014' | '2024') {
  return {
    format: 'encounter-lab/scenario', version: 1, name: 'Template check', party: [creature], encounters: [{ enemies: [GOBLIN] }],
    ...(edition === '2024' && { rules: { edition: '2024' } }),
  };
}

function load(classId: ClassId, level: number, options?: string[]): CreatureSpec {
  const { creature } = buildCharacter({ classId, level, options, edition: '2024' });
  return loadScenarioJson(scenario(creature, '2024')).spec.party[0];
}

function optionSets(info: ClassInfo): string[][] {
  const sets = [info.defaultOptions];
  for (const o of info.options) {
    const rest = info.defaultOptions.filter((id) => id !== o.id && (o.group === undefined || info.options.find((x) => x.id === id)?.group !== o.group));
    sets.push([...rest, o.id]);
  }
  return sets;
}

describe('2024 templates: every class, level and option loads without warnings under both editions', () => {
  it('offers the same classes under both editions, with the SRD 5.2 subclasses under 2024', () => {
    expect(classesFor('2024').map((c) => c.id)).toEqual(CLASSES.map((c) => c.id));
    expect(classesFor(undefined)).toBe(CLASSES);
    expect(classesFor('2014')).toBe(CLASSES);
    const labels = classesFor('2024').flatMap((c) => c.options.map((o) => o.label));
    for (const subclass of ['Path of the Berserker', 'Champion', 'Warrior of the Open Hand', 'Oath of Devotion', 'Hunter', 'Thief']) {
      expect(labels).toContain(subclass);
    }
  });

  for (const info of classesFor('2024')) {
    it(`${info.name}: levels 1-20, defaults and each option, in 2014 and 2024 scenarios`, () => {
      for (const options of optionSets(info)) {
        for (let level = 1; level <= 20; level++) {
          const built = buildCharacter({ classId: info.id, level, options, edition: '2024' });
          for (const edition of ['2014', '2024'] as const) {
            const where = `${info.id} ${level} [${options.join(', ')}] in a ${edition} scenario`;
            const loaded = loadScenarioJson(scenario(built.creature, edition), where);
            expect(loaded.warnings.map((w) => `${where}: ${w}`)).toEqual([]);
            expect(loaded.spec.party[0].hitDice).toBe(`${level}d${info.hitDie}`);
          }
          expect(built.approximations.length).toBeGreaterThan(2);
          for (const note of built.approximations) expect(note).toMatch(/^[A-Z].*\.$/);
        }
      }
    });
  }

  it('leaves the 2014 templates as they were: an explicit 2014 builds what no edition builds', () => {
    for (const info of CLASSES) {
      for (const level of [1, 5, 11, 20]) {
        expect(buildCharacter({ classId: info.id, level, edition: '2014' })).toEqual(buildCharacter({ classId: info.id, level }));
      }
    }
  });

  it('refuses an unknown edition with a clear message', () => {
    expect(() => buildCharacter({ classId: 'fighter', level: 5, edition: '5e' as never }))
      .toThrow('unknown rules edition "5e"; a template is built to "2014" or "2024"');
  });
});

// ------------------------------------------------------------------ hand-computed numbers

interface Expected {
  hp: number;
  /** The at-will attack's bonus, or the DC of the at-will save cantrip. */
  attack?: number;
  dc?: number;
  count?: number;
  slots: number[];
}

const NONE: number[] = [];
const FULL_1 = [2], FULL_5 = [4, 3, 2], FULL_11 = [4, 3, 3, 3, 2, 1], FULL_20 = [4, 3, 3, 3, 3, 2, 2, 1, 1];
// SRD 5.2 half casters (paladin, ranger) have two 1st-level slots at 1st level.
const HALF_1 = [2], HALF_5 = [4, 2], HALF_11 = [4, 3, 3], HALF_20 = [4, 3, 3, 3, 2];

const EXPECTED: Record<Exclude<ClassId, 'artificer'>, Record<1 | 5 | 11 | 20, Expected>> = {
  // d12, Con 16 (+3), 18 at 12th, 20 at 16th, 24 with Primal Champion (+7); Str 16/18/20, 24 at 20th.
  // 12+3 = 15; 15 + 4*10 = 55; 15 + 10*10 = 115; 19 + 19*14 = 285.
  barbarian: {
    1: { hp: 15, attack: 5, count: 1, slots: NONE },
    5: { hp: 55, attack: 7, count: 2, slots: NONE },
    11: { hp: 115, attack: 9, count: 2, slots: NONE },
    20: { hp: 285, attack: 13, count: 2, slots: NONE },
  },
  // d8, Con 14, 16 at 12th, 18 at 16th: 10; 38; 80; 12 + 19*9 = 183. Vicious Mockery DC 8 + prof + Cha 16/18/20.
  bard: {
    1: { hp: 10, dc: 13, slots: FULL_1 },
    5: { hp: 38, dc: 15, slots: FULL_5 },
    11: { hp: 80, dc: 17, slots: FULL_11 },
    20: { hp: 183, dc: 19, slots: FULL_20 },
  },
  // As the bard; Sacred Flame DC 8 + prof + Wis.
  cleric: {
    1: { hp: 10, dc: 13, slots: FULL_1 },
    5: { hp: 38, dc: 15, slots: FULL_5 },
    11: { hp: 80, dc: 17, slots: FULL_11 },
    20: { hp: 183, dc: 19, slots: FULL_20 },
  },
  // As the bard; Produce Flame: prof + Wis.
  druid: {
    1: { hp: 10, attack: 5, slots: FULL_1 },
    5: { hp: 38, attack: 7, slots: FULL_5 },
    11: { hp: 80, attack: 9, slots: FULL_11 },
    20: { hp: 183, attack: 11, slots: FULL_20 },
  },
  // d10, Con 16, 18 at 8th, 20 at 12th; Str 16, 18 at 4th, 20 at 6th: 13; 49; 14 + 10*10 = 114; 15 + 19*11 = 224.
  fighter: {
    1: { hp: 13, attack: 5, count: 1, slots: NONE },
    5: { hp: 49, attack: 7, count: 2, slots: NONE },
    11: { hp: 114, attack: 9, count: 3, slots: NONE },
    20: { hp: 224, attack: 11, count: 4, slots: NONE },
  },
  // d8, Con 14 (15 with the Epic Boon, still +2): 10; 38; 80; 10 + 19*7 = 143. Dex 16/18/20, 24 with Body and Mind.
  monk: {
    1: { hp: 10, attack: 5, count: 1, slots: NONE },
    5: { hp: 38, attack: 7, count: 2, slots: NONE },
    11: { hp: 80, attack: 9, count: 2, slots: NONE },
    20: { hp: 143, attack: 13, count: 2, slots: NONE },
  },
  // d10, Con 14 (15 with the Epic Boon): 12; 12 + 4*8 = 44; 12 + 10*8 = 92; 12 + 19*8 = 164. Str 16/18/20.
  paladin: {
    1: { hp: 12, attack: 5, count: 1, slots: HALF_1 },
    5: { hp: 44, attack: 7, count: 2, slots: HALF_5 },
    11: { hp: 92, attack: 9, count: 2, slots: HALF_11 },
    20: { hp: 164, attack: 11, count: 2, slots: HALF_20 },
  },
  // d10, Con 14, 16 at 16th, 17 with the Epic Boon: 12; 44; 92; 13 + 19*9 = 184. Longbow: prof + Dex + 2 (Archery from 2nd).
  ranger: {
    1: { hp: 12, attack: 5, count: 1, slots: HALF_1 },
    5: { hp: 44, attack: 9, count: 2, slots: HALF_5 },
    11: { hp: 92, attack: 11, count: 2, slots: HALF_11 },
    20: { hp: 184, attack: 13, count: 2, slots: HALF_20 },
  },
  // d8, Con 14, 16 at 10th, 18 at 12th: 10; 38; 11 + 10*8 = 91; 12 + 19*9 = 183. Dex 16/18/20.
  rogue: {
    1: { hp: 10, attack: 5, slots: NONE },
    5: { hp: 38, attack: 7, slots: NONE },
    11: { hp: 91, attack: 9, slots: NONE },
    20: { hp: 183, attack: 11, slots: NONE },
  },
  // d6, Con 14, 16 at 12th, 18 at 16th, plus 1 per level from 3rd (Draconic Resilience): 8; 32 + 5; 68 + 11; 162 + 20.
  sorcerer: {
    1: { hp: 8, attack: 5, slots: FULL_1 },
    5: { hp: 37, attack: 7, slots: FULL_5 },
    11: { hp: 79, attack: 9, slots: FULL_11 },
    20: { hp: 182, attack: 11, slots: FULL_20 },
  },
  // As the bard; Eldritch Blast: prof + Cha; Pact Magic slots are counted apart.
  warlock: {
    1: { hp: 10, attack: 5, slots: NONE },
    5: { hp: 38, attack: 7, slots: NONE },
    11: { hp: 80, attack: 9, slots: NONE },
    20: { hp: 183, attack: 11, slots: NONE },
  },
  // d6: 8; 32; 68; 10 + 19*8 = 162. Fire Bolt: prof + Int.
  wizard: {
    1: { hp: 8, attack: 5, slots: FULL_1 },
    5: { hp: 32, attack: 7, slots: FULL_5 },
    11: { hp: 68, attack: 9, slots: FULL_11 },
    20: { hp: 162, attack: 11, slots: FULL_20 },
  },
};

/** The at-will fallback: the last action-slot action that is not limited by uses. */
function fallback(c: CreatureSpec): AttackAction | SaveAction {
  const list = c.actions.filter((a) => a.slot === 'action' && a.uses.per === 'at-will' && a.type !== 'heal' && (a.spell?.level ?? 0) === 0);
  return list[list.length - 1] as AttackAction | SaveAction;
}

const action = (c: CreatureSpec, name: string) => [...c.actions, ...(c.effectActions ?? [])].find((a) => a.name === name);

describe('2024 templates against the SRD 5.2 tables at levels 1, 5, 11 and 20', () => {
  for (const classId of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
    for (const level of [1, 5, 11, 20] as const) {
      it(`${classId} ${level}`, () => {
        const want = EXPECTED[classId][level];
        const c = load(classId, level);
        const main = fallback(c);
        const attack = main.type === 'attack' ? main.attacks[0] : undefined;
        expect({
          hp: c.hp,
          attack: want.attack === undefined ? undefined : attack?.toHit,
          dc: want.dc === undefined ? undefined : main.type === 'save' ? main.dc : undefined,
          count: want.count === undefined ? undefined : attack?.count,
          slots: c.spellSlots ?? [],
        }).toEqual(want);
      });
    }
  }

  it('weapon mastery by class: Cleave, Graze, Sap, Topple, Vex and Nick', () => {
    const masteries = (c: CreatureSpec) => (fallback(c) as AttackAction).attacks.map((a) => a.mastery ?? null);
    // Barbarian greataxe: Cleave for the axe's die; greatsword: Graze for the Strength modifier (+3, +4, +5).
    expect(masteries(load('barbarian', 1))).toEqual([{ kind: 'cleave', damage: '1d12' }]);
    expect([1, 5, 11].map((l) => masteries(load('barbarian', l, ['greatsword']))[0])).toEqual([3, 4, 5].map((damage) => ({ kind: 'graze', damage })));
    expect(masteries(load('fighter', 5))).toEqual([{ kind: 'graze', damage: 4 }]);
    // Rogue: the shortsword's Vex and the scimitar's Nick attack (no modifier) in the same action.
    const rogue = fallback(load('rogue', 5)) as AttackAction;
    expect(rogue.attacks.map((a) => [a.damage, a.mastery ?? null])).toEqual([['1d6+4', { kind: 'vex' }], ['1d6', null]]);
    expect(masteries(load('rogue', 5, ['archer']))).toEqual([{ kind: 'vex' }]);
    // Sap (paladin's longsword) and Topple (fighter's maul, Con save DC 8 + 3 + 4) are riders on the action.
    expect((fallback(load('paladin', 5)) as AttackAction).effect).toMatchObject({ name: 'Sapped', attacksBy: 'disadvantage' });
    const maul = fallback(load('fighter', 5, ['maul', 'champion'])) as AttackAction;
    expect([maul.attacks[0].damage, maul.effect?.conditions, maul.effectSave]).toEqual(['2d6+4', ['prone'], { ability: 'con', dc: 15 }]);
    // Ranger with two blades: the scimitar's Nick attack joins the Extra Attack.
    const ranger = fallback(load('ranger', 5, ['two-weapon', 'hunter'])) as AttackAction;
    expect(ranger.attacks.map((a) => [a.count, a.damage])).toEqual([[2, '1d6+4'], [1, '1d6']]);
  });

  it('Rage, Brutal Strike and Frenzy with their 2024 numbers', () => {
    // Rages 2, 3, 4, 6 (twice 6 from Persistent Rage at 15th): one back on a short rest, the rest on a long rest.
    const rages = (l: number) => ['Rage', 'Rage (more uses)'].map((n) => (action(load('barbarian', l), n) as EffectAction | undefined)?.uses);
    expect(rages(1)).toEqual([{ per: 'short-rest', count: 1 }, { per: 'long-rest', count: 1 }]);
    expect(rages(11)).toEqual([{ per: 'short-rest', count: 1 }, { per: 'long-rest', count: 3 }]);
    expect(rages(20)).toEqual([{ per: 'short-rest', count: 1 }, { per: 'long-rest', count: 11 }]);
    expect([1, 5, 11, 20].map((l) => (action(load('barbarian', l), 'Rage') as EffectAction).effect!.extraDamage)).toEqual(['2', '2', '3', '4']);
    // Frenzy (Rage damage in d6) from 3rd, Brutal Strike 1d10 from 9th, 2d10 from 17th: separate effects, each on one hit a turn.
    const once = (l: number) => (load('barbarian', l).effects ?? []).filter((e) => e.extraDamageOncePerTurn).map((e) => [e.name, e.extraDamage]);
    expect([1, 5, 11, 20].map(once)).toEqual([
      [], [['Frenzy', '2d6']], [['Brutal Strike', '1d10'], ['Frenzy', '3d6']], [['Brutal Strike', '2d10'], ['Frenzy', '4d6']],
    ]);
  });

  it('Second Wind, Cunning Strike, Divine Smite, Innate Sorcery and Hunter\'s Mark', () => {
    // Second Wind: 2 uses at 1st, 3 at 4th, 4 at 10th; 1d10 + fighter level.
    const wind = (l: number) => ['Second Wind', 'Second Wind (more uses)'].map((n) => (action(load('fighter', l), n) as HealAction).uses);
    expect(wind(1)).toEqual([{ per: 'short-rest', count: 1 }, { per: 'long-rest', count: 1 }]);
    expect(wind(11)).toEqual([{ per: 'short-rest', count: 1 }, { per: 'long-rest', count: 3 }]);
    expect((action(load('fighter', 11), 'Second Wind') as HealAction).amount).toBe('1d10+11');
    // Champion: advantage on initiative from 3rd level (Remarkable Athlete).
    expect([1, 3].map((l) => load('fighter', l).initiativeAdvantage)).toEqual([false, true]);
    // Sneak Attack 1d6, 3d6, 6d6, 10d6, one die given up for Cunning Strike's poison from 5th (DC 8 + Dex + prof).
    expect([1, 5, 11, 20].map((l) => load('rogue', l).effects![0].extraDamage)).toEqual(['1d6', '2d6', '5d6', '9d6']);
    expect((fallback(load('rogue', 5)) as AttackAction).effectSave).toEqual({ ability: 'con', dc: 15 });
    // Cunning Strike and Stunning Strike go with one hit a turn: their riders are tried on the first hit only.
    expect([load('rogue', 5), load('rogue', 5, ['archer', 'cunning-trip', 'thief'])].map((c) => (fallback(c) as AttackAction).effectOncePerTurn)).toEqual([true, true]);
    expect((fallback(load('rogue', 5, ['dual-wield', 'cunning-none', 'thief'])) as AttackAction).effectOncePerTurn).toBeUndefined();
    expect(action(load('monk', 5), 'Unarmed Strike with Stunning Strike')).toMatchObject({ effect: { conditions: ['stunned'] }, effectOncePerTurn: true });
    expect(load('rogue', 5, ['dual-wield', 'cunning-none', 'thief']).effects![0].extraDamage).toBe('3d6');
    // Divine Smite from 1st level with a 2024 paladin's slots, uncapped below 5th-level slots.
    expect((fallback(load('paladin', 1)) as AttackAction).smite).toEqual({ damage: '2d8', upcast: '1d8', maxLevel: 5, damageType: 'radiant' });
    // Innate Sorcery: advantage on spell attacks, twice a day.
    expect(action(load('sorcerer', 1), 'Innate Sorcery')).toMatchObject({ slot: 'bonus', uses: { per: 'long-rest', count: 2 }, effect: { attacksBy: 'advantage' } });
    // Hunter's Mark: force damage; Favored Enemy's 2, 3, 4 and 6 free casts; a d10 with Foe Slayer.
    const mark = (l: number) => action(load('ranger', l), "Hunter's Mark (Favored Enemy)") as EffectAction;
    expect([1, 5, 11, 20].map((l) => mark(l).uses)).toEqual([2, 3, 4, 6].map((count) => ({ per: 'long-rest', count })));
    expect([mark(5).effect!.markDamage, mark(5).effect!.markDamageType, mark(20).effect!.markDamage]).toEqual(['1d6', 'force', '1d10']);
  });

  it('the 2024 spell dice: Cure Wounds 2d8, Healing Word 2d4, Mass Cure Wounds 5d8, Vicious Mockery 1d6', () => {
    // Ranger 5 (Wis 14): Cure Wounds 2d8 + 2, 2d8 a slot level higher.
    expect(action(load('ranger', 5), 'Cure Wounds')).toMatchObject({ amount: '2d8+2', spell: { level: 1, upcast: '2d8' } });
    // Artificer 5 (Int 18), the 2014 template with the 2024 Cure Wounds.
    expect(action(load('artificer', 5), 'Cure Wounds')).toMatchObject({ amount: '2d8+4', spell: { level: 1, upcast: '2d8' } });
    // Life cleric 11 (Wis 20): Healing Word 2d4 + 5 + Disciple of Life 3; Mass Cure Wounds 5d8 + 5 + 7.
    const cleric = load('cleric', 11);
    expect(action(cleric, 'Healing Word')).toMatchObject({ amount: '2d4+8', spell: { level: 1, upcast: '2d4' } });
    expect(action(cleric, 'Mass Cure Wounds')).toMatchObject({ amount: '5d8+12', spell: { level: 5, upcast: '1d8' } });
    // Potent Spellcasting: Sacred Flame 3d8 + Wis 5 at 11th, written out.
    expect((fallback(cleric) as SaveAction).damage).toBe('3d8+5');
    expect((action(cleric, 'Spirit Guardians') as EffectAction).effect!.turnDamage).toMatchObject({ damage: '3d8', when: 'end' });
    expect(action(load('bard', 5), 'Vicious Mockery')).toMatchObject({ damage: '1d6' });
    expect(action(load('druid', 1), 'Healing Word')).toMatchObject({ amount: '2d4+3' });
    // Ice Storm 2d10 + 4d6 for the wizard at 7th level and up.
    expect(action(load('wizard', 7), 'Ice Storm')).toMatchObject({ damage: '2d10+4d6' });
  });
});
