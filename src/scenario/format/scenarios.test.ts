import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AttackAction, CreatureSpec, HealAction, SaveAction } from '../../engine/index.ts';
import { loadScenarioText } from './load.ts';

const scenarioFile = (name: string) => readFileSync(new URL(`../../../scenarios/${name}`, import.meta.url), 'utf8');
const load = (name: string) => loadScenarioText(scenarioFile(name), `scenarios/${name}`);

describe('the scenarios shipped in scenarios/', () => {
  it('reference-fight.json: four level-5 characters against six SRD monsters', () => {
    const loaded = load('reference-fight.json');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.run).toEqual({ runs: 10_000, seed: 1 });
    const party = loaded.spec.party;
    expect(party.map((c) => [c.name, c.kind, c.hp, c.ac])).toEqual([
      ['Fighter', 'character', 44, 18], ['Cleric', 'character', 38, 18], ['Rogue', 'character', 38, 16], ['Wizard', 'character', 32, 12],
    ]);
    expect(party.map((c) => c.hitDice)).toEqual(['5d10', '5d8', '5d8', '5d6']);

    const extraAttack = party[0].actions[0] as AttackAction;
    expect(extraAttack.attacks[0]).toMatchObject({ toHit: 7, count: 2, damageType: 'slashing' });
    const healingWord = party[1].actions[0] as HealAction;
    expect(healingWord).toMatchObject({ type: 'heal', slot: 'bonus', uses: { per: 'long-rest', count: 3 }, condition: 'ally-down' });
    expect(party[1].actions[1]).toMatchObject({ type: 'save', name: 'Sacred Flame', dc: 14, ability: 'dex', onSuccess: 'none' });
    expect(party[2].actions[0]).toMatchObject({ type: 'attack', name: 'Shortsword with Sneak Attack' });
    const fireball = party[3].actions[0] as SaveAction;
    expect(fireball).toEqual({
      type: 'save', name: 'Fireball', slot: 'action', uses: { per: 'long-rest', count: 2 }, condition: 'enemy-count-multiple',
      targeting: 'lowest-hp', dc: 14, ability: 'dex', damage: '8d6', damageType: 'fire', onSuccess: 'half', targets: 3,
    });
    expect(party[3].actions[1]).toMatchObject({ type: 'attack', name: 'Fire Bolt', attacks: [{ toHit: 6, damage: '2d10', reach: 'ranged' }] });

    const enemies = loaded.spec.encounters[0].enemies;
    expect(enemies.map((c) => [c.name, c.count])).toEqual([['Orc', 2], ['Gnoll', 2], ['Bugbear', 1], ['Ogre', 1]]);
    expect(enemies.reduce((n, c) => n + c.count, 0)).toBe(6);
  });

  it('duel.json: one fighter against one ogre', () => {
    const loaded = load('duel.json');
    expect(loaded.spec.party.map((c) => c.name)).toEqual(['Fighter']);
    expect(loaded.spec.encounters).toHaveLength(1);
    expect(loaded.spec.encounters[0].enemies.map((c) => [c.name, c.count, c.hp])).toEqual([['Ogre', 1, 59]]);
  });

  it('three-fights.json: an adventuring day with a short rest before the third fight', () => {
    const loaded = load('three-fights.json');
    expect(loaded.spec.party).toHaveLength(4);
    expect(loaded.spec.encounters.map((e) => [e.name, e.shortRestBefore])).toEqual([
      ['Goblin ambush', false], ['Hobgoblin patrol', false], ["Ogre's den", true],
    ]);
  });
});

const srdPath = new URL('../../../../shared/reference/srd/5e-SRD-Monsters-2014.json', import.meta.url);
const haveSrd = existsSync(fileURLToPath(srdPath));

interface SrdDamage {
  damage_dice?: string;
  damage_type?: { index: string };
  from?: { options: Array<{ notes?: string; damage_dice: string; damage_type: { index: string } }> };
}

interface SrdMonster {
  name: string;
  armor_class: Array<{ value: number }>;
  hit_points: number;
  hit_points_roll: string;
  strength: number;
  dexterity: number;
  constitution: number;
  intelligence: number;
  wisdom: number;
  charisma: number;
  actions: Array<{ name: string; attack_bonus?: number; damage?: SrdDamage[] }>;
}

if (!haveSrd) console.info(`Skipping the SRD comparison: ${fileURLToPath(srdPath)} is absent, as in a user's clone.`);

describe.skipIf(!haveSrd)('monsters match the SRD (skipped when ../shared/reference is absent, as in a user clone)', () => {
  it('hit points, armour class, saves, initiative and attacks of every monster in the shipped scenarios', () => {
    const srd = JSON.parse(readFileSync(srdPath, 'utf8')) as SrdMonster[];
    const modifier = (score: number) => Math.floor((score - 10) / 2);
    const monsters = new Map<string, CreatureSpec>();
    for (const file of ['reference-fight.json', 'duel.json', 'three-fights.json']) {
      for (const e of load(file).spec.encounters) for (const c of e.enemies) monsters.set(c.name, c);
    }
    expect([...monsters.keys()].sort()).toEqual(['Bugbear', 'Gnoll', 'Goblin', 'Hobgoblin', 'Ogre', 'Orc']);
    const ours = [...monsters.values()].map((c) => {
      const attack = (c.actions[0] as AttackAction).attacks[0];
      return {
        name: c.name, hp: c.hp, hpFormula: c.hpFormula, ac: c.ac, initiativeBonus: c.initiativeBonus, saves: c.saves,
        action: c.actions[0].name, toHit: attack.toHit, damage: attack.damage, damageType: attack.damageType,
      };
    });
    const expected = ours.map(({ name, action }) => {
      const m = srd.find((x) => x.name === name)!;
      const srdAction = m.actions.find((a) => a.name === action)!;
      // Weapons with a one- and a two-handed option: these monsters carry a shield, so one-handed.
      const damage = srdAction.damage![0];
      const chosen = damage.from ? damage.from.options.find((o) => o.notes === 'One handed')! : damage;
      return {
        name, hp: m.hit_points, hpFormula: m.hit_points_roll, ac: m.armor_class[0].value, initiativeBonus: modifier(m.dexterity),
        // None of these has saving throw proficiencies: saves are the ability modifiers.
        saves: {
          str: modifier(m.strength), dex: modifier(m.dexterity), con: modifier(m.constitution),
          int: modifier(m.intelligence), wis: modifier(m.wisdom), cha: modifier(m.charisma),
        },
        action, toHit: srdAction.attack_bonus, damage: chosen.damage_dice, damageType: chosen.damage_type!.index,
      };
    });
    expect(ours).toEqual(expected);
  });
});

describe('scenarios/2024-party.json', () => {
  it('a 2024 level-5 party against SRD 5.2 monsters: two fights with a short rest, under 2024 rules, with no warnings', () => {
    const loaded = load('2024-party.json');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.spec.rules.edition).toBe('2024');
    expect(loaded.spec.party.map((c) => [c.name, c.level])).toEqual([['Fighter 5', 5], ['Cleric 5', 5], ['Rogue 5', 5], ['Wizard 5', 5]]);
    expect(loaded.spec.encounters.map((e) => [e.shortRestBefore, e.enemies.map((c) => [c.name, c.count])])).toEqual([
      [false, [['Goblin Warrior', 4], ['Bugbear Warrior', 1]]],
      [true, [['Young White Dragon', 1]]],
    ]);
  });
});
