// Every template at every level, with its default options and with each option, is a valid party
// member: the scenario loader (schema, compile check, lint) takes it without a warning. Bad
// choices are refused with a message naming the problem.

import { describe, expect, it } from 'vitest';
import { loadScenarioJson } from '../../format/load.ts';
import { buildCharacter, CLASSES, isClassId, resolveOptions, templateScores, type ClassInfo } from './index.ts';

const GOBLIN = {
  name: 'Goblin', hp: 7, ac: 15, saveBonus: 0,
  actions: [{ type: 'attack', name: 'Scimitar', attacks: [{ toHit: 4, damage: '1d6+2', damageType: 'slashing' }] }],
};

function wrap(creature: Record<string, unknown>) {
  return { format: 'encounter-lab/scenario', version: 1, name: 'Template check', party: [creature], encounters: [{ enemies: [GOBLIN] }] };
}

/** The default selection, and for each option the defaults with that option swapped in. */
function optionSets(info: ClassInfo): string[][] {
  const sets = [info.defaultOptions];
  for (const o of info.options) {
    const rest = info.defaultOptions.filter((id) => id !== o.id && (o.group === undefined || info.options.find((x) => x.id === id)?.group !== o.group));
    sets.push([...rest, o.id]);
  }
  return sets;
}

describe('every class, level and option loads without warnings', () => {
  it('lists the 12 SRD classes and the artificer', () => {
    expect(CLASSES.map((c) => c.id)).toEqual([
      'artificer', 'barbarian', 'bard', 'cleric', 'druid', 'fighter', 'monk', 'paladin', 'ranger', 'rogue', 'sorcerer', 'warlock', 'wizard',
    ]);
    for (const c of CLASSES) {
      const ids = c.options.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const d of c.defaultOptions) expect(ids).toContain(d);
      expect(c.summary.length).toBeGreaterThan(10);
    }
  });

  for (const info of CLASSES) {
    it(`${info.name}: levels 1-20, defaults and each option`, () => {
      for (const options of optionSets(info)) {
        for (let level = 1; level <= 20; level++) {
          const built = buildCharacter({ classId: info.id, level, options });
          const where = `${info.id} ${level} [${options.join(', ')}]`;
          const loaded = loadScenarioJson(wrap(built.creature), where);
          expect(loaded.warnings.map((w) => `${where}: ${w}`)).toEqual([]);
          const c = loaded.spec.party[0];
          expect(c.kind).toBe('character');
          expect(c.level).toBe(level);
          expect(c.hitDice).toBe(`${level}d${info.hitDie}`);
          expect(c.actions.length).toBeGreaterThan(0);
          expect(built.approximations.length).toBeGreaterThan(0);
          for (const note of built.approximations) expect(note).toMatch(/^[A-Z].*\.$/);
        }
      }
    });
  }

  it('names the character after class and level unless a name is given', () => {
    expect(buildCharacter({ classId: 'fighter', level: 5 }).creature.name).toBe('Fighter 5');
    expect(buildCharacter({ classId: 'fighter', level: 5, name: 'Brenna' }).creature.name).toBe('Brenna');
  });

  it('shows the ability scores it assumes; a feat takes the first improvement', () => {
    expect(templateScores({ classId: 'fighter', level: 5 })).toEqual({ str: 18, dex: 12, con: 16, int: 10, wis: 12, cha: 8 });
    expect(templateScores({ classId: 'fighter', level: 5, options: ['great-weapon-master'] }).str).toBe(16);
    expect(templateScores({ classId: 'barbarian', level: 20 })).toMatchObject({ str: 24, con: 24 });
    expect(() => templateScores({ classId: 'fighter', level: 0 })).toThrow(/from 1 to 20/);
  });

  it('returns a fresh object each time', () => {
    const a = buildCharacter({ classId: 'wizard', level: 9 });
    (a.creature.actions as unknown[]).length = 0;
    expect((buildCharacter({ classId: 'wizard', level: 9 }).creature.actions as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('bad choices are refused with a clear message', () => {
  it('an unknown class', () => {
    expect(() => buildCharacter({ classId: 'necromancer' as never, level: 5 })).toThrow(/unknown class "necromancer"; the classes are artificer, barbarian/);
    expect(isClassId('necromancer')).toBe(false);
    expect(isClassId('wizard')).toBe(true);
    expect(isClassId(7)).toBe(false);
    expect(isClassId('toString')).toBe(false);
  });

  it('a level outside 1..20', () => {
    expect(() => buildCharacter({ classId: 'fighter', level: 0 })).toThrow('Fighter level must be a whole number from 1 to 20, got 0');
    expect(() => buildCharacter({ classId: 'fighter', level: 21 })).toThrow('Fighter level must be a whole number from 1 to 20, got 21');
    expect(() => buildCharacter({ classId: 'fighter', level: 2.5 })).toThrow(/got 2.5/);
  });

  it('an unknown option, and two options of one exclusive group', () => {
    expect(() => buildCharacter({ classId: 'rogue', level: 3, options: ['assassin'] })).toThrow('Rogue has no option "assassin"; its options are dual-wield, archer, sharpshooter');
    expect(() => buildCharacter({ classId: 'fighter', level: 3, options: ['champion', 'battle-master'] }))
      .toThrow('Fighter options "champion" and "battle-master" exclude each other (both in the "archetype" group); choose one');
  });

  it('a selection without a group member gets that group\'s default; toggles are on only when listed', () => {
    const barbarian = CLASSES.find((c) => c.id === 'barbarian')!;
    expect([...resolveOptions(barbarian, [])].sort()).toEqual(['berserker']);
    expect([...resolveOptions(barbarian, ['bear-totem'])].sort()).toEqual(['bear-totem']);
    expect([...resolveOptions(barbarian, undefined)].sort()).toEqual(['berserker', 'reckless']);
  });
});
