// The scheduler's logic with a fake executor: chunks wait until the test finishes them (computed
// with the real engine), so order, priorities, dedup, preemption, precision targets, retries and
// progress throttling are checked step by step, with a manual clock where time matters.
import { afterEach, describe, expect, test } from 'vitest';
import { simulate, type ScenarioSpec } from '../engine/index.ts';
import { CONTROL_CANCEL, CONTROL_PAUSE } from './board.ts';
import { ManualClock } from './clock.ts';
import type { RuntimeConfigInput } from './config.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { MemoryAnswerCache, type AnswerCache, type RunResultRecord } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { victoryHalfWidth } from './settings.ts';
import { drain, FakeExecutor, flush } from './testing/fake-executor.ts';
import { jsonKey } from './testing/keys.ts';
import { answerFinal, type ChunkJob, type RequestUpdate, type UpdateType } from './types.ts';

const scenario = { name: 'Fixture', spec: FIXTURE_SCENARIO };
const runtimes: SimulationRuntime[] = [];

function make(options: { workers?: number; mode?: 'shared' | 'message'; config?: RuntimeConfigInput; store?: AnswerCache | null; clock?: ManualClock } = {}) {
  const fake = new FakeExecutor(options.mode ?? 'shared', 8);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: jsonKey, store: options.store === undefined ? new MemoryAnswerCache() : options.store, clock: options.clock,
    config: { workerCount: options.workers ?? 2, replayRepresentatives: false, ...options.config },
  });
  runtimes.push(runtime);
  const updates: RequestUpdate[] = [];
  runtime.subscribe((u) => updates.push(u));
  const types = (id: string) => updates.filter((u) => u.requestId === id).map((u) => u.type);
  return { fake, runtime, updates, types };
}

afterEach(() => {
  for (const r of runtimes.splice(0)) r.dispose();
});

/** Asserts that the chunks of one request tile [0, runs) with no overlap (retries excepted). */
function covered(jobs: ChunkJob[], id: string): Array<[number, number]> {
  return jobs.filter((j) => j.requestId === id && j.mode === 'lean').map((j) => [j.from, j.to] as [number, number]).sort((a, b) => a[0] - b[0]);
}

describe('a request runs to completion', () => {
  test('its chunks are spread over every worker and merge into exactly the uninterrupted aggregate', async () => {
    const { fake, runtime, types } = make({ workers: 3 });
    const id = runtime.submit(scenario, { seed: 11, runs: 4000 }, 'normal');
    await flush();
    // One request, three free workers: all three get a chunk at once.
    expect(fake.pending.map((c) => c.job.requestId)).toEqual([id, id, id]);
    await drain(fake);
    const snap = runtime.get(id)!;
    expect(snap.state).toBe('completed');
    expect(snap.runsDone).toBe(4000);
    expect(snap.fraction).toBe(1);
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 11, 4000));
    const ranges = covered(fake.jobs, id);
    expect(ranges[0][0]).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
    expect(ranges.at(-1)![1]).toBe(4000);
    expect(types(id)).toEqual(expect.arrayContaining(['queued', 'started', 'progress', 'completed']));
    expect(types(id).at(-1)).toBe('completed');
  });

  test('small first chunks, then each worker\'s fair share of what is left: the request ends in one more chunk per worker', async () => {
    const { fake, runtime } = make({ workers: 2 });
    const id = runtime.submit(scenario, { seed: 12, runs: 10_000 }, 'normal');
    await flush();
    // Each worker's chunk takes as long as its runs need: 50 runs per millisecond.
    while (fake.pending.length > 0) {
      for (const c of fake.pending) c.finish(c.job.to, (c.job.to - c.job.from) / 50);
      await flush();
    }
    // The first answer's 500 runs split over both workers; then, the speed known, the rest in two
    // halves, not ever smaller pieces.
    expect(covered(fake.jobs, id)).toEqual([[0, 250], [250, 500], [500, 5375], [5375, 10_000]]);
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 12, 10_000));
  });

  test('every free worker has its first chunk before listeners hear that the request started', async () => {
    const { fake, runtime } = make({ workers: 2 });
    const chunksWhenStarted: number[] = [];
    runtime.subscribe((u) => {
      if (u.type === 'started') chunksWhenStarted.push(fake.pending.length);
    });
    const id = runtime.submit(scenario, { seed: 14, runs: 2000 }, 'normal');
    await flush();
    expect(chunksWhenStarted).toEqual([2]);
    await drain(fake);
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 14, 2000));
  });

  test('the first chunks go out before what a listener of the queued update schedules (a page render)', async () => {
    const { fake, runtime } = make({ workers: 2 });
    const chunksSeenLater: number[] = [];
    runtime.subscribe((u) => {
      if (u.type === 'queued') queueMicrotask(() => chunksSeenLater.push(fake.pending.length));
    });
    runtime.submit(scenario, { seed: 15, runs: 2000 }, 'normal');
    await flush();
    expect(chunksSeenLater).toEqual([2]);
    await drain(fake);
  });

  test('with a store that reads from disk, the first chunks are with the workers when submit returns, before a click\'s render', async () => {
    const store = new DiskStore();
    const { fake, runtime, types } = make({ workers: 2, store });
    // What listeners do with the first update (the page's store, other tabs) comes after the chunks.
    const chunksWhenQueued: number[] = [];
    runtime.subscribe((u) => {
      if (u.type === 'queued') chunksWhenQueued.push(fake.pending.length);
    });
    const id = runtime.submit(scenario, { seed: 16, runs: 2000 }, 'normal');
    // Synchronously: React renders what a click changed before any microtask runs.
    expect(fake.pending.map((c) => c.job.requestId)).toEqual([id, id]);
    expect(chunksWhenQueued).toEqual([2]);
    expect(types(id)).toEqual(['queued', 'started']);
    store.answer();
    await drain(fake);
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 16, 2000));
  });

  test('the scenario is compiled once per worker and released when the request ends', async () => {
    const { fake, runtime } = make({ workers: 2 });
    const id = runtime.submit(scenario, { seed: 1, runs: 3000 }, 'normal');
    await flush();
    expect(fake.workers.every((w) => w.preparedIds.includes(id))).toBe(true);
    await drain(fake);
    expect(fake.workers.map((w) => w.preparedIds)).toEqual([[], []]);
  });

  test('settled() resolves with the final snapshot', async () => {
    const { fake, runtime } = make();
    const id = runtime.submit(scenario, { seed: 2, runs: 100 });
    const done = runtime.settled(id);
    await drain(fake);
    await expect(done).resolves.toMatchObject({ id, state: 'completed', runsDone: 100 });
  });

  test('representative runs are replayed with a full log after simulating', async () => {
    const { fake, runtime, updates } = make({ config: { replayRepresentatives: true } });
    const id = runtime.submit(scenario, { seed: 3, runs: 600 });
    await drain(fake);
    const replayJobs = fake.jobs.filter((j) => j.mode === 'full');
    // One job per worker (two here), not a round trip per replayed run.
    expect(replayJobs.length).toBe(2);
    const replays = runtime.replays(id);
    const jobRuns = replayJobs.flatMap((j) => j.runs!.slice(j.from, j.to));
    expect(jobRuns.length).toBeGreaterThan(2);
    expect(jobRuns).toEqual(replays.map((r) => r.run));
    expect(new Set(jobRuns).size).toBe(jobRuns.length);
    expect(replays.flatMap((r) => r.labels)).toEqual(expect.arrayContaining(['worst', 'best', 'p50']));
    expect(updates.some((u) => u.requestId === id && u.phase === 'replaying')).toBe(true);
    // Replays are run again, never merged: the aggregate still holds each run once.
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 3, 600));
  });
});

describe('replays in one job per worker, the answer final before them', () => {
  test('a replay job paused halfway goes on with exactly the runs it had not replayed', async () => {
    const { fake, runtime } = make({ workers: 1, config: { replayRepresentatives: true } });
    const id = runtime.submit(scenario, { seed: 3, runs: 600 });
    await flush();
    while (fake.pending.length > 0 && fake.pending[0].job.mode === 'lean') {
      fake.pending[0].finish();
      await flush();
    }
    const job = fake.pending[0].job;
    expect(job.mode).toBe('full');
    expect([job.from, job.to]).toEqual([0, job.runs!.length]);
    runtime.pause(id);
    fake.pending[0].finishRespectingControl();
    await flush();
    expect(runtime.get(id)!.state).toBe('paused');
    runtime.resume(id);
    await drain(fake);
    const fullJobs = fake.jobs.filter((j) => j.mode === 'full');
    expect(fullJobs.length).toBe(2);
    const half = Math.floor(job.runs!.length / 2);
    expect([fullJobs[1].from, fullJobs[1].to]).toEqual([half, job.runs!.length]);
    expect(runtime.replays(id).map((r) => r.run)).toEqual(job.runs);
  });

  test('every run merged: the answer is final while its replays and storing are still to come', async () => {
    const { fake, runtime, updates } = make({ workers: 1, config: { replayRepresentatives: true } });
    const id = runtime.submit(scenario, { seed: 4, runs: 300 });
    await drain(fake);
    const mine = updates.filter((u) => u.requestId === id);
    const firstFinal = mine.findIndex((u) => answerFinal(u.snapshot));
    expect(mine[firstFinal].snapshot.phase).toBe('replaying');
    expect(mine[firstFinal].aggregate).toEqual(simulate(FIXTURE_SCENARIO, 4, 300));
    // Before it, no update called an answer with runs still to come final.
    expect(mine.slice(0, firstFinal).every((u) => u.snapshot.phase === 'queued' || u.snapshot.phase === 'simulating')).toBe(true);
    expect(answerFinal({ state: 'cancelled', phase: 'replaying' })).toBe(false);
    expect(answerFinal({ state: 'running', phase: 'simulating' })).toBe(false);
  });
});

describe('queue and priorities', () => {
  test('most urgent first, first come first served within a priority', async () => {
    const { fake, runtime } = make({ workers: 1 });
    const blocker = runtime.submit(scenario, { seed: 100, runs: 50 }, 'low');
    await flush();
    const a = runtime.submit(scenario, { seed: 1, runs: 50 }, 'normal');
    const b = runtime.submit(scenario, { seed: 2, runs: 50 }, 'low');
    const c = runtime.submit(scenario, { seed: 3, runs: 50 }, 'normal');
    const d = runtime.submit(scenario, { seed: 4, runs: 50 }, 'normal');
    await drain(fake);
    const order = [...new Set(fake.jobs.map((j) => j.requestId))];
    expect(order).toEqual([blocker, a, c, d, b]);
    expect(runtime.list().every((s) => s.state === 'completed')).toBe(true);
  });

  test('past the capacity, submit fails with "queue full"; finished requests free room', async () => {
    const { fake, runtime } = make({ workers: 1, config: { queueCapacity: 2 } });
    runtime.submit(scenario, { seed: 1, runs: 10 });
    runtime.submit(scenario, { seed: 2, runs: 10 });
    expect(() => runtime.submit(scenario, { seed: 3, runs: 10 })).toThrow(/queue is full.*2 requests/i);
    // A duplicate is not a new request, so it is accepted at capacity.
    expect(() => runtime.submit(scenario, { seed: 2, runs: 10 })).not.toThrow();
    await drain(fake);
    expect(() => runtime.submit(scenario, { seed: 3, runs: 10 })).not.toThrow();
  });

  test('bad settings and priorities are refused with the field and the value', () => {
    const { runtime } = make();
    expect(() => runtime.submit(scenario, { seed: -1, runs: 10 })).toThrow('seed: must be a whole number from 0 to 4,294,967,295, got -1');
    expect(() => runtime.submit(scenario, { seed: 1, runs: 0 })).toThrow('runs: must be a whole number from 1 to 100,000,000, got 0');
    expect(() => runtime.submit(scenario, { seed: 1, precision: { halfWidth: 2, maxRuns: 10 } })).toThrow(/precision.halfWidth.*got 2/);
    expect(() => runtime.submit(scenario, { seed: 1, runs: 10 }, 'urgent' as never)).toThrow('priority: must be one of low, normal, high, critical, got "urgent"');
  });
});

describe('dedup', () => {
  test('the same key while queued or running returns the existing request, raised to the higher priority, and runs once', async () => {
    const { fake, runtime, types } = make({ workers: 1 });
    const first = runtime.submit(scenario, { seed: 9, runs: 1500 }, 'low');
    await flush();
    const second = runtime.submit(scenario, { seed: 9, runs: 1500 }, 'high');
    expect(second).toBe(first);
    const snap = runtime.get(first)!;
    expect(snap.priority).toBe('high');
    expect(snap.submissions).toBe(2);
    expect(types(first)).toContain('changed');
    // Lowering is not what a duplicate does.
    runtime.submit(scenario, { seed: 9, runs: 1500 }, 'low');
    expect(runtime.get(first)!.priority).toBe('high');
    await drain(fake);
    expect(runtime.list()).toHaveLength(1);
    expect(fake.jobs.reduce((n, j) => n + j.to - j.from, 0)).toBe(1500);
    expect(runtime.stats().runsSimulated).toBe(1500);
  });

  test('a different seed or run count is a different request', () => {
    const { runtime } = make();
    const a = runtime.submit(scenario, { seed: 1, runs: 100 });
    expect(runtime.submit(scenario, { seed: 2, runs: 100 })).not.toBe(a);
    expect(runtime.submit(scenario, { seed: 1, runs: 101 })).not.toBe(a);
  });

  test('a stored result is the answer without running', async () => {
    const store = new MemoryAnswerCache();
    const { fake, runtime, types } = make({ store });
    const first = runtime.submit(scenario, { seed: 4, runs: 800 });
    await drain(fake);
    expect(store.size).toBe(1);
    const jobsBefore = fake.jobs.length;
    const again = runtime.submit(scenario, { seed: 4, runs: 800 });
    expect(again).not.toBe(first);
    await flush();
    expect(fake.jobs.length).toBe(jobsBefore);
    const snap = runtime.get(again)!;
    expect(snap).toMatchObject({ state: 'completed', fromStore: true, runsDone: 800 });
    expect(runtime.aggregate(again)).toEqual(runtime.aggregate(first));
    expect(types(again)).toEqual(['queued', 'completed']);
  });

  test('a stored result short of the asked precision is continued from where it ends, not redone', async () => {
    const store = new MemoryAnswerCache();
    const { fake, runtime } = make({ store });
    const loose = runtime.submit(scenario, { seed: 6, precision: { halfWidth: 0.05, maxRuns: 20_000 } });
    await drain(fake);
    const looseRuns = runtime.get(loose)!.runsDone;
    expect(looseRuns).toBeLessThan(20_000);
    const tight = runtime.submit(scenario, { seed: 6, precision: { halfWidth: 0.02, maxRuns: 20_000 } });
    await flush();
    expect(fake.pending.every((c) => c.job.from >= looseRuns)).toBe(true);
    await drain(fake);
    const snap = runtime.get(tight)!;
    expect(snap.state).toBe('completed');
    expect(snap.runsDone).toBeGreaterThan(looseRuns);
    expect(runtime.aggregate(tight)).toEqual(simulate(FIXTURE_SCENARIO, 6, snap.runsDone));
  });
});

/** A store whose lookups wait until the test lets them answer, as a slow IndexedDB would. */
class SlowStore extends MemoryAnswerCache {
  private readonly gates: Array<() => void> = [];
  override async find(key: string) {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return super.find(key);
  }
  answer(): void {
    for (const open of this.gates.splice(0)) open();
  }
}

/** A slow store whose lookups need more than this turn (IndexedDB's do), so the first chunks do not wait for them. */
class DiskStore extends SlowStore {
  override readonly answersInMemory = false;
}

/** A slow store that answers every lookup with the last result saved: a shorter run of the same seed. */
class ShortResultStore extends SlowStore {
  private last: RunResultRecord | null = null;
  override async save(_scenarioId: string, result: RunResultRecord) {
    this.last = structuredClone(result);
  }
  override async find(key: string) {
    await super.find(key);
    return this.last && structuredClone(this.last);
  }
}

describe('chunks start while the store is still looking', () => {
  test('the store answers: what ran meanwhile is thrown away and the stored answer is the result, exactly', async () => {
    const store = new SlowStore();
    const { fake, runtime } = make({ store });
    runtime.submit(scenario, { seed: 31, runs: 1200 });
    store.answer();
    await drain(fake);
    const jobsBefore = fake.jobs.length;
    const again = runtime.submit(scenario, { seed: 31, runs: 1200 });
    await flush();
    // Not held back by the lookup: both workers have a chunk of the new request.
    expect(fake.pending.map((c) => c.job.requestId)).toEqual([again, again]);
    fake.pending[0].finish();
    await flush();
    store.answer();
    await flush();
    // Chunks still running when the store answers are told to stop.
    expect(fake.pending.length).toBe(2);
    expect(fake.pending.every((c) => c.control === CONTROL_CANCEL)).toBe(true);
    for (const c of fake.pending) c.finish();
    await drain(fake);
    const snap = runtime.get(again)!;
    expect(snap).toMatchObject({ state: 'completed', fromStore: true, runsDone: 1200 });
    expect(runtime.aggregate(again)).toEqual(simulate(FIXTURE_SCENARIO, 31, 1200));
    // The two first chunks and the one worker 0 took after finishing its first; none after the answer.
    expect(fake.jobs.length).toBe(jobsBefore + 3);
  });

  test('every run done before the store answers: the request waits for it and is reported as answered from the store', async () => {
    const store = new SlowStore();
    const { fake, runtime } = make({ store });
    runtime.submit(scenario, { seed: 33, runs: 800 });
    store.answer();
    await drain(fake);
    const again = runtime.submit(scenario, { seed: 33, runs: 800 });
    await drain(fake);
    // All 800 runs are merged, but the request is not complete until the store has said.
    expect(runtime.get(again)).toMatchObject({ state: 'running', runsDone: 800 });
    store.answer();
    await flush();
    expect(runtime.get(again)).toMatchObject({ state: 'completed', fromStore: true, runsDone: 800 });
    expect(runtime.aggregate(again)).toEqual(simulate(FIXTURE_SCENARIO, 33, 800));
  });

  test('a lookup that never answers holds a finished request only for a while; it then completes with its own runs', async () => {
    const store = new SlowStore();
    const clock = new ManualClock();
    const { fake, runtime } = make({ store, clock });
    const id = runtime.submit(scenario, { seed: 34, runs: 800 });
    await drain(fake);
    expect(runtime.get(id)!.state).toBe('running');
    clock.advance(1999);
    await flush();
    expect(runtime.get(id)!.state).toBe('running');
    clock.advance(1);
    await flush();
    expect(runtime.get(id)).toMatchObject({ state: 'completed', fromStore: false, runsDone: 800 });
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 34, 800));
  });

  test('the store has nothing: the chunks that ran meanwhile count, none is run twice', async () => {
    const store = new SlowStore();
    const { fake, runtime } = make({ store });
    const id = runtime.submit(scenario, { seed: 32, runs: 3000 });
    await flush();
    expect(fake.pending.length).toBe(2);
    for (const c of fake.pending) c.finish();
    await flush();
    store.answer();
    await drain(fake);
    expect(runtime.get(id)).toMatchObject({ state: 'completed', fromStore: false, runsDone: 3000 });
    const ranges = covered(fake.jobs, id);
    expect(ranges[0]).toEqual([0, 250]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
    expect(ranges.at(-1)![1]).toBe(3000);
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 32, 3000));
  });

  test('a stored result short of the target replaces the runs so far when none is merged yet, and is continued', async () => {
    const store = new ShortResultStore();
    const { fake, runtime } = make({ store });
    runtime.submit(scenario, { seed: 33, runs: 1000 });
    store.answer();
    await drain(fake);
    const more = runtime.submit(scenario, { seed: 33, runs: 4000 });
    await flush();
    expect(fake.pending.length).toBe(2);
    store.answer();
    await flush();
    await drain(fake);
    expect(runtime.get(more)).toMatchObject({ state: 'completed', runsDone: 4000 });
    expect(runtime.aggregate(more)).toEqual(simulate(FIXTURE_SCENARIO, 33, 4000));
    // After the stored 1,000 runs, the chunks go on from run 1,000.
    const after = fake.jobs.filter((j) => j.requestId === more && j.mode === 'lean').slice(2);
    expect(Math.min(...after.map((j) => j.from))).toBe(1000);
  });
});

describe('warming on the scenario opened', () => {
  test('every idle worker warms on it; not while a request waits or runs, whose own runs warm the engine', async () => {
    const { fake, runtime } = make({ workers: 2 });
    runtime.warmFor(FIXTURE_SCENARIO);
    expect(fake.workers.map((w) => w.warmSpecs)).toEqual([[FIXTURE_SCENARIO], [FIXTURE_SCENARIO]]);
    const id = runtime.submit(scenario, { seed: 24, runs: 2000 });
    runtime.warmFor(FIXTURE_SCENARIO);
    await flush();
    expect(fake.workers.map((w) => w.warmSpecs.length)).toEqual([1, 1]);
    await drain(fake);
    expect(runtime.get(id)!.state).toBe('completed');
    runtime.warmFor(FIXTURE_SCENARIO);
    expect(fake.workers.map((w) => w.warmSpecs.length)).toEqual([2, 2]);
  });
});

describe('preemption', () => {
  test('a Critical request pauses Low work that holds every worker; the Low one resumes and ends exact', async () => {
    const { fake, runtime, types } = make({ workers: 2 });
    const low = runtime.submit(scenario, { seed: 21, runs: 6000 }, 'low');
    await flush();
    // Some of the low request done before the urgent one arrives.
    for (const c of fake.pending) c.finish();
    await flush();
    expect(fake.pending.map((c) => c.job.requestId)).toEqual([low, low]);
    const jobsBeforeCritical = fake.jobs.length;
    const critical = runtime.submit(scenario, { seed: 22, runs: 1000 }, 'critical');
    await flush();
    expect(fake.pending.map((c) => c.control)).toEqual([CONTROL_PAUSE, CONTROL_PAUSE]);
    // The low chunks stop partway at their next check, keeping what they finished.
    for (const c of fake.pending) c.finishRespectingControl();
    await flush();
    expect(runtime.get(low)).toMatchObject({ state: 'paused', pausedBy: 'preempted' });
    expect(fake.pending.map((c) => c.job.requestId)).toEqual([critical, critical]);
    await drain(fake);
    expect(runtime.get(critical)!.state).toBe('completed');
    expect(runtime.get(low)!.state).toBe('completed');
    expect(types(low)).toEqual(expect.arrayContaining(['paused', 'resumed', 'completed']));
    expect(runtime.aggregate(low)).toEqual(simulate(FIXTURE_SCENARIO, 21, 6000));
    // After the critical request arrived: all its chunks, then the low one's again.
    const after = fake.jobs.slice(jobsBeforeCritical).map((j) => j.requestId);
    const firstLow = after.indexOf(low);
    expect(firstLow).toBeGreaterThan(0);
    expect(after.slice(0, firstLow).every((x) => x === critical)).toBe(true);
    expect(after.slice(firstLow).every((x) => x === low)).toBe(true);
  });

  test('Normal work does not preempt, and no preemption while a worker runs work of equal or higher priority', async () => {
    const { fake, runtime } = make({ workers: 2 });
    runtime.submit(scenario, { seed: 1, runs: 5000 }, 'low');
    await flush();
    runtime.submit(scenario, { seed: 2, runs: 500 }, 'normal');
    await flush();
    expect(fake.pending.every((c) => c.control === 0)).toBe(true);
    await drain(fake);

    const { fake: fake2, runtime: rt2 } = make({ workers: 2 });
    const high = rt2.submit(scenario, { seed: 3, runs: 50 }, 'high');
    rt2.submit(scenario, { seed: 4, runs: 5000 }, 'low');
    await flush();
    expect(fake2.pending.map((c) => c.job.requestId)).toContain(high);
    rt2.submit(scenario, { seed: 5, runs: 500 }, 'high');
    await flush();
    expect(fake2.pending.every((c) => c.control === 0)).toBe(true);
  });
});

describe('pause, resume and cancel', () => {
  test('pause stops at the next check keeping the finished runs; nothing runs while paused; resume ends exact', async () => {
    const { fake, runtime, types } = make({ workers: 2 });
    const id = runtime.submit(scenario, { seed: 31, runs: 5000 });
    await flush();
    expect(runtime.pause(id)).toBe(true);
    expect(fake.pending.every((c) => c.control === CONTROL_PAUSE)).toBe(true);
    for (const c of fake.pending) c.finishRespectingControl();
    await flush();
    const paused = runtime.get(id)!;
    expect(paused).toMatchObject({ state: 'paused', pausedBy: 'user' });
    expect(paused.runsDone).toBeGreaterThan(0);
    expect(paused.runsDone).toBeLessThan(5000);
    expect(fake.pending).toHaveLength(0);
    expect(runtime.resume(id)).toBe(true);
    await drain(fake);
    expect(runtime.get(id)!.state).toBe('completed');
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 31, 5000));
    expect(types(id)).toEqual(expect.arrayContaining(['paused', 'resumed']));
  });

  test('cancel stops running chunks, keeps what they finished, and issues nothing more', async () => {
    const { fake, runtime, types } = make({ workers: 2 });
    const id = runtime.submit(scenario, { seed: 32, runs: 50_000 });
    await flush();
    const jobs = fake.jobs.length;
    expect(runtime.cancel(id)).toBe(true);
    expect(fake.pending.every((c) => c.control === CONTROL_CANCEL)).toBe(true);
    for (const c of fake.pending) c.finishRespectingControl();
    await flush();
    const snap = runtime.get(id)!;
    expect(snap.state).toBe('cancelled');
    expect(fake.jobs.length).toBe(jobs);
    expect(types(id).at(-1)).toBe('cancelled');
    expect(runtime.cancel(id)).toBe(false);
    expect(runtime.stats().busyWorkers).toBe(0);
  });

  test('asking again for a request that is being cancelled starts a new one, which completes exactly', async () => {
    const { fake, runtime } = make({ workers: 2 });
    const old = runtime.submit(scenario, { seed: 33, runs: 3000 });
    await flush();
    expect(runtime.cancel(old)).toBe(true);
    const again = runtime.submit(scenario, { seed: 33, runs: 3000 });
    expect(again).not.toBe(old);
    // The key now belongs to the new request: a third ask joins it.
    expect(runtime.submit(scenario, { seed: 33, runs: 3000 })).toBe(again);
    await drain(fake);
    expect(runtime.get(old)!.state).toBe('cancelled');
    expect(runtime.get(again)!.state).toBe('completed');
    expect(runtime.get(again)!.submissions).toBe(2);
    expect(runtime.aggregate(again)).toEqual(simulate(FIXTURE_SCENARIO, 33, 3000));
  });

  test('a queued request cancels at once', () => {
    const { runtime } = make({ workers: 1 });
    runtime.submit(scenario, { seed: 1, runs: 100 });
    const queued = runtime.submit(scenario, { seed: 2, runs: 100 });
    expect(runtime.cancel(queued)).toBe(true);
    expect(runtime.get(queued)!.state).toBe('cancelled');
  });

  test('in message mode the control word reaches the worker as a message', async () => {
    const { fake, runtime } = make({ workers: 1, mode: 'message' });
    const id = runtime.submit(scenario, { seed: 33, runs: 5000 });
    await flush();
    runtime.pause(id);
    expect(fake.workers[0].controlMessages.at(-1)?.[1]).toBe(CONTROL_PAUSE);
    for (const c of fake.pending) c.finishRespectingControl();
    await flush();
    expect(runtime.get(id)!.state).toBe('paused');
    runtime.resume(id);
    await drain(fake);
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 33, 5000));
  });
});

describe('precision targets', () => {
  test('chunks are issued until the 95% interval on victory is narrow enough; the result is an exact prefix', async () => {
    const { fake, runtime } = make({ workers: 3 });
    const id = runtime.submit(scenario, { seed: 41, precision: { halfWidth: 0.015, maxRuns: 200_000 } });
    await drain(fake);
    const snap = runtime.get(id)!;
    expect(snap.state).toBe('completed');
    expect(snap.runsDone).toBeLessThan(200_000);
    const agg = runtime.aggregate(id)!;
    expect(victoryHalfWidth(agg.dayVictory, agg.runs)).toBeLessThanOrEqual(0.015);
    expect(agg).toEqual(simulate(FIXTURE_SCENARIO, 41, snap.runsDone));
  });

  test('the maximum run count ends a target that cannot be met', async () => {
    const { fake, runtime } = make();
    const id = runtime.submit(scenario, { seed: 42, precision: { halfWidth: 0.0001, maxRuns: 2500 } });
    await drain(fake);
    expect(runtime.get(id)).toMatchObject({ state: 'completed', runsDone: 2500 });
  });

  test('a duplicate with a fixed run count tightens a precision request to the full count', async () => {
    const { fake, runtime } = make({ workers: 1 });
    const id = runtime.submit(scenario, { seed: 43, precision: { halfWidth: 0.05, maxRuns: 3000 } });
    expect(runtime.submit(scenario, { seed: 43, runs: 3000 })).toBe(id);
    await drain(fake);
    expect(runtime.get(id)!.runsDone).toBe(3000);
  });
});

describe('failures', () => {
  test('an engine error fails the request with the engine\'s own message', async () => {
    const bad: ScenarioSpec = structuredClone(FIXTURE_SCENARIO);
    (bad.party[0].actions[0] as { attacks: Array<{ damage: string }> }).attacks[0].damage = '2d';
    const { fake, runtime } = make();
    const id = runtime.submit({ name: 'Bad', spec: bad }, { seed: 1, runs: 100 });
    await drain(fake);
    const snap = runtime.get(id)!;
    expect(snap.state).toBe('failed');
    expect(snap.error).toMatch(/^party\[0\]\.actions\[0\]\.attacks\[0\]\.damage: /);
  });

  test('a worker that dies is replaced and its chunk retried once; the aggregate stays exact', async () => {
    const { fake, runtime } = make({ workers: 2 });
    const id = runtime.submit(scenario, { seed: 51, runs: 4000 });
    await flush();
    const victim = fake.pending[0];
    victim.worker.die('out of memory');
    await drain(fake);
    expect(runtime.get(id)!.state).toBe('completed');
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 51, 4000));
    expect(runtime.stats().workerRestarts).toBe(1);
    expect(fake.workers).toHaveLength(3);
    // The lost range was run again, as one chunk.
    expect(fake.jobs.filter((j) => j.from === victim.job.from && j.to === victim.job.to)).toHaveLength(2);
  });

  test('a chunk lost twice fails the request with a readable reason', async () => {
    const { fake, runtime } = make({ workers: 1 });
    const id = runtime.submit(scenario, { seed: 52, runs: 100 });
    await flush();
    fake.pending[0].worker.die('worker thread stopped with exit code 1');
    await flush();
    fake.pending[0].worker.die('worker thread stopped with exit code 1');
    await flush();
    const snap = runtime.get(id)!;
    expect(snap.state).toBe('failed');
    expect(snap.error).toBe('A simulation worker was lost twice while running runs 0 to 99, so the request was stopped rather than trust a broken worker. Last cause: worker thread stopped with exit code 1');
  });

  test('a lost chunk of one run is named as that run, not as a range ending before it starts', async () => {
    const { fake, runtime } = make({ workers: 1 });
    const id = runtime.submit(scenario, { seed: 54, runs: 1 });
    await flush();
    fake.pending[0].worker.die('worker stopped');
    await flush();
    fake.pending[0].worker.die('worker stopped');
    await flush();
    expect(runtime.get(id)!.error).toBe('A simulation worker was lost twice while running run 0, so the request was stopped rather than trust a broken worker. Last cause: worker stopped');
  });

  test('a chunk that hangs past the timeout is treated like a dead worker', async () => {
    const clock = new ManualClock();
    const { fake, runtime } = make({ workers: 1, clock, config: { workerTimeoutMs: 1000 } });
    const id = runtime.submit(scenario, { seed: 53, runs: 300 });
    await flush();
    const hung = fake.pending[0];
    clock.advance(900);
    expect(hung.worker.isLost).toBe(false);
    clock.advance(400);
    expect(hung.worker.isLost).toBe(true);
    await drain(fake);
    expect(runtime.get(id)!.state).toBe('completed');
    expect(runtime.aggregate(id)).toEqual(simulate(FIXTURE_SCENARIO, 53, 300));
  });

  test('heartbeats keep a slow chunk alive past the timeout', async () => {
    const clock = new ManualClock();
    const { fake, runtime } = make({ workers: 1, clock, config: { workerTimeoutMs: 1000 } });
    runtime.submit(scenario, { seed: 54, runs: 300 });
    await flush();
    const slow = fake.pending[0];
    for (let i = 0; i < 10; i++) {
      slow.worker.beat();
      clock.advance(500);
    }
    expect(slow.worker.isLost).toBe(false);
  });

  test('a worker that ignores a cancel is stopped after the grace period', async () => {
    const clock = new ManualClock();
    const { fake, runtime } = make({ workers: 1, clock, config: { stopGraceMs: 500 } });
    const id = runtime.submit(scenario, { seed: 55, runs: 300 });
    await flush();
    const stuck = fake.pending[0];
    runtime.cancel(id);
    clock.advance(1000);
    await flush();
    expect(stuck.worker.isLost).toBe(true);
    expect(runtime.get(id)!.state).toBe('cancelled');
  });
});

describe('progress updates', () => {
  test('progress is throttled to the interval, with a trailing update; state changes are never held back', async () => {
    const clock = new ManualClock();
    const { fake, runtime, updates } = make({ workers: 1, clock, config: { progressUpdateIntervalMs: 100, chunkRuns: 100 } });
    const id = runtime.submit(scenario, { seed: 61, runs: 1000 });
    const progressAt = () => updates.filter((u) => u.type === 'progress' && u.phase === 'simulating').map((u) => [u.at, u.snapshot.runsDone]);
    // Chunks 10 ms apart: one update at once, one at once when the first answer's 500 runs are in,
    // the rest folded into one trailing update.
    for (let i = 0; i < 9; i++) {
      await flush();
      fake.pending[0].finish();
      await flush();
      clock.advance(10);
    }
    await flush();
    expect(progressAt()).toEqual([[0, 100], [40, 500]]);
    clock.advance(50);
    expect(progressAt()).toEqual([[0, 100], [40, 500], [140, 900]]);
    // Every update carries the merged aggregate so far.
    const last = updates.filter((u) => u.type === 'progress').at(-1)!;
    expect(last.aggregate!.runs).toBe(900);
    await flush();
    fake.pending[0].finish();
    await flush();
    expect(updates.at(-1)!.type).toBe('completed');
    expect(runtime.get(id)!.runsDone).toBe(1000);
  });

  test('speed and time left come from recent chunks, not the slow start', async () => {
    const clock = new ManualClock();
    const { fake, runtime } = make({ workers: 1, clock, config: { chunkRuns: 100 } });
    const id = runtime.submit(scenario, { seed: 63, runs: 1000 });
    await flush();
    // Start-up (worker, compile) takes 2 s; then a 100-run chunk every 100 ms.
    clock.advance(2000);
    for (let i = 0; i < 4; i++) {
      fake.pending[0].finish();
      await flush();
      clock.advance(100);
    }
    const snap = runtime.get(id)!;
    expect(snap.runsDone).toBe(400);
    // 300 runs between the first and the fourth chunk, 300 ms apart: 1,000 runs/s.
    expect(snap.runsPerSecond).toBeCloseTo(1000, 6);
    expect(snap.etaMs).toBeCloseTo(600, 6);
  });

  test('subscriptions filter by request and by type, and unsubscribe', async () => {
    const { fake, runtime } = make({ workers: 1 });
    const seen: Array<[string, UpdateType]> = [];
    const a = runtime.submit(scenario, { seed: 1, runs: 100 });
    const b = runtime.submit(scenario, { seed: 2, runs: 100 });
    const stop = runtime.subscribe((u) => seen.push([u.requestId, u.type]), { requestId: b, types: ['started', 'completed'] });
    await drain(fake);
    expect(seen).toEqual([[b, 'started'], [b, 'completed']]);
    stop();
    runtime.submit(scenario, { seed: 3, runs: 100 });
    await drain(fake);
    expect(seen).toHaveLength(2);
    expect(runtime.get(a)!.state).toBe('completed');
  });

  test('updates carry the phase: queued, simulating, replaying, storing, done', async () => {
    const { fake, runtime, updates } = make({ config: { replayRepresentatives: true } });
    const id = runtime.submit(scenario, { seed: 62, runs: 300 });
    await drain(fake);
    const phases = [...new Set(updates.filter((u) => u.requestId === id).map((u) => u.phase))];
    expect(phases).toEqual(['queued', 'simulating', 'replaying', 'storing', 'done']);
  });
});

describe('statistics and cleanup', () => {
  test('counts by state, mean wait and run time, runs per second', async () => {
    const clock = new ManualClock();
    const { fake, runtime } = make({ workers: 1, clock });
    const a = runtime.submit(scenario, { seed: 1, runs: 100 });
    const b = runtime.submit(scenario, { seed: 2, runs: 100 });
    const c = runtime.submit(scenario, { seed: 3, runs: 100 });
    await flush();
    runtime.cancel(c);
    clock.advance(1000);
    fake.pending[0].finish();
    await flush();
    clock.advance(500);
    fake.pending[0].finish();
    await flush();
    const stats = runtime.stats();
    expect(stats.byState).toMatchObject({ completed: 2, cancelled: 1, queued: 0, running: 0 });
    // a waited 0 ms and ran 1000 ms; b waited 1000 ms and ran 500 ms.
    expect(runtime.get(a)!.startedAt! - runtime.get(a)!.submittedAt).toBe(0);
    expect(runtime.get(b)!.startedAt! - runtime.get(b)!.submittedAt).toBe(1000);
    expect(stats.meanWaitMs).toBe(500);
    expect(stats.meanRunMs).toBe(750);
    expect(stats.runsPerSecond).toBeCloseTo(200 / 1.5, 6);
  });

  test('finished requests are forgotten after maxCompletedAgeSeconds', async () => {
    const clock = new ManualClock();
    const { fake, runtime, types } = make({ clock, config: { maxCompletedAgeSeconds: 10 } });
    const id = runtime.submit(scenario, { seed: 1, runs: 100 });
    await drain(fake);
    clock.advance(9_999);
    expect(runtime.get(id)).toBeDefined();
    clock.advance(1);
    expect(runtime.get(id)).toBeUndefined();
    expect(types(id).at(-1)).toBe('removed');
  });

  test('past maxFinishedRequests the oldest finished request is forgotten, whatever its age; live ones never are', async () => {
    const { fake, runtime, types } = make({ workers: 1, config: { maxFinishedRequests: 2 } });
    // Paused by the user: live, and not running while the others finish.
    const waiting = runtime.submit(scenario, { seed: 9, runs: 100 });
    expect(runtime.pause(waiting)).toBe(true);
    const finished: string[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const id = runtime.submit(scenario, { seed, runs: 100 });
      await drain(fake);
      expect(runtime.get(id)?.state).toBe('completed');
      finished.push(id);
    }
    expect(runtime.list().map((s) => s.id).sort()).toEqual([waiting, finished[2], finished[3]].sort());
    expect(types(finished[0]).at(-1)).toBe('removed');
    expect(types(finished[1]).at(-1)).toBe('removed');
    expect(runtime.aggregate(finished[3])).toEqual(simulate(FIXTURE_SCENARIO, 4, 100));
    expect(runtime.get(waiting)?.state).toBe('paused');
    // The request left waiting still runs to the same answer.
    runtime.resume(waiting);
    await drain(fake);
    expect(runtime.aggregate(waiting)).toEqual(simulate(FIXTURE_SCENARIO, 9, 100));
    expect(runtime.list().map((s) => s.id).sort()).toEqual([waiting, finished[3]].sort());
  });
});
