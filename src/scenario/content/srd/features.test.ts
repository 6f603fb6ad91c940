// Each kind of monster feature the converter reads, checked on a named SRD monster of the built-in
// compendium: riders, Frightful Presence, legendary actions and resistance, damage of a second type,
// Pack Tactics, nonmagical-weapon immunity, Regeneration, Sneak Attack, Charge, spellcasting. And
// one rider run by the engine against its exact odds.

import { describe, expect, it } from 'vitest';
import { compileScenario, Simulator, type AttackAction, type CreatureSpec, type SaveAction } from '../../../engine/index.ts';
import { emptyAggregate } from '../../../engine/stats.ts';
import { attackAction, character, fight, proportionSE, saveSuccess, weapon, zScore } from '../../../engine/test-support.ts';
import { loadCompendium } from './compendium.ts';
import { convertSrdMonster } from './convert.ts';
import { isApproximation, riderOf, splitFidelity } from './features.ts';
import type { CompendiumMonster } from './types.ts';

async function monster(id: string): Promise<CompendiumMonster> {
  const m = (await loadCompendium()).byId(id);
  if (!m) throw new Error(`${id} is not in the compendium`);
  return m;
}

function attack(m: CompendiumMonster, name: string): AttackAction {
  const a = m.creature.actions.find((x) => x.name === name);
  if (!a || a.type !== 'attack') throw new Error(`${m.name} has no attack ${name}`);
  return a;
}

describe('riders on hits', () => {
  it("the Ghoul's claws paralyze: Con DC 10, for 1 minute, saved against again at the end of each turn; claws come first", async () => {
    const g = await monster('ghoul');
    const claws = attack(g, 'Claws');
    expect(claws.effect).toMatchObject({ conditions: ['paralyzed'], duration: { kind: 'rounds', rounds: 10 }, saveEnds: true });
    expect(claws.effectSave).toEqual({ ability: 'con', dc: 10 });
    expect(g.creature.actions[0].name).toBe('Claws');
    expect(g.approximations.some((l) => /elves and undead/.test(l))).toBe(true);
  });

  it('a Wolf has Pack Tactics and its bite knocks prone (Str DC 11) until it stands up', async () => {
    const w = await monster('wolf');
    expect(w.creature.traits?.packTactics).toBe(true);
    const bite = attack(w, 'Bite');
    expect(bite.effect).toMatchObject({ conditions: ['prone'], duration: { kind: 'target-turn-start' } });
    expect(bite.effectSave).toEqual({ ability: 'str', dc: 11 });
    expect(w.notModelled).toEqual([]);
  });

  it('grappling is run as restrained, with the escape DC as a repeated Strength save, and says so', () => {
    const r = riderOf('Constrict', 'Constrict', 'Hit: 8 (2d6 + 1) bludgeoning damage, and the target is grappled (escape DC 14). Until this grapple ends, the creature is restrained.', null);
    expect(r?.effect).toMatchObject({ conditions: ['restrained'], saveEnds: true, duration: { kind: 'encounter' } });
    expect(r?.save).toEqual({ ability: 'str', dc: 14 });
    expect(r?.approximations.join(' ')).toMatch(/escape DC 14/);
  });
});

describe('swallowing and a second rider', () => {
  it("the Behir's Swallow: once a fight, a bite that leaves the target blinded and restrained with 6d6 acid each turn until the behir dies", async () => {
    const b = await monster('behir');
    const swallow = attack(b, 'Swallow');
    expect(swallow).toMatchObject({ uses: { per: 'encounter', count: 1 }, attacks: [{ toHit: 10, damage: '3d10+6' }] });
    expect(swallow.effect).toMatchObject({
      conditions: ['blinded', 'restrained'], duration: { kind: 'rounds', rounds: 10000 }, turnDamage: { damage: '6d6', damageType: 'acid', when: 'start' },
    });
    expect(swallow.effectSave).toBeUndefined();
    // Before the Multiattack, or it would never be chosen; after the recharge breath.
    expect(b.creature.actions.map((a) => a.name).slice(0, 3)).toEqual(['Lightning Breath', 'Swallow', 'Multiattack']);
    expect(b.approximations.some((l) => /getting out from inside \(30 damage to it in one turn, then its failed DC 14 Constitution save\) is left out/.test(l))).toBe(true);
    expect(b.notModelled).toEqual([]);
  });

  it('a swallowed creature is let out when the Giant Toad dies', async () => {
    const toad = (await monster('giant-toad')).creature;
    const meal = character('Meal', { hp: 1000, ac: 1 });
    const slayer = character('Slayer', { hp: 1000, ac: 30, actions: [attackAction('Axe', [weapon(20, '1d6+5')])] });
    const compiled = compileScenario(fight([meal, slayer], [toad], { roundCap: 20 }));
    const sim = new Simulator(compiled);
    const scratch = emptyAggregate(compiled.layout);
    let swallowedAtDeath = 0;
    for (let r = 0; r < 200; r++) {
      const events = sim.replay(99, r, scratch).events;
      const swallowed = events.findIndex((e) => e.t === 'effect' && e.effect === 'Giant Toad Swallow');
      const died = events.findIndex((e) => e.t === 'dead' && e.who === 'Giant Toad');
      if (swallowed < 0 || died < swallowed) continue;
      swallowedAtDeath++;
      expect(events.slice(died).some((e) => e.t === 'effect-end' && e.effect === 'Giant Toad Swallow' && e.reason === 'source-fell')).toBe(true);
    }
    expect(swallowedAtDeath).toBeGreaterThan(50);
  });

  it("the Giant Crocodile's Multiattack runs the stronger of its two riders (the bite's restraint over the tail's prone), as stated", async () => {
    const c = await monster('giant-crocodile');
    expect(attack(c, 'Multiattack').effect?.conditions).toEqual(['restrained']);
    expect(c.approximations).toContain('Multiattack: only the stronger Bite rider (restrained) is run, not that of Tail (prone)');
    expect(c.notModelled).toEqual([]);
  });
});

describe('advantage on saves and a burst at death', () => {
  it("the Drow's Fey Ancestry: advantage on saves against being charmed; the sleep immunity stated as not checked", async () => {
    const d = await monster('drow');
    expect(d.creature.traits?.saveAdvantageAgainst).toEqual(['charmed']);
    expect(d.approximations).toContain('Fey Ancestry: the immunity to magical sleep is not checked (a Sleep spell still affects it)');
  });

  it("the Cultist's Dark Devotion and the Knight's Brave run as written", async () => {
    const cultist = await monster('cultist');
    expect(cultist.creature.traits?.saveAdvantageAgainst).toEqual(['charmed', 'frightened']);
    expect(cultist.notModelled).toEqual([]);
    const knight = await monster('knight');
    expect(knight.creature.traits?.saveAdvantageAgainst).toEqual(['frightened']);
    expect(knight.notModelled).toEqual([]);
  });

  it("the Duergar's Resilience: spells as Magic Resistance, and charmed, paralyzed and poisoned", async () => {
    const d = await monster('duergar');
    expect(d.creature.traits).toMatchObject({ magicResistance: true, saveAdvantageAgainst: ['charmed', 'paralyzed', 'poisoned'] });
    expect(d.notModelled).toEqual([]);
  });

  it("the Deep Gnome's Gnome Cunning: advantage on Int, Wis and Cha saves against spells", async () => {
    const g = await monster('deep-gnome-svirfneblin');
    expect(g.creature.traits?.spellSaveAdvantage).toEqual(['int', 'wis', 'cha']);
    expect(g.notModelled).toEqual([]);
  });

  it("the Gynosphinx's legendary Cast a Spell casts Banishment, its strongest spell against an enemy, for 3 actions", async () => {
    const m = await monster('gynosphinx');
    expect(m.creature.legendary?.actions.find((l) => l.action.name.startsWith('Cast a Spell'))).toMatchObject({
      cost: 3, action: { type: 'effect', target: 'enemies', spell: { level: 4, concentration: true }, effect: { conditions: ['incapacitated'] } },
    });
    expect(m.notModelled).toEqual([]);
  });

  it("the Dust Mephit's Death Burst blinds those who fail Con DC 10, saved against again at the end of each turn", async () => {
    const m = await monster('dust-mephit');
    expect(m.creature.deathBurst).toMatchObject({ dc: 10, ability: 'con', damage: '0', effect: { conditions: ['blinded'], saveEnds: true } });
    expect(m.notModelled).toEqual([]);
  });

  it("the Magma Mephit's Death Burst and the Balor's Death Throes", async () => {
    const mephit = await monster('magma-mephit');
    expect(mephit.creature.deathBurst).toEqual({ dc: 11, ability: 'dex', damage: '2d6', damageType: 'fire', onSuccess: 'half', targets: 2 });
    expect(mephit.notModelled).toEqual([]);
    const balor = await monster('balor');
    expect(balor.creature.deathBurst).toEqual({ dc: 20, ability: 'dex', damage: '20d6', damageType: 'fire', onSuccess: 'half', targets: 4 });
    expect(balor.approximations).toContain('Death Throes: assumed to catch 4 enemies within 30 feet when it dies');
  });
});

describe('actions that only restrain, legendary buffs, reactions that never come up', () => {
  it("the Giant Spider's Web: an attack with no damage that restrains, escaped by a DC 12 Strength save, before its bite", async () => {
    const s = await monster('giant-spider');
    const web = attack(s, 'Web');
    expect(web).toMatchObject({ uses: { per: 'recharge', min: 5 }, attacks: [{ toHit: 5, damage: '0', reach: 'ranged' }] });
    expect(web.effect).toMatchObject({ conditions: ['restrained'], saveEnds: true });
    expect(web.effectSave).toEqual({ ability: 'str', dc: 12 });
    expect(s.creature.actions.map((a) => a.name)).toEqual(['Web', 'Bite']);
    expect(s.notModelled).toEqual([]);
  });

  it("the Unicorn's Shimmering Shield: +2 AC on an ally until the end of the unicorn's next turn, for 2 legendary actions", async () => {
    const u = await monster('unicorn');
    const shield = u.creature.legendary!.actions.find((l) => l.action.name.startsWith('Shimmering Shield'));
    expect(shield).toMatchObject({ cost: 2, action: { type: 'effect', target: 'allies', effect: { acBonus: 2, duration: { kind: 'source-turn-end' } } } });
    expect(u.notModelled).toEqual([]);
  });

  it("the Stone Giant's Rock Catching is stated as never used against characters", async () => {
    const g = await monster('stone-giant');
    expect(g.approximations).toContain('Rock Catching: characters do not hurl rocks or similar objects at it, so it is not used');
    expect(g.notModelled).toEqual([]);
  });

  it("the Chain Devil's Unnerving Mask frightens one enemy each round (Wis DC 14) as a bonus action; the Shield Guardian's Shield is stated as unused", async () => {
    const devil = await monster('chain-devil');
    expect(devil.creature.effectActions?.find((a) => a.name === 'Unnerving Mask')).toMatchObject({
      slot: 'bonus', target: 'enemies', save: { ability: 'wis', dc: 14 }, effect: { conditions: ['frightened'], duration: { kind: 'source-turn-end' } },
    });
    expect(devil.notModelled).toEqual([]);
    const guardian = await monster('shield-guardian');
    expect(guardian.approximations.some((l) => l.startsWith('Shield: it protects the wearer of its amulet'))).toBe(true);
    expect(guardian.notModelled).toEqual([]);
  });
});

describe('actions read from their text alone', () => {
  it("the Drow's Hand Crossbow runs its stronger outcome: unconscious until damaged on failing DC 13 by 5 or more, a DC 9 save", async () => {
    const d = await monster('drow');
    const crossbow = attack(d, 'Hand Crossbow');
    expect(crossbow.effect).toMatchObject({ conditions: ['poisoned', 'unconscious'], endsOnDamage: true });
    expect(crossbow.effectSave).toEqual({ ability: 'con', dc: 9 });
    expect(d.notModelled).toEqual([]);
  });

  it("the Bulette's Deadly Leap: DC 16, 3d6+4 twice, half on a success, prone on a failure", async () => {
    const b = await monster('bulette');
    const leap = b.creature.actions.find((a) => a.name === 'Deadly Leap') as SaveAction;
    expect(leap).toMatchObject({ type: 'save', dc: 16, ability: 'dex', damage: '3d6+4+3d6+4', onSuccess: 'half', targets: 1, effect: { conditions: ['prone'] } });
    expect(b.notModelled).toEqual([]);
  });

  it("the Stone Golem's Slow and the Rust Monster's Antennae are effects with their saves", async () => {
    const golem = await monster('stone-golem');
    expect(golem.creature.effectActions?.find((e) => e.name === 'Slow')).toMatchObject({
      uses: { per: 'recharge', min: 5 }, targets: 3, save: { ability: 'wis', dc: 17 }, effect: { attacksBy: 'disadvantage', saveEnds: true },
    });
    const rust = await monster('rust-monster');
    expect(rust.creature.effectActions?.find((e) => e.name === 'Antennae')).toMatchObject({ save: { ability: 'dex', dc: 11 }, effect: { acBonus: -1 } });
    expect([golem.notModelled, rust.notModelled]).toEqual([[], []]);
  });
});

describe('spells that change the monster\'s own attacks', () => {
  it("the Druid's Quarterstaff is run with the numbers printed with Shillelagh, as stated", async () => {
    const d = await monster('druid');
    expect(attack(d, 'Quarterstaff').attacks[0]).toMatchObject({ toHit: 4, damage: '1d8+2', damageType: 'bludgeoning' });
    expect(d.approximations.some((l) => l.startsWith('Spell: Shillelagh: its Quarterstaff attack is run'))).toBe(true);
    expect(d.approximations.some((l) => l.startsWith('Quarterstaff: uses'))).toBe(false);
    expect(d.notModelled).toEqual([]);
  });
});

describe('the Adult Red Dragon', () => {
  it('has three legendary actions a round: Tail Attack (1) and Wing Attack (2) run, Detect is not a combat action', async () => {
    const d = await monster('adult-red-dragon');
    expect(d.legendary?.actions.map((a) => [a.name, a.cost])).toEqual([['Detect', 1], ['Tail Attack', 1], ['Wing Attack', 2]]);
    const legendary = d.creature.legendary!;
    expect(legendary.perRound).toBe(3);
    expect(legendary.resistances).toBe(3);
    const byCost = new Map(legendary.actions.map((l) => [l.cost, l.action]));
    expect(legendary.actions).toHaveLength(2);
    const tail = byCost.get(1) as AttackAction;
    expect(tail.attacks).toEqual([expect.objectContaining({ toHit: 14, damage: '2d8+8', damageType: 'bludgeoning', count: 1 })]);
    const wing = byCost.get(2) as SaveAction;
    expect(wing).toMatchObject({ type: 'save', dc: 22, ability: 'dex', damage: '2d6+8', damageType: 'bludgeoning', onSuccess: 'none' });
    expect(wing.effect?.conditions).toEqual(['prone']);
  });

  it('uses Frightful Presence (DC 19 Wis, frightened for 1 minute, repeated saves) on every enemy beside its attacks', async () => {
    const d = await monster('adult-red-dragon');
    const fp = d.creature.effectActions?.find((a) => a.name === 'Frightful Presence');
    expect(fp).toMatchObject({
      slot: 'bonus', target: 'enemies', targets: 50, save: { ability: 'wis', dc: 19 }, uses: { per: 'encounter', count: 1 },
      effect: { conditions: ['frightened'], saveEnds: true, duration: { kind: 'rounds', rounds: 10 } },
    });
  });

  it("keeps the bite's 2d6 fire as fire, apart from the piercing", async () => {
    const d = await monster('adult-red-dragon');
    expect(attack(d, 'Bite').attacks[0]).toMatchObject({ damage: '2d10+8', damageType: 'piercing', extraDamage: [{ damage: '2d6', damageType: 'fire' }] });
    expect(attack(d, 'Multiattack').attacks[0].extraDamage).toEqual([{ damage: '2d6', damageType: 'fire' }]);
    expect(d.notModelled).toEqual([]);
  });
});

describe('traits', () => {
  it('a Werewolf is immune to nonmagical bludgeoning, piercing and slashing, and only to those', async () => {
    const w = await monster('werewolf-human');
    expect(w.creature.nonmagicalImmunities).toEqual(['bludgeoning', 'piercing', 'slashing']);
    expect(w.creature.immunities).not.toContain('slashing');
    expect(w.approximations.some((l) => /silvered weapons count as nonmagical/.test(l))).toBe(true);
  });

  it('the Troll regenerates 10 unless it took acid or fire damage', async () => {
    const t = await monster('troll');
    expect(t.creature.traits).toMatchObject({ regeneration: 10, regenerationBlockedBy: ['acid', 'fire'] });
  });

  it('Magic Resistance, Legendary Resistance and condition immunities reach the engine', async () => {
    const lich = await monster('lich');
    expect(lich.creature.legendary?.resistances).toBe(3);
    const balor = await monster('balor');
    expect(balor.creature.traits?.magicResistance).toBe(true);
    const ghoul = await monster('ghoul');
    expect(ghoul.creature.traits?.conditionImmunities).toEqual(expect.arrayContaining(['poisoned', 'charmed']));
  });

  it('Sneak Attack and Martial Advantage are once-per-turn extra damage', async () => {
    const spy = await monster('spy');
    expect(spy.creature.effects).toEqual([expect.objectContaining({ extraDamage: '2d6', extraDamageOncePerTurn: true, extraDamageType: 'piercing' })]);
    const hob = await monster('hobgoblin');
    expect(hob.creature.effects?.[0]).toMatchObject({ extraDamage: '2d6', extraDamageOncePerTurn: true });
  });

  it('a Charge is assumed to land once, on the first turn, with its extra damage and prone rider', async () => {
    const boar = await monster('boar');
    const charge = boar.creature.actions[0] as AttackAction;
    expect(charge).toMatchObject({ name: 'Tusk (charge)', uses: { per: 'encounter', count: 1 } });
    expect(charge.attacks[0].damage).toBe('1d6+1+1d6');
    expect(charge.effect?.conditions).toEqual(['prone']);
    expect(charge.effectSave).toEqual({ ability: 'str', dc: 11 });
    expect(boar.approximations.some((l) => /^Charge: the charge is assumed to succeed once/.test(l))).toBe(true);
  });

  it("the Zombie's and the Ogre Zombie's Undead Fortitude run with the engine's rule", async () => {
    for (const id of ['zombie', 'ogre-zombie']) {
      const z = await monster(id);
      expect(z.creature.traits?.undeadFortitude).toBe(true);
      expect(z.notModelled).toEqual([]);
    }
  });

  it("the Bearded Devil's beard poison stops healing while it lasts, on the beard and in the Multiattack", async () => {
    const d = await monster('bearded-devil');
    for (const name of ['Beard', 'Multiattack']) {
      expect(attack(d, name).effect).toMatchObject({ conditions: ['poisoned'], preventsHealing: true, saveEnds: true });
    }
    expect(d.notModelled).toEqual([]);
  });

  it("the Pit Fiend's bite poison stops healing, with its 6d6 poison each turn", async () => {
    const f = await monster('pit-fiend');
    expect(attack(f, 'Bite').effect).toMatchObject({ conditions: ['poisoned'], preventsHealing: true, turnDamage: { damage: '6d6', damageType: 'poison' } });
    expect(f.notModelled.filter((l) => /healing/.test(l))).toEqual([]);
  });

  it('Heated Body deals its fire back on every melee hit: Azer 1d10, Salamander 2d6, Remorhaz 3d6', async () => {
    for (const [id, dice] of [['azer', '1d10'], ['salamander', '2d6'], ['remorhaz', '3d6']] as const) {
      const m = await monster(id);
      expect(m.creature.effects).toContainEqual(expect.objectContaining({ retaliate: dice, retaliateType: 'fire', retaliateAlways: true }));
      expect(m.notModelled.filter((l) => /Heated Body/.test(l))).toEqual([]);
      expect(m.approximations.some((l) => /^Heated Body: .*every melee attacker is assumed within 5 feet/.test(l))).toBe(true);
    }
  });

  it("the Balor's Fire Aura: 3d6 fire back on every melee hit, and 3d6 fire each turn to two enemies assumed beside it", async () => {
    const b = await monster('balor');
    expect(b.creature.effects).toContainEqual(expect.objectContaining({ name: 'Balor Fire Aura', retaliate: '3d6', retaliateType: 'fire', retaliateAlways: true }));
    const aura = b.creature.effectActions?.find((a) => a.name === 'Fire Aura');
    expect(aura).toMatchObject({ target: 'enemies', targets: 2, uses: { per: 'encounter', count: 1 }, effect: { turnDamage: { damage: '3d6', damageType: 'fire', when: 'start' } } });
    expect(b.notModelled).toEqual([]);
    expect(b.approximations.some((l) => /^Fire Aura: 2 enemies are assumed to stay within 5 feet/.test(l))).toBe(true);
  });

  it('non-combat traits are neither gaps nor approximations', async () => {
    for (const id of ['giant-spider', 'wolf', 'werewolf-human']) {
      const m = await monster(id);
      expect(m.notModelled.filter((l) => /Spider Climb|Keen|Shapechanger|Web Sense|Web Walker/.test(l))).toEqual([]);
      expect(m.approximations.filter((l) => /Spider Climb|Keen|Shapechanger/.test(l))).toEqual([]);
    }
  });
});

describe('spellcasting', () => {
  it('the Mage casts Fireball with its slots and picks its spells automatically', async () => {
    const mage = await monster('mage');
    const fireball = mage.creature.actions.find((a) => a.name === 'Fireball');
    expect(fireball).toMatchObject({ type: 'save', ability: 'dex', damageType: 'fire', spell: { level: 3 } });
    expect(mage.creature.spellSlots?.[2]).toBeGreaterThan(0);
    expect(mage.creature.tactics).toBe('auto');
  });
});

describe('fidelity lines', () => {
  it('sorts stated rules from gaps', () => {
    expect(isApproximation('Fire Breath: area effect, assumed to catch 3 targets')).toBe(true);
    expect(isApproximation('Trait: Death Burst')).toBe(false);
    expect(splitFidelity(['Trait: Death Burst', 'Spell: Fly: not modelled', 'Spell: Sleep: only one target'], ['x'])).toEqual({
      approximations: ['x', 'Spell: Sleep: only one target'], notModelled: ['Trait: Death Burst', 'Spell: Fly: not modelled'],
    });
  });

  it('every legendary monster runs its legendary actions or Legendary Resistance', async () => {
    const c = await loadCompendium();
    const legendary = c.monsters.filter((m) => m.legendary !== null);
    expect(legendary).toHaveLength(32);
    const missing = legendary.filter((m) => !m.creature.legendary || (m.creature.legendary.actions.length === 0 && m.creature.legendary.resistances === 0));
    expect(missing.map((m) => m.id)).toEqual([]);
  });
});

describe('a rider in the engine, against its exact odds', () => {
  // A hit that lands on anything but a natural 1 (+50 against AC 10), then a DC 12 Constitution
  // save at +0: poisoned with probability 0.95 x 0.55 after the one attack of the only round.
  const stinger = convertSrdMonster({
    index: 'test-stinger', name: 'Stinger', size: 'Small', type: 'beast', armor_class: 10, hit_points: 50, hit_dice: '10d6',
    strength: 10, dexterity: 10, constitution: 10, intelligence: 2, wisdom: 10, charisma: 2, challenge_rating: 1,
    actions: [{
      name: 'Sting', attack_bonus: 50,
      desc: 'Melee Weapon Attack: +50 to hit, reach 5 ft., one creature. Hit: 1 piercing damage, and the target must succeed on a DC 12 Constitution saving throw or be poisoned for 1 minute.',
      damage: [{ damage_type: { index: 'piercing' }, damage_dice: '1' }],
    }],
  }).entry.creature;

  it('is read from the stat block as written', () => {
    expect(stinger.actions[0]).toMatchObject({ effect: { conditions: ['poisoned'], duration: { kind: 'rounds', rounds: 10 } }, effectSave: { ability: 'con', dc: 12 } });
  });

  it('poisons exactly 0.95 x 0.55 of its targets', () => {
    const target: CreatureSpec = character('Target', { hp: 1000, ac: 10 });
    const compiled = compileScenario(fight([target], [stinger], { roundCap: 1 }));
    const sim = new Simulator(compiled);
    const scratch = emptyAggregate(compiled.layout);
    const runs = 6000;
    let poisoned = 0;
    for (let r = 0; r < runs; r++) {
      if (sim.replay(20240611, r, scratch).events.some((e) => e.t === 'effect' && e.target === 'Target')) poisoned++;
    }
    const exact = 0.95 * (1 - saveSuccess(12, 0));
    expect(exact).toBeCloseTo(0.5225, 12);
    expect(zScore(poisoned / runs, exact, proportionSE(exact, runs))).toBeLessThan(4);
  });
});
