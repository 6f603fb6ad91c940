// A small, fully specified scenario for the runtime's tests and for the browser panel's fallback:
// four level-5 characters against an ogre and two hobgoblins. Written in the engine's normalised
// shape, so it needs no importer.
import type { ActionSpec, CreatureSpec, ScenarioSpec } from '../engine/index.ts';

const saves = (str: number, dex: number, con: number, int: number, wis: number, cha: number) => ({ str, dex, con, int, wis, cha });

function weapon(name: string, toHit: number, damage: string, count = 1, damageType: 'slashing' | 'piercing' | 'bludgeoning' = 'slashing'): ActionSpec {
  return {
    name, type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
    attacks: [{ toHit, damage, damageType, count, critOn: 20, reach: 'melee' }],
  };
}

function creature(partial: Partial<CreatureSpec> & Pick<CreatureSpec, 'name' | 'hp' | 'ac' | 'actions'>): CreatureSpec {
  return {
    count: 1, kind: 'monster', hpFormula: null, rollHp: false, initiativeBonus: 0, initiativeAdvantage: false,
    saves: saves(0, 0, 0, 0, 0, 0), resistances: [], immunities: [], vulnerabilities: [], hitDice: null, conModifier: 0,
    ...partial,
  };
}

export const FIXTURE_SCENARIO: ScenarioSpec = {
  party: [
    creature({
      name: 'Fighter', kind: 'character', hp: 44, ac: 18, initiativeBonus: 1, hitDice: '5d10', conModifier: 2,
      saves: saves(7, 1, 5, 0, 1, -1), actions: [weapon('Longsword', 7, '1d8+4', 2)],
    }),
    creature({
      name: 'Cleric', kind: 'character', hp: 38, ac: 18, hitDice: '5d8', conModifier: 2, saves: saves(1, 0, 2, 0, 7, 5),
      actions: [
        {
          name: 'Cure Wounds', type: 'heal', slot: 'action', uses: { per: 'long-rest', count: 3 }, condition: 'ally-down',
          targeting: 'lowest-hp-fraction', amount: '3d8+4', targets: 1, temporary: false,
        },
        weapon('Mace', 5, '1d6+2', 1, 'bludgeoning'),
      ],
    }),
    creature({
      name: 'Wizard', kind: 'character', hp: 27, ac: 13, initiativeBonus: 3, hitDice: '5d6', conModifier: 1,
      saves: saves(-1, 3, 1, 7, 4, 0),
      actions: [
        {
          name: 'Fireball', type: 'save', slot: 'action', uses: { per: 'long-rest', count: 2 }, condition: 'enemy-count-multiple',
          targeting: 'highest-hp', dc: 15, ability: 'dex', damage: '8d6', damageType: 'fire', onSuccess: 'half', targets: 3,
        },
        {
          name: 'Fire Bolt', type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
          attacks: [{ toHit: 7, damage: '2d10', damageType: 'fire', count: 1, critOn: 20, reach: 'ranged' }],
        },
      ],
    }),
    creature({
      name: 'Rogue', kind: 'character', hp: 33, ac: 15, initiativeBonus: 4, hitDice: '5d8', conModifier: 1,
      saves: saves(0, 7, 1, 1, 1, 0), actions: [weapon('Shortsword', 7, '1d6+4+3d6', 1, 'piercing')],
    }),
  ],
  encounters: [
    {
      name: 'Ogre and hobgoblins', shortRestBefore: false, surprise: 'none',
      enemies: [
        creature({ name: 'Ogre', count: 2, hp: 59, ac: 11, saves: saves(4, -1, 3, -3, -2, -2), actions: [weapon('Greatclub', 6, '2d8+4', 1, 'bludgeoning')] }),
        creature({ name: 'Hobgoblin', count: 2, hp: 11, ac: 18, initiativeBonus: 1, saves: saves(1, 1, 1, 0, 0, -1), actions: [weapon('Longsword', 3, '1d8+1')] }),
      ],
    },
    {
      name: 'Bugbear ambush', shortRestBefore: true, surprise: 'party',
      enemies: [
        creature({ name: 'Bugbear', count: 5, hp: 27, ac: 16, initiativeBonus: 2, saves: saves(2, 2, 1, -1, 0, -1), actions: [weapon('Morningstar', 4, '2d8+2', 1, 'piercing')] }),
      ],
    },
  ],
  rules: { roundCap: 100, attackDowned: 'when-none-standing', hitDicePolicy: 'to-half' },
};
