// The runtime's answer cache: finished results by request key, so the same key is never run twice.
// The scheduler sees only this small interface, so it neither knows nor cares whether answers live
// in memory (MemoryAnswerCache: the page's lifetime, and tests) or in IndexedDB (StoredAnswerCache,
// an adapter over storage/'s SlotStore, which also keeps each scenario's two newest results).
import type { Aggregate, AggregateLayout, ScenarioSpec } from '../engine/index.ts';
import type { SlotStore } from '../storage/slot-store.ts';
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
  /**
   * The scenario the request ran, so a comparison can say in words what changed between two
   * results. Absent from results stored before it was kept (they still open).
   */
  spec?: ScenarioSpec;
}

export interface AnswerCache {
  /** The stored result for a key, or null; a damaged one is reported by the store and returned as null. */
  find(key: string): Promise<RunResultRecord | null>;
  /**
   * Stores a finished result as the newest of the scenario `scenarioId`. `rank` is the request's
   * priority rank (higher is more urgent): a store that writes one result at a time writes the most
   * urgent waiting one first, so an edit's answer is not stored behind a search's many evaluations.
   */
  save(scenarioId: string, result: RunResultRecord, rank?: number): Promise<void>;
  /**
   * True when find answers from memory within the current turn's microtasks: a new request's first
   * chunks then wait for its answer instead of starting and being thrown away.
   */
  readonly answersInMemory?: boolean;
}

export class MemoryAnswerCache implements AnswerCache {
  readonly answersInMemory: boolean = true;
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
  /** The scenario the request ran; absent from results stored by older versions. */
  spec?: ScenarioSpec;
}

export interface StoredAnswerCacheEvents {
  /** A stored result could not be read: it is skipped and the request runs. */
  onDamaged?: (key: string, problem: string) => void;
  /** A result was committed as the newest of a scenario. */
  onSaved?: (scenarioId: string, key: string) => void;
  /** Storing failed (for example the storage is full even after freeing space); the answer is still shown. */
  onError?: (message: string) => void;
}

/**
 * Adapts storage/'s IndexedDB dual-slot store to the runtime's interface. It may be given the store
 * before the database is open (a promise); null from that promise means IndexedDB is unavailable,
 * and the store then finds nothing and keeps nothing.
 */
interface WaitingWrite {
  scenarioId: string;
  rank: number;
  write: () => Promise<void>;
}

export class StoredAnswerCache implements AnswerCache {
  private readonly events: StoredAnswerCacheEvents;
  /** Writes not yet started, in the order they were asked for. */
  private readonly waiting: WaitingWrite[] = [];
  private writing = false;

  constructor(
    private readonly store: SlotStore<ResultPayload> | Promise<SlotStore<ResultPayload> | null>,
    events: StoredAnswerCacheEvents | ((key: string, problem: string) => void) = {},
  ) {
    this.events = typeof events === 'function' ? { onDamaged: events } : events;
  }

  async find(key: string): Promise<RunResultRecord | null> {
    const store = await this.store;
    if (!store) return null;
    const found = await store.findByKey(key);
    if (!found) return null;
    if ('damaged' in found) {
      (this.events.onDamaged ?? ((k, p) => console.warn(`Stored result ${k} could not be read and was skipped: ${p}`)))(key, found.damaged);
      return null;
    }
    const { result, payload } = found;
    return {
      key, engineVersion: result.engineVersion, seed: result.seed, runs: result.runs,
      victoryHalfWidth: result.victoryHalfWidth, ...payload,
    };
  }

  /**
   * Results are written one at a time (IndexedDB runs the transactions one after another anyway,
   * and each is compressed on this thread first). The next written is the most urgent of those
   * waiting; for one scenario, always the oldest first, so its newest slot is its last result.
   */
  save(scenarioId: string, r: RunResultRecord, rank = 0): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ scenarioId, rank, write: () => this.write(scenarioId, r).then(resolve, reject) });
      this.writeNext();
    });
  }

  private writeNext(): void {
    if (this.writing || this.waiting.length === 0) return;
    const seen = new Set<string>();
    let best = -1;
    this.waiting.forEach((w, i) => {
      if (seen.has(w.scenarioId)) return;
      seen.add(w.scenarioId);
      if (best < 0 || w.rank > this.waiting[best].rank) best = i;
    });
    const [next] = this.waiting.splice(best, 1);
    this.writing = true;
    void next.write().finally(() => {
      this.writing = false;
      this.writeNext();
    });
  }

  private async write(scenarioId: string, r: RunResultRecord): Promise<void> {
    const store = await this.store;
    if (!store) return;
    try {
      await store.commit(scenarioId, {
        key: r.key, runs: r.runs, seed: r.seed, engineVersion: r.engineVersion, victoryHalfWidth: r.victoryHalfWidth,
        payload: {
          scenarioName: r.scenarioName, aggregate: r.aggregate, layout: r.layout, replays: r.replays, completedAt: r.completedAt,
          ...(r.spec ? { spec: r.spec } : {}),
        },
      });
    } catch (e) {
      this.events.onError?.(`The result of ${r.scenarioName} (seed ${r.seed}) could not be stored: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    this.events.onSaved?.(scenarioId, r.key);
  }
}
