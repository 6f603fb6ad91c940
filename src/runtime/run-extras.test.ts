// Requests that keep each run's outcome (for comparisons paired run by run) or skip the
// representative replays: their own request key, outcomes merged exactly whatever the chunk order,
// kept through checkpoints and the result store, and checked when read back.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { compileScenario, ENGINE_VERSION, runChunk, simulate, Simulator, type Aggregate } from '../engine/index.ts';
import { canonicalJson, hashString, requestKey } from '../scenario/index.ts';
import { openDatabase } from '../storage/db.ts';
import { resultPayloadProblem } from '../storage/record-schema.ts';
import { SlotStore } from '../storage/slot-store.ts';
import { CheckpointStore } from '../storage/checkpoints.ts';
import { Checkpointer, restoreQueue, type PersistedProgress, type PersistedRequest } from './checkpointer.ts';
import { StoredAnswerCache, type ResultPayload } from './answer-cache.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { NodeExecutor } from './node/node-executor.ts';
import { MemoryAnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { normalizeSettings, SubmitError } from './settings.ts';
import { drain, FakeExecutor, flush } from './testing/fake-executor.ts';
import { jsonKey } from './testing/keys.ts';

const scenario = { name: 'Fixture', id: 'fixture', spec: FIXTURE_SCENARIO };
const runtimes: SimulationRuntime[] = [];
afterEach(() => {
  for (const r of runtimes.splice(0)) r.dispose();
});

function make(options: { replays?: boolean; store?: ConstructorParameters<typeof SimulationRuntime>[0]['store']; keyOf?: typeof jsonKey; chunkRuns?: number } = {}) {
  const fake = new FakeExecutor('shared', 4);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: options.keyOf ?? jsonKey, store: options.store ?? new MemoryAnswerCache(),
    config: { workerCount: 3, replayRepresentatives: options.replays ?? false, chunkRuns: options.chunkRuns ?? 300, fallbackChunkRuns: options.chunkRuns ?? 300 },
  });
  runtimes.push(runtime);
  return { fake, runtime };
}

/** Runs [0, runs) with each run's outcome, in one piece. */
const withOutcomes = (seed: number, runs: number): Aggregate => runChunk(new Simulator(compileScenario(FIXTURE_SCENARIO)), seed, 0, runs, { runOutcomes: true });

test('the extras are read from the settings, only when they differ from an ordinary request', () => {
  expect(normalizeSettings({ seed: 1, runs: 10 })).toEqual({ seed: 1, target: { kind: 'runs', runs: 10 } });
  expect(normalizeSettings({ seed: 1, runs: 10, runOutcomes: false, replays: true })).toEqual({ seed: 1, target: { kind: 'runs', runs: 10 } });
  expect(normalizeSettings({ seed: 1, runs: 10, runOutcomes: true, replays: false })).toEqual({ seed: 1, target: { kind: 'runs', runs: 10 }, runOutcomes: true, noReplays: true });
  expect(() => normalizeSettings({ seed: 1, runs: 10, runOutcomes: 'yes' as unknown as boolean })).toThrow(new SubmitError('runOutcomes: must be true or false, got "yes"'));
});

test('the request key: an ordinary request keeps its key, each extra gives another', () => {
  const plain = requestKey(FIXTURE_SCENARIO, { seed: 3, runs: 500 }, ENGINE_VERSION);
  // The key of an ordinary request hashes exactly what it hashed before the extras existed.
  const spec = { party: FIXTURE_SCENARIO.party, encounters: FIXTURE_SCENARIO.encounters, rules: FIXTURE_SCENARIO.rules };
  expect(plain).toBe(hashString(canonicalJson({ engineVersion: ENGINE_VERSION, runs: 500, seed: 3, spec })));
  expect(requestKey(FIXTURE_SCENARIO, { seed: 3, runs: 500, runOutcomes: false, noReplays: false }, ENGINE_VERSION)).toBe(plain);
  const outcomes = requestKey(FIXTURE_SCENARIO, { seed: 3, runs: 500, runOutcomes: true }, ENGINE_VERSION);
  const noReplays = requestKey(FIXTURE_SCENARIO, { seed: 3, runs: 500, noReplays: true }, ENGINE_VERSION);
  const both = requestKey(FIXTURE_SCENARIO, { seed: 3, runs: 500, runOutcomes: true, noReplays: true }, ENGINE_VERSION);
  expect(new Set([plain, outcomes, noReplays, both]).size).toBe(4);
});

test('a request with and without outcomes never share: two requests, each with its own aggregate', async () => {
  const { fake, runtime } = make();
  const plain = runtime.submit(scenario, { seed: 4, runs: 1200 });
  const outcomes = runtime.submit(scenario, { seed: 4, runs: 1200, runOutcomes: true });
  expect(outcomes).not.toBe(plain);
  await drain(fake);
  expect(runtime.aggregate(plain)).toEqual(simulate(FIXTURE_SCENARIO, 4, 1200));
  expect(runtime.aggregate(plain)!.runOutcomes).toBeUndefined();
  expect(runtime.aggregate(outcomes)).toEqual(withOutcomes(4, 1200));
  expect(fake.jobs.filter((j) => j.requestId === outcomes).every((j) => j.runOutcomes === true)).toBe(true);
  expect(fake.jobs.filter((j) => j.requestId === plain).some((j) => 'runOutcomes' in j)).toBe(false);
});

test('chunks finished in reverse order give the same outcomes as one uninterrupted run', async () => {
  const { fake, runtime } = make({ chunkRuns: 200 });
  const id = runtime.submit(scenario, { seed: 9, runs: 1000, runOutcomes: true });
  await flush();
  expect(fake.pending.length).toBe(3);
  while (fake.pending.length > 0) {
    for (const c of [...fake.pending].reverse()) c.finish();
    await flush();
  }
  const agg = runtime.aggregate(id)!;
  expect(runtime.get(id)!.state).toBe('completed');
  expect(agg.runOutcomes).toEqual([{ from: 0, codes: withOutcomes(9, 1000).runOutcomes![0].codes }]);
  expect(agg).toEqual(withOutcomes(9, 1000));
});

test('a request checkpointed on the device and restored in a new runtime ends with every outcome', async () => {
  const store = new CheckpointStore<PersistedRequest, PersistedProgress>(await openDatabase(`run-outcomes-cp-${Date.now()}`), ENGINE_VERSION);
  const first = make({ chunkRuns: 200 });
  const checkpointer = new Checkpointer(first.runtime, store, { intervalMs: 60_000 });
  checkpointer.start();
  first.runtime.submit(scenario, { seed: 12, runs: 1000, runOutcomes: true });
  await flush();
  const finished = first.fake.pending[1].job;
  first.fake.pending[1].finish();
  await flush();
  await checkpointer.flush();
  const [kept] = await store.list();
  expect(kept.ok && kept.request.runOutcomes).toBe(true);
  expect(kept.ok && kept.progress!.aggregate.runOutcomes).toEqual([{ from: finished.from, codes: withOutcomes(12, finished.to).runOutcomes![0].codes.slice(finished.from) }]);
  checkpointer.stop();
  first.runtime.dispose();

  const second = make({ chunkRuns: 200 });
  const report = await restoreQueue(second.runtime, store);
  expect(report).toMatchObject({ problems: [], runsResumed: finished.to - finished.from });
  await drain(second.fake);
  expect(second.runtime.aggregate(report.restored[0])).toEqual(withOutcomes(12, 1000));
  expect(second.fake.jobs.every((j) => j.runOutcomes === true)).toBe(true);
});

test('replays: skipped when asked, and only then', async () => {
  const { fake, runtime } = make({ replays: true });
  const skipping = runtime.submit(scenario, { seed: 5, runs: 600, replays: false });
  const replaying = runtime.submit(scenario, { seed: 5, runs: 600 });
  expect(skipping).not.toBe(replaying);
  await drain(fake);
  expect(runtime.get(skipping)!.state).toBe('completed');
  expect(runtime.replays(skipping)).toEqual([]);
  expect(fake.jobs.some((j) => j.requestId === skipping && j.mode === 'full')).toBe(false);
  expect(runtime.replays(replaying).length).toBeGreaterThan(0);
  expect(runtime.aggregate(skipping)).toEqual(runtime.aggregate(replaying));
});

test('real worker threads keep each run\'s outcome, merged over two threads', async () => {
  const runtime = new SimulationRuntime({
    executor: new NodeExecutor({ mode: 'shared' }), keyOf: jsonKey, store: new MemoryAnswerCache(),
    config: { workerCount: 2, chunkRuns: 1500, fallbackChunkRuns: 1500, replayRepresentatives: false },
  });
  runtimes.push(runtime);
  const id = runtime.submit(scenario, { seed: 21, runs: 6000, runOutcomes: true });
  expect((await runtime.settled(id)).state).toBe('completed');
  expect(runtime.aggregate(id)).toEqual(withOutcomes(21, 6000));
}, 30_000);

test('stored with its outcomes and read back in a new runtime; damaged outcomes are named', async () => {
  const db = await openDatabase(`run-outcomes-${Date.now()}`);
  const slots = new SlotStore<ResultPayload>(db, undefined, { payloadProblem: resultPayloadProblem });
  const store = new StoredAnswerCache(slots);
  const first = make({ store, keyOf: requestKey });
  first.runtime.submit(scenario, { seed: 6, runs: 900, runOutcomes: true });
  await drain(first.fake);
  await flush(20);
  first.runtime.dispose();

  const second = make({ store, keyOf: requestKey });
  const again = second.runtime.submit(scenario, { seed: 6, runs: 900, runOutcomes: true });
  expect(await second.runtime.settled(again)).toMatchObject({ state: 'completed', fromStore: true, runsDone: 900 });
  expect(second.runtime.aggregate(again)).toEqual(withOutcomes(6, 900));

  const view = await slots.slots('fixture');
  const payload = view.newest!.ok ? view.newest!.payload : null;
  expect(payload!.aggregate.runOutcomes![0].codes).toHaveLength(900);
  expect(resultPayloadProblem(payload)).toBeNull();
  const damaged = (runOutcomes: unknown) => resultPayloadProblem({ ...payload!, aggregate: { ...payload!.aggregate, runOutcomes } });
  const codes = payload!.aggregate.runOutcomes![0].codes;
  expect(damaged([{ from: 0, codes: `x${codes.slice(1)}` }])).toMatch(/^the stored record is damaged: its content is not a result \(aggregate\.runOutcomes\[0\]\.codes: /);
  expect(damaged([{ from: 0, codes: codes.slice(1) }])).toBe('the stored record is damaged: its content is not a result (aggregate.runOutcomes: 899 outcomes for 900 runs)');
  expect(damaged([{ from: 0, codes: codes.slice(0, 500) }, { from: 400, codes: codes.slice(500) }]))
    .toBe('the stored record is damaged: its content is not a result (aggregate.runOutcomes: the segment from run 400 overlaps or comes before the one ending at run 500)');
  const flipped = codes.replace(/^[01]/, (c) => (c === '0' ? '1' : '0'));
  expect(damaged([{ from: 0, codes: flipped }])).toMatch(/^the stored record is damaged: its content is not a result \(aggregate\.runOutcomes: \d+ victories among the outcomes, \d+ in the counts\)$/);
  expect(damaged('all')).toMatch(/\(aggregate\.runOutcomes: /);
});
