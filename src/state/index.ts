// state/: the app's one Zustand store, in typed slices (requests, runtime, storage, scenario, sweep,
// searches and PWA status). Actions live in the store; components select narrowly, and
// runtime progress reaches the store through one subscription, so a tick re-renders only what
// shows that request's numbers.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RuntimeFacade } from '../runtime/index.ts';
import { createPwaSlice, type PwaSlice } from './pwa-slice.ts';
import { createRequestsSlice, type RequestsSlice } from './requests-slice.ts';
import { createRuntimeSlice, type RuntimeSlice } from './runtime-slice.ts';
import { createScenarioSlice, type ScenarioDeps, type ScenarioSlice } from './scenario-slice.ts';
import { createStorageSlice, type StorageSlice } from './storage-slice.ts';
import { createSearchSlice, type SearchSlice } from './search-slice.ts';
import { createSweepSlice, type SweepSlice } from './sweep-slice.ts';

export type AppState = RequestsSlice & RuntimeSlice & StorageSlice & ScenarioSlice & SweepSlice & SearchSlice & PwaSlice;

export interface AppStore<R extends RuntimeFacade = RuntimeFacade> extends StoreApi<AppState> {
  runtime: R;
  /** Stops mirroring the runtime. */
  disconnect(): void;
}

export function createAppStore<R extends RuntimeFacade>(runtime: R, scenario: Partial<Omit<ScenarioDeps, 'runtime'>> = {}): AppStore<R> {
  const deps: ScenarioDeps = {
    runtime,
    loadModule: scenario.loadModule ?? (() => import('../scenario/index.ts')),
    persistence: scenario.persistence ?? Promise.resolve(null),
    debounceMs: scenario.debounceMs,
  };
  const store = createStore<AppState>()((...a) => ({
    ...createRequestsSlice(runtime)(...a),
    ...createRuntimeSlice(runtime)(...a),
    ...createStorageSlice(...a),
    ...createScenarioSlice(deps)(...a),
    ...createSweepSlice()(...a),
    ...createSearchSlice()(...a),
    ...createPwaSlice(...a),
  }));
  const unsubscribe = runtime.subscribe((update) => {
    const s = store.getState();
    s.applyUpdate(update);
    s.scenarioUpdate(update);
    s.sweepUpdate(update);
    s.refreshStats();
  });
  return Object.assign(store, { runtime, disconnect: unsubscribe });
}

/** React hook over an AppStore; pass a narrow selector (or wrap it in useShallow). */
export function useAppStore<T>(store: AppStore, selector: (s: AppState) => T): T {
  return useStore(store, selector);
}

export type { RequestsSlice } from './requests-slice.ts';
export type { RuntimeSlice } from './runtime-slice.ts';
export type { PwaSlice, PwaStatus } from './pwa-slice.ts';
export type { SearchSlice, SearchRun, SearchStatus, SearchCurrent } from './search-slice.ts';
export type { SweepSlice, SweepRun, SweepPoint, SweepNumbers, SweepPointLocal } from './sweep-slice.ts';
export { FIRM_RUNS } from './scenario-slice.ts';
export type { ScenarioSlice, ScenarioDeps, ScenarioPersistence, SavedScenarioEntry, AnswerRef, ValidationState, PendingRun } from './scenario-slice.ts';
export * from './draft.ts';
export type { StorageSlice, StorageStatus, PersistenceAnswer } from './storage-slice.ts';
