// "How many?" as a search machine (see search.ts): the state machine of how-many.ts with its query
// carried in the state, each evaluation named by the count and its runs, and a checkpoint read back
// from the device checked before it is trusted.
import type { Aggregate, ScenarioSpec } from '../../engine/index.ts';
import { MEASURES, type Measure } from './bands.ts';
import {
  countsLeft, emptyState, howManyQuery, howManyResult, nextEvaluation, recordEvaluation, specForCount,
  type CountTrial, type EvaluationRequest, type HowManyQuery, type HowManyResult, type HowManyState,
} from './how-many.ts';
import type { SearchMachine, SearchProgress } from './search.ts';

/** What the DM asks: the encounter and enemy, the band and the scope; the rest takes its defaults. */
export type HowManyAsk = Pick<HowManyQuery, 'encounter' | 'enemy' | 'band'> & Partial<HowManyQuery>;

export interface HowManySearchState {
  version: 1;
  query: HowManyQuery;
  /** The enemy's name when the search started, for the answer in words. */
  enemyName: string;
  search: HowManyState;
}

export interface HowManyAnswer extends HowManyResult {
  query: HowManyQuery;
  enemyName: string;
}

const evaluationKey = (q: HowManyQuery, r: EvaluationRequest) => `e${q.encounter}.${q.enemy}/${q.scope}/s${q.seed}/n=${r.count}/r=${r.runs}`;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const whole = (x: unknown, min = 0): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;
const POSITIONS = ['below', 'in', 'above', 'mixed', 'undecided'];
const VERDICTS = ['pass', 'fail', 'undecided'];

/** What is wrong with a stored count, or null. */
function trialProblem(t: unknown, q: HowManyQuery): string | null {
  if (!isObject(t)) return 'a count is not an object';
  if (!whole(t.count, q.minCount) || t.count > q.maxCount) return `a count (${String(t.count)}) is outside ${q.minCount} to ${q.maxCount}`;
  if (!whole(t.runs, 1) || !q.schedule.includes(t.runs)) return `count ${t.count} has ${String(t.runs)} runs, not one of the batches`;
  const c = t.counts;
  if (!isObject(c) || c.runs !== t.runs || MEASURES.some((m) => !whole(c[m]) || (c[m] as number) > (t.runs as number))) return `count ${t.count} has damaged figures`;
  if (!POSITIONS.includes(String(t.position)) || !POSITIONS.includes(String(t.pointPosition))) return `count ${t.count} has an unknown position`;
  if (!VERDICTS.includes(String(t.lower)) || !VERDICTS.includes(String(t.upper))) return `count ${t.count} has an unknown verdict`;
  if (!['pass', 'fail'].includes(String(t.pointLower)) || !['pass', 'fail'].includes(String(t.pointUpper))) return `count ${t.count} has an unknown verdict`;
  if (!Array.isArray(t.batches) || typeof t.done !== 'boolean') return `count ${t.count} has no batches`;
  return null;
}

function progressOf(s: HowManySearchState): SearchProgress {
  const trials = s.search.trials;
  const where = (t: CountTrial) => (t.position === 'undecided' ? t.pointPosition : t.position);
  const inBand = trials.filter((t) => t.done && where(t) === 'in').length;
  const runsDone = trials.reduce((n, t) => n + t.runs, 0);
  const finished = nextEvaluation(s.search, s.query) === null;
  const perCount = trials.length > 0 ? runsDone / trials.length : s.query.schedule[0];
  const open = trials.find((t) => !t.done);
  const openLeft = open ? (s.query.schedule.find((r) => r > open.runs) ?? open.runs) : 0;
  const runsLeft = finished ? 0 : Math.round(openLeft + countsLeft(s.search, s.query) * perCount);
  const counts = `${trials.length} count${trials.length === 1 ? '' : 's'} tried`;
  const evaluations = trials.reduce((n, t) => n + t.batches.length, 0);
  return { tried: trials.length, inBand, evaluations, runsDone, runsLeft, words: `${counts}, ${inBand} in the band` };
}

export const howManyMachine: SearchMachine<HowManyAsk, HowManySearchState, HowManyAnswer, EvaluationRequest> = {
  kind: 'how-many',

  start(spec, ask) {
    const query = howManyQuery(spec, ask);
    const enemyName = spec.encounters[query.encounter]?.enemies[query.enemy]?.name ?? 'enemies';
    return { version: 1, query, enemyName, search: emptyState() };
  },

  next(spec, s) {
    const r = nextEvaluation(s.search, s.query);
    if (!r) return null;
    return {
      key: evaluationKey(s.query, r), label: `${r.count} × ${s.enemyName}, ${r.runs.toLocaleString('en-US')} runs`,
      spec: specForCount(spec, s.query, r.count), seed: s.query.seed, runs: r.runs, request: r,
    };
  },

  record(s, evaluation, aggregate: Aggregate) {
    return { ...s, search: recordEvaluation(s.search, s.query, evaluation.request, aggregate) };
  },

  result: (s) => ({ ...howManyResult(s.search, s.query), query: s.query, enemyName: s.enemyName }),

  progress: progressOf,

  revive(stored, spec: ScenarioSpec) {
    const bad = (problem: string) => ({ ok: false as const, problem });
    if (!isObject(stored)) return bad('it is not a saved search');
    if (stored.version !== 1) return bad(`it is of version ${String(stored.version)}, which this version of the app cannot read`);
    const q = stored.query;
    if (!isObject(q) || !isObject(q.band) || !Array.isArray(q.band.thresholds)) return bad('its question is missing');
    const thresholds = q.band.thresholds as unknown[];
    if (!thresholds.every((th) => isObject(th) && MEASURES.includes(th.measure as Measure) && (th.bound === 'min' || th.bound === 'max'))) {
      return bad('its band names a measure or bound this version does not know');
    }
    let query: HowManyQuery;
    try {
      query = howManyQuery(spec, q as unknown as HowManyQuery);
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    if (!['day', 'encounter'].includes(query.scope) || !whole(query.seed)) return bad('its scope or seed is damaged');
    const search = stored.search;
    if (!isObject(search) || search.version !== 1 || !Array.isArray(search.trials)) return bad('its counts are missing');
    for (const t of search.trials) {
      const problem = trialProblem(t, query);
      if (problem) return bad(problem);
    }
    const enemyName = typeof stored.enemyName === 'string' ? stored.enemyName : 'enemies';
    return { ok: true, state: { version: 1, query, enemyName, search: search as unknown as HowManyState } };
  },
};
