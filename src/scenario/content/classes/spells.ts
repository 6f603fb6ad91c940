// The signature spells of the templates as actions in the scenario file format. Numbers are the
// SRD 5.1's. How many creatures an area catches follows the DMG's "Targets in Areas of Effect"
// rule of thumb (a sphere or cylinder: radius / 5; a cone: length / 10; a cube: side / 5), capped
// so a template never assumes more enemies than a typical fight has.

import { atWill, cantripDice, dice, type ActionInput, type EffectInput, type Uses } from './common.ts';
import type { ClassOption } from './common.ts';

export const AREA_TARGETS = {
  /** 15-ft cone. */ burningHands: 2,
  /** 15-ft cube. */ thunderwave: 3,
  /** 10-ft radius sphere. */ shatter: 2,
  /** 20-ft radius sphere. */ fireball: 4,
  /** 100-ft line, 5 ft wide: the DMG gives length / 30. */ lightningBolt: 3,
  /** 15-ft radius emanation around the caster. */ spiritGuardians: 3,
  /** 30-ft cube. */ hypnoticPattern: 6,
  /** 20-ft radius cylinder. */ iceStorm: 4,
  /** 60-ft cone. */ coneOfCold: 6,
  /** 20-ft radius sphere. */ insectPlague: 4,
  /** One target and three more it leaps to. */ chainLightning: 4,
  /** 20-ft radius sphere. */ delayedBlastFireball: 4,
  /** Four 40-ft spheres, capped. */ meteorSwarm: 8,
  /** 60-ft radius sphere, capped. */ circleOfDeath: 8,
  /** 60-ft radius sphere, capped. */ sunburst: 8,
  /** Sixty feet of allies in sight: the party. */ massHeal: 6,
} as const;

export interface CasterStats {
  level: number;
  dc: number;
  attack: number;
  /** The spellcasting ability modifier. */
  mod: number;
}

// ------------------------------------------------------------------ cantrips

/** A ranged spell attack cantrip. With a flat bonus the dice are written out, since the engine's cantrip tiers would multiply the bonus too. */
export function attackCantrip(name: string, die: string, type: string, c: CasterStats, flat = 0, count = 1): ActionInput {
  const damage = flat === 0 ? die : dice(`${cantripDice(c.level)}${die.slice(1)}`, flat);
  return {
    type: 'attack', name, targeting: 'lowest-hp',
    spell: flat === 0 ? { level: 0, cantripScaling: true } : { level: 0 },
    attacks: [{ toHit: c.attack, damage, damageType: type, reach: 'ranged', ...(count > 1 && { count }) }],
  };
}

export const fireBolt = (c: CasterStats, flat = 0) => attackCantrip('Fire Bolt', '1d10', 'fire', c, flat);
export const rayOfFrost = (c: CasterStats, flat = 0) => attackCantrip('Ray of Frost', '1d8', 'cold', c, flat);
export const produceFlame = (c: CasterStats) => attackCantrip('Produce Flame', '1d8', 'fire', c);

export function sacredFlame(c: CasterStats): ActionInput {
  return {
    type: 'save', name: 'Sacred Flame', spell: { level: 0, cantripScaling: true }, dc: c.dc, ability: 'dex',
    damage: '1d8', damageType: 'radiant', onSuccess: 'none',
  };
}

export function viciousMockery(c: CasterStats): ActionInput {
  return {
    type: 'save', name: 'Vicious Mockery', spell: { level: 0, cantripScaling: true }, dc: c.dc, ability: 'wis',
    damage: '1d4', damageType: 'psychic', onSuccess: 'none', targeting: 'highest-damage',
    // Disadvantage on its next attack roll: lasting until the bard's next turn covers the target's turn.
    effect: { name: 'Vicious Mockery', duration: { kind: 'rounds', rounds: 1 }, attacksBy: 'disadvantage' },
  };
}

// ------------------------------------------------------------------ healing and support

export function healingWord(c: CasterStats, extra = 0): ActionInput {
  return {
    type: 'heal', name: 'Healing Word', slot: 'bonus', condition: 'ally-down', spell: { level: 1, upcast: '1d4' },
    amount: dice('1d4', c.mod + extra),
  };
}

export function cureWounds(c: CasterStats, extra = 0): ActionInput {
  return {
    type: 'heal', name: 'Cure Wounds', condition: 'ally-down', spell: { level: 1, upcast: '1d8' }, amount: dice('1d8', c.mod + extra),
  };
}

export function massCureWounds(c: CasterStats, extra = 0): ActionInput {
  return {
    type: 'heal', name: 'Mass Cure Wounds', condition: 'ally-down', spell: { level: 5, upcast: '1d8' },
    amount: dice('3d8', c.mod + extra), targets: AREA_TARGETS.massHeal,
  };
}

export function bless(targets = 3): ActionInput {
  return {
    type: 'effect', name: 'Bless', target: 'allies', targets, spell: { level: 1, concentration: true, upcastTargets: 1 },
    effect: { name: 'Bless', duration: { kind: 'rounds', rounds: 10 }, attackBonus: '1d4', saveBonus: '1d4' },
  };
}

export function faerieFire(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Faerie Fire', target: 'enemies', targets: 2, save: { ability: 'dex', dc: c.dc },
    spell: { level: 1, concentration: true },
    effect: { name: 'Faerie Fire', duration: { kind: 'rounds', rounds: 10 }, attacksAgainst: 'advantage' },
  };
}

/**
 * A mark that moves: the first casting in a fight takes a slot; moving it to a new target after
 * the first dies is free, so the second entry has no slot level (it is tried only once the first
 * has been used in this fight, or when no slot is left).
 */
function mark(name: string, damageType: string): ActionInput[] {
  const effect: EffectInput = { name, duration: { kind: 'encounter' }, markDamage: '1d6', markDamageType: damageType };
  return [
    {
      type: 'effect', name, slot: 'bonus', target: 'enemies', enemyTargeting: 'lowest-hp', uses: { per: 'encounter', count: 1 },
      spell: { level: 1, concentration: true }, effect,
    },
    {
      type: 'effect', name: `${name} (moved)`, slot: 'bonus', target: 'enemies', enemyTargeting: 'lowest-hp',
      spell: { level: 0, concentration: true }, effect,
    },
  ];
}

export const hex = (): ActionInput[] => mark('Hex', 'necrotic');
export const huntersMark = (damageType: string): ActionInput[] => mark("Hunter's Mark", damageType);

// ------------------------------------------------------------------ control

export function holdPerson(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Hold Person', target: 'enemies', enemyTargeting: 'highest-damage', save: { ability: 'wis', dc: c.dc },
    spell: { level: 2, concentration: true, upcastTargets: 1 },
    effect: { name: 'Hold Person', duration: { kind: 'rounds', rounds: 10 }, conditions: ['paralyzed'], saveEnds: true, onlyCreatureTypes: ['humanoid'] },
  };
}

export function hypnoticPattern(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Hypnotic Pattern', target: 'enemies', enemyTargeting: 'highest-damage',
    targets: AREA_TARGETS.hypnoticPattern, condition: 'enemy-count-multiple', save: { ability: 'wis', dc: c.dc },
    spell: { level: 3, concentration: true },
    effect: {
      name: 'Hypnotic Pattern', duration: { kind: 'rounds', rounds: 10 }, conditions: ['charmed', 'incapacitated'], endsOnDamage: true,
    },
  };
}

// ------------------------------------------------------------------ damage over time (concentration zones)

export function spiritGuardians(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Spirit Guardians', target: 'enemies', targets: AREA_TARGETS.spiritGuardians,
    spell: { level: 3, concentration: true },
    effect: {
      name: 'Spirit Guardians', duration: { kind: 'rounds', rounds: 10 },
      turnDamage: { damage: '3d8', damageType: 'radiant', when: 'start', save: { ability: 'wis', dc: c.dc }, onSuccess: 'half' },
    },
  };
}

export function moonbeam(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Moonbeam', target: 'enemies', enemyTargeting: 'highest-hp', spell: { level: 2, concentration: true },
    effect: {
      name: 'Moonbeam', duration: { kind: 'rounds', rounds: 10 },
      turnDamage: { damage: '2d10', damageType: 'radiant', when: 'start', save: { ability: 'con', dc: c.dc }, onSuccess: 'half' },
    },
  };
}

export function insectPlague(c: CasterStats): ActionInput {
  return {
    type: 'effect', name: 'Insect Plague', target: 'enemies', targets: AREA_TARGETS.insectPlague, spell: { level: 5, concentration: true },
    effect: {
      name: 'Insect Plague', duration: { kind: 'rounds', rounds: 10 },
      turnDamage: { damage: '4d10', damageType: 'piercing', when: 'end', save: { ability: 'con', dc: c.dc }, onSuccess: 'half' },
    },
  };
}

// ------------------------------------------------------------------ damage

interface AreaSpell {
  name: string;
  level: number;
  damage: string;
  type: string;
  ability: 'str' | 'dex' | 'con' | 'wis';
  targets: number;
  upcast?: string;
  /** Kept for fights with several enemies (an area that would waste its slot on one). */
  crowdOnly?: boolean;
  onSuccess?: 'half' | 'none';
}

export function areaSpell(s: AreaSpell, c: CasterStats, flat = 0, uses: Uses = atWill): ActionInput {
  return {
    type: 'save', name: s.name, spell: { level: s.level, ...(s.upcast && { upcast: s.upcast }) }, dc: c.dc, ability: s.ability,
    damage: dice(s.damage, flat), damageType: s.type, onSuccess: s.onSuccess ?? 'half', targets: s.targets,
    ...(s.crowdOnly && { condition: 'enemy-count-multiple' }), ...(uses.per !== 'at-will' && { uses }),
  };
}

export const AREA_SPELLS = {
  burningHands: { name: 'Burning Hands', level: 1, damage: '3d6', type: 'fire', ability: 'dex', targets: AREA_TARGETS.burningHands, upcast: '1d6', crowdOnly: true },
  thunderwave: { name: 'Thunderwave', level: 1, damage: '2d8', type: 'thunder', ability: 'con', targets: AREA_TARGETS.thunderwave, upcast: '1d8', crowdOnly: true },
  shatter: { name: 'Shatter', level: 2, damage: '3d8', type: 'thunder', ability: 'con', targets: AREA_TARGETS.shatter, upcast: '1d8', crowdOnly: true },
  fireball: { name: 'Fireball', level: 3, damage: '8d6', type: 'fire', ability: 'dex', targets: AREA_TARGETS.fireball, upcast: '1d6', crowdOnly: true },
  lightningBolt: { name: 'Lightning Bolt', level: 3, damage: '8d6', type: 'lightning', ability: 'dex', targets: AREA_TARGETS.lightningBolt, upcast: '1d6', crowdOnly: true },
  iceStorm: { name: 'Ice Storm', level: 4, damage: '2d8+4d6', type: 'cold', ability: 'dex', targets: AREA_TARGETS.iceStorm, upcast: '1d8', crowdOnly: true },
  coneOfCold: { name: 'Cone of Cold', level: 5, damage: '8d8', type: 'cold', ability: 'con', targets: AREA_TARGETS.coneOfCold, upcast: '1d8' },
  flameStrike: { name: 'Flame Strike', level: 5, damage: '8d6', type: 'radiant', ability: 'dex', targets: 2, upcast: '1d6' },
  chainLightning: { name: 'Chain Lightning', level: 6, damage: '10d8', type: 'lightning', ability: 'dex', targets: AREA_TARGETS.chainLightning },
  circleOfDeath: { name: 'Circle of Death', level: 6, damage: '8d6', type: 'necrotic', ability: 'con', targets: AREA_TARGETS.circleOfDeath, upcast: '2d6' },
  delayedBlastFireball: { name: 'Delayed Blast Fireball', level: 7, damage: '12d6', type: 'fire', ability: 'dex', targets: AREA_TARGETS.delayedBlastFireball, upcast: '1d6' },
  fingerOfDeath: { name: 'Finger of Death', level: 7, damage: '7d8+30', type: 'necrotic', ability: 'con', targets: 1 },
  sunburst: { name: 'Sunburst', level: 8, damage: '12d6', type: 'radiant', ability: 'con', targets: AREA_TARGETS.sunburst },
  meteorSwarm: { name: 'Meteor Swarm', level: 9, damage: '20d6+20d6', type: 'fire', ability: 'dex', targets: AREA_TARGETS.meteorSwarm },
} as const satisfies Record<string, AreaSpell>;

/** A table of the area spells' numbers: the SRD 5.1's (AREA_SPELLS) or an edition's own. */
export type AreaSpellTable = { readonly [K in keyof typeof AREA_SPELLS]: AreaSpell };

/** Magic Missile: three darts that always hit; written as damage no save can stop (DC 40), one target. */
export function magicMissile(flat = 0): ActionInput {
  return {
    type: 'save', name: 'Magic Missile', spell: { level: 1, upcast: '1d4+1' }, dc: 40, ability: 'dex',
    damage: dice('3d4', 3 + flat), damageType: 'force', onSuccess: 'none', targeting: 'lowest-hp',
  };
}

export function scorchingRay(c: CasterStats, flat = 0): ActionInput {
  return {
    type: 'attack', name: 'Scorching Ray', spell: { level: 2 },
    attacks: [{ toHit: c.attack, damage: dice('2d6', flat), damageType: 'fire', reach: 'ranged', count: 3 }],
  };
}

export function disintegrate(c: CasterStats): ActionInput {
  return {
    type: 'save', name: 'Disintegrate', spell: { level: 6, upcast: '3d6' }, dc: c.dc, ability: 'dex', damage: '10d6+40',
    damageType: 'force', onSuccess: 'none', targeting: 'highest-hp',
  };
}

export function shieldReaction() {
  return { kind: 'shield' as const };
}

/** Hold Person as a class option, shared by every caster that can learn it. */
export const HOLD_PERSON_OPTION: ClassOption = {
  id: 'hold-person', label: 'Hold Person', minLevel: 3,
  description: 'Paralyze the most dangerous humanoid; monsters of other types are not targeted.',
};

/** The arcane blasters' other spell list, for foes immune to fire. */
export const NO_FIRE_OPTION: ClassOption = {
  id: 'no-fire', label: 'Against fire-immune foes',
  description: 'Ray of Frost, Acid Arrow, Lightning Bolt and Finger of Death instead of the fire spells.',
};
