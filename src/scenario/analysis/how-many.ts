// "How many?": the smallest and largest number of one monster that keep an encounter (or the whole
// day) in a risk band. Pure: the search asks an evaluator for the aggregate of `runs` runs of a
// scenario with base seed `seed`, and the caller decides how that is computed (the engine in
// this process, the CLI's worker threads, or the app's request queue).
//
// Method. Risk is assumed to rise with the count, so every count is below the band, in it, or above
// it, in that order. Two searches over 1..N find where "below" ends (the smallest count in the
// band) and where "above" starts (one past the largest); they share every count evaluated. Each
// doubles the count (1, 2, 4, 8...) until it passes its edge, then bisects. Each count
// is evaluated with sequential stopping: runs in growing batches (250, 500, 1,000, ... cumulative,
// always the same seed, so a count's first 500 runs are the same fights whichever batch ran them)
// until the Wilson 95% intervals decide "in" or "out", or the cap is reached, where the count is
// recorded as undecided and its point estimate steers the bisection. Every count's neighbour across
// each edge is evaluated by the bisection itself; the record of all counts is then checked for
// order (a count in the band with a larger count below it, say), and any contradiction is reported.
//
// The search is a state machine over plain data: `nextEvaluation(state)` says which count and how
// many runs to evaluate next, `recordEvaluation` takes the aggregate back. The state serialises
// with JSON, so a search can be checkpointed and resumed, or driven by a queue one request at a time.

import { mergeInto, type Aggregate, type CreatureSpec, type ScenarioSpec } from '../../engine/index.ts';
import { bandProblems, checkBand, measureCounts, type Band, type BandCheck, type MeasureCounts, type Position, type Verdict } from './bands.ts';
import { applySweep, parameterBounds, SweepError } from './sweep.ts';

/** Cumulative runs after each batch; the last is the cap. */
export const DEFAULT_SCHEDULE: readonly number[] = Object.freeze([250, 500, 1000, 2000, 4000, 8000, 14000, 20000]);

export type HowManyScope = 'day' | 'encounter';

export interface HowManyQuery {
  /** Index of the encounter in the day. */
  encounter: number;
  /** Index of the enemy (a stat block with a count) in that encounter. */
  enemy: number;
  band: Band;
  /**
   * 'day': the whole day with this encounter's count changed. 'encounter': this encounter alone,
   * fought by a fresh party, as if it were the day's only fight.
   */
  scope: HowManyScope;
  /** Counts searched: minCount..maxCount. */
  minCount: number;
  maxCount: number;
  seed: number;
  /** Cumulative runs per batch, increasing; the last is the cap. */
  schedule: readonly number[];
}

export class HowManyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HowManyError';
  }
}

export interface Batch {
  runs: number;
  position: Position | 'undecided';
  lower: Verdict;
  upper: Verdict;
}

export interface CountTrial {
  count: number;
  /** Runs so far (cumulative). */
  runs: number;
  counts: MeasureCounts;
  /** From the intervals at `runs`; 'undecided' when the cap was reached without a decision. */
  position: Position | 'undecided';
  /** From the point estimates at `runs`. */
  pointPosition: Position;
  /** Past the band's lower edge (risky enough), from the intervals at `runs`. */
  lower: Verdict;
  /** Within its upper edge (not too risky), from the intervals at `runs`. */
  upper: Verdict;
  pointLower: 'pass' | 'fail';
  pointUpper: 'pass' | 'fail';
  /** Each batch and what it decided. */
  batches: Batch[];
  /** No more runs will be asked for this count. */
  done: boolean;
}

export interface HowManyState {
  version: 1;
  /** In the order they were first tried. */
  trials: CountTrial[];
}

export const emptyState = (): HowManyState => ({ version: 1, trials: [] });

export interface EvaluationRequest {
  count: number;
  runs: number;
}

/** The engine's answer for a count: the aggregate of runs [0, runs) with the query's seed. */
export type Evaluator = (spec: ScenarioSpec, seed: number, runs: number) => Promise<Aggregate>;

// ------------------------------------------------------------------------------- the scenario

/** The query with its defaults: the whole day, counts 1 to the per-side limit, the default batches. */
export function howManyQuery(spec: ScenarioSpec, q: Pick<HowManyQuery, 'encounter' | 'enemy' | 'band'> & Partial<HowManyQuery>): HowManyQuery {
  const problems = bandProblems(q.band);
  if (problems.length > 0) throw new HowManyError(`The band cannot be used: ${problems.join('; ')}.`);
  let bounds;
  try {
    bounds = parameterBounds(spec, { kind: 'monster-count', encounter: q.encounter, enemy: q.enemy });
  } catch (e) {
    throw e instanceof SweepError ? new HowManyError(e.message) : e;
  }
  const query: HowManyQuery = {
    scope: 'day', minCount: 1, maxCount: bounds.max, seed: 1, schedule: DEFAULT_SCHEDULE, ...q,
  };
  if (!Number.isInteger(query.minCount) || query.minCount < 1) throw new HowManyError(`The smallest count must be a whole number of 1 or more, not ${query.minCount}.`);
  if (!Number.isInteger(query.maxCount) || query.maxCount < query.minCount) {
    throw new HowManyError(`The largest count must be a whole number of at least ${query.minCount}, not ${query.maxCount}.`);
  }
  if (query.maxCount > bounds.max) {
    throw new HowManyError(`At most ${bounds.max} can join this encounter (the limit is per side), not ${query.maxCount}.`);
  }
  const s = query.schedule;
  if (s.length === 0 || s.some((r, i) => !Number.isInteger(r) || r < 1 || (i > 0 && r <= s[i - 1]))) {
    throw new HowManyError('The batches must be increasing whole numbers of runs.');
  }
  return query;
}

/** The scenario with `creature` added to an encounter as a new enemy; returns its index there. */
export function withEnemy(spec: ScenarioSpec, encounter: number, creature: CreatureSpec): { spec: ScenarioSpec; enemy: number } {
  const e = spec.encounters[encounter];
  if (!e) throw new HowManyError(`The day has no encounter ${encounter + 1}.`);
  const enemies = [...e.enemies, { ...creature, count: 1 }];
  return { spec: { ...spec, encounters: spec.encounters.map((x, i) => (i === encounter ? { ...x, enemies } : x)) }, enemy: enemies.length - 1 };
}

/** The scenario a count is simulated as. */
export function specForCount(spec: ScenarioSpec, query: HowManyQuery, count: number): ScenarioSpec {
  const changed = applySweep(spec, { kind: 'monster-count', encounter: query.encounter, enemy: query.enemy }, count);
  if (query.scope === 'day') return changed;
  // A fresh party: no rest is needed before the only fight.
  return { ...changed, encounters: [{ ...changed.encounters[query.encounter], shortRestBefore: false }] };
}

// ---------------------------------------------------------------------------- the state machine

const finished = (state: HowManyState) => state.trials.filter((t) => t.done);

/** Past the band's lower edge (in it or above it): the decision, or the point estimate at the cap. */
const pastLower = (t: CountTrial) => (t.lower === 'undecided' ? t.pointLower : t.lower) === 'pass';
/** Within the band's upper edge (below it or in it): the decision, or the point estimate at the cap. */
const withinUpper = (t: CountTrial) => (t.upper === 'undecided' ? t.pointUpper : t.upper) === 'pass';

interface Bracket {
  /** The last count known on the first side (minCount - 1 when none). */
  lo: number;
  /** The first count known on the other side (maxCount + 1 when none). */
  hi: number;
}

/**
 * Where `crossed` first becomes true among the evaluated counts, and the last count before it
 * where it is false. Counts past the first crossing are ignored here (a contradiction there is
 * reported, not followed), so the answer never rests on a count beyond a known crossing.
 */
function bracket(state: HowManyState, query: HowManyQuery, crossed: (t: CountTrial) => boolean): Bracket {
  const done = finished(state);
  const hi = Math.min(query.maxCount + 1, ...done.filter(crossed).map((t) => t.count));
  const lo = Math.max(query.minCount - 1, ...done.filter((t) => !crossed(t) && t.count < hi).map((t) => t.count));
  return { lo, hi };
}

/** The smallest count past the lower edge (smallestBracket.hi) and the first above (largestBracket.hi). */
const smallestBracket = (state: HowManyState, query: HowManyQuery) => bracket(state, query, pastLower);
const largestBracket = (state: HowManyState, query: HowManyQuery) => bracket(state, query, (t) => !withinUpper(t));

/** The next evaluation the search needs, or null when it has its answer. */
export function nextEvaluation(state: HowManyState, query: HowManyQuery): EvaluationRequest | null {
  const open = state.trials.find((t) => !t.done);
  if (open) {
    const next = query.schedule.find((r) => r > open.runs);
    if (next === undefined) throw new HowManyError(`Count ${open.count} is not finished but has reached the cap.`);
    return { count: open.count, runs: next };
  }
  for (const b of [smallestBracket(state, query), largestBracket(state, query)]) {
    if (b.hi - b.lo <= 1) continue;
    // Galloping while the far side is unknown: answers are usually small next to the limit, and a
    // small count is also the cheaper one to simulate.
    const count = b.hi > query.maxCount ? (b.lo < query.minCount ? query.minCount : Math.min(query.maxCount, 2 * b.lo)) : Math.floor((b.lo + b.hi) / 2);
    return { count, runs: query.schedule[0] };
  }
  return null;
}

/**
 * At most how many counts the search has still to start: each edge not yet pinned down takes at
 * most log2 of its bracket's width in bisection steps. The two edges may share counts, so the
 * true number is often smaller; for an estimate of time left, not a promise.
 */
export function countsLeft(state: HowManyState, query: HowManyQuery): number {
  let n = 0;
  for (const b of [smallestBracket(state, query), largestBracket(state, query)]) {
    if (b.hi - b.lo > 1) n += Math.ceil(Math.log2(b.hi - b.lo));
  }
  return n;
}

/**
 * One step of sequential stopping: `previous` (absent for the first batch) with the aggregate of
 * runs [0, runs) recorded. The trial is done once the intervals decide both edges of the band, or
 * at the schedule's cap. Shared by every search that evaluates its candidates this way.
 */
export function trialAfter(
  previous: CountTrial | undefined, query: Pick<HowManyQuery, 'band' | 'schedule'>, request: EvaluationRequest, agg: Aggregate,
): CountTrial {
  if (agg.runs !== request.runs) throw new HowManyError(`Asked for ${request.runs} runs of count ${request.count}, got ${agg.runs}.`);
  if (previous?.done) throw new HowManyError(`Count ${request.count} was already finished.`);
  const counts = measureCounts(agg);
  const check = checkBand(query.band, counts);
  const cap = query.schedule[query.schedule.length - 1];
  return {
    count: request.count,
    runs: request.runs,
    counts,
    position: check.position,
    pointPosition: check.pointPosition,
    lower: check.lower,
    upper: check.upper,
    pointLower: check.pointLower,
    pointUpper: check.pointUpper,
    batches: [...(previous?.batches ?? []), { runs: request.runs, position: check.position, lower: check.lower, upper: check.upper }],
    // Both edges, not only in or out: a count that is clearly too safe may also be too dangerous
    // (a swingy fight), and the search for the other edge needs to know.
    done: (check.lower !== 'undecided' && check.upper !== 'undecided') || request.runs >= cap,
  };
}

/** The state with the aggregate of `runs` runs of `count` recorded (a new object; the input is kept). */
export function recordEvaluation(state: HowManyState, query: HowManyQuery, request: EvaluationRequest, agg: Aggregate): HowManyState {
  const previous = state.trials.find((t) => t.count === request.count);
  const trial = trialAfter(previous, query, request, agg);
  return { ...state, trials: previous ? state.trials.map((t) => (t === previous ? trial : t)) : [...state.trials, trial] };
}

// ---------------------------------------------------------------------------------- the answer

export interface HowManyResult {
  /** The smallest count in the band, or null when none is. */
  smallest: number | null;
  /** The largest count in the band, or null when none is. */
  largest: number | null;
  /** The first count not below the band (in it or above it), or null when every count is below it. */
  firstNotBelow: number | null;
  /** The last count not above the band (below it or in it), or null when every count is above it. */
  lastNotAbove: number | null;
  /** Why no count is in the band, in words; null when some is. */
  none: string | null;
  /**
   * Counts at an edge (the answer or its neighbour across the edge) that reached the cap without
   * the intervals deciding: the answer there rests on point estimates.
   */
  undecided: number[];
  /** Pairs of counts whose decided positions contradict a risk that rises with the count. */
  contradictions: string[];
  /** Every count tried, in the order first tried. */
  trials: CountTrial[];
  runsTotal: number;
}

const inWords = (p: Position) => (p === 'in' ? 'in the band' : p === 'mixed' ? 'out of the band both ways (too safe and too dangerous)' : `${p} the band`);

/**
 * Pairs of decided counts, fewer then more, that a rising risk cannot explain: past the band's lower
 * edge and then not, or beyond its upper edge and then within it.
 */
function contradictionsIn(trials: CountTrial[]): string[] {
  const done = trials.filter((t) => t.done).sort((a, b) => a.count - b.count);
  const where = (t: CountTrial) => inWords(t.position === 'undecided' ? t.pointPosition : t.position);
  const out: string[] = [];
  for (let i = 0; i < done.length; i++) {
    for (let j = i + 1; j < done.length; j++) {
      const a = done[i], b = done[j];
      if ((a.lower === 'pass' && b.lower === 'fail') || (a.upper === 'fail' && b.upper === 'pass')) {
        out.push(`${a.count} is ${where(a)} but ${b.count}, more, is ${where(b)}`);
      }
    }
  }
  return out;
}

/** The answer from the counts tried so far; final once nextEvaluation returns null. */
export function howManyResult(state: HowManyState, query: HowManyQuery): HowManyResult {
  const s = smallestBracket(state, query);
  const l = largestBracket(state, query);
  const smallestCandidate = s.hi; // maxCount + 1 when no count reaches the band
  const largestCandidate = l.hi - 1; // minCount - 1 when every count is above it
  const inBand = smallestCandidate <= query.maxCount && largestCandidate >= query.minCount && smallestCandidate <= largestCandidate;
  let none: string | null = null;
  if (smallestCandidate > query.maxCount) none = `every count up to ${query.maxCount} is below the band (too safe)`;
  else if (largestCandidate < query.minCount) none = `even ${query.minCount} is above the band (too dangerous)`;
  else if (!inBand) none = `no count is in the band: ${smallestCandidate - 1} and fewer are too safe, ${largestCandidate + 1} and more too dangerous`;
  // The counts either side of each edge whose side of that edge the intervals left undecided.
  const atEdge = (t: CountTrial) => ((t.count === s.lo || t.count === s.hi) && t.lower === 'undecided')
    || ((t.count === l.lo || t.count === l.hi) && t.upper === 'undecided');
  const undecided = state.trials.filter((t) => t.done && atEdge(t)).map((t) => t.count).sort((a, b) => a - b);
  return {
    smallest: inBand ? smallestCandidate : null,
    largest: inBand ? largestCandidate : null,
    firstNotBelow: smallestCandidate <= query.maxCount ? smallestCandidate : null,
    lastNotAbove: largestCandidate >= query.minCount ? largestCandidate : null,
    none,
    undecided,
    contradictions: contradictionsIn(state.trials),
    trials: state.trials,
    runsTotal: state.trials.reduce((sum, t) => sum + t.runs, 0),
  };
}

export interface HowManyOptions {
  /** A state to resume from (a checkpoint); a fresh search when absent. */
  state?: HowManyState;
  /** Called after every batch with the new state, which can be stored as a checkpoint. */
  onBatch?: (state: HowManyState, request: EvaluationRequest, check: BandCheck) => void;
  /** Stops the search between batches; the last state given to onBatch resumes it. */
  signal?: AbortSignal;
}

/**
 * The loop every search here shares: ask the state machine for its next evaluation, have it
 * simulated, record it, until it needs none. `specFor` gives the scenario a request is run as.
 */
export async function driveSearch<S, R extends { runs: number }>(
  state: S,
  machine: { next: (state: S) => R | null; specFor: (request: R) => ScenarioSpec; record: (state: S, request: R, agg: Aggregate) => S },
  seed: number, evaluate: Evaluator,
  options: { onBatch?: (state: S, request: R, agg: Aggregate) => void; signal?: AbortSignal } = {},
): Promise<S> {
  for (let request = machine.next(state); request; request = machine.next(state)) {
    options.signal?.throwIfAborted();
    const agg = await evaluate(machine.specFor(request), seed, request.runs);
    state = machine.record(state, request, agg);
    options.onBatch?.(state, request, agg);
  }
  return state;
}

/** Runs the search to its answer, asking `evaluate` for one batch at a time. */
export async function howMany(spec: ScenarioSpec, query: HowManyQuery, evaluate: Evaluator, options: HowManyOptions = {}): Promise<HowManyResult> {
  const start = options.state ?? emptyState();
  if (start.version !== 1) throw new HowManyError(`A saved search of version ${String(start.version)} cannot be resumed here.`);
  const specs = new Map<number, ScenarioSpec>();
  const specFor = (r: EvaluationRequest) => {
    let countSpec = specs.get(r.count);
    if (!countSpec) specs.set(r.count, (countSpec = specForCount(spec, query, r.count)));
    return countSpec;
  };
  const state = await driveSearch(start, {
    next: (s) => nextEvaluation(s, query), specFor, record: (s, r, agg) => recordEvaluation(s, query, r, agg),
  }, query.seed, evaluate, {
    signal: options.signal,
    onBatch: options.onBatch && ((s, r, agg) => options.onBatch!(s, r, checkBand(query.band, measureCounts(agg)))),
  });
  return howManyResult(state, query);
}

/**
 * An evaluator that runs only the runs it has not run yet: it keeps the aggregate of runs [0, r) of
 * each scenario and seed, and for [0, runs) simulates [r, runs) and merges. Exact, because run i
 * of seed S is the same fight whichever batch computes it. `runRange` computes runs [from, to).
 */
export function incrementalEvaluator(runRange: (spec: ScenarioSpec, seed: number, from: number, to: number) => Promise<Aggregate>): Evaluator {
  const kept = new Map<string, Aggregate>();
  return async (spec, seed, runs) => {
    const key = `${seed}:${JSON.stringify(spec)}`;
    const before = kept.get(key);
    const from = before && before.runs <= runs ? before.runs : 0;
    const part = await runRange(spec, seed, from, runs);
    const agg = from > 0 && before ? mergeInto(before, part) : part;
    kept.set(key, agg);
    // A copy, so the caller can keep or change it without touching the next merge.
    return structuredClone(agg);
  };
}
