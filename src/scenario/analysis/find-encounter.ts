// "Find an encounter": from a pool of monsters (see encounter-pool.ts), encounters for one fight of
// the day whose simulated risk is in a band, ranked, with the record of everything tried. Pure, like
// how-many.ts: a state machine over plain data that asks for the aggregate of (scenario, seed, runs)
// one request at a time, so the app's queue can drive it and checkpoint it.
//
// Method, in three stages, each finished before the next:
// 1. Single kinds. For each pool monster, the How many? count search (doubling then bisection,
//    how-many.ts's own nextEvaluation), each count screened with the schedule's first batch only
//    (250 runs). Risk is assumed to rise with the count, so this brackets every count of that monster.
// 2. Mixes (when more than one kind is allowed). Each monster's strength is calibrated from stage 1:
//    c = the middle of the counts the screen put in the band (or between its edges). A monster too
//    weak even at the most allowed is given c from the calibrated ones by XP (c_j × XP_j / XP), at
//    least one more than that most; one too dangerous alone is left out of mixes. Every mix of 2 to
//    K kinds within the count limits whose load, the sum of count / c, is within 0.75 to 1.25 is
//    generated; they are screened in order of |load - 1|, round-robin over the sets of kinds so
//    that no one pair takes the whole budget.
// 3. Refinement. Every screened candidate whose point estimates put it in the band gets more runs
//    by sequential stopping (how-many.ts's trialAfter: 500, 1,000, ... cumulative runs, same seed)
//    until the Wilson 95% intervals decide both edges of the band, or the cap.
// Budget: screening stops at half of maxRuns or at maxCandidates candidates; refinement at maxRuns.
// Proposals are the candidates the intervals put in the band, ranked by how central they are (the
// nearest threshold's distance in log-odds, to a tenth), then by more kinds, then by that distance
// exactly, then by name. Counts of what was generated, evaluated, in, out and undecided come with it.

import type { Aggregate, CreatureSpec, ScenarioSpec } from '../../engine/index.ts';
import { wilson } from '../../engine/index.ts';
import { LIMITS } from '../format/schema.ts';
import { bandProblems, type Band, type Measure, type MeasureCounts, type Position } from './bands.ts';
import { rate2014, rate2024, type Rating2014, type Rating2024 } from './difficulty.ts';
import type { PoolMonster } from './encounter-pool.ts';
import {
  DEFAULT_SCHEDULE, driveSearch, howManyResult, nextEvaluation as nextCount, trialAfter,
  type CountTrial, type Evaluator, type HowManyQuery, type HowManyScope, type HowManyState,
} from './how-many.ts';

export interface FindEncounterQuery {
  /** Index of the encounter in the day whose enemies are replaced; the number of encounters adds a new one at the end. */
  encounter: number;
  /** 'day': the whole day with this encounter; 'encounter': this encounter alone, with a fresh party. */
  scope: HowManyScope;
  band: Band;
  /** The monsters to draw from (poolFrom), in a fixed order. */
  pool: PoolMonster[];
  /** At most this many kinds of monster in one encounter. */
  kinds: number;
  /** At most this many of one kind. */
  maxPerKind: number;
  /** At most this many monsters in all. */
  maxTotal: number;
  seed: number;
  /** Cumulative runs per batch; the first is the screen, the last the cap. */
  schedule: readonly number[];
  /** Most runs in all (screening may use half). */
  maxRuns: number;
  /** Most candidates screened. */
  maxCandidates: number;
  /** The party's character levels, for the XP arithmetic; empty when none has a level. */
  levels: number[];
}

export class FindEncounterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FindEncounterError';
  }
}

/** One kind of monster in a candidate: the pool index and how many. */
export interface KindCount {
  monster: number;
  count: number;
}

export interface CandidateTrial {
  /** "3:2+5:1": pool index and count of each kind, by pool index. */
  key: string;
  kinds: KindCount[];
  /** Stage 1 (one kind, by bisection) or stage 2 (a mix seeded by load). */
  stage: 'single' | 'mix';
  /** Sequential stopping's record; `count` is the number of monsters in all. */
  trial: CountTrial;
}

export interface MixPlan {
  /** Strength calibration per pool monster: the count of it alone that sits mid-band; null when left out of mixes. */
  centres: Array<number | null>;
  /** Mixes generated within the load window. */
  generated: number;
  /** The first maxCandidates of them, in the order they will be screened. */
  order: Array<{ kinds: KindCount[]; load: number }>;
}

export interface FindEncounterState {
  version: 1;
  /** In the order first evaluated. */
  trials: CandidateTrial[];
  /** Made when stage 1 ends. */
  plan: MixPlan | null;
}

export const emptyFindState = (): FindEncounterState => ({ version: 1, trials: [], plan: null });

export interface CandidateRequest {
  kinds: KindCount[];
  /** Cumulative runs wanted: the aggregate of runs [0, runs) with the query's seed. */
  runs: number;
}

export const LOAD_WINDOW: readonly [number, number] = [0.75, 1.25];
export const MAX_POOL = 40;

export const candidateKey = (kinds: readonly KindCount[]) => kinds.map((k) => `${k.monster}:${k.count}`).join('+');
const totalOf = (kinds: readonly KindCount[]) => kinds.reduce((s, k) => s + k.count, 0);

// ------------------------------------------------------------------------------------ the query

/** The party's levels: each character's level once per copy; characters without one are left out. */
export function partyLevels(spec: ScenarioSpec): number[] {
  return spec.party.flatMap((c) => (Number.isInteger(c.level) && c.level! >= 1 && c.level! <= 20 ? Array<number>(c.count).fill(c.level!) : []));
}

type QueryInput = Pick<FindEncounterQuery, 'encounter' | 'band' | 'pool'> & Partial<FindEncounterQuery>;

/** The query with its defaults, checked: a FindEncounterError names what is wrong. */
export function findEncounterQuery(spec: ScenarioSpec, q: QueryInput): FindEncounterQuery {
  const problems = bandProblems(q.band);
  if (problems.length > 0) throw new FindEncounterError(`The band cannot be used: ${problems.join('; ')}.`);
  const query: FindEncounterQuery = {
    scope: 'day', kinds: 2, maxPerKind: 10, maxTotal: 12, seed: 1, schedule: DEFAULT_SCHEDULE.filter((r) => r <= 8000),
    maxRuns: 60_000, maxCandidates: 100, levels: partyLevels(spec), ...q,
  };
  if (!Number.isInteger(query.encounter) || query.encounter < 0 || query.encounter > spec.encounters.length) {
    throw new FindEncounterError(`The day has ${spec.encounters.length} encounter${spec.encounters.length === 1 ? '' : 's'}: encounter ${query.encounter + 1} can only be one of them or a new one at the end (${spec.encounters.length + 1}).`);
  }
  if (query.pool.length === 0) throw new FindEncounterError('The pool has no monster.');
  if (query.pool.length > MAX_POOL) throw new FindEncounterError(`The pool has ${query.pool.length} monsters; narrow the filters to ${MAX_POOL} or fewer.`);
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new FindEncounterError(`${name} must be a whole number from ${min} to ${max}, not ${v}.`);
  };
  whole('The most kinds per encounter', query.kinds, 1, 4);
  whole('The most of one kind', query.maxPerKind, 1, LIMITS.combatantsPerSide);
  whole('The most monsters in all', query.maxTotal, 1, LIMITS.combatantsPerSide);
  whole('The most runs', query.maxRuns, 1, 1e9);
  whole('The most candidates', query.maxCandidates, 1, 1e6);
  const s = query.schedule;
  if (s.length === 0 || s.some((r, i) => !Number.isInteger(r) || r < 1 || (i > 0 && r <= s[i - 1]))) {
    throw new FindEncounterError('The batches must be increasing whole numbers of runs.');
  }
  return query;
}

/** The enemies of a candidate, as stat blocks with counts. */
export function enemiesOf(query: FindEncounterQuery, kinds: readonly KindCount[]): CreatureSpec[] {
  return kinds.map((k) => ({ ...query.pool[k.monster].creature, count: k.count }));
}

/** The scenario a candidate is simulated as: the encounter's enemies replaced (or a new last encounter). */
export function specForCandidate(spec: ScenarioSpec, query: FindEncounterQuery, kinds: readonly KindCount[]): ScenarioSpec {
  const enemies = enemiesOf(query, kinds);
  const existing = spec.encounters[query.encounter];
  const fight = existing ? { ...existing, enemies } : { name: 'Found encounter', enemies, shortRestBefore: false, surprise: 'none' as const };
  if (query.scope === 'encounter') return { ...spec, encounters: [{ ...fight, shortRestBefore: false }] };
  const encounters = existing ? spec.encounters.map((e, i) => (i === query.encounter ? fight : e)) : [...spec.encounters, fight];
  return { ...spec, encounters };
}

// ----------------------------------------------------------------------------- stage 1: singles

const singleMax = (query: FindEncounterQuery) => Math.min(query.maxPerKind, query.maxTotal);

/** The How many? query of one monster alone, screened with the first batch only. */
function singleQuery(query: FindEncounterQuery): HowManyQuery {
  return {
    encounter: query.encounter, enemy: 0, band: query.band, scope: query.scope, minCount: 1, maxCount: singleMax(query),
    seed: query.seed, schedule: [query.schedule[0]],
  };
}

/** Stage 1's record of one monster as a How many? state: every screened count, in order. */
function singleState(state: FindEncounterState, monster: number): HowManyState {
  const trials = state.trials.filter((t) => t.stage === 'single' && t.kinds[0].monster === monster).map((t) => ({ ...t.trial, done: true }));
  return { version: 1, trials };
}

function nextSingle(state: FindEncounterState, query: FindEncounterQuery): KindCount[] | null {
  const q = singleQuery(query);
  for (let m = 0; m < query.pool.length; m++) {
    const r = nextCount(singleState(state, m), q);
    if (r) return [{ monster: m, count: r.count }];
  }
  return null;
}

// -------------------------------------------------------------------------------- stage 2: mixes

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Each monster's count alone that sits mid-band, from stage 1; null for one too dangerous alone. */
export function calibrate(state: FindEncounterState, query: FindEncounterQuery): Array<number | null> {
  const q = singleQuery(query);
  const results = query.pool.map((_, m) => howManyResult(singleState(state, m), q));
  const centres: Array<number | null | 'weak'> = results.map((r) => {
    if (r.lastNotAbove === null) return null; // even one is too dangerous
    if (r.firstNotBelow === null) return 'weak'; // too safe even at the most allowed
    return (r.firstNotBelow + r.lastNotAbove) / 2;
  });
  const known = centres.map((c, m) => (typeof c === 'number' ? c * query.pool[m].xp : null)).filter((x): x is number => x !== null && x > 0);
  const xpAtCentre = known.length > 0 ? median(known) : null;
  return centres.map((c, m) => {
    if (c !== 'weak') return c;
    const floor = singleMax(query) + 1;
    const xp = query.pool[m].xp;
    return xpAtCentre !== null && xp > 0 ? Math.max(floor, xpAtCentre / xp) : floor;
  });
}

/** Every mix of 2 to K kinds within the limits and the load window, in screening order. */
export function planMixes(query: FindEncounterQuery, centres: Array<number | null>): MixPlan {
  const usable = centres.map((c, m) => (c !== null ? m : -1)).filter((m) => m >= 0);
  const sets = new Map<string, Array<{ kinds: KindCount[]; load: number }>>();
  let generated = 0;
  const [lo, hi] = LOAD_WINDOW;
  const walk = (from: number, kinds: KindCount[], load: number, total: number) => {
    if (kinds.length >= 2 && load >= lo && load <= hi) {
      const setKey = kinds.map((k) => k.monster).join('+');
      if (!sets.has(setKey)) sets.set(setKey, []);
      sets.get(setKey)!.push({ kinds: [...kinds], load });
      generated++;
    }
    if (kinds.length === query.kinds) return;
    for (let i = from; i < usable.length; i++) {
      const m = usable[i];
      for (let n = 1; n <= query.maxPerKind && total + n <= query.maxTotal; n++) {
        const next = load + n / centres[m]!;
        if (next > hi) break;
        walk(i + 1, [...kinds, { monster: m, count: n }], next, total + n);
      }
    }
  };
  walk(0, [], 0, 0);
  const byLoad = (a: { kinds: KindCount[]; load: number }, b: { kinds: KindCount[]; load: number }) =>
    Math.abs(a.load - 1) - Math.abs(b.load - 1) || candidateKey(a.kinds).localeCompare(candidateKey(b.kinds));
  const groups = [...sets.values()].map((g) => g.sort(byLoad)).sort((a, b) => byLoad(a[0], b[0]));
  const order: MixPlan['order'] = [];
  for (let rank = 0; order.length < query.maxCandidates && groups.some((g) => g.length > rank); rank++) {
    for (const g of groups) if (g[rank] && order.length < query.maxCandidates) order.push(g[rank]);
  }
  return { centres, generated, order };
}

// ------------------------------------------------------------------------------ the state machine

/** How central a fight is in the band: the nearest threshold's distance in log-odds (negative when outside). */
export function centrality(band: Band, counts: MeasureCounts): number {
  const logit = (k: number, n: number) => {
    const p = (k + 0.5) / (n + 1);
    return Math.log(p / (1 - p));
  };
  const limit = (v: number) => Math.log(Math.min(Math.max(v, 1e-9), 1 - 1e-9) / (1 - Math.min(Math.max(v, 1e-9), 1 - 1e-9)));
  return Math.min(...band.thresholds.map((t) => {
    const d = logit(counts[t.measure], counts.runs) - limit(t.value);
    return t.bound === 'min' ? d : -d;
  }));
}

const runsSpent = (state: FindEncounterState) => state.trials.reduce((s, t) => s + t.trial.runs, 0);
const pointIn = (t: CandidateTrial) => t.trial.pointPosition === 'in';

interface Plan {
  request: CandidateRequest | null;
  /** A budget kept something from being tried. */
  stoppedBy: 'runs' | 'candidates' | null;
}

function plan(state: FindEncounterState, query: FindEncounterQuery): Plan {
  const spent = runsSpent(state);
  const screen = query.schedule[0];
  let stoppedBy: Plan['stoppedBy'] = null;
  const screenBlocked = () => {
    if (state.trials.length >= query.maxCandidates) return (stoppedBy = 'candidates');
    if (spent + screen > query.maxRuns / 2) return (stoppedBy = 'runs');
    return null;
  };
  // Stages 1 and 2: screening.
  const single = nextSingle(state, query);
  if (single) {
    if (!screenBlocked()) return { request: { kinds: single, runs: screen }, stoppedBy };
  } else if (state.plan) {
    const tried = new Set(state.trials.map((t) => t.key));
    const mix = state.plan.order.find((m) => !tried.has(candidateKey(m.kinds)));
    if (mix && !screenBlocked()) return { request: { kinds: mix.kinds, runs: screen }, stoppedBy };
  }
  // Stage 3: the candidate being refined, else the most central one the screen put in the band.
  const open = state.trials.filter((t) => !t.trial.done && pointIn(t));
  const started = open.find((t) => t.trial.runs > screen);
  const best = started ?? [...open].sort((a, b) => centrality(query.band, b.trial.counts) - centrality(query.band, a.trial.counts) || a.key.localeCompare(b.key))[0];
  if (best) {
    const runs = query.schedule.find((r) => r > best.trial.runs)!;
    if (spent + runs - best.trial.runs <= query.maxRuns) return { request: { kinds: best.kinds, runs }, stoppedBy };
    stoppedBy = 'runs';
  }
  return { request: null, stoppedBy };
}

/** The next evaluation the search needs, or null when it is finished (or out of budget). */
export function nextEvaluation(state: FindEncounterState, query: FindEncounterQuery): CandidateRequest | null {
  return plan(state, query).request;
}

/** The state with the aggregate of the request recorded (a new object; the input is kept). */
export function recordEvaluation(state: FindEncounterState, query: FindEncounterQuery, request: CandidateRequest, agg: Aggregate): FindEncounterState {
  const key = candidateKey(request.kinds);
  const previous = state.trials.find((t) => t.key === key);
  const trial = trialAfter(previous?.trial, query, { count: totalOf(request.kinds), runs: request.runs }, agg);
  const entry: CandidateTrial = previous
    ? { ...previous, trial }
    : { key, kinds: request.kinds.map((k) => ({ ...k })), stage: request.kinds.length === 1 ? 'single' : 'mix', trial };
  const trials = previous ? state.trials.map((t) => (t === previous ? entry : t)) : [...state.trials, entry];
  let next: FindEncounterState = { ...state, trials };
  // Stage 1 just ended: the mixes are planned once, from the screens alone, and kept.
  if (!next.plan && !nextSingle(next, query)) {
    next = { ...next, plan: query.kinds >= 2 ? planMixes(query, calibrate(next, query)) : { centres: [], generated: 0, order: [] } };
  }
  return next;
}

// ------------------------------------------------------------------------------------ the answer

export interface Share {
  p: number;
  ci95: [number, number];
}

export interface Proposal {
  /** 1 for the best. */
  rank: number;
  key: string;
  monsters: Array<{ name: string; id: string; source: string; crText: string; xp: number; count: number }>;
  /** "2 × Ghoul + 1 × Ghast". */
  label: string;
  total: number;
  runs: number;
  measures: Record<Measure, Share>;
  centrality: number;
  /** The XP arithmetic of this encounter under both editions; null when no character has a level. */
  xp: { r2014: Rating2014; r2024: Rating2024 } | null;
}

export interface FindEncounterResult {
  /** Candidates the intervals put in the band, best first. */
  proposals: Proposal[];
  /** Candidates that reached the cap with the point estimates in the band but the intervals undecided. */
  nearMisses: Proposal[];
  /** What was tried, honestly counted. */
  tried: {
    /** Single-kind encounters within the limits (every count of every monster, which the bisection brackets). */
    generatedSingle: number;
    /** Mixes generated within the load window. */
    generatedMixed: number;
    /** Candidates simulated at least once. */
    evaluated: number;
    evaluatedSingle: number;
    evaluatedMixed: number;
    /** Evaluated candidates the intervals put in the band, out of it (below, above or both), or left undecided. */
    inBand: number;
    out: number;
    undecided: number;
    /** Evaluated candidates given runs past the screen. */
    refined: number;
    runs: number;
    /** A budget that kept something from being tried (null when the search ran to its end). */
    stoppedBy: 'runs' | 'candidates' | null;
  };
  /** Stage 1 per monster: the counts of it alone that the screen put in the band. */
  singles: Array<{ monster: string; smallest: number | null; largest: number | null; none: string | null }>;
  /** Every candidate tried, in order. */
  trials: CandidateTrial[];
}

const share = (k: number, n: number): Share => ({ p: n > 0 ? k / n : 0, ci95: wilson(k, n) });

/** The XP arithmetic of a list of monsters, or null when no character has a level or no monster has XP. */
export function xpRatings(levels: number[], monsters: Array<{ xp: number; count: number }>) {
  const xps = monsters.flatMap((m) => Array<number>(m.count).fill(m.xp)).filter((x) => x > 0);
  if (levels.length === 0 || xps.length === 0) return null;
  return { r2014: rate2014(levels, xps), r2024: rate2024(levels, xps) };
}

function proposal(query: FindEncounterQuery, t: CandidateTrial): Proposal {
  const monsters = t.kinds.map((k) => {
    const m = query.pool[k.monster];
    return { name: m.name, id: m.id, source: m.source, crText: m.crText, xp: m.xp, count: k.count };
  });
  const c = t.trial.counts;
  return {
    rank: 0, key: t.key, monsters, label: monsters.map((m) => `${m.count} × ${m.name}`).join(' + '), total: t.trial.count, runs: t.trial.runs,
    measures: { victory: share(c.victory, c.runs), tpk: share(c.tpk, c.runs), dies: share(c.dies, c.runs), down: share(c.down, c.runs) },
    centrality: centrality(query.band, c),
    xp: xpRatings(query.levels, monsters),
  };
}

/** Centrality to a tenth, then more kinds (variety), then centrality exactly, then the key. */
export function rankProposals(list: Proposal[]): Proposal[] {
  const tenth = (x: number) => Math.round(x * 10);
  return [...list]
    .sort((a, b) => tenth(b.centrality) - tenth(a.centrality) || b.monsters.length - a.monsters.length || b.centrality - a.centrality || a.key.localeCompare(b.key))
    .map((p, i) => ({ ...p, rank: i + 1 }));
}

const decided = (t: CandidateTrial): Position | 'undecided' => t.trial.position;

/** The answer from what was tried so far; final once nextEvaluation returns null. */
export function findEncounterResult(state: FindEncounterState, query: FindEncounterQuery): FindEncounterResult {
  const q = singleQuery(query);
  const inBand = state.trials.filter((t) => decided(t) === 'in');
  const undecided = state.trials.filter((t) => decided(t) === 'undecided');
  return {
    proposals: rankProposals(inBand.map((t) => proposal(query, t))),
    nearMisses: rankProposals(undecided.filter((t) => t.trial.done && pointIn(t)).map((t) => proposal(query, t))),
    tried: {
      generatedSingle: query.pool.length * singleMax(query),
      generatedMixed: state.plan?.generated ?? 0,
      evaluated: state.trials.length,
      evaluatedSingle: state.trials.filter((t) => t.stage === 'single').length,
      evaluatedMixed: state.trials.filter((t) => t.stage === 'mix').length,
      inBand: inBand.length,
      out: state.trials.length - inBand.length - undecided.length,
      undecided: undecided.length,
      refined: state.trials.filter((t) => t.trial.runs > query.schedule[0]).length,
      runs: runsSpent(state),
      stoppedBy: plan(state, query).stoppedBy,
    },
    singles: query.pool.map((m, i) => {
      const r = howManyResult(singleState(state, i), q);
      return { monster: m.name, smallest: r.smallest, largest: r.largest, none: r.trials.length > 0 ? r.none : 'not screened (out of budget)' };
    }),
    trials: state.trials,
  };
}

export interface FindEncounterOptions {
  /** A state to resume from (a checkpoint); a fresh search when absent. */
  state?: FindEncounterState;
  /** Called after every batch with the new state, which can be stored as a checkpoint. */
  onBatch?: (state: FindEncounterState, request: CandidateRequest) => void;
  /** Stops the search between batches; the last state given to onBatch resumes it. */
  signal?: AbortSignal;
}

/** Runs the search to its answer, asking `evaluate` for one batch at a time. */
export async function findEncounter(spec: ScenarioSpec, query: FindEncounterQuery, evaluate: Evaluator, options: FindEncounterOptions = {}): Promise<FindEncounterResult> {
  const start = options.state ?? emptyFindState();
  if (start.version !== 1) throw new FindEncounterError(`A saved search of version ${String(start.version)} cannot be resumed here.`);
  const specs = new Map<string, ScenarioSpec>();
  const specFor = (r: CandidateRequest) => {
    const key = candidateKey(r.kinds);
    let candidateSpec = specs.get(key);
    if (!candidateSpec) specs.set(key, (candidateSpec = specForCandidate(spec, query, r.kinds)));
    return candidateSpec;
  };
  const state = await driveSearch(start, {
    next: (s) => nextEvaluation(s, query), specFor, record: (s, r, agg) => recordEvaluation(s, query, r, agg),
  }, query.seed, evaluate, { signal: options.signal, onBatch: options.onBatch && ((s, r) => options.onBatch!(s, r)) });
  return findEncounterResult(state, query);
}
