// Leader and followers over a real BroadcastChannel (Node's), with a small in-memory stand-in for
// navigator.locks (Node 20 has none) that grants one holder at a time in request order, as the
// browser does. The runtimes run real engine chunks through the fake executor; checkpoints live in
// fake-indexeddb, so a follower that takes over resumes the leader's work from them.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { ENGINE_VERSION, simulate } from '../engine/index.ts';
import { CheckpointStore } from '../storage/checkpoints.ts';
import { openDatabase } from '../storage/db.ts';
import { Checkpointer, restoreQueue, type PersistedProgress, type PersistedRequest } from './checkpointer.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { MemoryAnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { TabCoordinator, type LockManagerLike } from './tab-coordinator.ts';
import { drain, FakeExecutor, flush } from './testing/fake-executor.ts';
import { jsonKey } from './testing/keys.ts';
import type { RequestUpdate } from './types.ts';

class MemoryLocks implements LockManagerLike {
  private held = new Set<string>();
  private waiting = new Map<string, Array<() => void>>();

  async request(name: string, callback: (lock: unknown) => Promise<unknown>): Promise<unknown> {
    if (this.held.has(name)) await new Promise<void>((go) => this.waiting.set(name, [...(this.waiting.get(name) ?? []), go]));
    this.held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.held.delete(name);
      const next = this.waiting.get(name)?.shift();
      next?.();
    }
  }
}

const scenario = { name: 'Fixture', id: 'fixture', spec: FIXTURE_SCENARIO };
const coordinators: TabCoordinator[] = [];
afterEach(() => {
  for (const c of coordinators.splice(0)) c.dispose();
});

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let channelCount = 0;

/** A tab: a coordinator whose runtime (when it leads) uses its own fake executor, sharing the checkpoint store and result store. */
function tab(locks: LockManagerLike, channelName: string, shared: { checkpoints?: CheckpointStore<PersistedRequest, PersistedProgress>; results: MemoryAnswerCache }) {
  const fakes: FakeExecutor[] = [];
  const updates: RequestUpdate[] = [];
  const coordinator = new TabCoordinator({
    locks, channelName,
    createRuntime: (idPrefix) => {
      const fake = new FakeExecutor('shared', 4);
      fakes.push(fake);
      return new SimulationRuntime({
        executor: fake, keyOf: jsonKey, store: shared.results, idPrefix,
        config: { workerCount: 2, replayRepresentatives: false, chunkRuns: 300, progressUpdateIntervalMs: 0 },
      });
    },
    onLeader: async (runtime) => {
      if (!shared.checkpoints) return;
      await restoreQueue(runtime, shared.checkpoints);
      new Checkpointer(runtime, shared.checkpoints, { intervalMs: 60_000 }).start();
    },
  });
  coordinator.subscribe((u) => updates.push(u));
  coordinators.push(coordinator);
  const last = (id: string) => updates.filter((u) => u.requestId === id).at(-1);
  return { coordinator, fakes, updates, last };
}

/** Two tabs on one channel: the first has become the leader before the second opens. */
async function twoTabs(shared: Parameters<typeof tab>[2] = { results: new MemoryAnswerCache() }) {
  const locks = new MemoryLocks();
  const channel = `test-tabs-${++channelCount}`;
  const a = tab(locks, channel, shared);
  await a.coordinator.whenLeader();
  return { a, b: tab(locks, channel, shared) };
}

test('one leader runs; a follower forwards its submission, is deduplicated, and mirrors progress and the result', async () => {
  const { a, b } = await twoTabs();
  expect(a.coordinator.role).toBe('leader');
  expect(b.coordinator.role).toBe('follower');
  expect(b.fakes).toHaveLength(0);
  await until(() => b.coordinator.workerCount === 2, 'the follower to learn the leader\'s pool');

  const idA = a.coordinator.submit(scenario, { seed: 2, runs: 1200 }) as string;
  const idB = await b.coordinator.submit(scenario, { seed: 2, runs: 1200 });
  expect(idB).toBe(idA);
  expect(a.coordinator.localRuntime!.get(idA)!.submissions).toBe(2);
  // Bad settings are refused in the follower at once, with the leader's words.
  expect(() => b.coordinator.submit(scenario, { seed: 2, runs: 0 })).toThrow('runs: must be a whole number from 1 to 100,000,000, got 0');

  await drain(a.fakes[0]);
  await until(() => b.last(idA)?.type === 'completed', 'the follower to see the result');
  const mirrored = b.last(idA)!;
  expect(mirrored.snapshot).toMatchObject({ state: 'completed', runsDone: 1200, submissions: 2 });
  expect(mirrored.aggregate).toEqual(simulate(FIXTURE_SCENARIO, 2, 1200));
  expect(b.updates.some((u) => u.requestId === idA && u.type === 'progress')).toBe(true);
  // Run once: every run was simulated once, in the leader.
  expect(a.coordinator.stats().runsSimulated).toBe(1200);
  expect(b.coordinator.stats().runsSimulated).toBe(1200);
});

test('a follower sees the leader\'s updates in the leader\'s order, sent after the leader\'s own', async () => {
  const { a, b } = await twoTabs();
  await until(() => b.coordinator.workerCount === 2, 'the follower to learn the leader\'s pool');
  const idA = a.coordinator.submit(scenario, { seed: 4, runs: 900 }) as string;
  // The leader's listeners have its update at once.
  expect(a.updates.filter((u) => u.requestId === idA).map((u) => u.type)).toEqual(['queued']);
  const idB = await b.coordinator.submit(scenario, { seed: 5, runs: 900 });
  expect(b.updates.some((u) => u.requestId === idB)).toBe(true);
  await drain(a.fakes[0]);
  await until(() => b.last(idA)?.type === 'completed' && b.last(idB)?.type === 'completed', 'the follower to see both results');
  const seen = (tabUpdates: RequestUpdate[]) => tabUpdates.filter((u) => u.requestId === idA || u.requestId === idB).map((u) => `${u.requestId} ${u.type} ${u.snapshot.runsDone}`);
  expect(seen(b.updates)).toEqual(seen(a.updates));
});

test('a follower\'s pause and cancel reach the leader', async () => {
  const { a, b } = await twoTabs();
  const id = await b.coordinator.submit(scenario, { seed: 3, runs: 5000 });
  await flush();
  b.coordinator.pause(id);
  await until(() => a.coordinator.localRuntime!.get(id)!.state === 'paused' || a.fakes[0].pending.some((c) => c.control !== 0), 'the pause to arrive');
  for (const c of a.fakes[0].pending) c.finishRespectingControl();
  await until(() => b.last(id)?.snapshot.state === 'paused', 'the follower to see the pause');
  b.coordinator.cancel(id);
  await until(() => b.last(id)?.snapshot.state === 'cancelled', 'the follower to see the cancel');
});

test('when the leader goes, a follower takes over and resumes from the checkpoints to the exact aggregate', async () => {
  const db = await openDatabase(`tabs-${Date.now()}`);
  const shared = { results: new MemoryAnswerCache(), checkpoints: new CheckpointStore<PersistedRequest, PersistedProgress>(db, ENGINE_VERSION) };
  const { a, b } = await twoTabs(shared);
  const id = a.coordinator.submit(scenario, { seed: 7, runs: 3000 }) as string;
  await flush();
  a.fakes[0].pending[0].finish();
  await flush();
  const runtimeA = a.coordinator.localRuntime!;
  const doneBefore = runtimeA.get(id)!.runsDone;
  expect(doneBefore).toBeGreaterThan(0);
  runtimeA.pause(id);
  for (const c of a.fakes[0].pending) c.finishRespectingControl();
  await flush();
  await shared.checkpoints.settled();
  runtimeA.resume(id);
  await until(() => b.last(id) !== undefined, 'the follower to mirror the request');
  // A submission made by the follower while the leader is leaving must not be lost.
  const pendingSubmit = b.coordinator.submit(scenario, { seed: 8, runs: 600 });
  a.coordinator.dispose();

  await b.coordinator.whenLeader();
  expect(b.coordinator.role).toBe('leader');
  const runtimeB = b.coordinator.localRuntime!;
  const resumed = runtimeB.list().find((s) => s.seed === 7)!;
  expect(resumed.runsDone).toBeGreaterThanOrEqual(doneBefore);
  // The old leader's request left the follower's view; the resumed one replaces it.
  expect(b.last(id)?.type).toBe('removed');
  const newId = await pendingSubmit;
  expect(runtimeB.get(newId)!.seed).toBe(8);
  await drain(b.fakes[0]);
  expect((await runtimeB.settled(resumed.id)).state).toBe('completed');
  expect(runtimeB.aggregate(resumed.id)).toEqual(simulate(FIXTURE_SCENARIO, 7, 3000));
  expect(runtimeB.stats().runsSimulated).toBe(3000 - resumed.runsDone + 600);
});

test('a scenario opened before the tab leads warms the workers of its runtime once it does; a follower warms nothing', async () => {
  const locks = new MemoryLocks();
  const channelName = `warm-${++channelCount}`;
  const a = tab(locks, channelName, { results: new MemoryAnswerCache() });
  // Opened at once, before the tab has finished taking the lead: no worker to warm yet.
  a.coordinator.warmFor(FIXTURE_SCENARIO);
  expect(a.fakes.flatMap((f) => f.workers)).toHaveLength(0);
  await a.coordinator.whenLeader();
  expect(a.fakes[0].workers.map((w) => w.warmSpecs)).toEqual([[FIXTURE_SCENARIO], [FIXTURE_SCENARIO]]);
  const b = tab(locks, channelName, { results: new MemoryAnswerCache() });
  await flush();
  b.coordinator.warmFor(FIXTURE_SCENARIO);
  expect(b.fakes).toHaveLength(0);
});
