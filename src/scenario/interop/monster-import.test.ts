import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttackAction, SaveAction } from '../../engine/index.ts';
import { IMPORT_LIMIT_BYTES, importMonsters } from './monster-import.ts';
import { simulationProblem } from '../content/srd/stat-block.ts';
import type { ImportedMonster } from '../content/srd/types.ts';

// ------------------------------------------------------------------ fixtures (written from the game facts)

const goblin5e = {
  name: 'Goblin', source: 'MM', page: 166, size: ['S'], type: { type: 'humanoid', tags: ['goblinoid'] }, alignment: ['N', 'E'],
  ac: [{ ac: 15, from: ['{@item leather armor|phb}', '{@item shield|phb}'] }], hp: { average: 7, formula: '2d6' },
  speed: { walk: 30 }, str: 8, dex: 14, con: 10, int: 10, wis: 8, cha: 8, skill: { stealth: '+6' },
  senses: ['darkvision 60 ft.'], passive: 9, languages: ['Common', 'Goblin'], cr: '1/4',
  trait: [{ name: 'Nimble Escape', entries: ['The goblin can take the {@action Disengage} or {@action Hide} action as a bonus action on each of its turns.'] }],
  action: [
    { name: 'Scimitar', entries: ['{@atk mw} {@hit 4} to hit, reach 5 ft., one target. {@h}5 ({@damage 1d6 + 2}) slashing damage.'] },
    { name: 'Shortbow', entries: ['{@atk rw} {@hit 4} to hit, range 80/320 ft., one target. {@h}5 ({@damage 1d6 + 2}) piercing damage.'] },
  ],
  environment: ['forest', 'hill'], traitTags: ['Nimble Escape'], damageTags: ['P', 'S'], miscTags: ['MW', 'RW'],
};

const youngGreenDragon5e = {
  name: 'Young Green Dragon', source: 'MM', page: 94, size: ['L'], type: 'dragon', alignment: ['L', 'E'],
  ac: [{ ac: 18, from: ['natural armor'] }], hp: { average: 136, formula: '16d10 + 48' },
  speed: { walk: 40, fly: 80, swim: 40 }, str: 19, dex: 12, con: 17, int: 16, wis: 13, cha: 15,
  save: { dex: '+4', con: '+6', wis: '+4', cha: '+5' }, skill: { perception: '+7', stealth: '+4' },
  senses: ['blindsight 30 ft.', 'darkvision 120 ft.'], passive: 17, immune: ['poison'], conditionImmune: ['poisoned'],
  languages: ['Common', 'Draconic'], cr: '8',
  trait: [{ name: 'Amphibious', entries: ['The dragon can breathe air and water.'] }],
  action: [
    { name: 'Multiattack', entries: ['The dragon makes three attacks: one with its bite and two with its claws.'] },
    { name: 'Bite', entries: ['{@atk mw} {@hit 7} to hit, reach 10 ft., one target. {@h}15 ({@damage 2d10 + 4}) piercing damage plus 7 ({@damage 2d6}) poison damage.'] },
    { name: 'Claw', entries: ['{@atk mw} {@hit 7} to hit, reach 5 ft., one target. {@h}11 ({@damage 2d6 + 4}) slashing damage.'] },
    {
      name: 'Poison Breath {@recharge 5}',
      entries: ['The dragon exhales poisonous gas in a 30-foot cone. Each creature in that area must make a {@dc 14} Constitution saving throw, taking 42 ({@damage 12d6}) poison damage on a failed save, or half as much damage on a successful one.'],
    },
  ],
};

const adultRedDragon5e = {
  name: 'Adult Red Dragon', source: 'MM', size: ['H'], type: 'dragon', ac: [{ ac: 19, from: ['natural armor'] }],
  hp: { average: 256, formula: '19d12 + 133' }, str: 27, dex: 10, con: 25, int: 16, wis: 13, cha: 21,
  save: { dex: '+6', con: '+13', wis: '+7', cha: '+11' }, immune: ['fire'], cr: '17',
  trait: [{ name: 'Legendary Resistance (3/Day)', entries: ['If the dragon fails a saving throw, it can choose to succeed instead.'] }],
  action: [
    { name: 'Multiattack', entries: ['The dragon can use its Frightful Presence. It then makes three attacks: one with its bite and two with its claws.'] },
    { name: 'Bite', entries: ['{@atk mw} {@hit 14} to hit, reach 10 ft., one target. {@h}19 ({@damage 2d10 + 8}) piercing damage plus 7 ({@damage 2d6}) fire damage.'] },
    { name: 'Claw', entries: ['{@atk mw} {@hit 14} to hit, reach 5 ft., one target. {@h}15 ({@damage 2d6 + 8}) slashing damage.'] },
    { name: 'Tail', entries: ['{@atk mw} {@hit 14} to hit, reach 15 ft., one target. {@h}17 ({@damage 2d8 + 8}) bludgeoning damage.'] },
    { name: 'Frightful Presence', entries: ['Each creature of the dragon\'s choice within 120 feet of it must succeed on a {@dc 19} Wisdom saving throw or become {@condition frightened} for 1 minute.'] },
    {
      name: 'Fire Breath {@recharge 5}',
      entries: ['The dragon exhales fire in a 60-foot cone. Each creature in that area must make a {@dc 21} Dexterity saving throw, taking 63 ({@damage 18d6}) fire damage on a failed save, or half as much damage on a successful one.'],
    },
  ],
  legendary: [
    { name: 'Detect', entries: ['The dragon makes a Wisdom ({@skill Perception}) check.'] },
    { name: 'Tail Attack', entries: ['The dragon makes a tail attack.'] },
    { name: 'Wing Attack (Costs 2 Actions)', entries: ['Each creature within 10 feet of the dragon must succeed on a {@dc 22} Dexterity saving throw or take 15 ({@damage 2d6 + 8}) bludgeoning damage and be knocked {@condition prone}.'] },
  ],
  legendaryGroup: { name: 'Red Dragon', source: 'MM' },
};

const wolf5e = {
  name: 'Wolf', source: 'MM', size: ['M'], type: 'beast', ac: [{ ac: 13, from: ['natural armor'] }], hp: { average: 11, formula: '2d8 + 2' },
  str: 12, dex: 15, con: 12, int: 3, wis: 12, cha: 6, cr: '1/4',
  trait: [
    { name: 'Keen Hearing and Smell', entries: ['The wolf has advantage on Wisdom ({@skill Perception}) checks that rely on hearing or smell.'] },
    { name: 'Pack Tactics', entries: ['The wolf has advantage on an attack roll against a creature if an ally is within 5 feet of it.'] },
  ],
  action: [{ name: 'Bite', entries: ['{@atk mw} {@hit 4} to hit, reach 5 ft., one target. {@h}7 ({@damage 2d4 + 2}) piercing damage. If the target is a creature, it must succeed on a {@dc 11} Strength saving throw or be knocked {@condition prone}.'] }],
};

// The 2024 style: {@atkr m}, {@actSave}, {@actSaveFail}, capitalised damage types, bonus actions.
const goblinWarrior2024 = {
  name: 'Goblin Warrior', source: 'XMM', size: ['S'], type: { type: 'fey', tags: ['goblinoid'] }, ac: [15], hp: { average: 10, formula: '3d6' },
  initiative: { proficiency: 1 }, str: 8, dex: 15, con: 10, int: 10, wis: 8, cha: 8, cr: '1/4',
  action: [
    { name: 'Scimitar', entries: ['{@atkr m} {@hit 4}, reach 5 ft. {@h}5 ({@damage 1d6 + 2}) Slashing damage, plus 2 ({@damage 1d4}) Slashing damage if the attack roll had {@variantrule Advantage|XPHB}.'] },
    { name: 'Shortbow', entries: ['{@atkr r} {@hit 4}, range 80/320 ft. {@h}5 ({@damage 1d6 + 2}) Piercing damage, plus 2 ({@damage 1d4}) Piercing damage if the attack roll had {@variantrule Advantage|XPHB}.'] },
  ],
  bonus: [{ name: 'Nimble Escape', entries: ['The goblin takes the {@action Disengage|XPHB} or {@action Hide|XPHB} action.'] }],
};

const youngDragon2024 = {
  name: 'Young Green Dragon', source: 'XMM', size: ['L'], type: 'dragon', ac: [18], hp: { average: 136, formula: '16d10 + 48' },
  str: 19, dex: 12, con: 17, int: 16, wis: 13, cha: 15, cr: '8',
  action: [
    { name: 'Multiattack', entries: ['The dragon makes three {@action Rend} attacks.'] },
    { name: 'Rend', entries: ['{@atkr m} {@hit 7}, reach 10 ft. {@h}13 ({@damage 2d8 + 4}) Slashing damage plus 7 ({@damage 2d6}) Poison damage.'] },
    {
      name: 'Poison Breath {@recharge 5}',
      entries: ['{@actSave con} {@dc 14}, each creature in a 30-foot {@variantrule Cone [Area of Effect]|XPHB|Cone}. {@actSaveFail} 42 ({@damage 12d6}) Poison damage. {@actSaveSuccess} Half damage.'],
    },
  ],
};

const srdGoblin = {
  index: 'goblin', name: 'Goblin', size: 'Small', type: 'humanoid', subtype: 'goblinoid', alignment: 'neutral evil',
  armor_class: [{ type: 'armor', value: 15 }], hit_points: 7, hit_dice: '2d6', hit_points_roll: '2d6', speed: { walk: '30 ft.' },
  strength: 8, dexterity: 14, constitution: 10, intelligence: 10, wisdom: 8, charisma: 8, proficiencies: [],
  damage_vulnerabilities: [], damage_resistances: [], damage_immunities: [], condition_immunities: [], senses: {}, languages: '',
  challenge_rating: 0.25, proficiency_bonus: 2, xp: 50,
  actions: [{ name: 'Scimitar', desc: 'Melee Weapon Attack: +4 to hit, reach 5 ft., one target. Hit: 5 (1d6 + 2) slashing damage.', attack_bonus: 4, damage: [{ damage_type: { index: 'slashing', name: 'Slashing' }, damage_dice: '1d6+2' }] }],
};

// ------------------------------------------------------------------ helpers

function only(text: string): ImportedMonster {
  const r = importMonsters(text);
  expect(r.problems).toEqual([]);
  expect(r.monsters).toHaveLength(1);
  return r.monsters[0];
}

function action<T>(m: ImportedMonster, name: string): T {
  const a = m.entry.creature.actions.find((x) => x.name === name);
  if (!a) throw new Error(`${m.entry.name} has no action ${name}: ${m.entry.creature.actions.map((x) => x.name).join(', ')}`);
  return a as T;
}

// ------------------------------------------------------------------ 5etools

describe('importing 5etools monsters', () => {
  it('reads a goblin: AC, HP, CR and both attacks', () => {
    const g = only(JSON.stringify(goblin5e));
    expect(g.entry).toMatchObject({ name: 'Goblin', size: 'Small', type: 'humanoid', subtype: 'goblinoid', ac: 15, hp: 7, hitDice: '2d6', cr: 0.25, crText: '1/4', xp: 50 });
    expect(g.entry.creature).toMatchObject({ hp: 7, hpFormula: '2d6', ac: 15, initiativeBonus: 2, kind: 'monster' });
    expect(action<AttackAction>(g, 'Scimitar').attacks).toEqual([{ toHit: 4, damage: '1d6+2', damageType: 'slashing', count: 1, critOn: 20, reach: 'melee' }]);
    expect(action<AttackAction>(g, 'Shortbow').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'piercing', reach: 'ranged' });
    expect(g.entry.traits).toEqual(['Nimble Escape']);
    expect(g.notes).toEqual([]);
  });

  it('reads a young green dragon: multiattack, breath weapon, saves', () => {
    const d = only(JSON.stringify(youngGreenDragon5e));
    expect(d.entry).toMatchObject({ ac: 18, hp: 136, hitDice: '16d10', cr: 8, xp: 3900, immunities: ['poison'], conditionImmunities: ['poisoned'] });
    expect(d.entry.creature.hpFormula).toBe('16d10+48');
    expect(d.entry.saves).toEqual({ str: 4, dex: 4, con: 6, int: 3, wis: 4, cha: 5 });
    expect(action<SaveAction>(d, 'Poison Breath')).toMatchObject({
      type: 'save', uses: { per: 'recharge', min: 5 }, dc: 14, ability: 'con', damage: '12d6', damageType: 'poison', onSuccess: 'half', targets: 3,
    });
    expect(action<AttackAction>(d, 'Multiattack').attacks).toEqual([
      { toHit: 7, damage: '2d10+4', damageType: 'piercing', count: 1, critOn: 20, reach: 'melee', extraDamage: [{ damage: '2d6', damageType: 'poison' }] },
      { toHit: 7, damage: '2d6+4', damageType: 'slashing', count: 2, critOn: 20, reach: 'melee' },
    ]);
    expect(d.entry.creature.actions.map((a) => a.name)).toEqual(['Poison Breath', 'Multiattack', 'Bite', 'Claw']);
    expect(d.notes).toEqual([]);
  });

  it('reads legendary actions, Legendary Resistance and a lair as facts, and marks them not modelled', () => {
    const d = only(JSON.stringify(adultRedDragon5e));
    expect(d.entry.legendary).toEqual({
      actionsPerRound: 3, resistancePerDay: 3,
      actions: [{ name: 'Detect', cost: 1 }, { name: 'Tail Attack', cost: 1 }, { name: 'Wing Attack', cost: 2 }],
    });
    expect(action<SaveAction>(d, 'Fire Breath')).toMatchObject({ dc: 21, ability: 'dex', damage: '18d6', damageType: 'fire', onSuccess: 'half', uses: { per: 'recharge', min: 5 } });
    expect(d.entry.notModelled).toEqual(expect.arrayContaining([
      'Trait: Legendary Resistance (3/Day)',
      'Legendary actions (3 per round): Detect, Tail Attack, Wing Attack (costs 2)',
      'Lair actions and regional effects (Red Dragon)',
      'Action: Frightful Presence (frightens; DC 19 Wisdom save)',
    ]));
    expect(action<AttackAction>(d, 'Multiattack').attacks.map((a) => a.count)).toEqual([1, 2]);
  });

  it('notes what an attack inflicts that the engine does not run', () => {
    const w = only(JSON.stringify(wolf5e));
    expect(w.entry.traits).toEqual(['Keen Hearing and Smell', 'Pack Tactics']);
    expect(w.entry.notModelled).toEqual(['Trait: Pack Tactics', 'Bite: knocks prone (DC 11 Strength save)']);
  });

  it('reads the 2024 style: attack rolls, save effects, conditional extra damage, initiative', () => {
    const g = only(JSON.stringify(goblinWarrior2024));
    expect(action<AttackAction>(g, 'Scimitar').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'slashing', reach: 'melee' });
    expect(action<AttackAction>(g, 'Shortbow').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'piercing', reach: 'ranged' });
    expect(g.entry.notModelled).toContain('Scimitar: 1d4 slashing damage only in some circumstances');
    expect(g.entry.notModelled).toContain('Action: Nimble Escape');
    expect(g.entry.creature.initiativeBonus).toBe(4);
    const d = only(JSON.stringify(youngDragon2024));
    expect(action<SaveAction>(d, 'Poison Breath')).toMatchObject({ dc: 14, ability: 'con', damage: '12d6', damageType: 'poison', onSuccess: 'half', targets: 3 });
    expect(action<AttackAction>(d, 'Multiattack').attacks).toEqual([{
      toHit: 7, damage: '2d8+4', damageType: 'slashing', count: 3, critOn: 20, reach: 'melee', extraDamage: [{ damage: '2d6', damageType: 'poison' }],
    }]);
  });

  it('reads the 2024 style: melee-or-ranged attack rolls, Hit or Miss, a first and second failure, and the initiative proficiency', () => {
    const wyrm = {
      name: 'Frost Wyrmling', source: 'XMM', size: ['M'], type: 'dragon', ac: [17], hp: { average: 32, formula: '5d8 + 10' },
      str: 15, dex: 10, con: 14, int: 5, wis: 10, cha: 11, cr: '2', initiative: { proficiency: 2 },
      action: [
        { name: 'Spear', entries: ['{@atkr m,r} {@hit 4}, reach 5 ft. or range 20/60 ft. {@h}5 ({@damage 1d6 + 2}) Piercing damage.'] },
        { name: 'Lash', entries: ['{@atkr m} {@hit 4}, reach 5 ft. {@hom}4 ({@damage 1d4 + 2}) Bludgeoning damage.'] },
        { name: 'Freezing Stare', entries: ['{@actSave wis} {@dc 12}, one creature it can see within 30 feet. {@actSaveFail 1} The target has the {@condition Restrained|XPHB} condition and repeats the save at the end of its next turn. {@actSaveFail 2} The target has the {@condition Petrified|XPHB} condition instead.'] },
        { name: 'Cold Breath {@recharge 5}', entries: ['{@actSave con} {@dc 12}, each creature in a 15-foot {@variantrule Cone [Area of Effect]|XPHB|Cone}. {@actSaveFail} 22 ({@damage 5d8}) Cold damage. {@actSaveSuccess} Half damage.'] },
      ],
    };
    const w = only(JSON.stringify(wyrm));
    expect(w.entry.creature.initiativeBonus).toBe(4);
    expect(action<AttackAction>(w, 'Spear').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'piercing', reach: 'melee' });
    expect(action<AttackAction>(w, 'Lash').attacks[0]).toMatchObject({ toHit: 4, damage: '1d4+2', damageType: 'bludgeoning' });
    expect(w.entry.notModelled).toContain('Lash: its damage on a miss (Hit or Miss) is dealt on hits only');
    expect(w.entry.notModelled).toContain('Action: Freezing Stare (petrifies, restrains; DC 12 Wisdom save)');
    expect(action<SaveAction>(w, 'Cold Breath')).toMatchObject({ dc: 12, ability: 'con', damage: '5d8', damageType: 'cold', onSuccess: 'half', uses: { per: 'recharge', min: 5 } });
  });

  it('reads "(3/Day)" in a name, conditional resistances and a bestiary file of several monsters', () => {
    const spitter = {
      ...goblin5e, name: 'Spitting Goblin',
      action: [
        { name: 'Acid Spit (2/Day)', entries: ['{@atk rw} {@hit 5} to hit, range 30 ft., one target. {@h}10 ({@damage 3d6}) acid damage.'] },
        { name: 'Club', entries: ['{@atk mw} {@hit 3} to hit, reach 5 ft., one target. {@damage 1d4 + 1} bludgeoning damage.'] },
      ],
      resist: ['necrotic', { resist: ['bludgeoning', 'piercing', 'slashing'], note: 'from nonmagical attacks', cond: true }],
      immune: [{ special: 'damage from spells' }],
      conditionImmune: [{ conditionImmune: ['charmed'], note: 'while raging' }, 'frightened'],
    };
    const r = importMonsters(JSON.stringify({ _meta: { sources: [] }, monster: [goblin5e, spitter, wolf5e] }));
    expect(r.problems).toEqual([]);
    expect(r.monsters.map((m) => m.entry.name)).toEqual(['Goblin', 'Spitting Goblin', 'Wolf']);
    const s = r.monsters[1];
    expect(action(s, 'Acid Spit')).toMatchObject({ uses: { per: 'long-rest', count: 2 } });
    expect(action<AttackAction>(s, 'Club').attacks[0]).toMatchObject({ toHit: 3, damage: '1d4+1', damageType: 'bludgeoning' });
    expect(s.entry.resistances).toEqual(['necrotic', 'bludgeoning', 'piercing', 'slashing']);
    expect(s.entry.immunities).toEqual([]);
    expect(s.entry.conditionImmunities).toEqual(['charmed', 'frightened']);
    expect(s.entry.approximations).toContain('Resistance to bludgeoning, piercing and slashing from nonmagical attacks: applied to all such damage');
    expect(s.entry.notModelled).toContain('Immunity: damage from spells');
  });

  it('says when a 5etools entry only copies another monster', () => {
    const r = importMonsters(JSON.stringify({ name: 'Goblin Boss', source: 'MM', _copy: { name: 'Goblin', source: 'MM' }, cr: '1' }));
    expect(r.monsters).toHaveLength(1);
    expect(r.monsters[0].notes.some((n) => n.startsWith('_copy:'))).toBe(true);
  });

  it('imports what it can from a monster with odd fields and lists the rest', () => {
    const odd = { ...goblin5e, ac: ['very high'], hp: { special: 'see below' }, str: 'strong', cr: { cr: 'Unknown' }, save: { dex: 'good' }, sparkle: true };
    const m = only(JSON.stringify(odd));
    expect(m.entry.ac).toBe(10);
    expect(m.entry.hp).toBe(1);
    expect(m.entry.abilities.str).toBe(10);
    expect(action<AttackAction>(m, 'Scimitar').attacks[0].damage).toBe('1d6+2');
    expect(m.notes).toEqual(expect.arrayContaining([
      'ac: no number found; used 10', 'hp: no number found; used 1', 'cr: {"cr":"Unknown"} is not a challenge rating; used 0',
      'save.dex: "good" could not be read', 'fields not used: sparkle',
    ]));
    expect(m.notes.some((n) => n.startsWith('str:'))).toBe(true);
    expect(simulationProblem(m.entry.creature)).toBeNull();
  });

  it('a number past the engine\'s limits in an action names the action and the field; the rest still compiles', () => {
    const withSecond = (entries: string) => JSON.stringify({ ...goblin5e, action: [goblin5e.action[0], { name: 'Smash', entries: [entries] }] });
    const cases: Array<[string, string]> = [
      ['{@atk mw} {@hit 4} to hit. {@h}5 ({@damage 999999d999999}) slashing damage.',
        'action[1] (Smash): slashing damage: Dice expression "999999d999999" is not valid: 999999 dice is more than the limit of 500 at position 1'],
      ['{@atk mw} {@hit 4} to hit. {@h}5 ({@damage 1d6 + 99999999}) slashing damage.',
        'action[1] (Smash): slashing damage: Dice expression "1d6+99999999" is not valid: a number 99999999 is too large at position 5'],
      [`Each creature must make a {@dc 14} Dexterity saving throw, taking 10 ({@damage 3d6${'+1d4'.repeat(41)}}) fire damage on a failed save.`,
        'action[1] (Smash): fire damage: Dice expression "3d6+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1d4+1..." is not valid: more than 40 dice terms at position 161'],
      ['{@atk mw} {@hit 99999999} to hit. {@h}5 ({@damage 1d6}) slashing damage.',
        'Smash: left out of the simulation (attacks[0].toHit: must be a whole number from -20 to 50, got 99999999)'],
      ['Each creature must make a {@dc 99999999} Dexterity saving throw, taking 10 ({@damage 3d6}) fire damage on a failed save.',
        'Smash: left out of the simulation (dc: must be a whole number from 1 to 40, got 99999999)'],
    ];
    for (const [entries, note] of cases) {
      const m = only(withSecond(entries));
      expect(m.notes).toContain(note);
      expect(m.entry.creature.actions.map((a) => a.name)).toEqual(['Scimitar']);
      expect(simulationProblem(m.entry.creature)).toBeNull();
    }
  });
});

// ------------------------------------------------------------------ SRD API

describe('importing 5e SRD API monsters', () => {
  it('reads one monster, a list and an API result list', () => {
    const one = only(JSON.stringify(srdGoblin));
    expect(one.entry).toMatchObject({ id: 'goblin', ac: 15, hp: 7, cr: 0.25, xp: 50 });
    expect(action<AttackAction>(one, 'Scimitar').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'slashing' });
    expect(importMonsters(JSON.stringify([srdGoblin, { ...srdGoblin, index: 'goblin-2', name: 'Goblin Two' }])).monsters).toHaveLength(2);
    expect(importMonsters(JSON.stringify({ count: 1, results: [srdGoblin] })).monsters).toHaveLength(1);
  });

  it('reads a list that mixes both formats', () => {
    const r = importMonsters(JSON.stringify([srdGoblin, goblin5e]));
    expect(r.problems).toEqual([]);
    expect(r.monsters.map((m) => m.entry.ac)).toEqual([15, 15]);
  });

  it('explains a result list that holds only references', () => {
    const r = importMonsters(JSON.stringify({ count: 1, results: [{ index: 'goblin', name: 'Goblin', url: '/api/2014/monsters/goblin' }] }));
    expect(r.monsters).toEqual([]);
    expect(r.problems).toEqual(['results[0] (Goblin): only a reference to /api/2014/monsters/goblin; fetch the monster itself (its full JSON) and import that']);
  });

  it('imports what it can from an SRD monster with missing and odd fields', () => {
    const broken = { ...srdGoblin, armor_class: 'fifteen', hit_points: undefined, challenge_rating: 99, actions: [srdGoblin.actions[0], 42, { name: 'Bad', attack_bonus: 'x' }] };
    const m = only(JSON.stringify(broken));
    expect(m.entry.ac).toBe(10);
    expect(m.entry.hp).toBe(7); // from the hit dice
    expect(m.entry.cr).toBe(0);
    expect(m.notes).toEqual(expect.arrayContaining(['hit_points: missing; used 7', 'challenge_rating: missing; used 0']));
    expect(m.notes.some((n) => n.startsWith('armor_class:'))).toBe(true);
    expect(m.notes.some((n) => n.startsWith('actions[1]:'))).toBe(true);
    expect(action<AttackAction>(m, 'Scimitar').attacks[0].toHit).toBe(4);
  });
});

// ------------------------------------------------------------------ bad input

describe('bad input', () => {
  it('says when pasted text is not JSON, and where', () => {
    const r = importMonsters('{ "name": "Goblin", ac: 15 }');
    expect(r.monsters).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^This is not JSON: /);
    expect(r.problems[0]).toMatch(/line 1, column \d+|position \d+/);
    expect(importMonsters('Goblin, AC 15, HP 7').problems[0]).toMatch(/^This is not JSON/);
  });

  it('refuses more than 5 MB with a clear message', () => {
    const r = importMonsters(`[${' '.repeat(IMPORT_LIMIT_BYTES)}]`);
    expect(r.monsters).toEqual([]);
    expect(r.problems).toEqual(['The text is 5.0 MB; monster files up to 5.0 MB can be imported']);
  });

  it('a save DC the engine cannot take (0) is noted and the action still compiles', () => {
    const text = JSON.stringify({
      name: 'Trickster', armor_class: 12, hit_points: 9, special_abilities: [],
      actions: [{ name: 'Trip', desc: 'knocked {@condition prone}', dc: { dc_type: { index: 'dex' }, dc_value: 0, success_type: 'half' } }],
    });
    const result = importMonsters(text);
    expect(result.problems).toEqual([]);
    const notes = result.monsters.flatMap((m) => m.notes);
    expect(notes.some((n) => /dc_value|dc/.test(n) && /0/.test(n))).toBe(true);
    for (const m of result.monsters) expect(simulationProblem(m.entry.creature)).toBeNull();
  });

  it('says when JSON is not a monster', () => {
    expect(importMonsters('{"party": []}').problems).toEqual(['This does not look like a monster from the 5e SRD API, the Open5e API or 5etools (its fields: party)']);
    expect(importMonsters('[1, {"x": 2}]').problems).toEqual([
      '[0]: this does not look like a monster from the 5e SRD API, the Open5e API or 5etools',
      '[1]: this does not look like a monster from the 5e SRD API, the Open5e API or 5etools',
    ]);
    expect(importMonsters('42').problems[0]).toMatch(/not a monster/);
    expect(importMonsters('   ').problems).toEqual(['There is nothing to import: the text is empty']);
    expect(importMonsters('{"monster": 3}').problems[0]).toMatch(/"monster" should be a list/);
  });

  const tagged = fc.array(fc.constantFrom(
    '{@atk mw}', '{@atkr m}', '{@hit 4}', '{@hit -2}', ' to hit', '{@h}', '5 ({@damage 1d6 + 2}) slashing damage', '({@damage 99d999}) fire damage',
    'plus 7 ({@damage 2d6}) poison damage', '{@dc 13}', '{@dc 99}', 'Dexterity saving throw', 'half as much damage', '{@recharge 5}', '{@recharge}',
    'makes two attacks', ': one with its bite and two with its claws', 'or', '.', 'knocked {@condition prone}', 'regains 10 ({@dice 3d6}) hit points',
    '{@actSave dex}', '{@actSaveFail}', '{@actSaveSuccess} Half damage.', 'each creature in a 20-foot radius', '{@', '}', '{@damage }', '1d0', '(3/Day)',
  ), { maxLength: 12 }).map((parts) => parts.join(' '));
  const action5e = fc.record({ name: fc.oneof(fc.constantFrom('Multiattack', 'Bite', 'Claws', 'Breath {@recharge 4}', 'Spit (2/Day)'), fc.string()), entries: fc.array(fc.oneof(tagged, fc.jsonValue()), { maxLength: 3 }) });
  const monster5e = fc.record({
    name: fc.oneof(fc.string(), fc.jsonValue()),
    ac: fc.oneof(fc.array(fc.oneof(fc.integer({ min: -5, max: 60 }), fc.record({ ac: fc.integer(), condition: fc.string() }))), fc.jsonValue()),
    hp: fc.oneof(fc.record({ average: fc.integer(), formula: fc.oneof(fc.string(), fc.constantFrom('2d6', '16d10 + 48', '0d0', '1d6-20')) }), fc.jsonValue()),
    str: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.jsonValue()),
    cr: fc.oneof(fc.constantFrom('1/4', '30', '31', 'Unknown'), fc.jsonValue()),
    save: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
    resist: fc.jsonValue(),
    action: fc.oneof(fc.array(action5e, { maxLength: 5 }), fc.jsonValue()),
    legendary: fc.array(action5e, { maxLength: 3 }),
    trait: fc.array(action5e, { maxLength: 3 }),
  }, { requiredKeys: [] });
  const damage = fc.record({ damage_dice: fc.oneof(fc.constantFrom('1d6+2', '2d6', '1', '1d0', 'x'), fc.jsonValue()), damage_type: fc.oneof(fc.record({ index: fc.constantFrom('fire', 'slashing', 'psychic', 'bogus') }), fc.jsonValue()) }, { requiredKeys: [] });
  const actionSrd = fc.record({
    name: fc.oneof(fc.constantFrom('Multiattack', 'Bite', 'Claw'), fc.string()),
    desc: fc.oneof(tagged, fc.string()),
    attack_bonus: fc.oneof(fc.integer({ min: -30, max: 60 }), fc.jsonValue()),
    damage: fc.oneof(fc.array(damage, { maxLength: 3 }), fc.jsonValue()),
    dc: fc.oneof(fc.record({ dc_type: fc.record({ index: fc.constantFrom('dex', 'con', 'xyz') }), dc_value: fc.integer({ min: -5, max: 60 }), success_type: fc.constantFrom('half', 'none') }), fc.jsonValue()),
    usage: fc.oneof(fc.record({ type: fc.constantFrom('recharge on roll', 'per day', 'recharge after rest', 'sometimes'), times: fc.integer(), min_value: fc.integer() }), fc.jsonValue()),
    actions: fc.array(fc.record({ action_name: fc.constantFrom('Bite', 'Claw', 'Nothing'), count: fc.oneof(fc.integer({ min: -3, max: 50 }), fc.string()) })),
    multiattack_type: fc.constantFrom('actions'),
  }, { requiredKeys: [] });
  const monsterSrd = fc.record({
    name: fc.oneof(fc.string(), fc.jsonValue()),
    armor_class: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('natural', 'spell'), value: fc.integer({ min: -5, max: 80 }) })), fc.jsonValue()),
    hit_points: fc.oneof(fc.integer({ min: -5, max: 200000 }), fc.jsonValue()),
    hit_dice: fc.oneof(fc.constantFrom('2d6', '400d12', '0d4'), fc.jsonValue()),
    hit_points_roll: fc.oneof(fc.constantFrom('2d6', '2d6+1000', 'x'), fc.jsonValue()),
    constitution: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.jsonValue()),
    challenge_rating: fc.oneof(fc.constantFrom(0, 0.125, 0.3, 17, 31), fc.jsonValue()),
    proficiencies: fc.jsonValue(),
    damage_resistances: fc.oneof(fc.array(fc.constantFrom('fire', 'bludgeoning, piercing, and slashing from nonmagical weapons', 'damage from spells', 'gold')), fc.jsonValue()),
    special_abilities: fc.jsonValue(),
    actions: fc.oneof(fc.array(actionSrd, { maxLength: 5 }), fc.jsonValue()),
    legendary_actions: fc.jsonValue(),
  }, { requiredKeys: [] });

  function checkNeverThrows(text: string): void {
    const r = importMonsters(text);
    expect(Array.isArray(r.monsters)).toBe(true);
    expect(Array.isArray(r.problems)).toBe(true);
    for (const m of r.monsters) expect(simulationProblem(m.entry.creature)).toBeNull();
  }

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => checkNeverThrows(s)), { numRuns: 300 });
  });

  it('never throws on arbitrary JSON, and everything it imports compiles', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkNeverThrows(JSON.stringify(v) ?? 'null')), { numRuns: 300 });
  });

  it('never throws on monster-shaped JSON with odd values, and everything it imports compiles', () => {
    fc.assert(fc.property(fc.oneof(monster5e, monsterSrd, fc.array(fc.oneof(monster5e, monsterSrd), { maxLength: 3 })), (v) => checkNeverThrows(JSON.stringify(v))), { numRuns: 400 });
  });
});
