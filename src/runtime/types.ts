// The runtime's vocabulary: priorities, request states and phases, run targets, the snapshots and
// updates the UI reads, and the messages between the scheduler and its workers.
import type { Aggregate, AggregateLayout, LogEvent, ScenarioSpec } from '../engine/index.ts';

export const PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Higher is more urgent. */
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p);
/** High and Critical requests may pause lower-priority work that holds every worker. */
export const PREEMPTING_RANK = priorityRank('high');

export const REQUEST_STATES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const isTerminal = (s: RequestState): boolean => s === 'completed' || s === 'failed' || s === 'cancelled';

/**
 * Whether a request's answer is final: every run is merged. The representative runs' replays and
 * storing follow, but change no figure, so the answer can be shown firm before they are done.
 */
export const answerFinal = (s: { state: RequestState; phase: Phase }): boolean =>
  s.state === 'completed' || (!isTerminal(s.state) && (s.phase === 'replaying' || s.phase === 'storing'));

/**
 * Runs behind a first answer: with fewer, the app keeps showing the last answer (marked out of
 * date), the better guide. A request's first chunks add up to this over every worker, and the merge
 * that reaches it is reported at once rather than held back by the progress throttle.
 */
export const FIRST_ANSWER_RUNS = 500;

/** What the request is doing: waiting, simulating runs, replaying representative runs with a full log, storing, or done. */
export type Phase = 'queued' | 'simulating' | 'replaying' | 'storing' | 'done';

export const UPDATE_TYPES = [
  'queued', 'started', 'progress', 'paused', 'resumed', 'completed', 'failed', 'cancelled', 'changed', 'removed',
] as const;
export type UpdateType = (typeof UPDATE_TYPES)[number];

/** A scenario as the runtime receives it: what loadScenarioText returns has this shape. */
export interface SubmittedScenario {
  name: string;
  spec: ScenarioSpec;
  /** The scenario's identity across edits (its storage slots); defaults to the name. */
  id?: string;
}

/** Stop when the 95% interval on party victory is no wider than ±halfWidth, or at maxRuns. */
export interface PrecisionTarget {
  /** Half-width of the 95% Wilson interval on the day's party victory, as a fraction (0.01 = ±1 percentage point). */
  halfWidth: number;
  maxRuns: number;
  /** Never judge precision on fewer runs than this (small samples can look precise by luck). */
  minRuns: number;
}

export type RunTarget = { kind: 'runs'; runs: number } | ({ kind: 'precision' } & PrecisionTarget);

/**
 * What a request keeps besides the usual figures, or leaves out. Each is part of the request key, so
 * requests with and without it never share a result; absent on ordinary requests.
 */
export interface RunExtras {
  /** Keep each run's outcome by run index (Aggregate.runOutcomes), for comparisons paired run by run. */
  runOutcomes?: true;
  /** Skip the representative runs' replays (a search never shows them). */
  noReplays?: true;
}

export interface RunSettings extends RunExtras {
  seed: number;
  target: RunTarget;
}

/**
 * How settings may be written by callers: `{ seed, runs }` or `{ seed, precision: { halfWidth, maxRuns } }`,
 * optionally with `runOutcomes: true` and `replays: false`.
 */
export type RunSettingsInput =
  ({ seed: number; runs: number } | { seed: number; precision: { halfWidth: number; maxRuns: number; minRuns?: number } })
  & { runOutcomes?: boolean; replays?: boolean };

export type PauseReason = 'user' | 'preempted';

export interface RepresentativeReplay {
  /** Which representative runs this run is (worst, p5, p50, p95, best, firstDefeat). */
  labels: string[];
  run: number;
  outcome: string;
  events: LogEvent[];
}

/** Everything the UI needs to draw one request, without the aggregate. */
export interface RequestSnapshot {
  id: string;
  key: string;
  scenarioName: string;
  priority: Priority;
  state: RequestState;
  phase: Phase;
  pausedBy: PauseReason | null;
  seed: number;
  target: RunTarget;
  /** Runs in the merged aggregate (always a set of whole runs, never double-counted). */
  runsDone: number;
  /** The runs asked for, or for a precision target the current estimate of runs needed. */
  runsTarget: number;
  /** 0..1 */
  fraction: number;
  runsPerSecond: number;
  /** Estimated milliseconds left, or null while unknown. */
  etaMs: number | null;
  /** Half-width of the current 95% interval on party victory (fraction), or null before any run. */
  victoryHalfWidth: number | null;
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Milliseconds spent running (not queued, not paused). */
  activeMs: number;
  /** How many submissions this request answers (dedup). */
  submissions: number;
  /** Answered from the result store without running. */
  fromStore: boolean;
  /** Readable reason when failed. */
  error: string | null;
  layout: AggregateLayout | null;
}

/** A live request as a checkpoint keeps it: enough to queue it again and resume where it was. */
export interface RequestCheckpoint extends RunExtras {
  key: string;
  scenario: SubmittedScenario;
  seed: number;
  target: RunTarget;
  priority: Priority;
  state: 'queued' | 'running' | 'paused';
  pausedBy: PauseReason | null;
  /** Finished runs as sorted, disjoint half-open ranges: exactly the runs in `aggregate`. */
  done: Array<[number, number]>;
  aggregate: Aggregate | null;
  layout: AggregateLayout | null;
  /** Changes whenever the aggregate does, so an unchanged request need not be written again. */
  version: number;
}

export interface RequestUpdate {
  type: UpdateType;
  requestId: string;
  at: number;
  phase: Phase;
  snapshot: RequestSnapshot;
  /** The merged aggregate so far (a copy the listener may keep), or null before the first chunk. */
  aggregate: Aggregate | null;
}

export interface UpdateFilter {
  requestId?: string;
  types?: readonly UpdateType[];
}

export type UpdateListener = (update: RequestUpdate) => void;

export interface RuntimeStats {
  mode: ControlMode;
  workers: number;
  busyWorkers: number;
  workerRestarts: number;
  byState: Record<RequestState, number>;
  /** Mean milliseconds from submission to the first chunk, over started requests. */
  meanWaitMs: number;
  /** Mean milliseconds from start to completion, over completed requests that ran. */
  meanRunMs: number;
  /** Runs simulated per second of wall time during which any worker was busy. */
  runsPerSecond: number;
  runsSimulated: number;
}

// ------------------------------------------------------------------ scheduler <-> worker

/** shared: flags in a SharedArrayBuffer read with Atomics; message: flags sent as messages, checked between slices. */
export type ControlMode = 'shared' | 'message';

export interface WorkerInit {
  workerIndex: number;
  mode: ControlMode;
  /** The control board (shared memory) in shared mode; null in message mode. */
  board: Int32Array | null;
  boardLength: number;
  /** This worker's heartbeat word on the board. */
  heartbeatIndex: number;
  flagCheckEveryRuns: number;
  /** In message mode: the longest stretch of simulation between two looks at incoming messages. */
  messageSliceMs: number;
}

export type ChunkMode = 'lean' | 'full';

export interface ChunkJob {
  requestId: string;
  slot: number;
  seed: number;
  from: number;
  to: number;
  mode: ChunkMode;
  /** Keep each run's outcome in the chunk's aggregate (RunExtras.runOutcomes). */
  runOutcomes?: true;
  /**
   * Full-log mode: the runs to replay. When given, [from, to) indexes this list (so several
   * scattered runs are one job, not a round trip each); otherwise it is the run indices themselves.
   */
  runs?: number[];
}

export type StopReason = 'done' | 'paused' | 'cancelled';

export interface RunLog {
  run: number;
  outcome: string;
  events: LogEvent[];
}

export interface ChunkResult {
  from: number;
  /** Runs [from, stoppedAt) are in `aggregate`; the rest of the chunk was not run. */
  stoppedAt: number;
  stopReason: StopReason;
  aggregate: Aggregate;
  /** Full-log mode only. */
  logs: RunLog[] | null;
  elapsedMs: number;
}
