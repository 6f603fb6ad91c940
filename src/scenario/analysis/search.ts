// Searches over many simulations ("how many?", "find an encounter", "what decides this fight") as
// plain-data state machines that a driver runs one evaluation at a time. The machine decides what to
// simulate next and what the answers mean; the driver (the store's search slice in the app, a loop
// in a test) decides how each evaluation is computed, and keeps the state between evaluations.
//
// The contract, for every machine:
// - A state is plain data that survives JSON (it is checkpointed on the device after every
//   evaluation) and is never changed in place: record returns a new state.
// - next is a pure function of (spec, state): the same state asks for the same evaluation, so a
//   search resumed from a checkpoint asks again for the evaluation it was waiting for.
// - An evaluation is the aggregate of runs [0, runs) of `spec` with base seed `seed`, the
//   runtime's own unit of work: its result is stored and deduplicated by the request key.
// - revive checks a state read back from the device and says what is wrong with it in words.
import type { Aggregate, ScenarioSpec } from '../../engine/index.ts';

export interface SearchEvaluation<E = unknown> {
  /**
   * Names this evaluation within its search, stable across reloads ("e0.0/day/n=4/r=500"): the
   * driver stores the result under it, so it must differ for evaluations that differ.
   */
  key: string;
  /** For people: "4 Ghouls, 500 runs". */
  label: string;
  spec: ScenarioSpec;
  seed: number;
  runs: number;
  /** Ask for each run's outcome in the aggregate (Aggregate.runOutcomes), for comparisons paired run by run. */
  runOutcomes?: boolean;
  /** The machine's own note of what this is (handed back to record). */
  request: E;
}

export interface SearchProgress {
  /** Candidates evaluated so far (counts, encounters, variants). */
  tried: number;
  /** Of those finished, how many are in the band; null for a search without a band. */
  inBand: number | null;
  /** Evaluations recorded so far. */
  evaluations: number;
  /** Runs in the recorded evaluations (a re-run prefix counted once). */
  runsDone: number;
  /** An estimate of the runs still to evaluate; null when unknown, 0 when the search is done. */
  runsLeft: number | null;
  /** "3 counts tried, 1 in the band". */
  words: string;
}

export interface SearchMachine<Q = unknown, S = unknown, R = unknown, E = unknown> {
  /** Names the machine in checkpoints and storage ids: never change it once shipped. */
  kind: string;
  /** A fresh state for `query` on `spec`; throws an Error whose message says what is wrong with the query. */
  start(spec: ScenarioSpec, query: Q): S;
  /** The next evaluation, or null when the search has its answer. */
  next(spec: ScenarioSpec, state: S): SearchEvaluation<E> | null;
  /** The state with the evaluation's aggregate recorded (a new object). */
  record(state: S, evaluation: SearchEvaluation<E>, aggregate: Aggregate): S;
  /** The answer so far; final once next returns null. */
  result(state: S): R;
  progress(state: S): SearchProgress;
  /** A state read back from the device, checked against `spec`: the state, or what is wrong with it. */
  revive(stored: unknown, spec: ScenarioSpec): { ok: true; state: S } | { ok: false; problem: string };
}
