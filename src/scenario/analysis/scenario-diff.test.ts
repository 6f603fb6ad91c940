import { describe, expect, it } from 'vitest';
import type { AttackAction, CreatureSpec, EncounterSpec, ScenarioSpec } from '../../engine/index.ts';
import { diffScenarios, foldChanges, matchByName, sideLabel, type ScenarioChange } from './scenario-diff.ts';

// Crafted scenarios in the engine's normalised shape; each test changes one thing and expects the
// exact phrase a DM would read.

function weapon(name: string, toHit: number, damage: string, count = 1): AttackAction {
  return {
    name, type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
    attacks: [{ toHit, damage, damageType: 'slashing', count, critOn: 20, reach: 'melee' }],
  };
}

function creature(name: string, over: Partial<CreatureSpec> = {}): CreatureSpec {
  return {
    name, count: 1, kind: 'monster', hp: 30, hpFormula: null, rollHp: false, ac: 13, initiativeBonus: 0, initiativeAdvantage: false,
    saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 }, resistances: [], immunities: [], vulnerabilities: [],
    hitDice: null, conModifier: 0, actions: [weapon('Claw', 5, '1d8+3')], ...over,
  };
}

const character = (name: string, over: Partial<CreatureSpec> = {}) =>
  creature(name, { kind: 'character', hitDice: '5d8', level: 5, ...over });

const fight = (name: string, enemies: CreatureSpec[], over: Partial<EncounterSpec> = {}): EncounterSpec =>
  ({ name, enemies, shortRestBefore: false, surprise: 'none', ...over });

function base(): ScenarioSpec {
  return {
    party: [
      character('Fighter', { hp: 44, ac: 18, actions: [weapon('Longsword', 7, '1d8+4', 2)] }),
      character('Wizard', {
        hp: 27, ac: 15, saves: { str: 0, dex: 2, con: 1, int: 6, wis: 2, cha: 0 },
        actions: [
          { name: 'Fire Bolt', type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
            attacks: [{ toHit: 6, damage: '2d10', damageType: 'fire', count: 1, critOn: 20, reach: 'ranged' }], spell: { level: 0, cantripScaling: true } },
        ],
      }),
    ],
    encounters: [
      fight('Owlbear den', [creature('Owlbear', { hp: 59, ac: 13 })]),
      fight('Goblin camp', [creature('Goblin', { count: 4, hp: 7, ac: 15 })], { shortRestBefore: true }),
    ],
    rules: { roundCap: 100, attackDowned: 'when-none-standing', hitDicePolicy: 'to-half' },
  };
}

const edit = (f: (s: ScenarioSpec) => void): ScenarioSpec => {
  const s = structuredClone(base());
  f(s);
  return s;
};
const texts = (changes: ScenarioChange[]) => changes.map((c) => c.text);

describe('diffScenarios', () => {
  it('finds nothing between a scenario and its copy', () => {
    expect(diffScenarios(base(), structuredClone(base()))).toEqual([]);
    expect(diffScenarios(base(), base(), { before: { seed: 1, runs: 10_000 }, after: { seed: 1, runs: 10_000 } })).toEqual([]);
  });

  it('an enemy count, with how each side reads', () => {
    const changes = diffScenarios(base(), edit((s) => { s.encounters[0].enemies[0].count = 2; }));
    expect(changes).toEqual([{ text: 'Owlbear count 1 → 2', before: 'Owlbear count 1', after: 'Owlbear count 2' }]);
  });

  it("a character's AC, HP and saves", () => {
    const after = edit((s) => {
      const w = s.party[1];
      w.ac = 10;
      w.hp = 32;
      w.saves.dex = 5;
      w.saves.con = -1;
    });
    expect(texts(diffScenarios(base(), after))).toEqual(['Wizard HP 27 → 32', 'Wizard AC 15 → 10', 'Wizard Dex save +2 → +5', 'Wizard Con save +1 → −1']);
  });

  it("an attack's to-hit, damage and number of attacks; an action added and one removed", () => {
    const after = edit((s) => {
      const sword = s.party[0].actions[0] as AttackAction;
      sword.attacks[0].toHit = 8;
      sword.attacks[0].damage = '1d8+5';
      sword.attacks[0].count = 3;
      s.party[0].actions.push({
        name: 'Second Wind', type: 'heal', slot: 'bonus', uses: { per: 'short-rest', count: 1 }, condition: 'self-below-half',
        targeting: 'self', amount: '1d10+5', targets: 1, temporary: false,
      });
      s.encounters[0].enemies[0].actions = [];
    });
    expect(texts(diffScenarios(base(), after))).toEqual([
      'Fighter: Second Wind added',
      'Fighter Longsword to-hit +7 → +8',
      'Fighter Longsword damage 1d8+4 → 1d8+5',
      'Fighter Longsword attacks 2 → 3',
      'Owlbear: Claw removed',
    ]);
    const added = diffScenarios(base(), after)[0];
    expect(added).toEqual({ text: 'Fighter: Second Wind added', before: 'Fighter without Second Wind', after: 'Fighter with Second Wind' });
  });

  it('an action renamed keeps its other changes; its use and spell level read in words', () => {
    const after = edit((s) => {
      const bolt = s.party[1].actions[0];
      bolt.name = 'Ray of Frost';
      bolt.uses = { per: 'long-rest', count: 2 };
      bolt.condition = 'enemy-count-one';
      bolt.spell = { level: 1, cantripScaling: true };
    });
    expect(texts(diffScenarios(base(), after))).toEqual([
      'Wizard: Fire Bolt renamed Ray of Frost',
      'Wizard Ray of Frost uses: at will → 2 per long rest',
      'Wizard Ray of Frost used when: always → one enemy is left',
      'Wizard Ray of Frost spell level 0 → 1',
    ]);
  });

  it('fights added, removed and renamed; surprise and short rests', () => {
    const added = edit((s) => { s.encounters.push(fight('Ghouls', [creature('Ghoul', { count: 3 })])); });
    expect(diffScenarios(base(), added)).toEqual([
      { text: 'Fight 3 added: Ghouls', before: 'without fight 3 (Ghouls)', after: 'with fight 3 (Ghouls)' },
    ]);
    expect(texts(diffScenarios(added, base()))).toEqual(['Fight 3 removed: Ghouls']);

    const restless = edit((s) => { s.encounters[1].shortRestBefore = false; });
    expect(diffScenarios(base(), restless)).toEqual([
      { text: 'Short rest before fight 2 removed', before: 'short rest before fight 2', after: 'no short rest before fight 2' },
    ]);
    expect(texts(diffScenarios(restless, base()))).toEqual(['Short rest before fight 2 added']);

    const surprised = edit((s) => { s.encounters[0].surprise = 'party'; });
    expect(texts(diffScenarios(base(), surprised))).toEqual(['Fight 1 surprise: nobody → the party']);

    const renamed = edit((s) => { s.encounters[1].name = 'Goblin ambush'; });
    expect(texts(diffScenarios(base(), renamed))).toEqual(['Fight 2 renamed: Goblin camp → Goblin ambush']);

    // Another name and no enemy in common: a fight replaced, not renamed.
    const replaced = edit((s) => { s.encounters[1] = fight('Trolls', [creature('Troll')], { shortRestBefore: true }); });
    expect(texts(diffScenarios(base(), replaced))).toEqual(['Fight 2 removed: Goblin camp', 'Fight 2 added: Trolls']);
  });

  it('an enemy added to a fight, and one removed; an enemy in two fights is named with its fight', () => {
    const after = edit((s) => {
      s.encounters[0].enemies.push(creature('Young Red Dragon', { hp: 178 }));
      s.encounters[1].enemies.push(creature('Owlbear', { count: 2 }));
    });
    expect(texts(diffScenarios(base(), after))).toEqual([
      'Fight 1: Young Red Dragon added',
      'Fight 2: Owlbear ×2 added',
    ]);
    const more = edit((s) => {
      s.encounters[1].enemies.push(creature('Owlbear'));
    });
    const moreOwlbears = edit((s) => {
      s.encounters[1].enemies.push(creature('Owlbear', { count: 3 }));
    });
    expect(texts(diffScenarios(more, moreOwlbears))).toEqual(['Owlbear (fight 2) count 1 → 3']);
  });

  it('party members matched by name, then by position: a rename, a replacement, an addition, a new order', () => {
    const renamed = edit((s) => { s.party[1].name = 'Merlin'; });
    expect(texts(diffScenarios(base(), renamed))).toEqual(['Party: Wizard renamed Merlin']);

    const replaced = edit((s) => { s.party[1] = character('Cleric', { hp: 38, ac: 18, hitDice: '5d8', actions: [weapon('Mace', 5, '1d6+2')] }); });
    expect(texts(diffScenarios(base(), replaced))).toEqual(['Party: Wizard replaced by Cleric']);

    const grown = edit((s) => { s.party.push(character('Rogue')); });
    expect(diffScenarios(base(), grown)).toEqual([{ text: 'Party: Rogue added', before: 'Party without Rogue', after: 'Party with Rogue' }]);
    expect(texts(diffScenarios(grown, base()))).toEqual(['Party: Rogue removed']);

    const swapped = edit((s) => { s.party.reverse(); });
    expect(texts(diffScenarios(base(), swapped))).toEqual(['Party: order changed']);
    // A change to a moved member is still found by name.
    const swappedAndHit = edit((s) => { s.party.reverse(); s.party[0].ac = 12; });
    expect(texts(diffScenarios(base(), swappedAndHit))).toEqual(['Wizard AC 15 → 12', 'Party: order changed']);
  });

  it('the rules, the seed and the number of runs', () => {
    const after = edit((s) => {
      s.rules.edition = '2024';
      s.rules.tactics = 'auto';
      s.rules.roundCap = 50;
      s.rules.hitDicePolicy = 'to-full';
      s.rules.magicalWeapons = true;
    });
    expect(texts(diffScenarios(base(), after, { before: { seed: 1, runs: 10_000 }, after: { seed: 7, runs: 20_000 } }))).toEqual([
      'Edition 2014 → 2024',
      'Round limit 100 → 50',
      'Tactics: in list order → auto',
      'Hit dice on a short rest: up to half HP → up to full HP',
      'Magical weapons: no → yes',
      'Seed 1 → 7',
      'Runs 10,000 → 20,000',
    ]);
    // Absent settings mean their defaults: an explicit default is no change.
    const explicit = edit((s) => { s.rules.edition = '2014'; s.rules.tactics = 'in-order'; s.rules.resourcePolicy = 'balanced'; });
    expect(diffScenarios(base(), explicit)).toEqual([]);
  });

  it('names what has no phrase of its own rather than missing it', () => {
    const after = edit((s) => {
      s.encounters[0].enemies[0].traits = { magicResistance: true };
      s.party[1].reactions = [{ kind: 'shield' }];
    });
    expect(diffScenarios(base(), after)).toEqual([
      { text: 'Wizard reactions changed', before: 'earlier Wizard reactions', after: 'new Wizard reactions' },
      { text: 'Owlbear traits changed', before: 'earlier Owlbear traits', after: 'new Owlbear traits' },
    ]);
  });
});

describe('folding and side labels', () => {
  const many = diffScenarios(base(), edit((s) => {
    s.party[0].ac = 19;
    s.party[0].hp = 50;
    s.party[1].ac = 10;
    s.party[1].hp = 20;
    s.encounters[0].enemies[0].count = 2;
    s.encounters[0].enemies[0].ac = 14;
    s.encounters[1].surprise = 'enemies';
    s.encounters[1].shortRestBefore = false;
    s.rules.roundCap = 20;
    s.rules.edition = '2024';
  }));

  it('shows six and folds the rest into "and 4 more changes"', () => {
    expect(many).toHaveLength(10);
    const folded = foldChanges(many);
    expect(folded.shown).toHaveLength(6);
    expect(folded.hidden).toHaveLength(4);
    expect(folded.more).toBe('and 4 more changes');
    expect(foldChanges(many, 9).more).toBe('and 1 more change');
    expect(foldChanges(many.slice(0, 6)).more).toBeNull();
  });

  it('labels each side by how it reads on the changes', () => {
    const two = diffScenarios(base(), edit((s) => { s.encounters[0].enemies[0].count = 2; s.party[1].ac = 10; }));
    expect(sideLabel(two, 'before')).toBe('Wizard AC 15; Owlbear count 1');
    expect(sideLabel(two, 'after')).toBe('Wizard AC 10; Owlbear count 2');
    expect(sideLabel(many, 'after')).toBe('Fighter HP 50; Fighter AC 19; Wizard HP 20; and 7 more');
    expect(sideLabel([], 'after')).toBe('');
  });
});

describe('matchByName', () => {
  it('pairs names first, in order, then what is left by position', () => {
    const n = (...names: string[]) => names.map((name) => ({ name }));
    expect(matchByName(n('A', 'B', 'C'), n('C', 'A', 'D', 'E'))).toEqual({
      pairs: [{ a: 2, b: 0, byPosition: false }, { a: 0, b: 1, byPosition: false }, { a: 1, b: 2, byPosition: true }],
      removed: [],
      added: [3],
    });
    expect(matchByName(n('G', 'G'), n('G'))).toEqual({ pairs: [{ a: 0, b: 0, byPosition: false }], removed: [1], added: [] });
  });
});
