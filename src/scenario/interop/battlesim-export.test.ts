import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABILITIES, DAMAGE_TYPES, DEFAULT_RULES, compileScenario, diceMean, parseDice,
  type Ability, type ActionSpec, type DamageType, type AttackAction, type CreatureActionSpec, type CreatureSpec, type EffectAction,
  type EffectSpec, type ScenarioSpec, type Uses,
} from '../../engine/index.ts';
import { exportBattleSim } from './battlesim-export.ts';
import { loadScenarioJson, loadScenarioText } from '../format/load.ts';

const scenariosDir = new URL('../../../scenarios/', import.meta.url);
const builtIn = readdirSync(fileURLToPath(scenariosDir)).filter((f) => f.endsWith('.json')).sort();

const referenceDir = new URL('../../../../shared/reference/battlesim/', import.meta.url);
const haveReference = existsSync(fileURLToPath(referenceDir));
if (!haveReference) console.info(`Skipping the BattleSim reference files: ${fileURLToPath(referenceDir)} is absent, as in a user's clone.`);

type Doc = Record<string, unknown>;

/** Export, then import the BattleSim text through the one loading pipeline. */
function roundTrip(name: string, spec: ScenarioSpec) {
  const exported = exportBattleSim(name, spec);
  return { exported, back: loadScenarioText(exported.text, 'export.json') };
}

/** Dice that do not depend on spelling: "2d6 + 5[STR] + 2[WEAPON]" equals "2d6+7". */
const dice = (text: string) => {
  const e = parseDice(text);
  return { terms: e.terms, flat: e.flat };
};

/**
 * What test 1 compares on an action. BattleSim has one to-hit and one damage per attack action, so
 * an action with several different weapons comes back as their average: the count-weighted to-hit
 * rounded and the mean damage per attack to the nearest half. Single-weapon actions keep their dice.
 */
function summary(a: ActionSpec) {
  switch (a.type) {
    case 'attack': {
      const total = a.attacks.reduce((n, x) => n + x.count, 0);
      const same = a.attacks.every((x) => x.toHit === a.attacks[0].toHit && x.damage === a.attacks[0].damage);
      if (same) return { type: a.type, name: a.name, count: total, toHit: a.attacks[0].toHit, damage: dice(a.attacks[0].damage) };
      const mean = a.attacks.reduce((n, x) => n + diceMean(parseDice(x.damage)) * x.count, 0) / total;
      const toHit = Math.round(a.attacks.reduce((n, x) => n + x.toHit * x.count, 0) / total);
      return { type: a.type, name: a.name, count: total, toHit, averageDamage: Math.round(mean * 2) / 2 };
    }
    case 'save': return { type: a.type, name: a.name, dc: a.dc, targets: a.targets, damage: dice(a.damage), onSuccess: a.onSuccess };
    case 'heal': return { type: a.type, name: a.name, amount: dice(a.amount), targets: a.targets, temporary: a.temporary };
  }
}
/** After the round trip, a merged attack is one weapon whose damage is the average. */
function summaryBack(a: ActionSpec, original: ActionSpec) {
  const s = summary(a);
  if (a.type === 'attack' && original.type === 'attack' && 'averageDamage' in summary(original)) {
    const { damage: _damage, ...rest } = s as { damage: unknown };
    return { ...rest, averageDamage: diceMean(parseDice(a.attacks[0].damage)) };
  }
  return s;
}
/** A cantrip (an attack or a save) is written with its damage at the character's level (BattleSim does not scale cantrips). */
function cantripAtLevel(s: ReturnType<typeof summary>, a: ActionSpec, level: number | undefined): ReturnType<typeof summary> {
  if ((a.type !== 'attack' && a.type !== 'save') || !a.spell?.cantripScaling || !s || !('damage' in s) || !s.damage) return s;
  const tier = 1 + [5, 11, 17].filter((l) => (level ?? 1) >= l).length;
  return { ...s, damage: { terms: s.damage.terms.map((t) => ({ ...t, count: t.count * tier, keep: t.keep * tier })), flat: s.damage.flat * tier } };
}
const creatureSummary = (c: CreatureSpec) => ({ name: c.name, count: c.count, hp: c.hp, ac: c.ac });

describe('exportBattleSim: built-in scenarios come back from BattleSim', () => {
  it.each(builtIn)('%s: party and enemies keep names, counts, HP, AC, to-hit and damage', (file) => {
    const loaded = loadScenarioText(readFileSync(new URL(file, scenariosDir), 'utf8'), `scenarios/${file}`);
    const { exported, back } = roundTrip(loaded.name, loaded.spec);
    expect(back.source).toBe('battlesim');
    expect(back.name).toBe(loaded.name);
    const sides = (spec: ScenarioSpec) => [spec.party, ...spec.encounters.map((e) => e.enemies)];
    expect(sides(back.spec).map((s) => s.map(creatureSummary))).toEqual(sides(loaded.spec).map((s) => s.map(creatureSummary)));
    sides(loaded.spec).forEach((side, i) => side.forEach((c, j) => {
      const again = sides(back.spec)[i][j];
      // The engine takes the first usable action of each slot, so the order that counts is per slot.
      for (const slot of ['action', 'bonus'] as const) {
        const ours = c.actions.filter((a) => a.slot === slot);
        const theirs = again.actions.filter((a) => a.slot === slot);
        expect(theirs.map((a, k) => summaryBack(a, ours[k]))).toEqual(ours.map((a) => cantripAtLevel(summary(a), a, c.level)));
      }
      expect(again.saves).toEqual(c.saves);
      expect(again.initiativeBonus).toBe(c.initiativeBonus);
    }));
    expect(back.spec.encounters.map((e) => [e.name, e.shortRestBefore, e.surprise]))
      .toEqual(loaded.spec.encounters.map((e, i) => [e.name, i > 0 && e.shortRestBefore, e.surprise]));
    expect(JSON.parse(exported.text)).toEqual(exported.document);
    for (const n of exported.notes) expect(n).toMatch(/^(\S.*: |The )\S.*\.$/);
  });

  it('writes the shape BattleSim saves: players and encounters of monsters, AC, saveBonus and typed actions', () => {
    const loaded = loadScenarioText(readFileSync(new URL('reference-fight.json', scenariosDir), 'utf8'));
    const { document, notes } = exportBattleSim(loaded.name, loaded.spec);
    expect(Object.keys(document)).toEqual(['name', 'players', 'encounters']);
    const [fighter, cleric, , wizard] = document.players as Doc[];
    expect(fighter).toMatchObject({ id: 'p1', mode: 'custom', name: 'Fighter', count: 1, hp: 44, AC: 18, initiativeBonus: 1, hitDice: '5d10', conModifier: 2 });
    expect(fighter.actions).toEqual([
      { id: 'p1-a1', name: 'Longsword (Extra Attack)', actionSlot: 0, freq: 'at will', condition: 'default', type: 'atk', targets: 2, dpr: '1d8+4[STR]+2[Dueling]', toHit: 7, target: 'enemy with least HP' },
      { id: 'p1-a2', name: 'Second Wind', actionSlot: 1, freq: { reset: 'sr', uses: 1 }, condition: 'is under half HP', type: 'heal', targets: 1, amount: '1d10+5', target: 'self' },
    ]);
    // Sacred Flame: a saving throw keeps its DC in toHit; radiant goes in a battlesim2 tag.
    expect((cleric.actions as Doc[])[1]).toMatchObject({ type: 'atk', useSaves: true, halfOnSave: false, toHit: 14, dpr: '2d8', tags: ['Radiant'] });
    expect((wizard.actions as Doc[])[0]).toMatchObject({ name: 'Fireball', freq: { reset: 'lr', uses: 2 }, condition: 'enemy count multiple', targets: 3 });
    expect((document.encounters[0] as Doc).monsters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Orc', count: 2, hp: 15, AC: 13 })]));
    expect(notes).toEqual(expect.arrayContaining([
      'Fighter: "Longsword (Extra Attack)" deals slashing damage; BattleSim records no damage type and it reads back as bludgeoning.',
      'Wizard: the condition of "Fireball" (several enemies left) exists only in battlesim2; BattleSim itself does not know it.',
      expect.stringMatching(/^Fighter: saving throws differ by ability \(str 7, .*\); BattleSim uses the rounded average \+\d, and only battlesim2 reads the per-ability bonuses\.$/),
    ]));
  });

  it('writes a saving-throw cantrip with its damage at the character level: Sacred Flame 1d8 at level 11 is 3d8', () => {
    const doc = {
      format: 'encounter-lab/scenario', version: 1, name: 'Flame',
      party: [{ name: 'Cleric', level: 11, hp: 70, ac: 18, actions: [
        { type: 'save', name: 'Sacred Flame', spell: { level: 0, cantripScaling: true }, dc: 16, ability: 'dex', damage: '1d8', damageType: 'radiant', onSuccess: 'none' },
      ] }],
      encounters: [{ enemies: [{ name: 'Ghoul', hp: 22, ac: 12, actions: [{ type: 'attack', name: 'Claws', attacks: [{ toHit: 4, damage: '2d4+2' }] }] }] }],
    };
    const { exported, back } = roundTrip('Flame', loadScenarioJson(doc).spec);
    // Levels 1, 5, 11 and 17 give ×1, ×2, ×3 and ×4: level 11 is ×3.
    expect((exported.document.players as Doc[])[0].actions).toEqual([expect.objectContaining({ useSaves: true, toHit: 16, dpr: '3d8' })]);
    expect(exported.notes).toContain('Cleric: the cantrip "Sacred Flame" is written with its damage at character level 11 (×3).');
    expect(back.spec.party[0].actions[0]).toMatchObject({ type: 'save', dc: 16, damage: '3d8' });
  });

  it('merges different weapons into one averaged attack, and says so', () => {
    const doc = {
      format: 'encounter-lab/scenario', version: 1, name: 'Bear',
      party: [{ name: 'Hero', hp: 30, ac: 15, actions: [{ type: 'attack', name: 'Sword', attacks: [{ toHit: 5, damage: '1d8+3' }] }] }],
      encounters: [{ enemies: [{ name: 'Brown Bear', hp: 34, ac: 11, actions: [{ type: 'attack', name: 'Multiattack', attacks: [
        { toHit: 6, damage: '1d8+4', damageType: 'piercing' }, { toHit: 6, damage: '2d6+4', damageType: 'slashing' },
      ] }] }] }],
    };
    const loaded = loadScenarioJson(doc);
    const { exported, back } = roundTrip('Bear', loaded.spec);
    const bite = back.spec.encounters[0].enemies[0].actions[0] as AttackAction;
    // (8.5 + 11) / 2 = 9.75, written as 10 (nearest half), read back as "10".
    expect(bite.attacks).toEqual([expect.objectContaining({ toHit: 6, count: 2, damage: '10' })]);
    expect(exported.notes).toContain('Brown Bear (Encounter 1): the attacks of "Multiattack" (1× +6 1d8+4, 1× +6 2d6+4) are merged into 2 attacks at +6 dealing 10 on average, as a BattleSim attack has one to-hit and one damage.');
  });
});

describe.skipIf(!haveReference)('exportBattleSim: BattleSim reference files are a fixed point (skipped when ../shared/reference is absent, as in a user clone)', () => {
  const files = haveReference ? readdirSync(fileURLToPath(referenceDir)).filter((f) => f.endsWith('.json')).sort() : [];
  it('finds the reference files', () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.each(files)('%s: import, export, import gives the first import back', (file) => {
    const first = loadScenarioText(readFileSync(new URL(file, referenceDir), 'utf8'), file);
    const { exported, back } = roundTrip(first.name, first.spec);
    expect(back.spec).toEqual(first.spec);
    expect(back.name).toBe(first.name);
    // And once more: the export of the second import is the same file.
    expect(exportBattleSim(back.name, back.spec).text).toBe(exported.text);
  });

  it('kaelen2: spell templates are written back as templates, always-on buffs as BattleSim writes them', () => {
    const first = loadScenarioText(readFileSync(new URL('kaelen2-party-of-four.json', referenceDir), 'utf8'));
    const { document } = exportBattleSim(first.name, first.spec);
    const andreas = (document.players as Doc[]).find((p) => p.name === 'Andreas')!;
    expect(andreas.actions).toContainEqual(expect.objectContaining({
      name: 'Hunter\'s Mark', type: 'template', actionSlot: 1, templateOptions: { templateName: 'Hunter\'s Mark', target: 'enemy with least HP' },
    }));
    const kaelen = ((document.encounters[0] as Doc).monsters as Doc[])[0];
    expect(kaelen.actions).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Rage', type: 'buff', actionSlot: -3, target: 'self', buff: { duration: 'entire encounter', damageTakenMultiplier: 0.5 } }),
      expect.objectContaining({ name: 'Reckless Attack', type: 'buff', actionSlot: 5, freq: 'at will', buff: { duration: '1 round', condition: 'Attacks and is attacked with Advantage' } }),
    ]));
  });
});

describe('exportBattleSim: notes say what is lost', () => {
  const lich = {
    format: 'encounter-lab/scenario', version: 1, name: 'Lich',
    party: [{ name: 'Hero', hp: 60, ac: 18, actions: [{ type: 'attack', name: 'Sword', attacks: [{ toHit: 7, damage: '1d8+4', critOn: 19 }] }],
      reactions: [{ kind: 'parry', acBonus: 3 }, { kind: 'shield', uses: { per: 'long-rest', count: 2 } }] }],
    encounters: [{ name: 'Crypt', enemies: [{
      name: 'Lich', hp: 135, ac: 17, saves: { con: 10, int: 12, wis: 9 }, spellSlots: [4, 3, 3], level: 18,
      resistances: ['cold', 'necrotic'], immunities: ['poison'], traits: { magicResistance: true },
      actions: [
        { type: 'save', name: 'Blight', ability: 'con', dc: 20, damage: '8d8', damageType: 'necrotic', spell: { level: 4, upcast: '1d8' } },
        { type: 'attack', name: 'Paralyzing Touch', attacks: [{ toHit: 12, damage: '3d6', damageType: 'cold' }],
          effect: { name: 'Paralyzed', duration: { kind: 'rounds', rounds: 10 }, conditions: ['paralyzed'], saveEnds: true }, effectSave: { ability: 'con', dc: 18 } },
      ],
      effectActions: [{ type: 'effect', name: 'Hex', target: 'enemies', spell: { level: 1, concentration: true }, effect: { name: 'Hex', duration: { kind: 'encounter' }, markDamage: '1d6', markDamageType: 'necrotic' } }],
      effects: [{ name: 'Turn Resistance', duration: { kind: 'encounter' }, saveBonus: '2' }],
      legendary: { perRound: 3, resistances: 3, actions: [
        { cost: 1, action: { type: 'attack', name: 'Cantrip', attacks: [{ toHit: 12, damage: '3d8', damageType: 'necrotic' }] } },
        { cost: 2, action: { type: 'effect', name: 'Frightening Gaze', target: 'enemies', save: { ability: 'wis', dc: 18 }, effect: { name: 'Frightened', duration: { kind: 'rounds', rounds: 10 }, conditions: ['frightened'], saveEnds: true } } },
      ] },
    }] }],
  };

  it('for a creature with spell slots, effects and legendary actions', () => {
    const loaded = loadScenarioJson(lich);
    const { notes, document } = exportBattleSim('Lich', loaded.spec);
    expect(notes).toEqual(expect.arrayContaining([
      'Lich (Crypt): its spell slots (4 of level 1, 3 of level 2, 3 of level 3) are lost; BattleSim limits spells only by their frequency.',
      'Lich (Crypt): its resistance to cold and necrotic damage is lost; BattleSim has no damage types.',
      'Lich (Crypt): its immunity to poison damage is lost; BattleSim has no damage types.',
      'Lich (Crypt): Magic Resistance (advantage on saves against spells) is lost.',
      'Lich (Crypt): the spell "Blight" spends no level-4 spell slot in BattleSim, so only its frequency (at will) limits it, does not grow with higher slots.',
      'Lich (Crypt): "Blight" calls for a Constitution save; BattleSim uses the target\'s single save bonus, and it reads back as a Dexterity save.',
      'Lich (Crypt): the debuff "Hex" is left out: BattleSim can express none of its effect (its extra damage to the marked creature is lost).',
      'Lich (Crypt): BattleSim\'s legendary actions have no points, and reading them back gives 3 a round at 1 each, so 3 a round and the costs of "Frightening Gaze" (2) are lost.',
      'Lich (Crypt): Legendary Resistance (3/day) is lost.',
      'Lich (Crypt): the on-hit effect of "Paralyzing Touch" is written as a BattleSim rider effect, which uses the target\'s single save bonus instead of Constitution; our importer does not read rider effects back.',
      'Hero: the Parry reaction is lost; BattleSim\'s only reaction the importer knows is the Shield template.',
      'Hero: "Sword" scores critical hits on 19-20, which BattleSim does not model.',
    ]));
    const lichDoc = ((document.encounters[0] as Doc).monsters as Doc[])[0];
    const actions = lichDoc.actions as Doc[];
    // What BattleSim can say is written: a legendary debuff with a repeated save, an always-on buff, the rider.
    expect(actions).toContainEqual(expect.objectContaining({ name: 'Frightening Gaze', actionSlot: 2, type: 'debuff', saveDC: 18,
      buff: { displayName: 'Frightened', duration: 'repeat the save each round', condition: 'Frightened' } }));
    expect(actions).toContainEqual(expect.objectContaining({ name: 'Turn Resistance', actionSlot: -3, type: 'buff', buff: { duration: 'entire encounter', save: 2 } }));
    expect(actions).toContainEqual(expect.objectContaining({ name: 'Paralyzing Touch', riderEffect: { dc: 18, buff: { displayName: 'Paralyzed', duration: 'repeat the save each round', condition: 'Paralyzed' } } }));
    expect((document.players[0] as Doc).actions).toContainEqual(expect.objectContaining({ type: 'template', actionSlot: 4, freq: { reset: 'lr', uses: 2 }, templateOptions: { templateName: 'Shield' } }));
    // The file still loads, with the legendary actions and the Shield reaction back.
    const back = loadScenarioText(exportBattleSim('Lich', loaded.spec).text).spec;
    expect(back.encounters[0].enemies[0].legendary?.actions.map((x) => x.action.name)).toEqual(['Cantrip', 'Frightening Gaze']);
    expect(back.party[0].reactions).toEqual([{ kind: 'shield', uses: { per: 'long-rest', count: 2 } }]);
    expect(back.encounters[0].enemies[0].saves.con).toBe(10);
  });

  it('recharge becomes the cooldown the importer maps back to the same recharge where it can', () => {
    const withUses = (uses: Uses): ScenarioSpec => {
      const spec = loadScenarioJson(lich).spec;
      spec.party[0].actions[0] = { ...spec.party[0].actions[0], uses };
      return spec;
    };
    for (const min of [2, 3, 4, 5, 6]) {
      const { exported, back } = roundTrip('x', withUses({ per: 'recharge', min }));
      expect(back.spec.party[0].actions[0].uses).toEqual({ per: 'recharge', min: Math.max(4, min) });
      expect(exported.notes.some((n) => n.startsWith(`Hero: "Sword" recharges on ${min}-6, which BattleSim approximates as a fixed cooldown of`))).toBe(true);
    }
    const { exported, back } = roundTrip('x', withUses({ per: 'encounter', count: 2 }));
    expect(back.spec.party[0].actions[0].uses).toEqual({ per: 'short-rest', count: 2 });
    expect(exported.notes).toContain('Hero: "Sword" is usable 2 times per fight, which BattleSim cannot express; it is written as 2 uses per short rest.');
  });

  it('a scenario without losses has only the notes BattleSim\'s format forces', () => {
    const doc = {
      format: 'encounter-lab/scenario', version: 1, name: 'Plain',
      party: [{ name: 'Hero', hp: 30, ac: 15, saveBonus: 2, actions: [{ type: 'attack', name: 'Club', attacks: [{ toHit: 4, damage: '1d4+2' }] }] }],
      encounters: [{ enemies: [{ name: 'Orc', hp: 15, ac: 13, actions: [{ type: 'attack', name: 'Axe', attacks: [{ toHit: 5, damage: '1d12+3' }] }] }] }],
    };
    const { exported, back } = roundTrip('Plain', loadScenarioJson(doc).spec);
    expect(exported.notes).toEqual([]);
    expect(back.spec).toEqual(loadScenarioJson(doc).spec);
  });
});

// ------------------------------------------------------------------ property

const diceArb = fc.constantFrom('1d6', '2d8+3', '5', '3+1d2-1', '1d4', '8d6', '1d20kh1', '2d6 + 5[STR]');
const nameArb = fc.constantFrom('Strike', 'Bless', 'Bane', 'Shield', 'Fireball', 'Heal', "Hunter's Mark", 'Hex', 'Rage', 'Mage Armor');
const usesArb: fc.Arbitrary<Uses> = fc.oneof(
  fc.constant<Uses>({ per: 'at-will' }),
  fc.record({ per: fc.constantFrom('encounter' as const, 'short-rest' as const, 'long-rest' as const), count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ per: fc.constant('recharge' as const), min: fc.integer({ min: 2, max: 6 }) }),
);
const baseArb = fc.record({
  name: nameArb,
  slot: fc.constantFrom('action' as const, 'bonus' as const),
  uses: usesArb,
  condition: fc.constantFrom('always' as const, 'ally-down' as const, 'ally-below-half' as const, 'self-below-half' as const,
    'enemy-count-one' as const, 'enemy-count-multiple' as const, 'not-used-yet' as const),
});
const spellArb = fc.option(fc.record({
  level: fc.integer({ min: 0, max: 9 }), concentration: fc.boolean(), cantripScaling: fc.boolean(), upcast: fc.option(diceArb, { nil: undefined }),
}, { requiredKeys: ['level'] }), { nil: undefined });
const enemyTargetingArb = fc.constantFrom('lowest-hp' as const, 'highest-hp' as const, 'highest-damage' as const, 'lowest-ac' as const, 'random' as const);
const abilityArb = fc.constantFrom<Ability>(...ABILITIES);
const damageTypeArb = fc.constantFrom('fire' as const, 'slashing' as const, 'bludgeoning' as const, 'piercing' as const, 'radiant' as const);
const effectArb: fc.Arbitrary<EffectSpec> = fc.record({
  name: nameArb,
  duration: fc.constantFrom<EffectSpec['duration']>({ kind: 'rounds', rounds: 1 }, { kind: 'rounds', rounds: 10 }, { kind: 'encounter' },
    { kind: 'day' }, { kind: 'source-turn-end' }, { kind: 'target-turn-start' }),
  attackBonus: fc.constantFrom('1d4', '-1d4', '2'),
  saveBonus: fc.constantFrom('1d4', '1'),
  acBonus: fc.integer({ min: -2, max: 5 }),
  attacksBy: fc.constantFrom('advantage' as const, 'disadvantage' as const),
  attacksAgainst: fc.constantFrom('advantage' as const, 'disadvantage' as const),
  extraDamage: diceArb,
  extraDamageType: damageTypeArb,
  extraDamageOncePerTurn: fc.boolean(),
  markDamage: diceArb,
  conditions: fc.subarray(['blinded', 'charmed', 'paralyzed', 'prone', 'restrained', 'invisible'] as const).map((a) => [...a]),
  // None, all of them (Rage, written as BattleSim's halved damage) or one (lost).
  resistances: fc.constantFrom<DamageType[][]>([], [...DAMAGE_TYPES], ['fire']).map((a) => [...a]),
  tempHp: diceArb,
  saveEnds: fc.boolean(),
  endsOnDamage: fc.boolean(),
}, { requiredKeys: ['name', 'duration'] });

const actionArb: fc.Arbitrary<ActionSpec> = fc.oneof(
  fc.record({
    type: fc.constant('attack' as const), base: baseArb, spell: spellArb, targeting: enemyTargetingArb,
    attacks: fc.array(fc.record({
      toHit: fc.integer({ min: -2, max: 14 }), damage: diceArb, damageType: damageTypeArb, count: fc.integer({ min: 1, max: 4 }),
      critOn: fc.integer({ min: 18, max: 20 }), reach: fc.constantFrom('melee' as const, 'ranged' as const),
    }), { minLength: 1, maxLength: 3 }),
    effect: fc.option(effectArb, { nil: undefined }),
    effectSave: fc.option(fc.record({ ability: abilityArb, dc: fc.integer({ min: 8, max: 20 }) }), { nil: undefined }),
  }).map(({ base, spell, effect, ...rest }) => ({
    ...base, ...rest, ...(spell && { spell }),
    // An effect that a save ends needs a save.
    ...(effect && { effect: rest.effectSave ? effect : { ...effect, saveEnds: false } }),
  }) as ActionSpec),
  fc.record({
    type: fc.constant('save' as const), base: baseArb, spell: spellArb, targeting: enemyTargetingArb, dc: fc.integer({ min: 8, max: 20 }),
    ability: abilityArb, damage: diceArb, damageType: damageTypeArb, onSuccess: fc.constantFrom('half' as const, 'none' as const),
    targets: fc.integer({ min: 1, max: 6 }),
  }).map(({ base, spell, ...rest }) => ({ ...base, ...rest, ...(spell && { spell }) }) as ActionSpec),
  fc.record({
    type: fc.constant('heal' as const), base: baseArb, targeting: fc.constantFrom('lowest-hp-fraction' as const, 'self' as const),
    amount: diceArb, targets: fc.integer({ min: 1, max: 3 }), temporary: fc.boolean(),
  }).map(({ base, ...rest }) => ({ ...base, ...rest }) as ActionSpec),
);
const effectActionArb: fc.Arbitrary<EffectAction> = fc.record({
  base: baseArb, spell: spellArb, target: fc.constantFrom('self' as const, 'allies' as const, 'enemies' as const),
  enemyTargeting: fc.option(enemyTargetingArb, { nil: undefined }), targets: fc.integer({ min: 1, max: 3 }), effect: effectArb,
  save: fc.option(fc.record({ ability: abilityArb, dc: fc.integer({ min: 8, max: 20 }) }), { nil: undefined }),
  position: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
}).map(({ base, spell, ...rest }) => {
  const out: Doc = { type: 'effect', ...base, ...(spell && { spell }) };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  if (!rest.save) out.effect = { ...rest.effect, saveEnds: false };
  return out as unknown as EffectAction;
});

const creatureArb = (kind: CreatureSpec['kind']): fc.Arbitrary<CreatureSpec> => fc.record({
  name: fc.constantFrom('Hero', 'Goblin', 'Lich', 'Ogre'),
  count: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom(kind, kind, kind === 'character' ? 'monster' as const : 'character' as const),
  hp: fc.integer({ min: 1, max: 200 }),
  rollHp: fc.boolean(),
  ac: fc.integer({ min: 5, max: 25 }),
  initiativeBonus: fc.integer({ min: -2, max: 8 }),
  initiativeAdvantage: fc.boolean(),
  saves: fc.tuple(...ABILITIES.map(() => fc.integer({ min: -3, max: 12 }))).map((v) => Object.fromEntries(ABILITIES.map((ab, i) => [ab, v[i]])) as Record<Ability, number>),
  resistances: fc.subarray(['fire', 'cold'] as const).map((a) => [...a]),
  hitDice: fc.constantFrom(null, '5d10'),
  conModifier: fc.integer({ min: -1, max: 4 }),
  actions: fc.array(actionArb, { maxLength: 3 }),
  effectActions: fc.option(fc.array(effectActionArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  level: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  spellSlots: fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }), { nil: undefined }),
  reactions: fc.option(fc.array(fc.oneof(
    // A reaction cannot recharge.
    fc.record({ kind: fc.constant('shield' as const), uses: fc.option(usesArb.filter((u) => u.per !== 'recharge'), { nil: undefined }) }),
    fc.constant({ kind: 'uncanny-dodge' as const }),
    fc.record({ kind: fc.constant('hellish-rebuke' as const), damage: diceArb, dc: fc.integer({ min: 8, max: 20 }) }),
  ), { maxLength: 2 }), { nil: undefined }),
  legendary: fc.option(fc.record({
    perRound: fc.integer({ min: 1, max: 4 }), resistances: fc.integer({ min: 0, max: 3 }),
    actions: fc.array(fc.record({ cost: fc.integer({ min: 1, max: 3 }), action: fc.oneof(actionArb, effectActionArb) as fc.Arbitrary<CreatureActionSpec> }), { maxLength: 2 }),
  }), { nil: undefined }),
  lairActions: fc.option(fc.array(fc.oneof(actionArb, effectActionArb) as fc.Arbitrary<CreatureActionSpec>, { maxLength: 1 }), { nil: undefined }),
  traits: fc.option(fc.record({ magicResistance: fc.boolean(), packTactics: fc.boolean(), regeneration: fc.integer({ min: 0, max: 10 }) }), { nil: undefined }),
  effects: fc.option(fc.array(effectArb, { maxLength: 2 }), { nil: undefined }),
  tactics: fc.option(fc.constantFrom('in-order' as const, 'auto' as const), { nil: undefined }),
}).map((c) => {
  const out: Doc = { ...c, hpFormula: c.rollHp ? '2d8+4' : null, immunities: [], vulnerabilities: [] };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  // A position past the last action is not valid: it is at most the number of actions.
  if (c.effectActions) {
    out.effectActions = c.effectActions.map((e) => (e.position === undefined ? e : { ...e, position: Math.min(e.position, c.actions.length) }));
  }
  return out as unknown as CreatureSpec;
});

const specArb: fc.Arbitrary<ScenarioSpec> = fc.record({
  party: fc.array(creatureArb('character'), { minLength: 1, maxLength: 2 }),
  encounters: fc.array(fc.record({
    name: fc.constantFrom('Ambush', 'Den'),
    enemies: fc.array(creatureArb('monster'), { minLength: 1, maxLength: 2 }),
    shortRestBefore: fc.boolean(),
    surprise: fc.constantFrom('none' as const, 'party' as const, 'enemies' as const),
  }), { minLength: 1, maxLength: 2 }),
  rules: fc.record({
    roundCap: fc.constantFrom(DEFAULT_RULES.roundCap, 20),
    attackDowned: fc.constantFrom('never' as const, 'when-none-standing' as const, 'always' as const),
    hitDicePolicy: fc.constantFrom('none' as const, 'to-half' as const, 'to-full' as const),
  }),
});

describe('exportBattleSim: property', () => {
  it('never throws on small valid specs, and what it writes loads back', () => {
    fc.assert(fc.property(specArb, (spec) => {
      // The generator makes valid specs only: the engine compiles each one.
      compileScenario(spec);
      const exported = exportBattleSim('Generated', spec);
      expect(JSON.parse(exported.text)).toEqual(exported.document);
      for (const n of exported.notes) expect(n).toMatch(/^(\S.*: |The )\S.*\.$/);
      expect(new Set(exported.notes).size).toBe(exported.notes.length);
      const back = loadScenarioText(exported.text, 'generated.json');
      expect(back.spec.party.map((c) => [c.name, c.count, c.hp, c.ac])).toEqual(spec.party.map((c) => [c.name, c.count, c.hp, c.ac]));
    }), { numRuns: 150, seed: 20240611 });
  });
});
