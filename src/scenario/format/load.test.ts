import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../engine/index.ts';
import { ScenarioError } from './errors.ts';
import { loadScenarioJson, loadScenarioText, migrateDocument, type Migration } from './load.ts';
import { minimalDocument, scenarioError } from './test-helpers.ts';

const text = (doc: unknown) => JSON.stringify(doc);

/** Sets a value at a path like ['party', 0, 'hp'] in a fresh copy of the minimal document. */
function withValue(path: Array<string | number>, value: unknown): Record<string, unknown> {
  const doc = minimalDocument();
  let at: Record<string | number, unknown> = doc;
  for (const seg of path.slice(0, -1)) at = at[seg] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return doc;
}

describe('loading our format', () => {
  it('fills every default to the engine shape', () => {
    const loaded = loadScenarioText(text(minimalDocument()), 'minimal.json');
    const expected: ScenarioSpec = {
      party: [{
        name: 'Hero', count: 1, kind: 'character', hp: 20, hpFormula: null, rollHp: false, ac: 15,
        initiativeBonus: 0, initiativeAdvantage: false,
        saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 },
        resistances: [], immunities: [], vulnerabilities: [], hitDice: null, conModifier: 0,
        actions: [{
          type: 'attack', name: 'Sword', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
          attacks: [{ toHit: 5, damage: '1d8+3', damageType: 'bludgeoning', count: 1, critOn: 20, reach: 'melee' }],
        }],
      }],
      encounters: [{
        name: 'Encounter 1',
        enemies: [{
          name: 'Goblin', count: 1, kind: 'monster', hp: 7, hpFormula: null, rollHp: false, ac: 15,
          initiativeBonus: 0, initiativeAdvantage: false,
          saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 },
          resistances: [], immunities: [], vulnerabilities: [], hitDice: null, conModifier: 0,
          actions: [{
            type: 'attack', name: 'Scimitar', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
            attacks: [{ toHit: 4, damage: '1d6+2', damageType: 'bludgeoning', count: 1, critOn: 20, reach: 'melee' }],
          }],
        }],
        shortRestBefore: false,
        surprise: 'none',
      }],
      rules: { roundCap: 100, attackDowned: 'when-none-standing', hitDicePolicy: 'to-half' },
    };
    expect(loaded.spec).toEqual(expected);
    expect(loaded.name).toBe('Minimal');
    expect(loaded.run).toEqual({});
    expect(loaded.source).toBe('encounter-lab');
    expect(loaded.warnings).toEqual([]);
  });

  it('defaults heal and save actions, and uses with a count', () => {
    const doc = withValue(['party', 0, 'actions'], [
      { type: 'heal', name: 'Cure', amount: '1d8+3', uses: { per: 'long-rest' } },
      { type: 'save', name: 'Breath', dc: 13, ability: 'DEX', damage: '2d6', uses: { per: 'recharge' } },
    ]);
    const [heal, save] = loadScenarioJson(doc).spec.party[0].actions;
    expect(heal).toEqual({
      type: 'heal', name: 'Cure', slot: 'action', uses: { per: 'long-rest', count: 1 }, condition: 'always',
      targeting: 'lowest-hp-fraction', amount: '1d8+3', targets: 1, temporary: false,
    });
    expect(save).toEqual({
      type: 'save', name: 'Breath', slot: 'action', uses: { per: 'recharge', min: 5 }, condition: 'always',
      targeting: 'lowest-hp', dc: 13, ability: 'dex', damage: '2d6', damageType: 'bludgeoning', onSuccess: 'half', targets: 1,
    });
  });

  it('fills saves from saveBonus, with per-ability values taking precedence', () => {
    const doc = withValue(['party', 0, 'saveBonus'], 2);
    (doc.party as Array<Record<string, unknown>>)[0].saves = { con: 5, wis: -1 };
    expect(loadScenarioJson(doc).spec.party[0].saves).toEqual({ str: 2, dex: 2, con: 5, int: 2, wis: -1, cha: 2 });
  });

  it('keeps the run settings and rules it is given', () => {
    const doc = { ...minimalDocument(), run: { runs: 5000, seed: 42 }, rules: { roundCap: 20, attackDowned: 'always' } };
    const loaded = loadScenarioJson(doc);
    expect(loaded.run).toEqual({ runs: 5000, seed: 42 });
    expect(loaded.spec.rules).toEqual({ roundCap: 20, attackDowned: 'always', hitDicePolicy: 'to-half' });
  });

  it('reports unknown keys as warnings, not errors', () => {
    const doc = withValue(['party', 0, 'speed'], 30);
    (doc as Record<string, unknown>).author = 'me';
    const loaded = loadScenarioJson(doc, 'extra.json');
    expect(loaded.spec.party[0].hp).toBe(20);
    expect(loaded.warnings).toEqual([
      'Unknown field "speed" in party[0] ignored.',
      'Unknown field "author" at the top level ignored.',
    ]);
  });

  it('reads a file without the envelope as the current version, with warnings', () => {
    const { format: _format, version: _version, ...bare } = minimalDocument();
    const loaded = loadScenarioJson(bare);
    expect(loaded.spec.party[0].name).toBe('Hero');
    expect(loaded.warnings).toEqual([
      'The file has no "format" field; it was read as an Encounter Lab scenario.',
      'The file has no "version" field; it was read as version 1.',
    ]);
  });

  it('accepts a byte order mark before the JSON', () => {
    expect(loadScenarioText(`\uFEFF${text(minimalDocument())}`).spec.party[0].ac).toBe(15);
  });

  it('does not share objects with the value it was given', () => {
    const doc = minimalDocument();
    const loaded = loadScenarioJson(doc);
    ((doc.party as Array<Record<string, unknown>>)[0]).hp = 999;
    expect(loaded.spec.party[0].hp).toBe(20);
  });
});

describe('bad input gives a ScenarioError naming the field and the problem', () => {
  it('wrong type', () => {
    const e = scenarioError(() => loadScenarioText(text(withValue(['party', 0, 'hp'], 'lots')), 'party.json'));
    expect(e.message).toBe('party.json: party[0].hp: must be a number, got text "lots"');
    expect(e.issues).toEqual([{ path: 'party[0].hp', message: 'must be a number, got text "lots"' }]);
  });

  it('negative HP', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['party', 0, 'hp'], -5), 'hero.json'));
    expect(e.message).toBe('hero.json: party[0].hp: must be at least 1, got -5');
  });

  it('a fractional AC', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['encounters', 0, 'enemies', 0, 'ac'], 12.5)));
    expect(e.message).toBe('input: encounters[0].enemies[0].ac: must be a whole number, got 12.5');
  });

  it('a missing required field', () => {
    const doc = minimalDocument();
    delete (doc.party as Array<Record<string, unknown>>)[0].ac;
    expect(scenarioError(() => loadScenarioJson(doc)).message).toBe('input: party[0].ac: is missing');
  });

  it('unknown action type', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['party', 0, 'actions', 0, 'type'], 'buff')));
    expect(e.message).toBe('input: party[0].actions[0].type: unknown type "buff"; expected attack, save, heal or effect');
  });

  it('an unknown enum value', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['party', 0, 'actions', 0, 'targeting'], 'weakest')));
    expect(e.message).toBe(
      'input: party[0].actions[0].targeting: must be one of lowest-hp, highest-hp, highest-damage, lowest-ac or random, got "weakest"');
  });

  it('an unknown kind of uses', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['party', 0, 'actions', 0, 'uses'], { per: 'daily' })));
    expect(e.message).toBe('input: party[0].actions[0].uses.per: must be one of at-will, encounter, short-rest, long-rest or recharge, got "daily"');
  });

  it('all problems are listed, at most 20, and the message counts the others', () => {
    const doc = minimalDocument();
    const party = doc.party as Array<Record<string, unknown>>;
    party[0].hp = 0;
    party[0].ac = 99;
    party[0].name = '';
    const e = scenarioError(() => loadScenarioJson(doc));
    expect(e.issues).toEqual([
      { path: 'party[0].name', message: 'must not be empty' },
      { path: 'party[0].hp', message: 'must be at least 1, got 0' },
      { path: 'party[0].ac', message: 'must be at most 50, got 99' },
    ]);
    expect(e.message).toBe('input: party[0].name: must not be empty (and 2 more problems)');

    const many = minimalDocument();
    many.party = Array.from({ length: 40 }, (_, i) => ({ name: `Hero ${i}`, hp: -1, ac: 10 }));
    const e2 = scenarioError(() => loadScenarioJson(many));
    expect(e2.issues).toHaveLength(20);
    expect(e2.message).toBe('input: party[0].hp: must be at least 1, got -1 (and 19 more problems)');
  });

  it('a 10 MB string', () => {
    const e = scenarioError(() => loadScenarioText('x'.repeat(10 * 1024 * 1024), 'huge.json'));
    expect(e.message).toBe('huge.json: is 10.0 MB, over the 5.0 MB limit for a scenario');
    // Inside valid JSON, and as a value handed over directly.
    const inJson = `{"name":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    expect(scenarioError(() => loadScenarioText(inJson)).message).toBe('input: is 10.0 MB, over the 5.0 MB limit for a scenario');
    const e3 = scenarioError(() => loadScenarioJson({ ...minimalDocument(), name: 'a'.repeat(10 * 1024 * 1024) }));
    expect(e3.message).toBe('input: is larger than the 5.0 MB limit for a scenario');
  });

  it('a long name is refused with its length', () => {
    const e = scenarioError(() => loadScenarioJson({ ...minimalDocument(), name: 'n'.repeat(300) }));
    expect(e.message).toBe('input: name: is 300 characters long, more than the limit of 200');
  });

  it('nesting 10,000 deep, as text and as a value, without overflowing the stack', () => {
    const deepText = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(scenarioError(() => loadScenarioText(deepText, 'deep.json')).message)
      .toBe('deep.json: nests deeper than 64 levels (at line 1, column 65)');
    const deepInName = `{"format":"encounter-lab/scenario","party":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    expect(scenarioError(() => loadScenarioText(deepInName)).message).toMatch(/^input: nests deeper than 64 levels \(at line 1, column \d+\)$/);
    let value: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) value = { a: value };
    const e = scenarioError(() => loadScenarioJson(value));
    expect(e.message).toBe(`input: ${Array.from({ length: 64 }, () => 'a').join('.')}: nests deeper than 64 levels`);
    // A cycle is caught by the same depth limit.
    const cyclic: Record<string, unknown> = { format: 'encounter-lab/scenario' };
    cyclic.self = cyclic;
    expect(scenarioError(() => loadScenarioJson(cyclic)).message).toMatch(/: nests deeper than 64 levels$/);
  });

  it('brackets inside strings do not count as nesting', () => {
    const doc = { ...minimalDocument(), name: '['.repeat(200) };
    expect(loadScenarioText(text(doc)).name).toBe('['.repeat(200));
  });

  it('__proto__, constructor and prototype keys, without polluting Object.prototype', () => {
    const polluting = '{"format":"encounter-lab/scenario","version":1,"party":[{"__proto__":{"polluted":true},"name":"x","hp":1,"ac":1}],"encounters":[]}';
    const e = scenarioError(() => loadScenarioText(polluting, 'evil.json'));
    expect(e.message).toBe('evil.json: party[0].__proto__: the key "__proto__" is not allowed in a scenario (it could alter object prototypes)');
    expect(scenarioError(() => loadScenarioJson(JSON.parse(polluting))).issues[0].path).toBe('party[0].__proto__');
    expect(scenarioError(() => loadScenarioText('{"constructor":{"prototype":{"polluted":true}}}')).message)
      .toBe('input: constructor: the key "constructor" is not allowed in a scenario (it could alter object prototypes)');
    expect(scenarioError(() => loadScenarioText('{"rules":{"prototype":1}}')).issues[0].path).toBe('rules.prototype');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('a bad dice expression is quoted', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['party', 0, 'actions', 0, 'attacks', 0, 'damage'], '2d6+')));
    expect(e.issues[0].path).toBe('party[0].actions[0].attacks[0].damage');
    expect(e.message).toBe('input: party[0].actions[0].attacks[0].damage: Dice expression "2d6+" is not valid: expected a number or dice after the sign at position 5');
  });

  it('hit dice must be plain dice', () => {
    const e = scenarioError(() => loadScenarioJson(withValue(['party', 0, 'hitDice'], '5d10+2')));
    expect(e.message).toBe('input: party[0].hitDice: hit dice must look like "5d10", got "5d10+2"');
  });

  it('a future version', () => {
    const e = scenarioError(() => loadScenarioJson({ ...minimalDocument(), version: 7 }, 'new.json'));
    expect(e.message).toBe('new.json: version: is 7: the file was written by a newer Encounter Lab, and this one reads scenario versions up to 1; update the app to open it');
  });

  it('an unknown version or format', () => {
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), version: 0 })).message)
      .toBe('input: version: is 0, which is not a known scenario version (expected a whole number from 1 to 1)');
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), version: '1' })).message)
      .toBe('input: version: is "1", which is not a known scenario version (expected a whole number from 1 to 1)');
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), format: 'excalidraw' })).message)
      .toBe('input: format: is "excalidraw", not an Encounter Lab scenario (expected "encounter-lab/scenario")');
  });

  it('text that is not JSON', () => {
    const e = scenarioError(() => loadScenarioText('{"party": [', 'broken.json'));
    expect(e.message.startsWith('broken.json is not valid JSON: ')).toBe(true);
    expect(e.message.length).toBeGreaterThan('broken.json is not valid JSON: '.length);
    expect(scenarioError(() => loadScenarioText('')).message.startsWith('input is not valid JSON: ')).toBe(true);
  });

  it('JSON that is not a scenario', () => {
    expect(scenarioError(() => loadScenarioText('[1,2]')).message)
      .toBe('input: must be a JSON object (an Encounter Lab scenario or a BattleSim save), got a list');
    expect(scenarioError(() => loadScenarioText('{"hello":1}')).message)
      .toBe('input: is neither an Encounter Lab scenario (no "format": "encounter-lab/scenario") nor a BattleSim save (no "players" with "encounters" or "timeline")');
  });

  it('values JSON cannot hold', () => {
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), name: NaN })).message).toBe('input: name: is NaN, not a finite number');
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), when: new Date(0) })).message).toBe('input: when: is a Date, not plain JSON data');
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), f: () => 1 })).message).toBe('input: f: is a function, which JSON cannot hold');
    expect(scenarioError(() => loadScenarioJson(undefined)).message).toBe('input: is undefined, which JSON cannot hold');
  });

  it('more than 100 combatants on a side once counts are expanded', () => {
    const doc = withValue(['encounters', 0, 'enemies', 0, 'count'], 80);
    const enemies = (doc.encounters as Array<{ enemies: unknown[] }>)[0].enemies;
    enemies.push({ name: 'Orc', count: 30, hp: 15, ac: 13 });
    expect(scenarioError(() => loadScenarioJson(doc)).message)
      .toBe('input: encounters[0].enemies: has 110 combatants once each count is expanded, more than the limit of 100');
  });

  it('too many encounters and actions', () => {
    const doc = minimalDocument();
    doc.encounters = Array.from({ length: 51 }, () => (minimalDocument().encounters as unknown[])[0]);
    expect(scenarioError(() => loadScenarioJson(doc)).message).toBe('input: encounters: has 51 entries, more than the limit of 50');
    const actions = Array.from({ length: 31 }, (_, i) => ({ type: 'attack', name: `A${i}`, attacks: [{ toHit: 1, damage: '1' }] }));
    expect(scenarioError(() => loadScenarioJson(withValue(['party', 0, 'actions'], actions))).message)
      .toBe('input: party[0].actions: has 31 entries, more than the limit of 30');
  });

  it('an empty party and an encounter without enemies', () => {
    expect(scenarioError(() => loadScenarioJson({ ...minimalDocument(), party: [] })).message).toBe('input: party: needs at least 1 entry');
    expect(scenarioError(() => loadScenarioJson(withValue(['encounters', 0, 'enemies'], []))).message)
      .toBe('input: encounters[0].enemies: needs at least 1 entry');
  });

  it('an unexpected error inside a getter is still a ScenarioError', () => {
    const doc = minimalDocument();
    Object.defineProperty(doc, 'name', { enumerable: true, get: () => { throw new TypeError('boom'); } });
    expect(scenarioError(() => loadScenarioJson(doc)).message).toBe('input: could not be loaded because of an unexpected error (boom)');
  });
});

describe('migrations', () => {
  it('applies each step from the file version to the current one, in order', () => {
    const steps: Record<number, Migration> = {
      1: (doc) => ({ ...doc, party: 'renamed in 2', log: ['1->2'] }),
      2: (doc) => ({ ...doc, log: [...(doc.log as string[]), '2->3'] }),
    };
    const out = migrateDocument({ format: 'encounter-lab/scenario', version: 1 }, 'old.json', steps, 3);
    expect(out).toEqual({ format: 'encounter-lab/scenario', version: 3, party: 'renamed in 2', log: ['1->2', '2->3'] });
  });

  it('refuses a version with no migration path', () => {
    const e = scenarioError(() => migrateDocument({ format: 'encounter-lab/scenario', version: 1 }, 'old.json', {}, 2));
    expect(e.message).toBe('old.json: version: is 1, and there is no migration from version 1 to 2');
  });

  it('leaves a current document as it is', () => {
    const doc = minimalDocument();
    expect(migrateDocument(doc, 'x')).toBe(doc);
  });
});

describe('the loader never throws anything but a ScenarioError', () => {
  const check = (load: () => unknown) => {
    try {
      load();
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      expect(e.message.length).toBeLessThan(1000);
      expect(e.issues.length).toBeGreaterThan(0);
    }
  };

  it('arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => check(() => loadScenarioJson(value))), { numRuns: 500 });
  });

  it('arbitrary strings and JSON texts', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (s) => check(() => loadScenarioText(s))), { numRuns: 500 });
  });

  it('a valid document with one value replaced by arbitrary JSON', () => {
    const leaves: Array<Array<string | number>> = [];
    const walk = (v: unknown, path: Array<string | number>) => {
      leaves.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(minimalDocument(), []);
    const replace = fc.tuple(fc.integer({ min: 1, max: leaves.length - 1 }), fc.jsonValue());
    fc.assert(fc.property(replace, ([index, value]) => check(() => loadScenarioJson(withValue(leaves[index], value)))), { numRuns: 500 });
  });
});
