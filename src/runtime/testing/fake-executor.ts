// An executor whose chunks wait until a test finishes them, so the scheduler's decisions (order,
// preemption, retries, throttling) can be checked step by step. Chunks are computed with the real
// engine, so aggregates can be compared with an uninterrupted run; only the timing is the test's.
import { compileScenario, emptyAggregate, Simulator, type AggregateLayout, type ScenarioSpec } from '../../engine/index.ts';
import { CONTROL_CANCEL, CONTROL_RUN } from '../board.ts';
import { WorkerLostError, type Executor, type WorkerHandle } from '../executor.ts';
import type { ChunkJob, ChunkResult, ControlMode, WorkerInit } from '../types.ts';

export class FakeChunk {
  settled = false;
  /** As a real worker, the chunk holds its compiled scenario from the start: a release meanwhile does not stop it. */
  private readonly sim: Simulator | undefined;
  constructor(
    readonly job: ChunkJob,
    readonly worker: FakeWorker,
    private readonly resolve: (r: ChunkResult) => void,
    private readonly reject: (e: unknown) => void,
  ) {
    this.sim = worker.preparedSimulator(job.requestId);
  }

  /** The control word this chunk's worker sees now (RUN, PAUSE or CANCEL). */
  get control(): number {
    return this.worker.controlWord(this.job.slot);
  }

  /** Runs [from, stopAt) with the real engine and returns them, as a worker stopping there would. */
  finish(stopAt = this.job.to, elapsedMs = 10): void {
    if (this.settled) throw new Error('chunk already settled');
    this.settled = true;
    this.worker.current = null;
    const sim = this.sim ?? this.worker.simulator(this.job.requestId);
    const agg = emptyAggregate(sim.scenario.layout, { runOutcomes: this.job.runOutcomes === true });
    const logs = this.job.mode === 'full' ? [] as Array<{ run: number; outcome: string; events: [] }> : null;
    for (let i = this.job.from; i < stopAt; i++) {
      const run = this.job.runs ? this.job.runs[i] : i;
      if (logs) {
        const { result } = sim.replay(this.job.seed, run, agg);
        logs.push({ run, outcome: result.outcome, events: [] });
      } else sim.runChunk(this.job.seed, run, run + 1, agg);
    }
    this.worker.beat();
    const control = this.control;
    this.resolve({
      from: this.job.from, stoppedAt: stopAt,
      stopReason: stopAt >= this.job.to ? 'done' : control === CONTROL_CANCEL ? 'cancelled' : 'paused',
      aggregate: agg, logs, elapsedMs,
    });
  }

  /** Stops the way a worker does at its next flag check when told to: here, halfway. */
  finishRespectingControl(): void {
    if (this.control === CONTROL_RUN) this.finish();
    else this.finish(this.job.from + Math.floor((this.job.to - this.job.from) / 2));
  }

  fail(error: Error): void {
    this.settled = true;
    this.worker.current = null;
    this.reject(error);
  }
}

export class FakeWorker implements WorkerHandle {
  readonly index: number;
  current: FakeChunk | null = null;
  readonly controlMessages: Array<[slot: number, value: number]> = [];
  private readonly sims = new Map<string, Simulator>();
  private readonly localBoard: Int32Array;
  private lost: WorkerLostError | null = null;
  private readonly lostListeners: Array<(e: WorkerLostError) => void> = [];

  constructor(readonly init: WorkerInit, private readonly jobLog: ChunkJob[]) {
    this.index = init.workerIndex;
    this.localBoard = init.board ?? new Int32Array(init.boardLength);
  }

  controlWord(slot: number): number {
    return this.localBoard[slot];
  }

  beat(): void {
    this.localBoard[this.init.heartbeatIndex]++;
  }

  preparedSimulator(requestId: string): Simulator | undefined {
    return this.sims.get(requestId);
  }

  simulator(requestId: string): Simulator {
    const sim = this.sims.get(requestId);
    if (!sim) throw new Error(`fake worker ${this.index}: request ${requestId} was not prepared`);
    return sim;
  }

  get isLost(): boolean {
    return this.lost !== null;
  }

  get preparedIds(): string[] {
    return [...this.sims.keys()];
  }

  /** Warm-up budgets asked of this worker. */
  readonly warmUps: number[] = [];
  /** The scenario of each warm-up (null: the built-in one). */
  readonly warmSpecs: (ScenarioSpec | null)[] = [];

  warm(budgetMs: number, spec?: ScenarioSpec): void {
    this.warmUps.push(budgetMs);
    this.warmSpecs.push(spec ?? null);
  }

  async prepare(requestId: string, spec: ScenarioSpec): Promise<AggregateLayout> {
    if (this.lost) throw this.lost;
    const sim = this.sims.get(requestId) ?? new Simulator(compileScenario(spec));
    this.sims.set(requestId, sim);
    return sim.scenario.layout;
  }

  runChunk(job: ChunkJob): Promise<ChunkResult> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.current) throw new Error(`fake worker ${this.index} was given a chunk while busy`);
    // As a real worker: a chunk of a request it has not compiled fails at once.
    if (!this.sims.has(job.requestId)) return Promise.reject(new Error(`fake worker ${this.index}: request ${job.requestId} was not prepared`));
    this.jobLog.push(job);
    return new Promise((resolve, reject) => {
      this.current = new FakeChunk(job, this, resolve, reject);
    });
  }

  release(requestId: string): void {
    this.sims.delete(requestId);
  }

  setControl(slot: number, value: number): void {
    this.controlMessages.push([slot, value]);
    this.localBoard[slot] = value;
  }

  terminate(reason: string): void {
    this.die(reason);
  }

  /** The worker is gone (crash, out of memory): listeners first, then the pending chunk rejects. */
  die(reason: string): void {
    if (this.lost) return;
    this.lost = new WorkerLostError(reason);
    for (const l of this.lostListeners) l(this.lost);
    const chunk = this.current;
    if (chunk) chunk.fail(this.lost);
  }

  onLost(listener: (e: WorkerLostError) => void): void {
    if (this.lost) listener(this.lost);
    else this.lostListeners.push(listener);
  }
}

export class FakeExecutor implements Executor {
  readonly workers: FakeWorker[] = [];
  /** Every chunk handed to any worker, in order. */
  readonly jobs: ChunkJob[] = [];

  constructor(
    readonly mode: ControlMode = 'shared',
    readonly hardwareConcurrency = 4,
  ) {}

  spawn(init: WorkerInit): WorkerHandle {
    const w = new FakeWorker(init, this.jobs);
    this.workers.push(w);
    return w;
  }

  /** Chunks handed out and not yet finished, oldest worker first. */
  get pending(): FakeChunk[] {
    return this.workers.filter((w) => !w.isLost && w.current).map((w) => w.current!);
  }

  get liveWorkers(): FakeWorker[] {
    return this.workers.filter((w) => !w.isLost);
  }
}

/** Lets the scheduler's promise chains and microtasks run to quiet. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Finishes chunks (stopping where told to stop) until nothing is pending. Returns how many chunks ran. */
export async function drain(fake: FakeExecutor, maxChunks = 100_000): Promise<number> {
  let n = 0;
  await flush();
  while (fake.pending.length > 0) {
    for (const c of fake.pending) {
      c.finishRespectingControl();
      n++;
    }
    if (n > maxChunks) throw new Error('drain: too many chunks; the scheduler may be looping');
    await flush();
  }
  return n;
}
