// The run loop: one adventuring day per run, fights resolved turn by turn by the 5e rules.
// Lean mode adds each run straight into an aggregate and allocates nothing per attack; full-log
// mode also records every event of the run for replay.

import {
  KIND_ATTACK, KIND_HEAL, USES_AT_WILL, USES_ENCOUNTER, USES_RECHARGE, USES_SHORT_REST,
  type CompiledAction, type CompiledAttack, type CompiledScenario, type CreatureTemplate,
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
  COND_ENEMY_ONE = 4, COND_ENEMY_MULTIPLE = 5;
// Enemy targeting, in the order of ENEMY_TARGETING.
const TARGET_LOWEST_HP = 0, TARGET_HIGHEST_HP = 1, TARGET_HIGHEST_DAMAGE = 2, TARGET_LOWEST_AC = 3;
// Ally targeting, in the order of ALLY_TARGETING.
const ALLY_SELF = 1;

const ABILITY_DEX = 1; // str 0, dex 1 in ABILITIES
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

  constructor(t: CreatureTemplate, side: number) {
    this.t = t;
    this.name = t.name;
    this.side = side;
    this.isCharacter = t.isCharacter;
    this.actions = t.actions;
    this.usesLeft = new Int32Array(t.actions.length);
    this.charged = new Uint8Array(t.actions.length);
  }

  /** Full reset for a new run (party) or a new encounter (enemies). */
  reset(rng: Rng): void {
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

  constructor(scenario: CompiledScenario) {
    this.scenario = scenario;
    this.party = scenario.party.map((t) => new Combatant(t, SIDE_PARTY));
    this.encounterEnemies = scenario.encounters.map((e) => e.enemies.map((t) => new Combatant(t, SIDE_ENEMY)));
    this.attackDownedAlways = scenario.rules.attackDowned === 'always';
    this.finishOffDowned = scenario.rules.attackDowned !== 'never';
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
    for (const c of this.party) c.reset(rng);
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
    for (const c of enemies) c.reset(rng);
    totals.reached++;
    // Encounter uses and recharges come back at the start of every fight.
    for (const c of this.party) {
      for (let i = 0; i < c.actions.length; i++) {
        const a = c.actions[i];
        if (a.usesKind === USES_ENCOUNTER) c.usesLeft[i] = a.usesMax;
        c.charged[i] = 1;
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
    if (this.log) {
      this.log.push({ t: 'encounter', encounter: e, name: spec.name });
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
      for (let k = 0; k < all.length; k++) {
        const c = all[order[k]];
        if (c.dead || (!c.isCharacter && c.hp <= 0)) continue;
        if (round === 1 && c.side === surprisedSide) {
          if (this.log) this.log.push({ t: 'surprised', who: c.name });
          continue;
        }
        this.takeTurn(c);
        outcome = this.outcomeNow();
        if (outcome !== OUTCOME_NONE) break;
      }
      if (round <= TRACKED_ROUNDS && outcome === OUTCOME_NONE) this.recordHpAt(totals, round);
    }
    if (outcome === OUTCOME_NONE) outcome = OUTCOME_DRAW;
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
    const rng = this.rng;
    if (this.log) this.log.push({ t: 'turn', who: c.name, hp: c.hp });
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
    const main = this.chooseAction(c, 0);
    if (main >= 0) this.perform(c, main);
    if (c.hp <= 0 || this.outcomeNow() !== OUTCOME_NONE) return;
    const bonus = this.chooseAction(c, 1);
    if (bonus >= 0) this.perform(c, bonus);
  }

  private chooseAction(c: Combatant, slot: number): number {
    const actions = c.actions;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (a.slot !== slot) continue;
      if (a.usesKind === USES_RECHARGE) {
        if (c.charged[i] === 0) continue;
      } else if (a.usesKind !== USES_AT_WILL && c.usesLeft[i] <= 0) continue;
      if (!this.conditionHolds(c, a.condition)) continue;
      if (a.kind === KIND_HEAL && this.pickAlly(c, a) === null) continue;
      return i;
    }
    return -1;
  }

  private conditionHolds(c: Combatant, condition: number): boolean {
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
    if (a.kind === KIND_ATTACK) this.attackAction(c, a);
    else if (a.kind === KIND_HEAL) this.healAction(c, a);
    else this.saveAction(c, a);
  }

  // ---------------------------------------------------------------- targeting

  private canTarget(t: Combatant): boolean {
    if (t.dead) return false;
    if (t.hp > 0) return true;
    return t.isCharacter && this.attackDownedAlways;
  }

  /** Picks an opponent by strategy; ties are broken at random. Skips those picked this stamp. */
  private pickEnemy(c: Combatant, strategy: number, stamp: number): Combatant | null {
    const list = c.side === SIDE_PARTY ? this.enemies : this.party;
    let best: Combatant | null = null;
    let bestScore = 0;
    let ties = 0;
    for (let i = 0; i < list.length; i++) {
      const t = list[i];
      if (!this.canTarget(t) || (stamp !== 0 && t.pickedStamp === stamp)) continue;
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
        this.attack(c, target, atk);
        if (this.outcomeNow() !== OUTCOME_NONE) return;
      }
    }
  }

  private attack(c: Combatant, target: Combatant, atk: CompiledAttack): void {
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

  private saveAction(c: Combatant, a: CompiledAction): void {
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

  private healAction(c: Combatant, a: CompiledAction): void {
    const rng = this.rng;
    const stamp = (this.stamp = ++this.lastStamp);
    for (let n = 0; n < a.targets; n++) {
      const target = this.pickAlly(c, a);
      if (target === null) break;
      target.pickedStamp = stamp;
      const amount = Math.max(0, rollDice(a.amount!, rng));
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
    if (t.resistMask & typeBit) amount = Math.floor(amount / 2);
    if (t.vulnMask & typeBit) amount *= 2;
    if (amount <= 0) return 0;
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
    } else {
      c.dead = true;
      if (this.log) this.log.push({ t: 'dead', who: c.name, cause: 'damage' });
    }
  }

  private kill(c: Combatant, cause: 'death-saves' | 'massive-damage' | 'finished-off'): void {
    c.dead = true;
    c.hp = 0;
    c.stable = false;
    if (this.log) this.log.push({ t: 'dead', who: c.name, cause });
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
