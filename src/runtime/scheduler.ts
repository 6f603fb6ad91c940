// The scheduler: owns the live requests, the priority queue and the worker pool, cuts each
// request's runs into chunks for free workers, merges what comes back, and turns pause, cancel and
// preemption into control words on the board. It never runs the engine itself; an Executor does.
//
// Bookkeeping that keeps the determinism contract: every request tracks exactly which run indices
// are done (a RangeSet that refuses overlaps), which are in flight, which came back unfinished
// (holes, re-issued lowest first) and where the untouched frontier starts. A paused, preempted,
// timed-out or crashed chunk returns its unfinished part to the holes, so no run is skipped and
// none is counted twice; merging is order-free, so the final aggregate equals an uninterrupted run.
import {
  emptyAggregate, ENGINE_VERSION, mergeInto, summarize,
  type Aggregate, type AggregateLayout, type ScenarioSpec,
} from '../engine/index.ts';
import {
  CONTROL_CANCEL, CONTROL_PAUSE, CONTROL_RUN, controlIndex, createBoard, heartbeatIndex, SlotAllocator,
  type BoardLayout, type ControlValue,
} from './board.ts';
import { systemClock, type Clock } from './clock.ts';
import { poolSize, resolveConfig, type RuntimeConfig, type RuntimeConfigInput } from './config.ts';
import { WorkerLostError, type Executor, type WorkerHandle } from './executor.ts';
import { RangeSet } from './ranges.ts';
import { RequestQueue } from './request-queue.ts';
import type { AnswerCache, RunResultRecord } from './answer-cache.ts';
import {
  checkPriority, estimateRunsNeeded, normalizeSettings, precisionMet, QueueFullError, runLimit, storedAnswers,
  SubmitError, tighterTarget, victoryHalfWidth,
} from './settings.ts';
import {
  isTerminal, PREEMPTING_RANK, priorityRank, REQUEST_STATES,
  type ChunkResult, type ControlMode, type PauseReason, type Phase, type Priority, type RepresentativeReplay,
  type RequestCheckpoint, type RequestSnapshot, type RequestState, type RequestUpdate, type RunSettings, type RunSettingsInput,
  type RuntimeStats, type SubmittedScenario, type UpdateFilter, type UpdateListener, type UpdateType,
} from './types.ts';

/** Hashes the canonical scenario, the run settings and the engine version into a request key. */
export type KeyFunction = (spec: ScenarioSpec, settings: { seed: number; runs: number }, engineVersion: string) => string;

export interface RuntimeOptions {
  executor: Executor;
  keyOf: KeyFunction;
  config?: RuntimeConfigInput;
  /** Where completed results go and where dedup looks; null for none. */
  store?: AnswerCache | null;
  clock?: Clock;
  /** Prefix of request ids, so ids from runtimes in different tabs never collide. */
  idPrefix?: string;
}

/** A run range not yet done and not in flight; attempts counts losses of a worker while running it. */
interface Pending {
  from: number;
  to: number;
  attempts: number;
}

interface InFlight {
  record: RequestRecord;
  worker: PoolSlot;
  kind: 'simulate' | 'replay';
  from: number;
  to: number;
  attempts: number;
  startedAt: number;
}

interface PoolSlot {
  index: number;
  handle: WorkerHandle | null;
  busy: InFlight | null;
  /** Requests whose scenario this worker has compiled. */
  prepared: Set<string>;
  lastBeat: number;
  lastBeatChangeAt: number;
}

type Stopping = 'pause' | 'preempt' | 'cancel';

interface RequestRecord {
  readonly id: string;
  readonly seq: number;
  readonly key: string;
  readonly scenario: SubmittedScenario;
  readonly seed: number;
  target: RunSettings['target'];
  priority: Priority;
  state: RequestState;
  phase: Phase;
  pausedBy: PauseReason | null;
  stopping: Stopping | null;
  stopRequestedAt: number;
  pauseAfterStop: PauseReason;
  lookupPending: boolean;
  layout: AggregateLayout | null;
  aggregate: Aggregate | null;
  /** Bumped at every merge, so an update's copy of the aggregate is made once per change. */
  aggregateVersion: number;
  copy: { version: number; aggregate: Aggregate } | null;
  done: RangeSet;
  holes: Pending[];
  nextIndex: number;
  /** Precision met: no new runs past the frontier, only holes below it. */
  draining: boolean;
  inFlight: Set<InFlight>;
  slot: number | null;
  replayQueue: Pending[];
  replayLabels: Map<number, string[]>;
  replays: RepresentativeReplay[];
  runsSimulated: number;
  /** (time, runsSimulated) at recent merges: the speed shown is over the last few seconds, not since start-up. */
  rateSamples: Array<[number, number]>;
  /** Runs per millisecond on one worker, smoothed; sizes chunks. */
  workerRate: number | null;
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  activeMs: number;
  activeSince: number | null;
  submissions: number;
  fromStore: boolean;
  error: string | null;
  lastProgressAt: number;
  progressTimer: unknown;
  waiters: Array<(s: RequestSnapshot) => void>;
}

interface Subscription {
  listener: UpdateListener;
  filter: UpdateFilter;
}

/** Runs fewer than this are not worth a chunk of their own when spreading over workers. */
const MIN_SPREAD_CHUNK = 64;
/** The speed shown for a request is measured over about this much recent time. */
const RATE_WINDOW_MS = 3000;
/** Chunk size before a request's speed is known. */
const FIRST_CHUNK_RUNS = 500;

export class SimulationRuntime {
  readonly config: RuntimeConfig;
  readonly mode: ControlMode;
  /** Workers in the pool (started on demand). */
  readonly workerCount: number;
  private readonly executor: Executor;
  private readonly keyOf: KeyFunction;
  private readonly store: AnswerCache | null;
  private readonly clock: Clock;
  private readonly layout: BoardLayout;
  private readonly board: Int32Array;
  private readonly slots: SlotAllocator;
  private readonly pool: PoolSlot[];
  private readonly records = new Map<string, RequestRecord>();
  private readonly byKey = new Map<string, RequestRecord>();
  private readonly queue = new RequestQueue<RequestRecord>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly cleanupTimers = new Map<string, unknown>();
  private nextSeq = 1;
  private readonly idPrefix: string;
  private pumpScheduled = false;
  private watchdog: unknown = null;
  private disposed = false;
  private workerRestarts = 0;
  private runsSimulated = 0;
  private busyMs = 0;
  private busySince: number | null = null;

  constructor(options: RuntimeOptions) {
    this.config = resolveConfig(options.config);
    this.executor = options.executor;
    this.keyOf = options.keyOf;
    this.store = options.store === undefined ? null : options.store;
    this.clock = options.clock ?? systemClock;
    this.idPrefix = options.idPrefix ?? '';
    this.mode = this.executor.mode;
    this.workerCount = poolSize(this.config, this.executor.hardwareConcurrency);
    // At most one chunk per worker is in flight, so at most workerCount requests hold a slot.
    this.layout = { slots: this.workerCount, workers: this.workerCount };
    this.board = createBoard(this.layout, this.mode === 'shared');
    this.slots = new SlotAllocator(this.layout.slots);
    this.pool = Array.from({ length: this.workerCount }, (_, index) => ({
      index, handle: null, busy: null, prepared: new Set<string>(), lastBeat: 0, lastBeatChangeAt: 0,
    }));
  }

  // ------------------------------------------------------------------ public API

  /**
   * Queues a scenario to simulate and returns the request id. The same key already queued or
   * running returns that request (raised to the higher priority); a stored result that answers
   * the settings completes at once without running. Throws SubmitError for bad settings and
   * QueueFullError past the queue capacity.
   */
  submit(scenario: SubmittedScenario, settingsInput: RunSettingsInput, priorityInput: Priority = 'normal'): string {
    if (this.disposed) throw new SubmitError('The simulation runtime has been shut down');
    if (!scenario || typeof scenario !== 'object' || !scenario.spec) throw new SubmitError('scenario: expected { name, spec }, got nothing usable');
    const settings = normalizeSettings(settingsInput);
    const priority = checkPriority(priorityInput);
    const key = this.keyOf(scenario.spec, { seed: settings.seed, runs: runLimit(settings.target) }, ENGINE_VERSION);
    const existing = this.byKey.get(key);
    if (existing && !isTerminal(existing.state)) {
      existing.submissions++;
      if (priorityRank(priority) > priorityRank(existing.priority)) this.queue.setPriority(existing, priority);
      existing.target = tighterTarget(existing.target, settings.target);
      if (existing.draining && !precisionMet(existing.target, existing.aggregate?.dayVictory ?? 0, existing.done.size)) existing.draining = false;
      this.emit(existing, 'changed');
      // Asking again for a request the user paused means: run it.
      if (existing.state === 'paused' && existing.pausedBy === 'user') this.resume(existing.id);
      this.schedulePump();
      return existing.id;
    }
    if (this.liveCount() >= this.config.queueCapacity) throw new QueueFullError(this.config.queueCapacity);
    return this.enqueue(this.newRecord(key, scenario, settings, priority));
  }

  /**
   * Queues a request again from its checkpoint (after a reload, a crash, or another tab's exit):
   * its finished runs and merged aggregate are taken as they were, and only the runs missing from
   * them are simulated, so the final aggregate equals an uninterrupted run's. A request with the
   * same key already live here absorbs it instead. A checkpoint whose runs and aggregate disagree is
   * not trusted: the request starts from zero.
   */
  restore(cp: RequestCheckpoint): string {
    if (this.disposed) throw new SubmitError('The simulation runtime has been shut down');
    const existing = this.byKey.get(cp.key);
    if (existing && !isTerminal(existing.state)) return existing.id;
    const settings: RunSettings = { seed: cp.seed, target: cp.target };
    const record = this.newRecord(cp.key, cp.scenario, settings, checkPriority(cp.priority));
    const limit = runLimit(cp.target);
    const done = new RangeSet();
    let consistent = cp.aggregate !== null && cp.layout !== null;
    try {
      for (const [from, to] of cp.done) {
        if (to > limit) throw new Error('past the limit');
        done.add(from, to);
      }
    } catch {
      consistent = false;
    }
    if (consistent && done.size > 0 && cp.aggregate!.runs === done.size) {
      record.done = done;
      record.aggregate = cp.aggregate;
      record.layout = cp.layout;
      record.aggregateVersion = 1;
      const ranges = done.toArray();
      record.nextIndex = ranges[ranges.length - 1][1];
      // The gaps between finished ranges (chunks that were in flight) are run again.
      let at = 0;
      for (const [from, to] of ranges) {
        if (from > at) record.holes.push({ from: at, to: from, attempts: 0 });
        at = to;
      }
    }
    if (cp.state === 'paused' && cp.pausedBy === 'user') {
      record.state = 'paused';
      record.pausedBy = 'user';
    }
    return this.enqueue(record);
  }

  /**
   * What a live request has finished, for a checkpoint: its done run ranges and a copy of the
   * merged aggregate, taken together so they always describe the same runs (chunks in flight are
   * in neither). Null for an unknown or finished request.
   */
  checkpoint(id: string): RequestCheckpoint | null {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state)) return null;
    const hasRuns = r.aggregate !== null && r.done.size > 0;
    return {
      key: r.key, scenario: r.scenario, seed: r.seed, target: r.target, priority: r.priority,
      state: r.state as RequestCheckpoint['state'], pausedBy: r.pausedBy,
      done: hasRuns ? r.done.toArray().map(([a, b]) => [a, b] as [number, number]) : [],
      aggregate: hasRuns ? structuredClone(r.aggregate) : null,
      layout: hasRuns ? r.layout : null,
      version: r.aggregateVersion,
    };
  }

  private newRecord(key: string, scenario: SubmittedScenario, settings: RunSettings, priority: Priority): RequestRecord {
    const seq = this.nextSeq++;
    const now = this.clock.now();
    return {
      id: `${this.idPrefix}r${seq}`, seq, key, scenario, seed: settings.seed, target: settings.target, priority,
      state: 'queued', phase: 'queued', pausedBy: null, stopping: null, stopRequestedAt: 0, pauseAfterStop: 'user',
      lookupPending: this.store !== null, layout: null, aggregate: null, aggregateVersion: 0, copy: null,
      done: new RangeSet(), holes: [], nextIndex: 0, draining: false, inFlight: new Set(), slot: null,
      replayQueue: [], replayLabels: new Map(), replays: [], runsSimulated: 0, rateSamples: [], workerRate: null,
      submittedAt: now, startedAt: null, finishedAt: null, activeMs: 0, activeSince: null,
      submissions: 1, fromStore: false, error: null, lastProgressAt: -Infinity, progressTimer: null, waiters: [],
    };
  }

  private enqueue(record: RequestRecord): string {
    this.records.set(record.id, record);
    this.byKey.set(record.key, record);
    this.queue.add(record);
    this.emit(record, 'queued');
    if (this.store) void this.lookUp(record, this.store);
    else this.advanceIfAllDone(record);
    this.schedulePump();
    return record.id;
  }

  /** A request restored with every run already done goes straight on to its replays and the store. */
  private advanceIfAllDone(r: RequestRecord): void {
    if (isTerminal(r.state) || r.done.size === 0 || r.inFlight.size > 0 || r.phase !== 'queued' || this.hasWork(r)) return;
    if (r.state === 'paused' && r.pausedBy === 'user') return;
    this.advancePhase(r);
  }

  /** Stops a request for good; running chunks stop at their next flag check and keep what they finished. */
  cancel(id: string): boolean {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state) || r.phase === 'storing') return false;
    if (r.inFlight.size === 0) {
      this.finish(r, 'cancelled');
      return true;
    }
    r.stopping = 'cancel';
    r.stopRequestedAt = this.clock.now();
    this.setControl(r, CONTROL_CANCEL);
    this.ensureWatchdog();
    return true;
  }

  /** Pauses a request; its running chunks stop at their next flag check, keeping what they finished. */
  pause(id: string): boolean {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state) || r.phase === 'storing' || r.stopping === 'cancel') return false;
    if (r.state === 'paused') {
      if (r.pausedBy === 'user') return false;
      r.pausedBy = 'user';
      this.emit(r, 'changed');
      return true;
    }
    if (r.stopping) {
      r.pauseAfterStop = 'user';
      r.stopping = 'pause';
      return true;
    }
    if (r.inFlight.size === 0) {
      this.enterPaused(r, 'user');
      return true;
    }
    this.requestStop(r, 'pause', 'user');
    return true;
  }

  resume(id: string): boolean {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state)) return false;
    if (r.stopping === 'pause' || r.stopping === 'preempt') {
      // Not stopped yet: let the chunks run on.
      r.stopping = null;
      this.setControl(r, CONTROL_RUN);
      return true;
    }
    if (r.state !== 'paused') return false;
    r.pausedBy = null;
    r.state = r.startedAt === null ? 'queued' : 'running';
    if (r.state === 'running') r.activeSince = this.clock.now();
    this.emit(r, 'resumed');
    this.advanceIfAllDone(r);
    this.schedulePump();
    return true;
  }

  /** Changes a live request's priority (up or down). */
  setPriority(id: string, priority: Priority): boolean {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state)) return false;
    this.queue.setPriority(r, checkPriority(priority));
    this.emit(r, 'changed');
    this.schedulePump();
    return true;
  }

  get(id: string): RequestSnapshot | undefined {
    const r = this.records.get(id);
    return r && this.snapshot(r);
  }

  list(): RequestSnapshot[] {
    return [...this.records.values()].map((r) => this.snapshot(r));
  }

  /** A copy of the merged aggregate so far. */
  aggregate(id: string): Aggregate | null {
    const r = this.records.get(id);
    return r?.aggregate ? structuredClone(r.aggregate) : null;
  }

  replays(id: string): RepresentativeReplay[] {
    return this.records.get(id)?.replays.slice() ?? [];
  }

  /** Resolves with the final snapshot once the request is completed, failed or cancelled. */
  settled(id: string): Promise<RequestSnapshot> {
    const r = this.records.get(id);
    if (!r) return Promise.reject(new Error(`No request ${id}`));
    if (isTerminal(r.state)) return Promise.resolve(this.snapshot(r));
    return new Promise((resolve) => r.waiters.push(resolve));
  }

  /** Listens to updates, optionally of one request or some update types; returns the unsubscribe function. */
  subscribe(listener: UpdateListener, filter: UpdateFilter = {}): () => void {
    const sub: Subscription = { listener, filter };
    this.subscriptions.add(sub);
    return () => {
      this.subscriptions.delete(sub);
    };
  }

  stats(): RuntimeStats {
    const byState = Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
    let waitSum = 0, waitN = 0, runSum = 0, runN = 0;
    for (const r of this.records.values()) {
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
    const now = this.clock.now();
    const busyMs = this.busyMs + (this.busySince !== null ? now - this.busySince : 0);
    return {
      mode: this.mode,
      workers: this.workerCount,
      busyWorkers: this.pool.filter((w) => w.busy).length,
      workerRestarts: this.workerRestarts,
      byState,
      meanWaitMs: waitN ? waitSum / waitN : 0,
      meanRunMs: runN ? runSum / runN : 0,
      runsPerSecond: busyMs > 0 ? (this.runsSimulated / busyMs) * 1000 : 0,
      runsSimulated: this.runsSimulated,
    };
  }

  /** Terminates every worker and stops all timers; pending requests stay as they are. */
  dispose(): void {
    this.disposed = true;
    for (const w of this.pool) {
      w.handle?.terminate('the simulation runtime was shut down');
      w.handle = null;
    }
    for (const t of this.cleanupTimers.values()) this.clock.clearTimeout(t);
    this.cleanupTimers.clear();
    for (const r of this.records.values()) if (r.progressTimer !== null) this.clock.clearTimeout(r.progressTimer);
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  // ------------------------------------------------------------------ dedup against the store

  private async lookUp(r: RequestRecord, store: AnswerCache): Promise<void> {
    let found: RunResultRecord | null = null;
    try {
      found = await store.find(r.key);
    } catch (e) {
      console.warn(`Looking up a stored result for request ${r.id} failed; simulating instead: ${e instanceof Error ? e.message : String(e)}`);
    }
    r.lookupPending = false;
    if (isTerminal(r.state)) return;
    if (found && found.seed === r.seed && found.runs <= runLimit(r.target)) {
      const answers = storedAnswers(r.target, found.aggregate.dayVictory, found.runs);
      // A request restored from a checkpoint keeps its own runs unless the stored result answers it outright.
      if (answers || r.done.size === 0) {
        r.layout = found.layout;
        r.aggregate = found.aggregate;
        r.aggregateVersion++;
        r.done = new RangeSet();
        r.done.add(0, found.runs);
        r.holes = [];
        r.nextIndex = found.runs;
      }
      if (answers) {
        r.replays = found.replays;
        r.fromStore = true;
        // Stored again as this scenario's newest (an undone tweak flips back to the slot holding it).
        r.phase = 'storing';
        await this.saveResult(r);
        if (!isTerminal(r.state)) this.finish(r, 'completed');
        return;
      }
      // Not precise enough: continue from where the stored runs end.
    }
    this.advanceIfAllDone(r);
    this.schedulePump();
  }

  // ------------------------------------------------------------------ scheduling

  private liveCount(): number {
    let n = 0;
    for (const r of this.records.values()) if (!isTerminal(r.state)) n++;
    return n;
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.disposed) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private eligible(r: RequestRecord): boolean {
    if (isTerminal(r.state) || r.lookupPending || r.stopping || r.phase === 'storing') return false;
    if (r.state === 'paused' && r.pausedBy === 'user') return false;
    return this.hasWork(r);
  }

  private hasWork(r: RequestRecord): boolean {
    if (r.phase === 'replaying') return r.replayQueue.length > 0;
    return r.holes.length > 0 || (!r.draining && r.nextIndex < runLimit(r.target));
  }

  private pump(): void {
    if (this.disposed) return;
    for (;;) {
      const free = this.pool.find((w) => !w.busy);
      if (!free) break;
      let chosen: RequestRecord | null = null;
      for (const r of this.queue.inOrder()) {
        if (this.eligible(r)) {
          chosen = r;
          break;
        }
      }
      if (!chosen) break;
      this.assign(chosen, free);
    }
    this.preemptIfNeeded();
    this.ensureWatchdog();
  }

  /** Chunk size: about targetChunkMs of work, spread so one request's remaining runs use every worker. */
  private chunkSize(r: RequestRecord): number {
    const cap = this.mode === 'shared' ? this.config.chunkRuns : this.config.fallbackChunkRuns;
    let size = r.workerRate === null ? Math.min(cap, FIRST_CHUNK_RUNS) : Math.round(r.workerRate * this.config.targetChunkMs);
    const limit = r.draining ? r.nextIndex : r.target.kind === 'precision'
      ? estimateRunsNeeded(r.target, r.aggregate?.dayVictory ?? 0, r.done.size) : runLimit(r.target);
    const remaining = Math.max(0, limit - r.nextIndex) + r.holes.reduce((n, h) => n + h.to - h.from, 0);
    size = Math.min(size, Math.max(MIN_SPREAD_CHUNK, Math.ceil(remaining / this.workerCount)));
    return Math.max(1, Math.min(cap, size));
  }

  private takeChunk(r: RequestRecord): Pending {
    if (r.phase === 'replaying') return r.replayQueue.shift()!;
    const size = this.chunkSize(r);
    if (r.holes.length > 0) {
      const hole = r.holes[0];
      const to = Math.min(hole.to, hole.from + size);
      const taken = { from: hole.from, to, attempts: hole.attempts };
      if (to === hole.to) r.holes.shift();
      else hole.from = to;
      return taken;
    }
    const from = r.nextIndex;
    const to = Math.min(runLimit(r.target), from + size);
    r.nextIndex = to;
    return { from, to, attempts: 0 };
  }

  private assign(r: RequestRecord, w: PoolSlot): void {
    const handle = w.handle ?? this.spawn(w);
    const chunk = this.takeChunk(r);
    if (r.slot === null) {
      r.slot = this.slots.acquire();
      this.writeControl(r.slot, CONTROL_RUN);
    }
    const now = this.clock.now();
    const flight: InFlight = {
      record: r, worker: w, kind: r.phase === 'replaying' ? 'replay' : 'simulate',
      from: chunk.from, to: chunk.to, attempts: chunk.attempts, startedAt: now,
    };
    if (this.busySince === null) this.busySince = now;
    w.busy = flight;
    r.inFlight.add(flight);
    if (r.state !== 'running') {
      const first = r.startedAt === null;
      if (first) r.startedAt = now;
      r.state = 'running';
      r.pausedBy = null;
      r.activeSince = now;
      if (r.phase === 'queued') r.phase = 'simulating';
      this.emit(r, first ? 'started' : 'resumed');
    }
    void this.execute(flight, handle);
  }

  private spawn(w: PoolSlot): WorkerHandle {
    const handle = this.executor.spawn({
      workerIndex: w.index,
      mode: this.mode,
      board: this.mode === 'shared' ? this.board : null,
      boardLength: this.board.length,
      heartbeatIndex: heartbeatIndex(this.layout, w.index),
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
        if (!this.disposed) this.workerRestarts++;
      }
    });
    return handle;
  }

  private async execute(f: InFlight, handle: WorkerHandle): Promise<void> {
    const r = f.record;
    const w = f.worker;
    try {
      if (!w.prepared.has(r.id)) {
        const layout = await handle.prepare(r.id, r.scenario.spec);
        w.prepared.add(r.id);
        if (!r.layout) r.layout = layout;
        if (!r.aggregate) r.aggregate = emptyAggregate(layout);
      }
      if (this.mode === 'message') handle.setControl(r.slot!, this.board[controlIndex(r.slot!)]);
      const result = await handle.runChunk({
        requestId: r.id, slot: r.slot!, seed: r.seed, from: f.from, to: f.to, mode: f.kind === 'replay' ? 'full' : 'lean',
      });
      this.chunkDone(f, result);
    } catch (e) {
      this.chunkFailed(f, e);
    }
  }

  private release(f: InFlight): void {
    const w = f.worker;
    if (w.busy === f) w.busy = null;
    f.record.inFlight.delete(f);
    if (this.pool.every((p) => !p.busy) && this.busySince !== null) {
      this.busyMs += this.clock.now() - this.busySince;
      this.busySince = null;
    }
  }

  private chunkDone(f: InFlight, result: ChunkResult): void {
    this.release(f);
    const r = f.record;
    if (isTerminal(r.state)) {
      this.afterChunk(r);
      return;
    }
    const finished = result.stoppedAt - f.from;
    if (f.kind === 'simulate') {
      if (finished > 0) {
        if (!r.aggregate) r.aggregate = emptyAggregate(r.layout!);
        r.done.add(f.from, result.stoppedAt);
        mergeInto(r.aggregate, result.aggregate);
        r.aggregateVersion++;
        r.runsSimulated += finished;
        this.runsSimulated += finished;
        this.sampleRate(r);
        if (result.elapsedMs > 0) {
          const rate = finished / result.elapsedMs;
          r.workerRate = r.workerRate === null ? rate : 0.5 * r.workerRate + 0.5 * rate;
        }
      }
      if (result.stoppedAt < f.to) this.addHole(r.holes, { from: result.stoppedAt, to: f.to, attempts: f.attempts });
    } else {
      for (const log of result.logs ?? []) {
        r.replays.push({ labels: r.replayLabels.get(log.run) ?? [], run: log.run, outcome: log.outcome, events: log.events });
      }
      if (result.stoppedAt < f.to) this.addHole(r.replayQueue, { from: result.stoppedAt, to: f.to, attempts: f.attempts });
    }
    this.afterChunk(r);
    // After the next chunks are handed out, so the update's statistics show the workers busy.
    if (!isTerminal(r.state) && r.state === 'running' && (r.phase === 'simulating' || r.phase === 'replaying')) this.progress(r);
  }

  private chunkFailed(f: InFlight, e: unknown): void {
    this.release(f);
    const r = f.record;
    if (e instanceof WorkerLostError) {
      // The handle's onLost listener has already dropped the worker; the next chunk starts a new one.
      if (!isTerminal(r.state) && r.stopping !== 'cancel') {
        const queue = f.kind === 'replay' ? r.replayQueue : r.holes;
        if (r.stopping) this.addHole(queue, { from: f.from, to: f.to, attempts: f.attempts });
        else if (f.attempts >= 1) {
          this.fail(r, `A simulation worker was lost twice while running runs ${f.from.toLocaleString('en-US')} to ${(f.to - 1).toLocaleString('en-US')}, `
            + `so the request was stopped rather than trust a broken worker. Last cause: ${e.message}`);
        } else this.addHole(queue, { from: f.from, to: f.to, attempts: f.attempts + 1 });
      }
    } else if (!isTerminal(r.state)) {
      // The engine's own message (a CompileError names the field), unchanged.
      this.fail(r, e instanceof Error ? e.message : String(e));
    }
    this.afterChunk(r);
  }

  private addHole(list: Pending[], p: Pending): void {
    if (p.to <= p.from) return;
    let i = 0;
    while (i < list.length && list[i].from < p.from) i++;
    list.splice(i, 0, p);
  }

  /** After any chunk returns: finish a pending stop, move to the next phase, or hand out more work. */
  private afterChunk(r: RequestRecord): void {
    if (r.inFlight.size === 0 && r.slot !== null) {
      this.writeControl(r.slot, CONTROL_RUN);
      this.slots.release(r.slot);
      r.slot = null;
    }
    if (!isTerminal(r.state) && r.inFlight.size === 0 && r.stopping) {
      const stopping = r.stopping;
      r.stopping = null;
      if (stopping === 'cancel') this.finish(r, 'cancelled');
      else this.enterPaused(r, stopping === 'preempt' ? 'preempted' : r.pauseAfterStop);
    }
    if (!isTerminal(r.state) && !r.stopping) this.advancePhase(r);
    this.pump();
  }

  private advancePhase(r: RequestRecord): void {
    if (r.phase === 'simulating' || (r.phase === 'queued' && r.done.size > 0)) {
      const runs = r.done.size;
      const victories = r.aggregate?.dayVictory ?? 0;
      if (r.target.kind === 'precision') r.draining = precisionMet(r.target, victories, runs) && runs > 0;
      const simulating = [...r.inFlight].some((f) => f.kind === 'simulate');
      const frontierDone = r.draining || r.nextIndex >= runLimit(r.target);
      if (simulating || r.holes.length > 0 || !frontierDone) return;
      if (!r.done.isPrefix(r.nextIndex)) {
        throw new Error(`Internal error: request ${r.id} finished with runs ${JSON.stringify(r.done.toArray())}, not [0, ${r.nextIndex})`);
      }
      this.startReplays(r);
    }
    if (r.phase === 'replaying' && r.replayQueue.length === 0 && r.inFlight.size === 0) void this.complete(r);
  }

  private startReplays(r: RequestRecord): void {
    if (!this.config.replayRepresentatives || !r.aggregate || !r.layout || r.aggregate.runs === 0) {
      void this.complete(r);
      return;
    }
    const reps = summarize(r.aggregate, r.layout).representatives;
    r.replayLabels.clear();
    for (const [label, run] of Object.entries(reps)) {
      if (run < 0) continue;
      const labels = r.replayLabels.get(run) ?? [];
      labels.push(label);
      r.replayLabels.set(run, labels);
    }
    r.replayQueue = [...r.replayLabels.keys()].sort((a, b) => a - b).map((run) => ({ from: run, to: run + 1, attempts: 0 }));
    r.replays = [];
    r.phase = 'replaying';
    this.emit(r, 'progress');
  }

  private async complete(r: RequestRecord): Promise<void> {
    r.phase = 'storing';
    this.emit(r, 'progress');
    await this.saveResult(r);
    if (!isTerminal(r.state)) this.finish(r, 'completed');
  }

  private async saveResult(r: RequestRecord): Promise<void> {
    if (!this.config.autoStoreCompleted || !this.store || !r.aggregate || !r.layout) return;
    try {
      await this.store.save(r.scenario.id ?? r.scenario.name, {
        key: r.key, scenarioName: r.scenario.name, engineVersion: ENGINE_VERSION, seed: r.seed, runs: r.aggregate.runs,
        victoryHalfWidth: victoryHalfWidth(r.aggregate.dayVictory, r.aggregate.runs),
        aggregate: r.aggregate, layout: r.layout, replays: r.replays, completedAt: Date.now(),
      });
    } catch (e) {
      // The answer is still shown; only keeping it failed (the store reports why to the user).
      console.warn(`Storing the result of request ${r.id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Pause lower-priority work when an urgent request waits and every worker is busy with lower priority. */
  private preemptIfNeeded(): void {
    if (this.pool.some((w) => !w.busy)) return;
    let urgent: RequestRecord | null = null;
    for (const r of this.queue.inOrder()) {
      if (this.eligible(r)) {
        urgent = r;
        break;
      }
    }
    if (!urgent || priorityRank(urgent.priority) < PREEMPTING_RANK) return;
    const rank = priorityRank(urgent.priority);
    if (this.pool.some((w) => w.busy && priorityRank(w.busy.record.priority) >= rank)) return;
    const victims = new Set(this.pool.map((w) => w.busy!.record));
    for (const v of victims) if (!v.stopping && v.phase === 'simulating') this.requestStop(v, 'preempt', 'preempted');
  }

  private requestStop(r: RequestRecord, how: Stopping, reason: PauseReason): void {
    r.stopping = how;
    r.pauseAfterStop = reason;
    r.stopRequestedAt = this.clock.now();
    this.setControl(r, CONTROL_PAUSE);
    this.ensureWatchdog();
  }

  private sampleRate(r: RequestRecord): void {
    const now = this.clock.now();
    const samples = r.rateSamples;
    samples.push([now, r.runsSimulated]);
    while (samples.length > 2 && now - samples[1][0] >= RATE_WINDOW_MS) samples.shift();
  }

  private enterPaused(r: RequestRecord, by: PauseReason): void {
    this.stopClock(r);
    // Speed after a pause is measured afresh.
    r.rateSamples = [];
    r.state = 'paused';
    r.pausedBy = by;
    this.emit(r, 'paused');
    this.schedulePump();
  }

  private fail(r: RequestRecord, reason: string): void {
    r.error = reason;
    if (r.slot !== null) this.setControl(r, CONTROL_CANCEL);
    this.finish(r, 'failed');
  }

  private finish(r: RequestRecord, state: 'completed' | 'failed' | 'cancelled'): void {
    this.stopClock(r);
    r.state = state;
    r.phase = 'done';
    r.stopping = null;
    r.finishedAt = this.clock.now();
    this.queue.remove(r);
    if (this.byKey.get(r.key) === r) this.byKey.delete(r.key);
    if (r.progressTimer !== null) {
      this.clock.clearTimeout(r.progressTimer);
      r.progressTimer = null;
    }
    for (const w of this.pool) {
      if (w.prepared.delete(r.id)) w.handle?.release(r.id);
    }
    this.emit(r, state);
    const snap = this.snapshot(r);
    for (const resolve of r.waiters.splice(0)) resolve(snap);
    if (this.config.autoCleanup) {
      const timer = this.clock.setTimeout(() => this.forget(r.id), this.config.maxCompletedAgeSeconds * 1000);
      this.cleanupTimers.set(r.id, timer);
    }
    this.schedulePump();
  }

  private forget(id: string): void {
    const r = this.records.get(id);
    this.cleanupTimers.delete(id);
    if (!r || !isTerminal(r.state)) return;
    this.emit(r, 'removed');
    this.records.delete(id);
  }

  private stopClock(r: RequestRecord): void {
    if (r.activeSince !== null) {
      r.activeMs += this.clock.now() - r.activeSince;
      r.activeSince = null;
    }
  }

  // ------------------------------------------------------------------ control board

  private writeControl(slot: number, value: ControlValue): void {
    if (this.mode === 'shared') Atomics.store(this.board, controlIndex(slot), value);
    else this.board[controlIndex(slot)] = value;
  }

  private setControl(r: RequestRecord, value: ControlValue): void {
    if (r.slot === null) return;
    this.writeControl(r.slot, value);
    if (this.mode === 'message') {
      for (const f of r.inFlight) f.worker.handle?.setControl(r.slot, value);
    }
  }

  // ------------------------------------------------------------------ watchdog: hung and dead workers

  private ensureWatchdog(): void {
    if (this.watchdog !== null || this.disposed || this.pool.every((w) => !w.busy)) return;
    const interval = Math.max(10, Math.min(250, this.config.workerTimeoutMs / 4, this.config.stopGraceMs / 2));
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      this.checkWorkers();
      this.ensureWatchdog();
    }, interval);
  }

  private checkWorkers(): void {
    const now = this.clock.now();
    for (const w of this.pool) {
      const f = w.busy;
      if (!f || !w.handle) continue;
      if (this.mode === 'shared') {
        const beat = Atomics.load(this.board, heartbeatIndex(this.layout, w.index));
        if (beat !== w.lastBeat) {
          w.lastBeat = beat;
          w.lastBeatChangeAt = now;
        }
      }
      const lastSign = Math.max(f.startedAt, w.lastBeatChangeAt);
      if (now - lastSign > this.config.workerTimeoutMs) {
        w.handle.terminate(`simulation worker ${w.index + 1} showed no progress for ${(this.config.workerTimeoutMs / 1000).toFixed(1)} s and was stopped`);
      } else if (f.record.stopping && now - f.record.stopRequestedAt > this.config.stopGraceMs) {
        w.handle.terminate(`simulation worker ${w.index + 1} did not stop within ${this.config.stopGraceMs} ms of being asked and was stopped`);
      }
    }
  }

  // ------------------------------------------------------------------ updates

  private progress(r: RequestRecord): void {
    const interval = this.config.progressUpdateIntervalMs;
    const now = this.clock.now();
    if (now - r.lastProgressAt >= interval) {
      r.lastProgressAt = now;
      this.emit(r, 'progress');
      return;
    }
    if (r.progressTimer !== null) return;
    r.progressTimer = this.clock.setTimeout(() => {
      r.progressTimer = null;
      if (isTerminal(r.state)) return;
      r.lastProgressAt = this.clock.now();
      this.emit(r, 'progress');
    }, r.lastProgressAt + interval - now);
  }

  private emit(r: RequestRecord, type: UpdateType): void {
    if (this.subscriptions.size === 0) return;
    let update: RequestUpdate | null = null;
    for (const sub of this.subscriptions) {
      if (sub.filter.requestId !== undefined && sub.filter.requestId !== r.id) continue;
      if (sub.filter.types && !sub.filter.types.includes(type)) continue;
      update ??= { type, requestId: r.id, at: this.clock.now(), phase: r.phase, snapshot: this.snapshot(r), aggregate: this.aggregateCopy(r) };
      try {
        sub.listener(update);
      } catch (e) {
        console.error('A runtime update listener threw:', e);
      }
    }
  }

  private aggregateCopy(r: RequestRecord): Aggregate | null {
    if (!r.aggregate) return null;
    if (!r.copy || r.copy.version !== r.aggregateVersion) r.copy = { version: r.aggregateVersion, aggregate: structuredClone(r.aggregate) };
    return r.copy.aggregate;
  }

  private snapshot(r: RequestRecord): RequestSnapshot {
    const now = this.clock.now();
    const runsDone = r.done.size;
    const victories = r.aggregate?.dayVictory ?? 0;
    const activeMs = r.activeMs + (r.activeSince !== null ? now - r.activeSince : 0);
    let runsTarget: number;
    if (r.state === 'completed') runsTarget = runsDone;
    else if (r.target.kind === 'runs') runsTarget = r.target.runs;
    else runsTarget = r.draining ? r.nextIndex : estimateRunsNeeded(r.target, victories, runsDone);
    const samples = r.rateSamples;
    const first = samples[0], last = samples[samples.length - 1];
    const runsPerSecond = samples.length >= 2 && last[0] > first[0]
      ? ((last[1] - first[1]) / (last[0] - first[0])) * 1000
      : activeMs > 0 ? (r.runsSimulated / activeMs) * 1000 : 0;
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
}
