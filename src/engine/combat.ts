// The run loop: one adventuring day per run, fights resolved turn by turn by the 5e rules.
// Lean mode adds each run straight into an aggregate and allocates nothing per attack; full-log
// mode also records every event of the run for replay.

import {
  C_BLINDED, C_FAIL_STR_DEX, C_FRIGHTENED, C_INVISIBLE, C_MELEE_CRIT, C_NO_ACTIONS, C_PARALYZED, C_POISONED, C_PRONE,
  C_RESTRAINED, C_STUNNED, C_UNCONSCIOUS, DUR_DAY, DUR_ROUNDS, DUR_SOURCE_TURN_END, DUR_TARGET_TURN_START,
  EFFECT_ALLIES, EFFECT_SELF, KIND_ATTACK, KIND_EFFECT, KIND_HEAL, REACT_HELLISH_REBUKE, REACT_PARRY, REACT_SHIELD,
  REACT_UNCANNY_DODGE, SLOT_LAIR, SLOT_LEGENDARY, USES_AT_WILL, USES_ENCOUNTER, USES_RECHARGE,
  USES_SHORT_REST, damageBit,
  type CompiledAction, type CompiledAttack, type CompiledEffect, type CompiledScenario, type CreatureTemplate,
} from './compile.ts';
import { rollDice } from './dice.ts';
import type { EncounterOutcome, LogEvent } from './log.ts';
import { Rng } from './rng.ts';
import {
  recordHp, recordRunEnd, TRACKED_ROUNDS,
  type Aggregate, type CharacterTotals, type CreatureTotals, type DayOutcome, type EncounterTotals,
} from './stats.ts';
import { ABILITIES } from './types.ts';

const SIDE_PARTY = 0;
const SIDE_ENEMY = 1;

// Action conditions, in the order of ACTION_CONDITIONS.
const COND_ALWAYS = 0, COND_ALLY_DOWN = 1, COND_ALLY_BELOW_HALF = 2, COND_SELF_BELOW_HALF = 3,
  COND_ENEMY_ONE = 4, COND_ENEMY_MULTIPLE = 5, COND_NOT_USED_YET = 6;
// Enemy targeting, in the order of ENEMY_TARGETING.
const TARGET_LOWEST_HP = 0, TARGET_HIGHEST_HP = 1, TARGET_HIGHEST_DAMAGE = 2, TARGET_LOWEST_AC = 3;
// Ally targeting, in the order of ALLY_TARGETING.
const ALLY_SELF = 1;

const ABILITY_DEX = 1; // str 0, dex 1 in ABILITIES
const ABILITY_CON = 2;
/** Active effect instances per creature; an effect beyond this is not applied (never reached in practice). */
const MAX_EFFECTS = 16;
const CANTRIP_TIER = (level: number): number => (level >= 17 ? 4 : level >= 11 ? 3 : level >= 5 ? 2 : 1);
const FIRE_BIT = damageBit('fire');
const OUTCOME_NONE = 0, OUTCOME_VICTORY = 1, OUTCOME_DEFEAT = 2, OUTCOME_DRAW = 3;
const OUTCOME_NAMES: EncounterOutcome[] = ['draw', 'victory', 'defeat', 'draw'];

/** One creature in play. Party members persist through the day; enemies are reset per encounter. */
class Combatant {
  readonly t: CreatureTemplate;
  readonly name: string;
  readonly side: number;
  readonly isCharacter: boolean;
  readonly actions: CompiledAction[];
  readonly usesLeft: Int32Array;
  readonly charged: Uint8Array;
  /** Aggregate totals this combatant adds into; rebound per chunk. */
  totals!: CreatureTotals;
  /** The same totals with the character-only fields, for party members. */
  charTotals: CharacterTotals | null = null;
  hitDiceSpent = 0;
  maxHp = 0;
  hp = 0;
  tempHp = 0;
  dead = false;
  stable = false;
  deathSuccesses = 0;
  deathFailures = 0;
  initiative = 0;
  tiebreak = 0;
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
  disadvantageBy = 0;
  advantageAgainst = 0;
  disadvantageAgainst = 0;
  conditionMask = 0;
  resistAdded = 0;
  extraDamageCount = 0;
  markCount = 0;
  turnEffectCount = 0;
  retaliateCount = 0;
  endsOnDamageCount = 0;
  /** Instances, on anyone, that this creature is the source of and whose clock its turns move. */
  sourcedTimed = 0;
  // Resources and per-round state.
  concentrating = false;
  readonly slotsLeft = new Int32Array(9);
  readonly reactionUses: Int32Array;
  reactionReady = true;
  legendaryPoints = 0;
  legendaryResistLeft = 0;
  regenerationBlocked = false;
  /** The turn stamp at which a once-per-turn extra damage (Sneak Attack) was last used. */
  onceStamp = -1;
  /** Per action, the serial number of the last fight it was used in ("not used yet" compares it). */
  readonly usedInFight: Int32Array;
  lastLair = -1;

  constructor(t: CreatureTemplate, side: number) {
    this.t = t;
    this.name = t.name;
    this.side = side;
    this.isCharacter = t.isCharacter;
    this.actions = t.actions;
    this.usesLeft = new Int32Array(t.actions.length);
    this.charged = new Uint8Array(t.actions.length);
    this.usedInFight = new Int32Array(t.actions.length);
    this.reactionUses = new Int32Array(t.reactions.length);
  }

  hasEffect(id: number): boolean {
    for (let i = 0; i < this.fxCount; i++) if (this.fxEffect[i]!.id === id) return true;
    return false;
  }

  /** Full reset for a new run (party) or a new encounter (enemies); `rich` also resets effects and resources. */
  reset(rng: Rng, rich: boolean): void {
    this.maxHp = this.t.hpFormula ? Math.max(1, rollDice(this.t.hpFormula, rng)) : this.t.hp;
    this.hp = this.maxHp;
    this.tempHp = 0;
    this.dead = false;
    this.stable = false;
    this.deathSuccesses = 0;
    this.deathFailures = 0;
    this.wentDown = false;
    this.hitDiceSpent = 0;
    for (let i = 0; i < this.actions.length; i++) {
      this.usesLeft[i] = this.actions[i].usesMax;
      this.charged[i] = 1;
    }
    if (rich) this.resetRich();
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
    this.disadvantageBy = 0;
    this.advantageAgainst = 0;
    this.disadvantageAgainst = 0;
    this.conditionMask = 0;
    this.resistAdded = 0;
    this.extraDamageCount = 0;
    this.markCount = 0;
    this.turnEffectCount = 0;
    this.retaliateCount = 0;
    this.endsOnDamageCount = 0;
    this.sourcedTimed = 0;
    this.concentrating = false;
    this.slotsLeft.set(this.t.slots);
    for (let i = 0; i < this.reactionUses.length; i++) this.reactionUses[i] = this.t.reactions[i].usesMax;
    this.reactionReady = true;
    this.legendaryPoints = this.t.legendaryPerRound;
    this.legendaryResistLeft = this.t.legendaryResistances;
    this.regenerationBlocked = false;
    this.onceStamp = -1;
    this.lastLair = -1;
  }
}

export interface RunResult {
  outcome: DayOutcome;
  deaths: number;
  rounds: number;
  partyHp: number;
  encounterOutcomes: EncounterOutcome[];
}

export class Simulator {
  readonly scenario: CompiledScenario;
  private readonly rng = new Rng();
  private readonly party: Combatant[];
  private readonly encounterEnemies: Combatant[][];
  /** Combatants of the encounter being fought, and the initiative order as indices into it. */
  private all: Combatant[] = [];
  private order = new Int32Array(0);
  private enemies: Combatant[] = [];
  private standingParty = 0;
  private standingEnemies = 0;
  /** Marks targets already picked by the current multi-target action; 0 when none is running. */
  private stamp = 0;
  private lastStamp = 0;
  private agg: Aggregate | null = null;
  private log: LogEvent[] | null = null;
  private readonly attackDownedAlways: boolean;
  private readonly finishOffDowned: boolean;
  private readonly rolls: number[] = [];
  /** Whether the scenario uses effects, slots, reactions, legendary or lair actions or traits. */
  private readonly rich: boolean;
  /** Effect instances in play, over every combatant: tick work is skipped when there are none. */
  private fxActive = 0;
  /** Whose turn it is (durations that end at the end of the source's next turn need it). */
  private current: Combatant | null = null;
  private turnStamp = 0;
  /** Counts fights over the simulator's life, from 1; see Combatant.usedInFight. */
  private fightSerial = 0;
  private encounterIndex = 0;
  private legendaryInFight = 0;
  private lairInFight = 0;
  /** Cantrip damage multiplier and slot levels above the spell's own, for the action being performed. */
  private castMultiplier = 1;
  private castExtraLevels = 0;
  private lastSaveRoll = 0;
  /** The party and the enemies of the fight (rebuilt when a fight starts). */
  private sides: Combatant[][] = [];
  private readonly encounterSides: Combatant[][][];

  constructor(scenario: CompiledScenario) {
    this.scenario = scenario;
    this.party = scenario.party.map((t) => new Combatant(t, SIDE_PARTY));
    this.encounterEnemies = scenario.encounters.map((e) => e.enemies.map((t) => new Combatant(t, SIDE_ENEMY)));
    this.encounterSides = this.encounterEnemies.map((list) => [this.party, list]);
    this.attackDownedAlways = scenario.rules.attackDowned === 'always';
    this.finishOffDowned = scenario.rules.attackDowned !== 'never';
    this.rich = scenario.rich;
  }

  /** Runs `[from, to)` with base seed `seed`, adding each into `agg`. */
  runChunk(seed: number, from: number, to: number, agg: Aggregate, shouldStop?: () => boolean, checkEvery = 64): number {
    this.bind(agg);
    this.log = null;
    for (let run = from; run < to; run++) {
      if (shouldStop && (run - from) % checkEvery === 0 && run > from && shouldStop()) return run;
      this.runOne(seed, run);
    }
    return to;
  }

  /** Re-runs one run with a full event log. The aggregate it fills is scratch for the caller. */
  replay(seed: number, run: number, agg: Aggregate): { result: RunResult; events: LogEvent[] } {
    this.bind(agg);
    const events: LogEvent[] = [];
    this.log = events;
    const result = this.runOne(seed, run);
    this.log = null;
    return { result, events };
  }

  private bind(agg: Aggregate): void {
    if (this.agg === agg) return;
    this.agg = agg;
    this.party.forEach((c, i) => {
      c.totals = agg.characters[i];
      c.charTotals = agg.characters[i];
    });
    this.encounterEnemies.forEach((list, e) => list.forEach((c, j) => (c.totals = agg.encounters[e].enemies[j])));
  }

  runOne(seed: number, run: number): RunResult {
    const rng = this.rng;
    const agg = this.agg!;
    rng.seedRun(seed, run);
    for (const c of this.party) c.reset(rng, this.rich);
    const encounterOutcomes: EncounterOutcome[] = this.log ? [] : EMPTY_OUTCOMES;
    let dayOutcome: DayOutcome = 'victory';
    let rounds = 0;
    const encounters = this.scenario.encounters;
    for (let e = 0; e < encounters.length; e++) {
      if (encounters[e].shortRestBefore) this.shortRest();
      const totals = agg.encounters[e];
      const [outcome, r] = this.fight(e, totals);
      rounds += r;
      if (this.log) encounterOutcomes.push(OUTCOME_NAMES[outcome]);
      if (outcome !== OUTCOME_VICTORY) {
        dayOutcome = outcome === OUTCOME_DEFEAT ? 'defeat' : 'draw';
        break;
      }
    }
    let deaths = 0, partyHp = 0, partyMax = 0;
    for (const c of this.party) {
      if (c.dead) {
        deaths++;
        c.charTotals!.deathRuns++;
      }
      if (c.wentDown) c.charTotals!.downRuns++;
      partyHp += c.hp;
      partyMax += c.maxHp;
    }
    recordRunEnd(agg, run, dayOutcome, deaths, rounds, partyHp, partyMax);
    return { outcome: dayOutcome, deaths, rounds, partyHp, encounterOutcomes };
  }

  // ---------------------------------------------------------------- encounter

  private fight(e: number, totals: EncounterTotals): [number, number] {
    const rng = this.rng;
    const spec = this.scenario.encounters[e];
    const enemies = this.encounterEnemies[e];
    this.enemies = enemies;
    this.sides = this.encounterSides[e];
    this.encounterIndex = e;
    this.fightSerial++;
    for (const c of enemies) c.reset(rng, this.rich);
    totals.reached++;
    // Encounter uses and recharges come back at the start of every fight.
    for (const c of this.party) {
      for (let i = 0; i < c.actions.length; i++) {
        const a = c.actions[i];
        if (a.usesKind === USES_ENCOUNTER) c.usesLeft[i] = a.usesMax;
        c.charged[i] = 1;
      }
      if (this.rich) {
        for (let i = 0; i < c.reactionUses.length; i++) {
          if (c.t.reactions[i].usesKind === USES_ENCOUNTER) c.reactionUses[i] = c.t.reactions[i].usesMax;
        }
        c.legendaryPoints = c.t.legendaryPerRound;
      }
    }
    // Combatants: the living party (the downed still roll death saves) and the enemies.
    const all = this.all;
    all.length = 0;
    for (const c of this.party) if (!c.dead) all.push(c);
    for (const c of enemies) all.push(c);
    if (this.order.length < all.length) this.order = new Int32Array(all.length * 2);
    const order = this.order;
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      let roll = rng.die(20);
      if (c.t.initiativeAdvantage) roll = Math.max(roll, rng.die(20));
      c.initiative = roll + c.t.initiativeBonus;
      c.tiebreak = rng.nextU32();
      order[i] = i;
      if (this.log) this.rolls[i] = roll;
    }
    // Insertion sort, highest initiative first; ties by the run's own random tiebreak.
    for (let i = 1; i < all.length; i++) {
      const v = order[i];
      const cv = all[v];
      let j = i - 1;
      while (j >= 0) {
        const cj = all[order[j]];
        if (cj.initiative > cv.initiative || (cj.initiative === cv.initiative && cj.tiebreak >= cv.tiebreak)) break;
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    this.countStanding();
    if (this.log) this.log.push({ t: 'encounter', encounter: e, name: spec.name });
    if (this.rich) this.startFight();
    if (this.log) {
      this.log.push({
        t: 'initiative',
        order: Array.from(order.subarray(0, all.length), (i) => ({ who: all[i].name, roll: this.rolls[i], total: all[i].initiative })),
      });
    }
    this.recordHpAt(totals, 0);
    const surprisedSide = spec.surprise === 'party' ? SIDE_PARTY : spec.surprise === 'enemies' ? SIDE_ENEMY : -1;
    const cap = this.scenario.rules.roundCap;
    let outcome = this.outcomeNow();
    let round = 0;
    while (outcome === OUTCOME_NONE && round < cap) {
      round++;
      if (this.log) this.log.push({ t: 'round', round });
      let lairDone = this.lairInFight === 0;
      for (let k = 0; k < all.length; k++) {
        const c = all[order[k]];
        if (!lairDone && c.initiative < 20) {
          // Lair actions happen on initiative count 20, after those who rolled 20 or more.
          lairDone = true;
          this.lairActions();
          outcome = this.outcomeNow();
          if (outcome !== OUTCOME_NONE) break;
        }
        if (c.dead || (!c.isCharacter && c.hp <= 0)) continue;
        if (round === 1 && c.side === surprisedSide) {
          if (this.log) this.log.push({ t: 'surprised', who: c.name });
          continue;
        }
        this.takeTurn(c);
        outcome = this.outcomeNow();
        if (outcome !== OUTCOME_NONE) break;
        if (this.legendaryInFight > 0) {
          this.legendaryAfter(c);
          outcome = this.outcomeNow();
          if (outcome !== OUTCOME_NONE) break;
        }
      }
      if (!lairDone && outcome === OUTCOME_NONE) {
        this.lairActions();
        outcome = this.outcomeNow();
      }
      if (round <= TRACKED_ROUNDS && outcome === OUTCOME_NONE) this.recordHpAt(totals, round);
    }
    if (outcome === OUTCOME_NONE) outcome = OUTCOME_DRAW;
    if (this.rich) this.endFight();
    this.afterFight(outcome);
    // Rounds after the end keep the final HP, so every run contributes to every tracked round.
    for (let r = Math.max(1, outcome === OUTCOME_DRAW ? round + 1 : round); r <= TRACKED_ROUNDS; r++) this.recordHpAt(totals, r);
    totals.roundsSum += round;
    totals.roundsHist[round]++;
    if (outcome === OUTCOME_VICTORY) totals.victory++;
    else if (outcome === OUTCOME_DEFEAT) totals.defeat++;
    else totals.draw++;
    for (let j = 0; j < enemies.length; j++) if (enemies[j].hp <= 0) (totals.enemies[j]).killedRuns++;
    if (this.log) this.log.push({ t: 'end', encounter: e, outcome: OUTCOME_NAMES[outcome], rounds: round });
    return [outcome, round];
  }

  private countStanding(): void {
    let p = 0, m = 0;
    for (const c of this.party) if (!c.dead && c.hp > 0) p++;
    for (const c of this.enemies) if (c.hp > 0) m++;
    this.standingParty = p;
    this.standingEnemies = m;
  }

  private outcomeNow(): number {
    if (this.standingParty === 0) return OUTCOME_DEFEAT;
    if (this.standingEnemies === 0) return OUTCOME_VICTORY;
    return OUTCOME_NONE;
  }

  private recordHpAt(totals: EncounterTotals, round: number): void {
    let hp = 0, max = 0;
    for (const c of this.party) {
      hp += c.hp;
      max += c.maxHp;
    }
    recordHp(totals.partyHp, round, hp, max);
    hp = 0;
    max = 0;
    for (const c of this.enemies) {
      hp += c.hp;
      max += c.maxHp;
    }
    recordHp(totals.enemyHp, round, hp, max);
  }

  /** What happens to the dying once a fight is over. */
  private afterFight(outcome: number): void {
    for (const c of this.party) {
      if (c.dead || c.hp > 0) continue;
      if (outcome === OUTCOME_DEFEAT && this.finishOffDowned) {
        // The party is wiped: the monsters finish off everyone down, stable or not.
        this.kill(c, 'finished-off');
        continue;
      }
      if (c.stable) continue;
      if (outcome === OUTCOME_VICTORY || outcome === OUTCOME_DRAW) {
        // The fight is over and allies tend the dying: they are stabilised.
        c.stable = true;
        if (this.log) this.log.push({ t: 'stable', who: c.name });
      } else {
        // Left alone: death saving throws until stable, dead, or back on their feet.
        while (!c.dead && !c.stable && c.hp === 0) this.deathSave(c);
      }
    }
  }

  // ---------------------------------------------------------------- turns

  private takeTurn(c: Combatant): void {
    if (!this.rich) {
      this.act(c);
      return;
    }
    this.current = c;
    this.turnStamp++;
    if (this.log) this.log.push({ t: 'turn', who: c.name, hp: c.hp });
    this.startTurn(c);
    if (!c.dead && (c.isCharacter || c.hp > 0)) this.act(c);
    if (!c.dead && this.outcomeNow() === OUTCOME_NONE) this.endTurn(c);
    this.current = null;
  }

  private act(c: Combatant): void {
    const rng = this.rng;
    if (this.log && !this.rich) this.log.push({ t: 'turn', who: c.name, hp: c.hp });
    if (c.hp <= 0) {
      // A character at 0 HP: stable ones wait, dying ones roll; a natural 20 brings them back.
      if (c.stable) return;
      this.deathSave(c);
      if (c.hp <= 0) return;
    }
    const actions = c.actions;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (a.usesKind === USES_RECHARGE && c.charged[i] === 0) {
        const roll = rng.die(6);
        if (roll >= a.rechargeMin) c.charged[i] = 1;
        if (this.log) this.log.push({ t: 'recharge', who: c.name, action: a.name, roll, ready: roll >= a.rechargeMin });
      }
    }
    // Incapacitated (also stunned, paralyzed, unconscious): no actions this turn.
    if ((c.conditionMask & C_NO_ACTIONS) !== 0) return;
    const main = this.chooseAction(c, 0);
    if (main >= 0) this.perform(c, main);
    if (c.hp <= 0 || this.outcomeNow() !== OUTCOME_NONE) return;
    const bonus = this.chooseAction(c, 1);
    if (bonus >= 0) this.perform(c, bonus);
  }

  private chooseAction(c: Combatant, slot: number): number {
    if (c.t.autoTactics && slot <= 1) return this.chooseAuto(c, slot);
    const actions = c.actions;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (a.slot !== slot) continue;
      if (a.usesKind === USES_RECHARGE) {
        if (c.charged[i] === 0) continue;
      } else if (a.usesKind !== USES_AT_WILL && c.usesLeft[i] <= 0) continue;
      if (!this.conditionHolds(c, a.condition, i)) continue;
      if (a.kind === KIND_HEAL && this.pickAlly(c, a) === null) continue;
      if (this.rich && !this.richAllows(c, a)) continue;
      return i;
    }
    return -1;
  }

  /** Whether action i can be taken now: uses, recharge, its condition, targets, slots. */
  private usable(c: Combatant, i: number): boolean {
    const a = c.actions[i];
    if (a.usesKind === USES_RECHARGE) {
      if (c.charged[i] === 0) return false;
    } else if (a.usesKind !== USES_AT_WILL && c.usesLeft[i] <= 0) return false;
    if (!this.conditionHolds(c, a.condition, i)) return false;
    if (a.kind === KIND_HEAL && this.pickAlly(c, a) === null) return false;
    return this.richAllows(c, a);
  }

  /**
   * The automatic policy: get a downed ally up; keep one concentration effect going; then the
   * action that deals the most damage, an area counted once per enemy it can catch; then any
   * other effect or heal; ties keep list order.
   */
  private chooseAuto(c: Combatant, slot: number): number {
    const actions = c.actions;
    const allyDown = this.conditionHolds(c, COND_ALLY_DOWN, -1);
    const enemies = c.side === SIDE_PARTY ? this.standingEnemies : this.standingParty;
    let heal = -1, concentration = -1, best = -1, other = -1;
    let bestValue = 0;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (a.slot !== slot || !this.usable(c, i)) continue;
      if (a.kind === KIND_HEAL) {
        if (allyDown && !a.temporary && a.targeting !== 1 && heal < 0) heal = i;
        else if (other < 0) other = i;
        continue;
      }
      if (a.kind === KIND_EFFECT) {
        if (a.concentration && concentration < 0) concentration = i;
        else if (other < 0) other = i;
        continue;
      }
      const caught = a.kind === KIND_ATTACK ? 1 : Math.min(a.targets, enemies);
      // A limited area effect is kept for when it catches several enemies.
      const limited = (a.usesKind !== USES_AT_WILL && a.usesKind !== USES_RECHARGE) || (a.spellLevel >= 1 && c.t.hasSlots);
      if (limited && a.kind !== KIND_ATTACK && a.targets > 1 && enemies < 2) {
        if (other < 0) other = i;
        continue;
      }
      const value = a.meanDamage * caught;
      if (best < 0 || value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    if (heal >= 0) return heal;
    if (concentration >= 0) return concentration;
    if (best >= 0) return best;
    return other;
  }

  /** The extra checks of spells, effects, concentration and legendary points. */
  private richAllows(c: Combatant, a: CompiledAction): boolean {
    if (a.slot === SLOT_LEGENDARY && a.cost > c.legendaryPoints) return false;
    // Keep one concentration spell going rather than replacing it.
    if (a.concentration && c.concentrating) return false;
    if (a.spellLevel >= 1 && c.t.hasSlots) {
      if (this.slotFor(c, a.spellLevel, 9) === 0) return false;
      if (!this.slotBudgetAllows(c, a)) return false;
    }
    if (a.kind === KIND_EFFECT && !this.effectTargetExists(c, a)) return false;
    return true;
  }

  /** The slot level to cast with (0 when none is left): the highest under 'nova', else the lowest. */
  private slotFor(c: Combatant, min: number, max: number): number {
    const slots = c.slotsLeft;
    if (this.scenario.resourcePolicy === 'nova') {
      for (let l = Math.min(9, max); l >= min; l--) if (slots[l - 1] > 0) return l;
    } else {
      for (let l = min; l <= max && l <= 9; l++) if (slots[l - 1] > 0) return l;
    }
    return 0;
  }

  private slotsTotal(c: Combatant): number {
    let n = 0;
    for (let l = 0; l < 9; l++) n += c.slotsLeft[l];
    return n;
  }

  /**
   * The day-level policy: 'conserve' keeps one slot per fight still ahead, 'balanced' one per two,
   * 'nova' none. Getting a downed ally up is always worth a slot.
   */
  private slotBudgetAllows(c: Combatant, a: CompiledAction): boolean {
    const policy = this.scenario.resourcePolicy;
    if (policy === 'nova') return true;
    if (a.kind === KIND_HEAL && this.conditionHolds(c, COND_ALLY_DOWN, -1)) return true;
    const ahead = this.scenario.encounters.length - 1 - this.encounterIndex;
    const reserve = policy === 'conserve' ? ahead : Math.floor(ahead / 2);
    return this.slotsTotal(c) > reserve;
  }

  private conditionHolds(c: Combatant, condition: number, index: number): boolean {
    switch (condition) {
      case COND_ALWAYS:
        return true;
      case COND_ALLY_DOWN: {
        const allies = c.side === SIDE_PARTY ? this.party : this.enemies;
        for (const a of allies) if (a.isCharacter && !a.dead && a.hp <= 0) return true;
        return false;
      }
      case COND_ALLY_BELOW_HALF: {
        const allies = c.side === SIDE_PARTY ? this.party : this.enemies;
        for (const a of allies) if (!a.dead && (a.hp > 0 || a.isCharacter) && a.hp * 2 < a.maxHp) return true;
        return false;
      }
      case COND_SELF_BELOW_HALF:
        return c.hp * 2 < c.maxHp;
      case COND_ENEMY_ONE:
        return (c.side === SIDE_PARTY ? this.standingEnemies : this.standingParty) === 1;
      case COND_ENEMY_MULTIPLE:
        return (c.side === SIDE_PARTY ? this.standingEnemies : this.standingParty) > 1;
      case COND_NOT_USED_YET:
        return index < 0 || c.usedInFight[index] !== this.fightSerial;
      default:
        return false;
    }
  }

  private perform(c: Combatant, index: number): void {
    const a = c.actions[index];
    if (a.usesKind === USES_RECHARGE) c.charged[index] = 0;
    else if (a.usesKind !== USES_AT_WILL) c.usesLeft[index]--;
    c.totals.actionUses[index]++;
    if (this.log) this.log.push({ t: 'action', who: c.name, action: a.name });
    c.usedInFight[index] = this.fightSerial;
    if (this.rich) {
      this.castMultiplier = 1;
      this.castExtraLevels = 0;
      if (a.spellLevel >= 1 && c.t.hasSlots) {
        const level = this.slotFor(c, a.spellLevel, 9);
        if (level > 0) {
          c.slotsLeft[level - 1]--;
          this.castExtraLevels = level - a.spellLevel;
          if (this.log) this.log.push({ t: 'slot', who: c.name, action: a.name, level });
        }
      } else if (a.cantripScaling) this.castMultiplier = CANTRIP_TIER(c.t.level);
      // Casting another concentration spell ends the one before.
      if (a.concentration && c.concentrating) this.endConcentration(c, 'concentration');
    }
    if (a.kind === KIND_ATTACK) this.attackAction(c, a);
    else if (a.kind === KIND_HEAL) this.healAction(c, a);
    else if (a.kind === KIND_EFFECT) this.effectAction(c, a);
    else this.saveAction(c, a);
    this.castMultiplier = 1;
    this.castExtraLevels = 0;
  }

  // ---------------------------------------------------------------- targeting

  private canTarget(t: Combatant): boolean {
    if (t.dead) return false;
    if (t.hp > 0) return true;
    return t.isCharacter && this.attackDownedAlways;
  }

  /** Picks an opponent by strategy; ties are broken at random. Skips those picked this stamp. */
  private pickEnemy(c: Combatant, strategy: number, stamp: number, without: CompiledEffect | null = null): Combatant | null {
    const list = c.side === SIDE_PARTY ? this.enemies : this.party;
    let best: Combatant | null = null;
    let bestScore = 0;
    let ties = 0;
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (!this.canTarget(t) || (stamp !== 0 && t.pickedStamp === stamp)) continue;
      if (without !== null && !this.effectWorksOn(without, t)) continue;
      let score: number;
      switch (strategy) {
        case TARGET_LOWEST_HP: score = -t.hp; break;
        case TARGET_HIGHEST_HP: score = t.hp; break;
        case TARGET_HIGHEST_DAMAGE: score = t.t.expectedDamage; break;
        case TARGET_LOWEST_AC: score = -t.t.ac; break;
        default: score = 0; break; // random: every candidate ties
      }
      if (best === null || score > bestScore) {
        best = t;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore) {
        ties++;
        if (this.rng.below(ties) === 0) best = t;
      }
    }
    return best;
  }

  private pickAlly(c: Combatant, a: CompiledAction): Combatant | null {
    if (a.targeting === ALLY_SELF) return this.needsHealing(c, a) ? c : null;
    const list = c.side === SIDE_PARTY ? this.party : this.enemies;
    let best: Combatant | null = null;
    let bestFraction = 2;
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (!this.needsHealing(t, a) || (this.stamp !== 0 && t.pickedStamp === this.stamp)) continue;
      const fraction = t.hp / t.maxHp;
      if (fraction < bestFraction) {
        best = t;
        bestFraction = fraction;
      }
    }
    return best;
  }

  private needsHealing(t: Combatant, a: CompiledAction): boolean {
    if (t.dead || (!t.isCharacter && t.hp <= 0)) return false;
    return a.temporary ? t.tempHp === 0 : t.hp < t.maxHp;
  }

  // ---------------------------------------------------------------- actions

  private attackAction(c: Combatant, a: CompiledAction): void {
    let target = this.pickEnemy(c, a.targeting, 0);
    for (let k = 0; k < a.attacks.length; k++) {
      const atk = a.attacks[k];
      for (let n = 0; n < atk.count; n++) {
        if (target === null || !this.canTarget(target)) {
          // The target dropped: the next attack picks a new one.
          target = this.pickEnemy(c, a.targeting, 0);
          if (target === null) return;
        }
        if (this.rich) this.attack(c, target, atk, a);
        else this.plainAttack(c, target, atk);
        if (this.outcomeNow() !== OUTCOME_NONE) return;
        // An attacker killed by a reaction (Hellish Rebuke, Armor of Agathys) stops.
        if (c.dead || c.hp <= 0) return;
      }
    }
  }

  /** The attack of a scenario without effects, conditions or reactions: the lean fast path. */
  private plainAttack(c: Combatant, target: Combatant, atk: CompiledAttack): void {
    const rng = this.rng;
    // Attacks against an unconscious creature have advantage; it is also prone, which gives
    // disadvantage to attacks from beyond 5 feet, so a ranged attack rolls one d20.
    const unconscious = target.hp <= 0;
    let roll = rng.die(20);
    let second = 0;
    if (unconscious && atk.melee) {
      second = rng.die(20);
      if (second > roll) {
        const r = roll;
        roll = second;
        second = r;
      }
    }
    const total = roll + atk.toHit;
    let critical = roll >= atk.critOn;
    const hit = roll !== 1 && (critical || total >= target.t.ac);
    if (!hit) critical = false;
    // A melee hit on an unconscious creature within 5 feet is a critical hit.
    else if (unconscious && atk.melee) critical = true;
    let damage = 0;
    if (hit) {
      damage = rollDice(atk.damage, rng, critical);
      damage = this.damage(c, target, damage, atk.damageBit, critical);
    }
    if (this.log) {
      this.log.push({
        t: 'attack', who: c.name, target: target.name, roll, rolls: second ? [roll, second] : [roll], total,
        ac: target.t.ac, hit, critical, damage, targetHp: target.hp,
      });
    }
  }

  /** The general attack: conditions, effects, reactions and riders (same dice as plainAttack when none apply). */
  private attack(c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction): void {
    const rng = this.rng;
    // Attacks against an unconscious creature have advantage; it is also prone, which gives
    // advantage to melee attacks and disadvantage to attacks from beyond 5 feet, so a ranged
    // attack on it rolls one d20.
    const downed = target.hp <= 0;
    let advantage = 0, disadvantage = 0;
    if (downed) {
      advantage = 1;
      if (!atk.melee) disadvantage = 1;
    }
    advantage += c.advantageBy + target.advantageAgainst;
    disadvantage += c.disadvantageBy + target.disadvantageAgainst;
    if (!downed && (target.conditionMask & C_PRONE) !== 0) {
      if (atk.melee) advantage++;
      else disadvantage++;
    }
    // Pack Tactics, approximated: an ally of the attacker is standing (and assumed to be within 5 ft).
    if (c.t.packTactics && (c.side === SIDE_PARTY ? this.standingParty : this.standingEnemies) > 1) advantage++;
    let roll = rng.die(20);
    let second = 0;
    if ((advantage > 0) !== (disadvantage > 0)) {
      second = rng.die(20);
      if (advantage > 0 ? second > roll : second < roll) {
        const r = roll;
        roll = second;
        second = r;
      }
    }
    let total = roll + atk.toHit;
    if (c.attackDiceCount > 0) total += this.effectDice(c, true);
    const ac = target.t.ac + target.acBonus;
    let critical = roll >= atk.critOn;
    let hit = roll !== 1 && (critical || total >= ac);
    let halve = false;
    if (!hit) critical = false;
    // A melee hit on an unconscious or paralyzed creature within 5 feet is a critical hit.
    else if (atk.melee && (downed || (target.conditionMask & C_MELEE_CRIT) !== 0)) critical = true;
    if (hit && target.t.reactions.length > 0) {
      const reaction = this.defend(target, c, atk, roll, total, ac);
      if (reaction === 1) {
        hit = false;
        critical = false;
      } else if (reaction === 2) halve = true;
    }
    let damage = 0;
    if (hit) {
      damage = rollDice(atk.damage, rng, critical);
      damage = this.hitDamage(c, target, atk, a, damage, critical, advantage > 0 && disadvantage === 0, disadvantage > 0 && advantage === 0, halve);
    }
    if (this.log) {
      this.log.push({
        t: 'attack', who: c.name, target: target.name, roll, rolls: second ? [roll, second] : [roll], total,
        ac, hit, critical, damage, targetHp: target.hp,
      });
    }
    if (hit) this.afterHit(c, target, atk, a, damage);
  }

  /** Everything a hit deals in a rich scenario: cantrip tiers, upcasting, extra damage, marks, smites. */
  private hitDamage(
    c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction, rolled: number, critical: boolean,
    hasAdvantage: boolean, hasDisadvantage: boolean, halve: boolean,
  ): number {
    const rng = this.rng;
    let main = rolled;
    for (let m = 1; m < this.castMultiplier; m++) main += rollDice(atk.damage, rng, critical);
    if (a.upcast !== null) for (let l = 0; l < this.castExtraLevels; l++) main += rollDice(a.upcast, rng, critical);
    if (halve) main = Math.floor(Math.max(0, main) / 2);
    // Temporary HP present before the hit decide Armor of Agathys.
    const tempBefore = target.tempHp;
    let dealt = this.damage(c, target, main, atk.damageBit, critical);
    if (c.extraDamageCount > 0) {
      for (let i = 0; i < c.fxCount; i++) {
        const e = c.fxEffect[i]!;
        if (e.extraDamage === null) continue;
        if (e.extraOncePerTurn) {
          // Sneak Attack: once per turn, with advantage or an ally standing, never with disadvantage.
          if (c.onceStamp === this.turnStamp || hasDisadvantage) continue;
          if (!hasAdvantage && (c.side === SIDE_PARTY ? this.standingParty : this.standingEnemies) < 2) continue;
          c.onceStamp = this.turnStamp;
        }
        let x = rollDice(e.extraDamage, rng, critical);
        if (halve) x = Math.floor(Math.max(0, x) / 2);
        dealt += this.damage(c, target, x, e.extraBit, critical);
      }
    }
    if (target.markCount > 0) {
      for (let i = 0; i < target.fxCount; i++) {
        const e = target.fxEffect[i]!;
        if (e.markDamage === null || target.fxSource[i] !== c) continue;
        let x = rollDice(e.markDamage, rng, critical);
        if (halve) x = Math.floor(Math.max(0, x) / 2);
        dealt += this.damage(c, target, x, e.markBit, critical);
      }
    }
    if (a.smite !== null && atk.melee && c.t.hasSlots && !target.dead && this.wantsSmite(c, target, critical)) {
      const level = this.slotFor(c, 1, a.smite.maxLevel);
      if (level > 0) {
        c.slotsLeft[level - 1]--;
        if (this.log) this.log.push({ t: 'slot', who: c.name, action: 'Divine Smite', level });
        let x = rollDice(a.smite.damage, rng, critical);
        for (let l = 1; l < level; l++) x += rollDice(a.smite.upcast, rng, critical);
        if (halve) x = Math.floor(Math.max(0, x) / 2);
        dealt += this.damage(c, target, x, a.smite.bit, critical);
      }
    }
    if (target.retaliateCount > 0 && atk.melee && tempBefore > 0 && !c.dead) {
      for (let i = 0; i < target.fxCount; i++) {
        const e = target.fxEffect[i]!;
        if (e.retaliate === null) continue;
        const back = this.damage(target, c, Math.max(0, rollDice(e.retaliate, rng)), e.retaliateBit, false);
        this.concentrationCheck(c, back);
      }
    }
    return dealt;
  }

  /** When a paladin smites: always on a critical hit; on other hits under 'nova', or while slots outnumber the fights ahead. */
  private wantsSmite(c: Combatant, target: Combatant, critical: boolean): boolean {
    if (critical) return true;
    const policy = this.scenario.resourcePolicy;
    if (policy === 'nova') return true;
    if (target.hp <= 0 && !target.isCharacter) return false;
    const ahead = this.scenario.encounters.length - 1 - this.encounterIndex;
    return this.slotsTotal(c) > (policy === 'conserve' ? 2 * (ahead + 1) : ahead);
  }

  /** After a hit: concentration of the target, Hellish Rebuke, riders. */
  private afterHit(c: Combatant, target: Combatant, atk: CompiledAttack, a: CompiledAction, dealt: number): void {
    void atk;
    this.concentrationCheck(target, dealt);
    if (dealt > 0) this.rebuke(target, c);
    const e = a.effect;
    if (e !== null && !target.dead && (target.hp > 0 || target.isCharacter)) {
      const spell = a.spellLevel >= 0;
      if (a.effectSaveAbility >= 0 && this.resists(target, a.effectSaveAbility, a.effectSaveDc, spell, e.disabling, c)) return;
      this.applyEffect(c, target, e, a, spell);
    }
  }

  /**
   * A saving throw against an effect, with Legendary Resistance spent on failed saves against
   * effects that would take the creature's actions away. Returns whether it resisted.
   */
  private resists(target: Combatant, ability: number, dc: number, spell: boolean, disabling: boolean, source: Combatant): boolean {
    const total = this.saveTotal(target, ability, spell);
    let success = total >= dc && !this.autoFails(target, ability);
    if (!success && disabling && target.legendaryResistLeft > 0) success = this.useLegendaryResistance(target);
    if (this.log) {
      this.log.push({
        t: 'save', who: source.name, target: target.name, ability: ABILITIES[ability], dc, roll: this.lastSaveRoll, total, success,
        damage: 0, targetHp: target.hp,
      });
    }
    return success;
  }

  private useLegendaryResistance(target: Combatant): boolean {
    target.legendaryResistLeft--;
    if (this.log) this.log.push({ t: 'legendary-resistance', who: target.name, left: target.legendaryResistLeft });
    return true;
  }

  private autoFails(target: Combatant, ability: number): boolean {
    return ability <= ABILITY_DEX && (target.hp <= 0 || (target.conditionMask & C_FAIL_STR_DEX) !== 0);
  }

  /** d20 + save bonus, with advantage (Magic Resistance) or disadvantage (restrained, Dex) and effect dice. */
  private saveTotal(target: Combatant, ability: number, spell: boolean): number {
    const rng = this.rng;
    let roll = rng.die(20);
    if (this.rich) {
      const advantage = spell && target.t.magicResistance;
      const disadvantage = ability === ABILITY_DEX && (target.conditionMask & C_RESTRAINED) !== 0;
      if (advantage !== disadvantage) {
        const second = rng.die(20);
        roll = advantage ? Math.max(roll, second) : Math.min(roll, second);
      }
      this.lastSaveRoll = roll;
      let total = roll + target.t.saves[ability];
      if (target.saveDiceCount > 0) total += this.effectDice(target, false);
      return total;
    }
    this.lastSaveRoll = roll;
    return roll + target.t.saves[ability];
  }

  /** The sum of the dice active effects add to attack rolls (or saving throws). */
  private effectDice(c: Combatant, attack: boolean): number {
    let sum = 0;
    for (let i = 0; i < c.fxCount; i++) {
      const e = c.fxEffect[i]!;
      const d = attack ? e.attackDice : e.saveDice;
      if (d !== null) sum += rollDice(d, this.rng);
    }
    return sum;
  }

  /** An area or single-target save of a scenario without effects: the lean fast path. */
  private plainSaveAction(c: Combatant, a: CompiledAction): void {
    const rng = this.rng;
    // Area damage is rolled once for every creature caught in it.
    const rolled = Math.max(0, rollDice(a.damage!, rng));
    const stamp = (this.stamp = ++this.lastStamp);
    for (let n = 0; n < a.targets; n++) {
      const target = this.pickEnemy(c, a.targeting, stamp);
      if (target === null) break;
      target.pickedStamp = stamp;
      // Saving throws have no automatic success or failure on a natural 20 or 1. An unconscious
      // creature fails Strength and Dexterity saves automatically.
      const roll = rng.die(20);
      const total = roll + target.t.saves[a.ability];
      const success = total >= a.dc && !(target.hp <= 0 && a.ability <= ABILITY_DEX);
      let damage = success ? (a.halfOnSuccess ? Math.floor(rolled / 2) : 0) : rolled;
      damage = this.damage(c, target, damage, a.damageBit, false);
      if (this.log) {
        this.log.push({
          t: 'save', who: c.name, target: target.name, ability: ABILITIES[a.ability], dc: a.dc, roll, total, success,
          damage, targetHp: target.hp,
        });
      }
      if (this.outcomeNow() !== OUTCOME_NONE) break;
    }
    this.stamp = 0;
  }

  private saveAction(c: Combatant, a: CompiledAction): void {
    if (!this.rich) {
      this.plainSaveAction(c, a);
      return;
    }
    const rng = this.rng;
    const rich = true;
    // Area damage is rolled once for every creature caught in it.
    let raw = rollDice(a.damage!, rng);
    let targets = a.targets;
    if (rich) {
      for (let m = 1; m < this.castMultiplier; m++) raw += rollDice(a.damage!, rng);
      if (a.upcast !== null) for (let l = 0; l < this.castExtraLevels; l++) raw += rollDice(a.upcast, rng);
      targets += a.upcastTargets * this.castExtraLevels;
    }
    const rolled = Math.max(0, raw);
    const spell = a.spellLevel >= 0;
    const stamp = (this.stamp = ++this.lastStamp);
    for (let n = 0; n < targets; n++) {
      const target = this.pickEnemy(c, a.targeting, stamp);
      if (target === null) break;
      target.pickedStamp = stamp;
      // Saving throws have no automatic success or failure on a natural 20 or 1. An unconscious
      // (or paralyzed, or stunned) creature fails Strength and Dexterity saves automatically.
      const total = this.saveTotal(target, a.ability, spell);
      const roll = this.lastSaveRoll;
      let success = total >= a.dc && !this.autoFails(target, a.ability);
      const onSuccess = a.halfOnSuccess ? Math.floor(rolled / 2) : 0;
      if (!success && rich && target.legendaryResistLeft > 0
        && ((a.effect !== null && a.effect.disabling) || (rolled - onSuccess) * 4 >= target.hp)) {
        // Legendary Resistance on a save that would disable or cost a quarter of its HP.
        success = this.useLegendaryResistance(target);
      }
      let damage = success ? onSuccess : rolled;
      damage = this.damage(c, target, damage, a.damageBit, false);
      if (this.log) {
        this.log.push({
          t: 'save', who: c.name, target: target.name, ability: ABILITIES[a.ability], dc: a.dc, roll, total, success,
          damage, targetHp: target.hp,
        });
      }
      if (rich) {
        this.concentrationCheck(target, damage);
        if (damage > 0) this.rebuke(target, c);
        if (!success && a.effect !== null && !target.dead && (target.hp > 0 || target.isCharacter)) this.applyEffect(c, target, a.effect, a, spell);
      }
      if (this.outcomeNow() !== OUTCOME_NONE) break;
    }
    this.stamp = 0;
  }

  private healAction(c: Combatant, a: CompiledAction): void {
    const rng = this.rng;
    const stamp = (this.stamp = ++this.lastStamp);
    for (let n = 0; n < a.targets; n++) {
      const target = this.pickAlly(c, a);
      if (target === null) break;
      target.pickedStamp = stamp;
      let raw = rollDice(a.amount!, rng);
      if (a.upcast !== null) for (let l = 0; l < this.castExtraLevels; l++) raw += rollDice(a.upcast, rng);
      const amount = Math.max(0, raw);
      if (a.temporary) {
        // Temporary hit points never stack: keep the larger.
        if (amount > target.tempHp) target.tempHp = amount;
      } else {
        this.heal(c, target, amount);
      }
      if (this.log) this.log.push({ t: 'heal', who: c.name, target: target.name, amount, temporary: a.temporary, targetHp: target.hp });
      if (a.targeting === ALLY_SELF) break;
    }
    this.stamp = 0;
  }

  private heal(source: Combatant, target: Combatant, amount: number): void {
    if (target.dead || amount <= 0) return;
    const wasDown = target.hp <= 0;
    const before = target.hp;
    target.hp = Math.min(target.maxHp, target.hp + amount);
    source.totals.healingDone += target.hp - before;
    if (wasDown && target.hp > 0) this.revive(target);
  }

  private revive(c: Combatant): void {
    c.deathSuccesses = 0;
    c.deathFailures = 0;
    c.stable = false;
    if (c.side === SIDE_PARTY) this.standingParty++;
    else this.standingEnemies++;
    if (this.log) this.log.push({ t: 'revived', who: c.name, hp: c.hp });
  }

  /**
   * Applies damage after immunity, resistance and vulnerability; temporary HP absorb it first.
   * Returns the damage dealt after those adjustments.
   */
  private damage(source: Combatant, target: Combatant, amount: number, typeBit: number, critical: boolean): number {
    const t = target.t;
    if (amount <= 0) return 0;
    if (t.immuneMask & typeBit) return 0;
    if ((t.resistMask | target.resistAdded) & typeBit) amount = Math.floor(amount / 2);
    if (t.regenerationBlockMask & typeBit) target.regenerationBlocked = true;
    if (t.vulnMask & typeBit) amount *= 2;
    if (amount <= 0) return 0;
    if (target.endsOnDamageCount > 0) this.endOnDamage(target);
    let remaining = amount;
    let absorbed = 0;
    if (target.tempHp > 0) {
      absorbed = Math.min(target.tempHp, remaining);
      target.tempHp -= absorbed;
      remaining -= absorbed;
    }
    if (remaining === 0) {
      source.totals.damageDealt += absorbed;
      target.totals.damageTaken += absorbed;
      return amount;
    }
    if (target.hp > 0) {
      const lost = Math.min(target.hp, remaining);
      source.totals.damageDealt += absorbed + lost;
      target.totals.damageTaken += absorbed + lost;
      if (remaining < target.hp) {
        target.hp -= remaining;
        return amount;
      }
      const overflow = remaining - target.hp;
      target.hp = 0;
      this.drop(target);
      // Damage beyond 0 HP that reaches the hit point maximum kills outright.
      if (target.isCharacter && overflow >= target.maxHp) this.kill(target, 'massive-damage');
    } else if (target.isCharacter && !target.dead) {
      source.totals.damageDealt += absorbed;
      target.totals.damageTaken += absorbed;
      // Damage at 0 HP: a failed death save (two on a critical hit), or death if it reaches max HP.
      if (remaining >= target.maxHp) this.kill(target, 'massive-damage');
      else {
        target.stable = false;
        target.deathFailures += critical ? 2 : 1;
        if (this.log) this.log.push({ t: 'death-save', who: target.name, roll: 0, successes: target.deathSuccesses, failures: target.deathFailures });
        if (target.deathFailures >= 3) this.kill(target, 'death-saves');
      }
    }
    return amount;
  }

  private drop(c: Combatant): void {
    if (c.side === SIDE_PARTY) this.standingParty--;
    else this.standingEnemies--;
    if (c.isCharacter) {
      c.deathSuccesses = 0;
      c.deathFailures = 0;
      c.stable = false;
      c.wentDown = true;
      if (c.charTotals) c.charTotals.downs++;
      if (this.log) this.log.push({ t: 'down', who: c.name });
      // Unconscious: concentration ends.
      if (c.concentrating) this.endConcentration(c, 'concentration');
    } else {
      c.dead = true;
      if (this.log) this.log.push({ t: 'dead', who: c.name, cause: 'damage' });
      if (this.rich) this.sourceFell(c);
    }
  }

  private kill(c: Combatant, cause: 'death-saves' | 'massive-damage' | 'finished-off'): void {
    c.dead = true;
    c.hp = 0;
    c.stable = false;
    if (this.log) this.log.push({ t: 'dead', who: c.name, cause });
    if (this.rich) this.sourceFell(c);
  }

  private deathSave(c: Combatant): void {
    const roll = this.rng.die(20);
    if (roll === 20) {
      // A natural 20: back on their feet with 1 HP.
      c.hp = 1;
      this.revive(c);
      return;
    }
    if (roll === 1) c.deathFailures += 2;
    else if (roll < 10) c.deathFailures++;
    else c.deathSuccesses++;
    if (this.log) this.log.push({ t: 'death-save', who: c.name, roll, successes: c.deathSuccesses, failures: c.deathFailures });
    if (c.deathFailures >= 3) this.kill(c, 'death-saves');
    else if (c.deathSuccesses >= 3) {
      c.stable = true;
      if (this.log) this.log.push({ t: 'stable', who: c.name });
    }
  }

  // ---------------------------------------------------------------- effects

  /** Effects that last the day stay on the party; creature-level effects start; counters reset. */
  private startFight(): void {
    let active = 0;
    const all = this.all;
    let legendary = 0, lair = 0;
    for (let k = 0; k < all.length; k++) {
      const c = all[k];
      c.reactionReady = true;
      c.lastLair = -1;
      c.concentrating = false;
      active += c.fxCount;
      if (c.t.legendaryPerRound > 0) legendary++;
      if (c.t.hasLair) lair++;
    }
    this.fxActive = active;
    this.legendaryInFight = legendary;
    this.lairInFight = lair;
    for (let k = 0; k < all.length; k++) {
      const c = all[k];
      const permanent = c.t.permanentEffects;
      for (let i = 0; i < permanent.length; i++) this.applyEffect(c, c, permanent[i], null, false);
    }
  }

  /** Effects end with the fight, except those that last the day and come from the party. */
  private endFight(): void {
    for (const list of this.sides) {
      for (const c of list) {
        for (let i = c.fxCount - 1; i >= 0; i--) {
          if (c.fxEffect[i]!.durKind === DUR_DAY && c.fxSource[i]!.side === SIDE_PARTY) continue;
          this.removeEffect(c, i, 'fight-over');
        }
        c.concentrating = false;
      }
    }
    this.legendaryInFight = 0;
    this.lairInFight = 0;
  }

  private startTurn(c: Combatant): void {
    c.reactionReady = true;
    c.legendaryPoints = c.t.legendaryPerRound;
    if (c.sourcedTimed > 0) {
      const all = this.all;
      for (let k = 0; k < all.length; k++) {
        const y = all[k];
        for (let i = y.fxCount - 1; i >= 0; i--) {
          if (i < y.fxCount && y.fxSource[i] === c && y.fxEffect[i]!.durKind === DUR_ROUNDS && --y.fxLeft[i] <= 0) {
            this.removeEffect(y, i, 'expired');
          }
        }
      }
    }
    for (let i = c.fxCount - 1; i >= 0; i--) {
      if (i < c.fxCount && c.fxEffect[i]!.durKind === DUR_TARGET_TURN_START) this.removeEffect(c, i, 'expired');
    }
    if (c.t.regeneration > 0 && c.hp > 0 && !c.dead) {
      if (!c.regenerationBlocked) {
        const before = c.hp;
        c.hp = Math.min(c.maxHp, c.hp + c.t.regeneration);
        if (this.log && c.hp > before) this.log.push({ t: 'regenerate', who: c.name, amount: c.hp - before, hp: c.hp });
      }
    }
    c.regenerationBlocked = false;
    if (c.turnEffectCount > 0) this.turnEffects(c, 0);
  }

  private endTurn(c: Combatant): void {
    if (c.sourcedTimed > 0) {
      const all = this.all;
      for (let k = 0; k < all.length; k++) {
        const y = all[k];
        for (let i = y.fxCount - 1; i >= 0; i--) {
          if (i >= y.fxCount) continue;
          if (y.fxEffect[i]!.durKind === DUR_SOURCE_TURN_END && y.fxSource[i] === c && --y.fxLeft[i] <= 0) {
            this.removeEffect(y, i, 'expired');
          }
        }
      }
    }
    if (c.turnEffectCount > 0 && !c.dead) this.turnEffects(c, 1);
  }

  /** Damage, healing and repeated saves of the effects on `c` at the start (0) or end (1) of its turn. */
  private turnEffects(c: Combatant, when: number): void {
    const rng = this.rng;
    for (let i = c.fxCount - 1; i >= 0; i--) {
      if (i >= c.fxCount) continue;
      const e = c.fxEffect[i]!;
      const source = c.fxSource[i]!;
      if (e.turnDamage !== null && e.turnWhen === when && (c.hp > 0 || c.isCharacter)) {
        const rolled = Math.max(0, rollDice(e.turnDamage, rng));
        let amount = rolled;
        if (e.turnSaveAbility >= 0) {
          let success = this.saveTotal(c, e.turnSaveAbility, c.fxSpell[i] === 1) >= e.turnSaveDc && !this.autoFails(c, e.turnSaveAbility);
          const onSuccess = e.turnHalf ? Math.floor(rolled / 2) : 0;
          if (!success && c.legendaryResistLeft > 0 && (rolled - onSuccess) * 4 >= c.hp) success = this.useLegendaryResistance(c);
          if (success) amount = onSuccess;
        }
        const dealt = this.damage(source, c, amount, e.turnBit, false);
        if (this.log) this.log.push({ t: 'turn-damage', who: source.name, target: c.name, effect: e.name, damage: dealt, targetHp: c.hp });
        this.concentrationCheck(c, dealt);
        if (c.dead || (!c.isCharacter && c.hp <= 0) || this.outcomeNow() !== OUTCOME_NONE) return;
        if (i >= c.fxCount || c.fxEffect[i] !== e) continue;
      }
      if (when === 0 && e.healEachTurn !== null && c.hp > 0) this.heal(source, c, Math.max(0, rollDice(e.healEachTurn, rng)));
      if (when === 1 && e.saveEnds) {
        const spell = c.fxSpell[i] === 1;
        const ability = c.fxSaveAbility[i];
        const dc = c.fxSaveDc[i];
        if (this.resists(c, ability, dc, spell, e.disabling, source) && i < c.fxCount && c.fxEffect[i] === e) this.removeEffect(c, i, 'saved');
      }
    }
  }

  /** Whether applying `e` to `t` would do anything: not already on it, not wholly blocked by immunities. */
  private effectWorksOn(e: CompiledEffect, t: Combatant): boolean {
    if (t.hasEffect(e.id)) return false;
    if (e.onlyTypes !== null && t.t.creatureType !== null && !e.onlyTypes.includes(t.t.creatureType)) return false;
    return e.conditionMask === 0 || (e.conditionMask & ~t.t.conditionImmuneMask) !== 0;
  }

  private effectTargetExists(c: Combatant, a: CompiledAction): boolean {
    const e = a.effect!;
    if (a.effectTarget === EFFECT_SELF) return this.effectWorksOn(e, c);
    if (a.effectTarget === EFFECT_ALLIES) {
      const list = c.side === SIDE_PARTY ? this.party : this.enemies;
      for (let i = 0; i < list.length; i++) {
        const t = list[i];
        if (!t.dead && t.hp > 0 && this.effectWorksOn(e, t)) return true;
      }
      return false;
    }
    const list = c.side === SIDE_PARTY ? this.enemies : this.party;
    for (let i = 0; i < list.length; i++) if (this.canTarget(list[i]) && this.effectWorksOn(e, list[i])) return true;
    return false;
  }

  /** Buffs go to the allies who deal the most damage (offensive ones) or have the lowest share of HP. */
  private pickBuffTarget(c: Combatant, e: CompiledEffect, stamp: number): Combatant | null {
    const list = c.side === SIDE_PARTY ? this.party : this.enemies;
    const offensive = e.attackDice !== null || e.extraDamage !== null || e.attacksBy > 0;
    let best: Combatant | null = null;
    let bestScore = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (t.dead || t.hp <= 0 || t.pickedStamp === stamp || !this.effectWorksOn(e, t)) continue;
      const score = offensive ? t.t.expectedDamage : -t.hp / t.maxHp;
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }

  private effectAction(c: Combatant, a: CompiledAction): void {
    const e = a.effect!;
    const spell = a.spellLevel >= 0;
    if (a.effectTarget === EFFECT_SELF) {
      this.applyEffect(c, c, e, a, spell);
      return;
    }
    const stamp = (this.stamp = ++this.lastStamp);
    const targets = a.targets + a.upcastTargets * this.castExtraLevels;
    for (let n = 0; n < targets; n++) {
      const t = a.effectTarget === EFFECT_ALLIES ? this.pickBuffTarget(c, e, stamp) : this.pickEnemy(c, a.targeting, stamp, e);
      if (t === null) break;
      t.pickedStamp = stamp;
      if (a.effectSaveAbility >= 0 && a.effectTarget !== EFFECT_ALLIES && this.resists(t, a.effectSaveAbility, a.effectSaveDc, spell, e.disabling, c)) continue;
      this.applyEffect(c, t, e, a, spell);
    }
    this.stamp = 0;
  }

  /** Starts an effect on `target`; the same effect already there is replaced (effects never stack with themselves). */
  private applyEffect(source: Combatant, target: Combatant, e: CompiledEffect, a: CompiledAction | null, spell: boolean): boolean {
    if (target.dead) return false;
    for (let i = 0; i < target.fxCount; i++) {
      if (target.fxEffect[i]!.id === e.id) {
        this.removeEffect(target, i, 'replaced');
        break;
      }
    }
    if (target.fxCount >= MAX_EFFECTS) return false;
    const k = target.fxCount++;
    target.fxEffect[k] = e;
    target.fxSource[k] = source;
    target.fxLeft[k] = e.durKind === DUR_ROUNDS ? e.durRounds : e.durKind === DUR_SOURCE_TURN_END && this.current === source ? 2 : 1;
    target.fxSaveAbility[k] = a !== null ? a.effectSaveAbility : -1;
    target.fxSaveDc[k] = a !== null ? a.effectSaveDc : 0;
    const concentration = a !== null && a.concentration;
    target.fxConcentration[k] = concentration ? 1 : 0;
    target.fxSpell[k] = spell ? 1 : 0;
    this.fxActive++;
    if (e.durKind === DUR_ROUNDS || e.durKind === DUR_SOURCE_TURN_END) source.sourcedTimed++;
    if (concentration) source.concentrating = true;
    if (e.tempHp !== null) {
      let raw = rollDice(e.tempHp, this.rng);
      if (a !== null && a.upcast !== null) for (let l = 0; l < this.castExtraLevels; l++) raw += rollDice(a.upcast, this.rng);
      // Temporary hit points never stack: keep the larger.
      if (raw > target.tempHp) target.tempHp = raw;
    }
    this.recompute(target);
    if (this.log) this.log.push({ t: 'effect', who: source.name, target: target.name, effect: e.name });
    // Incapacitated: concentration ends.
    if (target.concentrating && (target.conditionMask & C_NO_ACTIONS) !== 0) this.endConcentration(target, 'concentration');
    return true;
  }

  private removeEffect(c: Combatant, i: number, reason: 'expired' | 'saved' | 'concentration' | 'fight-over' | 'replaced' | 'source-fell' | 'damaged' | 'target-fell'): void {
    const e = c.fxEffect[i]!;
    if (e.durKind === DUR_ROUNDS || e.durKind === DUR_SOURCE_TURN_END) c.fxSource[i]!.sourcedTimed--;
    const last = --c.fxCount;
    if (i !== last) {
      c.fxEffect[i] = c.fxEffect[last];
      c.fxSource[i] = c.fxSource[last];
      c.fxLeft[i] = c.fxLeft[last];
      c.fxSaveAbility[i] = c.fxSaveAbility[last];
      c.fxSaveDc[i] = c.fxSaveDc[last];
      c.fxConcentration[i] = c.fxConcentration[last];
      c.fxSpell[i] = c.fxSpell[last];
    }
    c.fxEffect[last] = null;
    c.fxSource[last] = null;
    this.fxActive--;
    this.recompute(c);
    if (this.log) this.log.push({ t: 'effect-end', who: c.name, effect: e.name, reason });
  }

  /** Recomputes the numbers attack and save resolution read, from the active effects. */
  private recompute(c: Combatant): void {
    let ac = 0, attackDice = 0, saveDice = 0, advBy = 0, disBy = 0, advAgainst = 0, disAgainst = 0;
    let conditions = 0, resist = 0, extra = 0, mark = 0, turn = 0, retaliate = 0, endsOnDamage = 0;
    for (let i = 0; i < c.fxCount; i++) {
      const e = c.fxEffect[i]!;
      ac += e.acBonus;
      if (e.attackDice !== null) attackDice++;
      if (e.saveDice !== null) saveDice++;
      if (e.attacksBy > 0) advBy++;
      else if (e.attacksBy < 0) disBy++;
      if (e.attacksAgainst > 0) advAgainst++;
      else if (e.attacksAgainst < 0) disAgainst++;
      conditions |= e.conditionMask;
      resist |= e.resistMask;
      if (e.extraDamage !== null) extra++;
      if (e.markDamage !== null) mark++;
      if (e.turnDamage !== null || e.healEachTurn !== null || e.saveEnds) turn++;
      if (e.retaliate !== null) retaliate++;
      if (e.endsOnDamage) endsOnDamage++;
    }
    conditions &= ~c.t.conditionImmuneMask;
    // The conditions' own rules on attack rolls.
    if (conditions & C_INVISIBLE) {
      advBy++;
      disAgainst++;
    }
    if (conditions & (C_BLINDED | C_POISONED | C_FRIGHTENED | C_RESTRAINED | C_PRONE)) disBy++;
    if (conditions & (C_BLINDED | C_RESTRAINED | C_PARALYZED | C_STUNNED | C_UNCONSCIOUS)) advAgainst++;
    c.acBonus = ac;
    c.attackDiceCount = attackDice;
    c.saveDiceCount = saveDice;
    c.advantageBy = advBy;
    c.disadvantageBy = disBy;
    c.advantageAgainst = advAgainst;
    c.disadvantageAgainst = disAgainst;
    c.conditionMask = conditions;
    c.resistAdded = resist;
    c.extraDamageCount = extra;
    c.markCount = mark;
    c.turnEffectCount = turn;
    c.retaliateCount = retaliate;
    c.endsOnDamageCount = endsOnDamage;
  }

  /** Damage wakes a creature from effects that end on damage (Hypnotic Pattern, Sleep). */
  private endOnDamage(c: Combatant): void {
    for (let i = c.fxCount - 1; i >= 0; i--) {
      if (i < c.fxCount && c.fxEffect[i]!.endsOnDamage) this.removeEffect(c, i, 'damaged');
    }
  }

  private endConcentration(c: Combatant, reason: 'concentration' | 'source-fell'): void {
    c.concentrating = false;
    if (this.fxActive === 0) return;
    this.endConcentrationIn(this.party, c, reason);
    this.endConcentrationIn(this.enemies, c, reason);
  }

  private endConcentrationIn(list: Combatant[], c: Combatant, reason: 'concentration' | 'source-fell'): void {
    for (let k = 0; k < list.length; k++) {
      const y = list[k];
      for (let i = y.fxCount - 1; i >= 0; i--) {
        if (i < y.fxCount && y.fxSource[i] === c && y.fxConcentration[i] === 1) this.removeEffect(y, i, reason);
      }
    }
  }

  /** A dead creature's concentration ends, and so do the effects timed by its turns, which will not come. */
  private sourceFell(c: Combatant): void {
    c.concentrating = false;
    if (this.fxActive === 0) return;
    this.sourceFellIn(this.party, c);
    this.sourceFellIn(this.enemies, c);
    // Effects on the dead do nothing; a caster whose concentration was only on them is free again
    // (Hunter's Mark and Hex move on, Hold Person can be cast at another).
    for (let i = c.fxCount - 1; i >= 0; i--) {
      if (i >= c.fxCount) continue;
      const source = c.fxSource[i]!;
      const concentration = c.fxConcentration[i] === 1;
      this.removeEffect(c, i, 'target-fell');
      if (concentration && source.concentrating && !this.holdsConcentration(source)) source.concentrating = false;
    }
  }

  private sourceFellIn(list: Combatant[], c: Combatant): void {
    for (let k = 0; k < list.length; k++) {
      const y = list[k];
      for (let i = y.fxCount - 1; i >= 0; i--) {
        if (i >= y.fxCount || y.fxSource[i] !== c) continue;
        const kind = y.fxEffect[i]!.durKind;
        if (y.fxConcentration[i] === 1 || kind === DUR_ROUNDS || kind === DUR_SOURCE_TURN_END) this.removeEffect(y, i, 'source-fell');
      }
    }
  }

  /** Whether any effect of `c`'s concentration is still on a creature. */
  private holdsConcentration(c: Combatant): boolean {
    for (const list of this.sides) {
      for (let k = 0; k < list.length; k++) {
        const y = list[k];
        for (let i = 0; i < y.fxCount; i++) if (y.fxSource[i] === c && y.fxConcentration[i] === 1) return true;
      }
    }
    return false;
  }

  /** Damage to a concentrating creature: a Constitution save, DC 10 or half the damage, or the effect ends. */
  private concentrationCheck(c: Combatant, dealt: number): void {
    if (!c.concentrating || dealt <= 0) return;
    if (c.dead || c.hp <= 0) {
      this.endConcentration(c, 'concentration');
      return;
    }
    const dc = Math.max(10, Math.floor(dealt / 2));
    const total = this.saveTotal(c, ABILITY_CON, false);
    const success = total >= dc;
    if (this.log) this.log.push({ t: 'concentration', who: c.name, dc, roll: this.lastSaveRoll, total, success });
    if (!success) this.endConcentration(c, 'concentration');
  }

  // ---------------------------------------------------------------- reactions, legendary and lair actions

  private canReact(c: Combatant): boolean {
    return c.reactionReady && !c.dead && c.hp > 0 && (c.conditionMask & C_NO_ACTIONS) === 0;
  }

  private reactionAvailable(c: Combatant, i: number): boolean {
    const r = c.t.reactions[i];
    return r.usesKind === USES_AT_WILL || c.reactionUses[i] > 0;
  }

  private spendReaction(c: Combatant, i: number, against: Combatant, name: string): void {
    c.reactionReady = false;
    if (c.t.reactions[i].usesKind !== USES_AT_WILL) c.reactionUses[i]--;
    if (this.log) this.log.push({ t: 'reaction', who: c.name, reaction: name, against: against.name });
  }

  /**
   * The target's reaction to a hit: 1 when Shield or Parry turns it into a miss, 2 when Uncanny
   * Dodge halves its damage, 0 when nothing is done.
   */
  private defend(target: Combatant, attacker: Combatant, atk: CompiledAttack, roll: number, total: number, ac: number): number {
    if (!this.canReact(target)) return 0;
    const reactions = target.t.reactions;
    for (let i = 0; i < reactions.length; i++) {
      const r = reactions[i];
      if (!this.reactionAvailable(target, i)) continue;
      if (r.kind === REACT_SHIELD) {
        // Not against a natural critical, and only when +5 AC turns the hit into a miss.
        if (roll >= atk.critOn || total >= ac + 5) continue;
        if (target.t.hasSlots) {
          const level = this.slotFor(target, 1, 1) || this.slotFor(target, 1, 9);
          if (level === 0) continue;
          target.slotsLeft[level - 1]--;
        }
        this.spendReaction(target, i, attacker, 'Shield');
        this.applyEffect(target, target, this.scenario.shieldEffect, null, true);
        return 1;
      }
      if (r.kind === REACT_PARRY) {
        if (!atk.melee || roll >= atk.critOn || total >= ac + r.acBonus) continue;
        this.spendReaction(target, i, attacker, 'Parry');
        return 1;
      }
      if (r.kind === REACT_UNCANNY_DODGE) {
        this.spendReaction(target, i, attacker, 'Uncanny Dodge');
        return 2;
      }
    }
    return 0;
  }

  /** Hellish Rebuke: after taking damage from a creature, fire damage back (Dex save for half). */
  private rebuke(target: Combatant, source: Combatant): void {
    if (target === source || source.dead || (!source.isCharacter && source.hp <= 0)) return;
    const reactions = target.t.reactions;
    if (reactions.length === 0 || !this.canReact(target)) return;
    for (let i = 0; i < reactions.length; i++) {
      const r = reactions[i];
      if (r.kind !== REACT_HELLISH_REBUKE || !this.reactionAvailable(target, i)) continue;
      this.spendReaction(target, i, source, 'Hellish Rebuke');
      const rolled = Math.max(0, rollDice(r.damage!, this.rng));
      const success = this.saveTotal(source, ABILITY_DEX, true) >= r.dc && !this.autoFails(source, ABILITY_DEX);
      const dealt = this.damage(target, source, success ? Math.floor(rolled / 2) : rolled, FIRE_BIT, false);
      this.concentrationCheck(source, dealt);
      return;
    }
  }

  /** After another creature's turn, each legendary creature spends one legendary action if it can. */
  private legendaryAfter(actor: Combatant): void {
    const all = this.all;
    for (let k = 0; k < all.length; k++) {
      const l = all[k];
      if (l === actor || l.t.legendaryPerRound === 0 || l.legendaryPoints <= 0 || l.dead || l.hp <= 0) continue;
      if ((l.conditionMask & C_NO_ACTIONS) !== 0) continue;
      const i = this.chooseAction(l, SLOT_LEGENDARY);
      if (i < 0) continue;
      l.legendaryPoints -= l.actions[i].cost;
      if (this.log) this.log.push({ t: 'legendary', who: l.name, action: l.actions[i].name, pointsLeft: l.legendaryPoints });
      this.perform(l, i);
      if (this.outcomeNow() !== OUTCOME_NONE) return;
    }
  }

  /** On initiative count 20: each lair creature takes one lair action, not the same as last round when another is usable. */
  private lairActions(): void {
    const all = this.all;
    for (let k = 0; k < all.length; k++) {
      const l = all[k];
      if (!l.t.hasLair || l.dead || l.hp <= 0) continue;
      let pick = -1;
      const actions = l.actions;
      for (let i = 0; i < actions.length; i++) {
        if (actions[i].slot !== SLOT_LAIR || i === l.lastLair) continue;
        const a = actions[i];
        if (a.usesKind === USES_RECHARGE ? l.charged[i] === 0 : a.usesKind !== USES_AT_WILL && l.usesLeft[i] <= 0) continue;
        if (!this.conditionHolds(l, a.condition, i) || !this.richAllows(l, a)) continue;
        pick = i;
        break;
      }
      if (pick < 0 && l.lastLair >= 0) pick = this.chooseAction(l, SLOT_LAIR);
      if (pick < 0) continue;
      l.lastLair = pick;
      if (this.log) this.log.push({ t: 'lair', who: l.name, action: l.actions[pick].name });
      this.perform(l, pick);
      if (this.outcomeNow() !== OUTCOME_NONE) return;
    }
  }

  // ---------------------------------------------------------------- rests

  private shortRest(): void {
    const rng = this.rng;
    const policy = this.scenario.rules.hitDicePolicy;
    const healed: Array<{ who: string; hitDice: number; hp: number }> = [];
    for (const c of this.party) {
      if (c.dead) continue;
      // A stable character regains 1 HP within 1d4 hours; the party waits for them.
      if (c.hp <= 0) {
        c.hp = 1;
        c.stable = false;
        c.deathSuccesses = 0;
        c.deathFailures = 0;
      }
      for (let i = 0; i < c.actions.length; i++) {
        if (c.actions[i].usesKind === USES_SHORT_REST) c.usesLeft[i] = c.actions[i].usesMax;
      }
      if (this.rich) {
        for (let i = 0; i < c.reactionUses.length; i++) {
          if (c.t.reactions[i].usesKind === USES_SHORT_REST) c.reactionUses[i] = c.t.reactions[i].usesMax;
        }
        // Pact magic slots come back on a short rest.
        if (c.t.pactSlots) c.slotsLeft.set(c.t.slots);
      }
      let spent = 0;
      if (policy !== 'none' && c.t.hitDieSides > 0) {
        const goal = policy === 'to-full' ? c.maxHp : Math.ceil(c.maxHp / 2);
        const available = c.t.hitDiceCount - c.hitDiceSpent;
        while (c.hp < goal && spent < available) {
          spent++;
          c.hp = Math.min(c.maxHp, c.hp + Math.max(0, rng.die(c.t.hitDieSides) + c.t.conModifier));
        }
        c.hitDiceSpent += spent;
        c.charTotals!.hitDiceSpent += spent;
      }
      if (this.log) healed.push({ who: c.name, hitDice: spent, hp: c.hp });
    }
    if (this.log) this.log.push({ t: 'rest', healed });
  }
}

const EMPTY_OUTCOMES: EncounterOutcome[] = [];
