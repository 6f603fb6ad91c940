// The run loop: one adventuring day per run, fights resolved round by round and turn by turn.
// Each rule it applies lives in rules/ and is only called from here. Lean mode adds each run
// straight into an aggregate and allocates nothing per attack; full-log mode also records every
// event of the run for replay.
//
// In the run loop and the rules it calls, flags are tested with `=== true` or `=== false` and
// objects that may be absent with `!== null`: V8 does not track that a field only ever holds
// booleans, so a bare `if (c.dead)` compiles to a generic truthiness test (several comparisons and
// a load of the value's map), where a comparison with a constant is a single one.

import type { Combatant } from './combatant.ts';
import type { CompiledScenario } from './compiled.ts';
import { FightState, OUTCOME_NAMES } from './fight-state.ts';
import type { EncounterOutcome, LogEvent } from './log.ts';
import { perform } from './rules/actions.ts';
import { endFight, startFight } from './rules/effects.ts';
import { afterFight, deathSave } from './rules/hit-points.ts';
import { lairActions, legendaryAfter } from './rules/legendary.ts';
import { refreshForFight, rollRecharges } from './rules/resources.ts';
import { shortRest } from './rules/rests.ts';
import { actionTaken, bonusActionTaken, startTurnSpells } from './rules/spellcasting.ts';
import { chooseAction, explainBonusSpell } from './rules/tactics.ts';
import { countArrivals } from './rules/summons.ts';
import { endTurn, startTurn } from './rules/turn-effects.ts';
import { recordRunEnd, type Aggregate, type DayOutcome, type EncounterTotals } from './stats.ts';
export interface RunResult {
  outcome: DayOutcome;
  deaths: number;
  rounds: number;
  partyHp: number;
  encounterOutcomes: EncounterOutcome[];
}

const EMPTY_OUTCOMES: EncounterOutcome[] = [];

export class Simulator {
  readonly scenario: CompiledScenario;
  private readonly s: FightState;

  constructor(scenario: CompiledScenario) {
    this.scenario = scenario;
    this.s = new FightState(scenario);
  }

  /** Runs `[from, to)` with base seed `seed`, adding each into `agg`. */
  runChunk(seed: number, from: number, to: number, agg: Aggregate, shouldStop?: () => boolean, checkEvery = 64): number {
    this.bind(agg);
    this.s.log = null;
    for (let run = from; run < to; run++) {
      if (shouldStop && (run - from) % checkEvery === 0 && run > from && shouldStop()) {
        this.flush();
        return run;
      }
      this.runDay(seed, run, false);
    }
    this.flush();
    return to;
  }

  /**
   * Adds what the runs deferred into the bound aggregate: the HP of each round and of the rounds
   * after each fight's end, and each combatant's damage and healing.
   */
  private flush(): void {
    const s = this.s;
    s.hpRecords.forEach(([party, enemies], e) => {
      party.flushInto(s.agg!.encounters[e].partyHp);
      enemies.flushInto(s.agg!.encounters[e].enemyHp);
    });
    for (const c of s.party) flushTotals(c);
    for (const list of s.encounterEnemies) for (const c of list) flushTotals(c);
  }

  /** Re-runs one run with a full event log. The aggregate it fills is scratch for the caller. */
  replay(seed: number, run: number, agg: Aggregate): { result: RunResult; events: LogEvent[] } {
    this.bind(agg);
    const events: LogEvent[] = [];
    this.s.log = events;
    const result = this.runOne(seed, run);
    this.s.log = null;
    return { result, events };
  }

  private bind(agg: Aggregate): void {
    const s = this.s;
    if (s.agg === agg) return;
    s.agg = agg;
    s.party.forEach((c, i) => {
      flushTotals(c);
      c.totals = agg.characters[i];
      c.charTotals = agg.characters[i];
      c.actionUses = c.totals.actionUses;
    });
    s.encounterEnemies.forEach((list, e) => list.forEach((c, j) => {
      flushTotals(c);
      c.totals = agg.encounters[e].enemies[j];
      c.actionUses = c.totals.actionUses;
    }));
  }

  runOne(seed: number, run: number): RunResult {
    const result = this.runDay(seed, run, true)!;
    this.flush();
    return result;
  }

  /** One run into the bound aggregate; its result object only when asked (none per run in a chunk). */
  private runDay(seed: number, run: number, wantResult: boolean): RunResult | null {
    const s = this.s;
    const rng = s.rng;
    const agg = s.agg!;
    rng.seedRun(seed, run);
    // Indexed loops rather than for-of in the run loop: an iterator's implicit try block keeps
    // what the loop calls from being inlined as well.
    const party = s.party;
    for (let i = 0; i < party.length; i++) party[i].reset(rng, s.rich);
    const encounterOutcomes: EncounterOutcome[] = s.log !== null ? [] : EMPTY_OUTCOMES;
    let dayOutcome: DayOutcome = 'victory';
    let rounds = 0;
    const encounters = s.scenario.encounters;
    for (let e = 0; e < encounters.length; e++) {
      if (encounters[e].shortRestBefore === true) shortRest(s);
      const totals = agg.encounters[e];
      const fought = runFight(s, e, totals);
      const outcome = fought & 3 /* FIGHT_OUTCOME_MASK */;
      rounds += fought >>> 2 /* FIGHT_ROUNDS_SHIFT */;
      if (s.log !== null) encounterOutcomes.push(OUTCOME_NAMES[outcome]);
      if (outcome !== 1 /* OUTCOME_VICTORY */) {
        dayOutcome = outcome === 2 /* OUTCOME_DEFEAT */ ? 'defeat' : 'draw';
        break;
      }
    }
    let deaths = 0, partyHp = 0, partyMax = 0, anyDown = false;
    for (let i = 0; i < party.length; i++) {
      const c = party[i];
      if (c.dead === true) {
        deaths++;
        c.charTotals!.deathRuns++;
      }
      if (c.wentDown === true) {
        c.charTotals!.downRuns++;
        anyDown = true;
      }
      partyHp += c.hp;
      partyMax += c.maxHp;
    }
    recordRunEnd(agg, run, dayOutcome, deaths, rounds, partyHp, partyMax, anyDown);
    return wantResult === true ? { outcome: dayOutcome, deaths, rounds, partyHp, encounterOutcomes } : null;
  }
}

/** Adds a combatant's damage and healing since the last flush into its totals. */
function flushTotals(c: Combatant): void {
  if (c.damageDealt === 0 && c.damageTaken === 0 && c.healingDone === 0) return;
  c.totals.damageDealt += c.damageDealt;
  c.totals.damageTaken += c.damageTaken;
  c.totals.healingDone += c.healingDone;
  c.damageDealt = 0;
  c.damageTaken = 0;
  c.healingDone = 0;
}

// A fight's outcome and rounds packed in one integer (no array per fight): the outcome in the low
// two bits (FIGHT_OUTCOME_MASK), the rounds above them (FIGHT_ROUNDS_SHIFT).
export const FIGHT_ROUNDS_SHIFT = 2;
export const FIGHT_OUTCOME_MASK = 3;

/** Runs encounter `e`; returns its outcome | rounds << FIGHT_ROUNDS_SHIFT. */
export function runFight(s: FightState, e: number, totals: EncounterTotals): number {
  const rng = s.rng;
  const spec = s.scenario.encounters[e];
  const enemies = s.encounterEnemies[e];
  s.enemies = enemies;
  s.sides = s.encounterSides[e];
  s.encounterIndex = e;
  s.fightSerial++;
  const party = s.party;
  for (let i = 0; i < enemies.length; i++) enemies[i].reset(rng, s.rich);
  totals.reached++;
  for (let i = 0; i < party.length; i++) refreshForFight(s, party[i]);
  // Combatants: the living party (the downed still roll death saves) and the enemies.
  // Written in place: emptying the array first would give it a new backing store every fight.
  const all = s.all;
  let count = 0;
  for (let i = 0; i < party.length; i++) if (party[i].dead === false) all[count++] = party[i];
  for (let i = 0; i < enemies.length; i++) all[count++] = enemies[i];
  if (all.length !== count) all.length = count;
  if (s.order.length < count) {
    s.order = new Int32Array(count * 2);
    s.initiativeKeys = new Float64Array(count * 2);
  }
  const order = s.order;
  const keys = s.initiativeKeys;
  // Surprise: the surprised side loses its first turn (2014) or rolls initiative with disadvantage (2024).
  const surprisedSide = spec.surprise === 'party' ? 0 /* SIDE_PARTY */ : spec.surprise === 'enemies' ? 1 /* SIDE_ENEMY */ : -1;
  const losesTurnSide = s.scenario.surpriseLosesTurn ? surprisedSide : -1;
  const slowStartSide = s.scenario.surpriseLosesTurn ? -1 : surprisedSide;
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    let roll = rng.die(20);
    const disadvantage = c.side === slowStartSide;
    if (c.t.initiativeAdvantage === true && !disadvantage) roll = Math.max(roll, rng.die(20));
    else if (disadvantage && c.t.initiativeAdvantage === false) roll = Math.min(roll, rng.die(20));
    c.initiative = roll + c.t.initiativeBonus;
    // The total, then the run's own random tiebreak, as one number (exact: below 2^53).
    keys[i] = c.initiative * 4294967296 /* 2^32 */ + rng.nextU32();
    order[i] = i;
    if (s.log !== null) s.rolls[i] = roll;
  }
  // Insertion sort, highest initiative first; ties by the run's own random tiebreak.
  for (let i = 1; i < count; i++) {
    const v = order[i];
    const key = keys[v];
    let j = i - 1;
    while (j >= 0 && keys[order[j]] < key) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
  if (s.scenario.initiativeFirst >= 0) sideFirst(all, order, s.scenario.initiativeFirst);
  s.countStanding();
  if (s.log !== null) s.log.push({ t: 'encounter', encounter: e, name: spec.name });
  if (s.rich === true) startFight(s);
  if (s.log !== null) {
    s.log.push({
      t: 'initiative',
      order: Array.from(order.subarray(0, all.length), (i) => ({ who: all[i].name, roll: s.rolls[i], total: all[i].initiative })),
    });
  }
  recordHpAt(s, 0);
  const cap = s.scenario.rules.roundCap;
  let outcome = s.outcome();
  let round = 0;
  while (outcome === 0 /* OUTCOME_NONE */ && round < cap) {
    round++;
    if (s.log !== null) s.log.push({ t: 'round', round });
    let lairDone = s.lairInFight === 0;
    for (let k = 0; k < all.length; k++) {
      const c = all[order[k]];
      if (!lairDone && c.initiative < 20) {
        // Lair actions happen on initiative count 20, after those who rolled 20 or more.
        lairDone = true;
        lairActions(s);
        outcome = s.outcome();
        if (outcome !== 0 /* OUTCOME_NONE */) break;
      }
      if (c.dead === true || (c.isCharacter === false && c.hp <= 0)) continue;
      if (round === 1 && c.side === losesTurnSide) {
        if (s.log !== null) s.log.push({ t: 'surprised', who: c.name });
        continue;
      }
      takeTurn(s, c);
      outcome = s.outcome();
      if (outcome !== 0 /* OUTCOME_NONE */) break;
      if (s.legendaryInFight > 0) {
        legendaryAfter(s, c);
        outcome = s.outcome();
        if (outcome !== 0 /* OUTCOME_NONE */) break;
      }
    }
    if (!lairDone && outcome === 0 /* OUTCOME_NONE */) {
      lairActions(s);
      outcome = s.outcome();
    }
    if (round <= 10 /* TRACKED_ROUNDS */ && outcome === 0 /* OUTCOME_NONE */) recordHpAt(s, round);
  }
  if (outcome === 0 /* OUTCOME_NONE */) outcome = 3 /* OUTCOME_DRAW */;
  if (s.rich === true) endFight(s);
  afterFight(s, outcome);
  // Rounds after the end keep the final HP, so every run contributes to every tracked round.
  recordHpTail(s, Math.max(1, outcome === 3 /* OUTCOME_DRAW */ ? round + 1 : round));
  totals.roundsSum += round;
  totals.roundsHist[round]++;
  if (outcome === 1 /* OUTCOME_VICTORY */) totals.victory++;
  else if (outcome === 2 /* OUTCOME_DEFEAT */) totals.defeat++;
  else totals.draw++;
  // A summoned creature that never came, or left with its summoner, was not killed.
  for (let j = 0; j < enemies.length; j++) if (enemies[j].hp <= 0 && enemies[j].absent === false) (totals.enemies[j]).killedRuns++;
  if (s.rich === true) countArrivals(s, totals);
  if (s.log !== null) s.log.push({ t: 'end', encounter: e, outcome: OUTCOME_NAMES[outcome], rounds: round });
  return outcome | (round << 2 /* FIGHT_ROUNDS_SHIFT */);
}

/**
 * Moves one side's combatants ahead of the other's, each side keeping its rolled order. The dice are
 * rolled as usual first, so a run uses the same random numbers with or without this option.
 */
function sideFirst(all: Combatant[], order: Int32Array, side: number): void {
  const n = all.length;
  const sorted = Array.from(order.subarray(0, n));
  let k = 0;
  for (const i of sorted) if (all[i].side === side) order[k++] = i;
  for (const i of sorted) if (all[i].side !== side) order[k++] = i;
}

/** Records both sides' HP at the end of round `round` (0: before the first turn), deferred to the end of the chunk. */
function recordHpAt(s: FightState, round: number): void {
  const records = s.hpRecords[s.encounterIndex];
  records[0].add(round, s.sideHp[0 /* SIDE_PARTY */], s.sideMaxHp[0 /* SIDE_PARTY */]);
  records[1].add(round, s.sideHp[1 /* SIDE_ENEMY */], s.sideMaxHp[1 /* SIDE_ENEMY */]);
}

/** Records both sides' HP for rounds `from` to TRACKED_ROUNDS, deferred to the end of the chunk. */
function recordHpTail(s: FightState, from: number): void {
  const records = s.hpRecords[s.encounterIndex];
  records[0].addTail(from, s.sideHp[0 /* SIDE_PARTY */], s.sideMaxHp[0 /* SIDE_PARTY */]);
  records[1].addTail(from, s.sideHp[1 /* SIDE_ENEMY */], s.sideMaxHp[1 /* SIDE_ENEMY */]);
}

export function takeTurn(s: FightState, c: Combatant): void {
  if (s.rich === false) {
    act(s, c);
    return;
  }
  s.current = c;
  s.turnStamp++;
  if (s.log !== null) s.log.push({ t: 'turn', who: c.name, hp: c.hp });
  startTurn(s, c);
  if (!c.dead && (c.isCharacter || c.hp > 0)) act(s, c);
  if (!c.dead && s.outcome() === 0 /* OUTCOME_NONE */) endTurn(s, c);
  s.current = null;
}

export function act(s: FightState, c: Combatant): void {
  if (s.log !== null && !s.rich) s.log.push({ t: 'turn', who: c.name, hp: c.hp });
  if (c.hp <= 0) {
    // A character at 0 HP: stable ones wait, dying ones roll; a natural 20 brings them back.
    if (c.stable === true) return;
    deathSave(s, c);
    if (c.hp <= 0) return;
  }
  rollRecharges(s, c);
  // Incapacitated (also stunned, paralyzed, unconscious): no actions this turn.
  if ((c.conditionMask & 1576 /* C_NO_ACTIONS */) !== 0) return;
  // Spells make a scenario rich: the lean path keeps no spells-per-turn state.
  const rich = s.rich === true;
  if (rich) startTurnSpells(s);
  const main = c.fixedAction >= 0 && !rich ? c.fixedAction : chooseAction(s, c, 0);
  if (main >= 0) {
    perform(s, c, main);
    if (rich) actionTaken(s, c.actions[main]);
  }
  if (c.hp <= 0 || s.outcome() !== 0 /* OUTCOME_NONE */ || (rich && bonusActionTaken(s, c))) return;
  const bonus = c.hasBonusAction === true ? chooseAction(s, c, 1) : -1;
  if (bonus >= 0) perform(s, c, bonus);
  else if (main >= 0 && s.log !== null) explainBonusSpell(s, c, main);
}
