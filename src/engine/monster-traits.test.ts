// Monster traits that change saving throws and what a death does, against exact values: advantage
// on saves against a condition (Fey Ancestry, Brave) or against spells for some abilities (Gnome
// Cunning), and a Death Burst that reaches every enemy it catches, even from the last monster.

import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import {
  attackAction, attackOdds, character, creature, dummy, effect, effectAction, fight, proportionSE, replays, saveSuccess, sureDamage, weapon, zScore,
} from './test-support.ts';
import type { CreatureSpec } from './types.ts';

const RUNS = 4000;

describe('advantage on saves', () => {
  // One attempt in a one-round fight: Wis +0 against DC 13 fails with 12/20, twice with 0.36.
  const charm = effectAction('Charm', 'enemies', effect('Charmed', { conditions: ['charmed'], duration: { kind: 'encounter' } }), {
    save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: 1 }, spell: { level: 1 },
  });
  const fear = effectAction('Scare', 'enemies', effect('Scared', { conditions: ['frightened'], duration: { kind: 'encounter' } }), {
    save: { ability: 'wis', dc: 13 }, uses: { per: 'encounter', count: 1 },
  });
  const heldRate = (action: typeof charm, target: CreatureSpec, seed: number) => {
    const caster = character('Enchanter', { hp: 1000, initiativeBonus: 30, effectActions: [action] });
    let held = 0;
    for (const events of replays(fight([caster], [target], { roundCap: 1 }), seed, RUNS)) if (events.some((e) => e.t === 'effect')) held++;
    return held / RUNS;
  };

  it('against the named condition only', () => {
    const elf = dummy('Elf', { traits: { saveAdvantageAgainst: ['charmed'] } });
    expect(zScore(heldRate(charm, dummy('Human'), 101), 0.6, proportionSE(0.6, RUNS))).toBeLessThan(4);
    expect(zScore(heldRate(charm, elf, 102), 0.36, proportionSE(0.36, RUNS))).toBeLessThan(4);
    // Frightened is not what the elf resists.
    expect(zScore(heldRate(fear, elf, 103), 0.6, proportionSE(0.6, RUNS))).toBeLessThan(4);
  });

  it('against spells, for the listed abilities', () => {
    const gnome = dummy('Gnome', { traits: { spellSaveAdvantage: ['int', 'wis', 'cha'] } });
    // The charm is a spell: advantage. The scare is not.
    expect(zScore(heldRate(charm, gnome, 104), 0.36, proportionSE(0.36, RUNS))).toBeLessThan(4);
    expect(zScore(heldRate(fear, gnome, 105), 0.6, proportionSE(0.6, RUNS))).toBeLessThan(4);
  });
});

describe('Death Burst', () => {
  const mephit = (over: Partial<CreatureSpec> = {}) => creature('Mephit', {
    hp: 1, ac: 1, initiativeBonus: -10,
    deathBurst: { dc: 40, ability: 'dex', damage: '7', damageType: 'fire', onSuccess: 'half', targets: 2 },
    ...over,
  });
  const heroes = () => ['Ana', 'Bo'].map((n) => character(n, { hp: 100, initiativeBonus: 30, actions: [sureDamage('Jab', '1')] }));

  it('the last monster\'s burst still reaches both heroes, who cannot make DC 40', () => {
    const agg = simulate(fight(heroes(), [mephit()], { roundCap: 3 }), 106, 500);
    expect(agg.dayVictory).toBe(500);
    expect(agg.characters.map((c) => c.damageTaken)).toEqual([7 * 500, 7 * 500]);
  });

  it('half on a save, and fire resistance halves again', () => {
    // DC 1: every save succeeds; 7 fire -> 3 on a success -> 1 with resistance.
    const resistant = heroes().map((h, i) => (i === 0 ? { ...h, resistances: ['fire' as const] } : h));
    const agg = simulate(fight(resistant, [mephit({ deathBurst: { dc: 1, ability: 'dex', damage: '7', damageType: 'fire', onSuccess: 'half', targets: 2 } })], { roundCap: 3 }), 107, 500);
    expect(agg.characters.map((c) => c.damageTaken)).toEqual([1 * 500, 3 * 500]);
  });

  it('a burst that blinds (a dust mephit\'s): each hero who fails Con DC 10 (9/20 with +0) is blinded', () => {
    const blinding = mephit({ deathBurst: {
      dc: 10, ability: 'con', damage: '0', damageType: 'bludgeoning', onSuccess: 'none', targets: 2,
      effect: effect('Dust', { conditions: ['blinded'], saveEnds: true, duration: { kind: 'encounter' } }),
    } });
    let blinded = 0;
    for (const events of replays(fight(heroes(), [blinding], { roundCap: 3 }), 108, RUNS)) {
      blinded += events.filter((e) => e.t === 'effect' && e.effect === 'Dust').length;
    }
    const p = 1 - saveSuccess(10, 0);
    expect(p).toBeCloseTo(9 / 20, 12);
    expect(zScore(blinded / (2 * RUNS), p, proportionSE(p, 2 * RUNS))).toBeLessThan(4);
  });
});

describe('Undead Fortitude, healing prevented, damage back on every melee hit', () => {
  it('Undead Fortitude keeps it at 1 HP on a Con save against 5 + the damage, never against radiant', () => {
    // 12 damage to a 10-HP zombie with Con +3: DC 17, success on 14 or more: 7/20.
    const zombie = (over: Partial<CreatureSpec> = {}) => creature('Zombie', {
      hp: 10, initiativeBonus: -10, saves: { str: 0, dex: 0, con: 3, int: 0, wis: 0, cha: 0 }, traits: { undeadFortitude: true }, ...over,
    });
    const hero = (damageType: 'slashing' | 'radiant') => character('Hero', { hp: 100, initiativeBonus: 30, actions: [sureDamage('Smash', '12', { damageType })] });
    const killed = (damageType: 'slashing' | 'radiant', seed: number) =>
      simulate(fight([hero(damageType)], [zombie()], { roundCap: 1 }), seed, RUNS).encounters[0].enemies[0].killedRuns / RUNS;
    expect(zScore(killed('slashing', 108), 13 / 20, proportionSE(13 / 20, RUNS))).toBeLessThan(4);
    expect(killed('radiant', 109)).toBe(1);
  });

  it('an effect that prevents healing stops regeneration', () => {
    const troll = (preventsHealing: boolean) => creature('Troll', {
      hp: 100, initiativeBonus: -10, traits: { regeneration: 10 },
      ...(preventsHealing && { effects: [effect('Festering Wound', { preventsHealing: true })] }),
    });
    const hero = character('Hero', { hp: 100, initiativeBonus: 30, actions: [sureDamage('Cut', '5')] });
    const regenerated = (on: boolean) => replays(fight([hero], [troll(on)], { roundCap: 3 }), 110, 20).flat().filter((e) => e.t === 'regenerate').length;
    // The hero cuts first each round, so the troll regenerates on each of its three turns.
    expect(regenerated(false)).toBe(20 * 3);
    expect(regenerated(true)).toBe(0);
  });

  it('damage back on every melee hit when it is always on, only with temporary HP otherwise', () => {
    const salamander = (always: boolean) => dummy('Salamander', {
      ac: 1, effects: [effect('Heated Body', { retaliate: '3', retaliateType: 'fire', ...(always && { retaliateAlways: true }) })],
    });
    const hero = character('Hero', { hp: 100000, actions: [attackAction('Sword', [weapon(10, '1')])] });
    const rounds = 5;
    const takenPerRun = (always: boolean) => simulate(fight([hero], [salamander(always)], { roundCap: rounds }), 111, RUNS).characters[0].damageTaken / RUNS;
    const hit = attackOdds(10, 1, 20).hit;
    expect(Math.abs(takenPerRun(true) - 3 * rounds * hit)).toBeLessThan(4 * 3 * Math.sqrt((rounds * hit * (1 - hit)) / RUNS));
    expect(takenPerRun(false)).toBe(0);
  });
});

describe('Counterspell', () => {
  const mage = (slots: number[]) => dummy('Mage', { initiativeBonus: -10, spellSlots: slots, reactions: [{ kind: 'counterspell', bonus: 3 }] });
  const wizard = (level: number, slots: number[]) => character('Wizard', {
    hp: 1000, initiativeBonus: 30, spellSlots: slots, actions: [sureDamage('Blast', '10', { spell: { level } })],
  });

  it('a 3rd-level spell fails while the counter has 3rd-level slots; then it lands', () => {
    // Three casts in three rounds; the mage's two 3rd-level slots counter the first two.
    const spec = fight([wizard(3, [0, 0, 3])], [mage([0, 0, 2])], { roundCap: 3 });
    expect(simulate(spec, 113, 200).encounters[0].enemies[0].damageTaken).toBe(10 * 200);
    for (const events of replays(spec, 114, 20)) {
      expect(events.filter((e) => e.t === 'countered').map((e) => (e.t === 'countered' ? e.success : null))).toEqual([true, true]);
    }
  });

  it('a 5th-level spell against a 3rd-level counter fails only on the check: d20 + 3 against 15', () => {
    const agg = simulate(fight([wizard(5, [0, 0, 0, 0, 1])], [mage([0, 0, 1])], { roundCap: 1 }), 115, RUNS);
    const landed = agg.encounters[0].enemies[0].damageTaken / 10 / RUNS;
    expect(zScore(landed, 11 / 20, proportionSE(11 / 20, RUNS))).toBeLessThan(4);
  });

  it('1st-level spells are let through', () => {
    const agg = simulate(fight([wizard(1, [3])], [mage([0, 0, 2])], { roundCap: 3 }), 116, 200);
    expect(agg.encounters[0].enemies[0].damageTaken).toBe(30 * 200);
  });
  it('the 2024 spell: the caster makes a Constitution save, and a countered spell keeps its slot', () => {
    // One 2nd-level slot; the mage counters once (a use, no slots) with DC 13: the wizard (Con +0) saves
    // with 8/20. Saved: the spell lands in round 1 and the slot is gone. Failed (12/20): the slot is
    // kept and the spell lands in round 2. Under the 2014 spell the countered slot would be spent.
    const mage2024 = () => dummy('Mage', {
      initiativeBonus: -10, reactions: [{ kind: 'counterspell', bonus: 3, saveDc: 13, uses: { per: 'encounter', count: 1 } }],
    });
    const caster = (magicResistance: boolean) => ({ ...wizard(2, [0, 1]), traits: { magicResistance } });
    for (const magicResistance of [false, true]) {
      const saved = magicResistance ? 1 - (12 / 20) ** 2 : saveSuccess(13, 0);
      let round1 = 0, round2 = 0;
      for (const events of replays(fight([caster(magicResistance)], [mage2024()], { roundCap: 2 }), 117, RUNS)) {
        let round = 0;
        for (const e of events) {
          if (e.t === 'round') round = e.round;
          else if (e.t === 'save' && e.who === 'Wizard') {
            if (round === 1) round1++;
            else round2++;
          }
        }
      }
      expect(zScore(round1 / RUNS, saved, proportionSE(saved, RUNS))).toBeLessThan(4);
      expect(zScore(round2 / RUNS, 1 - saved, proportionSE(1 - saved, RUNS))).toBeLessThan(4);
      expect(round1 + round2).toBe(RUNS);
    }
  });
});
