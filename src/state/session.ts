// The app's session: opens the database, puts results in IndexedDB (dual slots per scenario), keeps
// the queue in checkpoints, elects one tab to run simulations, asks the browser to keep our data,
// cleans up by age and budget, and feeds the storage slice. Everything here may fail (private
// windows, full disks, old browsers): each failure is told to the user in the storage panel and the
// app keeps simulating, with results kept in memory only if need be.
import type { IDBPDatabase } from 'idb';
// Straight from the engine's modules: its index would bring the compiler into the first load.
import { ENGINE_VERSION } from '../engine/version.ts';
import {
  Checkpointer, createBrowserRuntime, resolveConfig, restoreQueue, StoredAnswerCache, TabCoordinator,
  type BrowserRuntimeOptions, type LockManagerLike, type PersistedProgress, type PersistedRequest, type ResultPayload,
  type RuntimeConfigInput, type SimulationRuntime,
} from '../runtime/index.ts';
import { CheckpointStore } from '../storage/checkpoints.ts';
import { openDatabase, type EncounterLabDB } from '../storage/db.ts';
import { resultPayloadProblem } from '../storage/record-schema.ts';
import { SlotStore } from '../storage/slot-store.ts';
import { createAppStore, type AppStore } from './index.ts';
import type { ScenarioPersistence } from './scenario-slice.ts';

export interface SessionOptions {
  config?: RuntimeConfigInput;
  forceMessageMode?: boolean;
  /** Database name (tests of the app give their own). */
  databaseName?: string;
  /** Pause after an edit before it is simulated. */
  debounceMs?: number;
}

export interface Session {
  store: AppStore<TabCoordinator>;
  coordinator: TabCoordinator;
  /** The dual-slot store, or null when IndexedDB cannot be used. */
  results: Promise<SlotStore<ResultPayload> | null>;
  refreshUsage(): Promise<void>;
  /** Pins a slot of a scenario as the baseline (null unpins). */
  pin(scenarioId: string, slot: 'a' | 'b' | null): Promise<void>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createSession(options: SessionOptions = {}): Session {
  const config = resolveConfig(options.config);
  let checkpoints: CheckpointStore<PersistedRequest, PersistedProgress> | null = null;
  let checkpointer: Checkpointer | null = null;
  // The store is created below; events before that cannot happen (nothing runs yet).
  let store!: AppStore<TabCoordinator>;

  const db: Promise<IDBPDatabase<EncounterLabDB> | null> = (typeof indexedDB === 'undefined'
    ? Promise.reject(new Error('this browser has no IndexedDB'))
    : openDatabase(options.databaseName)
  ).then((opened) => {
    // A newer version of the app in another tab wants to upgrade the schema: let it.
    opened.addEventListener('versionchange', () => opened.close());
    checkpoints = new CheckpointStore<PersistedRequest, PersistedProgress>(opened, ENGINE_VERSION);
    return opened;
  }, (e: unknown) => {
    queueMicrotask(() => {
      store.getState().setStorage({ available: false });
      store.getState().reportStorageError(`Results cannot be kept on this device (${message(e)}); they are kept until the page closes.`);
    });
    return null;
  });
  // Every result read back is checked for the shape of a result, not only for its checksum.
  const results = db.then((opened) => (opened ? new SlotStore<ResultPayload>(opened, undefined, { payloadProblem: resultPayloadProblem }) : null));
  // The library validates what it reads with the scenario loader, so it is loaded when first needed.
  const persistence: Promise<ScenarioPersistence | null> = db.then(async (opened) => {
    if (!opened) return null;
    const { ScenarioLibrary } = await import('../storage/library.ts');
    const library = new ScenarioLibrary(opened);
    const api: ScenarioPersistence = {
      list: () => library.list(),
      save: (id, scenario, editor, baseRevision) => library.save(scenario, id, editor, baseRevision),
      open: (id) => library.open(id),
      remove: (id) => library.remove(id),
      duplicate: (id) => library.duplicate(id),
      exportAll: () => library.exportAll(),
      importAll: (text, origin) => library.importAll(text, origin),
    };
    return api;
  }).catch((e: unknown) => {
    queueMicrotask(() => store.getState().reportStorageError(`Saved scenarios cannot be kept on this device: ${message(e)}`));
    return null;
  });

  const resultStore = new StoredAnswerCache(results, {
    onDamaged: (key, problem) => store.getState().reportStorageError(`A stored result (${key.slice(0, 12)}…) could not be read and was skipped; it is simulated again: ${problem}`),
    onError: (text) => store.getState().reportStorageError(text),
    onSaved: () => {
      store.getState().resultsChanged();
      void cleanup().then(refreshUsage);
    },
  });

  async function refreshUsage(): Promise<void> {
    const slots = await results;
    if (!slots) return;
    try {
      const usage = await slots.usage();
      const count = checkpoints ? await checkpoints.count() : 0;
      store.getState().setStorage({ available: true, ...usage, checkpoints: count });
    } catch (e) {
      store.getState().reportStorageError(`Reading how much is stored failed: ${message(e)}`);
    }
  }

  async function countCheckpoints(): Promise<void> {
    if (!checkpoints) return;
    try {
      store.getState().setStorage({ checkpoints: await checkpoints.count() });
    } catch {
      // Shown at the next full refresh.
    }
  }

  async function cleanup(): Promise<void> {
    const slots = await results;
    if (!slots || store.getState().storage.role !== 'leader') return;
    try {
      const { removed } = await slots.cleanup({
        maxAgeMs: config.autoCleanup ? config.maxStoredAgeSeconds * 1000 : undefined,
        budgetBytes: config.storageBudgetBytes,
      });
      if (removed.length > 0) {
        store.getState().setStorage({ lastCleanupRemoved: removed.length });
        store.getState().resultsChanged();
      }
    } catch (e) {
      store.getState().reportStorageError(`Cleaning up old results failed: ${message(e)}`);
    }
  }

  async function startLeading(runtime: SimulationRuntime): Promise<void> {
    await db;
    if (!checkpoints) return;
    let firstSeen: Map<string, number> | undefined;
    try {
      const report = await restoreQueue(runtime, checkpoints);
      firstSeen = report.firstSeen;
      for (const problem of report.problems) store.getState().reportStorageError(problem);
      if (report.restored.length > 0) {
        store.getState().setStorage({ resumed: { requests: report.restored.length, runs: report.runsResumed } });
        // Show the first resumed request that has runs to continue, else the first one.
        const first = report.restored.find((id) => (runtime.get(id)?.runsDone ?? 0) > 0) ?? report.restored[0];
        store.getState().focus(first);
      }
    } catch (e) {
      store.getState().reportStorageError(`The saved queue could not be restored: ${message(e)}`);
    }
    checkpointer = new Checkpointer(runtime, checkpoints, {
      intervalMs: config.checkpointIntervalMs,
      firstSeen,
      onError: (text) => store.getState().reportStorageError(text),
      onSaved: (_id, runs) => {
        store.getState().setStorage({ lastCheckpointRuns: runs, lastCheckpointAt: Date.now() });
        void countCheckpoints();
      },
      onDeleted: () => void countCheckpoints(),
    });
    checkpointer.start();
  }

  const runtimeOptions: BrowserRuntimeOptions = { forceMessageMode: options.forceMessageMode, config: options.config, store: resultStore };
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null;
  const coordinator = new TabCoordinator({
    locks,
    createRuntime: (idPrefix) => createBrowserRuntime({ ...runtimeOptions, idPrefix }),
    onLeader: startLeading,
    onRoleChange: (role) => {
      // The first call comes from the constructor, before the store exists.
      if (store) store.getState().setStorage({ role });
      if (role === 'leader') void db.then(() => cleanup()).then(refreshUsage);
    },
    onInfo: () => store?.getState().refreshStats(),
  });
  store = createAppStore(coordinator, { persistence, debounceMs: options.debounceMs });
  store.getState().setStorage({ role: coordinator.role });
  coordinator.subscribe((u) => {
    // A follower learns of stored results through the leader's updates.
    if (u.type === 'completed' && coordinator.role === 'follower') {
      store.getState().resultsChanged();
      void refreshUsage();
    }
  });
  if (typeof window !== 'undefined') {
    // Best effort: write the latest progress as the page goes (the periodic checkpoints cover a crash).
    window.addEventListener('pagehide', () => void checkpointer?.flush());
  }

  void db.then(refreshUsage);
  void askPersistence(store);

  return {
    store, coordinator, results, refreshUsage,
    async pin(scenarioId, slot) {
      const slots = await results;
      if (!slots) return;
      try {
        await slots.pin(scenarioId, slot);
        store.getState().resultsChanged();
        if (slot === null) void cleanup();
      } catch (e) {
        store.getState().reportStorageError(message(e));
      }
    },
  };
}

/** Asks once that the browser keep our data under storage pressure, and records its answer. */
async function askPersistence(store: AppStore<TabCoordinator>): Promise<void> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.persist !== 'function') {
    store.getState().setStorage({ persistence: 'unsupported' });
    return;
  }
  try {
    const already = typeof storage.persisted === 'function' ? await storage.persisted() : false;
    const granted = already || await storage.persist();
    store.getState().setStorage({ persistence: granted ? 'granted' : 'denied' });
  } catch (e) {
    store.getState().setStorage({ persistence: 'denied' });
    store.getState().reportStorageError(`The browser did not answer the request to keep stored results: ${message(e)}`);
  }
}
