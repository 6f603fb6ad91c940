// Builders for the state tests: a scenario library kept in memory, with the contract of the
// IndexedDB one (enough to save, list, open and duplicate), the page's localStorage over a Map, and
// an answer cache that notes where each result was saved. Imported only by *.test.ts files.
import { MemoryAnswerCache, SimulationRuntime, type AnswerCache, type RunResultRecord } from '../runtime/index.ts';
import { FakeExecutor } from '../runtime/testing/fake-executor.ts';
import { requestKey } from '../scenario/format/canonical.ts';
import type { LoadedScenario } from '../scenario/index.ts';
import type { EditorMeta } from './draft.ts';
import { createAppStore, type AppStore } from './index.ts';
import type { ScenarioPersistence, SavedScenarioEntry } from './scenario-slice.ts';

/** An in-memory library with the same contract as the IndexedDB one. */
export function memoryLibrary() {
  const records = new Map<string, { entry: SavedScenarioEntry; loaded: LoadedScenario; editor: EditorMeta }>();
  let n = 0;
  const api: ScenarioPersistence = {
    list: async () => [...records.values()].map((r) => r.entry).sort((a, b) => b.updatedAt - a.updatedAt),
    async save(id, loaded, editor) {
      const entry = { id: id ?? `s${++n}`, name: loaded.name, updatedAt: Date.now() };
      records.set(entry.id, { entry, loaded, editor });
      return entry;
    },
    async open(id) {
      const r = records.get(id);
      if (!r) throw new Error('gone');
      return { ...r.loaded, id, editor: r.editor };
    },
    remove: async (id) => void records.delete(id),
    async duplicate(id) {
      const r = records.get(id)!;
      return api.save(undefined, { ...r.loaded, name: `${r.loaded.name} (copy)` }, r.editor);
    },
    exportAll: async () => JSON.stringify([...records.values()].map((r) => r.loaded.name)),
    importAll: async () => ({ imported: [], problems: [] }),
  };
  return { api, records };
}

/** The Web Storage interface over a Map, counting writes: the page's localStorage, in Node. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes++;
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

/** The answer cache as IndexedDB would be across a reload, noting under which scenario id each result was saved. */
export class RecordingCache implements AnswerCache {
  readonly inner = new MemoryAnswerCache();
  readonly savedUnder: string[] = [];
  find(key: string) {
    return this.inner.find(key);
  }
  save(scenarioId: string, result: RunResultRecord) {
    this.savedUnder.push(scenarioId);
    return this.inner.save(scenarioId, result);
  }
}

const openPages: Array<AppStore<SimulationRuntime>> = [];

/**
 * A page as the search tests build it: the app store over a real runtime whose one worker is a fake
 * executor running real engine chunks of at most 100 runs, with progress on every chunk. Closed by
 * closePages().
 */
export function searchPage(cache: AnswerCache, options: { replays?: boolean; library?: ScenarioPersistence } = {}) {
  const library = options.library ?? memoryLibrary().api;
  const fake = new FakeExecutor('shared', 3);
  const runtime = new SimulationRuntime({
    executor: fake, keyOf: requestKey, store: cache,
    config: { workerCount: 1, progressUpdateIntervalMs: 0, replayRepresentatives: options.replays ?? false, chunkRuns: 100 },
  });
  const store = createAppStore(runtime, { persistence: Promise.resolve(library), debounceMs: 0 });
  openPages.push(store);
  return { fake, store, library };
}

/** Disconnects every page searchPage() made and disposes of its runtime. */
export function closePages(): void {
  for (const s of openPages.splice(0)) {
    s.disconnect();
    s.runtime.dispose();
  }
}
