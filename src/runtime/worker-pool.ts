// The workers the scheduler hands chunks to. A worker starts on first use, is replaced at its next
// use when it dies, and is stopped after a while without work (as squoosh's worker bridge does):
// an idle worker still holds the engine and every compiled scenario, which a tab left open all
// evening should give back; starting one again costs a fraction of a second on the next tweak.
//
// The watchdog lives here too, because only the pool sees the heartbeats: a worker that shows no
// progress, or that does not stop when its request is asked to, is terminated, and the scheduler
// hears of it as a lost chunk.
import { heartbeatIndex, type BoardLayout } from './board.ts';
import type { Clock } from './clock.ts';
import type { RuntimeConfig } from './config.ts';
import type { Executor, WorkerHandle } from './executor.ts';
import type { ControlMode } from './types.ts';
import type { ScenarioSpec } from '../engine/index.ts';

/** What the pool needs to know of a chunk in flight. */
export interface PoolJob {
  readonly startedAt: number;
}

export interface PoolWorker<J extends PoolJob> {
  readonly index: number;
  handle: WorkerHandle | null;
  busy: J | null;
  /** Requests whose scenario this worker has compiled. */
  prepared: Set<string>;
  lastBeat: number;
  lastBeatChangeAt: number;
  /** When the worker last finished a chunk; it is stopped once idle for idleWorkerTimeoutMs. */
  idleSince: number;
}

export interface WorkerPoolOptions<J extends PoolJob> {
  executor: Executor;
  config: RuntimeConfig;
  clock: Clock;
  mode: ControlMode;
  board: Int32Array;
  layout: BoardLayout;
  size: number;
  /** When a stop (pause, cancel, preemption) was asked of the job's request, or null if none was. */
  stopRequestedAt: (job: J) => number | null;
}

export class WorkerPool<J extends PoolJob> {
  readonly workers: ReadonlyArray<PoolWorker<J>>;
  private readonly options: WorkerPoolOptions<J>;
  private readonly config: RuntimeConfig;
  private readonly clock: Clock;
  private watchdog: unknown = null;
  private idleTimer: unknown = null;
  private disposed = false;
  private lostCount = 0;
  private busyTotalMs = 0;
  private busySince: number | null = null;

  constructor(options: WorkerPoolOptions<J>) {
    this.options = options;
    this.config = options.config;
    this.clock = options.clock;
    this.workers = Array.from({ length: options.size }, (_, index) => ({
      index, handle: null, busy: null, prepared: new Set<string>(), lastBeat: 0, lastBeatChangeAt: 0, idleSince: 0,
    }));
  }

  /** Workers lost and replaced (crashed, hung, terminated); workers stopped for idling are not counted. */
  get restarts(): number {
    return this.lostCount;
  }

  freeWorker(): PoolWorker<J> | undefined {
    return this.workers.find((w) => !w.busy);
  }

  busyCount(): number {
    let n = 0;
    for (const w of this.workers) if (w.busy) n++;
    return n;
  }

  /** Time during which at least one worker was busy. */
  busyMs(now: number): number {
    return this.busyTotalMs + (this.busySince !== null ? now - this.busySince : 0);
  }

  /** The worker's handle, starting the worker when it has none (first use, lost, or stopped while idle). */
  handleFor(w: PoolWorker<J>): WorkerHandle {
    return w.handle ?? this.spawn(w);
  }

  /** Marks the worker busy with a job; its handle must have come from handleFor. */
  occupy(w: PoolWorker<J>, job: J, now: number): void {
    if (this.busySince === null) this.busySince = now;
    w.busy = job;
  }

  /** The job is over (finished, stopped or failed): the worker is free again. */
  vacate(w: PoolWorker<J>, job: J): void {
    if (w.busy === job) {
      w.busy = null;
      // One timer for the whole pool, armed only when none is: no timer per chunk.
      w.idleSince = this.clock.now();
      if (this.idleTimer === null && w.handle) this.armIdleStop(this.config.idleWorkerTimeoutMs);
    }
    if (this.busySince !== null && this.workers.every((p) => !p.busy)) {
      this.busyTotalMs += this.clock.now() - this.busySince;
      this.busySince = null;
    }
  }

  /** Frees what every worker compiled for a request that has ended. */
  releaseRequest(requestId: string): void {
    for (const w of this.workers) {
      if (w.prepared.delete(requestId)) w.handle?.release(requestId);
    }
  }

  /**
   * Starts every worker that is not running and has it warm its engine for about budgetMs, so a
   * first request finds them ready; unused, they are stopped after idleWorkerTimeoutMs as usual.
   * With a scenario, every idle worker (running or not) warms on it: the next request most likely
   * resembles it, and code optimised for another scenario's shapes is slow on its first runs.
   */
  warm(budgetMs: number, spec?: ScenarioSpec): void {
    if (this.disposed) return;
    const now = this.clock.now();
    for (const w of this.workers) {
      if (spec ? w.busy : w.handle) continue;
      this.handleFor(w).warm(budgetMs, spec);
      w.idleSince = now;
    }
    if (this.idleTimer === null) this.armIdleStop(this.config.idleWorkerTimeoutMs);
  }

  /** Terminates every worker and stops the pool's timers. */
  dispose(): void {
    this.disposed = true;
    for (const w of this.workers) {
      w.handle?.terminate('the simulation runtime was shut down');
      w.handle = null;
    }
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
    if (this.idleTimer !== null) this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private spawn(w: PoolWorker<J>): WorkerHandle {
    const { board, layout, mode } = this.options;
    const handle = this.options.executor.spawn({
      workerIndex: w.index,
      mode,
      board: mode === 'shared' ? board : null,
      boardLength: board.length,
      heartbeatIndex: heartbeatIndex(layout, w.index),
      flagCheckEveryRuns: this.config.flagCheckEveryRuns,
      messageSliceMs: this.config.messageSliceMs,
    });
    w.handle = handle;
    w.prepared.clear();
    handle.onLost(() => {
      // An idle worker that dies is simply replaced at its next use; a busy one fails its chunk.
      if (w.handle === handle) {
        w.handle = null;
        w.prepared.clear();
        if (!this.disposed) this.lostCount++;
      }
    });
    return handle;
  }

  // ------------------------------------------------------------------ idle workers

  private armIdleStop(delayMs: number): void {
    // 0 keeps idle workers for the runtime's lifetime.
    if (this.disposed || this.config.idleWorkerTimeoutMs === 0) return;
    this.idleTimer = this.clock.setTimeout(() => {
      this.idleTimer = null;
      this.stopIdleWorkers();
    }, delayMs);
  }

  private stopIdleWorkers(): void {
    const now = this.clock.now();
    const timeout = this.config.idleWorkerTimeoutMs;
    let nextDue = Infinity;
    for (const w of this.workers) {
      if (w.busy || !w.handle) continue;
      const idleMs = now - w.idleSince;
      if (idleMs >= timeout) {
        const handle = w.handle;
        // Dropped before terminating, so the onLost listener does not count it as a lost worker.
        w.handle = null;
        w.prepared.clear();
        handle.terminate(`simulation worker ${w.index + 1} had no work for ${(timeout / 1000).toFixed(1)} s and was stopped`);
      } else nextDue = Math.min(nextDue, timeout - idleMs);
    }
    if (nextDue < Infinity) this.armIdleStop(nextDue);
  }

  // ------------------------------------------------------------------ watchdog: hung and dead workers

  ensureWatchdog(): void {
    if (this.watchdog !== null || this.disposed || this.workers.every((w) => !w.busy)) return;
    const interval = Math.max(10, Math.min(250, this.config.workerTimeoutMs / 4, this.config.stopGraceMs / 2));
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      this.checkWorkers();
      this.ensureWatchdog();
    }, interval);
  }

  private checkWorkers(): void {
    const now = this.clock.now();
    const { board, layout, mode } = this.options;
    for (const w of this.workers) {
      const f = w.busy;
      if (!f || !w.handle) continue;
      if (mode === 'shared') {
        const beat = Atomics.load(board, heartbeatIndex(layout, w.index));
        if (beat !== w.lastBeat) {
          w.lastBeat = beat;
          w.lastBeatChangeAt = now;
        }
      }
      const lastSign = Math.max(f.startedAt, w.lastBeatChangeAt);
      const stopAskedAt = this.options.stopRequestedAt(f);
      if (now - lastSign > this.config.workerTimeoutMs) {
        w.handle.terminate(`simulation worker ${w.index + 1} showed no progress for ${(this.config.workerTimeoutMs / 1000).toFixed(1)} s and was stopped`);
      } else if (stopAskedAt !== null && now - stopAskedAt > this.config.stopGraceMs) {
        w.handle.terminate(`simulation worker ${w.index + 1} did not stop within ${this.config.stopGraceMs} ms of being asked and was stopped`);
      }
    }
  }
}
