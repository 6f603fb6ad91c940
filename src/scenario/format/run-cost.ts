// What one simulated day costs, estimated from the compiled scenario before anything runs, so a
// file, link or edit that would keep the workers busy for hours is refused or asked about first.
//
// Units: microseconds of one core for one simulated day (one run), as measured by
// scripts/calibrate-run-cost.ts on the 2-core development machine (Node 20, lean mode). The model
// counts the work the run loop does: a turn for every creature in every round, a scan of the other
// side to pick targets, an attack roll per attack and a roll per damage die, over the rounds a fight
// is expected to last. A fight's length comes from the damage each side can deal the other (hit
// chance against the other side's armour, resistances and immunities) against the other side's hit
// points, capped by the round cap: two sides that cannot hurt each other fight to the cap.
// Summoned creatures held in reserve are counted as if they came at once and fought to the end (their
// turns, rolls and dice, and their hit points to beat), but not their damage, which may come late or
// never (a wraith's specters need a corpse): the fight is assumed as long as it would be without it.
// The constants are a least-squares fit (of relative error) to the measured time of eleven
// scenarios from a duel to 60 against 60 at the round cap; each estimate was within 0.7 to 1.2
// times the measured time. A browser worker is slower than Node by up to about 1.5 times.
// Pure: no engine state, no clocks.

import { DAMAGE_TYPES, diceMean, type CompiledScenario, type DiceExpr } from '../../engine/index.ts';

type CreatureTemplate = CompiledScenario['party'][number];
type CompiledAction = CreatureTemplate['actions'][number];

/** The bits of a compiled damage type; a bit above them marks damage from a nonmagical attack. */
const TYPE_BITS = (1 << DAMAGE_TYPES.length) - 1;

/** What a run does, counted: the estimate is these counts weighted by COST_MODEL. */
export interface RunWork {
  /** Creatures set up for a fight (once per creature per fight). */
  creatureFights: number;
  /** Creature turns. */
  turns: number;
  /** Creatures of the other side looked at when picking targets, over all turns. */
  scanned: number;
  /** Attack rolls and saving throws. */
  rolls: number;
  /** Damage dice rolled if every attack hit. */
  dice: number;
}

/** Fitted costs, in microseconds of one core per unit of RunWork (see the header). */
export const COST_MODEL: Readonly<RunWork> = {
  creatureFights: 0.09,
  turns: 0.08,
  scanned: 0.008,
  rolls: 0.046,
  dice: 0.007,
};

/** Share of a fight's creatures still taking turns, on average over a fight that ends by damage. */
const STANDING_SHARE = 0.6;

const WORK_KEYS = ['creatureFights', 'turns', 'scanned', 'rolls', 'dice'] as const;
const emptyWork = (): RunWork => ({ creatureFights: 0, turns: 0, scanned: 0, rolls: 0, dice: 0 });
/** Microseconds of one core for this much work. */
export const workMicroseconds = (w: RunWork): number => WORK_KEYS.reduce((s, k) => s + w[k] * COST_MODEL[k], 0);

/**
 * One simulated day estimated above this (microseconds of one core) makes the file refused: its
 * default 10,000 runs would take more than about an hour of one core.
 */
export const HARD_LIMIT_PER_RUN_US = 400_000;
/**
 * A request estimated above this (microseconds of one core in all: 30 s) is not started without the
 * user's yes when nobody clicked for it (a share link, an edit, an example).
 */
export const SOFT_LIMIT_TOTAL_US = 30_000_000;
/**
 * The same for the Simulate button, whose click already chose the number of runs: above 10 minutes
 * of one core the user is still asked, because then the scenario, not the count, makes it long.
 */
export const CLICKED_SOFT_LIMIT_TOTAL_US = 600_000_000;
/** A share link or an edit never starts more runs than this without a click. */
export const MAX_UNASKED_RUNS = 1_000_000;

export interface EncounterCost {
  index: number;
  name: string;
  creatures: number;
  /** Of those, summoned creatures held in reserve (counted as if they came at once). */
  summoned: number;
  /** Estimated rounds the fight lasts (at most the round cap). */
  rounds: number;
  /** Whether the rounds are the round cap because neither side can finish the other. */
  toRoundCap: boolean;
  /** Attack rolls and saving throws in one round. */
  rollsPerRound: number;
  /** Damage dice in one round (if every attack hit). */
  dicePerRound: number;
  /** Estimated microseconds of one core for this fight. */
  microseconds: number;
  /** The creature whose turn costs most, and its most expensive action. */
  costliest: { name: string; action: string; dice: number; rolls: number } | null;
}

export interface RunCostEstimate {
  /** Estimated microseconds of one core for one simulated day. */
  perRunUs: number;
  /** The work counted for one simulated day. */
  work: RunWork;
  encounters: EncounterCost[];
}

const diceCount = (d: DiceExpr | null): number => (d ? d.terms.reduce((n, t) => n + t.count, 0) : 0);

/** Dice and rolls of one use of an action against a side of `opponents` creatures. */
function actionWork(a: CompiledAction, opponents: number): { dice: number; rolls: number } {
  let dice = 0, rolls = 0;
  for (const at of a.attacks) {
    rolls += at.count;
    dice += at.count * (diceCount(at.damage) + (at.extra ?? []).reduce((n, p) => n + diceCount(p.damage), 0));
  }
  const targets = Math.min(Math.max(1, a.targets), Math.max(1, opponents));
  if (a.damage) {
    rolls += targets;
    dice += diceCount(a.damage);
  }
  if (a.amount) dice += diceCount(a.amount);
  if (a.effect && a.effectSaveAbility >= 0) rolls += targets;
  return { dice, rolls };
}

/** How much of a damage type's mean gets through to a side: 0 when all are immune, 0.5 when all resist. */
function throughFactor(bit: number, side: CreatureTemplate[]): number {
  const type = bit & TYPE_BITS;
  const nonmagical = (bit & ~TYPE_BITS) !== 0;
  let sum = 0;
  for (const c of side) {
    const immune = (c.immuneMask & type) !== 0 || (nonmagical && (c.nonmagicalImmuneMask & type) !== 0);
    const resist = (c.resistMask & type) !== 0 || (nonmagical && (c.nonmagicalResistMask & type) !== 0);
    sum += immune ? 0 : (resist ? 0.5 : 1) * ((c.vulnMask & type) !== 0 ? 2 : 1);
  }
  return side.length ? sum / side.length : 0;
}

const clampChance = (p: number): number => Math.min(0.95, Math.max(0.05, p));

/** Mean damage per use of an action against a side, counting hit chance and defences. */
function actionDamage(a: CompiledAction, side: CreatureTemplate[], meanAc: number, meanSave: number): number {
  let total = 0;
  for (const at of a.attacks) {
    const hit = clampChance((21 - (meanAc - at.toHit)) / 20);
    let perHit = diceMean(at.damage) * throughFactor(at.damageBit, side);
    for (const p of at.extra ?? []) perHit += diceMean(p.damage) * throughFactor(p.bit, side);
    total += at.count * hit * Math.max(0, perHit);
  }
  if (a.damage) {
    const fail = clampChance((a.dc - meanSave) / 20);
    const mean = Math.max(0, diceMean(a.damage)) * throughFactor(a.damageBit, side);
    const targets = Math.min(Math.max(1, a.targets), side.length);
    total += targets * mean * (fail + (a.halfOnSuccess ? (1 - fail) / 2 : 0));
  }
  return total;
}

interface SideFigures {
  damagePerRound: number;
  hp: number;
  /** One round of this side's turns. */
  work: RunWork;
  costliest: EncounterCost['costliest'];
  costliestUs: number;
}

/** Per round: what a side deals to the other, and the work of its turns. */
function sideFigures(own: CreatureTemplate[], other: CreatureTemplate[]): SideFigures {
  // Damage is dealt to those there from the start; summoned creatures in reserve deal none (see the header).
  const present = other.filter((c) => !c.reserve);
  const targets = present.length > 0 ? present : other;
  const meanAc = targets.reduce((s, c) => s + c.ac, 0) / targets.length;
  const meanSave = targets.reduce((s, c) => s + (c.saves.reduce((a, b) => a + b, 0) / Math.max(1, c.saves.length)), 0) / targets.length;
  const out: SideFigures = { damagePerRound: 0, hp: 0, work: emptyWork(), costliest: null, costliestUs: -1 };
  for (const c of own) {
    out.hp += c.hpFormula ? Math.max(1, diceMean(c.hpFormula)) : c.hp;
    // Per turn: the most damaging action and bonus action, and the most expensive of each.
    const bestDamage = [0, 0], bestDice = [0, 0], bestRolls = [0, 0];
    let costliestAction = '';
    let costliestWork = -1;
    for (const a of c.actions) {
      if (a.slot > 1) continue;
      const slot = a.slot;
      const work = actionWork(a, other.length);
      bestDamage[slot] = Math.max(bestDamage[slot], actionDamage(a, targets, meanAc, meanSave));
      bestDice[slot] = Math.max(bestDice[slot], work.dice);
      bestRolls[slot] = Math.max(bestRolls[slot], work.rolls);
      const w = work.rolls * COST_MODEL.rolls + work.dice * COST_MODEL.dice;
      if (w > costliestWork) {
        costliestWork = w;
        costliestAction = a.name;
      }
    }
    // Legendary actions: about one more roll and two dice per point.
    const legendary = c.legendaryPerRound;
    const damage = bestDamage[0] + bestDamage[1];
    const turn: RunWork = {
      creatureFights: 0,
      turns: 1,
      scanned: other.length,
      rolls: bestRolls[0] + bestRolls[1] + legendary,
      dice: bestDice[0] + bestDice[1] + legendary * 2,
    };
    if (!c.reserve) out.damagePerRound += damage;
    for (const k of WORK_KEYS) out.work[k] += turn[k];
    const turnUs = workMicroseconds(turn);
    if (turnUs > out.costliestUs) {
      out.costliestUs = turnUs;
      out.costliest = { name: c.name, action: costliestAction, dice: turn.dice, rolls: turn.rolls };
    }
  }
  return out;
}

/**
 * Rounds a fight lasts: the rounds one side needs to bring the other's hit points to 0 at its
 * opening rate, stretched because a side deals less as it loses creatures, and capped.
 */
function fightRounds(party: SideFigures, enemies: SideFigures, cap: number): { rounds: number; toRoundCap: boolean } {
  const toBeat = (hp: number, dpr: number) => (dpr > 1e-9 ? hp / dpr : Infinity);
  const shortest = Math.min(toBeat(enemies.hp, party.damagePerRound), toBeat(party.hp, enemies.damagePerRound));
  // A fallen party is finished off and dying characters roll their saves: a few rounds more.
  const rounds = Math.ceil(shortest * 1.6) + 2;
  return rounds >= cap ? { rounds: cap, toRoundCap: true } : { rounds, toRoundCap: false };
}

/** The estimated cost of one simulated day of a compiled scenario. */
export function estimateRunCost(compiled: CompiledScenario): RunCostEstimate {
  const total = emptyWork();
  const encounters = compiled.encounters.map((e, index): EncounterCost => {
    const party = sideFigures(compiled.party, e.enemies);
    const enemies = sideFigures(e.enemies, compiled.party);
    const { rounds, toRoundCap } = fightRounds(party, enemies, compiled.rules.roundCap);
    const creatures = compiled.party.length + e.enemies.length;
    // A fight that ends by damage loses creatures as it goes: on average about STANDING_SHARE of
    // them are still taking turns. Sides that cannot hurt each other keep everyone to the cap.
    const standing = toRoundCap ? 1 : STANDING_SHARE;
    const work = emptyWork();
    work.creatureFights = creatures;
    for (const k of WORK_KEYS) if (k !== 'creatureFights') work[k] = rounds * standing * (party.work[k] + enemies.work[k]);
    for (const k of WORK_KEYS) total[k] += work[k];
    const costliest = party.costliestUs >= enemies.costliestUs ? party.costliest : enemies.costliest;
    return {
      index, name: e.name, creatures, summoned: e.enemies.filter((c) => c.reserve).length, rounds, toRoundCap, microseconds: workMicroseconds(work), costliest,
      rollsPerRound: party.work.rolls + enemies.work.rolls, dicePerRound: party.work.dice + enemies.work.dice,
    };
  });
  return { perRunUs: workMicroseconds(total), work: total, encounters };
}

const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A duration in words: "0.4 s", "12 minutes", "3.5 hours". */
export function describeDuration(microseconds: number): string {
  const s = microseconds / 1e6;
  if (s < 1) return `${s.toFixed(2)} s`;
  if (s < 90) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} minutes`;
  if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} hours`;
  return `${grouped(s / 86400)} days`;
}

/** What makes a scenario expensive, in words: its most expensive fight and why. */
export function describeCost(estimate: RunCostEstimate): string {
  const worst = estimate.encounters.reduce((a, b) => (b.microseconds > a.microseconds ? b : a));
  const why = worst.toRoundCap
    ? `up to the round cap of ${grouped(worst.rounds)} rounds, because neither side deals enough damage to the other (immunities, resistances or armour) to end it sooner`
    : `about ${grouped(worst.rounds)} rounds`;
  const summoned = worst.summoned > 0 ? ` (${grouped(worst.summoned)} of them summoned creatures in reserve, counted as if they came at once)` : '';
  let text = `encounters[${worst.index}] (${worst.name}) has ${grouped(worst.creatures)} creatures${summoned} fighting ${why}, `
    + `with ${grouped(worst.rollsPerRound)} attack rolls and saves and ${grouped(worst.dicePerRound)} damage dice a round`;
  const c = worst.costliest;
  if (c && c.dice + c.rolls > 0) text += `; the costliest turn is ${c.name}'s (${c.action}: ${grouped(c.rolls)} rolls, ${grouped(c.dice)} dice)`;
  return text;
}

/** The hard limit's message, or null when one simulated day is within it. */
export function runCostProblem(estimate: RunCostEstimate): string | null {
  if (estimate.perRunUs <= HARD_LIMIT_PER_RUN_US) return null;
  return `is too expensive to simulate: one simulated day would take about ${describeDuration(estimate.perRunUs)} of one core, `
    + `so 10,000 runs would take ${describeDuration(estimate.perRunUs * 10_000)} (the limit is ${describeDuration(HARD_LIMIT_PER_RUN_US)} a day). `
    + `What makes it expensive: ${describeCost(estimate)}.`;
}

/**
 * Why a request should be asked about before it runs, or null: more estimated time than the soft
 * limit (a higher one when the user clicked to start it), or, when nobody clicked, more runs than
 * MAX_UNASKED_RUNS.
 */
export function runCostQuestion(estimate: RunCostEstimate, runs: number, clicked: boolean): string | null {
  const total = estimate.perRunUs * runs;
  if (total > (clicked ? CLICKED_SOFT_LIMIT_TOTAL_US : SOFT_LIMIT_TOTAL_US)) {
    return `${grouped(runs)} runs of this scenario would take about ${describeDuration(total)} of one core (${describeDuration(estimate.perRunUs)} a run): ${describeCost(estimate)}.`;
  }
  if (!clicked && runs > MAX_UNASKED_RUNS) {
    return `${grouped(runs)} runs were asked for, more than the ${grouped(MAX_UNASKED_RUNS)} started without a click (about ${describeDuration(total)} of one core).`;
  }
  return null;
}
