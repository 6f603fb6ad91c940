// "Find an encounter" as a search machine (see search.ts): the state machine of find-encounter.ts
// with its query carried in the state. The query holds the pool's stat blocks themselves, not the
// compendium ids: the app loads its compendiums lazily, and a checkpoint read back after a reload
// must be able to carry on before (or without) loading them. A checkpoint is checked before it is
// trusted, and what is wrong is said in words.
import type { Aggregate, ScenarioSpec } from '../../engine/index.ts';
import { MEASURES, type Measure } from './bands.ts';
import type { PoolMonster } from './encounter-pool.ts';
import {
  candidateKey, emptyFindState, findEncounterQuery, findEncounterResult, nextEvaluation, recordEvaluation, specForCandidate,
  type CandidateRequest, type FindEncounterQuery, type FindEncounterResult, type FindEncounterState, type KindCount,
} from './find-encounter.ts';
import type { SearchMachine, SearchProgress } from './search.ts';

/** What the DM asks: the encounter, the band and the pool; the rest takes its defaults. */
export type FindEncounterAsk = Pick<FindEncounterQuery, 'encounter' | 'band' | 'pool'> & Partial<FindEncounterQuery> & {
  /** The pool's filters in words, to say what was searched. */
  poolWords?: string;
};

export interface FindEncounterSearchState {
  version: 1;
  query: FindEncounterQuery;
  poolWords: string;
  search: FindEncounterState;
}

export interface FindEncounterAnswer extends FindEncounterResult {
  query: FindEncounterQuery;
  poolWords: string;
  /** Whether the mixes have been planned (every monster tried alone first). */
  mixesPlanned: boolean;
}

// Pool monsters are named by id and book in keys, not by their place in the pool: two searches of
// different pools never share a key for different fights.
const book = (m: PoolMonster) => m.source.replace(/[^0-9a-z]/gi, '').toLowerCase();
const evaluationKey = (q: FindEncounterQuery, r: CandidateRequest) =>
  `f${q.encounter}/${q.scope}/s${q.seed}/${r.kinds.map((k) => `${q.pool[k.monster].id}.${book(q.pool[k.monster])}x${k.count}`).join('+')}/r=${r.runs}`;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const whole = (x: unknown, min = 0): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;
const POSITIONS = ['below', 'in', 'above', 'mixed', 'undecided'];

/** What is wrong with a stored pool monster, or null. */
function monsterProblem(m: unknown, i: number): string | null {
  if (!isObject(m)) return `pool monster ${i + 1} is not an object`;
  const name = typeof m.name === 'string' && m.name ? m.name : `pool monster ${i + 1}`;
  if (typeof m.id !== 'string' || typeof m.name !== 'string' || typeof m.source !== 'string' || typeof m.crText !== 'string') return `${name} has no id, name, source or challenge rating`;
  if (typeof m.xp !== 'number' || !(m.xp >= 0) || typeof m.cr !== 'number') return `${name} has a damaged XP or challenge rating`;
  const c = m.creature;
  if (!isObject(c) || typeof c.name !== 'string' || typeof c.hp !== 'number' || !(c.hp > 0) || typeof c.ac !== 'number' || !Array.isArray(c.actions)) {
    return `${name} has a damaged stat block`;
  }
  return null;
}

/** What is wrong with a stored candidate, or null. */
function trialProblem(t: unknown, q: FindEncounterQuery): string | null {
  if (!isObject(t) || !Array.isArray(t.kinds) || t.kinds.length === 0) return 'a candidate is not a list of monsters';
  const kinds = t.kinds as unknown[];
  if (!kinds.every((k) => isObject(k) && whole(k.monster) && k.monster < q.pool.length && whole(k.count, 1) && k.count <= q.maxPerKind)) {
    return `a candidate (${String(t.key)}) names a monster outside the pool or a count outside 1 to ${q.maxPerKind}`;
  }
  const key = candidateKey(kinds as KindCount[]);
  if (t.key !== key) return `a candidate's name (${String(t.key)}) does not match its monsters (${key})`;
  if (t.stage !== 'single' && t.stage !== 'mix') return `candidate ${key} has an unknown stage`;
  const tr = t.trial;
  if (!isObject(tr) || !whole(tr.runs, 1) || !q.schedule.includes(tr.runs)) return `candidate ${key} has runs that are not one of the batches`;
  const c = tr.counts;
  if (!isObject(c) || c.runs !== tr.runs || MEASURES.some((m) => !whole(c[m]) || (c[m] as number) > (tr.runs as number))) return `candidate ${key} has damaged figures`;
  if (!POSITIONS.includes(String(tr.position)) || !POSITIONS.includes(String(tr.pointPosition))) return `candidate ${key} has an unknown position`;
  if (!Array.isArray(tr.batches) || typeof tr.done !== 'boolean') return `candidate ${key} has no batches`;
  return null;
}

/** Single-kind screens a monster usually takes (doubling then bisection), before any is measured. */
const SCREENS_PER_MONSTER = 4;

function progressOf(s: FindEncounterSearchState): SearchProgress {
  const { query: q, search } = s;
  const trials = search.trials;
  const where = (t: (typeof trials)[number]) => (t.trial.position === 'undecided' ? t.trial.pointPosition : t.trial.position);
  const inBand = trials.filter((t) => t.trial.done && where(t) === 'in').length;
  const runsDone = trials.reduce((n, t) => n + t.trial.runs, 0);
  const evaluations = trials.reduce((n, t) => n + t.trial.batches.length, 0);
  const finished = nextEvaluation(search, q) === null;
  let runsLeft = 0;
  if (!finished) {
    // Screens still to come, within the candidate budget; then one more batch for each candidate
    // the screen put in the band and the intervals have not decided. Bounded by the run budget.
    const singles = trials.filter((t) => t.stage === 'single');
    const monstersDone = new Set(singles.map((t) => t.kinds[0].monster)).size;
    const perMonster = monstersDone > 0 ? singles.length / monstersDone : SCREENS_PER_MONSTER;
    const tried = new Set(trials.map((t) => t.key));
    const screens = search.plan
      ? search.plan.order.filter((m) => !tried.has(candidateKey(m.kinds))).length
      : Math.max(0, q.pool.length - monstersDone + 1) * perMonster;
    const screensLeft = Math.min(screens, Math.max(0, q.maxCandidates - trials.length));
    const open = trials.filter((t) => !t.trial.done && where(t) === 'in');
    const refine = open.reduce((n, t) => n + (q.schedule.find((r) => r > t.trial.runs) ?? t.trial.runs), 0);
    runsLeft = Math.round(Math.min(q.maxRuns - runsDone, screensLeft * q.schedule[0] + refine));
    runsLeft = Math.max(runsLeft, 0);
  }
  const words = `${trials.length} candidate${trials.length === 1 ? '' : 's'} tried, ${inBand} in the band`;
  return { tried: trials.length, inBand, evaluations, runsDone, runsLeft, words };
}

export const findEncounterMachine: SearchMachine<FindEncounterAsk, FindEncounterSearchState, FindEncounterAnswer, CandidateRequest> = {
  kind: 'find-encounter',

  start(spec, ask) {
    const { poolWords, ...q } = ask;
    const query = findEncounterQuery(spec, q);
    return { version: 1, query, poolWords: poolWords ?? 'the pool given', search: emptyFindState() };
  },

  next(spec, s) {
    const r = nextEvaluation(s.search, s.query);
    if (!r) return null;
    const label = r.kinds.map((k) => `${k.count} × ${s.query.pool[k.monster].name}`).join(' + ');
    return {
      key: evaluationKey(s.query, r), label: `${label}, ${r.runs.toLocaleString('en-US')} runs`,
      spec: specForCandidate(spec, s.query, r.kinds), seed: s.query.seed, runs: r.runs, request: r,
    };
  },

  record(s, evaluation, aggregate: Aggregate) {
    return { ...s, search: recordEvaluation(s.search, s.query, evaluation.request, aggregate) };
  },

  result: (s) => ({ ...findEncounterResult(s.search, s.query), query: s.query, poolWords: s.poolWords, mixesPlanned: s.search.plan !== null }),

  progress: progressOf,

  revive(stored, spec: ScenarioSpec) {
    const bad = (problem: string) => ({ ok: false as const, problem });
    if (!isObject(stored)) return bad('it is not a saved search');
    if (stored.version !== 1) return bad(`it is of version ${String(stored.version)}, which this version of the app cannot read`);
    const q = stored.query;
    if (!isObject(q) || !isObject(q.band) || !Array.isArray(q.band.thresholds) || !Array.isArray(q.pool) || !Array.isArray(q.schedule)) return bad('its question is missing');
    const thresholds = q.band.thresholds as unknown[];
    if (!thresholds.every((th) => isObject(th) && MEASURES.includes(th.measure as Measure) && (th.bound === 'min' || th.bound === 'max'))) {
      return bad('its band names a measure or bound this version does not know');
    }
    for (const [i, m] of (q.pool as unknown[]).entries()) {
      const problem = monsterProblem(m, i);
      if (problem) return bad(problem);
    }
    if (!Array.isArray(q.levels) || !q.levels.every((l) => whole(l, 1))) return bad('its party levels are damaged');
    let query: FindEncounterQuery;
    try {
      query = findEncounterQuery(spec, q as unknown as FindEncounterQuery);
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    if (!['day', 'encounter'].includes(query.scope) || !whole(query.seed)) return bad('its scope or seed is damaged');
    const search = stored.search;
    if (!isObject(search) || search.version !== 1 || !Array.isArray(search.trials)) return bad('its candidates are missing');
    for (const t of search.trials) {
      const problem = trialProblem(t, query);
      if (problem) return bad(problem);
    }
    if (search.plan !== null && (!isObject(search.plan) || !Array.isArray(search.plan.order) || !Array.isArray(search.plan.centres) || !whole(search.plan.generated))) {
      return bad('its plan of mixes is damaged');
    }
    if (search.plan && !(search.plan.order as unknown[]).every((m) => isObject(m) && Array.isArray(m.kinds)
      && (m.kinds as unknown[]).every((k) => isObject(k) && whole(k.monster) && k.monster < query.pool.length && whole(k.count, 1)))) {
      return bad('its plan of mixes names a monster outside the pool');
    }
    const poolWords = typeof stored.poolWords === 'string' ? stored.poolWords : 'the pool given';
    return { ok: true, state: { version: 1, query, poolWords, search: search as unknown as FindEncounterState } };
  },
};
