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
/** A bound on one warm-up slice's runs; the clock ends a slice long before it. */
const WARM_MAX_SLICE_RUNS = 1_000_000;
/** How long a warm-up runs one compiled copy of its scenario before it compiles the next. */
const WARM_COPY_MS = 20;

export function createEngineApi() {
  let init: WorkerInit | null = null;
  let board: Int32Array = new Int32Array(0);
  let heartbeat = -1;
  const simulators = new Map<string, Simulator>();
  /** Counts warm-ups and real calls: a warm-up goes on while the count is the one it started with. */
  let warmGeneration = 0;

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
      warmGeneration++;
      const existing = simulators.get(requestId);
      if (existing) return existing.scenario.layout;
      const sim = new Simulator(compileScenario(spec));
      simulators.set(requestId, sim);
      return sim.scenario.layout;
    },

    async runChunk(job: ChunkJob): Promise<ChunkResult> {
      const options = requireInit();
      warmGeneration++;
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
     * Runs a fight for about `budgetMs`, so the engine's hot code is compiled and optimised before
     * the next request comes: a cold engine runs its first thousand runs several times slower. The
     * fight is the scenario given (the one on screen, which the next request most likely changes
     * only a little) or else a small built-in one. Optimised code fits the shapes of the objects it
     * has seen, so the warm-up runs the given scenario itself, and compiles it afresh every
     * WARM_COPY_MS as every request compiles its own copy: warmed on one compiled copy only, the
     * engine threw its optimised code away at the first runs of the next copy (in Node, 10,000 runs
     * of it took 70 ms instead of 44).
     * It runs in slices of WARM_SLICE_MS, through the same stop check as a request's chunks, and
     * ends at the first real call (prepare or runChunk) or a newer warm-up, which therefore waits at
     * most one slice. Says how many runs it made (thrown away) and on which scenario.
     */
    async warm(budgetMs: number, spec?: ScenarioSpec): Promise<{ runs: number; on: 'scenario' | 'built-in' }> {
      requireInit();
      const generation = ++warmGeneration;
      // A real call or a newer warm-up changes warmGeneration while this loop waits for the event loop.
      const current = () => generation === warmGeneration;
      const started = now();
      let runs = 0;
      let seed = 1;
      let sim: Simulator | null = null;
      let agg: Aggregate | null = null;
      let copyStarted = 0;
      while (current() && now() - started < budgetMs) {
        if (!sim || !agg || now() - copyStarted >= WARM_COPY_MS) {
          try {
            sim = new Simulator(compileScenario(spec ?? FIXTURE_SCENARIO));
          } catch {
            // The scenario on screen was checked before it came here; should it still not compile,
            // the built-in fight warms the engine instead.
            spec = undefined;
            sim = new Simulator(compileScenario(FIXTURE_SCENARIO));
          }
          agg = emptyAggregate(sim.scenario.layout);
          copyStarted = now();
        }
        const sliceEnd = now() + WARM_SLICE_MS;
        const stop = () => !current() || now() >= sliceEnd;
        runs = sim.runChunk(seed++, runs, runs + WARM_MAX_SLICE_RUNS, agg, stop, WARM_BLOCK_RUNS);
        await yieldToEventLoop();
      }
      return { runs, on: spec ? 'scenario' : 'built-in' };
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
