// The engine's input: a normalised scenario with every default filled in. The scenario/ folder
// turns outside input (files, forms, links) into this shape after validation; the engine trusts
// its structure but still checks values it compiles (dice text, counts) and names the path.

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
export type Ability = (typeof ABILITIES)[number];

export const DAMAGE_TYPES = [
  'acid', 'bludgeoning', 'cold', 'fire', 'force', 'lightning', 'necrotic',
  'piercing', 'poison', 'psychic', 'radiant', 'slashing', 'thunder',
] as const;
export type DamageType = (typeof DAMAGE_TYPES)[number];

/** How an enemy is chosen by attacks and harmful effects. */
export const ENEMY_TARGETING = ['lowest-hp', 'highest-hp', 'highest-damage', 'lowest-ac', 'random'] as const;
export type EnemyTargeting = (typeof ENEMY_TARGETING)[number];

/** How an ally is chosen by healing. */
export const ALLY_TARGETING = ['lowest-hp-fraction', 'self'] as const;
export type AllyTargeting = (typeof ALLY_TARGETING)[number];

/** When an action may be chosen; the first action in list order whose condition holds is taken. */
export const ACTION_CONDITIONS = [
  'always', 'ally-down', 'ally-below-half', 'self-below-half', 'enemy-count-one', 'enemy-count-multiple',
  'not-used-yet', 'after-previous',
] as const;
export type ActionCondition = (typeof ACTION_CONDITIONS)[number];

export type ActionSlot = 'action' | 'bonus';

/** The 5e conditions the engine models (see README, "The rules the engine follows"). */
export const CONDITIONS = [
  'blinded', 'charmed', 'frightened', 'incapacitated', 'invisible', 'paralyzed', 'poisoned', 'prone', 'restrained',
  'stunned', 'unconscious',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/**
 * How long an effect lasts. `rounds` counts down at the start of the source's turns (so "1 minute"
 * is 10 rounds and ends just before the source's 11th turn); `source-turn-end` ends at the end of
 * the source's next turn; `target-turn-start` ends at the start of the affected creature's next
 * turn (Shield, prone); `encounter` lasts the fight; `day` lasts until the long rest (Mage Armor).
 */
export type EffectDuration =
  | { kind: 'rounds'; rounds: number }
  | { kind: 'source-turn-end' | 'target-turn-start' | 'encounter' | 'day' };

export interface SaveSpec {
  ability: Ability;
  dc: number;
}

/**
 * Damage (or healing) an effect deals at the start or end of the affected creature's turns
 * (Spirit Guardians, Cloud of Daggers, Heat Metal approximated; regeneration-like healing).
 */
export interface TurnDamageSpec {
  damage: string;
  damageType: DamageType;
  when: 'start' | 'end';
  /** A save against the damage each time; none means the damage always lands. */
  save?: SaveSpec;
  onSuccess?: 'half' | 'none';
}

/**
 * One effect: what it changes on the creature it is applied to. Every field is optional; an effect
 * combines any of them. Two applications of the same effect (by name) never stack: the newer one
 * replaces the older, as the rules on combining magical effects say.
 */
export interface EffectSpec {
  name: string;
  duration: EffectDuration;
  /** Dice added to the affected creature's attack rolls ("1d4" for Bless, "-1d4" for Bane). */
  attackBonus?: string;
  /** Dice added to the affected creature's saving throws. */
  saveBonus?: string;
  /** Added to the affected creature's AC (Shield of Faith +2, Shield +5, Mage Armor +3). */
  acBonus?: number;
  /**
   * The effect takes hold only on creatures of these types (Hold Person: humanoid); others are not
   * chosen as its targets. A creature whose type is not given counts as any type.
   */
  onlyCreatureTypes?: string[];
  /** Attacks made by the affected creature. */
  attacksBy?: 'advantage' | 'disadvantage';
  /** Attacks made against the affected creature. */
  attacksAgainst?: 'advantage' | 'disadvantage';
  /** Extra damage on each of the affected creature's weapon hits (Holy Weapon, Rage damage). */
  extraDamage?: string;
  extraDamageType?: DamageType;
  /** The extra damage lands on at most one hit per turn (Sneak Attack). */
  extraDamageOncePerTurn?: boolean;
  /** Extra damage the source deals when it hits the affected creature (Hunter's Mark, Hex). */
  markDamage?: string;
  markDamageType?: DamageType;
  conditions?: Condition[];
  resistances?: DamageType[];
  /** Temporary hit points granted when the effect starts (they never stack). */
  tempHp?: string;
  /** Healing at the start of each of the affected creature's turns, while it has at least 1 HP. */
  healEachTurn?: string;
  turnDamage?: TurnDamageSpec;
  /** Damage dealt back to a creature that hits the affected one in melee while it has temporary HP (Armor of Agathys). */
  retaliate?: string;
  retaliateType?: DamageType;
  /** Retaliate on every melee hit, not only while temporary HP are present (Fire Shield, Heated Body). */
  retaliateAlways?: boolean;
  /** The affected creature can't regain hit points while it lasts (a Bearded Devil's glaive wound). */
  preventsHealing?: boolean;
  /** The affected creature repeats the save at the end of each of its turns; a success ends the effect (Hold Person). */
  saveEnds?: boolean;
  /** Ends when the affected creature takes damage (Hypnotic Pattern, Sleep). */
  endsOnDamage?: boolean;
  /** Advantage on the affected creature's saving throws (a 2024 berserker's Bloodied Frenzy). */
  savesBy?: 'advantage';
  /**
   * Exhaustion levels the affected creature gains when the effect starts, kept until the end of the
   * day whatever becomes of the effect: by the 2024 rule, -2 per level on its attack rolls and
   * saving throws, death at 6 levels (a sphinx's Weight of Years).
   */
  exhaustion?: number;
}

/** The spell slot a spell uses (0 for a cantrip), and what a higher slot adds. */
export interface SpellSpec {
  level: number;
  /** Dice added to damage, healing or temporary HP per slot level above `level`. */
  upcast?: string;
  /** Extra targets per slot level above `level` (Hold Person, Bless). */
  upcastTargets?: number;
  /** Cantrip damage dice are multiplied by 1, 2, 3 or 4 at character levels 1, 5, 11 and 17. */
  cantripScaling?: boolean;
  /** Needs concentration: one such spell per caster; damage can break it. */
  concentration?: boolean;
}

export type Uses =
  | { per: 'at-will' }
  | { per: 'encounter' | 'short-rest' | 'long-rest'; count: number }
  /** Recharge X-6: available at the start, rolled for at the start of each of the creature's turns once spent. */
  | { per: 'recharge'; min: number };

export interface AttackSpec {
  /** Attack bonus added to the d20. */
  toHit: number;
  /** Dice text, e.g. "1d8+3" or "2d6 + 5[STR]". */
  damage: string;
  damageType: DamageType;
  /** Number of times this attack is made in the action (Multiattack). */
  count: number;
  /** Lowest natural roll that is a critical hit (20 normally, 19 for Improved Critical). */
  critOn: number;
  /** Melee hits against an unconscious target within 5 ft are critical hits. */
  reach: 'melee' | 'ranged';
  /** Damage of other types on each hit ("plus 7 (2d6) fire"), each resisted on its own; dice double on a critical hit. */
  extraDamage?: DamagePart[];
  /**
   * A 2024 weapon mastery the engine runs on the attack itself: Graze (on a miss, `damage` of the
   * weapon's type: the ability modifier), Vex (after a hit, advantage on the next attack roll against
   * that creature before the end of the attacker's next turn), Cleave (after a melee hit, once per
   * turn, an attack roll against another enemy dealing `damage`: the weapon's dice without the
   * modifier). Topple and Sap are riders (an action `effect`), Nick an extra attack in the action;
   * Push and Slow move creatures, which the engine does not track.
   */
  mastery?: WeaponMastery;
  /**
   * Against a creature under the attacker's own effect of this name (a grapple: "with Advantage if
   * the target is Grappled by the bugbear"): advantage, and `damage` in place of the usual dice when given.
   */
  againstHeld?: { effect: string; damage?: string };
}

export type WeaponMastery = { kind: 'graze'; damage: number } | { kind: 'vex' } | { kind: 'cleave'; damage: string };

export interface DamagePart {
  damage: string;
  damageType: DamageType;
  /** Dealt only when the attack roll had advantage (and no disadvantage cancelling it), as a 2024 goblin's extra 1d4. */
  withAdvantage?: boolean;
}

interface ActionBase {
  name: string;
  slot: ActionSlot;
  uses: Uses;
  condition: ActionCondition;
  /** A spell: consumes a slot of this level or higher (none for cantrips) when the caster has slots. */
  spell?: SpellSpec;
}

export interface AttackAction extends ActionBase {
  type: 'attack';
  targeting: EnemyTargeting;
  /** One entry per weapon; a multiattack lists several or sets count. */
  attacks: AttackSpec[];
  /** Applied to a creature hit by the action, after a save if `effectSave` is given. */
  effect?: EffectSpec;
  effectSave?: SaveSpec;
  /** The effect is tried on the first hit of each turn only (Stunning Strike, Cunning Strike). */
  effectOncePerTurn?: boolean;
  /** Divine Smite: on a melee hit, spend a spell slot for extra damage (see ResourcePolicy for when). */
  smite?: SmiteSpec;
}

export interface SmiteSpec {
  /** Damage with a 1st-level slot, e.g. "2d8". */
  damage: string;
  /** Added per slot level above 1st, e.g. "1d8". */
  upcast: string;
  /** Highest slot level worth spending (Divine Smite tops out at 4th: 5d8). */
  maxLevel: number;
  damageType: DamageType;
}

export interface SaveAction extends ActionBase {
  type: 'save';
  targeting: EnemyTargeting;
  dc: number;
  ability: Ability;
  damage: string;
  damageType: DamageType;
  onSuccess: 'half' | 'none';
  /** How many creatures the effect can catch (distinct targets). */
  targets: number;
  /** Applied to each creature that fails the save (its save ends repeat this save). */
  effect?: EffectSpec;
  /**
   * A creature that fails with this many hit points or fewer drops to 0 instead of taking the
   * damage, and dies outright when `dies` (a solar's Slaying Bow, a sea hag's Death Glare).
   */
  slay?: { hp: number; dies: boolean };
}

export interface HealAction extends ActionBase {
  type: 'heal';
  targeting: AllyTargeting;
  amount: string;
  targets: number;
  /** Grants temporary hit points instead of healing. */
  temporary: boolean;
}

/**
 * Applies an effect to allies (buffs), enemies (debuffs, with an optional save to resist) or the
 * caster itself. Creatures already under the effect are not chosen again.
 */
export interface EffectAction extends ActionBase {
  type: 'effect';
  /** `allies` includes the caster. Enemies are chosen by `enemyTargeting`. */
  target: 'self' | 'allies' | 'enemies';
  enemyTargeting?: EnemyTargeting;
  targets: number;
  /** The effect it applies; absent when the action ends effects instead (`ends`). */
  effect?: EffectSpec;
  /** Ends effects rather than applying one (Lesser and Greater Restoration, Dispel Magic); its `target` is then `allies`. */
  ends?: EndsSpec;
  /** For enemies: a save that resists the effect (and is repeated if the effect has saveEnds). */
  save?: SaveSpec;
  /** Where it sits among the creature's `actions` (see CreatureSpec.effectActions). */
  position?: number;
}

/**
 * What an ending action ends, on one creature per target. Lesser and Greater Restoration: an ally's
 * effect that imposes one of `conditions` (and no other condition but incapacitated, which paralysis
 * and the engine's charms bring with them); one effect per target, the one that takes its actions
 * away first. Dispel Magic (`spells`): every spell effect on an ally from its enemies, or, when no
 * ally has one, on an enemy from its own side; a spell of a higher level than the one cast ends only
 * on an ability check (d20 + `checkBonus`) against 10 + its level.
 */
export interface EndsSpec {
  conditions?: Condition[];
  spells?: boolean;
  /** Dispel Magic's ability check bonus (the spellcasting ability modifier). */
  checkBonus?: number;
}

/**
 * The damage and healing actions. Kept as the union it was before effect actions existed, so code
 * that handles every ActionSpec case stays exhaustive; effect actions sit in `effectActions`.
 */
export type ActionSpec = AttackAction | SaveAction | HealAction;
/** Any action, effect actions included (legendary and lair actions may be either). */
export type CreatureActionSpec = ActionSpec | EffectAction;

/** Reactions, one per round, used when they change the outcome. */
export type ReactionSpec =
  /** +5 AC until the start of its next turn when that turns a hit into a miss; uses a 1st-level slot or a use. */
  | { kind: 'shield'; uses?: Uses }
  /** Halves the damage of an attack that hits it. */
  | { kind: 'uncanny-dodge'; uses?: Uses }
  /** Adds `acBonus` to AC against one melee attack when that turns a hit into a miss. */
  /** `riposte`: the name of its attack action whose first attack it then makes against the attacker (a pirate captain's Riposte). */
  | { kind: 'parry'; acBonus: number; riposte?: string; uses?: Uses }
  /** After taking damage from a creature: `damage` (fire) to it, Dex save `dc` for half. */
  | { kind: 'hellish-rebuke'; damage: string; dc: number; uses?: Uses }
  /**
   * Counterspell: when an enemy casts a spell of 2nd level or higher, the spell fails; one of 4th
   * level or higher only on an ability check (d20 + `bonus`, the spellcasting modifier) against
   * DC 10 + its level. With `saveDc` (the 2024 spell), the caster instead makes a Constitution save
   * against it: on a failure the spell fails and its slot isn't expended. Spends a 3rd-level slot or
   * higher when the creature has slots, else a use.
   */
  | { kind: 'counterspell'; bonus: number; saveDc?: number; uses?: Uses };

export interface LegendaryActionSpec {
  cost: number;
  action: CreatureActionSpec;
  /** 2024 stat blocks: it can't take this action again until the start of its next turn. */
  oncePerRound?: boolean;
}

export interface LegendarySpec {
  /** Legendary actions per round (points), spent one at a time at the end of other creatures' turns. */
  perRound: number;
  /** Legendary Resistance uses per day: a failed save that would incapacitate or deal heavy damage succeeds instead. */
  resistances: number;
  actions: LegendaryActionSpec[];
}

export interface TraitsSpec {
  /** Advantage on saving throws against spells. */
  magicResistance?: boolean;
  /** Advantage on attacks while an ally is standing (the ally is assumed to be within 5 ft). */
  packTactics?: boolean;
  /** HP regained at the start of its turn while it has at least 1 HP. */
  regeneration?: number;
  /** Damage of these types stops the regeneration on its next turn. */
  regenerationBlockedBy?: DamageType[];
  conditionImmunities?: Condition[];
  /**
   * Undead Fortitude: damage that would drop it to 0 HP, unless radiant or from a critical hit,
   * leaves it at 1 HP on a Constitution save against DC 5 + the damage.
   */
  undeadFortitude?: boolean;
  /** Advantage on saves against effects that would impose any of these (Fey Ancestry: charmed; Brave: frightened). */
  saveAdvantageAgainst?: Condition[];
  /** Advantage on saves of these abilities against spells (Gnome Cunning: int, wis, cha). */
  spellSaveAdvantage?: Ability[];
  /**
   * A spell's ranged attack roll against it does nothing, except on a 6 on a d6, when the spell is
   * turned on its caster: the attack is rolled against the caster instead (a tarrasque's Reflective Carapace).
   */
  reflectsSpellAttacks?: boolean;
}

/** Damage to the creature's enemies when it dies (a mephit's Death Burst, a balor's Death Throes). */
export interface DeathBurstSpec {
  dc: number;
  ability: Ability;
  damage: string;
  damageType: DamageType;
  onSuccess: 'half' | 'none';
  /** How many enemies it catches at most. */
  targets: number;
  /** Applied to each enemy that fails the save (a dust mephit's blinding burst), its save ends repeating this save. */
  effect?: EffectSpec;
}

/**
 * Creatures that join the fight on the summoner's side: a vampire's bats, a djinni's conjured air
 * elemental, a lich's animated dead. Up to `creature.count` of them are compiled into the encounter
 * in reserve, out of the fight until they arrive, so the run loop keeps fixed arrays.
 */
export interface SummonSpec {
  /** What calls them (Children of the Night, Conjure Elemental, Animate Dead); the action's name when `when` is 'action'. */
  name: string;
  /** The creature that joins; its `count` is the most that can be in the fight from this summons. */
  creature: CreatureSpec;
  /**
   * 'before-fight': present from the start, as a spell with a long casting time cast beforehand
   * (Conjure Elemental, Animate Dead); 'action': the summoner spends its action, `uses` times.
   */
  when: 'before-fight' | 'action';
  uses?: Uses;
  /** How many join on one use (dice such as "2d4", capped at what is left in reserve); all of `creature.count` when absent. */
  number?: string;
  /** Rounds until they arrive, at the start of the summoner's turn (dice such as "1d4"); at once when absent. */
  delay?: string;
  /**
   * When they leave: 'summoner' when the summoner dies (and those still on their way never come),
   * 'concentration' when the summoner's concentration on the spell ends, 'never' (they fight on).
   */
  leaves: 'summoner' | 'concentration' | 'never';
  /** A spell (Conjure Elemental 5th level, concentration); a 'before-fight' spell's slot is spent before the fight. */
  spell?: SpellSpec;
  /** Each use needs the corpse of an enemy that died in this fight, one per use (a wraith's Create Specter). */
  needsCorpse?: boolean;
}

export type CasterProgression = 'full' | 'half' | 'third' | 'pact';

export interface CreatureSpec {
  name: string;
  /** Expands to this many combatants, numbered when more than one. */
  count: number;
  /** Characters drop to 0 HP and make death saving throws; monsters die at 0 HP. */
  kind: 'character' | 'monster';
  hp: number;
  /** When set and rollHp is true, max HP is rolled from this per run (e.g. "2d6" or "7d10+14"). */
  hpFormula: string | null;
  rollHp: boolean;
  ac: number;
  initiativeBonus: number;
  initiativeAdvantage: boolean;
  saves: Record<Ability, number>;
  resistances: DamageType[];
  immunities: DamageType[];
  vulnerabilities: DamageType[];
  /**
   * Resistance and immunity to these types (bludgeoning, piercing, slashing) from nonmagical attacks
   * only: weapon attacks that are not spells, unless `rules.magicalWeapons` makes the party's magical.
   */
  nonmagicalResistances?: DamageType[];
  nonmagicalImmunities?: DamageType[];
  /** Hit dice available to spend on short rests, e.g. "5d10"; null for none. */
  hitDice: string | null;
  conModifier: number;
  actions: ActionSpec[];
  /**
   * Effect actions (buffs, debuffs, conditions). Each is tried, in the creature's list, just before
   * `actions[position]` (position 0 by default: before every other action; actions.length: last).
   */
  effectActions?: EffectAction[];
  /** Creature type in lower case ("humanoid", "dragon"...), for effects limited to some types. Characters are humanoid unless told. */
  creatureType?: string;
  /** Character level: cantrip scaling and caster slots. */
  level?: number;
  /** Spell slots: `slots[i]` of level i + 1, restored on a long rest. Overrides `caster`. */
  spellSlots?: number[];
  /** Spell slots from a caster progression and the level above (pact slots come back on a short rest). */
  caster?: CasterProgression;
  reactions?: ReactionSpec[];
  legendary?: LegendarySpec;
  /** Lair actions, one on initiative count 20 each round (losing ties), the first whose condition holds. */
  lairActions?: CreatureActionSpec[];
  traits?: TraitsSpec;
  deathBurst?: DeathBurstSpec;
  /** Effects always on, such as Sneak Attack or a permanent Reckless Attack style feature. */
  effects?: EffectSpec[];
  /** How it picks actions; the scenario's rules.tactics when absent. */
  tactics?: Tactics;
  /** Creatures that join the fight on its side (see SummonSpec). */
  summons?: SummonSpec[];
}

/**
 * `in-order`: the first usable action in list order whose condition holds (BattleSim's way).
 * `auto`: get a downed ally up, keep one concentration spell going, then the most damaging action,
 * counting how many enemies an area catches; conditions still apply and slots follow the
 * resource policy.
 */
export type Tactics = 'in-order' | 'auto';

export type Surprise = 'none' | 'party' | 'enemies';

export interface EncounterSpec {
  name: string;
  enemies: CreatureSpec[];
  /** Take a short rest before this encounter (ignored for the first). */
  shortRestBefore: boolean;
  surprise: Surprise;
}

export type AttackDowned = 'never' | 'when-none-standing' | 'always';
export type HitDicePolicy = 'none' | 'to-half' | 'to-full';
/**
 * How spell slots are spent over the day: `nova` casts with the highest slot left, `balanced`
 * with the lowest that works, `conserve` also keeps leveled spells for later fights when slots
 * are fewer than the fights still ahead (except to get a downed ally up).
 */
export type ResourcePolicy = 'nova' | 'balanced' | 'conserve';

export interface RulesSettings {
  /** An encounter still running after this many rounds ends as a draw. */
  roundCap: number;
  /**
   * Whether monsters attack characters at 0 HP. 'when-none-standing' means: while anyone stands,
   * they attack those standing; once the party is wiped, the downed are finished off.
   */
  attackDowned: AttackDowned;
  /** How characters spend hit dice on a short rest. */
  hitDicePolicy: HitDicePolicy;
  /** How spell slots are spent; 'balanced' when absent. */
  resourcePolicy?: ResourcePolicy;
  /** How creatures without their own `tactics` pick actions; 'in-order' when absent. */
  tactics?: Tactics;
  /** The party's weapon attacks count as magical (they overcome resistance to nonmagical attacks); false when absent. */
  magicalWeapons?: boolean;
  /** The rules edition: '2014' when absent, so older files mean what they meant. */
  edition?: Edition;
  /**
   * One side acts before the other in every fight (each keeps its own rolled order), for "what if
   * we win initiative" questions; initiative is rolled as usual when absent.
   */
  initiativeFirst?: 'party' | 'enemies';
}

/**
 * What the 2024 rules change in a fight, decided when a scenario is compiled: one spell with a
 * spell slot per turn (instead of the 2014 bonus-action-spell rule), Divine Smite as a bonus action
 * once per turn, and surprise as disadvantage on initiative instead of a lost turn.
 */
export type Edition = '2014' | '2024';

export interface ScenarioSpec {
  party: CreatureSpec[];
  encounters: EncounterSpec[];
  rules: RulesSettings;
}

export const DEFAULT_RULES: RulesSettings = {
  roundCap: 100,
  attackDowned: 'when-none-standing',
  hitDicePolicy: 'to-half',
};
