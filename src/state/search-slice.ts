// The search slice: drives any search machine (scenario/analysis/search.ts) through the runtime's
// request queue, one evaluation at a time. Each evaluation is a request at Low priority, submitted
// without taking the focus (the answer on screen stays the scenario's), stored under an identity of
// its own (the scenario, the machine, the evaluation), so edits (Critical) and sweeps (Normal) are
// always answered first: the runtime pauses the search's request for them and resumes it after.
// The same evaluation asked again (a resumed or repeated search) is deduplicated by its request key
// and answered from stored results at once.
//
// After every recorded evaluation the search is checkpointed on the device, per scenario and
// machine, in localStorage: the checkpoint is small (the scenario document, a few kilobytes, and the
// machine's state), it is written synchronously before the next evaluation is submitted, and it
// needs no new IndexedDB store (a schema upgrade) for what is one entry per scenario. A reload reads
// it back, checks it, and carries on from the evaluation it was waiting for.
//
// The DM can pause a search (its request is paused where it is), continue it, or stop it (its
// request is cancelled unless other work shares it; the checkpoint stays, so it can be continued).
//
// The work itself is in search-driver.ts, loaded with the first search or the first kept search to
// show: this slice holds the state, the types and the checkpoint's names.
import type { StateCreator } from 'zustand';
import type { SearchMachine, SearchProgress } from '../scenario/analysis/search.ts';
import type { RequestsSlice } from './requests-slice.ts';
import type { ScenarioSlice } from './scenario-slice.ts';

/** Where a search is: working, paused by the DM, stopped (continuable), answered, or failed. */
export type SearchStatus = 'preparing' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

/** The evaluation a search is waiting for. */
export interface SearchCurrent {
  key: string;
  label: string;
  runs: number;
  id: string | null;
  /** The runtime answered with a live request others asked for too: a stop must not cancel it. */
  shared: boolean;
}

export interface SearchRun {
  kind: string;
  scenarioId: string;
  /** The scenario searched, as text: to say so when the scenario on screen has changed since. */
  baseText: string;
  /** The machine's state (plain data). */
  state: unknown;
  status: SearchStatus;
  /** Why it failed or could not be kept, in words. */
  problem: string | null;
  current: SearchCurrent | null;
  progress: SearchProgress;
  /** This visit: evaluations asked, answered from stored results, runs simulated and the ms they took. */
  asked: number;
  fromStore: number;
  runsSimulated: number;
  simulatedMs: number;
  /** Wall-clock ms spent running in this visit (not paused or stopped). */
  elapsedMs: number;
  /** Continued from a checkpoint kept on this device. */
  restored: boolean;
  /** Candidates tried and evaluations recorded when this visit began (from the checkpoint). */
  resumedAt: number;
  resumedEvaluations: number;
}

export interface SearchSlice {
  /** The search of each machine kind (one at a time per kind). */
  searches: Record<string, SearchRun>;
  /** Starts a search of the scenario on screen; a running search of that kind is stopped first. */
  startSearch(kind: string, query: unknown): Promise<void>;
  pauseSearch(kind: string): void;
  /** Continues a paused or stopped search. */
  resumeSearch(kind: string): Promise<void>;
  /** Stops a search where it is; its checkpoint stays, so it can be continued. */
  stopSearch(kind: string): void;
  /** Forgets a search and its checkpoint. */
  clearSearch(kind: string): void;
  /** Shows (and, when it was running, continues) the searches kept for the scenario on screen. */
  restoreSearches(): Promise<void>;
  /** Sets enemy `enemy` of encounter `encounter` to `count`, as one undoable edit; a problem in words, or null. */
  applyEnemyCount(encounter: number, enemy: number, count: number): Promise<string | null>;
}

export type SearchNeeds = Pick<RequestsSlice, 'requests' | 'aggregates' | 'submit' | 'submitError' | 'cancel' | 'pause' | 'resume'>
  & Pick<ScenarioSlice, 'validSpec' | 'validation' | 'scenarioId' | 'draft' | 'scenarioRequestId' | 'edit'>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds machines of every query, state and answer type
export type AnyMachine = SearchMachine<any, any, any, any>;

/** The machines the app knows, loaded when first needed. A new search adds one line here. */
export const SEARCH_MACHINES: Record<string, () => Promise<AnyMachine>> = {
  'how-many': () => import('../scenario/analysis/how-many-machine.ts').then((m) => m.howManyMachine),
  explain: () => import('../scenario/analysis/explain-machine.ts').then((m) => m.explainMachine),
  'find-encounter': () => import('../scenario/analysis/find-encounter-machine.ts').then((m) => m.findEncounterMachine),
};

export interface SearchKeeper {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SearchDeps {
  machines?: Record<string, () => Promise<AnyMachine>>;
  loadLoader?: () => Promise<Pick<typeof import('../scenario/index.ts'), 'loadScenarioJson'>>;
  /** Null when nothing can be kept on this device. */
  keeper?: () => SearchKeeper | null;
  now?: () => number;
}

/** A search as kept on the device. */
export interface KeptSearch {
  format: 'encounter-lab/search';
  version: 1;
  kind: string;
  scenarioId: string;
  savedAt: number;
  status: SearchStatus;
  scenario: Record<string, unknown>;
  editor: unknown;
  state: unknown;
}

export const keptSearchKey = (kind: string, scenarioId: string): string => `encounter-lab:search:${kind}:${scenarioId}`;
/** Where an evaluation's result is stored: apart from the scenario's own two slots. */
export const evaluationStorageId = (scenarioId: string, kind: string, key: string): string => `${scenarioId}~search~${kind}~${key}`;

export function pageStorage(): SearchKeeper | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export type SearchStore = SearchSlice & SearchNeeds;
/** The slice's actions, as the driver implements them. */
export type SearchActions = Omit<SearchSlice, 'searches'>;

/** Whether a search of some machine is kept on this device for the scenario. */
function anyKept(scenarioId: string, keeper: SearchKeeper | null, kinds: readonly string[]): boolean {
  try {
    return keeper !== null && kinds.some((kind) => keeper.getItem(keptSearchKey(kind, scenarioId)) !== null);
  } catch {
    return false;
  }
}

export const createSearchSlice = (deps: SearchDeps = {}): StateCreator<SearchStore, [], [], SearchSlice> => (_set, get, api) => {
  // The driver loads with the first search; until then there is nothing to pause, stop or clear.
  let driver: SearchActions | null = null;
  let loading: Promise<SearchActions> | null = null;
  const load = () => (loading ??= import('./search-driver.ts').then((m) => (driver = m.createSearchDriver(api, deps))));
  return {
    searches: {},
    startSearch: async (kind, query) => (await load()).startSearch(kind, query),
    pauseSearch: (kind) => driver?.pauseSearch(kind),
    resumeSearch: async (kind) => driver?.resumeSearch(kind),
    stopSearch: (kind) => driver?.stopSearch(kind),
    clearSearch: (kind) => driver?.clearSearch(kind),
    async restoreSearches() {
      const { scenarioId } = get();
      if (!scenarioId || (!driver && !anyKept(scenarioId, (deps.keeper ?? pageStorage)(), Object.keys(deps.machines ?? SEARCH_MACHINES)))) return;
      await (await load()).restoreSearches();
    },
    applyEnemyCount: async (encounter, enemy, count) => (await load()).applyEnemyCount(encounter, enemy, count),
  };
};
