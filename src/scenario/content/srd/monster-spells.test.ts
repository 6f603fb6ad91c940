// Monster spellcasting: every spell the SRD monsters cast is classified, named casters get the
// numbers their stat blocks print, everything produced compiles in the engine, and Magic Missile
// deals its exact mean damage. The reference file lives in ../shared and is not part of a user's
// clone: the checks that need it skip with a message when it is absent.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, compileScenario, simulate, type CreatureSpec, type EffectAction, type SaveAction } from '../../../engine/index.ts';
import { character, diceSum, dummy, fight, mean, variance, zScore } from '../../../engine/test-support.ts';
import { MONSTER_SPELLS, classifySpell, monsterSpellcasting, type MonsterSpellcasting } from './monster-spells.ts';

const referencePath = fileURLToPath(new URL('../../../../../shared/reference/srd/5e-SRD-Monsters-2014.json', import.meta.url));
const hasReference = existsSync(referencePath);
if (!hasReference) console.info(`Skipping the SRD monster spellcasting checks: ${referencePath} is absent (it is not part of the project).`);

interface RawMonster {
  name: string;
  challenge_rating: number;
  dexterity: number;
  charisma: number;
  wisdom: number;
  intelligence: number;
  armor_class: Array<{ type: string; value: number }>;
  special_abilities?: Array<{ name: string; spellcasting?: { spells: Array<{ name: string }> } }>;
}

const monsters: RawMonster[] = hasReference ? (JSON.parse(readFileSync(referencePath, 'utf8')) as RawMonster[]) : [];

function casting(name: string): MonsterSpellcasting {
  const m = monsters.find((x) => x.name === name);
  if (!m) throw new Error(`no monster ${name} in the reference`);
  const ability = m.special_abilities?.find((a) => a.spellcasting !== undefined);
  const base = m.armor_class.find((a) => a.type !== 'spell');
  const out = monsterSpellcasting(ability, m.challenge_rating, {
    ac: base?.value, dexterity: m.dexterity, armorClass: m.armor_class,
    abilityScores: { int: m.intelligence, wis: m.wisdom, cha: m.charisma }, counterspell: true,
  });
  if (!out) throw new Error(`${name} has no spellcasting`);
  return out;
}

const allActions = (s: MonsterSpellcasting) => [...s.actions, ...s.effectActions];
const named = (s: MonsterSpellcasting, name: string) => allActions(s).find((a) => a.name === name);

/** A one-monster scenario with the spells in place, compiled as the compendium would run it. */
function casterCreature(name: string, s: MonsterSpellcasting): CreatureSpec {
  return {
    ...dummy(name, { hp: 50 }),
    actions: s.actions,
    ...(s.effectActions.length > 0 && { effectActions: s.effectActions }),
    ...(s.reactions.length > 0 && { reactions: s.reactions }),
    ...(s.spellSlots && { spellSlots: s.spellSlots }),
    ...(s.casterLevel !== null && { level: s.casterLevel }),
    ...(s.precastEffects.length > 0 && { effects: s.precastEffects }),
    tactics: 'auto',
  };
}

describe('the spell table', () => {
  it('classifies each spell once, with a rule for each approximation', () => {
    const lower = Object.keys(MONSTER_SPELLS).map((n) => n.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    const entries = Object.entries(MONSTER_SPELLS);
    expect(entries.filter(([, e]) => e.class === 'approximated' && !e.note).map(([n]) => n)).toEqual([]);
    const runnable = entries.filter(([, e]) => e.class === 'modelled' || e.class === 'approximated');
    expect(runnable.filter(([, e]) => e.build === undefined && e.special === undefined).map(([n]) => n)).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(monsterSpellcasting(null, 1)).toBeNull();
    expect(monsterSpellcasting({ name: 'Multiattack' }, 1)).toBeNull();
    for (const odd of [{ spellcasting: 3 }, { spellcasting: { spells: 'fireball' } }, { spellcasting: { dc: 'x', spells: [null, { name: 7 }, { name: 'Fireball', usage: { type: 'sometimes' } }] } }]) {
      const out = monsterSpellcasting(odd, Number.NaN);
      expect(out).not.toBeNull();
      expect(out!.notModelled.length).toBeGreaterThan(0);
    }
    // No DC and no attack bonus: spells that need them are listed, not built with a made-up DC.
    const out = monsterSpellcasting({ spellcasting: { spells: [{ name: 'Fireball', level: 3, usage: { type: 'per day', times: 1 } }, { name: 'Light', level: 0 }] } }, 3)!;
    expect(out.actions).toEqual([]);
    expect(out.notModelled).toEqual(['Spell: Fireball: not modelled (the stat block gives no spell save DC or attack bonus)']);
  });
});

describe.skipIf(!hasReference)('SRD monsters that cast spells', () => {
  const casters = monsters.filter((m) => m.special_abilities?.some((a) => a.spellcasting !== undefined));

  it('every spell they cast is classified', () => {
    const names = new Set(casters.flatMap((m) => m.special_abilities!.flatMap((a) => a.spellcasting?.spells.map((s) => s.name) ?? [])));
    expect(casters.length).toBe(36);
    expect(names.size).toBe(128);
    expect([...names].filter((n) => classifySpell(n) === null)).toEqual([]);
  });

  it('every action they get compiles in the engine', () => {
    const problems: string[] = [];
    for (const m of casters) {
      const s = casting(m.name);
      try {
        compileScenario({ ...fight([character('Hero', { hp: 40, ac: 15 })], [casterCreature(m.name, s)]), rules: DEFAULT_RULES });
      } catch (e) {
        problems.push(`${m.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      problems.push(...s.notModelled.filter((line) => !/^Spell(casting)?: /.test(line)).map((line) => `${m.name}: odd line ${line}`));
      problems.push(...s.modelled.filter((n) => !/^(modelled|approximated)$/.test(classifySpell(n) ?? '')).map((n) => `${m.name}: ${n} is not runnable`));
    }
    expect(problems).toEqual([]);
  });

  it('the Mage: Fireball with 3 third-level slots, Shield, AC 15 with Mage Armor', () => {
    const mage = casting('Mage');
    const fireball = named(mage, 'Fireball') as SaveAction;
    expect(fireball).toMatchObject({
      type: 'save', damage: '8d6', damageType: 'fire', ability: 'dex', dc: 14, onSuccess: 'half', spell: { level: 3 },
    });
    expect(mage.spellSlots).toEqual([4, 3, 3, 3, 1]);
    expect(mage.spellSlots![2]).toBe(3);
    expect(mage.reactions).toEqual([{ kind: 'shield' }, { kind: 'counterspell', bonus: 3 }]);
    expect(mage.acWithPrecastSpells).toBe(15);
    expect(mage.casterLevel).toBe(9);
    expect(named(mage, 'Fire Bolt')).toMatchObject({ type: 'attack', attacks: [{ toHit: 6, damage: '1d10', damageType: 'fire' }], spell: { cantripScaling: true } });
    expect(named(mage, 'Magic Missile')).toMatchObject({ damage: '3d4+3', damageType: 'force' });
    expect(named(mage, 'Greater Invisibility')).toMatchObject({ type: 'effect', target: 'self', effect: { conditions: ['invisible'] } });
    expect(mage.notModelled.some((l) => /^Spell: Counterspell: a reaction against an enemy's spell of 2nd level or higher/.test(l))).toBe(true);
    expect(mage.notModelled.some((l) => l.startsWith('Spell: Ice Storm: '))).toBe(true);
    // Non-combat spells are not gaps.
    expect(mage.notModelled.some((l) => /Light|Mage Hand|Detect Magic|Prestidigitation/.test(l))).toBe(false);
  });

  it('Counterspell is a reaction with the spellcasting modifier for its check: Mage +3, Archmage +5, Lich +5', () => {
    // "+6 to hit with spell attacks" at CR 6 (proficiency +3): Intelligence +3; the Archmage +9 at CR 12, the Lich +12 at CR 21.
    expect(casting('Mage').reactions).toContainEqual({ kind: 'counterspell', bonus: 3 });
    expect(casting('Archmage').reactions).toEqual([{ kind: 'counterspell', bonus: 5 }]);
    expect(casting('Lich').notModelled.filter((l) => /Counterspell: not modelled/.test(l))).toEqual([]);
  });

  it('without the SRD 5.1 reading asked for, Counterspell stays a spell not modelled (the SRD 5.2 spell works otherwise)', () => {
    const m = monsters.find((x) => x.name === 'Mage')!;
    const out = monsterSpellcasting(m.special_abilities?.find((a) => a.spellcasting !== undefined), m.challenge_rating)!;
    expect(out.reactions).toEqual([{ kind: 'shield' }]);
    expect(out.notModelled).toContain('Spell: Counterspell: not modelled');
  });

  it("the Archmage's Fire Shield deals 2d8 fire back on every melee hit", () => {
    const shield = named(casting('Archmage'), 'Fire Shield') as EffectAction;
    expect(shield.effect).toMatchObject({ resistances: ['cold'], retaliate: '2d8', retaliateType: 'fire', retaliateAlways: true });
  });

  it('the Archmage: Mage Armor and a precast Stoneskin', () => {
    const archmage = casting('Archmage');
    expect(archmage.acWithPrecastSpells).toBe(15);
    expect(archmage.precastEffects).toEqual([{ name: 'Stoneskin', duration: { kind: 'encounter' }, resistances: ['bludgeoning', 'piercing', 'slashing'] }]);
    expect(named(archmage, 'Stoneskin')).toBeUndefined();
  });

  it('the Lich: Power Word Kill, Finger of Death and its slots', () => {
    const lich = casting('Lich');
    expect(lich.spellSlots).toEqual([4, 3, 3, 3, 3, 1, 1, 1, 1]);
    expect(named(lich, 'Power Word Kill')).toMatchObject({ type: 'save', damage: '100', spell: { level: 9 } });
    expect(named(lich, 'Finger of Death')).toMatchObject({
      type: 'save', damage: '7d8+30', damageType: 'necrotic', ability: 'con', dc: 20, onSuccess: 'half', spell: { level: 7 },
    });
    expect(named(lich, 'Ray of Frost')).toMatchObject({ attacks: [{ toHit: 12, damage: '1d8', damageType: 'cold' }] });
    expect(lich.reactions).toEqual([{ kind: 'shield' }, { kind: 'counterspell', bonus: 5 }]);
    // Dominate Monster (8th) is the concentration spell it keeps going first.
    expect(lich.effectActions[0].name).toBe('Dominate Monster');
  });

  it('the Priest: Spirit Guardians and Cure Wounds', () => {
    const priest = casting('Priest');
    expect(priest.spellSlots).toEqual([4, 3, 2]);
    const guardians = named(priest, 'Spirit Guardians') as EffectAction;
    expect(guardians.effect!.turnDamage).toEqual({ damage: '3d8', damageType: 'radiant', when: 'start', save: { ability: 'wis', dc: 13 }, onSuccess: 'half' });
    // Wisdom 16: +3 to Cure Wounds; a monster heals a wounded ally (its fallen allies are dead).
    expect(named(priest, 'Cure Wounds')).toMatchObject({ type: 'heal', amount: '1d8+3', condition: 'ally-below-half', spell: { level: 1, upcast: '1d8' } });
  });

  it('the Priest: Sanctuary on itself once a fight, as disadvantage on attacks against it until its next turn', () => {
    const priest = casting('Priest');
    expect(named(priest, 'Sanctuary')).toMatchObject({
      type: 'effect', target: 'self', slot: 'bonus', condition: 'not-used-yet', spell: { level: 1 },
      effect: { duration: { kind: 'target-turn-start' }, attacksAgainst: 'disadvantage' },
    });
    expect(priest.notModelled.some((l) => l.startsWith('Spell: Sanctuary: cast on itself once a fight'))).toBe(true);
  });

  it('the Priest: Dispel Magic and Lesser Restoration end effects, with its spellcasting modifier (+3) for the check', () => {
    const priest = casting('Priest');
    expect(named(priest, 'Dispel Magic')).toMatchObject({ type: 'effect', target: 'allies', spell: { level: 3 }, ends: { spells: true, checkBonus: 3 } });
    expect(named(priest, 'Lesser Restoration')).toMatchObject({ type: 'effect', target: 'allies', spell: { level: 2 }, ends: { conditions: ['blinded', 'paralyzed', 'poisoned'] } });
    expect((named(priest, 'Dispel Magic') as EffectAction).effect).toBeUndefined();
    expect(priest.notModelled.filter((l) => / not modelled/.test(l))).toEqual([]);
  });

  it('the Couatl: Greater Restoration ends a charm, Protection from Poison gives resistance to poison', () => {
    const couatl = casting('Couatl');
    expect(named(couatl, 'Greater Restoration')).toMatchObject({ ends: { conditions: ['charmed'] }, uses: { per: 'long-rest', count: 1 } });
    expect(named(couatl, 'Protection from Poison')).toMatchObject({ target: 'allies', effect: { resistances: ['poison'], duration: { kind: 'encounter' } } });
    expect(couatl.notModelled.filter((l) => / not modelled/.test(l))).toEqual([]);
  });

  it('the Guardian Naga: Freedom of Movement makes it immune to paralysis and restraint; True Seeing is not cast, with the reason', () => {
    const naga = casting('Guardian Naga');
    expect(naga.precastConditionImmunities).toEqual(['paralyzed', 'restrained']);
    expect(named(naga, 'True Seeing')).toBeUndefined();
    expect(naga.notModelled.some((l) => l.startsWith('Spell: True Seeing: its truesight is not simulated'))).toBe(true);
    expect(naga.notModelled.some((l) => l.startsWith('Spell: Freedom of Movement: assumed cast on itself before the fight'))).toBe(true);
  });

  it('the Oni: Sleep on the enemy with the fewest hit points, Charm Person takes a humanoid out until it is hurt, Darkness cancels out', () => {
    const oni = casting('Oni');
    expect(named(oni, 'Sleep')).toMatchObject({
      type: 'effect', target: 'enemies', enemyTargeting: 'lowest-hp', targets: 1, uses: { per: 'long-rest', count: 1 },
      effect: { conditions: ['unconscious'], endsOnDamage: true, duration: { kind: 'rounds', rounds: 10 } },
    });
    expect((named(oni, 'Sleep') as EffectAction).save).toBeUndefined();
    expect((named(oni, 'Sleep') as EffectAction).effect!.onlyCreatureTypes).not.toContain('undead');
    // DC 13, less 4 for the target's advantage on the save while the oni's side fights it.
    expect(named(oni, 'Charm Person')).toMatchObject({
      save: { ability: 'wis', dc: 9 },
      effect: { conditions: ['charmed', 'incapacitated'], endsOnDamage: true, onlyCreatureTypes: ['humanoid'], duration: { kind: 'encounter' } },
    });
    // Darkvision does not see through magical darkness: both sides are blind, so it is not cast.
    expect(named(oni, 'Darkness')).toBeUndefined();
    expect(oni.modelled).toEqual(expect.arrayContaining(['Darkness', 'Gaseous Form', 'Sleep', 'Charm Person']));
    expect(oni.notModelled).toContain('Spell: Gaseous Form: no positions: movement and escape are not simulated; the caster stays and fights');
    expect(oni.notModelled.filter((l) => /not modelled/.test(l))).toEqual([]);
  });

  it('a caster that sees through magical darkness (truesight) fights in its Darkness with advantage', () => {
    const ability = { spellcasting: { dc: 16, spells: [{ name: 'Darkness', level: 2, usage: { type: 'at will' } }] } };
    const blind = monsterSpellcasting(ability, 9)!;
    expect(blind.effectActions).toEqual([]);
    const sees = monsterSpellcasting(ability, 9, { seesInMagicalDarkness: true })!;
    expect(sees.effectActions).toMatchObject([{
      name: 'Darkness', target: 'self', spell: { level: 2, concentration: true },
      effect: { attacksBy: 'advantage', attacksAgainst: 'disadvantage' },
    }]);
  });

  it('the Cloud Giant: no DC printed, so Telekinesis takes DC 15 from its Charisma; Fly, Misty Step and Fog Cloud change nothing', () => {
    const giant = casting('Cloud Giant');
    // Charisma 16 (+3), challenge 9 (+4): DC 8 + 4 + 3.
    expect(named(giant, 'Telekinesis')).toMatchObject({
      save: { ability: 'str', dc: 15 }, spell: { level: 5, concentration: true }, uses: { per: 'long-rest', count: 3 },
      effect: { conditions: ['restrained'], saveEnds: true },
    });
    expect(named(giant, 'Fog Cloud')).toBeUndefined();
    expect(giant.notModelled.filter((l) => /not modelled/.test(l))).toEqual([]);
  });

  it('Dispel Evil and Good is not cast against characters, who are humanoid', () => {
    const solar = casting('Solar');
    expect(named(solar, 'Dispel Evil and Good')).toBeUndefined();
    expect(solar.notModelled.some((l) => l.startsWith('Spell: Dispel Evil and Good: it works only against celestials'))).toBe(true);
  });

  it('the Acolyte: Sacred Flame and Bless', () => {
    const acolyte = casting('Acolyte');
    expect(named(acolyte, 'Sacred Flame')).toMatchObject({ type: 'save', dc: 12, ability: 'dex', damage: '1d8', damageType: 'radiant', onSuccess: 'none' });
    expect(named(acolyte, 'Bless')).toMatchObject({ type: 'effect', target: 'allies', targets: 3, effect: { attackBonus: '1d4', saveBonus: '1d4' } });
    expect(acolyte.spellSlots).toEqual([3]);
    expect(acolyte.casterLevel).toBe(1);
  });

  it('the Cult Fanatic: Hold Person, Inflict Wounds and Spiritual Weapon', () => {
    const fanatic = casting('Cult Fanatic');
    expect(named(fanatic, 'Hold Person')).toMatchObject({
      type: 'effect', save: { ability: 'wis', dc: 11 }, effect: { conditions: ['paralyzed'], saveEnds: true, onlyCreatureTypes: ['humanoid'] },
    });
    expect(named(fanatic, 'Inflict Wounds')).toMatchObject({ type: 'attack', attacks: [{ toHit: 3, damage: '3d10', damageType: 'necrotic', reach: 'melee' }] });
    // Wisdom 13: 1d8+1 force.
    expect(named(fanatic, 'Spiritual Weapon')).toMatchObject({ slot: 'bonus', spell: { level: 2 }, attacks: [{ toHit: 3, damage: '1d8+1', damageType: 'force' }] });
    const cast = fanatic.actions.findIndex((a) => a.name === 'Spiritual Weapon');
    expect(fanatic.actions[cast + 1]).toMatchObject({ name: 'Spiritual Weapon (again)', condition: 'after-previous', slot: 'bonus' });
    expect(fanatic.actions[cast + 1].spell).toBeUndefined();
    expect(named(fanatic, 'Shield of Faith')).toMatchObject({ slot: 'bonus', effect: { acBonus: 2 } });
  });

  it("a Djinni's innate Thunderwave is at will; its per-day spells are uses", () => {
    const djinni = casting('Djinni');
    expect(djinni.spellSlots).toBeNull();
    expect(named(djinni, 'Thunderwave')).toMatchObject({ type: 'save', dc: 17, ability: 'con', damage: '2d8', uses: { per: 'at-will' } });
    expect(named(djinni, 'Invisibility')).toMatchObject({ uses: { per: 'long-rest', count: 1 } });
    expect(djinni.notModelled).toContain('Spell: Conjure Elemental: not modelled');
  });

  it('innate cantrips are written out by challenge rating', () => {
    const hag = casting('Green Hag');
    expect(named(hag, 'Vicious Mockery')).toMatchObject({ damage: '1d4', spell: { level: 0 } });
    expect((named(hag, 'Vicious Mockery') as SaveAction).spell?.cantripScaling).toBeUndefined();
  });
});

describe('Magic Missile as a monster casts it', () => {
  it('three darts of 1d4+1 force always hit: exact mean damage over the rounds', () => {
    const s = monsterSpellcasting({ spellcasting: { dc: 14, modifier: 6, spells: [{ name: 'Magic Missile', level: 1, usage: { type: 'at will' } }] } }, 6)!;
    expect(s.actions).toHaveLength(1);
    const caster = { ...character('Mage', { hp: 1000 }), actions: s.actions };
    const ROUNDS = 5, RUNS = 4000;
    const agg = simulate(fight([caster], [dummy('Target')], { roundCap: ROUNDS }), 77, RUNS);
    expect(agg.dayDraw).toBe(RUNS);
    expect(agg.characters[0].actionUses[0]).toBe(ROUNDS * RUNS);
    const perCast = diceSum(3, 4, 3);
    const perRun = agg.characters[0].damageDealt / RUNS;
    expect(mean(perCast) * ROUNDS).toBe(52.5);
    expect(zScore(perRun, mean(perCast) * ROUNDS, Math.sqrt((variance(perCast) * ROUNDS) / RUNS))).toBeLessThan(4);
  });
});
