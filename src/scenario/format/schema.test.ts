// The scenario format's rules-depth fields: effects, effect actions, spells and slots, reactions,
// legendary and lair actions, traits and the resource policy. They load with defaults filled in,
// stay absent when not given (so older files give the same spec and the same request key), compile,
// and round-trip through the canonical document.

import { describe, expect, it } from 'vitest';
import { compileScenario, simulate } from '../../engine/index.ts';
import { toScenarioFile } from './canonical.ts';
import { loadScenarioJson, loadScenarioText } from './load.ts';
import { ScenarioError } from './errors.ts';

const cleric = {
  name: 'Cleric', hp: 38, ac: 18, level: 5, caster: 'full', saves: { con: 2, wis: 6 },
  actions: [
    { type: 'effect', name: 'Bless', target: 'allies', targets: 3, spell: { level: 1, concentration: true, upcastTargets: 1 },
      effect: { name: 'Bless', attackBonus: '1d4', saveBonus: '1d4' } },
    { type: 'attack', name: 'Mace', attacks: [{ toHit: 5, damage: '1d6+2' }] },
    { type: 'effect', name: 'Spiritual Weapon', slot: 'bonus', target: 'self', spell: { level: 2 },
      effect: { name: 'Spiritual Weapon', duration: { kind: 'rounds' }, extraDamage: '1d8', extraDamageType: 'force' } },
  ],
  reactions: [{ kind: 'shield', uses: { per: 'long-rest', count: 2 } }],
  tactics: 'auto',
};

const dragon = {
  name: 'Young Dragon', hp: 178, ac: 18, saveBonus: 3,
  legendary: { resistances: 3, actions: [{ cost: 2, action: { type: 'save', name: 'Wing Attack', dc: 19, ability: 'dex', damage: '2d6+8', targets: 3 } }] },
  lairActions: [{ type: 'effect', name: 'Tremor', target: 'enemies', targets: 2, save: { ability: 'dex', dc: 15 },
    effect: { name: 'Prone', duration: { kind: 'target-turn-start' }, conditions: ['prone'] } }],
  traits: { magicResistance: true, regeneration: 10, regenerationBlockedBy: ['fire'], conditionImmunities: ['frightened'] },
  effects: [{ name: 'Frightful Presence', attacksAgainst: 'disadvantage' }],
  actions: [
    { type: 'attack', name: 'Bite', attacks: [{ toHit: 11, damage: '2d10+7', damageType: 'piercing' }],
      effect: { name: 'Grappled', conditions: ['restrained'], saveEnds: true }, effectSave: { ability: 'str', dc: 17 } },
  ],
};

const doc = (over: Record<string, unknown> = {}) => ({
  format: 'encounter-lab/scenario', version: 1, name: 'Depth',
  party: [cleric, { name: 'Paladin', hp: 50, ac: 20, level: 6, caster: 'half',
    actions: [{ type: 'attack', name: 'Longsword', attacks: [{ toHit: 7, damage: '1d8+4', count: 2 }], smite: {} }] }],
  encounters: [{ enemies: [dragon] }],
  rules: { resourcePolicy: 'nova', tactics: 'in-order' },
  ...over,
});

describe('the rules-depth fields of the scenario format', () => {
  it('load with defaults filled in, and effect actions keep their place in the list', () => {
    const loaded = loadScenarioJson(doc());
    expect(loaded.warnings).toEqual([]);
    const c = loaded.spec.party[0];
    expect(c.actions.map((a) => a.name)).toEqual(['Mace']);
    expect(c.effectActions?.map((a) => [a.name, a.position])).toEqual([['Bless', 0], ['Spiritual Weapon', 1]]);
    expect(c.effectActions?.[0].effect).toEqual({ name: 'Bless', duration: { kind: 'rounds', rounds: 10 }, attackBonus: '1d4', saveBonus: '1d4' });
    expect(c.reactions).toEqual([{ kind: 'shield', uses: { per: 'long-rest', count: 2 } }]);
    expect(loaded.spec.party[1].actions[0]).toMatchObject({ smite: { damage: '2d8', upcast: '1d8', maxLevel: 4, damageType: 'radiant' } });
    expect(loaded.spec.rules).toMatchObject({ resourcePolicy: 'nova', tactics: 'in-order' });
    expect(c.tactics).toBe('auto');
    const d = loaded.spec.encounters[0].enemies[0];
    expect(d.legendary).toMatchObject({ perRound: 3, resistances: 3 });
    expect(d.legendary?.actions[0].cost).toBe(2);
    expect(d.traits).toEqual({ magicResistance: true, regeneration: 10, regenerationBlockedBy: ['fire'], conditionImmunities: ['frightened'] });
    expect(d.actions[0]).toMatchObject({ effect: { name: 'Grappled', conditions: ['restrained'], saveEnds: true }, effectSave: { ability: 'str', dc: 17 } });

    // The compiled creature: slots from the progression, actions in the order they were written.
    const compiled = compileScenario(loaded.spec);
    expect(compiled.party[0].actions.map((a) => a.name)).toEqual(['Bless', 'Mace', 'Spiritual Weapon']);
    expect(Array.from(compiled.party[0].slots)).toEqual([4, 3, 2, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(compiled.party[1].slots)).toEqual([4, 2, 0, 0, 0, 0, 0, 0, 0]);
    expect(compiled.encounters[0].enemies[0].actions.map((a) => a.name)).toEqual(['Bite', 'Wing Attack', 'Tremor']);
    expect(compiled.layout.encounters[0].enemyActions[0]).toEqual(['Bite', 'Wing Attack', 'Tremor']);
    const agg = simulate(compiled, 1, 200);
    expect(agg.runs).toBe(200);
  });

  it('stay absent when not given: an older file gives the same spec as before', () => {
    const loaded = loadScenarioJson({
      format: 'encounter-lab/scenario', version: 1,
      party: [{ name: 'Hero', hp: 20, ac: 15, actions: [{ type: 'attack', name: 'Sword', attacks: [{ toHit: 5, damage: '1d8+3' }] }] }],
      encounters: [{ enemies: [{ name: 'Goblin', hp: 7, ac: 15 }] }],
    });
    expect(Object.keys(loaded.spec.party[0]).sort()).toEqual([
      'ac', 'actions', 'conModifier', 'count', 'hitDice', 'hp', 'hpFormula', 'immunities', 'initiativeAdvantage', 'initiativeBonus',
      'kind', 'name', 'resistances', 'rollHp', 'saves', 'vulnerabilities',
    ]);
    expect(Object.keys(loaded.spec.party[0].actions[0]).sort()).toEqual(['attacks', 'condition', 'name', 'slot', 'targeting', 'type', 'uses']);
    expect(Object.keys(loaded.spec.rules).sort()).toEqual(['attackDowned', 'hitDicePolicy', 'roundCap']);
  });

  it('round-trip through the canonical document to an equal spec', () => {
    const original = loadScenarioJson(doc());
    const back = loadScenarioText(toScenarioFile('Depth', original.spec));
    expect(back.warnings).toEqual([]);
    expect(back.spec).toEqual(original.spec);
  });

  it('name the field of a bad value', () => {
    const bad = (over: Record<string, unknown>, pattern: RegExp) => {
      let error: unknown = null;
      try {
        loadScenarioJson(doc(over));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as Error).message).toMatch(pattern);
    };
    bad({ party: [{ ...cleric, level: undefined }] }, /party\[0\]\.level: is needed with "caster"/);
    bad({ party: [{ ...cleric, actions: [{ type: 'effect', name: 'X', target: 'foes', effect: { name: 'X' } }] }] }, /party\[0\]\.actions\[0\]\.target/);
    bad({ party: [{ ...cleric, effects: [{ name: 'X', conditions: ['sleepy'] }] }] }, /party\[0\]\.effects\[0\]\.conditions\[0\]/);
    bad({ party: [{ ...cleric, effects: [{ name: 'X', attackBonus: '1d' }] }] }, /party\[0\]\.effects\[0\]\.attackBonus/);
    // A save-ends effect with no save is caught by the compile check.
    bad({ party: [{ ...cleric, actions: [{ type: 'effect', name: 'Hold', target: 'enemies', effect: { name: 'Hold', conditions: ['paralyzed'], saveEnds: true } }] }] },
      /save-ends|a save ends/);
  });
});

describe('damage types on a hit and nonmagical resistance', () => {
  const werewolfDoc = (over: Record<string, unknown> = {}) => ({
    format: 'encounter-lab/scenario', version: 1, name: 'Werewolf',
    party: [{ name: 'Hero', hp: 40, ac: 16, actions: [{ type: 'attack', name: 'Sword', attacks: [{ toHit: 6, damage: '1d8+3', damageType: 'slashing' }] }] }],
    encounters: [{ enemies: [{
      name: 'Werewolf', hp: 58, ac: 12, nonmagicalImmunities: ['slashing', 'piercing', 'bludgeoning'],
      actions: [{ type: 'attack', name: 'Bite', attacks: [{ toHit: 4, damage: '1d8+2', damageType: 'piercing', extraDamage: [{ damage: '2d6', damageType: 'fire' }] }] }],
    }] }],
    ...over,
  });

  it('load, compile and round-trip; the party\'s weapons are nonmagical unless the rules say otherwise', () => {
    const loaded = loadScenarioJson(werewolfDoc(), 'test');
    const wolf = loaded.spec.encounters[0].enemies[0];
    expect(wolf.nonmagicalImmunities).toEqual(['slashing', 'piercing', 'bludgeoning']);
    expect(wolf.actions[0].type === 'attack' && wolf.actions[0].attacks[0].extraDamage).toEqual([{ damage: '2d6', damageType: 'fire' }]);
    expect(loaded.spec.rules.magicalWeapons).toBeUndefined();
    compileScenario(loaded.spec);
    const again = loadScenarioText(toScenarioFile(loaded.name, loaded.spec), 'again');
    expect(again.spec).toEqual(loaded.spec);
    // Nonmagical swords never hurt it; magical ones do.
    expect(simulate(loaded.spec, 1, 200).encounters[0].enemies[0].damageTaken).toBe(0);
    const magical = loadScenarioJson(werewolfDoc({ rules: { magicalWeapons: true } }), 'magic');
    expect(magical.spec.rules.magicalWeapons).toBe(true);
    expect(simulate(magical.spec, 1, 200).encounters[0].enemies[0].damageTaken).toBeGreaterThan(0);
  });

  it('a bad damage type in extra damage is named at its field', () => {
    const bad = werewolfDoc();
    (bad.encounters[0].enemies[0].actions[0].attacks[0].extraDamage as Array<Record<string, unknown>>)[0].damageType = 'lava';
    expect(() => loadScenarioJson(bad, 'bad')).toThrow(ScenarioError);
    expect(() => loadScenarioJson(bad, 'bad')).toThrow(/extraDamage\[0\]\.damageType/);
  });
});
