// The scheduler: the policy over the live requests. It decides which request runs next (priority,
// then age), answers a repeated request from the one already live or from the answer cache (dedup),
// pauses lower-priority work for urgent work (preemption), stops a precision target once it is met,
// sizes chunks, merges what comes back, and turns pause, cancel and preemption into control words on
// the board. It never runs the engine itself: the worker pool's workers do.
//
// Which runs are done and which are left is each request's ledger (request-ledger.ts); a stopped or
// lost chunk returns its unfinished part there, so no run is skipped or counted twice, and merging
// is order-free, so the final aggregate equals an uninterrupted run. Speed, time left and snapshots
// are progress.ts's; starting, stopping and watching workers is worker-pool.ts's.
// Straight from the engine's modules: its index would bring the compiler into the page's first load.
import { emptyAggregate, mergeInto, type Aggregate } from '../engine/stats.ts';
import { summarize } from '../engine/summary.ts';
import type { ScenarioSpec } from '../engine/types.ts';
import { ENGINE_VERSION } from '../engine/version.ts';
import type { AnswerCache, RunResultRecord } from './answer-cache.ts';
import {
  CONTROL_CANCEL, CONTROL_PAUSE, CONTROL_RUN, controlIndex, createBoard, SlotAllocator,
  type BoardLayout, type ControlValue,
} from './board.ts';
import { chunkSize } from './chunk-size.ts';
import { systemClock, type Clock } from './clock.ts';
import { poolSize, resolveConfig, type RuntimeConfig, type RuntimeConfigInput } from './config.ts';
import { WorkerLostError, type Executor, type WorkerHandle } from './executor.ts';
import { requestSnapshot, runtimeStats, UpdateFeed } from './progress.ts';
import { insertPending, RequestLedger, type PendingRange } from './request-ledger.ts';
import { describeRuns } from './ranges.ts';
import { newRequestRecord, type InFlight, type RequestRecord, type Stopping } from './request-record.ts';
import { RequestQueue } from './request-queue.ts';
import {
  checkPriority, extrasOf, normalizeSettings, precisionMet, QueueFullError, runLimit, storedAnswers,
  SubmitError, tighterTarget, victoryHalfWidth,
} from './settings.ts';
import {
  FIRST_ANSWER_RUNS, isTerminal, PREEMPTING_RANK, priorityRank,
  type ChunkResult, type ControlMode, type PauseReason, type Priority, type RepresentativeReplay,
  type RequestCheckpoint, type RequestSnapshot, type RunExtras, type RunSettings, type RunSettingsInput,
  type RuntimeStats, type SubmittedScenario, type UpdateFilter, type UpdateListener, type UpdateType,
} from './types.ts';
import { WorkerPool, type PoolWorker } from './worker-pool.ts';

/** Hashes the canonical scenario, the run settings and the engine version into a request key. */
export type KeyFunction = (spec: ScenarioSpec, settings: { seed: number; runs: number } & RunExtras, engineVersion: string) => string;

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

/** How long each worker runs the engine at start-up to have its code optimised (a request arriving meanwhile ends it). */
const WARM_UP_MS = 300;
/** How long a request whose runs are all done waits for the store to say whether it holds the answer. */
const LOOKUP_WAIT_MS = 2000;

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
  private readonly pool: WorkerPool<InFlight>;
  private readonly records = new Map<string, RequestRecord>();
  private readonly byKey = new Map<string, RequestRecord>();
  private readonly queue = new RequestQueue<RequestRecord>();
  private readonly feed: UpdateFeed;
  private readonly cleanupTimers = new Map<string, unknown>();
  /** Ids of finished requests still kept, oldest finished first (a Set keeps insertion order). */
  private readonly finishedIds = new Set<string>();
  private nextSeq = 1;
  private readonly idPrefix: string;
  private pumpScheduled = false;
  private disposed = false;
  private runsSimulated = 0;

  constructor(options: RuntimeOptions) {
    this.config = resolveConfig(options.config);
    this.executor = options.executor;
    this.keyOf = options.keyOf;
    this.store = options.store === undefined ? null : options.store;
    this.clock = options.clock ?? systemClock;
    this.idPrefix = options.idPrefix ?? '';
    this.feed = new UpdateFeed(this.clock, this.config.progressUpdateIntervalMs);
    this.mode = this.executor.mode;
    this.workerCount = poolSize(this.config, this.executor.hardwareConcurrency);
    // At most one chunk per worker is in flight, so at most workerCount requests hold a slot.
    this.layout = { slots: this.workerCount, workers: this.workerCount };
    this.board = createBoard(this.layout, this.mode === 'shared');
    this.slots = new SlotAllocator(this.layout.slots);
    this.pool = new WorkerPool<InFlight>({
      executor: this.executor, config: this.config, clock: this.clock, mode: this.mode,
      board: this.board, layout: this.layout, size: this.workerCount,
      stopRequestedAt: (f) => (f.record.stopping ? f.record.stopRequestedAt : null),
    });
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
    const key = this.keyOf(scenario.spec, { seed: settings.seed, runs: runLimit(settings.target), ...extrasOf(settings) }, ENGINE_VERSION);
    const existing = this.byKey.get(key);
    // A request being cancelled is not asked again: its runs are being dropped, so a new one starts.
    if (existing && !isTerminal(existing.state) && existing.stopping !== 'cancel') {
      existing.submissions++;
      if (priorityRank(priority) > priorityRank(existing.priority)) this.queue.setPriority(existing, priority);
      existing.target = tighterTarget(existing.target, settings.target);
      const ledger = existing.ledger;
      if (ledger.draining && !precisionMet(existing.target, existing.aggregate?.dayVictory ?? 0, ledger.runsDone)) ledger.draining = false;
      this.feed.emit(existing, 'changed');
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
    const settings: RunSettings = { seed: cp.seed, target: cp.target, ...extrasOf(cp) };
    const record = this.newRecord(cp.key, cp.scenario, settings, checkPriority(cp.priority));
    const ledger = RequestLedger.fromRanges(cp.done, runLimit(cp.target));
    if (cp.aggregate !== null && cp.layout !== null && ledger && ledger.runsDone > 0 && cp.aggregate.runs === ledger.runsDone) {
      record.ledger = ledger;
      record.aggregate = cp.aggregate;
      record.layout = cp.layout;
      record.aggregateVersion = 1;
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
    const hasRuns = r.aggregate !== null && r.ledger.runsDone > 0;
    return {
      key: r.key, scenario: r.scenario, seed: r.seed, target: r.target, priority: r.priority, ...r.extras,
      state: r.state as RequestCheckpoint['state'], pausedBy: r.pausedBy,
      done: hasRuns ? r.ledger.toRanges() : [],
      aggregate: hasRuns ? structuredClone(r.aggregate) : null,
      layout: hasRuns ? r.layout : null,
      version: r.aggregateVersion,
    };
  }

  private newRecord(key: string, scenario: SubmittedScenario, settings: RunSettings, priority: Priority): RequestRecord {
    const seq = this.nextSeq++;
    return newRequestRecord(`${this.idPrefix}r${seq}`, seq, key, scenario, settings, priority, this.clock.now(), this.store !== null);
  }

  private enqueue(record: RequestRecord): string {
    this.records.set(record.id, record);
    this.byKey.set(record.key, record);
    this.queue.add(record);
    // An answer held in memory comes within this turn's microtasks, before any chunk: the lookup
    // first, the update, then the pump in a microtask. Otherwise the first chunks go to the workers
    // at once, before the store's lookup starts (it takes longer than a few runs anyway) and before
    // anyone hears of the request: what listeners do (the page's store, other tabs, checkpoints)
    // took 13 to 19 ms the first time, and a change to the page's store makes a render, which React
    // runs before any microtask when the request came from a click.
    if (this.store?.answersInMemory) {
      void this.lookUp(record, this.store);
      this.schedulePump();
      this.feed.emit(record, 'queued');
      return record.id;
    }
    const started = this.handOut();
    if (this.store) void this.lookUp(record, this.store);
    this.feed.emit(record, 'queued');
    for (const [r, type] of started) this.feed.emit(r, type);
    if (!this.store) this.advanceIfAllDone(record);
    return record.id;
  }

  /**
   * A request with every run done and none in flight goes on to its replays and the store: one
   * restored so, or one whose runs all finished while the store's lookup was pending.
   */
  private advanceIfAllDone(r: RequestRecord): void {
    if (isTerminal(r.state) || r.ledger.runsDone === 0 || r.inFlight.size > 0 || this.hasWork(r)) return;
    if (r.phase !== 'queued' && r.phase !== 'simulating') return;
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
    this.pool.ensureWatchdog();
    return true;
  }

  /** Pauses a request; its running chunks stop at their next flag check, keeping what they finished. */
  pause(id: string): boolean {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state) || r.phase === 'storing' || r.stopping === 'cancel') return false;
    if (r.state === 'paused') {
      if (r.pausedBy === 'user') return false;
      r.pausedBy = 'user';
      this.feed.emit(r, 'changed');
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
    if (r.state === 'running') r.progress.startClock(this.clock.now());
    this.feed.emit(r, 'resumed');
    this.advanceIfAllDone(r);
    this.schedulePump();
    return true;
  }

  /** Changes a live request's priority (up or down). */
  setPriority(id: string, priority: Priority): boolean {
    const r = this.records.get(id);
    if (!r || isTerminal(r.state)) return false;
    this.queue.setPriority(r, checkPriority(priority));
    this.feed.emit(r, 'changed');
    this.schedulePump();
    return true;
  }

  get(id: string): RequestSnapshot | undefined {
    const r = this.records.get(id);
    return r && requestSnapshot(r, this.clock.now());
  }

  list(): RequestSnapshot[] {
    const now = this.clock.now();
    return [...this.records.values()].map((r) => requestSnapshot(r, now));
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
    if (isTerminal(r.state)) return Promise.resolve(requestSnapshot(r, this.clock.now()));
    return new Promise((resolve) => r.waiters.push(resolve));
  }

  /** Listens to updates, optionally of one request or some update types; returns the unsubscribe function. */
  subscribe(listener: UpdateListener, filter: UpdateFilter = {}): () => void {
    return this.feed.subscribe(listener, filter);
  }

  stats(): RuntimeStats {
    return runtimeStats(this.records.values(), {
      mode: this.mode, workers: this.workerCount, busyWorkers: this.pool.busyCount(), workerRestarts: this.pool.restarts,
      runsSimulated: this.runsSimulated, busyMs: this.pool.busyMs(this.clock.now()),
    });
  }

  /**
   * Starts the workers now, each loading the engine and running it for about `budgetMs` so its
   * code is optimised, rather than at the first request (the browser runtime does this at start).
   */
  warmUp(budgetMs = WARM_UP_MS): void {
    this.pool.warm(budgetMs);
  }

  /**
   * Warms the idle workers on `spec`, the scenario the next request most likely resembles (the one
   * just opened), unless a request is waiting or running: its own runs warm the engine better.
   */
  warmFor(spec: ScenarioSpec, budgetMs = WARM_UP_MS): void {
    if (this.disposed) return;
    for (const r of this.records.values()) if (r.state === 'queued' || r.state === 'running') return;
    this.pool.warm(budgetMs, spec);
  }

  /** Terminates every worker and stops all timers; pending requests stay as they are. */
  dispose(): void {
    this.disposed = true;
    this.pool.dispose();
    for (const t of this.cleanupTimers.values()) this.clock.clearTimeout(t);
    this.cleanupTimers.clear();
    for (const r of this.records.values()) if (r.progressTimer !== null) this.clock.clearTimeout(r.progressTimer);
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
    // Chunks ran while the store looked: a request already past its runs keeps its own answer.
    if (isTerminal(r.state) || (r.phase !== 'queued' && r.phase !== 'simulating')) return;
    if (found && found.seed === r.seed && found.runs <= runLimit(r.target)) {
      const answers = storedAnswers(r.target, found.aggregate.dayVictory, found.runs);
      // A request restored from a checkpoint keeps its own runs unless the stored result answers it outright.
      if (answers || r.ledger.runsDone === 0) {
        // What chunks started meanwhile return is thrown away: the stored runs replace it.
        r.generation++;
        r.layout = found.layout;
        r.aggregate = found.aggregate;
        r.aggregateVersion++;
        r.ledger.resetToPrefix(found.runs);
      }
      if (answers) {
        // Chunks started while the store looked are told to stop; what they return is discarded.
        if (r.inFlight.size > 0) this.setControl(r, CONTROL_CANCEL);
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

  /**
   * Every run is done but the store has not yet said whether it holds this answer (a small request
   * can finish first): wait for it, up to LOOKUP_WAIT_MS, so a stored answer is reported as one and
   * its replays are not made again. The runs are the same either way; the firm answer is already shown.
   */
  private awaitLookup(r: RequestRecord): void {
    if (r.lookupWait !== 'none') return;
    r.lookupWait = 'waiting';
    this.clock.setTimeout(() => {
      if (!r.lookupPending || isTerminal(r.state)) return;
      r.lookupWait = 'over';
      this.advanceIfAllDone(r);
      this.schedulePump();
    }, LOOKUP_WAIT_MS);
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
    // A pending store lookup does not hold the runs back: if the store answers, they are discarded.
    if (isTerminal(r.state) || r.stopping || r.phase === 'storing') return false;
    if (r.state === 'paused' && r.pausedBy === 'user') return false;
    return this.hasWork(r);
  }

  private hasWork(r: RequestRecord): boolean {
    if (r.phase === 'replaying') return r.replayQueue.length > 0;
    return r.ledger.hasWork(runLimit(r.target));
  }

  /**
   * Hands work to every free worker; only then are listeners told which requests started or
   * resumed, so what they do with an update (the store, the page, a checkpoint) holds back no worker.
   */
  private pump(): void {
    for (const [r, type] of this.handOut()) this.feed.emit(r, type);
  }

  /** The pump's work without its updates: returns the requests that started or resumed, to be told. */
  private handOut(): Array<[RequestRecord, UpdateType]> {
    const started: Array<[RequestRecord, UpdateType]> = [];
    if (this.disposed) return started;
    for (;;) {
      const free = this.pool.freeWorker();
      if (!free) break;
      let chosen: RequestRecord | null = null;
      for (const r of this.queue.inOrder()) {
        if (this.eligible(r)) {
          chosen = r;
          break;
        }
      }
      if (!chosen) break;
      this.assign(chosen, free, started);
    }
    this.preemptIfNeeded();
    this.pool.ensureWatchdog();
    return started;
  }

  private takeChunk(r: RequestRecord): PendingRange {
    if (r.phase === 'replaying') return r.replayQueue.shift()!;
    const cap = this.mode === 'shared' ? this.config.chunkRuns : this.config.fallbackChunkRuns;
    return r.ledger.take(chunkSize(r, { cap, targetChunkMs: this.config.targetChunkMs, workerCount: this.workerCount }), runLimit(r.target));
  }

  /** Sends a chunk of `r` to `w`; the update saying that `r` started or resumed is added to `started`. */
  private assign(r: RequestRecord, w: PoolWorker<InFlight>, started: Array<[RequestRecord, UpdateType]>): void {
    const handle = this.pool.handleFor(w);
    const chunk = this.takeChunk(r);
    if (r.slot === null) {
      r.slot = this.slots.acquire();
      this.writeControl(r.slot, CONTROL_RUN);
    }
    const now = this.clock.now();
    const flight: InFlight = {
      record: r, worker: w, kind: r.phase === 'replaying' ? 'replay' : 'simulate',
      from: chunk.from, to: chunk.to, attempts: chunk.attempts, startedAt: now, generation: r.generation,
    };
    this.pool.occupy(w, flight, now);
    r.inFlight.add(flight);
    if (r.state !== 'running') {
      const first = r.startedAt === null;
      if (first) r.startedAt = now;
      r.state = 'running';
      r.pausedBy = null;
      r.progress.startClock(now);
      if (r.phase === 'queued') r.phase = 'simulating';
      started.push([r, first ? 'started' : 'resumed']);
    }
    void this.execute(flight, handle);
  }

  private async execute(f: InFlight, handle: WorkerHandle): Promise<void> {
    const r = f.record;
    const w = f.worker;
    try {
      // The chunk is sent right behind the scenario, not after its answer: a worker handles calls in
      // order, so it starts the chunk as soon as it has compiled, without a round trip in between.
      const preparing = w.prepared.has(r.id) ? null : handle.prepare(r.id, r.scenario.spec);
      if (this.mode === 'message') handle.setControl(r.slot!, this.board[controlIndex(r.slot!)]);
      const running = handle.runChunk({
        requestId: r.id, slot: r.slot!, seed: r.seed, from: f.from, to: f.to,
        ...(f.kind === 'replay' ? { mode: 'full', runs: r.replayRuns } : { mode: 'lean', ...(r.extras.runOutcomes && { runOutcomes: true }) }),
      });
      if (preparing) {
        // A scenario that does not compile fails the chunk with the compiler's message, not the chunk's.
        running.catch(() => undefined);
        const layout = await preparing;
        w.prepared.add(r.id);
        if (!r.layout) r.layout = layout;
        if (!r.aggregate) r.aggregate = emptyAggregate(layout, { runOutcomes: r.extras.runOutcomes });
      }
      const result = await running;
      this.chunkDone(f, result);
    } catch (e) {
      this.chunkFailed(f, e);
    }
  }

  private release(f: InFlight): void {
    this.pool.vacate(f.worker, f);
    f.record.inFlight.delete(f);
  }

  private chunkDone(f: InFlight, result: ChunkResult): void {
    this.release(f);
    const r = f.record;
    if (isTerminal(r.state) || f.generation !== r.generation) {
      this.afterChunk(r);
      return;
    }
    const finished = result.stoppedAt - f.from;
    const runsBefore = r.ledger.runsDone;
    if (f.kind === 'simulate') {
      if (finished > 0) {
        if (!r.aggregate) r.aggregate = emptyAggregate(r.layout!, { runOutcomes: r.extras.runOutcomes });
        r.ledger.markDone(f.from, result.stoppedAt);
        mergeInto(r.aggregate, result.aggregate);
        r.aggregateVersion++;
        this.runsSimulated += finished;
        r.progress.chunkMerged(this.clock.now(), finished, result.elapsedMs);
      }
      if (result.stoppedAt < f.to) r.ledger.returnRuns({ from: result.stoppedAt, to: f.to, attempts: f.attempts });
    } else {
      for (const log of result.logs ?? []) {
        r.replays.push({ labels: r.replayLabels.get(log.run) ?? [], run: log.run, outcome: log.outcome, events: log.events });
      }
      if (result.stoppedAt < f.to) insertPending(r.replayQueue, { from: result.stoppedAt, to: f.to, attempts: f.attempts });
    }
    this.afterChunk(r);
    // After the next chunks are handed out, so the update's statistics show the workers busy.
    // The merge that brings the first answer is shown at once, whenever the last update was.
    const firstAnswer = runsBefore < FIRST_ANSWER_RUNS && r.ledger.runsDone >= FIRST_ANSWER_RUNS;
    if (!isTerminal(r.state) && r.state === 'running' && (r.phase === 'simulating' || r.phase === 'replaying')) this.feed.progress(r, firstAnswer);
  }

  private chunkFailed(f: InFlight, e: unknown): void {
    this.release(f);
    const r = f.record;
    if (f.generation !== r.generation) {
      // A chunk the store's result made moot: its failure changes nothing.
      this.afterChunk(r);
      return;
    }
    if (e instanceof WorkerLostError) {
      // The handle's onLost listener has already dropped the worker; the next chunk starts a new one.
      if (!isTerminal(r.state) && r.stopping !== 'cancel') {
        const queue = f.kind === 'replay' ? r.replayQueue : r.ledger.holes;
        if (r.stopping) insertPending(queue, { from: f.from, to: f.to, attempts: f.attempts });
        else if (f.attempts >= 1) {
          this.fail(r, `A simulation worker was lost twice while running ${describeRuns(f.from, f.to)}, `
            + `so the request was stopped rather than trust a broken worker. Last cause: ${e.message}`);
        } else insertPending(queue, { from: f.from, to: f.to, attempts: f.attempts + 1 });
      }
    } else if (!isTerminal(r.state)) {
      // The engine's own message (a CompileError names the field), unchanged.
      this.fail(r, e instanceof Error ? e.message : String(e));
    }
    this.afterChunk(r);
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
    const ledger = r.ledger;
    if (r.phase === 'simulating' || (r.phase === 'queued' && ledger.runsDone > 0)) {
      const runs = ledger.runsDone;
      const victories = r.aggregate?.dayVictory ?? 0;
      if (r.target.kind === 'precision') ledger.draining = precisionMet(r.target, victories, runs) && runs > 0;
      const simulating = [...r.inFlight].some((f) => f.kind === 'simulate');
      if (simulating || ledger.holes.length > 0 || !ledger.frontierDone(runLimit(r.target))) return;
      ledger.assertComplete(r.id);
      if (r.lookupPending && r.lookupWait !== 'over') {
        this.awaitLookup(r);
        return;
      }
      this.startReplays(r);
    }
    if (r.phase === 'replaying' && r.replayQueue.length === 0 && r.inFlight.size === 0) void this.complete(r);
  }

  private startReplays(r: RequestRecord): void {
    if (!this.config.replayRepresentatives || r.extras.noReplays || !r.aggregate || !r.layout || r.aggregate.runs === 0) {
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
    r.replayRuns = [...r.replayLabels.keys()].sort((a, b) => a - b);
    // One job per worker: a replay is one run, far cheaper than a round trip to a worker.
    const perWorker = Math.ceil(r.replayRuns.length / this.workerCount);
    r.replayQueue = [];
    for (let i = 0; i < r.replayRuns.length; i += perWorker) {
      r.replayQueue.push({ from: i, to: Math.min(r.replayRuns.length, i + perWorker), attempts: 0 });
    }
    r.replays = [];
    r.phase = 'replaying';
    this.feed.emit(r, 'progress');
  }

  private async complete(r: RequestRecord): Promise<void> {
    // Workers return their replays in any order: kept by run, so the stored result is the same.
    r.replays.sort((a, b) => a.run - b.run);
    r.phase = 'storing';
    this.feed.emit(r, 'progress');
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
        // What ran, so Compare can name what changed between two results.
        spec: r.scenario.spec,
      }, priorityRank(r.priority));
    } catch (e) {
      // The answer is still shown; only keeping it failed (the store reports why to the user).
      console.warn(`Storing the result of request ${r.id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Pause lower-priority work when an urgent request waits and every worker is busy with lower priority. */
  private preemptIfNeeded(): void {
    if (this.pool.freeWorker()) return;
    let urgent: RequestRecord | null = null;
    for (const r of this.queue.inOrder()) {
      if (this.eligible(r)) {
        urgent = r;
        break;
      }
    }
    if (!urgent || priorityRank(urgent.priority) < PREEMPTING_RANK) return;
    const rank = priorityRank(urgent.priority);
    const workers = this.pool.workers;
    if (workers.some((w) => w.busy && priorityRank(w.busy.record.priority) >= rank)) return;
    const victims = new Set(workers.map((w) => w.busy!.record));
    for (const v of victims) if (!v.stopping && v.phase === 'simulating') this.requestStop(v, 'preempt', 'preempted');
  }

  private requestStop(r: RequestRecord, how: Stopping, reason: PauseReason): void {
    r.stopping = how;
    r.pauseAfterStop = reason;
    r.stopRequestedAt = this.clock.now();
    this.setControl(r, CONTROL_PAUSE);
    this.pool.ensureWatchdog();
  }

  private enterPaused(r: RequestRecord, by: PauseReason): void {
    r.progress.stopClock(this.clock.now());
    r.progress.resetRate();
    r.state = 'paused';
    r.pausedBy = by;
    this.feed.emit(r, 'paused');
    this.schedulePump();
  }

  private fail(r: RequestRecord, reason: string): void {
    r.error = reason;
    if (r.slot !== null) this.setControl(r, CONTROL_CANCEL);
    this.finish(r, 'failed');
  }

  private finish(r: RequestRecord, state: 'completed' | 'failed' | 'cancelled'): void {
    r.progress.stopClock(this.clock.now());
    r.state = state;
    r.phase = 'done';
    r.stopping = null;
    r.finishedAt = this.clock.now();
    this.queue.remove(r);
    if (this.byKey.get(r.key) === r) this.byKey.delete(r.key);
    this.feed.cancelProgress(r);
    this.pool.releaseRequest(r.id);
    this.feed.emit(r, state);
    const snap = requestSnapshot(r, this.clock.now());
    for (const resolve of r.waiters.splice(0)) resolve(snap);
    this.settle(r);
    this.schedulePump();
  }

  /**
   * A finished request keeps only what its snapshot, aggregate() and replays() need: the working
   * state of a run goes, and the aggregate is the one copy its last update carried (nothing merges
   * into it any more). Past maxFinishedRequests, the oldest finished request is forgotten.
   */
  private settle(r: RequestRecord): void {
    if (r.copy && r.copy.version === r.aggregateVersion) r.aggregate = r.copy.aggregate;
    r.replayQueue = [];
    r.replayRuns = [];
    r.replayLabels.clear();
    this.finishedIds.add(r.id);
    if (this.config.autoCleanup) {
      // The timer holds the id, not the record: a record forgotten earlier is not kept alive by it.
      const id = r.id;
      const timer = this.clock.setTimeout(() => this.forget(id), this.config.maxCompletedAgeSeconds * 1000);
      this.cleanupTimers.set(id, timer);
    }
    for (const id of this.finishedIds) {
      if (this.finishedIds.size <= this.config.maxFinishedRequests) break;
      this.forget(id);
    }
  }

  private forget(id: string): void {
    const r = this.records.get(id);
    const timer = this.cleanupTimers.get(id);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.cleanupTimers.delete(id);
    this.finishedIds.delete(id);
    if (!r || !isTerminal(r.state)) return;
    this.feed.emit(r, 'removed');
    this.records.delete(id);
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
}
