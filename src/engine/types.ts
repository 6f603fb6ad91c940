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
] as const;
export type ActionCondition = (typeof ACTION_CONDITIONS)[number];

export type ActionSlot = 'action' | 'bonus';

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
}

interface ActionBase {
  name: string;
  slot: ActionSlot;
  uses: Uses;
  condition: ActionCondition;
}

export interface AttackAction extends ActionBase {
  type: 'attack';
  targeting: EnemyTargeting;
  /** One entry per weapon; a multiattack lists several or sets count. */
  attacks: AttackSpec[];
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
}

export interface HealAction extends ActionBase {
  type: 'heal';
  targeting: AllyTargeting;
  amount: string;
  targets: number;
  /** Grants temporary hit points instead of healing. */
  temporary: boolean;
}

export type ActionSpec = AttackAction | SaveAction | HealAction;

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
  /** Hit dice available to spend on short rests, e.g. "5d10"; null for none. */
  hitDice: string | null;
  conModifier: number;
  actions: ActionSpec[];
}

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
}

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
