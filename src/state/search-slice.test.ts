// The search slice driving the "How many?" machine through a real runtime (a fake executor running
// real engine chunks): every evaluation is a Low request that leaves the focus on the scenario on
// screen, stored apart from its two slots; the answer is the one the machine gives when it is fed
// the aggregates of [0, runs) directly; the search is checkpointed after every evaluation and a
// "reload" (a new store and runtime over the same stored results and device storage) carries on
// from the checkpoint, not from zero; pause, stop and continue; a damaged checkpoint is named and
// dropped; a found count goes into the day as one undoable edit.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { simulate } from '../engine/index.ts';
import { MemoryAnswerCache, type AnswerCache } from '../runtime/index.ts';
import { drain, FakeExecutor, flush } from '../runtime/testing/fake-executor.ts';
import { customBand } from '../scenario/analysis/bands.ts';
import { howManyMachine, type HowManyAsk, type HowManySearchState } from '../scenario/analysis/how-many-machine.ts';
import { howMany, howManyQuery } from '../scenario/analysis/how-many.ts';
import { loadScenarioText } from '../scenario/index.ts';
import type { AppStore } from './index.ts';
import { keptSearchKey } from './search-slice.ts';
import { closePages, MemoryStorage, memoryLibrary, RecordingCache, searchPage } from './test-support.ts';

afterEach(() => {
  closePages();
  vi.unstubAllGlobals();
});

let device: MemoryStorage;
beforeEach(() => {
  device = new MemoryStorage();
  vi.stubGlobal('localStorage', device);
});

function page(cache: AnswerCache, library = memoryLibrary().api) {
  return searchPage(cache, { library });
}

const duel = () => loadScenarioText(readFileSync(new URL('../../scenarios/duel.json', import.meta.url), 'utf8'), 'the duel');

// One fighter against ogres: the party loses more often with every ogre, and against two it loses
// about half the fights, so "at most 50% of fights lost" leaves two ogres on the edge: it is
// evaluated in every batch (100, 200, then 400 runs, the cap) without the intervals deciding.
const ASK: HowManyAsk = {
  encounter: 0, enemy: 0, scope: 'encounter', band: customBand([{ measure: 'tpk', bound: 'max', value: 0.5 }]),
  minCount: 1, maxCount: 6, seed: 11, schedule: [100, 200, 400],
};

/** Finishes chunks until the search stops asking for more. */
async function settle(fake: FakeExecutor, store: AppStore, until = () => false): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await flush();
    if (until()) return;
    if (fake.pending.length === 0) {
      await flush(10);
      if (fake.pending.length === 0) return;
    }
    const chunk = fake.pending[0];
    chunk.finishRespectingControl();
  }
  throw new Error(`the search did not settle: ${store.getState().searches['how-many']?.status}`);
}

const stateOf = (store: AppStore) => store.getState().searches['how-many']!.state as HowManySearchState;

test('every evaluation is a Low request stored apart from the scenario, and the answer is the machine\'s own', async () => {
  const cache = new RecordingCache();
  const { fake, store } = page(cache);
  const scenarioId = (await store.getState().openLoaded(duel(), { run: true, settings: { seed: 1, runs: 200 } }))!;
  await drain(fake);
  const scenarioRequest = store.getState().scenarioRequestId;
  cache.savedUnder.length = 0;

  const started = store.getState().startSearch('how-many', ASK);
  await vi.waitFor(() => expect(store.getState().searches['how-many']?.current?.id).toBeTruthy());
  const first = store.getState().searches['how-many']!.current!;
  expect(store.getState().requests[first.id!].priority).toBe('low');
  await settle(fake, store);
  await started;
  const run = store.getState().searches['how-many']!;
  expect(run.status).toBe('done');
  expect(store.getState().focusedRequestId).toBe(scenarioRequest);

  // The oracle: the same machine fed the aggregate of runs [0, runs) of each count directly.
  const spec = store.getState().validSpec!;
  const direct = await howMany(spec, howManyQuery(spec, ASK), async (s, seed, runs) => simulate(s, seed, runs));
  const answer = howManyMachine.result(stateOf(store));
  expect({ smallest: answer.smallest, largest: answer.largest, lastNotAbove: answer.lastNotAbove }).toEqual({
    smallest: direct.smallest, largest: direct.largest, lastNotAbove: direct.lastNotAbove,
  });
  expect(answer.trials).toEqual(direct.trials);
  // Two ogres sit on the edge, so the cumulative batches were all asked for.
  expect(answer.trials.find((t) => t.count === 2)!.batches.map((b) => b.runs)).toEqual([100, 200, 400]);
  // The search must have found an edge inside 1..6 for this to test anything.
  expect(answer.lastNotAbove).not.toBeNull();
  expect(answer.lastNotAbove!).toBeLessThan(6);

  const evaluations = answer.trials.reduce((n, t) => n + t.batches.length, 0);
  expect(run.asked).toBe(evaluations);
  expect(run.fromStore).toBe(0);
  expect(cache.savedUnder).toHaveLength(evaluations);
  for (const id of cache.savedUnder) expect(id.startsWith(`${scenarioId}~search~how-many~`)).toBe(true);
  // Checkpointed when started and after every evaluation, and once more when answered.
  expect(device.writes).toBe(evaluations + 2);
  const kept = JSON.parse(device.getItem(keptSearchKey('how-many', scenarioId))!);
  expect(kept).toMatchObject({ format: 'encounter-lab/search', version: 1, status: 'done' });
  expect(kept.state.search.trials).toEqual(answer.trials);
});

test('a reload carries on from the checkpoint: the evaluations already recorded are not asked for again', async () => {
  const cache = new RecordingCache();
  const first = page(cache);
  const scenarioId = (await first.store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } }))!;
  void first.store.getState().startSearch('how-many', ASK);
  // Two evaluations recorded, the third under way when the page goes.
  await settle(first.fake, first.store, () => stateOf(first.store).search.trials.reduce((n, t) => n + t.batches.length, 0) >= 2);
  const recorded = stateOf(first.store).search.trials;
  const recordedEvaluations = recorded.reduce((n, t) => n + t.batches.length, 0);
  expect(recordedEvaluations).toBe(2);
  first.store.disconnect();
  first.store.runtime.dispose();

  const second = page(cache, first.library);
  await second.store.getState().openSaved(scenarioId);
  await second.store.getState().restoreSearches();
  const restored = second.store.getState().searches['how-many']!;
  expect(restored).toMatchObject({ restored: true, status: 'running', resumedAt: recorded.length });
  expect(stateOf(second.store).search.trials).toEqual(recorded);
  await settle(second.fake, second.store);
  const run = second.store.getState().searches['how-many']!;
  expect(run.status).toBe('done');

  const spec = second.store.getState().validSpec!;
  const direct = await howMany(spec, howManyQuery(spec, ASK), async (s, seed, runs) => simulate(s, seed, runs));
  const total = direct.trials.reduce((n, t) => n + t.batches.length, 0);
  expect(total).toBeGreaterThan(recordedEvaluations);
  // Not from zero: this visit asked only for what the checkpoint lacked.
  expect(run.asked).toBe(total - recordedEvaluations);
  expect(howManyMachine.result(stateOf(second.store)).trials).toEqual(direct.trials);
});

test('a search asked for again is answered from stored results without simulating', async () => {
  const cache = new MemoryAnswerCache();
  const first = page(cache);
  await first.store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } });
  void first.store.getState().startSearch('how-many', ASK);
  await settle(first.fake, first.store);
  const answer = howManyMachine.result(stateOf(first.store));

  const second = page(cache);
  await second.store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } });
  const done = second.store.getState().startSearch('how-many', ASK);
  await settle(second.fake, second.store);
  await done;
  const run = second.store.getState().searches['how-many']!;
  expect(run.status).toBe('done');
  expect(run.fromStore).toBe(run.asked);
  expect(run.runsSimulated).toBe(0);
  expect(second.fake.pending).toHaveLength(0);
  expect(howManyMachine.result(stateOf(second.store)).trials).toEqual(answer.trials);
});

test('pause holds the evaluation where it is, continue finishes it; stop cancels it and continue asks again', async () => {
  const { fake, store } = page(new MemoryAnswerCache());
  await store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } });
  void store.getState().startSearch('how-many', ASK);
  await vi.waitFor(() => expect(store.getState().searches['how-many']?.current?.id).toBeTruthy());
  const id = store.getState().searches['how-many']!.current!.id!;
  store.getState().pauseSearch('how-many');
  await drain(fake);
  expect(store.getState().requests[id].state).toBe('paused');
  expect(store.getState().searches['how-many']!.status).toBe('paused');
  await store.getState().resumeSearch('how-many');
  await flush();
  expect(store.getState().requests[id].state).not.toBe('paused');

  await settle(fake, store, () => (store.getState().searches['how-many']!.current?.id ?? id) !== id);
  const next = store.getState().searches['how-many']!.current!.id!;
  store.getState().stopSearch('how-many');
  await drain(fake);
  expect(store.getState().requests[next].state).toBe('cancelled');
  const stopped = store.getState().searches['how-many']!;
  expect(stopped.status).toBe('stopped');
  const triedWhenStopped = stopped.progress.tried;
  expect(triedWhenStopped).toBeGreaterThan(0);

  void store.getState().resumeSearch('how-many');
  await settle(fake, store);
  expect(store.getState().searches['how-many']!.status).toBe('done');
});

test('a damaged checkpoint is named and dropped, never trusted', async () => {
  const { store, library } = page(new MemoryAnswerCache());
  const scenarioId = (await store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } }))!;
  const key = keptSearchKey('how-many', scenarioId);
  const good = {
    format: 'encounter-lab/search', version: 1, kind: 'how-many', scenarioId, savedAt: 1, status: 'running',
    scenario: JSON.parse(readFileSync(new URL('../../scenarios/duel.json', import.meta.url), 'utf8')), editor: null,
    state: { version: 1, enemyName: 'Ogre', query: howManyQuery(store.getState().validSpec!, ASK), search: { version: 1, trials: [{ count: 99 }] } },
  };
  device.setItem(key, JSON.stringify(good));
  await store.getState().restoreSearches();
  const run = store.getState().searches['how-many']!;
  expect(run.status).toBe('failed');
  expect(run.problem).toMatch(/could not be read back \(a count \(99\) is outside 1 to 6\)/);
  expect(device.getItem(key)).toBeNull();

  // Not JSON at all: said so, after a reload onto the same scenario.
  device.setItem(key, '{ not json');
  const other = page(new MemoryAnswerCache(), library);
  await other.store.getState().openSaved(scenarioId);
  await other.store.getState().restoreSearches();
  expect(other.store.getState().searches['how-many']!.problem).toMatch(/not JSON/);
});

test('a query the machine cannot search is refused with its reason', async () => {
  const { store } = page(new MemoryAnswerCache());
  await store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } });
  await store.getState().startSearch('how-many', { ...ASK, maxCount: 400 });
  const run = store.getState().searches['how-many']!;
  expect(run.status).toBe('failed');
  expect(run.problem).toMatch(/At most \d+ can join this encounter/);
});

test('a found count goes into the day as one edit, and undo puts the old count back', async () => {
  const { store } = page(new MemoryAnswerCache());
  await store.getState().openLoaded(duel(), { settings: { seed: 1, runs: 200 } });
  const count = () => store.getState().draft!.encounters[0].enemies[0].creature.count ?? 1;
  expect(count()).toBe(1);
  expect(await store.getState().applyEnemyCount(0, 0, 3)).toBeNull();
  expect(count()).toBe(3);
  expect(store.getState().past).toHaveLength(1);
  store.getState().undo();
  expect(count()).toBe(1);
  await vi.waitFor(() => expect(store.getState().validation.state).toBe('ok'));
  expect(await store.getState().applyEnemyCount(0, 1, 3)).toMatch(/no longer in the encounter/);
});
