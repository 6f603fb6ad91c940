// The sweep slice with a fake executor driving real engine chunks: points go in as Normal requests
// without moving the focus off the scenario on screen, keep their numbers after their requests
// leave the store, and a cancel or a newer sweep stops only the sweep's own unfinished work.
import { readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { SimulationRuntime, type RequestUpdate } from '../runtime/index.ts';
import { drain, FakeExecutor, flush } from '../runtime/testing/fake-executor.ts';
import type { SweepParameter } from '../scenario/analysis/sweep.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import { loadScenarioText } from '../scenario/index.ts';
import { createAppStore, type AppStore } from './index.ts';

let current: AppStore<SimulationRuntime> | null = null;
afterEach(() => {
  current?.disconnect();
  current?.runtime.dispose();
});

const ENEMY_COUNT: SweepParameter = { kind: 'monster-count', encounter: 0, enemy: 0 };

/** A store with the duel open and its answer asked for (500 runs), as after opening a file. */
async function make(config = {}) {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: requestKey,
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100, ...config },
  });
  const store = createAppStore(runtime);
  current = store;
  const text = readFileSync(new URL('../../scenarios/duel.json', import.meta.url), 'utf8');
  await store.getState().openLoaded(loadScenarioText(text, 'the duel'), { run: true, settings: { seed: 1, runs: 500 } });
  const scenarioRequest = store.getState().scenarioRequestId!;
  expect(scenarioRequest).not.toBeNull();
  return { fake, store, scenarioRequest };
}

const ids = (store: AppStore) => store.getState().sweep!.points.map((p) => p.id);
const stateOf = (store: AppStore, id: string | null) => store.getState().requests[id!]?.state;

test('points are Normal requests that leave the focus on the scenario, and the scenario\'s own request is shared', async () => {
  const { fake, store, scenarioRequest } = await make();
  expect(store.getState().focusedRequestId).toBe(scenarioRequest);
  await store.getState().runSweep(ENEMY_COUNT, [1, 2, 3]);
  const s = store.getState();
  expect(s.sweepBusy).toBe(false);
  expect(s.focusedRequestId).toBe(scenarioRequest);
  expect(s.sweep!.label).toMatch(/ogre/i);
  expect(s.sweep!.settings).toEqual({ seed: 1, runs: 500 });
  const [one, two, three] = s.sweep!.points;
  // One ogre is the duel as it stands: the runtime hands back the scenario's request.
  expect(one).toMatchObject({ value: 1, id: scenarioRequest, local: 'submitted', shared: true });
  for (const p of [two, three]) {
    expect(p).toMatchObject({ local: 'submitted', shared: false });
    expect(s.requests[p.id!].priority).toBe('normal');
  }
  expect(new Set(ids(store)).size).toBe(3);

  await drain(fake);
  for (const p of store.getState().sweep!.points) expect(p.kept).toMatchObject({ state: 'completed', runs: 500, runsTarget: 500 });
  expect(store.getState().focusedRequestId).toBe(scenarioRequest);
});

test('a point keeps its numbers after its request leaves the store', async () => {
  const { fake, store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2]);
  await drain(fake);
  const point = store.getState().sweep!.points[0];
  const removed = { type: 'removed', requestId: point.id!, at: Date.now(), snapshot: store.getState().requests[point.id!], aggregate: null } as unknown as RequestUpdate;
  store.getState().applyUpdate(removed);
  store.getState().sweepUpdate(removed);
  expect(store.getState().requests[point.id!]).toBeUndefined();
  expect(store.getState().sweep!.points[0]).toBe(point);
  expect(point.kept).toMatchObject({ state: 'completed', runs: 500 });
});

test('cancelling the sweep cancels its own unfinished requests, never the scenario\'s', async () => {
  const { fake, store, scenarioRequest } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [1, 2, 3]);
  const [, two, three] = ids(store);
  store.getState().cancelSweep();
  await drain(fake);
  expect(stateOf(store, two)).toBe('cancelled');
  expect(stateOf(store, three)).toBe('cancelled');
  expect(stateOf(store, scenarioRequest)).toBe('completed');
  expect(store.getState().sweep!.points.map((p) => p.kept?.state)).toEqual(['completed', 'cancelled', 'cancelled']);
});

test('a newer sweep keeps the requests it asks for again and cancels the rest of the earlier one', async () => {
  const { fake, store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2, 3]);
  const [two, three] = ids(store);
  await store.getState().runSweep(ENEMY_COUNT, [3, 4]);
  const [again, four] = ids(store);
  expect(again).toBe(three);
  // Its own earlier request is not "shared": cancelling this sweep may stop it.
  expect(store.getState().sweep!.points[0].shared).toBe(false);
  await drain(fake);
  expect(stateOf(store, two)).toBe('cancelled');
  expect(stateOf(store, three)).toBe('completed');
  expect(stateOf(store, four)).toBe('completed');
});

test('a cancel while a sweep is starting stops it before it submits anything, and a second run waits for the first', async () => {
  const { fake, store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2]);
  const [two] = ids(store);
  const starting = store.getState().runSweep(ENEMY_COUNT, [4, 5]);
  expect(store.getState().sweepBusy).toBe(true);
  await store.getState().runSweep(ENEMY_COUNT, [6]);
  store.getState().cancelSweep();
  await starting;
  await flush();
  const s = store.getState();
  expect(s.sweepBusy).toBe(false);
  expect(s.sweep!.points.map((p) => p.value)).toEqual([2]);
  // The duel's request and the first sweep's point: nothing for 4, 5 or 6.
  expect(s.requestIds).toHaveLength(2);
  await drain(fake);
  expect(stateOf(store, two)).toBe('cancelled');
});

test('a point the queue refuses says why, and the others still run', async () => {
  const { fake, store } = await make({ queueCapacity: 2 });
  await store.getState().runSweep(ENEMY_COUNT, [2, 3]);
  const [two, three] = store.getState().sweep!.points;
  expect(two.local).toBe('submitted');
  expect(three).toMatchObject({ local: 'refused', id: null });
  expect(three.error).toMatch(/^The queue is full/);
  await drain(fake);
  expect(store.getState().sweep!.points[0].kept?.state).toBe('completed');
});

test('a value the scenario cannot take is refused at its row without a request', async () => {
  const { store } = await make();
  await store.getState().runSweep(ENEMY_COUNT, [2, 500]);
  const [two, tooMany] = store.getState().sweep!.points;
  expect(two.local).toBe('submitted');
  expect(tooMany).toMatchObject({ local: 'refused', id: null });
  expect(tooMany.error).toMatch(/limit/);
});
