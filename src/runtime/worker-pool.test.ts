// The worker pool's idle stop, with a fake executor and a manual clock: a worker with no work for
// idleWorkerTimeoutMs is terminated without counting as a lost worker, and started again when work
// comes; busy workers are never stopped for it, and the pool keeps one timer, not one per chunk.
import { afterEach, describe, expect, test } from 'vitest';
import { simulate } from '../engine/index.ts';
import { createBoard } from './board.ts';
import { ManualClock } from './clock.ts';
import { resolveConfig, type RuntimeConfigInput } from './config.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { MemoryAnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { drain, FakeExecutor } from './testing/fake-executor.ts';
import { jsonKey } from './testing/keys.ts';
import { WorkerPool } from './worker-pool.ts';

interface Job {
  startedAt: number;
}

const pools: Array<WorkerPool<Job>> = [];
const runtimes: SimulationRuntime[] = [];

afterEach(() => {
  for (const p of pools.splice(0)) p.dispose();
  for (const r of runtimes.splice(0)) r.dispose();
});

function makePool(config: RuntimeConfigInput = {}, size = 2) {
  const clock = new ManualClock();
  const fake = new FakeExecutor('shared', 4);
  const layout = { slots: size, workers: size };
  const pool = new WorkerPool<Job>({
    executor: fake, config: resolveConfig(config), clock, mode: 'shared', board: createBoard(layout, true), layout, size,
    stopRequestedAt: () => null,
  });
  pools.push(pool);
  /** Runs one job of `ms` on worker `index`, starting it if it has no live handle. */
  const runJob = (index: number, ms: number) => {
    const w = pool.workers[index];
    pool.handleFor(w);
    const job = { startedAt: clock.now() };
    pool.occupy(w, job, clock.now());
    clock.advance(ms);
    pool.vacate(w, job);
  };
  return { clock, fake, pool, runJob };
}

describe('idle workers', () => {
  test('the default idle timeout is 10 minutes', () => {
    expect(resolveConfig().idleWorkerTimeoutMs).toBe(600_000);
  });

  test('warming starts every worker and warms its engine; unused, they are stopped after the idle timeout', () => {
    const { clock, fake, pool, runJob } = makePool({ idleWorkerTimeoutMs: 10_000 }, 3);
    pool.warm(40);
    expect(fake.liveWorkers).toHaveLength(3);
    expect(fake.workers.map((w) => w.warmUps)).toEqual([[40], [40], [40]]);
    // Warming again starts nothing new.
    pool.warm(40);
    expect(fake.workers).toHaveLength(3);
    // A chunk on a warmed worker uses it, not a new one.
    runJob(1, 100);
    expect(fake.workers).toHaveLength(3);
    clock.advance(10_000);
    expect(fake.liveWorkers).toHaveLength(0);
    expect(pool.restarts).toBe(0);
  });

  test('warming on a scenario reaches every idle worker, started or not, with that scenario; a busy one is left alone', () => {
    const { clock, fake, pool } = makePool({}, 3);
    pool.warm(40);
    const busy = pool.workers[1];
    pool.occupy(busy, { startedAt: clock.now() }, clock.now());
    pool.warm(300, FIXTURE_SCENARIO);
    expect(fake.workers.map((w) => w.warmSpecs)).toEqual([[null, FIXTURE_SCENARIO], [null], [null, FIXTURE_SCENARIO]]);
  });

  test('a worker idle for the timeout is stopped, not counted as lost, and started again on demand', () => {
    const { clock, fake, pool, runJob } = makePool({ idleWorkerTimeoutMs: 10_000 });
    runJob(0, 500);
    expect(fake.liveWorkers).toHaveLength(1);
    clock.advance(9_999);
    expect(fake.workers[0].isLost).toBe(false);
    clock.advance(1);
    expect(fake.workers[0].isLost).toBe(true);
    expect(pool.workers[0].handle).toBeNull();
    expect(pool.restarts).toBe(0);
    // The next job starts a new worker.
    runJob(0, 100);
    expect(fake.workers).toHaveLength(2);
    expect(fake.workers[1].isLost).toBe(false);
    expect(pool.restarts).toBe(0);
  });

  test('a busy worker is never stopped for idling, and new work restarts the wait', () => {
    const { clock, fake, pool, runJob } = makePool({ idleWorkerTimeoutMs: 10_000, workerTimeoutMs: 3_600_000 });
    runJob(0, 100);
    // Worker 1 stays busy well past the idle timeout.
    const busy = pool.workers[1];
    pool.handleFor(busy);
    pool.occupy(busy, { startedAt: clock.now() }, clock.now());
    clock.advance(6_000);
    // Worker 0 works again 6 s into its idle time: its 10 s start over when it finishes.
    runJob(0, 100);
    clock.advance(9_000);
    expect(fake.workers[0].isLost).toBe(false);
    clock.advance(1_000);
    expect(fake.workers[0].isLost).toBe(true);
    expect(fake.workers[1].isLost).toBe(false);
    expect(pool.busyCount()).toBe(1);
  });

  test('the pool keeps one idle timer however many chunks run', () => {
    const { clock, pool, runJob } = makePool({ idleWorkerTimeoutMs: 10_000 });
    for (let i = 0; i < 200; i++) runJob(i % 2, 5);
    // The idle timer; the watchdog is not running (no worker is busy).
    expect(clock.pendingTimers).toBe(1);
    expect(pool.busyCount()).toBe(0);
  });

  test('0 keeps idle workers for the pool\'s lifetime', () => {
    const { clock, fake, runJob } = makePool({ idleWorkerTimeoutMs: 0 });
    runJob(0, 100);
    clock.advance(3_600_000);
    expect(fake.workers[0].isLost).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  test('through the runtime: workers stop after a request and start again for the next one, with exact results', async () => {
    const clock = new ManualClock();
    const fake = new FakeExecutor('shared', 8);
    const runtime = new SimulationRuntime({
      executor: fake, keyOf: jsonKey, store: new MemoryAnswerCache(), clock,
      config: { workerCount: 2, replayRepresentatives: false, idleWorkerTimeoutMs: 20_000 },
    });
    runtimes.push(runtime);
    const scenario = { name: 'Fixture', spec: FIXTURE_SCENARIO };
    const first = runtime.submit(scenario, { seed: 7, runs: 2000 });
    await drain(fake);
    expect(runtime.get(first)!.state).toBe('completed');
    expect(fake.liveWorkers).toHaveLength(2);
    clock.advance(20_000);
    expect(fake.liveWorkers).toHaveLength(0);
    expect(runtime.stats().workerRestarts).toBe(0);
    const second = runtime.submit(scenario, { seed: 8, runs: 2000 });
    await drain(fake);
    expect(fake.workers).toHaveLength(4);
    expect(runtime.get(second)!.state).toBe('completed');
    expect(runtime.aggregate(second)).toEqual(simulate(FIXTURE_SCENARIO, 8, 2000));
  });
});
