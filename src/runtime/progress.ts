// How far a request has got and how fast it is going, as the UI shows it, and the feed of updates
// that carries it. Speed is measured over the last few seconds rather than since start-up, so a
// slow start (starting workers, compiling the scenario) does not make the time left wrong for the
// rest of the run; a pause starts the measurement afresh. The smoothed speed of one worker also
// sizes the scheduler's chunks. Progress updates are throttled so a fast request cannot flood the
// UI; state changes are never held back.
import type { Aggregate, AggregateLayout } from '../engine/index.ts';
import type { Clock } from './clock.ts';
import type { RequestLedger } from './request-ledger.ts';
import { estimateRunsNeeded, victoryHalfWidth } from './settings.ts';
import {
  isTerminal, REQUEST_STATES,
  type PauseReason, type Phase, type Priority, type RequestSnapshot, type RequestState, type RequestUpdate, type RunSettings,
  type RuntimeStats, type SubmittedScenario, type UpdateFilter, type UpdateListener, type UpdateType,
} from './types.ts';

/** The speed shown for a request is measured over about this much recent time. */
const RATE_WINDOW_MS = 3000;

/** A request's speed and the time it has spent running. */
export class RequestProgress {
  runsSimulated = 0;
  /** Runs per millisecond on one worker, smoothed; sizes chunks. */
  workerRate: number | null = null;
  /** (time, runsSimulated) at recent merges. */
  private rateSamples: Array<[number, number]> = [];
  private activeTotalMs = 0;
  private activeSince: number | null = null;

  /** A chunk's finished runs were merged at `now`; the chunk took `elapsedMs` on its worker. */
  chunkMerged(now: number, runs: number, elapsedMs: number): void {
    this.runsSimulated += runs;
    const samples = this.rateSamples;
    samples.push([now, this.runsSimulated]);
    while (samples.length > 2 && now - samples[1][0] >= RATE_WINDOW_MS) samples.shift();
    if (elapsedMs > 0) {
      const rate = runs / elapsedMs;
      this.workerRate = this.workerRate === null ? rate : 0.5 * this.workerRate + 0.5 * rate;
    }
  }

  /** The request started or resumed running. */
  startClock(now: number): void {
    this.activeSince = now;
  }

  /** The request paused or ended. */
  stopClock(now: number): void {
    if (this.activeSince !== null) {
      this.activeTotalMs += now - this.activeSince;
      this.activeSince = null;
    }
  }

  /** Speed after a pause is measured afresh. */
  resetRate(): void {
    this.rateSamples = [];
  }

  activeMs(now: number): number {
    return this.activeTotalMs + (this.activeSince !== null ? now - this.activeSince : 0);
  }

  /** Over the recent window when there are two samples in it, else since the request started. */
  runsPerSecond(now: number): number {
    const samples = this.rateSamples;
    const first = samples[0], last = samples[samples.length - 1];
    if (samples.length >= 2 && last[0] > first[0]) return ((last[1] - first[1]) / (last[0] - first[0])) * 1000;
    const activeMs = this.activeMs(now);
    return activeMs > 0 ? (this.runsSimulated / activeMs) * 1000 : 0;
  }
}

/** What a snapshot is made of: the scheduler's record of a request has at least these. */
export interface SnapshotSource {
  readonly id: string;
  readonly key: string;
  readonly scenario: SubmittedScenario;
  readonly seed: number;
  readonly target: RunSettings['target'];
  readonly priority: Priority;
  readonly state: RequestState;
  readonly phase: Phase;
  readonly pausedBy: PauseReason | null;
  readonly layout: AggregateLayout | null;
  readonly aggregate: Aggregate | null;
  readonly ledger: RequestLedger;
  readonly progress: RequestProgress;
  readonly submittedAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly submissions: number;
  readonly fromStore: boolean;
  readonly error: string | null;
}

/** The request as the UI reads it at `now`: runs done and aimed for, speed, time left, precision. */
export function requestSnapshot(r: SnapshotSource, now: number): RequestSnapshot {
  const runsDone = r.ledger.runsDone;
  const victories = r.aggregate?.dayVictory ?? 0;
  const activeMs = r.progress.activeMs(now);
  let runsTarget: number;
  if (r.state === 'completed') runsTarget = runsDone;
  else if (r.target.kind === 'runs') runsTarget = r.target.runs;
  else runsTarget = r.ledger.draining ? r.ledger.nextIndex : estimateRunsNeeded(r.target, victories, runsDone);
  const runsPerSecond = r.progress.runsPerSecond(now);
  const left = Math.max(0, runsTarget - runsDone);
  return {
    id: r.id,
    key: r.key,
    scenarioName: r.scenario.name,
    priority: r.priority,
    state: r.state,
    phase: r.phase,
    pausedBy: r.pausedBy,
    seed: r.seed,
    target: r.target,
    runsDone,
    runsTarget,
    fraction: r.state === 'completed' ? 1 : runsTarget > 0 ? Math.min(1, runsDone / runsTarget) : 0,
    runsPerSecond,
    etaMs: isTerminal(r.state) ? 0 : r.state === 'running' && runsPerSecond > 0 ? (left / runsPerSecond) * 1000 : null,
    victoryHalfWidth: runsDone > 0 ? victoryHalfWidth(victories, runsDone) : null,
    submittedAt: r.submittedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    activeMs,
    submissions: r.submissions,
    fromStore: r.fromStore,
    error: r.error,
    layout: r.layout,
  };
}

/** What an update is made of: a snapshot's parts, the aggregate, and the throttle's state. */
export interface UpdateSource extends SnapshotSource {
  /** Bumped at every merge, so an update's copy of the aggregate is made once per change. */
  readonly aggregateVersion: number;
  copy: { version: number; aggregate: Aggregate } | null;
  lastProgressAt: number;
  progressTimer: unknown;
}

interface Subscription {
  listener: UpdateListener;
  filter: UpdateFilter;
}

/** Hands request updates to subscribers; progress at most once per interval, with one trailing update. */
export class UpdateFeed {
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** Listens to updates, optionally of one request or some update types; returns the unsubscribe function. */
  subscribe(listener: UpdateListener, filter: UpdateFilter = {}): () => void {
    const sub: Subscription = { listener, filter };
    this.subscriptions.add(sub);
    return () => {
      this.subscriptions.delete(sub);
    };
  }

  /** A progress update now, or one when the interval since the last one ends; `now` skips the wait. */
  progress(r: UpdateSource, now = false): void {
    const interval = this.intervalMs;
    const at = this.clock.now();
    if (now || at - r.lastProgressAt >= interval) {
      this.cancelProgress(r);
      r.lastProgressAt = at;
      this.emit(r, 'progress');
      return;
    }
    if (r.progressTimer !== null) return;
    r.progressTimer = this.clock.setTimeout(() => {
      r.progressTimer = null;
      if (isTerminal(r.state)) return;
      r.lastProgressAt = this.clock.now();
      this.emit(r, 'progress');
    }, r.lastProgressAt + interval - at);
  }

  /** Drops a pending trailing update (the request ended, or the runtime shut down). */
  cancelProgress(r: UpdateSource): void {
    if (r.progressTimer !== null) {
      this.clock.clearTimeout(r.progressTimer);
      r.progressTimer = null;
    }
  }

  emit(r: UpdateSource, type: UpdateType): void {
    if (this.subscriptions.size === 0) return;
    let update: RequestUpdate | null = null;
    for (const sub of this.subscriptions) {
      if (sub.filter.requestId !== undefined && sub.filter.requestId !== r.id) continue;
      if (sub.filter.types && !sub.filter.types.includes(type)) continue;
      if (!update) {
        const now = this.clock.now();
        update = { type, requestId: r.id, at: now, phase: r.phase, snapshot: requestSnapshot(r, now), aggregate: aggregateCopy(r) };
      }
      try {
        sub.listener(update);
      } catch (e) {
        console.error('A runtime update listener threw:', e);
      }
    }
  }
}

/** One copy per merged state, shared by every update until the next merge (listeners must not change it). */
function aggregateCopy(r: UpdateSource): Aggregate | null {
  if (!r.aggregate) return null;
  if (!r.copy || r.copy.version !== r.aggregateVersion) r.copy = { version: r.aggregateVersion, aggregate: structuredClone(r.aggregate) };
  return r.copy.aggregate;
}

/** The pool's figures that the runtime's statistics include. */
export type PoolFigures = Pick<RuntimeStats, 'mode' | 'workers' | 'busyWorkers' | 'workerRestarts' | 'runsSimulated'> & { busyMs: number };

/** Requests by state, mean wait and run time, and runs per second of time any worker was busy. */
export function runtimeStats(records: Iterable<SnapshotSource>, pool: PoolFigures): RuntimeStats {
  const byState = Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
  let waitSum = 0, waitN = 0, runSum = 0, runN = 0;
  for (const r of records) {
    byState[r.state]++;
    if (r.startedAt !== null) {
      waitSum += r.startedAt - r.submittedAt;
      waitN++;
    }
    if (r.state === 'completed' && r.startedAt !== null && r.finishedAt !== null) {
      runSum += r.finishedAt - r.startedAt;
      runN++;
    }
  }
  return {
    mode: pool.mode,
    workers: pool.workers,
    busyWorkers: pool.busyWorkers,
    workerRestarts: pool.workerRestarts,
    byState,
    meanWaitMs: waitN ? waitSum / waitN : 0,
    meanRunMs: runN ? runSum / runN : 0,
    runsPerSecond: pool.busyMs > 0 ? (pool.runsSimulated / pool.busyMs) * 1000 : 0,
    runsSimulated: pool.runsSimulated,
  };
}
