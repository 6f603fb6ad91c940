// Two tabs editing the same saved scenario, each with its own store and its own connection to one
// IndexedDB library (fake-indexeddb): the later save never silently drops the earlier one. The
// later tab's edit is kept as a copy, and that tab says so and goes on editing the copy.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { FIXTURE_SCENARIO } from '../runtime/fixtures.ts';
import { MemoryAnswerCache, SimulationRuntime } from '../runtime/index.ts';
import { flush, FakeExecutor } from '../runtime/testing/fake-executor.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import { loadScenarioJson } from '../scenario/index.ts';
import { openDatabase } from '../storage/db.ts';
import { ScenarioLibrary } from '../storage/library.ts';
import { createAppStore, type AppStore } from './index.ts';
import type { ScenarioPersistence } from './scenario-slice.ts';

let stores: AppStore<SimulationRuntime>[] = [];
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => {
  vi.useRealTimers();
  for (const s of stores) {
    s.disconnect();
    s.runtime.dispose();
  }
  stores = [];
});

/** One tab: its own database connection, library, runtime and store. */
async function tab(dbName: string) {
  const library = new ScenarioLibrary(await openDatabase(dbName));
  const persistence: ScenarioPersistence = {
    list: () => library.list(),
    save: (id, scenario, editor, baseRevision) => library.save(scenario, id, editor, baseRevision),
    open: (id) => library.open(id),
    remove: (id) => library.remove(id),
    duplicate: (id) => library.duplicate(id),
    exportAll: () => library.exportAll(),
    importAll: (text, origin) => library.importAll(text, origin),
  };
  const runtime = new SimulationRuntime({
    executor: new FakeExecutor('shared', 1), keyOf: requestKey, store: new MemoryAnswerCache(),
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: false, chunkRuns: 100 },
  });
  const store = createAppStore(runtime, { persistence: Promise.resolve(persistence), debounceMs: 300 });
  stores.push(store);
  return { store, library };
}

async function settle(ms = 400) {
  await vi.advanceTimersByTimeAsync(ms);
  await flush(20);
}

const rename = (store: AppStore, name: string) => store.getState().edit((d) => ({ ...d, name }), 'name');

test('renaming the same scenario in two tabs keeps both names: the later one as a copy, said in its tab', async () => {
  const dbName = `two-tabs-${Date.now()}`;
  const first = await tab(dbName);
  const second = await tab(dbName);
  const saved = await first.library.save(loadScenarioJson({ format: 'encounter-lab/scenario', version: 1, name: 'Goblin ambush', ...FIXTURE_SCENARIO }));
  await first.store.getState().openSaved(saved.id);
  await second.store.getState().openSaved(saved.id);

  rename(first.store, 'Ambush at dawn');
  await settle();
  rename(second.store, 'Ambush at dusk');
  await settle();

  const names = (await first.library.list()).map((e) => e.name).sort();
  expect(names).toEqual(['Ambush at dawn', 'Ambush at dusk']);
  expect((await first.library.open(saved.id)).name).toBe('Ambush at dawn');
  expect(first.store.getState().scenarioMessage).toBeNull();
  const later = second.store.getState();
  expect(later.scenarioId).not.toBe(saved.id);
  // Its list shows the other tab's version beside its own.
  expect(later.savedScenarios.map((e) => e.name).sort()).toEqual(['Ambush at dawn', 'Ambush at dusk']);
  expect(later.scenarioMessage).toMatch(/^"Ambush at dawn" was changed in another tab since this tab opened it, so your change was saved as a separate scenario, "Ambush at dusk"; the other tab's version is kept as it was\.$/);

  // Each tab goes on editing its own scenario, with no further conflict.
  rename(second.store, 'Ambush at midnight');
  await settle();
  rename(first.store, 'Ambush at noon');
  await settle();
  expect((await first.library.list()).map((e) => e.name).sort()).toEqual(['Ambush at midnight', 'Ambush at noon']);
  expect(first.store.getState().scenarioMessage).toBeNull();
});

test('quick edits in one tab never conflict with each other', async () => {
  const dbName = `one-tab-${Date.now()}`;
  const only = await tab(dbName);
  const saved = await only.library.save(loadScenarioJson({ format: 'encounter-lab/scenario', version: 1, name: 'Duel', ...FIXTURE_SCENARIO }));
  await only.store.getState().openSaved(saved.id);
  for (const name of ['D', 'Du', 'Due', 'Duel 2']) {
    rename(only.store, name);
    await settle(310);
  }
  await settle();
  expect((await only.library.list()).map((e) => e.name)).toEqual(['Duel 2']);
  expect(only.store.getState().scenarioMessage).toBeNull();
});

test('a tab that changed nothing neither copies nor reverts what another tab saved', async () => {
  const dbName = `two-tabs-unchanged-${Date.now()}`;
  const first = await tab(dbName);
  const second = await tab(dbName);
  const saved = await first.library.save(loadScenarioJson({ format: 'encounter-lab/scenario', version: 1, name: 'Goblin ambush', ...FIXTURE_SCENARIO }));
  await first.store.getState().openSaved(saved.id);
  await second.store.getState().openSaved(saved.id);
  // Both press Simulate without editing: one scenario, no message.
  await first.store.getState().simulateNow('normal');
  await second.store.getState().simulateNow('normal');
  await flush(20);
  expect((await first.library.list()).map((e) => e.name)).toEqual(['Goblin ambush']);
  expect(second.store.getState().scenarioId).toBe(saved.id);
  expect(second.store.getState().scenarioMessage).toBeNull();
  // The first renames; the second, still unchanged, simulates again: the rename stays.
  rename(first.store, 'Ambush at dawn');
  await settle();
  await second.store.getState().simulateNow('normal');
  await flush(20);
  expect((await first.library.list()).map((e) => e.name)).toEqual(['Ambush at dawn']);
  expect(second.store.getState().scenarioId).toBe(saved.id);
});
