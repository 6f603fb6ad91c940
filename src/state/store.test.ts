// The store mirrors the runtime (with a fake executor driving real engine chunks) and keeps
// unrelated parts of the state identical across progress ticks, which is what lets React skip
// re-rendering everything but the numbers that changed.
import { afterEach, expect, test } from 'vitest';
import { simulate } from '../engine/index.ts';
import { FIXTURE_SCENARIO } from '../runtime/fixtures.ts';
import { MemoryAnswerCache, SimulationRuntime } from '../runtime/index.ts';
import { drain, FakeExecutor, flush } from '../runtime/testing/fake-executor.ts';
import { jsonKey } from '../runtime/testing/keys.ts';
import { createAppStore, type AppStore } from './index.ts';

const scenario = { name: 'Fixture', spec: FIXTURE_SCENARIO };
let current: AppStore<SimulationRuntime> | null = null;
afterEach(() => {
  current?.disconnect();
  current?.runtime.dispose();
});

function make(config = {}) {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: jsonKey, store: new MemoryAnswerCache(),
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100, ...config },
  });
  const store = createAppStore(runtime);
  current = store;
  return { fake, runtime, store };
}

test('submit, progress and completion are mirrored: snapshot, aggregate, focus and statistics', async () => {
  const { fake, store } = make();
  const id = (store.getState().submit(scenario, { seed: 3, runs: 500 }, 'high') as string);
  expect(store.getState().focusedRequestId).toBe(id);
  expect(store.getState().requestIds).toEqual([id]);
  expect(store.getState().requests[id].priority).toBe('high');
  await drain(fake);
  const s = store.getState();
  expect(s.requests[id].state).toBe('completed');
  expect(s.aggregates[id]).toEqual(simulate(FIXTURE_SCENARIO, 3, 500));
  expect(s.runtimeStats.byState.completed).toBe(1);
  expect(s.runtimeMode).toBe('shared');
  expect(s.workerCount).toBe(1);
});

test('a progress tick changes only that request\'s entries', async () => {
  const { fake, store } = make();
  const busy = (store.getState().submit(scenario, { seed: 1, runs: 1000 }, 'normal') as string);
  const waiting = (store.getState().submit(scenario, { seed: 2, runs: 1000 }, 'low') as string);
  await flush();
  fake.pending[0].finish();
  await flush();
  const before = store.getState();
  fake.pending[0].finish();
  await flush();
  const after = store.getState();
  expect(after.requests[busy].runsDone).toBeGreaterThan(before.requests[busy].runsDone);
  expect(after.requestIds).toBe(before.requestIds);
  expect(after.requests[waiting]).toBe(before.requests[waiting]);
  expect(after.aggregates[waiting]).toBe(before.aggregates[waiting]);
});

test('a refused submit leaves a readable reason in the store', () => {
  const { store } = make({ queueCapacity: 1 });
  expect(store.getState().submit(scenario, { seed: 1, runs: 10 }, 'normal')).not.toBeNull();
  expect(store.getState().submit(scenario, { seed: 2, runs: 10 }, 'normal')).toBeNull();
  expect(store.getState().submitError).toMatch(/^The queue is full: 1 request is already waiting or running/);
  expect(store.getState().submit(scenario, { seed: 2, runs: 0 }, 'normal')).toBeNull();
  expect(store.getState().submitError).toBe('runs: must be a whole number from 1 to 100,000,000, got 0');
});

test('actions reach the runtime: pause, resume, cancel, priority', async () => {
  const { fake, store } = make();
  const id = (store.getState().submit(scenario, { seed: 4, runs: 1000 }, 'low') as string);
  await flush();
  store.getState().setPriority(id, 'critical');
  expect(store.getState().requests[id].priority).toBe('critical');
  store.getState().pause(id);
  fake.pending[0].finishRespectingControl();
  await flush();
  expect(store.getState().requests[id].state).toBe('paused');
  store.getState().resume(id);
  await flush();
  store.getState().cancel(id);
  fake.pending[0].finishRespectingControl();
  await flush();
  expect(store.getState().requests[id].state).toBe('cancelled');
});
