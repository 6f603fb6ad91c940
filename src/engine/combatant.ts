// One creature in play: its template, hit points, death saves, active effect instances (a fixed
// pool of parallel arrays, so nothing is allocated per attack) and resources. Party members
// persist through the day; enemies are reset per encounter.

import { KIND_HEAL, SLOT_ACTION, SLOT_BONUS, USES_AT_WILL, USES_ENCOUNTER, USES_RECHARGE, type CompiledAction, type CompiledEffect, type CreatureTemplate } from './compiled.ts';
import { rollDice } from './dice.ts';
import { clearDeathSaves } from './rules/hit-points.ts';
import { COND_ALWAYS } from './rules/tactics.ts';
import type { Rng } from './rng.ts';
import type { CharacterTotals, CreatureTotals } from './stats.ts';

export const SIDE_PARTY = 0;
export const SIDE_ENEMY = 1;
/** Active effect instances per creature; an effect beyond this is not applied (never reached in practice). */
export const MAX_EFFECTS = 16;

export class Combatant {
  readonly t: CreatureTemplate;
  readonly name: string;
  readonly side: number;
  readonly isCharacter: boolean;
  readonly actions: CompiledAction[];
  readonly usesLeft: Int32Array;
  readonly charged: Uint8Array;
  /** Whether any action recharges: the others skip the recharge rolls' scan every turn. */
  readonly recharges: boolean;
  /**
   * Whether any action has limited uses or recharges, and whether any has uses per encounter or
   * recharges: usesLeft and charged are read only for those, so the others skip setting them at
   * each reset and each fight.
   */
  readonly limitedUses: boolean;
  readonly refreshesForFight: boolean;
  /** Whether any action takes a bonus action: the others skip choosing one every turn. */
  readonly hasBonusAction: boolean;
  /**
   * The action chooseAction always picks in a scenario without spells and effects (its first
   * action at will, with no condition and no healing, under in-order tactics), or -1: then the turn
   * needs no choice.
   */
  readonly fixedAction: number;
  /** Whether its template changes damage it takes (immunities, resistances, vulnerabilities, blocked regeneration). */
  readonly adjustsDamage: boolean;
  /** Aggregate totals this combatant adds into; rebound per chunk. */
  totals!: CreatureTotals;
  /** The same totals with the character-only fields, for party members. */
  charTotals: CharacterTotals | null = null;
  /** The action counts of its totals, bound with them (one load less per action). */
  actionUses: number[] = [];
  /**
   * Damage dealt and taken and healing done since the simulator last added them into the totals
   * (when a chunk ends): a field of the combatant itself, not a field of one of two shapes of totals.
   */
  damageDealt = 0;
  damageTaken = 0;
  healingDone = 0;
  hitDiceSpent = 0;
  maxHp = 0;
  hp = 0;
  tempHp = 0;
  dead = false;
  stable = false;
  deathSuccesses = 0;
  deathFailures = 0;
  initiative = 0;
  /** Set while choosing several distinct targets. */
  pickedStamp = 0;
  wentDown = false;

  // Active effects: a fixed pool of instances (effect, source, rounds left, save-ends data).
  fxCount = 0;
  readonly fxEffect: Array<CompiledEffect | null> = new Array<CompiledEffect | null>(MAX_EFFECTS).fill(null);
  readonly fxSource: Array<Combatant | null> = new Array<Combatant | null>(MAX_EFFECTS).fill(null);
  readonly fxLeft = new Int32Array(MAX_EFFECTS);
  readonly fxSaveAbility = new Int32Array(MAX_EFFECTS);
  readonly fxSaveDc = new Int32Array(MAX_EFFECTS);
  readonly fxConcentration = new Uint8Array(MAX_EFFECTS);
  readonly fxSpell = new Uint8Array(MAX_EFFECTS);
  // Derived from the active effects, recomputed only when one starts or ends.
  acBonus = 0;
  attackDiceCount = 0;
  saveDiceCount = 0;
  advantageBy = 0;
  /** Effects on it that give advantage on its saving throws. */
  saveAdvantageBy = 0;
  /** Exhaustion levels, kept for the day (-2 per level on its attack rolls and saving throws). */
  exhaustion = 0;
  disadvantageBy = 0;
  advantageAgainst = 0;
  disadvantageAgainst = 0;
  conditionMask = 0;
  resistAdded = 0;
  extraDamageCount = 0;
  markCount = 0;
  turnEffectCount = 0;
  retaliateCount = 0;
  /** Effects on it that stop it regaining hit points. */
  noHealingCount = 0;
  endsOnDamageCount = 0;
  /** Instances, on anyone, that this creature is the source of and whose clock its turns move. */
  sourcedTimed = 0;
  // Resources and per-round state.
  /** Concentration effect instances this creature keeps up, on anyone; concentrating while above 0. */
  concentrationHeld = 0;
  get concentrating(): boolean {
    return this.concentrationHeld > 0;
  }
  readonly slotsLeft = new Int32Array(9);
  readonly reactionUses: Int32Array;
  reactionReady = true;
  legendaryPoints = 0;
  legendaryResistLeft = 0;
  regenerationBlocked = false;
  /** Per effect (by id), the turn stamp at which its once-per-turn extra damage (Sneak Attack) was last used. */
  readonly onceStamps: Int32Array;
  /** Per rider effect (by id), the turn stamp at which a once-per-turn rider (Stunning Strike) was last tried. */
  readonly riderStamps: Int32Array;
  /** The turn stamps at which it last spent a spell slot, and last used its bonus action outside its choice (a 2024 smite). */
  slotTurnStamp = -1;
  bonusUsedStamp = -1;
  /** Vex: the creature its next attack roll has advantage against, until the end of its turn numbered vexUntil. */
  vexTarget: Combatant | null = null;
  vexUntil = 0;
  /** The turn stamp at which it last cleaved. */
  cleaveStamp = -1;
  /** Its own turns started in this fight, and per action the turn count when a once-per-round legendary action was last taken. */
  turnsTaken = 0;
  readonly legendaryTakenAt: Int32Array;
  /** Per action, the serial number of the last fight it was used in ("not used yet" compares it). */
  readonly usedInFight: Int32Array;
  lastLair = -1;
  // Summons (see rules/summons.ts).
  /** Out of the fight: a summoned creature still in reserve, on its way, or gone with its summoner. */
  absent = false;
  /** A summoned creature on its way: the summoner's turn count at whose start it arrives (0: not called). */
  arriveAt = 0;
  /** Its summoner, for a summoned creature; its own index in the encounter's list, for a summoner. */
  summoner: Combatant | null = null;
  listIndex = 0;
  /**
   * 1 << its place in its side's list (the party, or the encounter's enemies), or 0 from place 30 on
   * (kept below 2^30, a small integer): its bit in FightState.standingBits.
   */
  bit = 0;
  /** The fight (serial) in which it died, and in which its corpse was taken by a summoning (Create Specter). */
  diedInFight = -1;
  corpseTaken = -1;
  /** The fight (serial) in which it last came into the fight as a summoned creature. */
  arrivedIn = -1;

  constructor(t: CreatureTemplate, side: number, effectCount: number) {
    this.onceStamps = new Int32Array(effectCount).fill(-1);
    this.riderStamps = new Int32Array(effectCount).fill(-1);
    this.t = t;
    this.name = t.name;
    this.side = side;
    this.isCharacter = t.isCharacter;
    this.actions = t.actions;
    this.usesLeft = new Int32Array(t.actions.length);
    this.charged = new Uint8Array(t.actions.length);
    this.recharges = t.actions.some((a) => a.usesKind === USES_RECHARGE);
    this.limitedUses = t.actions.some((a) => a.usesKind !== USES_AT_WILL);
    this.refreshesForFight = t.actions.some((a) => a.usesKind === USES_ENCOUNTER || a.usesKind === USES_RECHARGE);
    this.hasBonusAction = t.actions.some((a) => a.slot === SLOT_BONUS);
    const first = t.actions.findIndex((a) => a.slot === SLOT_ACTION);
    const a = first >= 0 ? t.actions[first] : null;
    this.fixedAction = !t.autoTactics && a !== null && a.usesKind === USES_AT_WILL && a.condition === COND_ALWAYS && a.kind !== KIND_HEAL ? first : -1;
    this.adjustsDamage = (t.immuneMask | t.resistMask | t.vulnMask | t.nonmagicalMask | t.regenerationBlockMask) !== 0;
    this.usedInFight = new Int32Array(t.actions.length);
    this.reactionUses = new Int32Array(t.reactions.length);
    this.legendaryTakenAt = new Int32Array(t.actions.length).fill(-1);
  }

  /** Whether it is under `source`'s own effect `id` (a creature the source grapples). */
  heldBy(id: number, source: Combatant): boolean {
    for (let i = 0; i < this.fxCount; i++) if (this.fxEffect[i]!.id === id && this.fxSource[i] === source) return true;
    return false;
  }

  hasEffect(id: number): boolean {
    for (let i = 0; i < this.fxCount; i++) if (this.fxEffect[i]!.id === id) return true;
    return false;
  }

  /** Full reset for a new run (party) or a new encounter (enemies); `rich` also resets effects and resources. */
  reset(rng: Rng, rich: boolean): void {
    this.maxHp = this.t.hpFormula !== null ? Math.max(1, rollDice(this.t.hpFormula, rng)) : this.t.hp;
    this.hp = this.maxHp;
    this.tempHp = 0;
    this.dead = false;
    clearDeathSaves(this);
    this.wentDown = false;
    this.hitDiceSpent = 0;
    this.exhaustion = 0;
    if (this.limitedUses === true) {
      for (let i = 0; i < this.actions.length; i++) {
        this.usesLeft[i] = this.actions[i].usesMax;
        this.charged[i] = 1;
      }
    }
    if (rich === true) this.resetRich();
    // A summoned creature in reserve starts out of the fight; one that left in the last fight is back.
    this.absent = this.t.reserve;
    this.arriveAt = 0;
    if (this.absent === true) {
      this.dead = true;
      this.hp = 0;
    }
  }

  private resetRich(): void {
    for (let i = 0; i < this.fxCount; i++) {
      this.fxEffect[i] = null;
      this.fxSource[i] = null;
    }
    this.fxCount = 0;
    this.acBonus = 0;
    this.attackDiceCount = 0;
    this.saveDiceCount = 0;
    this.advantageBy = 0;
    this.saveAdvantageBy = 0;
    this.disadvantageBy = 0;
    this.advantageAgainst = 0;
    this.disadvantageAgainst = 0;
    this.conditionMask = 0;
    this.resistAdded = 0;
    this.extraDamageCount = 0;
    this.markCount = 0;
    this.turnEffectCount = 0;
    this.retaliateCount = 0;
    this.noHealingCount = 0;
    this.endsOnDamageCount = 0;
    this.sourcedTimed = 0;
    this.concentrationHeld = 0;
    this.slotsLeft.set(this.t.slots);
    for (let i = 0; i < this.reactionUses.length; i++) this.reactionUses[i] = this.t.reactions[i].usesMax;
    this.reactionReady = true;
    this.legendaryPoints = this.t.legendaryPerRound;
    this.legendaryResistLeft = this.t.legendaryResistances;
    this.regenerationBlocked = false;
    this.onceStamps.fill(-1);
    this.riderStamps.fill(-1);
    this.slotTurnStamp = -1;
    this.bonusUsedStamp = -1;
    this.turnsTaken = 0;
    this.legendaryTakenAt.fill(-1);
    this.vexTarget = null;
    this.cleaveStamp = -1;
    this.lastLair = -1;
  }
}
