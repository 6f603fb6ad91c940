// Aggregates: what a batch of runs leaves behind. Every field is an integer count, an integer sum
// or a fixed-bin histogram, and representative runs are kept by (severity, lowest run index), so
// merging is exact and order-free: one chunk or fifty, any worker, same aggregate to the bit.

export const AGGREGATE_VERSION = 1;
/** Rounds 0 (start) to this are tracked for the HP-over-rounds chart. */
export const TRACKED_ROUNDS = 10;
/** HP fraction bins of one percent: 0..100. */
export const HP_FRACTION_BINS = 101;
/** Total rounds in a day above this land in the last bin (the exact sum keeps the mean exact). */
export const DAY_ROUND_BINS = 201;
export const MAX_COUNTED_DEATHS = 8;
/** Severity is lexicographic: outcome, then deaths, then percent of party HP lost. See runSeverity. */
export const SEVERITY_BINS = 2 * 909 + MAX_COUNTED_DEATHS * 101 + 101;

export interface AggregateLayout {
  /** Names of the party's combatants (a creature with count > 1 expands to numbered names). */
  party: string[];
  /** Each character's actions, for resource counts. */
  partyActions: string[][];
  /**
   * Whether each of those actions spends something the day has little of (limited uses, a recharge
   * or a spell slot). Absent from results stored by engines before 1.3.0.
   */
  partyActionLimited?: boolean[][];
  encounters: Array<{
    name: string; enemies: string[]; enemyActions: string[][];
    /**
     * Per enemy, what summoned it (null for an enemy of the encounter's list). Present only in
     * encounters with summoned creatures, so other layouts and aggregates stay as they were.
     */
    summoned?: Array<SummonedEnemy | null>;
  }>;
  roundCap: number;
  /** Highest possible total party HP: bins of the end-of-day HP histogram. */
  partyHpMax: number;
}

/** A summoned enemy: its summoner (an index in the same encounter's enemies) and how it came. */
export interface SummonedEnemy {
  summoner: number;
  /** The summons' name ("Children of the Night") and the summoned creature's own ("Swarm of Bats"). */
  summons: string;
  creature: string;
  /** Held in reserve until called during the fight (its arrivals are counted), rather than there from the start. */
  reserve: boolean;
}

export interface CreatureTotals {
  damageDealt: number;
  damageTaken: number;
  healingDone: number;
  /** Uses of each action, summed over runs. */
  actionUses: number[];
}

export interface CharacterTotals extends CreatureTotals {
  /** Runs in which the character dropped to 0 HP at least once. */
  downRuns: number;
  /** Total drops to 0 HP over all runs. */
  downs: number;
  deathRuns: number;
  hitDiceSpent: number;
}

export interface EnemyTotals extends CreatureTotals {
  /** Runs in which this enemy was reached and dropped to 0 HP. */
  killedRuns: number;
  /** A summoned creature held in reserve: runs in which it came into the fight (absent for every other enemy). */
  arrivedRuns?: number;
}

export interface SideHpTrack {
  /** Per round: sum over runs of HP fraction in basis points (integer, so sums merge exactly). */
  basisPointSum: number[];
  /** Per round: histogram of HP percent (HP_FRACTION_BINS bins). */
  percentHist: number[][];
}

export interface EncounterTotals {
  reached: number;
  victory: number;
  defeat: number;
  draw: number;
  roundsSum: number;
  /** Index r counts encounters that lasted r rounds (0..roundCap). */
  roundsHist: number[];
  partyHp: SideHpTrack;
  enemyHp: SideHpTrack;
  enemies: EnemyTotals[];
}

export interface RepresentativeRun {
  severity: number;
  run: number;
}

export interface Aggregate {
  version: number;
  runs: number;
  dayVictory: number;
  dayDefeat: number;
  dayDraw: number;
  dayRoundsSum: number;
  dayRoundsHist: number[];
  deathsSum: number;
  deathsSquaresSum: number;
  anyDeathRuns: number;
  /**
   * Runs in which at least one character dropped to 0 HP. Absent from results stored by engines
   * before 1.3.0, which did not count it.
   */
  anyDownRuns?: number;
  /** Histogram of total party HP at the end of the day: index = HP. */
  partyHpEndHist: number[];
  partyHpEndSum: number;
  characters: CharacterTotals[];
  encounters: EncounterTotals[];
  severityHist: number[];
  /** Per severity bin: the lowest run index with that severity, or -1. */
  severityFirstRun: number[];
  worst: RepresentativeRun | null;
  best: RepresentativeRun | null;
  firstDefeatRun: number;
  /**
   * Opt-in (emptyAggregate(layout, { runOutcomes: true })): each run's outcome by run index, for
   * comparisons paired run by run. Absent from ordinary aggregates, which stay as they were.
   */
  runOutcomes?: RunOutcomeSegment[];
}

/**
 * Consecutive runs from `from`: one character per run, '0' + (RUN_WON | RUN_SOMEONE_DIED bits).
 * Segments merge by run index, so chunks may arrive in any order.
 */
export interface RunOutcomeSegment {
  from: number;
  codes: string;
}

/** The party won the day. */
export const RUN_WON = 1;
/** At least one character died. */
export const RUN_SOMEONE_DIED = 2;

export interface AggregateOptions {
  /** Keep each run's outcome (runOutcomes). */
  runOutcomes?: boolean;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

function emptyTrack(): SideHpTrack {
  const percentHist: number[][] = [];
  for (let r = 0; r <= TRACKED_ROUNDS; r++) percentHist.push(zeros(HP_FRACTION_BINS));
  return { basisPointSum: zeros(TRACKED_ROUNDS + 1), percentHist };
}

export function emptyAggregate(layout: AggregateLayout, options: AggregateOptions = {}): Aggregate {
  const agg: Aggregate = {
    version: AGGREGATE_VERSION,
    runs: 0,
    dayVictory: 0,
    dayDefeat: 0,
    dayDraw: 0,
    dayRoundsSum: 0,
    dayRoundsHist: zeros(DAY_ROUND_BINS),
    deathsSum: 0,
    deathsSquaresSum: 0,
    anyDeathRuns: 0,
    anyDownRuns: 0,
    partyHpEndHist: zeros(layout.partyHpMax + 1),
    partyHpEndSum: 0,
    characters: layout.party.map((_, i) => ({
      damageDealt: 0, damageTaken: 0, healingDone: 0, actionUses: zeros(layout.partyActions[i].length),
      downRuns: 0, downs: 0, deathRuns: 0, hitDiceSpent: 0,
    })),
    encounters: layout.encounters.map((e) => ({
      reached: 0, victory: 0, defeat: 0, draw: 0, roundsSum: 0,
      roundsHist: zeros(layout.roundCap + 1),
      partyHp: emptyTrack(),
      enemyHp: emptyTrack(),
      enemies: e.enemies.map((_, j): EnemyTotals => {
        const totals: EnemyTotals = { damageDealt: 0, damageTaken: 0, healingDone: 0, actionUses: zeros(e.enemyActions[j].length), killedRuns: 0 };
        if (e.summoned?.[j]?.reserve) totals.arrivedRuns = 0;
        return totals;
      }),
    })),
    severityHist: zeros(SEVERITY_BINS),
    severityFirstRun: new Array<number>(SEVERITY_BINS).fill(-1),
    worst: null,
    best: null,
    firstDefeatRun: -1,
  };
  if (options.runOutcomes) agg.runOutcomes = [];
  return agg;
}

function addInto(target: number[], source: number[]): void {
  if (target.length !== source.length) throw new Error('Cannot merge aggregates of different scenarios (array sizes differ)');
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

function minRun(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return a < b ? a : b;
}

/** Worse = higher severity; between equals, the lower run index, so the choice is order-free. */
function pickWorst(a: RepresentativeRun | null, b: RepresentativeRun | null): RepresentativeRun | null {
  if (!a) return b && { ...b };
  if (!b) return a;
  if (b.severity > a.severity || (b.severity === a.severity && b.run < a.run)) return { ...b };
  return a;
}

function pickBest(a: RepresentativeRun | null, b: RepresentativeRun | null): RepresentativeRun | null {
  if (!a) return b && { ...b };
  if (!b) return a;
  if (b.severity < a.severity || (b.severity === a.severity && b.run < a.run)) return { ...b };
  return a;
}

function mergeTotals(t: CreatureTotals, s: CreatureTotals): void {
  t.damageDealt += s.damageDealt;
  t.damageTaken += s.damageTaken;
  t.healingDone += s.healingDone;
  addInto(t.actionUses, s.actionUses);
}

function mergeTrack(t: SideHpTrack, s: SideHpTrack): void {
  addInto(t.basisPointSum, s.basisPointSum);
  for (let r = 0; r < t.percentHist.length; r++) addInto(t.percentHist[r], s.percentHist[r]);
}

/** Both lists of segments as one, by run index; adjacent segments join. Refuses runs counted twice. */
function mergeRunOutcomes(a: RunOutcomeSegment[], b: RunOutcomeSegment[]): RunOutcomeSegment[] {
  const out: RunOutcomeSegment[] = [];
  for (const seg of [...a, ...b].sort((x, y) => x.from - y.from)) {
    const last = out[out.length - 1];
    const end = last ? last.from + last.codes.length : -1;
    if (last && end > seg.from) throw new Error(`Cannot merge aggregates that both hold run ${seg.from}`);
    if (last && end === seg.from) last.codes += seg.codes;
    else out.push({ from: seg.from, codes: seg.codes });
  }
  return out;
}

/** Adds `source` into `target` (mutating it) and returns target. */
export function mergeInto(target: Aggregate, source: Aggregate): Aggregate {
  if (target.version !== source.version) throw new Error(`Cannot merge aggregate version ${source.version} into ${target.version}`);
  if (target.characters.length !== source.characters.length || target.encounters.length !== source.encounters.length) {
    throw new Error('Cannot merge aggregates of different scenarios');
  }
  if (target.runOutcomes || source.runOutcomes) {
    // An aggregate of no runs has every run's outcome; one of some runs without them cannot say.
    const a = target.runOutcomes ?? (target.runs === 0 ? [] : undefined);
    const b = source.runOutcomes ?? (source.runs === 0 ? [] : undefined);
    target.runOutcomes = a && b ? mergeRunOutcomes(a, b) : undefined;
    if (!target.runOutcomes) delete target.runOutcomes;
  }
  target.runs += source.runs;
  target.dayVictory += source.dayVictory;
  target.dayDefeat += source.dayDefeat;
  target.dayDraw += source.dayDraw;
  target.dayRoundsSum += source.dayRoundsSum;
  addInto(target.dayRoundsHist, source.dayRoundsHist);
  target.deathsSum += source.deathsSum;
  target.deathsSquaresSum += source.deathsSquaresSum;
  target.anyDeathRuns += source.anyDeathRuns;
  // A merge with a result that did not count it cannot say.
  target.anyDownRuns = target.anyDownRuns === undefined || source.anyDownRuns === undefined ? undefined : target.anyDownRuns + source.anyDownRuns;
  addInto(target.partyHpEndHist, source.partyHpEndHist);
  target.partyHpEndSum += source.partyHpEndSum;
  for (let i = 0; i < target.characters.length; i++) {
    const t = target.characters[i], s = source.characters[i];
    mergeTotals(t, s);
    t.downRuns += s.downRuns;
    t.downs += s.downs;
    t.deathRuns += s.deathRuns;
    t.hitDiceSpent += s.hitDiceSpent;
  }
  for (let e = 0; e < target.encounters.length; e++) {
    const t = target.encounters[e], s = source.encounters[e];
    t.reached += s.reached;
    t.victory += s.victory;
    t.defeat += s.defeat;
    t.draw += s.draw;
    t.roundsSum += s.roundsSum;
    addInto(t.roundsHist, s.roundsHist);
    mergeTrack(t.partyHp, s.partyHp);
    mergeTrack(t.enemyHp, s.enemyHp);
    if (t.enemies.length !== s.enemies.length) throw new Error('Cannot merge aggregates of different scenarios');
    for (let j = 0; j < t.enemies.length; j++) {
      mergeTotals(t.enemies[j], s.enemies[j]);
      t.enemies[j].killedRuns += s.enemies[j].killedRuns;
      if (t.enemies[j].arrivedRuns !== undefined) t.enemies[j].arrivedRuns! += s.enemies[j].arrivedRuns ?? 0;
    }
  }
  addInto(target.severityHist, source.severityHist);
  for (let i = 0; i < target.severityFirstRun.length; i++) {
    target.severityFirstRun[i] = minRun(target.severityFirstRun[i], source.severityFirstRun[i]);
  }
  target.worst = pickWorst(target.worst, source.worst);
  target.best = pickBest(target.best, source.best);
  target.firstDefeatRun = minRun(target.firstDefeatRun, source.firstDefeatRun);
  return target;
}

export type DayOutcome = 'victory' | 'defeat' | 'draw';

/**
 * A run's severity for the party, ordered by outcome (defeat > draw > victory), then by deaths,
 * then by the percent of party HP lost. Integer, within [0, SEVERITY_BINS).
 */
export function runSeverity(outcome: DayOutcome, deaths: number, hpLostPercent: number): number {
  const outcomeRank = outcome === 'defeat' ? 2 : outcome === 'draw' ? 1 : 0;
  return outcomeRank * 909 + Math.min(deaths, MAX_COUNTED_DEATHS) * 101 + hpLostPercent;
}

/** Records the per-run facts that are only known at the end of the day. */
export function recordRunEnd(
  agg: Aggregate, run: number, outcome: DayOutcome, deaths: number, roundsFought: number, partyHp: number, partyMaxHp: number,
  anyWentDown = deaths > 0,
): void {
  agg.runs++;
  if (outcome === 'victory') agg.dayVictory++;
  else if (outcome === 'defeat') {
    agg.dayDefeat++;
    agg.firstDefeatRun = minRun(agg.firstDefeatRun, run);
  } else agg.dayDraw++;
  agg.dayRoundsSum += roundsFought;
  agg.dayRoundsHist[Math.min(roundsFought, DAY_ROUND_BINS - 1)]++;
  agg.deathsSum += deaths;
  agg.deathsSquaresSum += deaths * deaths;
  if (deaths > 0) agg.anyDeathRuns++;
  if (anyWentDown === true && agg.anyDownRuns !== undefined) agg.anyDownRuns++;
  agg.partyHpEndHist[Math.min(partyHp, agg.partyHpEndHist.length - 1)]++;
  agg.partyHpEndSum += partyHp;
  if (agg.runOutcomes !== undefined) recordRunOutcome(agg.runOutcomes, run, (outcome === 'victory' ? RUN_WON : 0) | (deaths > 0 ? RUN_SOMEONE_DIED : 0));
  const lostPercent = partyMaxHp > 0 ? Math.floor(((partyMaxHp - partyHp) * 100) / partyMaxHp) : 100;
  const severity = runSeverity(outcome, deaths, lostPercent);
  agg.severityHist[severity]++;
  agg.severityFirstRun[severity] = minRun(agg.severityFirstRun[severity], run);
  if (agg.worst === null || severity > agg.worst.severity || (severity === agg.worst.severity && run < agg.worst.run)) {
    agg.worst = { severity, run };
  }
  if (agg.best === null || severity < agg.best.severity || (severity === agg.best.severity && run < agg.best.run)) {
    agg.best = { severity, run };
  }
}

function recordRunOutcome(segments: RunOutcomeSegment[], run: number, code: number): void {
  const last = segments[segments.length - 1];
  const char = String.fromCharCode(48 + code);
  if (last && last.from + last.codes.length === run) last.codes += char;
  else segments.push({ from: run, codes: char });
}

function hpBasisPoints(hp: number, maxHp: number): number {
  return maxHp > 0 ? Math.floor((hp * 10000) / maxHp) : 0;
}

/**
 * One side's HP for its track (per round, the basis points summed and the percent bin counted),
 * deferred and added into the track at once by flushInto: the HP at the end of one round (add),
 * and the HP recorded for every round from some round to the last tracked one (addTail: a fight
 * over before round 10 keeps its final HP for the rounds after), counted by that first round. The
 * same integer sums as recording into the track directly, in typed arrays of one shape, without a
 * loop over the remaining rounds in every run.
 */
export class DeferredHp {
  private readonly basisPoints = new Float64Array(TRACKED_ROUNDS + 1);
  private readonly counts = new Float64Array((TRACKED_ROUNDS + 1) * HP_FRACTION_BINS);
  private readonly tailBasisPoints = new Float64Array(TRACKED_ROUNDS + 1);
  private readonly tailCounts = new Float64Array((TRACKED_ROUNDS + 1) * HP_FRACTION_BINS);
  private pending = false;

  /** The HP at the end of round `round` (0: before the first turn; at most TRACKED_ROUNDS). */
  add(round: number, hp: number, maxHp: number): void {
    const basisPoints = hpBasisPoints(hp, maxHp);
    this.basisPoints[round] += basisPoints;
    this.counts[round * 101 /* HP_FRACTION_BINS */ + Math.floor(basisPoints / 100)]++;
    this.pending = true;
  }

  /** The same HP at the end of every round from `from` to TRACKED_ROUNDS. */
  addTail(from: number, hp: number, maxHp: number): void {
    if (from > 10 /* TRACKED_ROUNDS */) return;
    const basisPoints = hpBasisPoints(hp, maxHp);
    this.tailBasisPoints[from] += basisPoints;
    this.tailCounts[from * 101 /* HP_FRACTION_BINS */ + Math.floor(basisPoints / 100)]++;
    this.pending = true;
  }

  /** Adds what was deferred into `track` and starts empty again. */
  flushInto(track: SideHpTrack): void {
    if (!this.pending) return;
    this.pending = false;
    for (let from = 0; from <= TRACKED_ROUNDS; from++) {
      const row = from * HP_FRACTION_BINS;
      if (this.basisPoints[from] !== 0 || anyCount(this.counts, row)) {
        track.basisPointSum[from] += this.basisPoints[from];
        const hist = track.percentHist[from];
        for (let bin = 0; bin < HP_FRACTION_BINS; bin++) hist[bin] += this.counts[row + bin];
        this.basisPoints[from] = 0;
        this.counts.fill(0, row, row + HP_FRACTION_BINS);
      }
      const basisPoints = this.tailBasisPoints[from];
      if (basisPoints === 0 && !anyCount(this.tailCounts, row)) continue;
      for (let r = from; r <= TRACKED_ROUNDS; r++) {
        track.basisPointSum[r] += basisPoints;
        const hist = track.percentHist[r];
        for (let bin = 0; bin < HP_FRACTION_BINS; bin++) hist[bin] += this.tailCounts[row + bin];
      }
      this.tailBasisPoints[from] = 0;
      this.tailCounts.fill(0, row, row + HP_FRACTION_BINS);
    }
  }
}

function anyCount(counts: Float64Array, row: number): boolean {
  for (let bin = 0; bin < HP_FRACTION_BINS; bin++) if (counts[row + bin] !== 0) return true;
  return false;
}
