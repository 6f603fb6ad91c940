// The SRD 5.2 converter against the reference export in ../shared (not part of a user's clone: the
// checks skip with a message when it is absent). The expected numbers are the stat blocks' own, read
// by hand from the reference data.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AttackAction, CreatureActionSpec, EffectAction, HealAction, SaveAction } from '../../../engine/index.ts';
import { simulationProblem } from '../srd/stat-block.ts';
import type { CompendiumMonster } from '../srd/types.ts';
import { convertSrd2024Creature } from './convert.ts';
import { joinSrd2024, type Srd2024Creature } from './source.ts';

const folder = fileURLToPath(new URL('../../../../../shared/reference/srd-2024/', import.meta.url));
const hasReference = existsSync(`${folder}Creature.json`);
if (!hasReference) console.info(`Skipping the SRD 5.2 converter checks: ${folder} is absent (it is not part of the project).`);

function load(): Srd2024Creature[] {
  const read = (name: string): unknown => JSON.parse(readFileSync(`${folder}${name}`, 'utf8'));
  return joinSrd2024({
    creatures: read('Creature.json'), actions: read('CreatureAction.json'), attacks: read('CreatureActionAttack.json'), traits: read('CreatureTrait.json'),
  });
}

const creatures = hasReference ? load() : [];
function convert(id: string): CompendiumMonster {
  const c = creatures.find((x) => x.key === `srd-2024_${id}`);
  if (!c) throw new Error(`${id} is not in the reference`);
  return convertSrd2024Creature(c).entry;
}
const attack = (m: CompendiumMonster, name: string): AttackAction => m.creature.actions.find((a): a is AttackAction => a.type === 'attack' && a.name === name)!;
const save = (m: CompendiumMonster, name: string): SaveAction => m.creature.actions.find((a): a is SaveAction => a.type === 'save' && a.name === name)!;
const effect = (m: CompendiumMonster, name: string): EffectAction => m.creature.effectActions!.find((a) => a.name === name)!;

describe.skipIf(!hasReference)('SRD 5.2 converter', () => {
  it('reads the Adult Red Dragon: facts, Rend with its fire, Fire Breath, legendary actions and resistance', () => {
    const m = convert('adult-red-dragon');
    expect({ ac: m.ac, hp: m.hp, hitDice: m.hitDice, cr: m.cr, xp: m.xp, size: m.size, type: m.type, immunities: m.immunities })
      .toEqual({ ac: 19, hp: 256, hitDice: '19d12', cr: 17, xp: 18000, size: 'huge', type: 'dragon', immunities: ['fire'] });
    expect({ initiative: m.creature.initiativeBonus, formula: m.creature.hpFormula, dex: m.saves.dex, wis: m.saves.wis })
      .toEqual({ initiative: 12, formula: '19d12+133', dex: 6, wis: 7 });
    // "Melee Attack Roll: +14, reach 10 ft. 13 (1d10 + 8) Slashing damage plus 5 (2d4) Fire damage."
    const rend = attack(m, 'Rend').attacks[0];
    expect(rend).toMatchObject({ toHit: 14, damage: '1d10+8', damageType: 'slashing', reach: 'melee', extraDamage: [{ damage: '2d4', damageType: 'fire' }] });
    expect(attack(m, 'Multiattack').attacks).toEqual([{ ...rend, count: 3 }]);
    // "Dexterity Saving Throw: DC 21, each creature in a 60-foot Cone. Failure: 59 (17d6) Fire damage. Success: Half damage." (Recharge 5-6)
    expect(save(m, 'Fire Breath')).toMatchObject({ dc: 21, ability: 'dex', damage: '17d6', damageType: 'fire', onSuccess: 'half', uses: { per: 'recharge', min: 5 }, targets: 3 });
    expect(m.legendary).toEqual({
      actionsPerRound: 3, resistancePerDay: 3,
      actions: [{ name: 'Commanding Presence', cost: 1 }, { name: 'Fiery Rays', cost: 1 }, { name: 'Pounce', cost: 1 }],
    });
    const legendary = m.creature.legendary!;
    expect({ perRound: legendary.perRound, resistances: legendary.resistances }).toEqual({ perRound: 3, resistances: 3 });
    const byName = (n: string) => legendary.actions.find((l) => l.action.name.startsWith(n))!;
    const pounce = byName('Pounce');
    expect({ attacks: (pounce.action as AttackAction).attacks, once: pounce.oncePerRound }).toEqual({ attacks: [{ ...rend, count: 1 }], once: undefined });
    const rays = byName('Fiery Rays');
    expect({ type: rays.action.type, toHit: (rays.action as AttackAction).attacks[0].toHit, count: (rays.action as AttackAction).attacks[0].count, once: rays.oncePerRound })
      .toEqual({ type: 'attack', toHit: 12, count: 3, once: true });
    expect(byName('Commanding Presence')).toMatchObject({ oncePerRound: true, action: { type: 'effect', save: { ability: 'wis', dc: 20 } } });
    // Spellcasting: Fireball 1/day at DC 20.
    expect(save(m, 'Fireball')).toMatchObject({ dc: 20, damage: '8d6', uses: { per: 'long-rest', count: 1 } });
    expect(m.notModelled).toEqual([]);
  });

  it('runs the 2024 Counterspell as a reaction whose target makes a Constitution save against the caster\'s DC', () => {
    const m = convert('mage');
    expect(m.creature.reactions).toContainEqual({ kind: 'counterspell', bonus: 3, saveDc: 14, uses: { per: 'long-rest', count: 3 } });
    expect(m.notModelled).toEqual([]);
  });

  it('reads the Goblin Warrior: its attacks, Nimble Escape as stated, the damage dealt only with advantage', () => {
    const m = convert('goblin-warrior');
    expect({ ac: m.ac, hp: m.hp, cr: m.cr, xp: m.xp, initiative: m.creature.initiativeBonus }).toEqual({ ac: 15, hp: 10, cr: 0.25, xp: 50, initiative: 2 });
    expect(attack(m, 'Scimitar').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'slashing', reach: 'melee' });
    expect(attack(m, 'Shortbow').attacks[0]).toMatchObject({ toHit: 4, damage: '1d6+2', damageType: 'piercing', reach: 'ranged' });
    expect(m.approximations).toContain('Nimble Escape: Disengage or Hide as a bonus action counted as nothing (no positions; hiding needs cover)');
    expect(attack(m, 'Scimitar').attacks[0].extraDamage).toEqual([{ damage: '1d4', damageType: 'slashing', withAdvantage: true }]);
    expect(attack(m, 'Shortbow').attacks[0].extraDamage).toEqual([{ damage: '1d4', damageType: 'piercing', withAdvantage: true }]);
    expect(m.notModelled).toEqual([]);
    // The chimera's "or 4d6 + 4 if it had Advantage": 2d6 more with advantage.
    expect(attack(convert('chimera'), 'Bite').attacks[0].extraDamage).toEqual([{ damage: '2d6', damageType: 'piercing', withAdvantage: true }]);
  });

  it("reads the Ghoul's paralysis rider with its save and its two bites", () => {
    const m = convert('ghoul');
    const claw = attack(m, 'Claw');
    expect({ attack: claw.attacks[0], conditions: claw.effect?.conditions, save: claw.effectSave })
      .toEqual({ attack: { toHit: 4, damage: '1d4+2', damageType: 'slashing', count: 1, critOn: 20, reach: 'melee' }, conditions: ['paralyzed'], save: { ability: 'con', dc: 10 } });
    expect(attack(m, 'Multiattack').attacks).toEqual([{ toHit: 4, damage: '1d6+2', damageType: 'piercing', count: 2, critOn: 20, reach: 'melee', extraDamage: [{ damage: '1d6', damageType: 'necrotic' }] }]);
    expect({ immune: m.creature.immunities, conditions: m.creature.traits?.conditionImmunities }).toEqual({ immune: ['poison'], conditions: ['charmed', 'poisoned'] });
  });

  it("runs the Mage's spells with its DC and the Priest's with the DC its Wisdom gives", () => {
    const mage = convert('mage');
    expect(save(mage, 'Fireball')).toMatchObject({ dc: 14, ability: 'dex', damage: '8d6', damageType: 'fire', uses: { per: 'long-rest', count: 2 } });
    expect(save(mage, 'Cone of Cold')).toMatchObject({ dc: 14, ability: 'con', damage: '8d8', damageType: 'cold', uses: { per: 'long-rest', count: 1 } });
    expect(mage.creature.reactions).toContainEqual({ kind: 'shield', uses: { per: 'long-rest', count: 3 } });
    expect(mage.creature.tactics).toBe('auto');
    const priest = convert('priest');
    // No DC printed: 8 + proficiency 2 (CR 2) + Wisdom 16's +3.
    expect(effect(priest, 'Spirit Guardians').effect!.turnDamage).toMatchObject({ damage: '3d8', damageType: 'radiant', save: { ability: 'wis', dc: 13 } });
    const healingWord = priest.creature.actions.find((a): a is HealAction => a.name === 'Healing Word')!;
    expect({ amount: healingWord.amount, slot: healingWord.slot, uses: healingWord.uses }).toEqual({ amount: '2d4+3', slot: 'bonus', uses: { per: 'long-rest', count: 3 } });
  });

  it("runs the Magma Mephit's Death Burst and the Balor's Death Throes when they die", () => {
    // "Dexterity Saving Throw: DC 11, each creature in a 5-foot Emanation... Failure: 7 (2d6) Fire damage. Success: Half damage."
    const mephit = convert('magma-mephit');
    expect(mephit.creature.deathBurst).toEqual({ dc: 11, ability: 'dex', damage: '2d6', damageType: 'fire', onSuccess: 'half', targets: 2 });
    expect(mephit.notModelled).toEqual([]);
    // "DC 20, each creature in a 30-foot Emanation... Failure: 31 (9d6) Fire damage plus 31 (9d6) Force damage."
    const balor = convert('balor');
    expect(balor.creature.deathBurst).toEqual({ dc: 20, ability: 'dex', damage: '18d6', damageType: 'fire', onSuccess: 'half', targets: 4 });
    expect(balor.approximations).toContain('Death Throes: its 9d6 force damage counted as fire');
    expect(balor.notModelled).toEqual([]);
  });

  it("runs the Boar's Bloodied Fury as advantage once it is below half its hit points", () => {
    const boar = convert('boar');
    expect(effect(boar, 'Bloodied Fury')).toMatchObject({
      slot: 'bonus', condition: 'self-below-half', target: 'self', effect: { attacksBy: 'advantage', duration: { kind: 'encounter' } },
    });
    expect(boar.notModelled).toEqual([]);
  });

  it("runs the Behir's Swallow, the Giant Toad's and the Gelatinous Cube's Engulf as stated approximations", () => {
    // "Dexterity Saving Throw: DC 18, one Large or smaller creature Grappled by the behir... Blinded and Restrained... 21 (6d6) Acid damage at the start of each of the behir's turns."
    const behir = convert('behir');
    expect(effect(behir, 'Swallow')).toMatchObject({
      slot: 'bonus', uses: { per: 'encounter', count: 1 }, targets: 1, save: { ability: 'dex', dc: 18 },
      effect: { conditions: ['blinded', 'restrained'], turnDamage: { damage: '6d6', damageType: 'acid', when: 'start' } },
    });
    expect(behir.approximations).toContain('Swallow: once a fight, as its first bonus action; the grapple it needs is assumed');
    expect(behir.notModelled).toEqual([]);
    // The toad swallows a Medium or smaller creature it grapples; 10 (3d6) Acid damage at the end of each of the toad's turns.
    const toad = convert('giant-toad');
    const swallow = attack(toad, 'Swallow');
    expect({ first: toad.creature.actions[0].name, uses: swallow.uses, attack: swallow.attacks[0], effect: swallow.effect }).toMatchObject({
      first: 'Swallow', uses: { per: 'encounter', count: 1 }, attack: attack(toad, 'Bite').attacks[0],
      effect: { conditions: ['blinded', 'restrained'], turnDamage: { damage: '3d6', damageType: 'acid' } },
    });
    expect(toad.notModelled).toEqual([]);
    // The frog swallows only Small or smaller creatures: characters are assumed Medium.
    expect(convert('giant-frog').creature.actions.map((a) => a.name)).not.toContain('Swallow');
    const cube = convert('gelatinous-cube');
    expect(cube.creature.actions[0].name).toBe('Engulf');
    expect(save(cube, 'Engulf')).toMatchObject({ dc: 12, damage: '3d6', effect: { conditions: ['restrained'], saveEnds: true, turnDamage: { damage: '3d6', damageType: 'acid' } } });
    expect(cube.notModelled).toEqual([]);
  });

  it("runs the Young Gold Dragon's Weakening Breath as disadvantage, save ends, and leaves the copper dragon's Slowing Breath unused, as stated", () => {
    // "Strength Saving Throw: DC 17, each creature that isn't currently affected by this breath in a 30-foot Cone. Failure: ... Disadvantage on Strength-based D20 Test and subtracts 3 (1d6) from its damage rolls."
    const gold = convert('young-gold-dragon');
    expect(effect(gold, 'Weakening Breath')).toMatchObject({
      slot: 'bonus', uses: { per: 'encounter', count: 1 }, targets: 3, save: { ability: 'str', dc: 17 },
      effect: { attacksBy: 'disadvantage', saveEnds: true, duration: { kind: 'rounds', rounds: 10 } },
    });
    expect(attack(gold, 'Multiattack').attacks[0].count).toBe(3);
    expect(gold.notModelled).toEqual([]);
    const copper = convert('young-copper-dragon');
    expect(copper.creature.effectActions ?? []).toEqual([]);
    expect(copper.approximations.some((l) => l.startsWith('Slowing Breath: not used;'))).toBe(true);
    expect(copper.notModelled).toEqual([]);
  });

  it("reads the Ancient Gold Dragon's Rend despite its \"+17 to hit\"", () => {
    const m = convert('ancient-gold-dragon');
    expect(attack(m, 'Multiattack').attacks).toEqual([{ toHit: 17, damage: '2d8+10', damageType: 'slashing', count: 3, critOn: 20, reach: 'melee', extraDamage: [{ damage: '2d8', damageType: 'fire' }] }]);
    expect(m.notModelled).toEqual([]);
  });

  it("runs the Elephant's charge once, first, and its Trample against the creature the charge knocked prone", () => {
    const m = convert('elephant');
    const [charge, multiattack] = m.creature.actions as AttackAction[];
    expect({ name: charge.name, uses: charge.uses, prone: charge.effect?.conditions, attacks: charge.attacks.length })
      .toEqual({ name: 'Multiattack (charge)', uses: { per: 'encounter', count: 1 }, prone: ['prone'], attacks: 1 });
    expect({ name: multiattack.name, effect: multiattack.effect }).toEqual({ name: 'Multiattack', effect: undefined });
    // "Dexterity Saving Throw: DC 16, one creature within 5 feet that has the Prone condition. Failure: 17 (2d10 + 6) Bludgeoning damage. Success: Half damage."
    expect(save(m, 'Trample')).toMatchObject({ slot: 'bonus', dc: 16, ability: 'dex', damage: '2d10+6', damageType: 'bludgeoning', onSuccess: 'half', targets: 1, uses: { per: 'encounter', count: 1 } });
    expect(m.notModelled).toEqual([]);
  });

  it("runs the Ghast's Stench and the Sea Hag's Vile Appearance as auras every enemy saves against once", () => {
    // "Constitution Saving Throw: DC 10, any creature that starts its turn in a 5-foot Emanation... Failure: The target has the Poisoned condition until the start of its next turn."
    const ghast = convert('ghast');
    expect(effect(ghast, 'Stench')).toMatchObject({
      slot: 'bonus', uses: { per: 'encounter', count: 1 }, targets: 50, save: { ability: 'con', dc: 10 }, effect: { conditions: ['poisoned'], saveEnds: true },
    });
    expect(ghast.notModelled).toEqual([]);
    // "any Beast or Humanoid that starts its turn within 30 feet of the hag"
    expect(effect(convert('sea-hag'), 'Vile Appearance').effect).toMatchObject({ conditions: ['frightened'], onlyCreatureTypes: ['beast', 'humanoid'] });
  });

  it("runs the Steam Mephit's Blurred Form, the Remorhaz's Heat Aura and the Gnoll Warrior's Rampage", () => {
    const mephit = convert('steam-mephit');
    expect(mephit.creature.effects).toContainEqual({ name: 'Steam Mephit Blurred Form', duration: { kind: 'encounter' }, attacksAgainst: 'disadvantage' });
    expect(mephit.notModelled).toEqual([]);
    // "At the end of each of the remorhaz's turns, each creature in a 5-foot Emanation... takes 16 (3d10) Fire damage."
    expect(effect(convert('remorhaz'), 'Heat Aura')).toMatchObject({ targets: 2, effect: { turnDamage: { damage: '3d10', damageType: 'fire', when: 'end' } } });
    const gnoll = convert('gnoll-warrior');
    const rampage = attack(gnoll, 'Rend (rampage)');
    expect({ slot: rampage.slot, uses: rampage.uses, attacks: rampage.attacks }).toEqual({ slot: 'bonus', uses: { per: 'long-rest', count: 1 }, attacks: attack(gnoll, 'Rend').attacks });
    expect(gnoll.notModelled).toEqual([]);
    expect(convert('vampire-spawn').notModelled).toEqual([]);
  });

  it("makes the Hydra's five Bites, and runs the Frost Giant's War Cry and the Chain Devil's Unnerving Gaze as stated", () => {
    // "The hydra makes as many Bite attacks as it has heads." / "The hydra has five heads."
    const hydra = convert('hydra');
    expect(attack(hydra, 'Multiattack').attacks[0].count).toBe(5);
    expect(hydra.notModelled).toEqual([]);
    // "...gains 16 (2d10 + 5) Temporary Hit Points and has Advantage on attack rolls until the start of the giant's next turn." (Recharge 5-6)
    const giant = convert('frost-giant');
    expect(effect(giant, 'War Cry')).toMatchObject({ slot: 'bonus', uses: { per: 'recharge', min: 5 }, target: 'self', effect: { tempHp: '2d10+5', attacksBy: 'advantage' } });
    expect(giant.notModelled).toEqual([]);
    const devil = convert('chain-devil');
    expect(effect(devil, 'Unnerving Gaze')).toMatchObject({ slot: 'bonus', targets: 1, save: { ability: 'wis', dc: 15 }, effect: { conditions: ['frightened'], duration: { kind: 'source-turn-end' } } });
    expect(devil.notModelled).toEqual([]);
  });

  it("runs the Zombie's Undead Fortitude with the engine's rule", () => {
    // "...a Constitution saving throw (DC 5 plus the damage taken) unless the damage is Radiant or from a Critical Hit."
    const zombie = convert('zombie');
    expect(zombie.creature.traits?.undeadFortitude).toBe(true);
    expect(zombie.notModelled).toEqual([]);
  });

  it("stops healing while the Bone Devil's and the Pit Fiend's poison lasts", () => {
    // "...the target has the Poisoned condition until the start of the devil's next turn. While Poisoned, the target can't regain Hit Points."
    const devil = convert('bone-devil');
    expect(attack(devil, 'Infernal Sting').effect).toMatchObject({ conditions: ['poisoned'], preventsHealing: true });
    expect(devil.notModelled).toEqual([]);
    const fiend = convert('pit-fiend');
    expect(attack(fiend, 'Bite').effect).toMatchObject({ conditions: ['poisoned'], preventsHealing: true, saveEnds: true, turnDamage: { damage: '6d6', damageType: 'poison' } });
    expect(fiend.notModelled).toEqual([]);
  });

  it("reads the venomous swarm's poison past its Bloodied alternative and the Mimic's acid past its alternative bite, the Half-Dragon's breath as fire, and the Darkmantle's darkness", () => {
    // "8 (1d8 + 4) Piercing damage—or 6 (1d4 + 4) Piercing damage if the swarm is Bloodied—plus 10 (3d6) Poison damage."
    const swarm = convert('swarm-of-venomous-snakes');
    expect(attack(swarm, 'Bites').attacks[0]).toMatchObject({ toHit: 6, damage: '1d8+4', damageType: 'piercing', extraDamage: [{ damage: '3d6', damageType: 'poison' }] });
    expect(swarm.notModelled).toEqual([]);
    // "7 (1d8 + 3) Piercing damage—or 12 (2d8 + 3) Piercing damage if the target is Grappled by the mimic—plus 4 (1d8) Acid damage."
    expect(attack(convert('mimic'), 'Bite').attacks[0]).toMatchObject({ damage: '1d8+3', extraDamage: [{ damage: '1d8', damageType: 'acid' }] });
    const halfDragon = convert('half-dragon');
    expect(save(halfDragon, "Dragon's Breath")).toMatchObject({ dc: 14, ability: 'dex', damage: '8d6', damageType: 'fire', onSuccess: 'half' });
    expect(halfDragon.notModelled).toEqual([]);
    const darkmantle = convert('darkmantle');
    expect(effect(darkmantle, 'Darkness Aura')).toMatchObject({ target: 'self', uses: { per: 'long-rest', count: 1 }, effect: { attacksBy: 'advantage', attacksAgainst: 'disadvantage' } });
    expect(darkmantle.notModelled).toEqual([]);
  });

  it("runs the Unicorn's Shimmering Shield as a legendary shield on itself or an ally", () => {
    // "The target gains 10 (3d6) Temporary Hit Points, and its AC increases by 2 until the end of the unicorn's next turn. The unicorn can't take this action again until the start of its next turn."
    const m = convert('unicorn');
    const shield = m.creature.legendary!.actions.find((l) => l.action.name.startsWith('Shimmering Shield'))!;
    expect(shield).toMatchObject({ oncePerRound: true, action: { type: 'effect', target: 'allies', targets: 1, effect: { tempHp: '3d6', acBonus: 2, duration: { kind: 'source-turn-end' } } } });
    expect(m.notModelled).toEqual([]);
    expect(m.creature.effectActions!.find((a) => a.name === 'Lesser Restoration')).toMatchObject({ target: 'allies', ends: { conditions: ['blinded', 'paralyzed', 'poisoned'] } });
  });

  it("runs the Succubus's Draining Kiss with its stated assumptions, and leaves out what changes nothing in a fight", () => {
    // "Constitution Saving Throw: DC 15, one creature Charmed by the succubus within 5 feet. Failure: 13 (3d8) Psychic damage. Success: Half damage."
    const succubus = convert('succubus');
    expect(save(succubus, 'Draining Kiss')).toMatchObject({ dc: 15, ability: 'con', damage: '3d8', damageType: 'psychic', onSuccess: 'half', targets: 1 });
    expect(succubus.approximations).toContain('Draining Kiss: its target is assumed charmed by it (whether one is, is not checked)');
    expect(succubus.notModelled).toEqual([]);
    // Heart Sight tells the sprite emotions and alignment; Ethereal Stride leaves the plane.
    expect(convert('sprite').notModelled).toEqual([]);
    expect(convert('nightmare').approximations).toContain('Ethereal Stride: not used (an escape to or from the Ethereal Plane; the simulation fights to the end)');
  });

  it("runs the Roper's Tentacle as an attack with no damage that poisons while it holds", () => {
    // "Melee Attack Roll: +7, reach 60 ft. The target has the Grappled condition (escape DC 14)..., and the target has the Poisoned condition until the grapple ends."
    const m = convert('roper');
    expect(attack(m, 'Tentacle')).toMatchObject({
      attacks: [{ toHit: 7, damage: '0' }], effect: { conditions: ['poisoned'], saveEnds: true }, effectSave: { ability: 'str', dc: 14 },
    });
    expect(m.notModelled).toEqual([]);
  });

  it("runs the Ankheg's grapple as advantage on attacks against the creature it holds", () => {
    // "Melee Attack Roll: +5 (with Advantage if the target is Grappled by the ankheg)... it has the Grappled condition (escape DC 13)."
    const m = convert('ankheg');
    expect(attack(m, 'Bite')).toMatchObject({ effect: { attacksAgainst: 'advantage', saveEnds: true }, effectSave: { ability: 'str', dc: 13 } });
    expect(m.notModelled).toEqual([]);
  });

  it("casts the Dryad's Charm Monster beside its attack, as Charm Person is run", () => {
    // "The dryad makes one Vine Lash or Thorn Burst attack, and it can use Spellcasting to cast Charm Monster." (spell save DC 14)
    const m = convert('dryad');
    expect(effect(m, 'Charm Monster')).toMatchObject({
      slot: 'bonus', uses: { per: 'at-will' }, targets: 1, save: { ability: 'wis', dc: 10 }, effect: { conditions: ['charmed', 'incapacitated'], endsOnDamage: true },
    });
    expect(m.notModelled).toEqual([]);
  });

  it('converts and compiles every creature of the reference', () => {
    const failures: string[] = [];
    for (const c of creatures) {
      const { entry } = convertSrd2024Creature(c);
      const problem = simulationProblem(entry.creature);
      if (problem) failures.push(`${entry.id}: ${problem}`);
      const legendaryRun: CreatureActionSpec[] = entry.creature.legendary?.actions.map((l) => l.action) ?? [];
      if (entry.legendary && entry.legendary.actions.length > 0 && legendaryRun.length === 0) failures.push(`${entry.id}: no legendary action runs`);
    }
    expect({ count: creatures.length, failures }).toEqual({ count: 331, failures: [] });
  });

  it('reads the last gaps of the bestiary as rules the engine runs, each with its stated approximation', () => {
    // "Failure: If the creature has 100 Hit Points or fewer, it dies. It otherwise takes 24 (4d8 + 6) Piercing damage plus 36 (8d8) Radiant damage."
    expect(save(convert('solar'), 'Slaying Bow')).toMatchObject({ dc: 21, ability: 'dex', slay: { hp: 100, dies: true } });
    // "If the target has 20 Hit Points or fewer, it drops to 0 Hit Points. Otherwise, the target takes 13 (3d8) Psychic damage."
    const hag = convert('sea-hag');
    expect(save(hag, 'Death Glare')).toMatchObject({ dc: 11, ability: 'wis', damage: '3d8', damageType: 'psychic', onSuccess: 'none', slay: { hp: 20, dies: false } });
    expect(hag.approximations).toContain('Death Glare: its target is assumed Frightened (whether one is, is not checked)');
    // Weight of Years: "Constitution Saving Throw: DC 16 ... Failure: The target gains 1 Exhaustion level."
    const sphinx = convert('sphinx-of-valor');
    expect(sphinx.notModelled).toEqual([]);
    const years = sphinx.creature.legendary!.actions.find((l) => l.action.name === 'Weight of Years')!;
    expect(years).toMatchObject({ oncePerRound: true, action: { type: 'effect', save: { ability: 'con', dc: 16 }, effect: { exhaustion: 1 } } });
    // Bloodied Frenzy: "Advantage on attack rolls and saving throws".
    expect(effect(convert('berserker'), 'Bloodied Frenzy').effect).toMatchObject({ attacksBy: 'advantage', savesBy: 'advantage' });
    // The mimic's Bite: advantage and 2d8 + 3 against the creature its Pseudopod holds (escape DC 13).
    const mimic = convert('mimic');
    expect(mimic.notModelled).toEqual([]);
    expect(mimic.creature.actions.map((a) => a.name)).toEqual(['Pseudopod', 'Bite']);
    expect(attack(mimic, 'Pseudopod')).toMatchObject({ condition: 'not-used-yet', effect: { name: 'Mimic grapple', saveEnds: true }, effectSave: { ability: 'str', dc: 13 } });
    expect(attack(mimic, 'Bite').attacks[0].againstHeld).toEqual({ effect: 'Mimic grapple', damage: '2d8+3' });
    // Slam "with Advantage during the first round of each combat".
    expect(convert('doppelganger').creature.effects).toContainEqual({ name: 'Doppelganger Slam in the first round', duration: { kind: 'source-turn-end' }, attacksBy: 'advantage' });
    // Riposte: +3 AC, then one Rapier attack on a miss.
    expect(convert('pirate-captain').creature.reactions).toEqual([{ kind: 'parry', acBonus: 3, uses: { per: 'at-will' }, riposte: 'Rapier' }]);
    // Create Whirlwind: "Strength Saving Throw: DC 17 (...) Failure: ... Restrained ... At the start of each of its turns, the Restrained target takes 21 (6d6) Thunder damage."
    expect(effect(convert('djinni'), 'Create Whirlwind')).toMatchObject({
      save: { ability: 'str', dc: 17 }, targets: 3, effect: { conditions: ['restrained'], saveEnds: true, turnDamage: { damage: '6d6', damageType: 'thunder', when: 'start' } },
    });
    expect(effect(convert('hobgoblin-captain'), 'Aura of Authority')).toMatchObject({ target: 'allies', slot: 'bonus', effect: { attacksBy: 'advantage', savesBy: 'advantage', duration: { kind: 'rounds' } } });
    expect(convert('tarrasque').creature.traits?.reflectsSpellAttacks).toBe(true);
  });
});

