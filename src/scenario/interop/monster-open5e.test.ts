// The Open5e API v2 creature import. The API nests what the reference export (../shared, not part of
// a user's clone: those checks skip with a message when it is absent) keeps in joined tables, so the
// fixtures are the export's rows of a few creatures nested as the API serves them, with the value
// variations the API has (objects for keys, numbers as text); each must convert exactly as the SRD
// 5.2 compendium converts the joined rows. The SRD 5.1 shape (2014 text) is hand-written.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttackAction, SaveAction } from '../../engine/index.ts';
import { simulationProblem } from '../content/srd/stat-block.ts';
import { convertSrd2024Creature } from '../content/srd-2024/convert.ts';
import { joinSrd2024 } from '../content/srd-2024/source.ts';
import { importMonsters, monsterFormat } from './monster-import.ts';
import { convertOpen5eCreature, isOpen5eCreature } from './monster-open5e.ts';

const folder = fileURLToPath(new URL('../../../../shared/reference/srd-2024/', import.meta.url));
const hasReference = existsSync(`${folder}Creature.json`);
if (!hasReference) console.info(`Skipping the Open5e import checks against the SRD 5.2 export: ${folder} is absent (it is not part of the project).`);

type Row = { pk: string; fields: Record<string, unknown> };
const read = (name: string): Row[] => JSON.parse(readFileSync(`${folder}${name}`, 'utf8')) as Row[];
const tables = hasReference
  ? { creatures: read('Creature.json'), actions: read('CreatureAction.json'), attacks: read('CreatureActionAttack.json'), traits: read('CreatureTrait.json') }
  : { creatures: [], actions: [], attacks: [], traits: [] };
const ABILITIES = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'];
const asObject = (key: unknown) => ({ key, name: typeof key === 'string' ? key[0].toUpperCase() + key.slice(1) : key, url: `https://example.invalid/${String(key)}/` });

/** The export's rows of one creature nested as the API v2 serves it. */
function apiCreature(pk: string): Record<string, unknown> {
  const row = tables.creatures.find((c) => c.pk === pk);
  if (!row) throw new Error(`${pk} is not in the reference`);
  const f = row.fields;
  const withoutParent = (fields: Record<string, unknown>): Record<string, unknown> => {
    const { parent: _parent, ...rest } = fields;
    return rest;
  };
  return {
    url: `https://example.invalid/v2/creatures/${pk}/`,
    key: pk, name: f.name, document: { key: f.document, name: 'System Reference Document 5.2' },
    size: asObject(f.size), type: asObject(f.type), alignment: f.alignment,
    armor_class: f.armor_class, hit_points: String(f.hit_points), hit_dice: f.hit_dice, initiative_bonus: f.initiative_bonus,
    ability_scores: Object.fromEntries(ABILITIES.map((ab) => [ab, f[`ability_score_${ab}`]])),
    saving_throws_all: Object.fromEntries(ABILITIES.map((ab) => [ab, f[`saving_throw_${ab}`]])),
    challenge_rating_decimal: f.challenge_rating, challenge_rating_text: '?',
    resistances_and_immunities: {
      damage_immunities: (f.damage_immunities as string[]).map(asObject),
      damage_resistances: (f.damage_resistances as string[]).map(asObject),
      damage_vulnerabilities: f.damage_vulnerabilities,
      condition_immunities: (f.condition_immunities as string[]).map(asObject),
    },
    blindsight_range: f.blindsight_range, truesight_range: f.truesight_range,
    actions: tables.actions.filter((a) => a.fields.parent === pk).map((a) => ({
      ...withoutParent(a.fields), key: a.pk,
      attacks: tables.attacks.filter((k) => k.fields.parent === a.pk).map((k) => ({
        ...withoutParent(k.fields), damage_die_type: typeof k.fields.damage_die_type === 'string' ? k.fields.damage_die_type.toLowerCase() : null,
        to_hit_mod: k.fields.to_hit_mod === null ? null : `+${String(k.fields.to_hit_mod)}`, extra_damage_type: k.fields.extra_damage_type ? asObject(k.fields.extra_damage_type) : null,
      })),
    })),
    traits: tables.traits.filter((t) => t.fields.parent === pk).map((t) => ({ name: t.fields.name, desc: t.fields.desc })),
  };
}

function compendiumEntry(pk: string) {
  const [joined] = joinSrd2024({ ...tables, creatures: tables.creatures.filter((c) => c.pk === pk) });
  return convertSrd2024Creature(joined).entry;
}

const PICKED = ['srd-2024_adult-red-dragon', 'srd-2024_goblin-warrior', 'srd-2024_mage'];

describe.skipIf(!hasReference)('Open5e API v2 creatures of the SRD 5.2', () => {
  it.each(PICKED)('%s converts as the compendium converts it', (pk) => {
    const api = apiCreature(pk);
    expect(monsterFormat(api)).toBe('open5e');
    const result = importMonsters(JSON.stringify(api));
    expect(result.problems).toEqual([]);
    expect(result.monsters).toHaveLength(1);
    expect(result.monsters[0].notes).toEqual([]);
    expect(result.monsters[0].entry).toEqual(compendiumEntry(pk));
  });

  it('reads a page of /v2/creatures/ with its results', () => {
    const page = { count: 3, next: null, previous: null, results: PICKED.map(apiCreature) };
    const result = importMonsters(JSON.stringify(page));
    expect(result.problems).toEqual([]);
    expect(result.monsters.map((m) => m.entry.name)).toEqual(['Adult Red Dragon', 'Goblin Warrior', 'Mage']);
    const dragon = result.monsters[0].entry;
    expect(dragon).toMatchObject({ cr: 17, ac: 19, hp: 256, immunities: ['fire'] });
    expect(dragon.creature.initiativeBonus).toBe(12);
    expect(dragon.creature.legendary?.resistances).toBe(3);
    const breath = dragon.creature.actions.find((a): a is SaveAction => a.type === 'save' && /breath/i.test(a.name));
    expect(breath).toMatchObject({ dc: 21, ability: 'dex', damage: '17d6', damageType: 'fire', onSuccess: 'half', uses: { per: 'recharge', min: 5 } });
  });

  it('names a creature by its key when the name is missing, and keeps the key as its id', () => {
    const { name: _name, ...unnamed } = apiCreature('srd-2024_goblin-warrior');
    const { entry } = convertOpen5eCreature(unnamed);
    expect(entry.name).toBe('Goblin Warrior');
    expect(entry.id).toBe('goblin-warrior');
    const scimitar = entry.creature.actions.find((a): a is AttackAction => a.type === 'attack' && a.name === 'Scimitar');
    expect(scimitar?.attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'slashing' });
  });
});

// A hand-written SRD 5.1 creature as the API serves the `srd-2014` document: the 2014 stat-block text.
const orc2014 = {
  key: 'srd_orc', name: 'Orc', document: { key: 'srd-2014', name: 'System Reference Document 5.1' },
  size: { key: 'medium', name: 'Medium' }, type: { key: 'humanoid', name: 'Humanoid' },
  armor_class: '13', hit_points: 15, hit_dice: '2d8+6', challenge_rating_decimal: '0.500',
  ability_scores: { strength: 16, dexterity: 12, constitution: 16, intelligence: 7, wisdom: 11, charisma: 10 },
  saving_throws: {},
  resistances_and_immunities: { damage_immunities: [], damage_resistances: [], damage_vulnerabilities: [], condition_immunities: [] },
  actions: [
    {
      name: 'Greataxe', action_type: 'ACTION', desc: 'Melee Weapon Attack: +5 to hit, reach 5 ft., one target. Hit: 9 (1d12 + 3) slashing damage.',
      uses_type: null, uses_param: null, legendary_action_cost: null,
      attacks: [{ name: 'Greataxe attack', to_hit_mod: 5, damage_die_count: 1, damage_die_type: 'D12', damage_bonus: 3, damage_type: { key: 'slashing' }, reach: 5 }],
    },
    {
      name: 'Javelin', action_type: 'ACTION', desc: 'Melee or Ranged Weapon Attack: +5 to hit, reach 5 ft. or range 30/120 ft., one target. Hit: 6 (1d6 + 3) piercing damage.',
      attacks: [{ to_hit_mod: '5', damage_die_count: '1', damage_die_type: 'D6', damage_bonus: '3', damage_type: 'piercing' }],
    },
    {
      name: 'Spit Fire', action_type: 'Action', uses_type: 'RECHARGE_ON_ROLL', uses_param: '6',
      desc: 'The orc spits fire in a 15-foot cone. Each creature in that area must make a DC 13 Dexterity saving throw, taking 14 (4d6) fire damage on a failed save, or half as much damage on a successful one.',
    },
  ],
  traits: [{ name: 'Aggressive', desc: 'As a bonus action, the orc can move up to its speed toward a hostile creature that it can see.' }],
};

describe('Open5e API v2 creatures of the SRD 5.1 (2014 text)', () => {
  it('reads attacks from the attack table and the text, and saves from the text', () => {
    expect(isOpen5eCreature(orc2014)).toBe(true);
    const result = importMonsters(JSON.stringify(orc2014));
    expect(result.problems).toEqual([]);
    const { entry } = result.monsters[0];
    expect(entry).toMatchObject({ id: 'orc', name: 'Orc', size: 'Medium', type: 'humanoid', cr: 0.5, ac: 13, hp: 15, hitDice: '2d8' });
    const attacks = entry.creature.actions.filter((a): a is AttackAction => a.type === 'attack');
    expect(attacks.map((a) => [a.name, a.attacks[0].toHit, a.attacks[0].damage, a.attacks[0].damageType])).toEqual([
      ['Greataxe', 5, '1d12+3', 'slashing'], ['Javelin', 5, '1d6+3', 'piercing'],
    ]);
    const spit = entry.creature.actions.find((a): a is SaveAction => a.type === 'save');
    expect(spit).toMatchObject({ name: 'Spit Fire', dc: 13, ability: 'dex', damage: '4d6', damageType: 'fire', onSuccess: 'half', uses: { per: 'recharge', min: 6 } });
  });
});

describe('what the Open5e import refuses or notes', () => {
  const base = { ...orc2014 };
  it('refuses a creature without usable hit points or armor class, naming the field', () => {
    const { hit_points: _hp, ...noHp } = base;
    expect(importMonsters(JSON.stringify(noHp)).problems).toEqual(['The monster (Orc): could not be converted (hit_points: missing)']);
    expect(importMonsters(JSON.stringify({ ...base, armor_class: 'heavy' })).problems)
      .toEqual(['The monster (Orc): could not be converted (armor_class: "heavy" is not an armor class)']);
    expect(importMonsters(JSON.stringify({ ...base, name: '', key: '' })).problems[0]).toMatch(/name: missing, and no key/);
  });

  it('notes values it cannot read, with their path, and keeps the rest', () => {
    const odd = {
      ...base,
      initiative_bonus: 'quick',
      traits: 'none',
      actions: [{ ...base.actions[2], uses_param: 'often', action_type: 'FREE_ACTION' }, 'Bite', { desc: 'no name' }],
    };
    const result = importMonsters(JSON.stringify(odd));
    expect(result.problems).toEqual([]);
    const notes = result.monsters[0].notes;
    expect(notes).toEqual(expect.arrayContaining([
      'initiative_bonus: "quick" is not a number; left out',
      'traits: expected a list, got "none"; left out',
      'actions[0].uses_param: "often" is not a number; left out',
      'actions[0].action_type: "FREE_ACTION" is not one of ACTION, BONUS_ACTION, REACTION, LEGENDARY_ACTION; read as ACTION',
      'actions[1]: "Bite" is not an action; left out',
      'actions[2].name: missing; the action is left out',
    ]));
    expect(result.monsters[0].entry.creature.actions.map((a) => a.name)).toEqual(['Spit Fire']);
  });

  it('tells the SRD API shape from the Open5e one', () => {
    expect(monsterFormat({ index: 'orc', name: 'Orc', armor_class: [{ value: 13 }], hit_points: 15, challenge_rating: 0.5 })).toBe('srd');
    expect(monsterFormat({ key: 'srd_orc', name: 'Orc', armor_class: 13, hit_points: 15 })).toBe('open5e');
  });
});

describe('the Open5e import on odd input', () => {
  const texts = fc.constantFrom(
    'Melee Attack Roll: +4, reach 5 ft. Hit: 5 (1d6 + 2) Slashing damage.',
    'Dexterity Saving Throw: DC 13, each creature in a 15-foot Cone. Failure: 14 (4d6) Fire damage. Success: Half damage.',
    'Melee Weapon Attack: +5 to hit, reach 5 ft., one target. Hit: 9 (1d12 + 3) slashing damage.',
    'The creature makes two Bite attacks.',
  );
  const attack = fc.record({
    to_hit_mod: fc.oneof(fc.integer({ min: -40, max: 60 }), fc.constantFrom('+5', 'x'), fc.jsonValue()),
    damage_die_count: fc.oneof(fc.integer({ min: -3, max: 500 }), fc.jsonValue()),
    damage_die_type: fc.oneof(fc.constantFrom('D6', 'd12', 'D0', 8), fc.jsonValue()),
    damage_type: fc.oneof(fc.constantFrom('fire', 'bogus'), fc.record({ key: fc.string() }), fc.jsonValue()),
  }, { requiredKeys: [] });
  const action = fc.record({
    name: fc.oneof(fc.constantFrom('Multiattack', 'Bite', 'Breath'), fc.jsonValue()),
    desc: fc.oneof(texts, fc.string(), fc.jsonValue()),
    action_type: fc.oneof(fc.constantFrom('ACTION', 'BONUS_ACTION', 'REACTION', 'LEGENDARY_ACTION', 'Bonus Action'), fc.jsonValue()),
    uses_type: fc.oneof(fc.constantFrom('RECHARGE_ON_ROLL', 'PER_DAY', 'SOMETIMES'), fc.jsonValue()),
    uses_param: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.jsonValue()),
    attacks: fc.oneof(fc.array(attack, { maxLength: 2 }), fc.jsonValue()),
  }, { requiredKeys: [] });
  const creature = fc.record({
    key: fc.oneof(fc.constantFrom('srd-2024_thing', 'srd_thing'), fc.jsonValue()),
    name: fc.oneof(fc.string(), fc.jsonValue()),
    document: fc.oneof(fc.constantFrom('srd-2014', 'srd-2024'), fc.record({ key: fc.constantFrom('srd-2014', 'srd-2024') }), fc.jsonValue()),
    hit_points: fc.oneof(fc.integer({ min: -5, max: 200000 }), fc.constantFrom('15', 'many'), fc.jsonValue()),
    armor_class: fc.oneof(fc.integer({ min: -5, max: 80 }), fc.constantFrom('13', 'x'), fc.jsonValue()),
    ability_scores: fc.oneof(fc.record({ strength: fc.jsonValue(), constitution: fc.integer({ min: -5, max: 60 }) }), fc.jsonValue()),
    challenge_rating_decimal: fc.oneof(fc.constantFrom('0.250', '1/4', '31', 'x'), fc.jsonValue()),
    resistances_and_immunities: fc.jsonValue(),
    actions: fc.oneof(fc.array(action, { maxLength: 5 }), fc.jsonValue()),
    traits: fc.jsonValue(),
  }, { requiredKeys: ['hit_points'] });

  it('never throws, and everything it imports compiles', () => {
    fc.assert(fc.property(creature, (c) => {
      const r = importMonsters(JSON.stringify({ results: [c] }));
      expect(r.monsters.length + r.problems.length).toBeGreaterThan(0);
      for (const m of r.monsters) expect(simulationProblem(m.entry.creature)).toBeNull();
    }), { numRuns: 400 });
  });
});
