import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileScenario, diceMean, parseDice, simulate, type ActionSpec, type AttackAction, type HealAction, type SaveAction } from '../../engine/index.ts';
import { averageToDice, rechargeForCooldown } from './battlesim.ts';
import { toScenarioFile } from '../format/canonical.ts';
import { loadScenarioJson, loadScenarioText } from '../format/load.ts';
import { scenarioError } from '../format/test-helpers.ts';

const referenceDir = new URL('../../../../shared/reference/battlesim/', import.meta.url);
const haveReference = existsSync(fileURLToPath(referenceDir));
if (!haveReference) console.info(`Skipping the BattleSim reference files: ${fileURLToPath(referenceDir)} is absent, as in a user's clone.`);
const reference = (name: string) => readFileSync(new URL(name, referenceDir), 'utf8');

/** Dice text as numbers that do not depend on spelling: "2d6 + 5[STR] + 2[WEAPON]" equals "2d6+7". */
function sameDice(actual: string, expected: string): void {
  const a = parseDice(actual);
  const e = parseDice(expected);
  expect({ terms: a.terms, flat: a.flat }).toEqual({ terms: e.terms, flat: e.flat });
}

const attack = (a: ActionSpec | undefined): AttackAction => {
  expect(a?.type).toBe('attack');
  return a as AttackAction;
};
const heal = (a: ActionSpec | undefined): HealAction => {
  expect(a?.type).toBe('heal');
  return a as HealAction;
};

describe.skipIf(!haveReference)('BattleSim reference files (skipped when ../shared/reference is absent, as in a user clone)', () => {
  it('single-attack.json: one fighter against one goblin', () => {
    const loaded = loadScenarioText(reference('single-attack.json'), 'single-attack.json');
    expect(loaded.source).toBe('battlesim');
    expect(loaded.name).toBe('Basic Attack Validation');
    const [fighter] = loaded.spec.party;
    expect(fighter).toMatchObject({ name: 'Fighter 5', kind: 'character', count: 1, hp: 44, ac: 18, initiativeBonus: 3 });
    expect(fighter.saves).toEqual({ str: 3, dex: 3, con: 3, int: 3, wis: 3, cha: 3 });
    const longsword = attack(fighter.actions[0]);
    expect(longsword).toMatchObject({ name: 'Longsword', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'highest-hp' });
    expect(longsword.attacks).toEqual([{ toHit: 5, damage: '1d8+3', damageType: 'bludgeoning', count: 1, critOn: 20, reach: 'melee' }]);
    expect(loaded.spec.encounters).toHaveLength(1);
    const [goblin] = loaded.spec.encounters[0].enemies;
    expect(goblin).toMatchObject({ name: 'Goblin', kind: 'monster', hp: 7, ac: 15, initiativeBonus: 2 });
    expect(attack(goblin.actions[0]).attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', count: 1 });
  });

  it('kaelen2-party-of-four.json: dice-text bonuses, templates, buffs, skipped actions and the heal', () => {
    const loaded = loadScenarioText(reference('kaelen2-party-of-four.json'), 'kaelen2.json');
    const [van, alestair, andreas, bob] = loaded.spec.party;
    expect(loaded.spec.party.map((c) => c.name)).toEqual(['Van', 'Alestair', 'Andreas', 'Bob']);

    // "AC" (capitalised) and initiativeAdvantage; Action Surge (slot 5) is left out.
    expect(van).toMatchObject({ hp: 57, ac: 20, initiativeAdvantage: true, initiativeBonus: 0 });
    expect(van.actions).toHaveLength(1);
    const greatsword = attack(van.actions[0]);
    expect(greatsword.name).toBe('Greatsword x2');
    expect(greatsword.targeting).toBe('lowest-hp');
    expect(greatsword.attacks).toHaveLength(1);
    expect(greatsword.attacks[0].toHit).toBe(10); // 3[PB] + 5[STR] + 2[WEAPON]
    expect(greatsword.attacks[0].count).toBe(2);
    sameDice(greatsword.attacks[0].damage, '2d6+7');

    // Lay on Hands: 1/day, "ally at 0 HP", tried before the at-will attack.
    expect(heal(alestair.actions[0])).toEqual({
      type: 'heal', name: 'Lay on Hands', slot: 'action', uses: { per: 'long-rest', count: 1 }, condition: 'ally-down',
      targeting: 'lowest-hp-fraction', amount: '35', targets: 1, temporary: false,
    });
    const gwm = attack(alestair.actions[1]);
    expect(gwm.attacks[0].toHit).toBe(5); // 3 + 5 + 2 - 5[GWM]
    sameDice(gwm.attacks[0].damage, '2d6+19');

    expect(andreas.actions.map((a) => a.name)).toEqual(['Hand Crossbow x2 + Crossbow Expert + Hunter\'s Mark', 'Crossbow Expert']);
    expect(attack(andreas.actions[0]).attacks[0]).toMatchObject({ toHit: 5, count: 3 });
    // Hunter's Mark (template, bonus action) comes after the two actions, as in the file.
    expect(andreas.effectActions).toEqual([{
      type: 'effect', name: 'Hunter\'s Mark', slot: 'bonus', uses: { per: 'at-will' }, condition: 'always',
      spell: { level: 1, concentration: true }, target: 'enemies', enemyTargeting: 'lowest-hp', targets: 1,
      effect: { name: 'Hunter\'s Mark', duration: { kind: 'encounter' }, markDamage: '1d6', markDamageType: 'piercing' }, position: 2,
    }]);
    // Bob dodges: attacks against him have disadvantage until his next turn.
    expect(bob.actions).toEqual([]);
    expect(bob.effectActions?.[0]).toMatchObject({ name: 'Dodge', target: 'self', effect: { duration: { kind: 'rounds', rounds: 1 }, attacksAgainst: 'disadvantage' } });

    const [kaelen, boris, erica] = loaded.spec.encounters[0].enemies;
    expect(kaelen).toMatchObject({ name: 'Kaelen', kind: 'monster', hp: 90, ac: 15 });
    expect(kaelen.saves.wis).toBe(4);
    expect(kaelen.actions.map((a) => [a.name, a.slot])).toEqual([['Greatsword x2', 'action'], ['Longtooth', 'bonus']]);
    // Rage before the fight and Reckless Attack at will are on from the start of the fight.
    expect(kaelen.effects?.map((e) => e.name)).toEqual(['Rage', 'Reckless Attack']);
    expect(kaelen.effects?.[0].resistances).toHaveLength(13);
    expect(kaelen.effects?.[1]).toMatchObject({ attacksBy: 'advantage', attacksAgainst: 'advantage' });
    expect(attack(kaelen.actions[1]).attacks[0].toHit).toBe(9);
    expect(heal(boris.actions[0])).toMatchObject({ name: 'Cure Wounds', uses: { per: 'long-rest', count: 2 }, condition: 'ally-down', amount: '1d8 + 4' });
    expect(erica.actions.map((a) => a.name)).toEqual(['Cure Wounds']);
    expect(erica.effectActions?.[0]).toMatchObject({ name: 'Bane', target: 'enemies', targets: 3, save: { ability: 'cha', dc: 15 }, uses: { per: 'long-rest', count: 2 } });
    expect(loaded.spec.encounters[0]).toMatchObject({ shortRestBefore: false, surprise: 'none' });

    expect(loaded.warnings).toEqual(expect.arrayContaining([
      'Andreas: action "Hunter\'s Mark" uses the Hunter\'s Mark template, simulated by the rules of the spell; the extra 1d6 is piercing (the weapon\'s type is not known).',
      'Van: action "Action Surge: Greatsword x2" (attack in action slot 5, Other 1) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
      'Alestair: action "Divine Smite" (buff in action slot 5, Other 1) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
      'Kaelen (encounter 1): action "Rage" (buff) is approximated: damage taken ×0.5 is simulated as resistance to every damage type.',
      'Kaelen (encounter 1): action "Rage" (action slot -3) is simulated as always on from the start of each fight.',
      'Kaelen (encounter 1): action "Death Damage" (attack in action slot 6, Other 2) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
      'Boris (encounter 1): action "Bless" (template Bless in action slot -3, before the encounter starts) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
      'Erica (encounter 1): action "Bane" uses the Bane template, simulated by the rules of the spell.',
      'players[3] (Bob) has no actions and will only take hits.',
    ]));
  });

  it('clerics-bless-bane.json: a d20 in toHit is dropped, Bless and Bane are simulated', () => {
    const loaded = loadScenarioText(reference('clerics-bless-bane.json'));
    expect(loaded.name).toBe('BattleSim import');
    for (const cleric of [...loaded.spec.party, ...loaded.spec.encounters[0].enemies]) {
      expect(cleric).toMatchObject({ hp: 40, ac: 15 });
      expect(cleric.actions).toHaveLength(1);
      const mace = attack(cleric.actions[0]);
      expect(mace.attacks[0]).toMatchObject({ toHit: 5, damage: '5', count: 1 });
    }
    expect(loaded.spec.party[0].initiativeBonus).toBe(20);
    expect(loaded.spec.party[0].effectActions?.[0]).toMatchObject({
      name: 'Bless', target: 'allies', targets: 2, uses: { per: 'encounter', count: 1 }, spell: { level: 1, concentration: true },
      effect: { attackBonus: '1d4', saveBonus: '1d4' },
    });
    expect(loaded.spec.party[1].effectActions?.[0]).toMatchObject({ name: 'Bane', target: 'enemies', save: { ability: 'cha', dc: 13 } });
    expect(loaded.warnings).toEqual(expect.arrayContaining([
      'PlayerCleric1: action "Bless" uses the Bless template, simulated by the rules of the spell.',
      'PlayerCleric2: action "Bane" uses the Bane template, simulated by the rules of the spell.',
      'PlayerCleric1: action "Mace" toHit "1d20+5" includes a d20, which was dropped: the simulator rolls the d20 itself.',
    ]));
  });

  it('two-fighters-three-encounters.json: rests, hit dice, per-ability saves and average damage', () => {
    const loaded = loadScenarioText(reference('two-fighters-three-encounters.json'));
    expect(loaded.name).toBe('Fighters_3_Encounters');
    const [first, second] = loaded.spec.party;
    expect(first).toMatchObject({ name: 'Lv10 Fighter', hp: 75, ac: 18, hitDice: '10d10', conModifier: 2 });
    expect(first.saves).toEqual({ str: 4, dex: 4, con: 6, int: 4, wis: 4, cha: 4 });
    expect(heal(first.actions[0])).toEqual({
      type: 'heal', name: 'Second Wind', slot: 'bonus', uses: { per: 'short-rest', count: 1 }, condition: 'self-below-half',
      targeting: 'self', amount: '1d10 + 10', targets: 1, temporary: false,
    });
    expect(attack(first.actions[1]).attacks[0].toHit).toBe(6); // 4 + 5 + 2 - 5[GWM]
    expect(attack(second.actions[1]).attacks[0].toHit).toBe(11);
    sameDice(attack(second.actions[1]).attacks[0].damage, '2d6+7');

    // BattleSim rests before an encounter marked shortRest, i.e. between the second and third fights.
    expect(loaded.spec.encounters.map((e) => e.shortRestBefore)).toEqual([false, false, true]);

    const [boss] = loaded.spec.encounters[0].enemies;
    expect(boss).toMatchObject({ name: 'Goblin Boss', count: 3, hp: 21, ac: 17 });
    expect(boss.saves.dex).toBe(1); // saveBonus 0.5, rounded
    // Scimitar x 2 (2 x 5.5) is tried before the javelin (3.5); dpr 5.5 keeps its mean as 5+1d2-1.
    expect(boss.actions.map((a) => a.name)).toEqual(['Scimitar x 2', 'Javelin']);
    const scimitar = attack(boss.actions[0]).attacks[0];
    expect(scimitar).toMatchObject({ toHit: 4, damage: '5+1d2-1', count: 2 });
    expect(diceMean(parseDice(scimitar.damage))).toBe(5.5);
    expect(attack(boss.actions[1]).attacks[0].damage).toBe('3+1d2-1');

    expect(attack(loaded.spec.encounters[1].enemies[0].actions[0]).attacks[0].damage).toBe('12d1');
    const giant = loaded.spec.encounters[2].enemies[0];
    expect(giant).toMatchObject({ name: 'Hill Giant', hp: 105, ac: 13, initiativeBonus: 0 });
    expect(giant.saves.str).toBe(3); // 2.5, rounded
    expect(giant.actions.map((a) => a.name)).toEqual(['Greatclub x 2', 'Rock']);
    expect(loaded.warnings).toEqual(expect.arrayContaining([
      'Goblin Boss (encounter 1): saveBonus 0.5 was rounded to 1, as the simulator uses whole numbers.',
      'Goblin Boss (encounter 1): action "Javelin" dpr 3.5 is an average; it is simulated as "3+1d2-1", which has the same mean.',
      'Lv10 Fighter (player 1): action "Indomitable" (buff in action slot 6, Other 2) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
      'Lv10 Fighter (player 1): fields not simulated yet and ignored: classResources, actions[2].cost.',
    ]));
  });

  it('all four compile and simulate', () => {
    for (const name of ['single-attack.json', 'kaelen2-party-of-four.json', 'clerics-bless-bane.json', 'two-fighters-three-encounters.json']) {
      const { spec } = loadScenarioText(reference(name), name);
      const compiled = compileScenario(spec);
      expect(compiled.party.length).toBeGreaterThan(0);
      const agg = simulate(compiled, 7, 50);
      expect(agg.runs).toBe(50);
      // An imported scenario exports to our format and loads back unchanged.
      expect(loadScenarioText(toScenarioFile(name, spec)).spec).toEqual(spec);
    }
  });
});

/** A small BattleSim save with one player and one monster; `player` and `action` override fields. */
function battleSim(player: Record<string, unknown> = {}, action: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    players: [{
      id: 'p1', name: 'Hero', hp: 30, AC: 16, saveBonus: 2,
      actions: [{ id: 'a1', name: 'Sword', type: 'atk', actionSlot: 0, freq: 'at will', condition: 'default', targets: 1, dpr: '1d8+3', toHit: 5, target: 'enemy with least HP', ...action }],
      ...player,
    }],
    encounters: [{ monsters: [{ id: 'm1', name: 'Orc', hp: 15, AC: 13, saveBonus: 0, actions: [] }] }],
    ...extra,
  };
}
const firstAction = (doc: unknown) => loadScenarioJson(doc, 'save.json').spec.party[0].actions[0];

describe('BattleSim mapping', () => {
  it('maps each frequency', () => {
    const cases: Array<[unknown, unknown]> = [
      ['at will', { per: 'at-will' }],
      ['1/fight', { per: 'encounter', count: 1 }],
      ['1/day', { per: 'long-rest', count: 1 }],
      ['3/day', { per: 'long-rest', count: 3 }],
      [{ reset: 'sr', uses: 2 }, { per: 'short-rest', count: 2 }],
      [{ reset: 'lr', uses: 4 }, { per: 'long-rest', count: 4 }],
      [{ reset: 'recharge', cooldownRounds: 2 }, { per: 'recharge', min: 4 }],
      [{ reset: 'recharge', cooldownRounds: 3 }, { per: 'recharge', min: 5 }],
      [{ reset: 'recharge', cooldownRounds: 6 }, { per: 'recharge', min: 6 }],
    ];
    expect(cases.map(([freq]) => [freq, firstAction(battleSim({}, { freq })).uses])).toEqual(cases);
    const warned = loadScenarioJson(battleSim({}, { freq: { reset: 'recharge', cooldownRounds: 3 } })).warnings;
    expect(warned).toContain('Hero: action "Sword" freq cooldown of 3 rounds is approximated as recharge 5-6 (on average one use every 3 rounds).');
  });

  it('maps each target and condition', () => {
    const targets: Array<[string, string]> = [
      ['enemy with least HP', 'lowest-hp'], ['enemy with most HP', 'highest-hp'], ['enemy with highest DPR', 'highest-damage'],
      ['enemy with lowest AC', 'lowest-ac'], ['random', 'random'],
    ];
    for (const [target, targeting] of targets) expect(attack(firstAction(battleSim({}, { target }))).targeting).toBe(targeting);
    const conditions: Array<[string, string]> = [
      ['default', 'always'], ['is available', 'always'], ['ally at 0 HP', 'ally-down'], ['ally under half HP', 'ally-below-half'],
      ['is under half HP', 'self-below-half'], ['enemy count one', 'enemy-count-one'], ['enemy count multiple', 'enemy-count-multiple'],
    ];
    for (const [condition, mapped] of conditions) expect(firstAction(battleSim({}, { condition })).condition).toBe(mapped);
    // "not used yet" on an at-will action: once per fight.
    expect(firstAction(battleSim({}, { condition: 'not used yet' }))).toMatchObject({ condition: 'always', uses: { per: 'encounter', count: 1 } });
    const unknown = loadScenarioJson(battleSim({}, { target: 'enemy with highest AC' }));
    expect(attack(unknown.spec.party[0].actions[0]).targeting).toBe('highest-hp');
    expect(unknown.warnings).toContain('Hero: action "Sword" target "enemy with highest AC" is not simulated yet; the enemy with the most HP is targeted instead.');
  });

  it('maps heals, including temporary HP and ally targets', () => {
    const cure = heal(firstAction(battleSim({}, { type: 'heal', amount: '2d4+2', targets: 2, target: 'ally with the least HP', tempHP: true, dpr: undefined, toHit: undefined })));
    expect(cure).toEqual({
      type: 'heal', name: 'Sword', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp-fraction',
      amount: '2d4+2', targets: 2, temporary: true,
    });
    expect(heal(firstAction(battleSim({}, { type: 'heal', amount: 7, target: 'self' }))).targeting).toBe('self');
  });

  it('maps a saving-throw attack with its DC, targets and half damage', () => {
    const loaded = loadScenarioJson(battleSim({}, { name: 'Fireball', useSaves: true, halfOnSave: true, toHit: 15, dpr: '8d6', targets: 3 }));
    const fireball = loaded.spec.party[0].actions[0] as SaveAction;
    expect(fireball).toEqual({
      type: 'save', name: 'Fireball', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
      dc: 15, ability: 'dex', damage: '8d6', damageType: 'bludgeoning', onSuccess: 'half', targets: 3,
    });
    expect(loaded.warnings).toContain('Hero: action "Fireball" asks for a saving throw of unknown ability; a Dexterity save is used.');
    expect((firstAction(battleSim({}, { useSaves: true, toHit: 12 })) as SaveAction).onSuccess).toBe('none');
  });

  it('uses damage type and reach tags, bonus action slots and numeric strings', () => {
    const bolt = attack(firstAction(battleSim({ hp: '31' }, { tags: ['Ranged', 'Fire', 'Spell'], actionSlot: 1, toHit: '7' })));
    expect(bolt.slot).toBe('bonus');
    expect(bolt.attacks[0]).toMatchObject({ damageType: 'fire', reach: 'ranged', toHit: 7 });
    expect(loadScenarioJson(battleSim({ hp: '31' })).spec.party[0].hp).toBe(31);
  });

  it('turns average damage into dice with the same mean', () => {
    expect(averageToDice(3.5)).toEqual({ text: '3+1d2-1', exact: true });
    expect(averageToDice(0.5)).toEqual({ text: '0+1d2-1', exact: true });
    expect(averageToDice(12)).toEqual({ text: '12', exact: true });
    expect(averageToDice(7.25)).toEqual({ text: '7', exact: false });
    expect(averageToDice(7.8)).toEqual({ text: '8', exact: false });
    expect(diceMean(parseDice(averageToDice(21.5).text))).toBe(21.5);
    const loaded = loadScenarioJson(battleSim({}, { dpr: 7.8 }));
    expect(attack(loaded.spec.party[0].actions[0]).attacks[0].damage).toBe('8');
    expect(loaded.warnings).toContain('Hero: action "Sword" dpr 7.8 is an average; it was rounded to 8.');
  });

  it('approximates a cooldown by the recharge with the nearest mean wait', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(rechargeForCooldown)).toEqual([2, 4, 5, 5, 6, 6, 6]);
  });

  it('reads a battlesim2 timeline with short rest steps and surprise', () => {
    const orc = { name: 'Orc', hp: 15, ac: 13, actions: [] };
    const doc = {
      name: 'Day',
      players: battleSim().players,
      timeline: [
        { type: 'shortRest' },
        { type: 'combat', monsters: [orc], playersSurprised: true },
        { type: 'shortRest', id: 'r1' },
        { type: 'combat', monsters: [orc], monstersSurprised: true },
        { type: 'combat', monsters: [orc] },
        { type: 'shortRest' },
      ],
    };
    const loaded = loadScenarioJson(doc);
    expect(loaded.spec.encounters.map((e) => [e.shortRestBefore, e.surprise])).toEqual([[false, 'party'], [true, 'enemies'], [false, 'none']]);
    expect(loaded.warnings).toEqual(expect.arrayContaining([
      'timeline[0]: a short rest before the first fight changes nothing and was ignored.',
      'The timeline ends with a short rest, which changes nothing and was ignored.',
    ]));
  });

  it('per-ability saves override saveBonus; skipped slots and ignored fields are reported', () => {
    const doc = battleSim({ saveBonus: 1, wisSaveBonus: 5, dexSaveBonus: '3', spellSlots: { 1: 2 }, hitDice: '3d10', conModifier: 1 });
    const player = doc.players[0] as { actions: unknown[] };
    player.actions.push({ id: 'r', name: 'Riposte', type: 'atk', actionSlot: 4, freq: 'at will', condition: 'default', targets: 1, dpr: '1d8', toHit: 5, target: 'enemy with least HP' });
    player.actions.push({ id: 's', name: 'Summon', type: 'summon', actionSlot: 0 });
    (player.actions[0] as Record<string, unknown>).riderEffect = { dc: 12, buff: {} };
    const loaded = loadScenarioJson(doc);
    const hero = loaded.spec.party[0];
    expect(hero.saves).toEqual({ str: 1, dex: 3, con: 1, int: 1, wis: 5, cha: 1 });
    expect(hero).toMatchObject({ hitDice: '3d10', conModifier: 1 });
    expect(hero.actions.map((a) => a.name)).toEqual(['Sword']);
    expect(loaded.warnings).toEqual(expect.arrayContaining([
      'Hero: action "Riposte" (attack in action slot 4, reaction) skipped: only actions, bonus actions, legendary and lair actions, the Shield reaction, self buffs used before the fight and at-will free self buffs are simulated',
      'Hero: action "Summon" (type "summon") skipped: this action type is not known',
      'Hero: fields not simulated yet and ignored: spellSlots, actions[0].riderEffect.',
    ]));
  });

  it('leaves out creatures with count 0 and names the unnamed', () => {
    const doc = battleSim();
    doc.encounters[0].monsters.push({ id: 'm2', name: 'Ghost', hp: 10, AC: 10, saveBonus: 0, actions: [], count: 0 } as never);
    doc.encounters[0].monsters.push({ hp: 10, AC: 10, actions: [] } as never);
    const loaded = loadScenarioJson(doc);
    expect(loaded.spec.encounters[0].enemies.map((c) => c.name)).toEqual(['Orc', 'Monster 3']);
    expect(loaded.warnings).toEqual(expect.arrayContaining([
      'Ghost (encounter 1): count is 0, so the creature was left out.',
      'Monster 3 (encounter 1) has no name; it is called "Monster 3".',
    ]));
  });

  it('errors name the field as the BattleSim file spells it', () => {
    expect(scenarioError(() => loadScenarioJson(battleSim({ hp: -3 }), 'save.json')).message).toBe('save.json: players[0].hp: must be at least 1, got -3');
    expect(scenarioError(() => loadScenarioJson(battleSim({ AC: 0 }))).message).toBe('input: players[0].AC: must be at least 1, got 0');
    expect(scenarioError(() => loadScenarioJson(battleSim({ AC: undefined }))).message).toBe('input: players[0].ac: is missing');
    expect(scenarioError(() => loadScenarioJson(battleSim({ hp: 'many' }))).message).toBe('input: players[0].hp: must be a number, got text "many"');
    expect(scenarioError(() => loadScenarioJson(battleSim({}, { dpr: '2d' }))).message)
      .toBe('input: players[0].actions[0].dpr: Dice expression "2d" is not valid: expected the number of sides after "d" at position 3');
    // A number as damage or healing is a flat dice term: past the dice limit (±100,000) it is refused by name.
    for (const dpr of [100001, 1e8, -1e8, 1e308]) {
      expect(scenarioError(() => loadScenarioJson(battleSim({}, { dpr }))).message)
        .toBe(`input: players[0].actions[0].dpr: must be between -100000 and 100000, got ${dpr}`);
    }
    expect(scenarioError(() => loadScenarioJson(battleSim({}, { type: 'heal', amount: 2e6, targets: 1, target: 'ally with the least HP', dpr: undefined, toHit: undefined }))).message)
      .toBe('input: players[0].actions[0].amount: must be between -100000 and 100000, got 2000000');
    expect(loadScenarioJson(battleSim({}, { dpr: 100000 })).spec.party[0].actions[0]).toMatchObject({ attacks: [{ damage: '100000' }] });
    expect(scenarioError(() => loadScenarioJson(battleSim({}, { targets: 25 }))).message)
      .toBe('input: players[0].actions[0].targets: must be at most 20, got 25');
    expect(scenarioError(() => loadScenarioJson(battleSim({}, { toHit: 100 }))).message)
      .toBe('input: players[0].actions[0].toHit: must be at most 50, got 100');
    expect(scenarioError(() => loadScenarioJson(battleSim({}, { freq: { reset: 'lr', uses: 0 } }))).message)
      .toBe('input: players[0].actions[0].freq.uses: must be at least 1, got 0');
    expect(scenarioError(() => loadScenarioJson(battleSim({ hitDice: '3d10+2' }))).message)
      .toBe('input: players[0].hitDice: hit dice must look like "5d10", got "3d10+2"');
    // The second action is the first one kept, after a skipped template: the path still points at the file.
    const doc = battleSim();
    (doc.players[0] as { actions: unknown[] }).actions.unshift({ type: 'template', templateOptions: { templateName: 'Bless' } });
    (doc.players[0] as { actions: Array<Record<string, unknown>> }).actions[1].dpr = 'lots';
    expect(scenarioError(() => loadScenarioJson(doc)).issues[0].path).toBe('players[0].actions[1].dpr');
    const noMonsters = battleSim();
    noMonsters.encounters[0].monsters = [];
    expect(scenarioError(() => loadScenarioJson(noMonsters)).message).toBe('input: encounters: has no encounter with monsters (1 encounter, all empty), so there is no fight to simulate');
    expect(scenarioError(() => loadScenarioJson({ players: 'x', encounters: [] })).message).toBe('input: players: must be a list of creatures, got text "x"');
  });

  it('BattleSim shortRest on an encounter means a rest before that encounter', () => {
    const doc = battleSim();
    const orc = doc.encounters[0].monsters[0];
    doc.encounters.push({ monsters: [orc], shortRest: true } as never, { monsters: [orc] } as never);
    expect(loadScenarioJson(doc).spec.encounters.map((e) => e.shortRestBefore)).toEqual([false, true, false]);
  });
});

describe('BattleSim action order', () => {
  it('is changed only within a slot, and said so', () => {
    const doc = battleSim({}, { name: 'Javelin', dpr: 3.5 });
    const actions = (doc.players[0] as { actions: Array<Record<string, unknown>> }).actions;
    actions.push({ ...actions[0], name: 'Second Wind', type: 'heal', amount: '1d10+5', actionSlot: 1, freq: { reset: 'sr', uses: 1 }, condition: 'is under half HP', target: 'self' });
    actions.push({ ...actions[0], name: 'Scimitar x2', dpr: 5.5, targets: 2 });
    const loaded = loadScenarioJson(doc);
    expect(loaded.spec.party[0].actions.map((a) => a.name)).toEqual(['Second Wind', 'Scimitar x2', 'Javelin']);
    expect(loaded.warnings).toContain('Hero: actions were put in the order the simulator tries them (conditional and limited ones first, then the most damaging): "Second Wind", "Scimitar x2", "Javelin".');

    const calm = battleSim();
    (calm.players[0] as { actions: unknown[] }).actions.push({ id: 'h', name: 'Second Wind', type: 'heal', amount: 5, actionSlot: 1, freq: '1/fight', condition: 'is under half HP', target: 'self' });
    const kept = loadScenarioJson(calm);
    expect(kept.spec.party[0].actions.map((a) => a.name)).toEqual(['Second Wind', 'Sword']);
    expect(kept.warnings.some((w) => w.includes('order'))).toBe(false);
  });
});

describe('BattleSim templates, buffs and debuffs on the effect model', () => {
  const templated = (templateName: string, extra: Record<string, unknown> = {}) => ({
    players: [{ name: 'Caster', hp: 40, AC: 15, saveBonus: 2, actions: [
      { name: templateName, type: 'template', actionSlot: templateName === 'Shield' ? 4 : 0, freq: '1/fight', targets: 2,
        templateOptions: { templateName, saveDC: 15 }, ...extra },
      { name: 'Staff', type: 'atk', actionSlot: 0, toHit: 5, dpr: '1d6+2', target: 'enemy with least HP' },
    ] }],
    encounters: [{ monsters: [{ name: 'Orc', count: 3, hp: 18, AC: 13, saveBonus: 1, actions: [{ name: 'Axe', type: 'atk', toHit: 5, dpr: '1d12+3' }] }] }],
  });

  it.each([
    ['Bless', 'effect'], ['Bane', 'effect'], ['Shield of Faith', 'effect'], ['Hunter\'s Mark', 'effect'], ['Haste', 'effect'],
    ['Hypnotic Pattern', 'effect'], ['Fireball', 'save'], ['Heal', 'heal'], ['Mage Armour', 'effect'], ['Armor of Agathys', 'effect'],
    ['False Life', 'effect'], ['Greater Invisibility', 'effect'], ['Holy Weapon', 'effect'], ['Meteor Swarm', 'save'],
  ])('%s loads as a %s action, with a warning, compiles and runs', (name, kind) => {
    const loaded = loadScenarioJson(templated(name), 'save.json');
    const caster = loaded.spec.party[0];
    const all = [...(caster.effectActions ?? []), ...caster.actions];
    const mapped = all.find((a) => a.name === name)!;
    expect(mapped.type).toBe(kind);
    expect(mapped.uses).toEqual({ per: 'encounter', count: 1 });
    expect(loaded.warnings.some((w) => w.includes(`uses the ${name} template`))).toBe(true);
    expect(simulate(compileScenario(loaded.spec), 1, 50).runs).toBe(50);
  });

  it('Shield becomes a reaction with the uses of the action', () => {
    const loaded = loadScenarioJson(templated('Shield'), 'save.json');
    expect(loaded.spec.party[0].reactions).toEqual([{ kind: 'shield', uses: { per: 'encounter', count: 1 } }]);
  });

  it('a buff and a debuff with a save that is repeated each round', () => {
    const doc = templated('Bless');
    (doc.players[0].actions as unknown[]).splice(0, 1,
      { name: 'Inspire', type: 'buff', actionSlot: 1, target: 'ally with the highest DPR', targets: 1,
        buff: { toHit: '1d6', ac: 1, duration: 'entire encounter', concentration: true } },
      { name: 'Web', type: 'debuff', actionSlot: 0, target: 'enemy with highest DPR', targets: 2, saveDC: 13,
        buff: { condition: 'Restrained', duration: 'repeat the save each round' } });
    const loaded = loadScenarioJson(doc, 'save.json');
    const [inspire, web] = loaded.spec.party[0].effectActions!;
    expect(inspire).toMatchObject({ slot: 'bonus', target: 'allies', spell: { level: 0, concentration: true },
      effect: { name: 'Inspire', attackBonus: '1d6', acBonus: 1, duration: { kind: 'encounter' } } });
    expect(web).toMatchObject({ target: 'enemies', targets: 2, enemyTargeting: 'highest-damage', save: { ability: 'wis', dc: 13 },
      effect: { conditions: ['restrained'], saveEnds: true, duration: { kind: 'rounds', rounds: 10 } } });
    expect(loaded.warnings).toContain('Caster: action "Web" (debuff) is approximated: its save is taken as a Wisdom save.');
  });

  it('the Bless template raises the party\'s chance of victory in a close BattleSim fight', () => {
    const runs = 10000;
    const close = (withBless: boolean) => {
      const doc = templated('Bless');
      const players = [doc.players[0], { name: 'Fighter', hp: 30, AC: 16, saveBonus: 2, actions: [{ name: 'Sword', type: 'atk', toHit: 5, dpr: '1d8+3', targets: 2 }] }];
      if (!withBless) (players[0].actions as unknown[]).splice(0, 1);
      return simulate(compileScenario(loadScenarioJson({ ...doc, players }, 'save.json').spec), 5, runs).dayVictory / runs;
    };
    const without = close(false), withBless = close(true);
    const se = Math.sqrt((without * (1 - without) + withBless * (1 - withBless)) / runs);
    expect(without).toBeGreaterThan(0.15);
    expect(without).toBeLessThan(0.85);
    expect((withBless - without) / se).toBeGreaterThan(4);
  });
});
