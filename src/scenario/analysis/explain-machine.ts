// "What decides this fight" as a search machine (see search.ts): the state machine of explain.ts
// with its query (and the changes that could not be tried) carried in the state, each evaluation
// named by the change and its runs and asking for each run's outcome, and a checkpoint read back from
// the device checked against the scenario before it is trusted.
import type { Aggregate, ScenarioSpec } from '../../engine/index.ts';
import {
  emptyExplainState, explainQuery, explainResult, nextEvaluation, recordEvaluation, variantSpec,
  type ExplainQuery, type ExplainRequest, type ExplainResult, type ExplainState, type SkippedVariant,
} from './explain.ts';
import type { SearchMachine, SearchProgress } from './search.ts';

/** What the DM may set; the changes are always every change of the scenario. */
export type ExplainAsk = Partial<Pick<ExplainQuery, 'seed' | 'schedule' | 'precision' | 'relativePrecision'>>;

export interface ExplainSearchState {
  version: 1;
  query: ExplainQuery;
  skipped: SkippedVariant[];
  search: ExplainState;
}

export interface ExplainAnswer extends ExplainResult {
  query: ExplainQuery;
  skipped: SkippedVariant[];
}

const evaluationKey = (q: ExplainQuery, r: ExplainRequest) => `${r.variant ?? 'base'}/s${q.seed}/r=${r.runs}`;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const whole = (x: unknown, min = 0): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Runs so far are 0 or one of the stages. */
const atStage = (runs: unknown, q: ExplainQuery): runs is number => runs === 0 || (whole(runs) && q.schedule.includes(runs));

/** What is wrong with a stored change's trial, or null. */
function trialProblem(t: unknown, id: string, q: ExplainQuery, baseRuns: number): string | null {
  if (!isObject(t) || t.id !== id) return `the change "${id}" is missing or out of order`;
  if (!atStage(t.runs, q) || t.runs > baseRuns) return `the change "${id}" has ${String(t.runs)} runs, not one of the stages the base has reached`;
  for (const m of ['victory', 'dies'] as const) {
    const c = t[m];
    if (!isObject(c) || c.runs !== t.runs || !whole(c.lost) || !whole(c.gained) || !whole(c.base) || c.base > t.runs || c.lost > c.base || c.gained > t.runs - c.base) {
      return `the change "${id}" has damaged figures`;
    }
  }
  if (typeof t.done !== 'boolean' || typeof t.settled !== 'boolean') return `the change "${id}" has no verdict`;
  return null;
}

function progressOf(s: ExplainSearchState): SearchProgress {
  const { query: q, search } = s;
  const stagesUpTo = (runs: number) => q.schedule.filter((r) => r <= runs).length;
  const tried = search.trials.filter((t) => t.runs > 0).length;
  const evaluations = stagesUpTo(search.base.runs) + search.trials.reduce((n, t) => n + stagesUpTo(t.runs), 0);
  const runsDone = search.base.runs + search.trials.reduce((n, t) => n + t.runs, 0);
  const request = nextEvaluation(search, q);
  // The runs of this stage still to simulate (each evaluation simulates its runs from the first):
  // later stages depend on which changes settle, so they are not counted.
  let runsLeft = 0;
  if (request) {
    const target = request.runs;
    runsLeft = (search.base.runs < target ? target : 0) + search.trials.filter((t) => !t.done && t.runs < target).length * target;
  }
  const open = search.trials.filter((t) => !t.done).length;
  const stage = request ? `, runs ${request.runs.toLocaleString('en-US')} in this stage` : '';
  const words = `${tried} of ${plural(q.variants.length, 'change')} tried, ${search.trials.length - open} finished${open > 0 ? `, ${open} open` : ''}${stage}`;
  return { tried, inBand: null, evaluations, runsDone, runsLeft, words };
}

export const explainMachine: SearchMachine<ExplainAsk, ExplainSearchState, ExplainAnswer, ExplainRequest> = {
  kind: 'explain',

  start(spec, ask) {
    const { query, skipped } = explainQuery(spec, ask);
    return { version: 1, query, skipped, search: emptyExplainState(query) };
  },

  next(spec, s) {
    const r = nextEvaluation(s.search, s.query);
    if (!r) return null;
    const variant = r.variant === null ? null : s.query.variants.find((v) => v.id === r.variant)!;
    return {
      key: evaluationKey(s.query, r),
      label: `${variant ? variant.label : 'the scenario as it is'}, ${r.runs.toLocaleString('en-US')} runs`,
      spec: variant ? variantSpec(spec, variant.change) : spec,
      seed: s.query.seed, runs: r.runs, runOutcomes: true, request: r,
    };
  },

  record(s, evaluation, aggregate: Aggregate) {
    return { ...s, search: recordEvaluation(s.search, s.query, evaluation.request, aggregate) };
  },

  result: (s) => ({ ...explainResult(s.search, s.query), query: s.query, skipped: s.skipped }),

  progress: progressOf,

  revive(stored, spec: ScenarioSpec) {
    const bad = (problem: string) => ({ ok: false as const, problem });
    if (!isObject(stored)) return bad('it is not a saved explanation');
    if (stored.version !== 1) return bad(`it is of version ${String(stored.version)}, which this version of the app cannot read`);
    const q = stored.query;
    if (!isObject(q) || !Array.isArray(q.variants)) return bad('its question is missing');
    if (!whole(q.seed) || q.seed > 0xffffffff) return bad('its seed is damaged');
    // The changes are the scenario's own: worked out again, and they must be the ones searched.
    let fresh: { query: ExplainQuery; skipped: SkippedVariant[] };
    try {
      fresh = explainQuery(spec, { seed: q.seed as number, schedule: q.schedule as number[], precision: q.precision as number, relativePrecision: q.relativePrecision as number });
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    const query = fresh.query;
    const ids = q.variants.map((v) => (isObject(v) ? v.id : undefined));
    if (ids.length !== query.variants.length || ids.some((id, i) => id !== query.variants[i].id)) return bad('its changes are not those of this scenario');
    const search = stored.search;
    if (!isObject(search) || search.version !== 1 || !isObject(search.base) || !Array.isArray(search.trials)) return bad('its results are missing');
    const base = search.base;
    if (!atStage(base.runs, query) || typeof base.outcomes !== 'string' || base.outcomes.length !== base.runs || !/^[0-3]*$/.test(base.outcomes)) {
      return bad('the outcomes of the scenario as it is are damaged');
    }
    if (search.trials.length !== query.variants.length) return bad(`it has ${search.trials.length} changes, not ${query.variants.length}`);
    for (let i = 0; i < query.variants.length; i++) {
      const problem = trialProblem(search.trials[i], query.variants[i].id, query, base.runs);
      if (problem) return bad(problem);
    }
    return { ok: true, state: { version: 1, query, skipped: fresh.skipped, search: search as unknown as ExplainState } };
  },
};
