import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileScenario, DEFAULT_RULES, type AttackAction, type CreatureSpec, type SaveAction } from '../../../engine/index.ts';
import { toScenarioDocument } from '../../format/canonical.ts';
import { loadScenarioJson } from '../../format/load.ts';
import { compactMonster, expandMonster, storedMonster } from './compact.ts';
import { CompendiumError, compendiumFromData, creatureFrom, loadCompendium } from './compendium.ts';
import { withoutSummons } from '../summons.ts';
import type { CompendiumMonster } from './types.ts';

const party: CreatureSpec = {
  name: 'Fighter', count: 1, kind: 'character', hp: 44, hpFormula: null, rollHp: false, ac: 18, initiativeBonus: 1,
  initiativeAdvantage: false, saves: { str: 6, dex: 1, con: 5, int: 0, wis: 1, cha: 0 }, resistances: [], immunities: [],
  vulnerabilities: [], hitDice: '5d10', conModifier: 3,
  actions: [{
    name: 'Longsword', type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
    attacks: [{ toHit: 7, damage: '1d8+4', damageType: 'slashing', count: 2, critOn: 20, reach: 'melee' }],
  }],
};

async function monster(id: string): Promise<CompendiumMonster> {
  const m = (await loadCompendium()).byId(id);
  if (!m) throw new Error(`${id} is not in the compendium`);
  return m;
}

function action<T extends CreatureSpec['actions'][number]>(m: CompendiumMonster, name: string): T {
  const a = m.creature.actions.find((x) => x.name === name);
  if (!a) throw new Error(`${m.name} has no action ${name}: ${m.creature.actions.map((x) => x.name).join(', ')}`);
  return a as T;
}

describe('the SRD compendium', () => {
  it('loads all 334 monsters once, with its licence, and none fails the schema', async () => {
    const first = loadCompendium();
    expect(loadCompendium()).toBe(first);
    const c = await first;
    expect(c.monsters).toHaveLength(334);
    expect(c.header).toMatchObject({ source: 'SRD 5.1', licence: 'CC-BY-4.0', count: 334 });
    expect(c.header.attribution).toMatch(/System Reference Document 5\.1/);
    expect(c.problems).toEqual([]);
    expect(new Set(c.monsters.map((m) => m.id)).size).toBe(334);
    const names = c.monsters.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('compiles every monster in a one-monster scenario against a party', async () => {
    const c = await loadCompendium();
    const refused: string[] = [];
    for (const m of c.monsters) {
      try {
        compileScenario({
          party: [party],
          encounters: [{ name: m.name, enemies: [creatureFrom(m)], shortRestBefore: false, surprise: 'none' }],
          rules: DEFAULT_RULES,
        });
      } catch (e) {
        refused.push(`${m.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('is accepted, unchanged, by the scenario file format', async () => {
    const c = await loadCompendium();
    const monsters = [...c.monsters];
    for (let from = 0; from < monsters.length; from += 50) {
      const encounters = monsters.slice(from, from + 50).map((m) => ({ name: m.name, enemies: [creatureFrom(m)], shortRestBefore: false, surprise: 'none' as const }));
      const spec = { party: [party], encounters, rules: DEFAULT_RULES };
      const loaded = loadScenarioJson(toScenarioDocument('Compendium check', spec), 'compendium');
      // Only the monsters with no action at all (a frog, a shrieker) draw a warning.
      expect(loaded.warnings.filter((w) => !/has no actions/.test(w))).toEqual([]);
      expect(loaded.spec.encounters).toEqual(encounters);
    }
  });

  it('has the Goblin field by field', async () => {
    const g = await monster('goblin');
    expect(g).toMatchObject({
      name: 'Goblin', size: 'Small', type: 'humanoid', subtype: 'goblinoid', cr: 0.25, crText: '1/4', xp: 50,
      ac: 15, hp: 7, hitDice: '2d6', abilities: { str: 8, dex: 14, con: 10, int: 10, wis: 8, cha: 8 },
      saves: { str: -1, dex: 2, con: 0, int: 0, wis: -1, cha: -1 }, legendary: null, traits: ['Nimble Escape'],
      resistances: [], immunities: [], vulnerabilities: [], conditionImmunities: [],
    });
    expect(g.creature).toMatchObject({
      name: 'Goblin', count: 1, kind: 'monster', hp: 7, hpFormula: '2d6', rollHp: false, ac: 15, initiativeBonus: 2,
      conModifier: 0, hitDice: null,
    });
    expect(action<AttackAction>(g, 'Scimitar').attacks).toEqual([{ toHit: 4, damage: '1d6+2', damageType: 'slashing', count: 1, critOn: 20, reach: 'melee' }]);
    expect(action<AttackAction>(g, 'Shortbow').attacks).toEqual([{ toHit: 4, damage: '1d6+2', damageType: 'piercing', count: 1, critOn: 20, reach: 'ranged' }]);
    expect(g.notModelled).toEqual([]);
    expect(g.approximations).toEqual([expect.stringMatching(/^Nimble Escape: Disengage or Hide as a bonus action counted as nothing/)]);
  });

  it('has the Adult Red Dragon: legendary facts, Fire Breath and the Multiattack', async () => {
    const d = await monster('adult-red-dragon');
    expect(d).toMatchObject({ ac: 19, hp: 256, hitDice: '19d12', cr: 17, xp: 18000, immunities: ['fire'] });
    expect(d.creature.hpFormula).toBe('19d12+133');
    expect(d.saves).toEqual({ str: 8, dex: 6, con: 13, int: 3, wis: 7, cha: 11 });
    expect(d.legendary).toEqual({
      actionsPerRound: 3,
      resistancePerDay: 3,
      actions: [{ name: 'Detect', cost: 1 }, { name: 'Tail Attack', cost: 1 }, { name: 'Wing Attack', cost: 2 }],
    });
    expect(d.traits).toContain('Legendary Resistance (3/Day)');
    expect(action<SaveAction>(d, 'Fire Breath')).toMatchObject({
      type: 'save', uses: { per: 'recharge', min: 5 }, dc: 21, ability: 'dex', damage: '18d6', damageType: 'fire',
      onSuccess: 'half', targets: 3,
    });
    const multi = action<AttackAction>(d, 'Multiattack');
    expect(multi.attacks).toEqual([
      { toHit: 14, damage: '2d10+8', damageType: 'piercing', count: 1, critOn: 20, reach: 'melee', extraDamage: [{ damage: '2d6', damageType: 'fire' }] },
      { toHit: 14, damage: '2d6+8', damageType: 'slashing', count: 2, critOn: 20, reach: 'melee' },
    ]);
    // The breath weapon is tried first whenever it is charged, then the Multiattack before single attacks.
    expect(d.creature.actions.map((a) => a.name)).toEqual(['Fire Breath', 'Multiattack', 'Bite', 'Claw', 'Tail']);
    expect(d.notModelled).toEqual([]);
    expect(d.approximations).toEqual(['Fire Breath: area effect, assumed to catch 3 targets', 'Wing Attack: area effect, assumed to catch 3 targets']);
  });

  it('runs the Wolf as written: Pack Tactics and knocking prone', async () => {
    const w = await monster('wolf');
    expect(w.traits).toContain('Pack Tactics');
    expect(w.notModelled).toEqual([]);
    expect(w.approximations).toEqual([]);
    expect(action<AttackAction>(w, 'Bite').attacks[0]).toMatchObject({ toHit: 4, damage: '2d4+2', damageType: 'piercing' });
  });

  it('has the Troll with Regeneration 10 and bite plus two claws', async () => {
    const t = await monster('troll');
    expect(t.regeneration).toBe(10);
    expect(t.traits).toContain('Regeneration');
    expect(action<AttackAction>(t, 'Multiattack').attacks.map((a) => [a.damage, a.count])).toEqual([['1d6+4', 1], ['2d6+4', 2]]);
  });

  it('takes the first option of a Multiattack choice and says so', async () => {
    const b = await monster('bandit-captain');
    expect(action<AttackAction>(b, 'Multiattack').attacks.map((a) => [a.damage, a.count])).toEqual([['1d6+3', 2], ['1d4+3', 1]]);
    expect(b.approximations).toContain('Multiattack: uses Scimitar \u00d72, Dagger; not Dagger \u00d72');
    expect(b.creature.reactions).toEqual([{ kind: 'parry', acBonus: 2, uses: { per: 'at-will' } }]);
  });

  it('maps immunity to nonmagical weapons onto the engine\'s nonmagical immunities, with a note on silver', async () => {
    const w = await monster('werewolf-human');
    expect(w.immunities).toEqual([]);
    expect(w.creature.nonmagicalImmunities).toEqual(['bludgeoning', 'piercing', 'slashing']);
    expect(w.approximations.some((n) => n.startsWith('Immunity to bludgeoning, piercing and slashing from nonmagical weapons'))).toBe(true);
  });

  it('reads per-day uses, healing and spellcasting', async () => {
    const deva = await monster('deva');
    expect(action(deva, 'Healing Touch')).toMatchObject({ type: 'heal', amount: '4d8+2', uses: { per: 'long-rest', count: 3 }, condition: 'ally-below-half' });
    const lich = await monster('lich');
    expect(lich.creature.actions.some((a) => a.spell !== undefined)).toBe(true);
    expect(lich.legendary?.resistancePerDay).toBe(3);
  });

  it('never carries description prose', async () => {
    const c = await loadCompendium();
    const text = JSON.stringify(c.monsters);
    for (const fragment of ['Melee Weapon Attack', 'exhales', 'saving throw, taking', 'The goblin can take']) {
      expect(text).not.toContain(fragment);
    }
  });

  it('restores every entry exactly from its compact stored form', async () => {
    const c = await loadCompendium();
    const changed = c.monsters.filter((m) => {
      const stored = JSON.parse(JSON.stringify(compactMonster(m))) as unknown;
      // Summons are attached by name when the bestiary loads, not stored.
      return !isDeepStrictEqual(expandMonster(storedMonster.parse(stored)), withoutSummons(m));
    });
    expect(changed.map((m) => m.id)).toEqual([]);
  });
});

describe('searching the compendium', () => {
  it('finds by name, exact and prefix matches first', async () => {
    const c = await loadCompendium();
    expect(c.search('goblin')[0].name).toBe('Goblin');
    expect(c.search('GOB').map((m) => m.name)).toEqual(['Goblin', 'Hobgoblin']);
    const red = c.search('red dragon').map((m) => m.name);
    expect(red).toEqual(expect.arrayContaining(['Adult Red Dragon', 'Ancient Red Dragon', 'Young Red Dragon', 'Red Dragon Wyrmling']));
    expect(c.search('wolf')[0].name).toBe('Wolf');
    expect(c.search('zzzz')).toEqual([]);
  });

  it('filters by challenge rating and type', async () => {
    const c = await loadCompendium();
    const dragons = c.search('', { type: 'Dragon', crMin: 10, crMax: 20 });
    expect(dragons.length).toBeGreaterThan(5);
    for (const m of dragons) {
      expect(m.type).toBe('dragon');
      expect(m.cr).toBeGreaterThanOrEqual(10);
      expect(m.cr).toBeLessThanOrEqual(20);
    }
    expect(c.search('', { crMax: 0.25 }).every((m) => m.cr <= 0.25)).toBe(true);
    expect(c.search('', { limit: 5 })).toHaveLength(5);
    expect(c.search('')).toHaveLength(334);
    expect(c.types).toContain('dragon');
  });

  it('hands out copies: the compendium itself cannot be changed', async () => {
    const c = await loadCompendium();
    const g = c.byId('goblin')!;
    const copy = creatureFrom(g, 4);
    copy.hp = 99;
    expect(copy.count).toBe(4);
    expect(g.creature.hp).toBe(7);
    expect(() => {
      (g.creature as { hp: number }).hp = 1;
    }).toThrow(TypeError);
    expect(c.byId('no-such-monster')).toBeUndefined();
  });
});

describe('reading a compendium file', () => {
  it('refuses an unknown header with a clear message', () => {
    expect(() => compendiumFromData({ header: { format: 'other' }, monsters: [] })).toThrow(CompendiumError);
    expect(() => compendiumFromData({ header: { format: 'other' }, monsters: [] })).toThrow(/unexpected header \(header\.format/);
    expect(() => compendiumFromData(null)).toThrow(/could not be read/);
  });

  it('skips a broken record and says which', () => {
    const header = { format: 'encounter-lab/srd-compendium', version: 1, source: 'SRD 5.1', licence: 'CC-BY-4.0', generatedFrom: 'x', count: 2 };
    const good = { id: 'a', name: 'A', cr: 1, ac: 12, hp: 9, hitDice: '2d8', abilities: [10, 10, 10, 10, 10, 10] };
    const c = compendiumFromData({ header, monsters: [good, { id: 'b', name: 'B', cr: 1, ac: 'high' }] });
    expect(c.monsters.map((m) => m.id)).toEqual(['a']);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatch(/^monsters\[1\] \(B\): ac/);
    expect(c.byId('a')!.creature).toMatchObject({ hp: 9, hpFormula: '2d8', actions: [] });
    expect(c.byId('a')!.xp).toBe(200);
  });
});
