// What the SRD 5.2 (2024) templates share: ability scores with the 19th-level Epic Boon, the
// half-caster slots that start at 1st level, weapons with their mastery properties and how each
// mastery is written for the engine, features whose uses come back one at a time on a short rest,
// and the signature spells whose 2024 numbers differ from the SRD 5.1 ones. The class files named
// `<class>-2024.ts` build each class from these.

import { casterStats, type CasterSetup } from './caster.ts';
import {
  atWill, dice, FULL_CASTER_SLOTS, mod, perLongRest, perShortRest, scoresAt, slotsFrom, weaponAttack, WEAPONS,
  type Ability, type AbilityPlan, type ActionInput, type AttackOptions, type ClassBuild, type EffectInput, type Scores, type Uses, type WeaponProfile,
} from './common.ts';
import { AREA_SPELLS, AREA_TARGETS, type CasterStats } from './spells.ts';

// ------------------------------------------------------------------ abilities and armor

/**
 * The ability scores at a level under the 2024 rules: the same typical build as the 2014
 * template, except that the 19th-level improvement is the Epic Boon, which raises one score by 1
 * (here the score the build would have raised by 2).
 */
export function scoresAt2024(plan: AbilityPlan, level: number, feats = 0): Scores {
  const scores = scoresAt(plan, Math.min(level, 18), feats);
  if (level < 19) return scores;
  const withImprovement = scoresAt(plan, level, feats);
  for (const ab of Object.keys(scores) as (keyof Scores)[]) {
    if (withImprovement[ab] > scores[ab]) scores[ab] = Math.min(30, scores[ab] + 1);
  }
  return scores;
}

/** The caster preamble (caster.ts) with the 2024 ability scores. */
export function casterSetup2024(
  plan: AbilityPlan, ability: Ability, level: number, prof: number, slotTable?: readonly (readonly number[])[],
): CasterSetup {
  const scores = scoresAt2024(plan, level);
  const abilityMod = mod(scores[ability]);
  return { scores, abilityMod, caster: casterStats(level, prof, abilityMod), slots: slotTable ? slotsFrom(slotTable, level) : [], notes: [] };
}

/** Heavy armor bought as wealth grows: chain mail, splint from 5th level, plate from 9th. */
export const HEAVY_ARMOR_AC: ReadonlyArray<readonly [number, number]> = [[1, 16], [5, 17], [9, 18]];

/** SRD 5.2 half casters (paladin, ranger) have slots from 1st level: the full caster's row at half the level, rounded up. */
export const halfCasterSlots2024 = (level: number): number[] => [...FULL_CASTER_SLOTS[Math.ceil(level / 2) - 1]];

// ------------------------------------------------------------------ weapons and mastery

export type MasteryProperty = 'cleave' | 'graze' | 'nick' | 'push' | 'sap' | 'slow' | 'topple' | 'vex';

export interface Weapon2024 extends WeaponProfile {
  mastery: MasteryProperty;
}

/** The templates' weapons with their SRD 5.2 mastery properties (the quarterstaff held in two hands). */
export const WEAPONS_2024 = {
  greatsword: { ...WEAPONS.greatsword, mastery: 'graze' },
  greataxe: { ...WEAPONS.greataxe, mastery: 'cleave' },
  maul: { name: 'Maul', damage: '2d6', damageType: 'bludgeoning', reach: 'melee', mastery: 'topple' },
  longsword: { ...WEAPONS.longsword, mastery: 'sap' },
  shortsword: { ...WEAPONS.shortsword, mastery: 'vex' },
  scimitar: { name: 'Scimitar', damage: '1d6', damageType: 'slashing', reach: 'melee', mastery: 'nick' },
  rapier: { ...WEAPONS.rapier, mastery: 'vex' },
  quarterstaff: { ...WEAPONS.quarterstaff, mastery: 'topple' },
  longbow: { ...WEAPONS.longbow, mastery: 'slow' },
  shortbow: { ...WEAPONS.shortbow, mastery: 'vex' },
} as const satisfies Record<string, Weapon2024>;

/**
 * A weapon attack with the mastery the engine runs on the attack itself: Graze (the ability
 * modifier on a miss), Vex (advantage on the next attack against the creature hit) or Cleave (a
 * second target for the weapon's dice alone). The others are riders or extra attacks (below) or
 * movement the engine does not track.
 */
export function masteryAttack(w: Weapon2024, toHit: number, abilityMod: number, o: AttackOptions = {}) {
  const attack = weaponAttack(w, toHit, o);
  switch (w.mastery) {
    case 'graze':
      return abilityMod > 0 ? { ...attack, mastery: { kind: 'graze' as const, damage: abilityMod } } : attack;
    case 'vex':
      return { ...attack, mastery: { kind: 'vex' as const } };
    case 'cleave':
      return { ...attack, mastery: { kind: 'cleave' as const, damage: abilityMod < 0 ? dice(w.damage, abilityMod) : w.damage } };
    default:
      return attack;
  }
}

/**
 * Topple and Sap as a rider on the attack action: Topple knocks a creature it hits prone unless it
 * makes a Constitution save (DC 8 + the attack's ability modifier + proficiency); Sap gives the
 * creature disadvantage on its attacks until the start of the wielder's next turn.
 */
export function masteryRider(w: Weapon2024, dc: number): Pick<Extract<ActionInput, { type: 'attack' }>, 'effect' | 'effectSave'> {
  if (w.mastery === 'topple') {
    return { effect: { name: 'Prone (Topple)', duration: { kind: 'target-turn-start' }, conditions: ['prone'] }, effectSave: { ability: 'con', dc } };
  }
  if (w.mastery === 'sap') return { effect: { name: 'Sapped', duration: { kind: 'rounds', rounds: 1 }, attacksBy: 'disadvantage' } };
  return {};
}

/** What a weapon's mastery means in the simulation, in plain words, for the approximations. */
export function masteryNote(w: Weapon2024): string {
  switch (w.mastery) {
    case 'graze': return `${w.name} mastery (Graze): a miss still deals the ability modifier.`;
    case 'vex': return `${w.name} mastery (Vex): a hit gives advantage on the next attack roll against that creature.`;
    case 'cleave': return `${w.name} mastery (Cleave): once per turn a hit allows an attack on a second enemy, assumed within reach, for the weapon's dice.`;
    case 'topple': return `${w.name} mastery (Topple): every hit tries to knock the target prone (Constitution save).`;
    case 'sap': return `${w.name} mastery (Sap): a creature hit has disadvantage on all its attacks until the start of the wielder's next turn, not only its next one.`;
    case 'nick': return `${w.name} mastery (Nick): the light off-hand attack is part of the Attack action, leaving the bonus action free.`;
    case 'push': return `${w.name} mastery (Push) moves the target, which the simulation does not track.`;
    case 'slow': return `${w.name} mastery (Slow) reduces Speed, which the simulation does not track.`;
  }
}

// ------------------------------------------------------------------ uses that come back one at a time

/**
 * A 2024 feature with `count` uses that regains one use on a short rest and all on a long rest
 * (Rage, Second Wind, Channel Divinity, Wild Shape), written as two actions: one use that comes
 * back on every short rest, spent first, and the others that wait for the long rest.
 */
export function oneBackOnShortRest(count: number, make: (uses: Uses, name: (base: string) => string) => ActionInput): ActionInput[] {
  if (!Number.isFinite(count)) return [make(atWill, (n) => n)];
  const out = [make(perShortRest(1), (n) => n)];
  if (count > 1) out.push(make(perLongRest(count - 1), (n) => `${n} (more uses)`));
  return out;
}

// ------------------------------------------------------------------ spells with 2024 numbers

export function cureWounds2024(c: CasterStats, extra = 0): ActionInput {
  return { type: 'heal', name: 'Cure Wounds', condition: 'ally-down', spell: { level: 1, upcast: '2d8' }, amount: dice('2d8', c.mod + extra) };
}

export function healingWord2024(c: CasterStats, extra = 0): ActionInput {
  return {
    type: 'heal', name: 'Healing Word', slot: 'bonus', condition: 'ally-down', spell: { level: 1, upcast: '2d4' }, amount: dice('2d4', c.mod + extra),
  };
}

export function massCureWounds2024(c: CasterStats, extra = 0): ActionInput {
  return {
    type: 'heal', name: 'Mass Cure Wounds', condition: 'ally-down', spell: { level: 5, upcast: '1d8' },
    amount: dice('5d8', c.mod + extra), targets: AREA_TARGETS.massHeal,
  };
}

export function viciousMockery2024(c: CasterStats): ActionInput {
  return {
    type: 'save', name: 'Vicious Mockery', spell: { level: 0, cantripScaling: true }, dc: c.dc, ability: 'wis',
    damage: '1d6', damageType: 'psychic', onSuccess: 'none', targeting: 'highest-damage',
    effect: { name: 'Vicious Mockery', duration: { kind: 'rounds', rounds: 1 }, attacksBy: 'disadvantage' },
  };
}

/** Spirit Guardians: 3d8 when an enemy ends its turn in the emanation (2024 wording), Wisdom save for half. */
export function spiritGuardians2024(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Spirit Guardians', target: 'enemies', targets: AREA_TARGETS.spiritGuardians,
    spell: { level: 3, concentration: true },
    effect: {
      name: 'Spirit Guardians', duration: { kind: 'rounds', rounds: 10 },
      turnDamage: { damage: '3d8', damageType: 'radiant', when: 'end', save: { ability: 'wis', dc: c.dc }, onSuccess: 'half' },
    },
  };
}

/** A save cantrip with a flat bonus (Potent Spellcasting): its dice written out by tier, since the engine's tiers would multiply the bonus too. */
export function saveCantripWithBonus(action: Extract<ActionInput, { type: 'save' }>, tierDice: number, flat: number): ActionInput {
  if (flat === 0) return action;
  const die = action.damage.replace(/^1d/, 'd');
  return { ...action, spell: { level: 0 }, damage: dice(`${tierDice}${die}`, flat) };
}

/**
 * Hunter's Mark as the 2024 ranger casts it: force damage; Favored Enemy's free casts first (no
 * slot), then one cast a fight with a slot; each is moved for free to a new target after the first
 * one falls (the "moved" entries are tried only once the cast before them was used in the fight).
 */
export function huntersMark2024(freeCasts: number, die = '1d6'): ActionInput[] {
  const effect: EffectInput = { name: "Hunter's Mark", duration: { kind: 'encounter' }, markDamage: die, markDamageType: 'force' };
  const base = { type: 'effect', slot: 'bonus', target: 'enemies', enemyTargeting: 'lowest-hp', effect } as const;
  const moved = { ...base, name: "Hunter's Mark (moved)", condition: 'after-previous', spell: { level: 0, concentration: true } } as const;
  return [
    { ...base, name: "Hunter's Mark (Favored Enemy)", condition: 'not-used-yet', uses: perLongRest(freeCasts), spell: { level: 0, concentration: true } },
    moved,
    { ...base, name: "Hunter's Mark", uses: { per: 'encounter', count: 1 }, spell: { level: 1, concentration: true } },
    { ...moved, name: "Hunter's Mark (moved again)" },
  ];
}

/** The area spells with their SRD 5.2 numbers where these differ (Ice Storm's d10s, Circle of Death's d8s). */
export const AREA_SPELLS_2024 = {
  ...AREA_SPELLS,
  iceStorm: { ...AREA_SPELLS.iceStorm, damage: '2d10+4d6', upcast: '1d10' },
  circleOfDeath: { ...AREA_SPELLS.circleOfDeath, damage: '8d8', upcast: '2d8' },
} as const;

/**
 * A 2014 build whose healing spells take their 2024 dice (for the artificer, which the SRD 5.2
 * does not include): Cure Wounds 2d8 and Healing Word 2d4, each with the same dice per higher slot.
 */
export function with2024Healing(build: ClassBuild): ClassBuild {
  const doubled = { 'Cure Wounds': ['1d8', '2d8'], 'Healing Word': ['1d4', '2d4'] } as const;
  const actions = build.actions.map((a) => {
    if (a.type !== 'heal' || !a.spell || !(a.name in doubled)) return a;
    const [from, to] = doubled[a.name as keyof typeof doubled];
    return { ...a, amount: a.amount.replace(from, to), spell: { ...a.spell, upcast: to } };
  });
  return { ...build, actions };
}
