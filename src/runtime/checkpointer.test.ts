// Checkpoints on fake-indexeddb with the real engine computing chunks (fake executor): a request
// interrupted with chunks finished out of order and others in flight resumes in a new runtime from
// its checkpoint, runs only what is missing, and ends with exactly the uninterrupted aggregate.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { compileScenario, ENGINE_VERSION, simulate } from '../engine/index.ts';
import { CheckpointStore } from '../storage/checkpoints.ts';
import { openDatabase } from '../storage/db.ts';
import { Checkpointer, restoreQueue, type PersistedProgress, type PersistedRequest } from './checkpointer.ts';
import { ManualClock } from './clock.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { MemoryAnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { drain, FakeExecutor, flush } from './testing/fake-executor.ts';
import { jsonKey } from './testing/keys.ts';

const scenario = { name: 'Fixture', id: 'fixture', spec: FIXTURE_SCENARIO };
const runtimes: SimulationRuntime[] = [];
afterEach(() => {
  for (const r of runtimes.splice(0)) r.dispose();
});

let n = 0;
async function freshCheckpoints() {
  const db = await openDatabase(`checkpoints-${++n}-${Date.now()}`);
  return { db, store: new CheckpointStore<PersistedRequest, PersistedProgress>(db, ENGINE_VERSION) };
}

function make(clock?: ManualClock, workers = 3) {
  const fake = new FakeExecutor('shared', 8);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: jsonKey, store: new MemoryAnswerCache(), clock,
    config: { workerCount: workers, replayRepresentatives: false, chunkRuns: 400 },
  });
  runtimes.push(runtime);
  return { fake, runtime };
}

test('an interrupted request resumes from its checkpoint, runs only the missing runs, and ends exact', async () => {
  const { store } = await freshCheckpoints();
  const first = make();
  const cp = new Checkpointer(first.runtime, store, { intervalMs: 60_000 });
  cp.start();
  const id = first.runtime.submit(scenario, { seed: 9, runs: 5000 });
  await flush();
  // Three chunks in flight; the second and third finish, the first does not: done is not a prefix.
  const [a, b, c] = first.fake.pending;
  b.finish();
  c.finish();
  await flush();
  const done = first.runtime.checkpoint(id)!.done;
  expect(done[0][0]).toBeGreaterThan(0);
  await cp.flush();
  const checkpointed = first.runtime.get(id)!.runsDone;
  expect(checkpointed).toBe(b.job.to - b.job.from + c.job.to - c.job.from);
  // The page goes away with chunk a and whatever follows still running.
  void a;
  cp.stop();
  first.runtime.dispose();

  const second = make();
  const report = await restoreQueue(second.runtime, store);
  expect(report.problems).toEqual([]);
  expect(report.restored).toHaveLength(1);
  expect(report.runsResumed).toBe(checkpointed);
  const again = report.restored[0];
  expect(second.runtime.get(again)).toMatchObject({ runsDone: checkpointed });
  const firstSeenAt = (await store.list())[0].request.firstSeenAt;
  expect(report.firstSeen.get(again)).toBe(firstSeenAt);
  const cp2 = new Checkpointer(second.runtime, store, { intervalMs: 60_000, firstSeen: report.firstSeen });
  cp2.start();
  await cp2.flush();
  // Written again by the new page, with the original submission time kept.
  expect((await store.list())[0].request.firstSeenAt).toBe(firstSeenAt);
  await drain(second.fake);
  await flush(10);
  const final = await second.runtime.settled(again);
  expect(final).toMatchObject({ state: 'completed', runsDone: 5000 });
  expect(second.runtime.aggregate(again)).toEqual(simulate(FIXTURE_SCENARIO, 9, 5000));
  // No run that was checkpointed is run again.
  const rerun = second.fake.jobs.filter((j) => j.mode === 'lean');
  expect(rerun.reduce((sum, j) => sum + j.to - j.from, 0)).toBe(5000 - checkpointed);
  for (const j of rerun) for (const [from, to] of done) expect(j.to <= from || j.from >= to).toBe(true);
  await cp2.flush();
  expect(await store.count()).toBe(0);
});

test('cadence: progress is written at most every intervalMs, a pause at once, and a paused request comes back paused', async () => {
  const { store } = await freshCheckpoints();
  const clock = new ManualClock();
  const { fake, runtime } = make(clock, 1);
  const saved: number[] = [];
  const cp = new Checkpointer(runtime, store, { intervalMs: 2000, clock, onSaved: (_id, runs) => saved.push(runs) });
  cp.start();
  const id = runtime.submit(scenario, { seed: 3, runs: 3000 }, 'low');
  await flush();
  await store.settled();
  await flush();
  // Queued and started are state changes: written at once, with no runs yet.
  expect(saved.length).toBeGreaterThan(0);
  expect(saved.every((r) => r === 0)).toBe(true);
  saved.length = 0;
  fake.pending[0].finish();
  await flush();
  await store.settled();
  expect(saved).toEqual([]);
  clock.advance(2000);
  await store.settled();
  await flush();
  expect(saved).toEqual([runtime.get(id)!.runsDone]);
  runtime.pause(id);
  fake.pending[0].finishRespectingControl();
  await flush();
  await store.settled();
  await flush();
  expect(runtime.get(id)!.state).toBe('paused');
  expect(saved.at(-1)).toBe(runtime.get(id)!.runsDone);
  const paused = runtime.get(id)!.runsDone;
  cp.stop();
  runtime.dispose();

  const next = make();
  const report = await restoreQueue(next.runtime, store);
  const restored = next.runtime.get(report.restored[0])!;
  expect(restored).toMatchObject({ state: 'paused', pausedBy: 'user', runsDone: paused, priority: 'low' });
  await flush();
  expect(next.fake.pending).toHaveLength(0);
  next.runtime.resume(restored.id);
  await drain(next.fake);
  expect(next.runtime.aggregate(restored.id)).toEqual(simulate(FIXTURE_SCENARIO, 3, 3000));
});

test('a damaged checkpoint is reported and its request starts over; an ended request leaves no checkpoint', async () => {
  const { db, store } = await freshCheckpoints();
  const { fake, runtime } = make();
  const cp = new Checkpointer(runtime, store, { intervalMs: 60_000 });
  cp.start();
  const id = runtime.submit(scenario, { seed: 4, runs: 2000 });
  const other = runtime.submit(scenario, { seed: 5, runs: 200 });
  await flush();
  fake.pending[0].finish();
  await flush();
  await cp.flush();
  expect(await store.count()).toBe(2);
  runtime.cancel(other);
  await flush();
  await cp.flush();
  expect((await store.list()).map((c) => c.key)).toEqual([runtime.get(id)!.key]);
  cp.stop();
  runtime.dispose();
  const rec = (await db.get('checkpoints', runtime.get(id)!.key))!;
  rec.blob[rec.blob.length - 4] ^= 0xff;
  await db.put('checkpoints', rec);

  const next = make();
  const report = await restoreQueue(next.runtime, store);
  expect(report.problems).toHaveLength(1);
  expect(report.problems[0]).toMatch(/^The checkpoint of Fixture \(seed 4\) could not be read, so it starts over: the stored record is damaged/);
  expect(next.runtime.get(report.restored[0])!.runsDone).toBe(0);
  await drain(next.fake);
  expect(next.runtime.aggregate(report.restored[0])).toEqual(simulate(FIXTURE_SCENARIO, 4, 2000));
});

test('a checkpoint whose runs and aggregate disagree is not trusted', async () => {
  const { runtime, fake } = make();
  const key = jsonKey(FIXTURE_SCENARIO, { seed: 8, runs: 1000 }, ENGINE_VERSION);
  const agg = simulate(FIXTURE_SCENARIO, 8, 300);
  // Claims 400 runs done but holds 300: merging onto it would miscount.
  const id = runtime.restore({
    key, scenario, seed: 8, target: { kind: 'runs', runs: 1000 }, priority: 'normal', state: 'running', pausedBy: null,
    done: [[0, 400]], aggregate: agg, layout: compileScenario(FIXTURE_SCENARIO).layout, version: 1,
  });
  expect(runtime.get(id)!.runsDone).toBe(0);
  await drain(fake);
  expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 8, 1000));
});
