// Monster spellcasting as actions: reads the "Spellcasting" and "Innate Spellcasting" special
// abilities of SRD 5.1 stat blocks (the SRD API's `spellcasting` field) and turns the spells that
// matter in a fight into engine actions, with the stat block's save DC and spell attack bonus.
// Every spell name the SRD monsters use is classified in MONSTER_SPELLS; what runs only
// approximately, or not at all, becomes a notModelled line the UI can show. The spells the class
// templates already write are built by their functions, so a monster's Fireball is a wizard's.

import type {
  ActionSpec, Condition, CreatureSpec, DamageType, EffectAction, EffectSpec, ReactionSpec, Uses,
} from '../../../engine/types.ts';
import { abilityModifier, cantripTier, proficiencyBonusForCr } from '../../../engine/tables.ts';
import type { ActionInput } from '../classes/common.ts';
import {
  AREA_SPELLS, areaSpell, bless, cureWounds, disintegrate, faerieFire, fireBolt, holdPerson, insectPlague, magicMissile,
  massCureWounds, produceFlame, rayOfFrost, sacredFlame, scorchingRay, spiritGuardians, viciousMockery, type CasterStats,
} from '../classes/spells.ts';

export interface MonsterSpellcasting {
  /**
   * Spell actions for the creature's `actions` list (attack, save, heal actions), in the stat
   * block's order. Keep them together and in this order: a repeat (Spiritual Weapon (again)) has
   * the condition "after-previous" and must follow its casting.
   */
  actions: ActionSpec[];
  /** Spell effect actions (buffs, debuffs, conditions) for `effectActions`; concentration spells strongest first, since the automatic tactics keep the first usable one going. */
  effectActions: EffectAction[];
  /** Reactions such as Shield. */
  reactions: ReactionSpec[];
  /** Spell slots of the Spellcasting trait (index 0 = 1st level), or null for innate casters (they use per-day uses). */
  spellSlots: number[] | null;
  /** The creature `level` its cantrips scale with (the Spellcasting trait's caster level), or null for innate casters, whose cantrip dice are written out. */
  casterLevel: number | null;
  /** AC when a spell the monster has already cast before the fight changes it (Mage Armor: "12 (15 with mage armor)"), else null. */
  acWithPrecastSpells: number | null;
  /** Effects of spells the stat block says it casts on itself before combat (the Archmage's Stoneskin), for the creature's `effects`. */
  precastEffects: EffectSpec[];
  /** Conditions a spell assumed cast on itself before the fight makes it immune to (Freedom of Movement), for its `traits`. */
  precastConditionImmunities: Condition[];
  /** Damage types such a spell makes it immune to (Mind Blank: psychic), for its `immunities`. */
  precastImmunities: DamageType[];
  /** Spell names turned into runnable actions (or a precast AC or effect), exactly or by a stated approximation. */
  modelled: string[];
  /** Lines for the monster's notModelled list: combat spells not run, and each approximation stated. */
  notModelled: string[];
}

/** What else of the stat block the spells need; every field is optional. */
export interface MonsterSpellContext {
  /** The monster's AC without spells (Barkskin raises it to 16). */
  ac?: number;
  /** Its Dexterity score (Mage Armor: 13 + Dexterity modifier, when the stat block prints no AC with it). */
  dexterity?: number;
  /** The SRD `armor_class` list: an entry of type "spell" gives the AC a spell sets. */
  armorClass?: unknown;
  /**
   * Its ability scores: when the stat block prints no spell save DC or attack bonus (the Cloud
   * Giant's innate spellcasting), they follow from its spellcasting ability: 8 + proficiency +
   * modifier, and proficiency + modifier.
   */
  abilityScores?: Partial<Record<'str' | 'dex' | 'con' | 'int' | 'wis' | 'cha', number>>;
  /** It sees in magical darkness (truesight, Devil's Sight): Darkness hides it from its enemies but not them from it. */
  seesInMagicalDarkness?: boolean;
  /**
   * The weapon attack the stat block prints with Shillelagh's numbers ("+2 to hit (+4 to hit with
   * shillelagh) ... or 6 (1d8 + 2) bludgeoning damage with shillelagh"); the caller runs that attack
   * with them when the spell is read as modelled.
   */
  shillelagh?: { weapon: string; toHit: number; damage: string };
  /**
   * Run Counterspell as the engine's reaction: the SRD 5.1 spell (a 3rd-level slot, an ability
   * check against a higher-level spell). The SRD 5.2 spell works otherwise (the caster makes a
   * Constitution save), so without this it stays a spell not modelled.
   */
  counterspell?: boolean;
}

// ------------------------------------------------------------------ the classification

export type SpellClass = 'modelled' | 'approximated' | 'non-combat' | 'not-modelled';

/** What the spell turns into, beyond ordinary actions. */
type Special = 'shield' | 'counterspell' | 'mage-armor' | 'barkskin' | 'stoneskin' | 'darkness' | 'shillelagh' | 'freedom-of-movement' | 'mind-blank';

interface SpellEntry {
  class: SpellClass;
  /** For approximated spells: the rule, in words; for spells not modelled: why, when it helps. */
  note?: string;
  /** The actions (file format, as the class templates write them). */
  build?: (c: CasterStats) => ActionInput[];
  special?: Special;
  /** The special builder writes the monster's own line in place of the note (it depends on the stat block). */
  statesItself?: boolean;
}

const NON_COMBAT: SpellEntry = { class: 'non-combat' };
const notModelled = (note?: string): SpellEntry => ({ class: 'not-modelled', ...(note !== undefined && { note }) });
const modelled = (build: (c: CasterStats) => ActionInput[]): SpellEntry => ({ class: 'modelled', build });
const approximated = (note: string, build: (c: CasterStats) => ActionInput[]): SpellEntry => ({ class: 'approximated', note, build });
/** A spell that changes nothing in a fight as the simulation runs it, for the reason stated: no action is built. */
const noAction = (note: string): SpellEntry => approximated(note, () => []);

/** Movement and escape: the engine has no positions, so every creature is in reach of every other. */
const STAYS_AND_FIGHTS = 'no positions: movement and escape are not simulated; the caster stays and fights';

const TEN_ROUNDS = { kind: 'rounds', rounds: 10 } as const;
/** Every creature type but undead (Hold Monster). */
const NOT_UNDEAD = [
  'aberration', 'beast', 'celestial', 'construct', 'dragon', 'elemental', 'fey', 'fiend', 'giant', 'humanoid', 'monstrosity',
  'ooze', 'plant',
];

function enemyEffect(
  name: string, level: number, ability: 'str' | 'dex' | 'con' | 'wis' | 'cha', c: CasterStats,
  effect: Omit<EffectSpec, 'name' | 'duration'> & { duration?: EffectSpec['duration'] },
  o: { concentration?: boolean; targets?: number; upcastTargets?: number; noSave?: boolean } = {},
): ActionInput {
  return {
    type: 'effect', name, target: 'enemies', enemyTargeting: 'highest-damage', targets: o.targets ?? 1,
    ...(!o.noSave && { save: { ability, dc: c.dc } }),
    spell: { level, ...(o.concentration && { concentration: true }), ...(o.upcastTargets && { upcastTargets: o.upcastTargets }) },
    effect: { name, duration: TEN_ROUNDS, ...effect },
  };
}

function selfEffect(name: string, level: number, effect: Omit<EffectSpec, 'name'>, concentration: boolean, extra: Partial<ActionInput> = {}): ActionInput {
  return {
    type: 'effect', name, target: 'self', spell: { level, ...(concentration && { concentration: true }) }, effect: { name, ...effect }, ...extra,
  } as ActionInput;
}

/** A zone that harms the creatures in it at the start (or end) of their turns while the caster concentrates. */
function zone(name: string, level: number, damage: string, damageType: DamageType, ability: 'dex' | 'con' | 'wis', targets: number, c: CasterStats): ActionInput {
  return {
    type: 'effect', name, target: 'enemies', targets, spell: { level, concentration: true },
    effect: { name, duration: TEN_ROUNDS, turnDamage: { damage, damageType, when: 'start', save: { ability, dc: c.dc }, onSuccess: 'half' } },
  };
}

function meleeSpellAttack(name: string, level: number, damage: string, damageType: DamageType, c: CasterStats, upcast?: string): ActionInput {
  return {
    type: 'attack', name, spell: { level, ...(upcast && { upcast }), ...(level === 0 && { cantripScaling: true }) },
    attacks: [{ toHit: c.attack, damage, damageType, reach: 'melee' }],
  };
}

const takenOut = (conditions: Condition[]) => ({ conditions, endsOnDamage: true });

/** Lesser or Greater Restoration: ends, on an ally, one effect that imposes one of `conditions`. */
function restoration(name: string, level: number, conditions: Condition[]): ActionInput {
  return { type: 'effect', name, target: 'allies', targets: 1, spell: { level }, ends: { conditions } };
}

/**
 * Every spell the SRD 5.1 monsters cast, classified. Areas catch the number of creatures the class
 * templates assume (the DMG's rule of thumb); a monster's heal waits for an ally below half its
 * hit points, since monsters die at 0.
 */
export const MONSTER_SPELLS: Readonly<Record<string, SpellEntry>> = {
  // ---- damage
  'Acid Arrow': approximated('4d4 acid on a hit and 2d4 acid at the end of the target\'s next turn; the half damage on a miss is left out', (c) => [{
    type: 'attack', name: 'Acid Arrow', spell: { level: 2, upcast: '1d4' },
    attacks: [{ toHit: c.attack, damage: '4d4', damageType: 'acid', reach: 'ranged' }],
    effect: { name: 'Acid Arrow', duration: { kind: 'source-turn-end' }, turnDamage: { damage: '2d4', damageType: 'acid', when: 'end' } },
  }]),
  'Blade Barrier': approximated('6d10 slashing (Dex half) to 2 creatures when the wall appears; they are assumed to leave it after', (c) => [
    areaSpell({ name: 'Blade Barrier', level: 6, damage: '6d10', type: 'slashing', ability: 'dex', targets: 2, crowdOnly: true }, c),
  ]),
  Blight: modelled((c) => [{
    type: 'save', name: 'Blight', spell: { level: 4, upcast: '1d8' }, dc: c.dc, ability: 'con', damage: '8d8', damageType: 'necrotic',
    onSuccess: 'half', targeting: 'highest-hp',
  }]),
  Cloudkill: approximated('5d8 poison (Con half) at the start of each turn of 4 creatures caught, while the caster concentrates; the cloud\'s drift is left out',
    (c) => [zone('Cloudkill', 5, '5d8', 'poison', 'con', 4, c)]),
  'Cone of Cold': modelled((c) => [areaSpell(AREA_SPELLS.coneOfCold, c)]),
  Disintegrate: modelled((c) => [disintegrate(c)]),
  'Finger of Death': modelled((c) => [areaSpell(AREA_SPELLS.fingerOfDeath, c)]),
  'Fire Bolt': modelled((c) => [fireBolt(c)]),
  Fireball: modelled((c) => [areaSpell(AREA_SPELLS.fireball, c)]),
  'Flame Strike': approximated('4d6 fire + 4d6 radiant counted as 8d6 radiant, assumed to catch 2 creatures', (c) => [areaSpell(AREA_SPELLS.flameStrike, c)]),
  'Guiding Bolt': approximated('4d6 radiant; every attack against the target until the end of the caster\'s next turn has advantage, not only the next one', (c) => [{
    type: 'attack', name: 'Guiding Bolt', spell: { level: 1, upcast: '1d6' },
    attacks: [{ toHit: c.attack, damage: '4d6', damageType: 'radiant', reach: 'ranged' }],
    effect: { name: 'Guiding Bolt', duration: { kind: 'source-turn-end' }, attacksAgainst: 'advantage' },
  }]),
  Harm: approximated('14d6 necrotic (Con half); the loss of hit point maximum and the 1 hit point floor are left out', (c) => [{
    type: 'save', name: 'Harm', spell: { level: 6 }, dc: c.dc, ability: 'con', damage: '14d6', damageType: 'necrotic', onSuccess: 'half',
    targeting: 'highest-hp',
  }]),
  'Heat Metal': approximated('2d8 fire at the start of each of the target\'s turns and disadvantage on its attacks while the caster concentrates; every target is assumed to wear or hold metal',
    (c) => [enemyEffect('Heat Metal', 2, 'con', c, {
      turnDamage: { damage: '2d8', damageType: 'fire', when: 'start' }, attacksBy: 'disadvantage',
    }, { concentration: true, noSave: true })]),
  'Ice Storm': approximated('2d8 bludgeoning + 4d6 cold counted as cold, assumed to catch 4 creatures', (c) => [areaSpell(AREA_SPELLS.iceStorm, c)]),
  'Inflict Wounds': modelled((c) => [meleeSpellAttack('Inflict Wounds', 1, '3d10', 'necrotic', c, '1d10')]),
  'Insect Plague': approximated('4d10 piercing (Con half) at the end of each turn of 4 creatures caught, while the caster concentrates', (c) => [insectPlague(c)]),
  'Lightning Bolt': modelled((c) => [areaSpell(AREA_SPELLS.lightningBolt, c)]),
  'Magic Missile': modelled(() => [magicMissile()]),
  'Power Word Kill': approximated('100 force damage no save stops, on the most dangerous enemy: it drops rather than kills a character with 100 hit points or fewer, and harms one with more',
    () => [{
      type: 'save', name: 'Power Word Kill', spell: { level: 9 }, dc: 40, ability: 'con', damage: '100', damageType: 'force', onSuccess: 'none',
      targeting: 'highest-damage',
    }]),
  'Produce Flame': modelled((c) => [produceFlame(c)]),
  'Ray of Frost': modelled((c) => [rayOfFrost(c)]),
  'Sacred Flame': modelled((c) => [sacredFlame(c)]),
  'Scorching Ray': modelled((c) => [scorchingRay(c)]),
  Shatter: modelled((c) => [areaSpell(AREA_SPELLS.shatter, c)]),
  'Shocking Grasp': approximated('1d8 lightning melee spell attack; the advantage against metal armor and the lost reaction are left out',
    (c) => [meleeSpellAttack('Shocking Grasp', 0, '1d8', 'lightning', c)]),
  Thunderwave: modelled((c) => [areaSpell(AREA_SPELLS.thunderwave, c)]),
  'Vicious Mockery': modelled((c) => [viciousMockery(c)]),
  'Wall of Fire': approximated('5d8 fire (Dex half) to 2 creatures when the wall appears; the damage to creatures ending turns near it is left out', (c) => [
    areaSpell({ name: 'Wall of Fire', level: 4, damage: '5d8', type: 'fire', ability: 'dex', targets: 2, upcast: '1d8', crowdOnly: true }, c),
  ]),

  // ---- control
  Banishment: approximated('the target is incapacitated while the caster concentrates, but stays in the fight and can be attacked',
    (c) => [enemyEffect('Banishment', 4, 'cha', c, { conditions: ['incapacitated'] }, { concentration: true, upcastTargets: 1 })]),
  'Bestow Curse': approximated('the curse chosen is 1d8 necrotic more on the caster\'s hits on the target',
    (c) => [enemyEffect('Bestow Curse', 3, 'wis', c, { markDamage: '1d8', markDamageType: 'necrotic' }, { concentration: true })]),
  'Blindness/Deafness': modelled((c) => [enemyEffect('Blindness/Deafness', 2, 'con', c, { conditions: ['blinded'], saveEnds: true }, { upcastTargets: 1 })]),
  'Calm Emotions': approximated('4 creatures that fail a Cha save stop fighting (incapacitated) until they take damage, while the caster concentrates',
    (c) => [enemyEffect('Calm Emotions', 2, 'cha', c, takenOut(['incapacitated']), { concentration: true, targets: 4 })]),
  Command: approximated('the "halt" command: a target that fails a Wis save loses its next turn',
    (c) => [enemyEffect('Command', 1, 'wis', c, { duration: { kind: 'source-turn-end' }, conditions: ['incapacitated'] }, { upcastTargets: 1 })]),
  Confusion: approximated('2 creatures that fail a Wis save lose their turns (incapacitated) until a save at the end of a turn; the turns they would act at random are counted as lost',
    (c) => [enemyEffect('Confusion', 4, 'wis', c, { conditions: ['incapacitated'], saveEnds: true }, { concentration: true, targets: 2 })]),
  'Dominate Monster': approximated('the target is taken out of the fight (incapacitated) until it takes damage, rather than fighting for the caster',
    (c) => [enemyEffect('Dominate Monster', 8, 'wis', c, { ...takenOut(['incapacitated']), duration: { kind: 'encounter' } }, { concentration: true })]),
  'Dominate Person': approximated('the humanoid target is taken out of the fight (incapacitated) until it takes damage, rather than fighting for the caster',
    (c) => [enemyEffect('Dominate Person', 5, 'wis', c, {
      ...takenOut(['incapacitated']), duration: { kind: 'encounter' }, onlyCreatureTypes: ['humanoid'],
    }, { concentration: true })]),
  Entangle: approximated('4 creatures that fail a Str save are restrained; escaping is a Str save at the end of each of their turns rather than an action',
    (c) => [enemyEffect('Entangle', 1, 'str', c, { conditions: ['restrained'], saveEnds: true }, { concentration: true, targets: 4 })]),
  'Faerie Fire': modelled((c) => [faerieFire(c)]),
  'Hold Monster': modelled((c) => [enemyEffect('Hold Monster', 5, 'wis', c, {
    conditions: ['paralyzed'], saveEnds: true, onlyCreatureTypes: NOT_UNDEAD,
  }, { concentration: true, upcastTargets: 1 })]),
  'Hold Person': modelled((c) => [holdPerson(c)]),
  'Power Word Stun': approximated('stunned until a Con save at the end of one of its turns; the 150 hit point limit is left out and a Con save also resists it at once',
    (c) => [enemyEffect('Power Word Stun', 8, 'con', c, { conditions: ['stunned'], saveEnds: true, duration: { kind: 'encounter' } })]),
  'Ray of Enfeeblement': approximated('a Con save instead of the spell attack; the target has disadvantage on its attacks instead of dealing half damage with Strength weapons, until a Con save at the end of one of its turns',
    (c) => [enemyEffect('Ray of Enfeeblement', 2, 'con', c, { attacksBy: 'disadvantage', saveEnds: true }, { concentration: true })]),
  Suggestion: approximated('a target that fails a Wis save stops fighting (incapacitated) until it takes damage, while the caster concentrates',
    (c) => [enemyEffect('Suggestion', 2, 'wis', c, { ...takenOut(['incapacitated']), duration: { kind: 'encounter' } }, { concentration: true })]),
  'Charm Person': approximated('a humanoid that fails a Wis save stops fighting (charmed and incapacitated) until it takes damage, for the fight; its advantage on the save, as the caster\'s side is fighting it, is counted as a DC 4 lower; that it could still fight the caster\'s allies is left out',
    (c) => [enemyEffect('Charm Person', 1, 'wis', { ...c, dc: c.dc === SENTINEL ? c.dc : c.dc - 4 }, {
      ...takenOut(['charmed', 'incapacitated']), duration: { kind: 'encounter' }, onlyCreatureTypes: ['humanoid'],
    }, { upcastTargets: 1 })]),
  Contagion: notModelled('the disease takes hold only after three failed saves'),
  Sleep: approximated('the enemy with the fewest hit points falls unconscious (no save) until it takes damage, for 1 minute, standing for the 5d8 hit point pool (which is not compared with its hit points); undead are not affected',
    (c) => [{
      ...enemyEffect('Sleep', 1, 'wis', c, { ...takenOut(['unconscious']), onlyCreatureTypes: NOT_UNDEAD }, { noSave: true }),
      enemyTargeting: 'lowest-hp',
    }]),
  Darkness: {
    class: 'approximated', special: 'darkness', statesItself: true,
    note: 'magical darkness on both sides cancels advantage and disadvantage (not cast); a caster that sees through it attacks with advantage and is attacked with disadvantage',
  },
  'Fog Cloud': noAction('both sides are heavily obscured in the fog: advantage and disadvantage cancel, so it is not cast'),
  Silence: notModelled('depends on positions'),
  Levitate: noAction(STAYS_AND_FIGHTS),
  Telekinesis: approximated('a creature that fails a Str save (standing for the contest of its Strength against the caster\'s spellcasting ability) is restrained in the telekinetic grip while the caster concentrates, with a Str save at the end of each of its turns; throwing it is not simulated',
    (c) => [enemyEffect('Telekinesis', 5, 'str', c, { conditions: ['restrained'], saveEnds: true }, { concentration: true })]),
  'Major Image': noAction('an illusion that deals no damage: creatures it fools are not simulated'),

  // ---- buffs and defence
  Barkskin: { class: 'modelled', special: 'barkskin' },
  Bless: modelled(() => [bless()]),
  Blur: modelled(() => [selfEffect('Blur', 2, { duration: TEN_ROUNDS, attacksAgainst: 'disadvantage' }, true)]),
  'Enlarge/Reduce': approximated('Enlarge on itself: 1d4 more (counted as force) on each of its weapon hits; the Strength advantage is left out',
    () => [selfEffect('Enlarge/Reduce', 2, { duration: TEN_ROUNDS, extraDamage: '1d4' }, true)]),
  'Fire Shield': approximated('the warm shield: resistance to cold and 2d8 fire back on every melee hit (every melee attacker is assumed within 5 feet)',
    () => [selfEffect('Fire Shield', 4, {
      duration: { kind: 'encounter' }, resistances: ['cold'], retaliate: '2d8', retaliateType: 'fire', retaliateAlways: true,
    }, false)]),
  'Greater Invisibility': modelled(() => [selfEffect('Greater Invisibility', 4, { duration: TEN_ROUNDS, conditions: ['invisible'] }, true)]),
  'Guardian of Faith': approximated('2 creatures take 20 radiant (Dex half) at the start of their turns for 2 rounds, standing for its 60 damage limit',
    (c) => [{
      type: 'effect', name: 'Guardian of Faith', target: 'enemies', targets: 2, spell: { level: 4 },
      effect: {
        name: 'Guardian of Faith', duration: { kind: 'rounds', rounds: 2 },
        turnDamage: { damage: '20', damageType: 'radiant', when: 'start', save: { ability: 'dex', dc: c.dc }, onSuccess: 'half' },
      },
    }]),
  Invisibility: approximated('cast on itself once a fight; it stays invisible until the end of its next turn (the spell ends when it attacks)',
    () => [selfEffect('Invisibility', 2, { duration: { kind: 'source-turn-end' }, conditions: ['invisible'] }, true, { condition: 'not-used-yet' })]),
  'Mage Armor': { class: 'modelled', special: 'mage-armor' },
  'Mirror Image': approximated('attacks against it have disadvantage for 1 minute instead of striking its three duplicates',
    () => [selfEffect('Mirror Image', 2, { duration: TEN_ROUNDS, attacksAgainst: 'disadvantage' }, false)]),
  Shield: { class: 'modelled', special: 'shield' },
  'Shield of Faith': modelled(() => [{
    type: 'effect', name: 'Shield of Faith', slot: 'bonus', target: 'allies', targets: 1, spell: { level: 1, concentration: true },
    effect: { name: 'Shield of Faith', duration: TEN_ROUNDS, acBonus: 2 },
  }]),
  'Spirit Guardians': modelled((c) => [spiritGuardians(c)]),
  'Spiritual Weapon': approximated('cast once a fight, then a bonus-action attack each later turn of the fight; it does not grow with higher slots',
    (c) => {
      const attack = { toHit: c.attack, damage: `1d8+${Math.max(0, c.mod)}`, damageType: 'force', reach: 'melee' } as const;
      return [
        { type: 'attack', name: 'Spiritual Weapon', slot: 'bonus', uses: { per: 'encounter', count: 1 }, spell: { level: 2 }, attacks: [attack] },
        { type: 'attack', name: 'Spiritual Weapon (again)', slot: 'bonus', condition: 'after-previous', attacks: [attack] },
      ];
    }),
  Stoneskin: {
    class: 'approximated', special: 'stoneskin',
    note: 'resistance to all bludgeoning, piercing and slashing damage, magical or not',
  },
  'Dispel Evil and Good': noAction('it works only against celestials, elementals, fey, fiends and undead (their attacks, charms and frights); characters are humanoid unless their type says otherwise, so it is not cast'),
  'Freedom of Movement': {
    class: 'approximated', special: 'freedom-of-movement',
    note: 'assumed cast on itself before the fight (it lasts an hour): it cannot be paralyzed or restrained, whatever the source (escaping a nonmagical restraint with 5 feet of movement is counted as never being held)',
  },
  'Globe of Invulnerability': notModelled(),
  'Mind Blank': {
    class: 'approximated', special: 'mind-blank',
    note: 'assumed cast on itself before the fight (it lasts 24 hours): immune to psychic damage and to being charmed',
  },
  'Protection from Poison': approximated('resistance to poison damage on an ally for the fight; its advantage on saves against being poisoned, and ending a poison already on the creature, are left out',
    () => [{
      type: 'effect', name: 'Protection from Poison', target: 'allies', targets: 1, spell: { level: 2 },
      effect: { name: 'Protection from Poison', duration: { kind: 'encounter' }, resistances: ['poison'] },
    }]),
  Sanctuary: approximated('cast on itself once a fight as a bonus action: the Wis save each attacker makes is run as disadvantage on attacks against it, until the start of its next turn (the ward ends when it attacks then)',
    () => [selfEffect('Sanctuary', 1, { duration: { kind: 'target-turn-start' }, attacksAgainst: 'disadvantage' }, false, { slot: 'bonus', condition: 'not-used-yet' })]),
  'True Seeing': noAction('its truesight is not simulated: invisibility in the engine works against every creature, as it does against monsters with truesight as a sense, and illusions are not simulated, so it is not cast'),
  Shillelagh: {
    class: 'approximated', special: 'shillelagh', statesItself: true,
    note: 'the weapon attack is run with the numbers the stat block prints with shillelagh from the start of the fight; the bonus action that casts it is not spent',
  },

  // ---- healing
  'Cure Wounds': modelled((c) => [cureWounds(c)]),
  'Mass Cure Wounds': modelled((c) => [massCureWounds(c)]),
  'Greater Restoration': approximated('on an ally that is charmed: the charm\'s effect ends whole; exhaustion, petrification, curses and reductions of ability scores and the hit point maximum are not simulated',
    () => [restoration('Greater Restoration', 5, ['charmed'])]),
  'Lesser Restoration': approximated('on an ally that is blinded, paralyzed or poisoned: the effect that imposes it ends whole, the one that takes its actions away first; deafness and diseases are not simulated',
    () => [restoration('Lesser Restoration', 2, ['blinded', 'paralyzed', 'poisoned'])]),

  // ---- escapes, summons, counters
  'Animate Dead': notModelled(),
  'Conjure Elemental': notModelled(),
  Counterspell: {
    class: 'approximated', special: 'counterspell',
    note: 'a reaction against an enemy\'s spell of 2nd level or higher (1st-level spells and cantrips are let through), with a 3rd-level slot or higher; its 60-foot range is not checked',
  },
  'Dimension Door': noAction(STAYS_AND_FIGHTS),
  'Dispel Magic': approximated('cast on the ally under the most disabling of its enemies\' spells, else, when no ally is under one, on an enemy under its own side\'s spells: every spell effect on that creature ends (one of a higher level than the slot on a check with the spellcasting ability); a spell\'s effects on other creatures stay; cast only when it ends something',
    (c) => [{ type: 'effect', name: 'Dispel Magic', target: 'allies', targets: 1, spell: { level: 3 }, ends: { spells: true, checkBonus: c.mod } }]),
  Fly: noAction(STAYS_AND_FIGHTS),
  'Gaseous Form': noAction(STAYS_AND_FIGHTS),
  'Misty Step': noAction(STAYS_AND_FIGHTS),
  'Plane Shift': noAction(`${STAYS_AND_FIGHTS}; it does not use the spell to banish a creature (a melee spell attack, then a Cha save)`),
  Teleport: noAction(STAYS_AND_FIGHTS),
  'Time Stop': notModelled(),
  'Wall of Force': notModelled(),

  // ---- outside a fight
  'Animal Messenger': NON_COMBAT, Clairvoyance: NON_COMBAT, Commune: NON_COMBAT, 'Control Weather': NON_COMBAT,
  'Create Food and Water': NON_COMBAT, Creation: NON_COMBAT, 'Dancing Lights': NON_COMBAT, 'Detect Evil and Good': NON_COMBAT,
  'Detect Magic': NON_COMBAT, 'Detect Thoughts': NON_COMBAT, 'Disguise Self': NON_COMBAT, Divination: NON_COMBAT, Dream: NON_COMBAT,
  Druidcraft: NON_COMBAT, 'Feather Fall': NON_COMBAT, Geas: NON_COMBAT, Goodberry: NON_COMBAT, "Heroes' Feast": NON_COMBAT,
  Identify: NON_COMBAT, 'Legend Lore': NON_COMBAT, Light: NON_COMBAT, 'Locate Object': NON_COMBAT, Longstrider: NON_COMBAT,
  'Mage Hand': NON_COMBAT, Mending: NON_COMBAT, 'Minor Illusion': NON_COMBAT, Nondetection: NON_COMBAT, 'Pass Without Trace': NON_COMBAT,
  Prestidigitation: NON_COMBAT, 'Raise Dead': NON_COMBAT, 'Remove Curse': NON_COMBAT, Resurrection: NON_COMBAT, Scrying: NON_COMBAT,
  'Spare the Dying': NON_COMBAT, 'Speak with Animals': NON_COMBAT, Thaumaturgy: NON_COMBAT, Tongues: NON_COMBAT,
  'Water Breathing': NON_COMBAT, 'Wind Walk': NON_COMBAT, 'Zone of Truth': NON_COMBAT,
};

/** The classification of a spell name (matched without regard to case), or null when it is not in the table. */
export function classifySpell(name: string): SpellClass | null {
  return entryFor(name)?.class ?? null;
}

const BY_LOWER = new Map(Object.entries(MONSTER_SPELLS).map(([name, e]) => [name.toLowerCase(), { name, entry: e }]));
function entryFor(name: string): SpellEntry | null {
  return BY_LOWER.get(name.trim().toLowerCase())?.entry ?? null;
}

// ------------------------------------------------------------------ from the file format to engine specs

const AT_WILL: Uses = { per: 'at-will' };

/** Fills in the defaults the scenario loader would (the builders write the file format). */
function toSpec(input: ActionInput): ActionSpec | EffectAction {
  const a = input as Record<string, unknown> & { type: string };
  const base = {
    name: a.name as string,
    slot: (a.slot ?? 'action') as ActionSpec['slot'],
    uses: (a.uses ?? AT_WILL) as Uses,
    condition: (a.condition ?? 'always') as ActionSpec['condition'],
    ...(a.spell !== undefined && { spell: a.spell as ActionSpec['spell'] }),
  };
  const effect = a.effect === undefined ? undefined : withDuration(a.effect as EffectSpec);
  switch (a.type) {
    case 'attack':
      return {
        type: 'attack', ...base, targeting: (a.targeting ?? 'lowest-hp') as 'lowest-hp',
        attacks: (a.attacks as Record<string, unknown>[]).map((atk) => ({
          toHit: atk.toHit as number, damage: atk.damage as string, damageType: (atk.damageType ?? 'bludgeoning') as DamageType,
          count: (atk.count ?? 1) as number, critOn: (atk.critOn ?? 20) as number, reach: (atk.reach ?? 'melee') as 'melee' | 'ranged',
        })),
        ...(effect && { effect }), ...(a.effectSave !== undefined && { effectSave: a.effectSave as EffectAction['save'] & object }),
      };
    case 'save':
      return {
        type: 'save', ...base, targeting: (a.targeting ?? 'lowest-hp') as 'lowest-hp', dc: a.dc as number, ability: a.ability as 'dex',
        damage: a.damage as string, damageType: (a.damageType ?? 'bludgeoning') as DamageType, onSuccess: (a.onSuccess ?? 'half') as 'half',
        targets: (a.targets ?? 1) as number, ...(effect && { effect }),
      };
    case 'heal':
      return {
        type: 'heal', ...base, targeting: (a.targeting ?? 'lowest-hp-fraction') as 'lowest-hp-fraction', amount: a.amount as string,
        targets: (a.targets ?? 1) as number, temporary: (a.temporary ?? false) as boolean,
      };
    default:
      return {
        type: 'effect', ...base, target: a.target as EffectAction['target'], targets: (a.targets ?? 1) as number,
        ...(effect !== undefined && { effect }), ...(a.ends !== undefined && { ends: a.ends as EffectAction['ends'] }),
        ...(a.enemyTargeting !== undefined && { enemyTargeting: a.enemyTargeting as 'highest-damage' }),
        ...(a.save !== undefined && { save: a.save as EffectAction['save'] & object }),
      };
  }
}

function withDuration(e: EffectSpec): EffectSpec {
  const out: EffectSpec = { ...e, duration: e.duration ?? TEN_ROUNDS };
  if (out.turnDamage) out.turnDamage = { ...out.turnDamage, onSuccess: out.turnDamage.onSuccess ?? 'half' };
  return out;
}

/** Cantrip dice written out for a tier (innate casters have no caster level for the engine to scale by). */
function scaledOut(damage: string, tier: number): string {
  return damage.replace(/^(\d+)d(\d+)/, (_, n: string, s: string) => `${Number(n) * tier}d${s}`);
}

// ------------------------------------------------------------------ reading a stat block's spellcasting

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const wholeOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** A spell as the stat block lists it. */
interface ListedSpell {
  name: string;
  level: number;
  /** null: cast with the trait's slots (or at will for a cantrip); otherwise innate uses. */
  uses: Uses | null;
  precast: boolean;
}

function readSpells(list: unknown, desc: string, notes: string[]): ListedSpell[] {
  if (!Array.isArray(list)) {
    notes.push('Spellcasting: the spell list could not be read');
    return [];
  }
  const out: ListedSpell[] = [];
  for (const s of list) {
    if (!isObj(s) || typeof s.name !== 'string' || s.name.trim() === '') {
      notes.push('Spellcasting: a spell entry could not be read');
      continue;
    }
    const name = s.name.trim();
    const level = wholeOrNull(s.level) ?? 0;
    let uses: Uses | null = null;
    if (isObj(s.usage)) {
      const type = typeof s.usage.type === 'string' ? s.usage.type.toLowerCase() : '';
      const times = wholeOrNull(s.usage.times);
      if (type === 'per day' && times !== null && times >= 1) uses = { per: 'long-rest', count: Math.min(100, times) };
      else if (type === 'at will') uses = AT_WILL;
      else notes.push(`Spell: ${name}: its usage ${JSON.stringify(s.usage).slice(0, 60)} could not be read; cast at will`);
    }
    const escaped = name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const precast = (typeof s.notes === 'string' && /before combat/i.test(s.notes)) || new RegExp(`${escaped}\\*`, 'i').test(desc);
    out.push({ name, level, uses, precast });
  }
  return out;
}

function readSlots(slots: unknown, notes: string[]): number[] | null {
  if (!isObj(slots)) return null;
  const out = new Array<number>(9).fill(0);
  let any = false;
  for (const [key, value] of Object.entries(slots)) {
    const level = Number(key);
    const count = wholeOrNull(value);
    if (!Number.isInteger(level) || level < 1 || level > 9 || count === null || count < 0) {
      notes.push(`Spellcasting: slots ${JSON.stringify({ [key]: value }).slice(0, 40)} could not be read`);
      continue;
    }
    out[level - 1] = Math.min(20, count);
    any ||= count > 0;
  }
  if (!any) return null;
  let last = out.length;
  while (last > 0 && out[last - 1] === 0) last--;
  return out.slice(0, last);
}

/** The AC a spell sets, as the SRD's armor_class list prints it ("15 with mage armor"). */
function printedSpellAc(armorClass: unknown, spell: string): number | null {
  if (!Array.isArray(armorClass)) return null;
  for (const entry of armorClass) {
    if (!isObj(entry) || entry.type !== 'spell' || !isObj(entry.spell)) continue;
    const name = typeof entry.spell.name === 'string' ? entry.spell.name.toLowerCase() : '';
    if (name === spell.toLowerCase()) return wholeOrNull(entry.value);
  }
  return null;
}

const SENTINEL = -999;

/**
 * Reads one SRD 5.1 special ability with a `spellcasting` field (Spellcasting or Innate
 * Spellcasting); null when it has none. `creatureLevelOrCr` is the monster's challenge rating: it
 * gives the proficiency bonus (to recover the spellcasting ability modifier healing adds) and, for
 * innate casters, the cantrip dice. Never throws on odd input: anything unreadable becomes a
 * notModelled line.
 */
export function monsterSpellcasting(ability: unknown, creatureLevelOrCr: number, context: MonsterSpellContext = {}): MonsterSpellcasting | null {
  if (!isObj(ability) || !('spellcasting' in ability)) return null;
  const out: MonsterSpellcasting = {
    actions: [], effectActions: [], reactions: [], spellSlots: null, casterLevel: null, acWithPrecastSpells: null,
    precastEffects: [], precastConditionImmunities: [], precastImmunities: [], modelled: [], notModelled: [],
  };
  const sc = ability.spellcasting;
  if (!isObj(sc)) {
    out.notModelled.push('Spellcasting: could not be read');
    return out;
  }
  const desc = typeof ability.desc === 'string' ? ability.desc : '';
  const cr = Number.isFinite(creatureLevelOrCr) ? Math.max(0, creatureLevelOrCr) : 0;
  const prof = proficiencyBonusForCr(cr);
  const fromAbility = dcFromAbility(sc.ability, context.abilityScores, prof);
  const readDc = wholeOrNull(sc.dc) ?? fromAbility?.dc ?? null;
  const readAttack = wholeOrNull(sc.modifier) ?? (wholeOrNull(sc.dc) === null ? fromAbility?.attack ?? null : null);
  const dc = readDc ?? (readAttack !== null ? 8 + readAttack : null);
  const attack = readAttack ?? (readDc !== null ? readDc - 8 : null);
  const mod = attack !== null ? attack - prof : 0;
  const casterLevel = wholeOrNull(sc.level);
  const innate = casterLevel === null;
  out.spellSlots = innate ? null : readSlots(sc.slots, out.notModelled);
  out.casterLevel = innate ? null : Math.max(1, Math.min(20, casterLevel));
  const stats: CasterStats = { level: out.casterLevel ?? Math.max(1, Math.round(cr)), dc: dc ?? SENTINEL, attack: attack ?? SENTINEL, mod };
  const innateTier = cantripTier(Math.max(1, Math.min(20, Math.round(cr))));

  type Ranked = { action: EffectAction; rank: number; order: number };
  const effects: Ranked[] = [];
  const ac = typeof context.ac === 'number' ? context.ac : null;

  for (const spell of readSpells(sc.spells, desc, out.notModelled)) {
    const entry = entryFor(spell.name);
    const name = BY_LOWER.get(spell.name.toLowerCase())?.name ?? spell.name;
    if (entry === null) {
      out.notModelled.push(`Spell: ${name}: not modelled (not in the spell table)`);
      continue;
    }
    if (entry.class === 'non-combat') continue;
    if (entry.class === 'not-modelled') {
      out.notModelled.push(`Spell: ${name}: not modelled${entry.note ? ` (${entry.note})` : ''}`);
      continue;
    }
    const stated = () => {
      if (entry.class === 'approximated' && entry.note && !entry.statesItself) out.notModelled.push(`Spell: ${name}: ${entry.note}`);
    };
    if (entry.special) {
      const done = special(entry.special, spell, out, { ac, context, mod, addEffect: (a) => effects.push({ action: a, rank: effectRank(a), order: effects.length }) });
      if (done) {
        out.modelled.push(name);
        stated();
      }
      continue;
    }
    let built = entry.build!(stats).map(toSpec);
    if ((dc === null || attack === null) && JSON.stringify(built).includes(String(SENTINEL))) {
      out.notModelled.push(`Spell: ${name}: not modelled (the stat block gives no spell save DC or attack bonus)`);
      continue;
    }
    built = built.map((a) => adaptToCaster(a, spell, innate, innateTier));
    if (innate && spell.level === 0 && built.some((a) => a.spell?.cantripScaling)) {
      out.notModelled.push(`Spell: ${name}: cantrip dice by challenge rating (${innateTier} ${innateTier === 1 ? 'die' : 'dice'})`);
    }
    for (const a of built) {
      if (a.type === 'effect') effects.push({ action: a, rank: effectRank(a), order: effects.length });
      else out.actions.push(a);
    }
    out.modelled.push(name);
    stated();
  }
  // The automatic tactics keep the first usable concentration effect going: strongest first.
  effects.sort((x, y) => y.rank - x.rank || x.order - y.order);
  out.effectActions = effects.map((e) => e.action);
  return out;
}

/** The save DC and attack bonus of a spellcasting ability (the SRD's `ability` reference), from the monster's score. */
function dcFromAbility(ability: unknown, scores: MonsterSpellContext['abilityScores'], prof: number): { dc: number; attack: number } | null {
  if (!isObj(ability) || typeof ability.index !== 'string' || !scores) return null;
  const score = scores[ability.index as keyof typeof scores];
  if (typeof score !== 'number') return null;
  const mod = abilityModifier(score);
  return { dc: 8 + prof + mod, attack: prof + mod };
}

/** Innate uses, monster healing, and innate cantrip dice. */
function adaptToCaster<T extends ActionSpec | EffectAction>(a: T, spell: ListedSpell, innate: boolean, innateTier: number): T {
  let out: T = a;
  // A repeat of a spell already cast (Spiritual Weapon's attacks) keeps its own uses.
  if (spell.uses !== null && a.spell !== undefined && spell.uses.per !== 'at-will') out = { ...out, uses: spell.uses };
  // Monsters die at 0 HP, so a monster's heal goes to a wounded ally rather than waiting for a downed one.
  if (out.type === 'heal' && out.condition === 'ally-down') out = { ...out, condition: 'ally-below-half' };
  if (innate && out.spell?.cantripScaling) {
    const { cantripScaling: _, ...spec } = out.spell;
    if (out.type === 'attack') out = { ...out, spell: spec, attacks: out.attacks.map((atk) => ({ ...atk, damage: scaledOut(atk.damage, innateTier) })) };
    else if (out.type === 'save') out = { ...out, spell: spec, damage: scaledOut(out.damage, innateTier) };
  }
  return out;
}

/** Control and harm before buffs, higher spell levels first. */
function effectRank(a: EffectAction): number {
  return (a.spell?.level ?? 0) + (a.target === 'enemies' ? 0.5 : 0);
}

function special(
  kind: Special, spell: ListedSpell, out: MonsterSpellcasting,
  m: { ac: number | null; context: MonsterSpellContext; mod: number; addEffect: (a: EffectAction) => void },
): boolean {
  switch (kind) {
    case 'shield':
      out.reactions.push(spell.uses !== null && spell.uses.per !== 'at-will' ? { kind: 'shield', uses: spell.uses } : { kind: 'shield' });
      return true;
    case 'counterspell':
      if (!m.context.counterspell) {
        out.notModelled.push('Spell: Counterspell: not modelled');
        return false;
      }
      // The ability check for a spell above the slot's level adds the spellcasting ability modifier.
      out.reactions.push(spell.uses !== null && spell.uses.per !== 'at-will'
        ? { kind: 'counterspell', bonus: m.mod, uses: spell.uses } : { kind: 'counterspell', bonus: m.mod });
      return true;
    case 'mage-armor': {
      const printed = printedSpellAc(m.context.armorClass, 'Mage Armor');
      const dex = typeof m.context.dexterity === 'number' ? abilityModifier(m.context.dexterity) : null;
      const ac = printed ?? (dex !== null ? 13 + dex : null);
      if (ac === null) {
        out.notModelled.push('Spell: Mage Armor: not modelled (no Dexterity score to compute its AC)');
        return false;
      }
      if (m.ac === null || ac > m.ac) out.acWithPrecastSpells = Math.max(out.acWithPrecastSpells ?? 0, ac);
      return true;
    }
    case 'barkskin': {
      if (m.ac === null) {
        out.notModelled.push('Spell: Barkskin: not modelled (no AC to raise)');
        return false;
      }
      if (m.ac >= 16) return true;
      m.addEffect(toSpec({
        type: 'effect', name: 'Barkskin', target: 'self', spell: { level: 2, concentration: true }, condition: 'not-used-yet',
        effect: { name: 'Barkskin', duration: { kind: 'encounter' }, acBonus: 16 - m.ac },
      }) as EffectAction);
      return true;
    }
    case 'darkness': {
      if (!m.context.seesInMagicalDarkness) {
        out.notModelled.push('Spell: Darkness: both sides are in magical darkness that darkvision cannot see through: advantage and disadvantage cancel, so it is not cast');
        return true;
      }
      m.addEffect(toSpec({
        type: 'effect', name: 'Darkness', target: 'self', spell: { level: 2, concentration: true }, condition: 'not-used-yet',
        ...(spell.uses !== null && spell.uses.per !== 'at-will' && { uses: spell.uses }),
        effect: { name: 'Darkness', duration: TEN_ROUNDS, attacksBy: 'advantage', attacksAgainst: 'disadvantage' },
      }) as EffectAction);
      out.notModelled.push('Spell: Darkness: it sees through the darkness and its enemies do not: advantage on its attacks and disadvantage on attacks against it while it concentrates (every enemy is assumed inside the darkness)');
      return true;
    }
    case 'shillelagh': {
      const w = m.context.shillelagh;
      if (!w) {
        out.notModelled.push('Spell: Shillelagh: not modelled (no weapon attack printed with it)');
        return false;
      }
      out.notModelled.push(`Spell: Shillelagh: its ${w.weapon} attack is run as the stat block prints it with shillelagh (+${w.toHit} to hit, ${w.damage}) from the start of the fight; the bonus action that casts it is not spent`);
      return true;
    }
    case 'freedom-of-movement':
      for (const c of ['paralyzed', 'restrained'] as const) if (!out.precastConditionImmunities.includes(c)) out.precastConditionImmunities.push(c);
      return true;
    case 'mind-blank':
      if (!out.precastConditionImmunities.includes('charmed')) out.precastConditionImmunities.push('charmed');
      if (!out.precastImmunities.includes('psychic')) out.precastImmunities.push('psychic');
      return true;
    case 'stoneskin': {
      const effect: EffectSpec = { name: 'Stoneskin', duration: { kind: 'encounter' }, resistances: ['bludgeoning', 'piercing', 'slashing'] };
      if (spell.precast) {
        out.precastEffects.push(effect);
        out.notModelled.push('Spell: Stoneskin: cast before the fight; its concentration is not tracked');
      } else {
        m.addEffect(toSpec({ type: 'effect', name: 'Stoneskin', target: 'self', spell: { level: 4, concentration: true }, effect }) as EffectAction);
      }
      return true;
    }
  }
}

/** What spells cast before the fight make the creature immune to: conditions (Freedom of Movement, Mind Blank) and damage (Mind Blank). */
export function addPrecastImmunities(creature: CreatureSpec, spells: Pick<MonsterSpellcasting, 'precastConditionImmunities' | 'precastImmunities'>): void {
  if (spells.precastConditionImmunities.length > 0) {
    const immune = new Set([...(creature.traits?.conditionImmunities ?? []), ...spells.precastConditionImmunities]);
    creature.traits = { ...creature.traits, conditionImmunities: [...immune] };
  }
  if (spells.precastImmunities.length > 0) creature.immunities = [...new Set([...creature.immunities, ...spells.precastImmunities])];
}
