// The runtime's dedup against results kept in IndexedDB (fake-indexeddb), through storage/'s
// dual-slot store: a finished request is stored, and the same key later is answered from it.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { ENGINE_VERSION } from '../engine/index.ts';
import { openDatabase } from '../storage/db.ts';
import { resultPayloadProblem } from '../storage/record-schema.ts';
import { SlotStore } from '../storage/slot-store.ts';
import { requestKey } from '../scenario/index.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { StoredAnswerCache, type ResultPayload } from './answer-cache.ts';
import { CONTROL_CANCEL } from './board.ts';
import { SimulationRuntime } from './scheduler.ts';
import { drain, FakeExecutor, flush } from './testing/fake-executor.ts';

let runtime: SimulationRuntime | null = null;
afterEach(() => runtime?.dispose());

test('a completed result goes to IndexedDB and answers the same key later, even in a new runtime', async () => {
  const db = await openDatabase(`runtime-store-${Date.now()}`);
  // With the app's check of a result's shape: what the runtime stores passes it.
  const slots = new SlotStore<ResultPayload>(db, undefined, { payloadProblem: resultPayloadProblem });
  const store = new StoredAnswerCache(slots);
  const scenario = { name: 'Fixture', id: 'fixture', spec: FIXTURE_SCENARIO };
  const fake = new FakeExecutor('shared', 4);
  runtime = new SimulationRuntime({ executor: fake, keyOf: requestKey, store, config: { replayRepresentatives: true } });
  const first = runtime.submit(scenario, { seed: 5, runs: 1200 });
  await drain(fake);
  await flush(20);
  const view = await slots.slots('fixture');
  expect(view.newest?.ok && view.newest.result.runs).toBe(1200);
  const original = runtime.aggregate(first);
  runtime.dispose();

  const fake2 = new FakeExecutor('shared', 4);
  runtime = new SimulationRuntime({ executor: fake2, keyOf: requestKey, store });
  const again = runtime.submit(scenario, { seed: 5, runs: 1200 });
  const done = await runtime.settled(again);
  expect(done).toMatchObject({ state: 'completed', fromStore: true, runsDone: 1200 });
  // Chunks may start while the store looks; once it answers they are told to stop, and nothing they ran counts.
  expect(fake2.pending.every((c) => c.control === CONTROL_CANCEL)).toBe(true);
  expect(runtime.aggregate(again)).toEqual(original);
  expect(runtime.replays(again).length).toBeGreaterThan(0);
});

test('a damaged stored result is reported and skipped: the request runs instead', async () => {
  const db = await openDatabase(`runtime-store-damaged-${Date.now()}`);
  const slots = new SlotStore<ResultPayload>(db);
  const problems: string[] = [];
  const store = new StoredAnswerCache(slots, (key, problem) => problems.push(`${key}: ${problem}`));
  const key = requestKey(FIXTURE_SCENARIO, { seed: 6, runs: 300 }, ENGINE_VERSION);
  await db.put('results', {
    key, createdAt: 0, runs: 300, seed: 6, engineVersion: ENGINE_VERSION, victoryHalfWidth: 0.05, refs: ['x/a'],
    blob: new Uint8Array([1, 2, 3, 4]), storedBytes: 4,
  });
  const fake = new FakeExecutor('shared', 4);
  runtime = new SimulationRuntime({ executor: fake, keyOf: requestKey, store, config: { replayRepresentatives: false } });
  const id = runtime.submit({ name: 'Fixture', spec: FIXTURE_SCENARIO }, { seed: 6, runs: 300 });
  await drain(fake);
  const done = await runtime.settled(id);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toContain(key);
  expect(done).toMatchObject({ state: 'completed', fromStore: false, runsDone: 300 });
});

test('a stored result keeps the scenario it ran; one stored without it (an older version) still opens', async () => {
  const db = await openDatabase(`runtime-store-spec-${Date.now()}`);
  const slots = new SlotStore<ResultPayload>(db, undefined, { payloadProblem: resultPayloadProblem });
  const store = new StoredAnswerCache(slots);
  const fake = new FakeExecutor('shared', 4);
  runtime = new SimulationRuntime({ executor: fake, keyOf: requestKey, store, config: { replayRepresentatives: false } });
  runtime.submit({ name: 'Fixture', id: 'spec', spec: FIXTURE_SCENARIO }, { seed: 2, runs: 300 });
  await drain(fake);
  await flush(20);
  const view = await slots.slots('spec');
  expect(view.newest?.ok && view.newest.payload.spec).toEqual(FIXTURE_SCENARIO);

  // The same payload as an older version stored it, without the scenario: it passes the check.
  const { spec: _spec, ...old } = view.newest!.ok ? view.newest!.payload : ({} as ResultPayload);
  expect(resultPayloadProblem(old)).toBeNull();
  // A scenario that is there must have the shape of one.
  expect(resultPayloadProblem({ ...old, spec: { party: 'Fighter' } })).toMatch(/^the stored record is damaged: its content is not a result \(spec\.party: /);
});
