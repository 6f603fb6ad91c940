// battlesim2's saves in the shapes its own repository holds (engine-side spelling, areas on all
// enemies, big encounters, an unfilled first fight, a DC of 0 in toHit, files whose every action
// is skipped), written by hand here: each loads as its author meant or is refused with the reason,
// and each survives an export-import-export round trip.

import { describe, expect, it } from 'vitest';
import { compileScenario, replayRun, type AttackAction, type HealAction, type SaveAction } from '../../engine/index.ts';
import { MAX_COMBATANTS_PER_SIDE } from '../../engine/compiled.ts';
import { loadScenarioJson, type LoadedScenario } from '../format/load.ts';
import { scenarioError } from '../format/test-helpers.ts';
import { exportBattleSim } from './battlesim-export.ts';

type Doc = Record<string, unknown>;

const sword = { name: 'Sword', type: 'atk', actionSlot: 0, dpr: '1d8+3', toHit: 5, target: 'enemy with least HP', targets: 1, freq: 'at will', condition: 'default' };
const scimitar = { name: 'Scimitar', type: 'atk', actionSlot: 0, dpr: '1d6+2', toHit: 4, target: 'enemy with least HP', targets: 1, freq: 'at will', condition: 'default' };
const hero = (extra: Doc = {}): Doc => ({ name: 'Hero', hp: 30, ac: 16, saveBonus: 2, actions: [sword], ...extra });
const goblins = (count = 3, extra: Doc = {}): Doc => ({ name: 'Goblin', count, hp: 7, ac: 15, saveBonus: 0, actions: [scimitar], ...extra });

/** Export what was loaded, load that back, export again: the two exports say the same. */
function roundTrip(loaded: LoadedScenario): void {
  const first = exportBattleSim(loaded.name, loaded.spec);
  const back = loadScenarioJson(JSON.parse(first.text), 'export.json');
  const second = exportBattleSim(back.name, back.spec);
  expect(JSON.parse(second.text)).toEqual(JSON.parse(first.text));
  expect(back.spec.encounters.length).toBe(loaded.spec.encounters.length);
}

describe('battlesim2 engine-side spelling', () => {
  // The shape of battlesim2's engine test files: snake_case fields, actions without a type.
  const doc = {
    name: 'Minimal',
    players: [{
      name: 'Fighter', hp: 44, ac: 18, save_bonus: 3, initiative_bonus: 2, con_save_bonus: 5,
      actions: [{ name: 'Longsword', action_slot: 0, dpr: '1d8+4', to_hit: 7, target: 'enemy_with_least_hp', targets: 2, freq: 'at_will' }],
    }],
    encounters: [{
      monsters: [{
        name: 'Orc', count: 2, hp: 15, ac: 13, save_bonus: 1,
        actions: [{ name: 'Greataxe', action_slot: 0, dpr: '1d12+3', to_hit: 5, target: 'enemy_with_most_hp' }],
      }],
      players_surprised: true,
    }],
  };

  it('reads snake_case fields, typeless attacks and snake_case targets as what they mean', () => {
    const loaded = loadScenarioJson(doc, 'minimal_scenario.json');
    const [fighter] = loaded.spec.party;
    expect(fighter).toMatchObject({ hp: 44, ac: 18, initiativeBonus: 2 });
    expect(fighter.saves).toEqual({ str: 3, dex: 3, con: 5, int: 3, wis: 3, cha: 3 });
    const longsword = fighter.actions[0] as AttackAction;
    expect(longsword).toMatchObject({ type: 'attack', slot: 'action', targeting: 'lowest-hp', uses: { per: 'at-will' } });
    expect(longsword.attacks[0]).toMatchObject({ toHit: 7, damage: '1d8+4', count: 2 });
    const orc = loaded.spec.encounters[0].enemies[0];
    expect((orc.actions[0] as AttackAction).targeting).toBe('highest-hp');
    expect(loaded.spec.encounters[0].surprise).toBe('party');
    expect(loaded.warnings.join('\n')).not.toMatch(/skipped|only take hits|not simulated yet/);
    expect(loaded.warnings).toContain('The file is written in battlesim2\'s engine-side spelling (snake_case fields such as to_hit and action_slot, actions without a type); it was read as such.');
    roundTrip(loaded);
  });

  it('names a wrong field as the file spells it', () => {
    const bad = structuredClone(doc);
    (bad.players[0].actions[0] as Doc).to_hit = 'sharp';
    expect(scenarioError(() => loadScenarioJson(bad, 'f.json')).issues[0].path).toBe('players[0].actions[0].to_hit');
  });
});

describe('battlesim2 areas: "all enemies" and "all allies" with targets', () => {
  // battlesim2's onboarding example: Fireball and the breath weapon on all enemies, targets 10,
  // with the save DC written in toHit.
  const dragon = {
    name: 'Red Dragon Fight',
    players: [
      { name: 'Fighter', hp: 96, ac: 20, saveBonus: 6, actions: [{ ...sword, targets: 3, toHit: 11, dpr: '2d6+6' }] },
      { name: 'Wizard', hp: 52, ac: 14, saveBonus: 5, actions: [{ name: 'Fireball', type: 'atk', actionSlot: 0, freq: { reset: 'sr', uses: 3 }, dpr: '8d6', toHit: 15, target: 'all enemies', targets: 10, tags: ['Spell', 'Fire', 'AoE'] }] },
      { name: 'Cleric', hp: 70, ac: 18, saveBonus: 5, actions: [{ name: 'Mass Cure', type: 'heal', actionSlot: 0, amount: '3d8+4', target: 'all allies', targets: 6, condition: 'ally under half HP', freq: '1/day' }, sword] },
      { name: 'Rogue', hp: 60, ac: 16, saveBonus: 4, actions: [sword] },
    ],
    encounters: [{
      monsters: [{
        name: 'Adult Red Dragon', hp: 189, ac: 19, saveBonus: 9,
        actions: [
          { name: 'Multiattack', type: 'atk', actionSlot: 0, dpr: '2d10+10', toHit: 12, target: 'enemy with least HP', targets: 2 },
          { name: 'Breath Weapon', type: 'atk', actionSlot: 0, freq: { reset: 'recharge', cooldownRounds: 5 }, dpr: '18d6', toHit: 18, useSaves: true, halfOnSave: true, target: 'all enemies', targets: 10, tags: ['Fire', 'AoE'] },
        ],
      }],
    }],
  };

  it('an area is rolled once and catches every creature of that side up to targets, each saving on its own', () => {
    const loaded = loadScenarioJson(dragon, 'dragon.json');
    const breath = loaded.spec.encounters[0].enemies[0].actions.find((a) => a.name === 'Breath Weapon') as SaveAction;
    expect(breath).toMatchObject({ type: 'save', dc: 18, ability: 'dex', damage: '18d6', damageType: 'fire', onSuccess: 'half', targets: 10 });
    // Without useSaves an area is still a saving throw (5e has no area attack rolls): toHit is its DC.
    const fireball = loaded.spec.party[1].actions[0] as SaveAction;
    expect(fireball).toMatchObject({ type: 'save', dc: 15, damage: '8d6', damageType: 'fire', targets: 10 });
    expect(loaded.warnings).toContain('Wizard: action "Fireball" targets all enemies, an area: it is simulated as a saving throw (5e has no area attack rolls), with toHit 15 read as the save DC and no damage on a success (set useSaves and halfOnSave for half).');
    const cure = loaded.spec.party[2].actions[0] as HealAction;
    expect(cure).toMatchObject({ type: 'heal', targets: 6, targeting: 'lowest-hp-fraction' });
    expect(loaded.warnings.join('\n')).not.toMatch(/"all enemies" is not simulated|"all allies" is not simulated/);

    // In the replay, each breath catches the characters standing once each, and each rolls its own save.
    const compiled = compileScenario(loaded.spec);
    const breaths: string[][] = [];
    for (let run = 0; run < 20 && breaths.length === 0; run++) {
      let current: string[] | null = null;
      for (const e of replayRun(compiled, 7, run).events as Array<Record<string, unknown>>) {
        if (e.t === 'save' && e.who === 'Adult Red Dragon') (current ??= []).push(String(e.target));
        else if (current) {
          breaths.push(current);
          current = null;
        }
      }
    }
    expect(breaths.length).toBeGreaterThan(0);
    for (const caught of breaths) expect(caught.length > 1 && new Set(caught).size === caught.length).toBe(true);
    roundTrip(loaded);
  });
});

describe('battlesim2 counts, empty encounters and the DC in toHit', () => {
  const big = { players: [hero(), hero({ name: 'Hero 2' })], encounters: [{ monsters: [goblins(80, { ac: 5, hp: 7 })] }] };

  it('an encounter of 80 monsters loads (the engine takes up to 100 on a side)', () => {
    expect(MAX_COMBATANTS_PER_SIDE).toBe(100);
    const loaded = loadScenarioJson(big, 'high_ac_test.json');
    expect(loaded.spec.encounters[0].enemies[0].count).toBe(80);
    roundTrip(loaded);
  });

  it('a side of more than the engine takes is refused at the side with both numbers', () => {
    const huge = { ...big, encounters: [{ monsters: [goblins(101, { ac: 5, hp: 7 })] }] };
    const error = scenarioError(() => loadScenarioJson(huge, 'huge.json'));
    expect(error.issues[0]).toEqual({
      path: 'encounters[0].monsters',
      message: `has 101 combatants once each count is expanded, more than the limit of ${MAX_COMBATANTS_PER_SIDE}`,
    });
  });

  it('an empty encounter is skipped with a warning; a day of empty encounters is refused with the reason', () => {
    const loaded = loadScenarioJson({ players: [hero()], encounters: [{ monsters: [] }, { monsters: [goblins()], shortRest: true }] }, 'day.json');
    expect(loaded.spec.encounters).toHaveLength(1);
    expect(loaded.spec.encounters[0].enemies[0].name).toBe('Goblin');
    expect(loaded.warnings).toContain('Encounter 1 has no monsters (a fight not filled in yet?), so it was skipped.');
    roundTrip(loaded);
    const timeline = loadScenarioJson({ players: [hero()], timeline: [{ type: 'combat', monsters: [goblins()] }, { type: 'shortRest' }, { type: 'combat', monsters: [] }] }, 't.json');
    expect(timeline.spec.encounters).toHaveLength(1);
    const error = scenarioError(() => loadScenarioJson({ players: [hero()], encounters: [{ monsters: [], playersSurprised: false }] }, 'fighters_1st_encounter.json'));
    expect(error.issues[0]).toEqual({ path: 'encounters', message: 'has no encounter with monsters (1 encounter, all empty), so there is no fight to simulate' });
  });

  it('a save DC read from toHit is named as such; a DC below 1 is taken with a warning that every target succeeds', () => {
    const fireball = { name: 'Fireball', type: 'atk', actionSlot: 0, dpr: '8d6', toHit: 0, useSaves: true, halfOnSave: true, target: 'enemy with most HP', targets: 5 };
    const loaded = loadScenarioJson({ players: [hero({ name: 'Wizard', actions: [fireball, sword] })], encounters: [{ monsters: [goblins(5, { saveBonus: 2 })] }] }, '02_fireball_aoe.json');
    const save = loaded.spec.party[0].actions[0] as SaveAction;
    expect(save).toMatchObject({ type: 'save', dc: 1, targets: 5, onSuccess: 'half' });
    expect(loaded.warnings).toContain('Wizard: action "Fireball" toHit 0 (read as the save DC) is below 1, so every target with a save bonus of 0 or more succeeds; it is simulated as DC 1, the lowest the simulator takes, which gives the same saves for those targets.');
    roundTrip(loaded);
    const tooHigh = scenarioError(() => loadScenarioJson({ players: [hero({ actions: [{ ...fireball, toHit: 45 }] })], encounters: [{ monsters: [goblins()] }] }, 'f.json'));
    expect(tooHigh.issues[0]).toEqual({ path: 'players[0].actions[0].toHit (read as the save DC)', message: 'must be at most 40, got 45' });
    const rounded = loadScenarioJson({ players: [hero({ actions: [{ ...fireball, toHit: 14.6 }] })], encounters: [{ monsters: [goblins()] }] }, 'f.json');
    expect(rounded.warnings).toContain('Hero: action "Fireball" toHit (read as the save DC) 14.6 was rounded to 15, as the simulator uses whole numbers.');
  });
});

describe('battlesim2 files with nothing to simulate', () => {
  it('a file from which every action was skipped is refused, naming the first reason', () => {
    const reaction = { name: 'Riposte', type: 'atk', actionSlot: 4, dpr: '1d8', toHit: 5 };
    const doc = { players: [hero({ actions: [reaction] })], encounters: [{ monsters: [goblins(2, { actions: [{ ...scimitar, type: 'cast' }] })] }] };
    const error = scenarioError(() => loadScenarioJson(doc, 'skipped.json'));
    expect(error.issues[0]).toEqual({
      path: 'players[0].actions[0]',
      message: 'every action of every creature was skipped (2 actions), so there is nothing to simulate; the first: Hero: action "Riposte" (attack in action slot 4, reaction) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
    });
  });

  it('a file whose creatures have no actions at all is refused too', () => {
    const error = scenarioError(() => loadScenarioJson({ players: [hero({ actions: [] })], encounters: [{ monsters: [goblins(2, { actions: [] })] }] }, 'empty.json'));
    expect(error.issues[0]).toEqual({ path: 'players', message: 'no creature has an action, so there is nothing to simulate' });
  });
});

describe('battlesim2 warnings grouped and counted', () => {
  const reactions = Array.from({ length: 8 }, (_, i) => ({ name: `Reaction ${i + 1}`, type: 'atk', actionSlot: 4, dpr: '1d6', toHit: 5 }));
  const precast = Array.from({ length: 4 }, (_, i) => ({ name: `Precast ${i + 1}`, type: 'buff', actionSlot: -3, target: 'ally with the least HP', buff: { ac: 1 } }));
  const doc = {
    players: [hero({ actions: [sword, ...reactions.slice(0, 4), ...precast.slice(0, 2)], classResources: {} }), hero({ name: 'Hero 2', actions: [sword, ...reactions.slice(4), ...precast.slice(2)] })],
    encounters: [{ monsters: [goblins(2, { actions: [{ ...scimitar, target: 'enemy with highest AC' }] })] }],
  };

  it('counts skipped actions by reason, with what changes the answer first', () => {
    const loaded = loadScenarioJson(doc, 'many.json');
    const groups = loaded.warningGroups;
    expect(groups[0].title).toBe('12 actions skipped: 8 reactions, 4 pre-combat buffs');
    expect(groups[0].warnings).toHaveLength(12);
    expect(groups.map((g) => g.title)).toEqual([
      '12 actions skipped: 8 reactions, 4 pre-combat buffs',
      '1 approximation',
      '1 note on ignored fields',
    ]);
    expect(groups.reduce((n, g) => n + g.warnings.length, 0)).toBe(loaded.warnings.length);
  });
});
