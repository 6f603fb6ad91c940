// The requests slice's memory stays bounded over a long session: the oldest finished requests are
// forgotten beyond a fixed number, but never the one focused or the one answering the scenario on
// screen, whether the store or the runtime forgets first.
import { afterEach, expect, test } from 'vitest';
import { simulate } from '../engine/index.ts';
import { FIXTURE_SCENARIO } from '../runtime/fixtures.ts';
import { MemoryAnswerCache, SimulationRuntime, type RuntimeConfigInput } from '../runtime/index.ts';
import { drain, FakeExecutor } from '../runtime/testing/fake-executor.ts';
import { jsonKey } from '../runtime/testing/keys.ts';
import { createAppStore, type AppStore } from './index.ts';
import { FINISHED_REQUESTS_KEPT, trimFinished } from './requests-slice.ts';

const scenario = { name: 'Fixture', spec: FIXTURE_SCENARIO };
let current: AppStore<SimulationRuntime> | null = null;
afterEach(() => {
  current?.disconnect();
  current?.runtime.dispose();
});

function make(config: RuntimeConfigInput = {}) {
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: jsonKey, store: new MemoryAnswerCache(),
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, maxFinishedRequests: 1000, ...config },
  });
  const store = createAppStore(runtime);
  current = store;
  return { fake, store };
}

const submitted = (store: AppStore, seed: number, focus = false): string =>
  store.getState().submit(scenario, { seed, runs: 50 }, 'normal', { focus }) as string;

test(`the store keeps the ${FINISHED_REQUESTS_KEPT} newest finished requests, and always the focused one and the scenario's`, async () => {
  const { fake, store } = make();
  const focused = submitted(store, 1, true);
  const scenarios = submitted(store, 2);
  store.setState({ scenarioRequestId: scenarios });
  await drain(fake);
  const later: string[] = [];
  for (let seed = 3; seed < 3 + FINISHED_REQUESTS_KEPT + 5; seed++) later.push(submitted(store, seed));
  await drain(fake);
  let s = store.getState();
  const newest = later.slice(-(FINISHED_REQUESTS_KEPT - 2));
  expect(s.requestIds).toEqual([focused, scenarios, ...newest]);
  expect(Object.keys(s.requests).sort()).toEqual(s.requestIds.slice().sort());
  expect(Object.keys(s.aggregates).sort()).toEqual(s.requestIds.slice().sort());
  expect(s.aggregates[focused]).toEqual(simulate(FIXTURE_SCENARIO, 1, 50));
  expect(s.aggregates[scenarios]).toEqual(simulate(FIXTURE_SCENARIO, 2, 50));
  expect(s.focusedRequestId).toBe(focused);

  // No longer on screen: each newly finished request takes out the oldest.
  store.getState().focus(null);
  store.setState({ scenarioRequestId: null });
  const next = submitted(store, 100);
  await drain(fake);
  s = store.getState();
  expect(s.requestIds).toEqual([scenarios, ...newest, next]);
  expect(s.requests[focused]).toBeUndefined();
  expect(s.aggregates[focused]).toBeUndefined();
  const another = submitted(store, 101);
  await drain(fake);
  expect(store.getState().requestIds).toEqual([...newest, next, another]);
});

test('a live request is never dropped, however many finish after it', async () => {
  const { fake, store } = make();
  const paused = submitted(store, 1);
  store.getState().pause(paused);
  for (let seed = 2; seed < 2 + FINISHED_REQUESTS_KEPT + 3; seed++) submitted(store, seed);
  await drain(fake);
  const s = store.getState();
  expect(s.requests[paused].state).toBe('paused');
  expect(s.requestIds).toHaveLength(FINISHED_REQUESTS_KEPT + 1);
});

test('when the runtime forgets a finished request first, the store keeps it while it is shown', async () => {
  const { fake, store } = make({ maxFinishedRequests: 1 });
  const focused = submitted(store, 1, true);
  await drain(fake);
  const other = submitted(store, 2);
  await drain(fake);
  const last = submitted(store, 3);
  await drain(fake);
  // The runtime keeps one finished request; the store keeps the focused one too, not the other.
  expect(store.runtime.list().map((r) => r.id)).toEqual([last]);
  const s = store.getState();
  expect(s.requestIds).toEqual([focused, last]);
  expect(s.requests[other]).toBeUndefined();
  expect(s.requests[focused].state).toBe('completed');
  expect(s.aggregates[focused]).toEqual(simulate(FIXTURE_SCENARIO, 1, 50));
  expect(s.focusedRequestId).toBe(focused);
});

test('trimming drops the oldest finished entries beyond the count and returns the same object when none is over', () => {
  const snap = (state: string) => ({ state }) as never;
  const entries = {
    requestIds: ['a', 'b', 'c', 'd', 'e'],
    requests: { a: snap('completed'), b: snap('running'), c: snap('cancelled'), d: snap('failed'), e: snap('completed') },
    aggregates: { a: null, b: null, c: null, d: null, e: null },
  };
  expect(trimFinished(entries, 4, [])).toBe(entries);
  const trimmed = trimFinished(entries, 2, ['c']);
  expect(trimmed.requestIds).toEqual(['b', 'c', 'e']);
  expect(Object.keys(trimmed.requests)).toEqual(['b', 'c', 'e']);
  expect(Object.keys(trimmed.aggregates)).toEqual(['b', 'c', 'e']);
  // Everything finished is shown: nothing can go.
  expect(trimFinished(entries, 0, ['a', 'c', 'd', 'e'])).toBe(entries);
});
