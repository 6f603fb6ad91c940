// The compendium monsters that bring creatures into a fight carry them as the stat blocks say,
// in both editions, survive the scenario file format, and compile; Mind Blank and Corrosive Form
// run as stated.

import { describe, expect, it } from 'vitest';
import { compileScenario, DEFAULT_RULES, type CreatureSpec, type ScenarioSpec } from '../../engine/index.ts';
import { loadScenarioJson } from '../format/load.ts';
import { minimalDocument } from '../format/test-helpers.ts';
import { loadCompendium2024 } from './srd-2024/compendium.ts';
import { loadCompendium } from './srd/compendium.ts';
import { SUMMONS_2014, SUMMONS_2024 } from './summons.ts';

function against(enemy: CreatureSpec): ScenarioSpec {
  const hero: CreatureSpec = {
    name: 'Hero', count: 1, kind: 'character', hp: 30, hpFormula: null, rollHp: false, ac: 15, initiativeBonus: 0, initiativeAdvantage: false,
    saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 }, resistances: [], immunities: [], vulnerabilities: [], hitDice: null, conModifier: 0, actions: [],
  };
  return { party: [hero, { ...hero, name: 'Other' }], encounters: [{ name: 'Fight', enemies: [enemy], shortRestBefore: false, surprise: 'none' }], rules: DEFAULT_RULES };
}

describe('summons in the compendiums', () => {
  it('SRD 5.1: the vampire calls 2d4 swarms of bats in 1d4 rounds once a day; the djinni and the efreeti fight beside their conjured elemental', async () => {
    const c = await loadCompendium();
    expect(c.problems).toEqual([]);
    for (const id of ['vampire-vampire', 'vampire-bat']) {
      const v = c.byId(id)!;
      const [call] = v.creature.summons!;
      expect({ name: call.name, creature: call.creature.name, count: call.creature.count, number: call.number, delay: call.delay, leaves: call.leaves, uses: call.uses })
        .toEqual({ name: 'Children of the Night', creature: 'Swarm of Bats', count: 8, number: '2d4', delay: '1d4', leaves: 'summoner', uses: { per: 'long-rest', count: 1 } });
      expect(v.notModelled).not.toContain('Action: Children of the Night');
      expect(v.approximations.some((l) => l.startsWith('Children of the Night: on its first turn it calls 2d4 swarms of bats'))).toBe(true);
      // The bats follow the vampire in the encounter's list, in reserve; the call is its first action.
      const t = compileScenario(against(v.creature)).encounters[0].enemies;
      expect(t.map((x) => x.name)).toEqual([v.name, ...Array.from({ length: 8 }, (_, i) => `Swarm of Bats ${i + 1} (${v.name})`)]);
      expect(t.slice(1).every((x) => x.reserve)).toBe(true);
      expect(t[0].actions[0].name).toBe('Children of the Night');
    }
    for (const [id, elemental] of [['djinni', 'Air Elemental'], ['efreeti', 'Fire Elemental']]) {
      const m = c.byId(id)!;
      const [call] = m.creature.summons!;
      expect({ creature: call.creature.name, when: call.when, leaves: call.leaves, spell: call.spell })
        .toEqual({ creature: elemental, when: 'before-fight', leaves: 'concentration', spell: { level: 5, concentration: true } });
      expect(m.notModelled).toEqual([]);
      const t = compileScenario(against(m.creature)).encounters[0].enemies;
      // Present from the start, not in reserve.
      expect(t.map((x) => [x.name, x.reserve])).toEqual([[m.name, false], [`${elemental} (${m.name})`, false]]);
    }
    // Animate Dead before the fight: a skeleton beside the lich, and one of its three 3rd-level slots spent.
    const lich = c.byId('lich')!;
    const lichT = compileScenario(against(lich.creature)).encounters[0].enemies;
    expect(lichT.map((x) => x.name)).toEqual(['Lich', 'Skeleton (Lich)']);
    expect(lich.creature.spellSlots![2]).toBe(3);
    expect(lichT[0].slots[2]).toBe(2);
  });

  it('SRD 5.2: the wraith raises a specter per fresh corpse, the treant animates two trees, and the lich and mummy lord animate a skeleton', async () => {
    const c = await loadCompendium2024();
    expect(c.problems).toEqual([]);
    const wraith = c.byId('wraith')!;
    expect(wraith.notModelled).toEqual([]);
    const [specter] = wraith.creature.summons!;
    expect({ creature: specter.creature.name, count: specter.creature.count, needsCorpse: specter.needsCorpse, leaves: specter.leaves })
      .toEqual({ creature: 'Specter', count: 7, needsCorpse: true, leaves: 'never' });
    // Two party members: at most two corpses, so two specters in reserve.
    expect(compileScenario(against(wraith.creature)).encounters[0].enemies.map((x) => x.name)).toEqual(['Wraith', 'Specter 1 (Wraith)', 'Specter 2 (Wraith)']);
    const treant = c.byId('treant')!;
    const [trees] = treant.creature.summons!;
    expect({ creature: trees.creature.name, count: trees.creature.count, summons: trees.creature.summons, leaves: trees.leaves })
      .toEqual({ creature: 'Treant', count: 2, summons: undefined, leaves: 'summoner' });
    for (const id of ['lich', 'mummy-lord']) {
      const m = c.byId(id)!;
      expect(m.creature.summons!.map((g) => [g.name, g.creature.name, g.when])).toEqual([['Animate Dead', 'Skeleton', 'before-fight']]);
      expect(m.notModelled.some((l) => l.startsWith('Spell: Animate Dead'))).toBe(false);
    }
  });

  it('SRD 5.1: the wraith raises specters as in SRD 5.2, and the treant animates two trees with only their Slam', async () => {
    const [c51, c52] = await Promise.all([loadCompendium(), loadCompendium2024()]);
    const wraith = c51.byId('wraith')!;
    expect(wraith.notModelled).toEqual([]);
    const [specter] = wraith.creature.summons!;
    const shape = (g: typeof specter) => ({ name: g.name, creature: g.creature.name, count: g.creature.count, needsCorpse: g.needsCorpse, leaves: g.leaves, when: g.when });
    // The same mechanism in both editions, each with its own bestiary's specter (SRD 5.1: 22 HP, Life Drain +4, 3d6 necrotic).
    expect(shape(specter)).toEqual(shape(c52.byId('wraith')!.creature.summons![0]));
    expect({ hp: specter.creature.hp, life: specter.creature.actions.map((a) => a.type === 'attack' && [a.name, a.attacks[0].toHit, a.attacks[0].damage]) })
      .toEqual({ hp: 22, life: [['Life Drain', 4, '3d6']] });
    expect(compileScenario(against(wraith.creature)).encounters[0].enemies.map((x) => x.name)).toEqual(['Wraith', 'Specter 1 (Wraith)', 'Specter 2 (Wraith)']);
    const treant = c51.byId('treant')!;
    expect(treant.notModelled).toEqual([]);
    const [trees] = treant.creature.summons!;
    // "They have only the Slam action option": no Multiattack, no Rock.
    expect({ creature: trees.creature.name, count: trees.creature.count, leaves: trees.leaves, uses: trees.uses, actions: trees.creature.actions.map((a) => a.name) })
      .toEqual({ creature: 'Treant', count: 2, leaves: 'summoner', uses: { per: 'long-rest', count: 1 }, actions: ['Slam'] });
    expect(treant.creature.actions.map((a) => a.name)).toEqual(['Multiattack', 'Slam', 'Rock']);
  });

  it('every summoner of both tables compiles, and a scenario file with one loads with its summons', async () => {
    const [c51, c52] = await Promise.all([loadCompendium(), loadCompendium2024()]);
    for (const [c, table] of [[c51, SUMMONS_2014], [c52, SUMMONS_2024]] as const) {
      for (const entry of table) {
        const m = c.monsters.find((x) => x.name === entry.summoner)!;
        expect(() => compileScenario(against(m.creature))).not.toThrow();
      }
    }
    const doc = minimalDocument();
    (doc.encounters as Array<{ enemies: unknown[] }>)[0].enemies = [c51.byId('vampire-vampire')!.creature];
    const loaded = loadScenarioJson(doc);
    expect(loaded.spec.encounters[0].enemies[0].summons?.[0].creature.name).toBe('Swarm of Bats');
    // A summoned creature cannot bring its own.
    const nested = structuredClone(doc) as typeof doc;
    const vampire = (nested.encounters as Array<{ enemies: CreatureSpec[] }>)[0].enemies[0];
    vampire.summons![0].creature.summons = [structuredClone(vampire.summons![0])];
    expect(() => loadScenarioJson(nested)).toThrow(/summons\[0\]\.creature\.summons.*a summoned creature cannot summon others in turn/s);
  });

  it('Mind Blank makes the 5.1 archmage immune to psychic damage and charm; Corrosive Form burns melee attackers and hardens the ooze', async () => {
    const [c51, c52] = await Promise.all([loadCompendium(), loadCompendium2024()]);
    const archmage = c51.byId('archmage')!;
    expect(archmage.creature.immunities).toContain('psychic');
    expect(archmage.creature.traits?.conditionImmunities).toContain('charmed');
    expect(archmage.immunities).not.toContain('psychic'); // the stat block's own list is unchanged
    expect(archmage.notModelled.some((l) => l.startsWith('Spell: Mind Blank'))).toBe(false);
    const ooze = c52.byId('gray-ooze')!;
    expect(ooze.notModelled).toEqual([]);
    expect(ooze.creature.effects?.find((e) => e.name.endsWith('Corrosive Form'))?.acBonus).toBe(1);
    const pudding = c52.byId('black-pudding')!;
    expect(pudding.creature.effects?.find((e) => e.name.endsWith('(acid)'))).toMatchObject({ retaliate: '1d8', retaliateType: 'acid', retaliateAlways: true });
  });
});
