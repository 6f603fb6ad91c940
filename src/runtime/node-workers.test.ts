// The scheduler with real worker_threads running the real engine API through Comlink: the same
// code paths as Web Workers in the browser, including the shared control board and message mode.
import { afterEach, describe, expect, test } from 'vitest';
import { simulate, type ScenarioSpec } from '../engine/index.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { NodeExecutor } from './node/node-executor.ts';
import { MemoryAnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { jsonKey } from './testing/keys.ts';
import type { RuntimeConfigInput } from './config.ts';
import type { ControlMode, RequestUpdate, UpdateType } from './types.ts';

const scenario = { name: 'Fixture', spec: FIXTURE_SCENARIO };
let current: SimulationRuntime | null = null;

afterEach(() => {
  current?.dispose();
  current = null;
});

function make(mode: ControlMode, workers: number, config: RuntimeConfigInput = {}) {
  const executor = new NodeExecutor({ mode });
  const runtime = new SimulationRuntime({
    executor, keyOf: jsonKey, store: new MemoryAnswerCache(),
    config: { workerCount: workers, progressUpdateIntervalMs: 0, ...config },
  });
  current = runtime;
  return { executor, runtime };
}

/** Resolves with the first update of this type for this request. */
function next(runtime: SimulationRuntime, requestId: string, type: UpdateType): Promise<RequestUpdate> {
  return new Promise((resolve) => {
    const stop = runtime.subscribe((u) => {
      stop();
      resolve(u);
    }, { requestId, types: [type] });
  });
}

describe.each(['shared', 'message'] as const)('worker_threads in %s mode', (mode) => {
  test('a request split over two threads merges into exactly the uninterrupted aggregate, with replays', async () => {
    const { runtime, executor } = make(mode, 2, { replayRepresentatives: true });
    const id = runtime.submit(scenario, { seed: 7, runs: 30_000 }, 'normal');
    const done = await runtime.settled(id);
    expect(done.state).toBe('completed');
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 7, 30_000));
    expect(executor.threads.size).toBe(2);
    const replays = runtime.replays(id);
    expect(replays.length).toBeGreaterThan(0);
    expect(replays[0].events.length).toBeGreaterThan(0);
    expect(replays.find((r) => r.labels.includes('worst'))!.run).toBe(runtime.aggregate(id)!.worst!.run);
  });

  test('pause takes effect inside a chunk, keeps the finished runs, and resume ends exact', async () => {
    const { runtime } = make(mode, 2, { chunkRuns: 200_000, fallbackChunkRuns: 200_000, targetChunkMs: 60_000 });
    const runs = 60_000;
    const id = runtime.submit(scenario, { seed: 8, runs });
    await next(runtime, id, 'progress');
    const paused = next(runtime, id, 'paused');
    runtime.pause(id);
    const p = await paused;
    expect(p.snapshot.state).toBe('paused');
    expect(p.snapshot.runsDone).toBeLessThan(runs);
    expect(p.aggregate!.runs).toBe(p.snapshot.runsDone);
    runtime.resume(id);
    const done = await runtime.settled(id);
    expect(done.state).toBe('completed');
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 8, runs));
  });

  test('cancel stops the workers and ends the request', async () => {
    const { runtime } = make(mode, 2);
    const id = runtime.submit(scenario, { seed: 9, runs: 5_000_000 });
    await next(runtime, id, 'progress');
    runtime.cancel(id);
    const done = await runtime.settled(id);
    expect(done.state).toBe('cancelled');
    expect(done.runsDone).toBeLessThan(5_000_000);
    expect(runtime.stats().busyWorkers).toBe(0);
  });
});

test('a Critical request overtakes a running Low one, which then completes exact', async () => {
  const { runtime } = make('shared', 1);
  const low = runtime.submit(scenario, { seed: 10, runs: 40_000 }, 'low');
  await next(runtime, low, 'progress');
  const lowPaused = next(runtime, low, 'paused');
  const critical = runtime.submit(scenario, { seed: 11, runs: 2000 }, 'critical');
  const paused = await lowPaused;
  expect(paused.snapshot.pausedBy).toBe('preempted');
  const criticalDone = await runtime.settled(critical);
  // The low request had not finished when the critical one did.
  expect(runtime.get(low)!.state).not.toBe('completed');
  expect(criticalDone.state).toBe('completed');
  const lowDone = await runtime.settled(low);
  expect(lowDone.state).toBe('completed');
  expect(runtime.aggregate(low)).toEqual(simulate(FIXTURE_SCENARIO, 10, 40_000));
  expect(runtime.aggregate(critical)).toEqual(simulate(FIXTURE_SCENARIO, 11, 2000));
});

test('a thread that dies mid-chunk is replaced and its chunk retried; the aggregate stays exact', async () => {
  const { runtime, executor } = make('shared', 2);
  const id = runtime.submit(scenario, { seed: 12, runs: 40_000 });
  await next(runtime, id, 'progress');
  // Terminating the thread from outside is what a crash or the OS killing it looks like.
  await executor.threads.get(0)!.terminate();
  const done = await runtime.settled(id);
  expect(done.state).toBe('completed');
  expect(runtime.stats().workerRestarts).toBeGreaterThanOrEqual(1);
  expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 12, 40_000));
});

test('an engine error in the worker fails the request with the engine\'s message', async () => {
  const bad: ScenarioSpec = structuredClone(FIXTURE_SCENARIO);
  bad.encounters[1].enemies[0].ac = 0;
  const { runtime } = make('shared', 1);
  const id = runtime.submit({ name: 'Bad', spec: bad }, { seed: 1, runs: 100 });
  const done = await runtime.settled(id);
  expect(done.state).toBe('failed');
  expect(done.error).toBe('encounters[1].enemies[0].ac: must be a whole number from 1 to 50, got 0');
});
