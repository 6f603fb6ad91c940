// The runtime's dedup against results kept in IndexedDB (fake-indexeddb), through storage/'s
// dual-slot store: a finished request is stored, and the same key later is answered from it.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { compileScenario, ENGINE_VERSION, runChunk, Simulator } from '../engine/index.ts';
import { openDatabase } from '../storage/db.ts';
import { resultPayloadProblem } from '../storage/record-schema.ts';
import { SlotStore } from '../storage/slot-store.ts';
import { requestKey } from '../scenario/index.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { StoredAnswerCache, type ResultPayload, type RunResultRecord } from './answer-cache.ts';
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

test('results are written one at a time, the most urgent waiting one first, and in order within a scenario', async () => {
  const db = await openDatabase(`runtime-store-order-${Date.now()}`);
  const slots = new SlotStore<ResultPayload>(db, undefined, { payloadProblem: resultPayloadProblem });
  const order: string[] = [];
  let open = 0;
  let most = 0;
  const commit = slots.commit.bind(slots);
  slots.commit = async (scenarioId, entry, hooks) => {
    open += 1;
    most = Math.max(most, open);
    order.push(`${scenarioId}:${entry.seed}`);
    try {
      return await commit(scenarioId, entry, hooks);
    } finally {
      open -= 1;
    }
  };
  const store = new StoredAnswerCache(slots);
  const sim = new Simulator(compileScenario(FIXTURE_SCENARIO));
  const record = (seed: number): RunResultRecord => {
    const aggregate = runChunk(sim, seed, 0, 20);
    return {
      key: requestKey(FIXTURE_SCENARIO, { seed, runs: 20 }, ENGINE_VERSION), scenarioName: 'Fixture', engineVersion: ENGINE_VERSION,
      seed, runs: 20, victoryHalfWidth: 0.2, aggregate, layout: sim.scenario.layout, replays: [], completedAt: 0,
    };
  };
  // A search's evaluations (rank 0), then an edit (rank 3) and a later evaluation of the edited scenario.
  const saves = [
    store.save('search-1', record(1), 0),
    store.save('search-2', record(2), 0),
    store.save('search-3', record(3), 0),
    store.save('edited', record(4), 0),
    store.save('edited', record(5), 3),
    store.save('dm', record(6), 3),
  ];
  await Promise.all(saves);
  expect(most).toBe(1);
  // The first write had started; then the urgent one whose scenario has nothing older waiting, then
  // the rest in order, the edited scenario's two in the order they were asked for.
  expect(order).toEqual(['search-1:1', 'dm:6', 'search-2:2', 'search-3:3', 'edited:4', 'edited:5']);
  const edited = await slots.slots('edited');
  expect(edited.newest?.ok && edited.newest.result.seed).toBe(5);
});
