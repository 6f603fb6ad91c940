// The one typed API every simulation worker exposes (browser Web Worker or Node worker thread).
// It holds no worker globals, so tests can import it: worker.ts and node/node-worker-entry.ts
// expose it. A request's scenario is compiled once per worker (prepare), then chunks of run
// indices are run against it; the worker looks at its request's control word every few runs and
// returns what it finished when told to pause or cancel.
import {
  compileScenario, emptyAggregate, Simulator,
  type Aggregate, type AggregateLayout, type ScenarioSpec,
} from '../engine/index.ts';
import { CONTROL_CANCEL, CONTROL_RUN } from './board.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import type { ChunkJob, ChunkResult, RunLog, StopReason, WorkerInit } from './types.ts';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Lets queued messages (control flags in message mode) be handled between two slices of runs. */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A warm-up's slice: a request that arrives during it waits at most this long. */
const WARM_SLICE_MS = 4;
/** Runs between two looks at the clock during a warm-up. */
const WARM_BLOCK_RUNS = 8;

export function createEngineApi() {
  let init: WorkerInit | null = null;
  let board: Int32Array = new Int32Array(0);
  let heartbeat = -1;
  const simulators = new Map<string, Simulator>();
  /** Set by the first real call, which ends a warm-up in progress. */
  let realWorkSeen = false;

  const stopReason = (value: number): StopReason => (value === CONTROL_CANCEL ? 'cancelled' : 'paused');

  function requireInit(): WorkerInit {
    if (!init) throw new Error('The simulation worker was used before init() was called');
    return init;
  }

  function simulatorFor(requestId: string): Simulator {
    const sim = simulators.get(requestId);
    if (!sim) throw new Error(`The simulation worker has no compiled scenario for request ${requestId} (prepare was not called)`);
    return sim;
  }

  /** Shared mode: the engine's own stop check, every flagCheckEveryRuns runs, reads the control word with Atomics. */
  function runShared(sim: Simulator, job: ChunkJob, agg: Aggregate, every: number): number {
    const control = job.slot;
    const beat = heartbeat;
    const shouldStop = (): boolean => {
      Atomics.add(board, beat, 1);
      return Atomics.load(board, control) !== CONTROL_RUN;
    };
    if (shouldStop()) return job.from;
    return sim.runChunk(job.seed, job.from, job.to, agg, shouldStop, every);
  }

  /** Message mode: run slices of at most messageSliceMs, yielding between them so a flag message can land. */
  async function runMessage(sim: Simulator, job: ChunkJob, agg: Aggregate, every: number, sliceMs: number): Promise<number> {
    let cursor = job.from;
    while (cursor < job.to) {
      if (board[job.slot] !== CONTROL_RUN) return cursor;
      const sliceStart = now();
      do {
        const end = Math.min(job.to, cursor + every);
        sim.runChunk(job.seed, cursor, end, agg);
        cursor = end;
      } while (cursor < job.to && now() - sliceStart < sliceMs);
      if (cursor < job.to) await yieldToEventLoop();
    }
    return cursor;
  }

  async function runFull(sim: Simulator, job: ChunkJob, agg: Aggregate, shared: boolean): Promise<{ stoppedAt: number; logs: RunLog[] }> {
    const logs: RunLog[] = [];
    let i = job.from;
    for (; i < job.to; i++) {
      const flag = shared ? Atomics.load(board, job.slot) : board[job.slot];
      if (i > job.from && flag !== CONTROL_RUN) break;
      const run = job.runs ? job.runs[i] : i;
      const { result, events } = sim.replay(job.seed, run, agg);
      logs.push({ run, outcome: result.outcome, events });
      if (shared) Atomics.add(board, heartbeat, 1);
      else if (i + 1 < job.to) await yieldToEventLoop();
    }
    return { stoppedAt: i, logs };
  }

  const api = {
    /** Once per worker: where the control board is and how often to look at it. */
    init(options: WorkerInit): true {
      init = options;
      board = options.board ?? new Int32Array(options.boardLength);
      heartbeat = options.heartbeatIndex;
      return true;
    },

    /** Compiles a request's scenario once; throws the engine's CompileError message for a bad scenario. */
    prepare(requestId: string, spec: ScenarioSpec): AggregateLayout {
      requireInit();
      realWorkSeen = true;
      const existing = simulators.get(requestId);
      if (existing) return existing.scenario.layout;
      const sim = new Simulator(compileScenario(spec));
      simulators.set(requestId, sim);
      return sim.scenario.layout;
    },

    async runChunk(job: ChunkJob): Promise<ChunkResult> {
      const options = requireInit();
      realWorkSeen = true;
      const sim = simulatorFor(job.requestId);
      const agg = emptyAggregate(sim.scenario.layout, { runOutcomes: job.runOutcomes === true });
      const started = now();
      const shared = options.mode === 'shared';
      let stoppedAt: number;
      let logs: RunLog[] | null = null;
      if (job.mode === 'full') {
        ({ stoppedAt, logs } = await runFull(sim, job, agg, shared));
      } else if (shared) {
        stoppedAt = runShared(sim, job, agg, options.flagCheckEveryRuns);
      } else {
        stoppedAt = await runMessage(sim, job, agg, options.flagCheckEveryRuns, options.messageSliceMs);
      }
      const flag = shared ? Atomics.load(board, job.slot) : board[job.slot];
      return {
        from: job.from,
        stoppedAt,
        stopReason: stoppedAt >= job.to ? 'done' : stopReason(flag),
        aggregate: agg,
        logs,
        elapsedMs: now() - started,
      };
    },

    /**
     * Runs a small built-in fight for about `budgetMs`, so the engine's hot code is compiled and
     * optimised before the first request comes: a cold engine runs its first thousand runs several
     * times slower. It runs in slices of WARM_SLICE_MS and stops at the first real call (prepare or
     * runChunk), which therefore waits at most one slice. Returns the runs made (thrown away).
     */
    async warm(budgetMs: number): Promise<number> {
      requireInit();
      const sim = new Simulator(compileScenario(FIXTURE_SCENARIO));
      const agg = emptyAggregate(sim.scenario.layout);
      const started = now();
      let runs = 0;
      // A real call sets realWorkSeen while this loop waits for the event loop, hence a function.
      const idle = () => !realWorkSeen;
      while (idle() && now() - started < budgetMs) {
        const sliceStart = now();
        do {
          sim.runChunk(1, runs, runs + WARM_BLOCK_RUNS, agg);
          runs += WARM_BLOCK_RUNS;
        } while (now() - sliceStart < WARM_SLICE_MS);
        await yieldToEventLoop();
      }
      return runs;
    },

    /** Forgets a request's compiled scenario. */
    release(requestId: string): void {
      simulators.delete(requestId);
    },

    /** Message mode only: the scheduler's copy of a control word changed. */
    setControl(slot: number, value: number): void {
      board[slot] = value;
    },

    /** How many compiled scenarios this worker holds (diagnostics and tests). */
    preparedCount(): number {
      return simulators.size;
    },
  };
  return api;
}

export type EngineApi = ReturnType<typeof createEngineApi>;
