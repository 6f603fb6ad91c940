// Where finished results are kept so that the same key is never run twice. The runtime talks to
// this small interface; MemoryResultStore keeps results for the page's lifetime (and tests), and
// StorageResultStore puts them in IndexedDB through storage/'s dual-slot store.
import type { Aggregate, AggregateLayout } from '../engine/index.ts';
import type { ResultStore as SlotResultStore } from '../storage/result-store.ts';
import type { RepresentativeReplay } from './types.ts';

export interface RunResultRecord {
  key: string;
  scenarioName: string;
  engineVersion: string;
  seed: number;
  /** Runs [0, runs) are in the aggregate. */
  runs: number;
  /** Half-width of the 95% interval on party victory these runs achieve. */
  victoryHalfWidth: number;
  aggregate: Aggregate;
  layout: AggregateLayout;
  replays: RepresentativeReplay[];
  completedAt: number;
}

export interface ResultStore {
  /** The stored result for a key, or null; a damaged one is reported by the store and returned as null. */
  find(key: string): Promise<RunResultRecord | null>;
  /** Stores a finished result as the newest of the scenario `scenarioId`. */
  save(scenarioId: string, result: RunResultRecord): Promise<void>;
}

export class MemoryResultStore implements ResultStore {
  private readonly results = new Map<string, RunResultRecord>();

  async find(key: string): Promise<RunResultRecord | null> {
    const r = this.results.get(key);
    return r ? structuredClone(r) : null;
  }

  async save(_scenarioId: string, result: RunResultRecord): Promise<void> {
    const existing = this.results.get(result.key);
    // Of two results for one key, keep the one with more runs (the more precise).
    if (existing && existing.runs > result.runs) return;
    this.results.set(result.key, structuredClone(result));
  }

  get size(): number {
    return this.results.size;
  }
}

/** What the runtime puts in a stored blob. */
export interface ResultPayload {
  scenarioName: string;
  aggregate: Aggregate;
  layout: AggregateLayout;
  replays: RepresentativeReplay[];
  completedAt: number;
}

/** Adapts storage/'s IndexedDB dual-slot store to the runtime's interface. */
export class StorageResultStore implements ResultStore {
  constructor(
    private readonly store: SlotResultStore<ResultPayload>,
    private readonly onDamaged: (key: string, problem: string) => void = (key, problem) =>
      console.warn(`Stored result ${key} could not be read and was skipped: ${problem}`),
  ) {}

  async find(key: string): Promise<RunResultRecord | null> {
    const found = await this.store.findByKey(key);
    if (!found) return null;
    if ('damaged' in found) {
      this.onDamaged(key, found.damaged);
      return null;
    }
    const { result, payload } = found;
    return {
      key, engineVersion: result.engineVersion, seed: result.seed, runs: result.runs,
      victoryHalfWidth: result.victoryHalfWidth, ...payload,
    };
  }

  async save(scenarioId: string, r: RunResultRecord): Promise<void> {
    await this.store.commit(scenarioId, {
      key: r.key, runs: r.runs, seed: r.seed, engineVersion: r.engineVersion, victoryHalfWidth: r.victoryHalfWidth,
      payload: { scenarioName: r.scenarioName, aggregate: r.aggregate, layout: r.layout, replays: r.replays, completedAt: r.completedAt },
    });
  }
}
