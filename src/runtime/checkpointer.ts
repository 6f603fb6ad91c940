// Keeps the queue on disk: every live request has a checkpoint (its scenario, settings, priority and
// state, plus its done run ranges and merged aggregate). A request's checkpoint is written when it
// is queued or changes state, and while it runs at most every intervalMs if its aggregate changed;
// it is removed when the request completes (after its result is stored), fails or is cancelled.
// restoreQueue() puts every checkpointed request back into a runtime, which then runs only the
// runs missing from each, so the final aggregate equals an uninterrupted run's.
import type { Aggregate, AggregateLayout } from '../engine/stats.ts';
import { ENGINE_VERSION } from '../engine/version.ts';
import type { CheckpointStore } from '../storage/checkpoints.ts';
import { systemClock, type Clock } from './clock.ts';
import type { SimulationRuntime } from './scheduler.ts';
import { extrasOf } from './settings.ts';
import type { RequestCheckpoint, RequestUpdate } from './types.ts';

/** The clear part of a checkpoint: the request as submitted. */
export type PersistedRequest = Omit<RequestCheckpoint, 'done' | 'aggregate' | 'layout' | 'version'> & {
  engineVersion: string;
  /** Wall-clock milliseconds when this page first saw the request: restores keep submission order. */
  firstSeenAt: number;
};

/** The blob part: what is finished. */
export interface PersistedProgress {
  done: Array<[number, number]>;
  aggregate: Aggregate;
  layout: AggregateLayout;
}

export type QueueCheckpointStore = CheckpointStore<PersistedRequest, PersistedProgress>;

export interface CheckpointerOptions {
  /** Longest time between two checkpoints of a running request whose aggregate changed. */
  intervalMs?: number;
  clock?: Clock;
  /** Told when a write fails (quota, closed database); the request keeps running. */
  onError?: (message: string) => void;
  /** Told after each write, with the request id and runs checkpointed (the storage panel shows it). */
  onSaved?: (id: string, runs: number) => void;
  /** Told after a checkpoint is removed (its request ended). */
  onDeleted?: (key: string) => void;
  /** When restored requests were first submitted (from restoreQueue), so their order survives many restarts. */
  firstSeen?: ReadonlyMap<string, number>;
}

const STATE_CHANGES = new Set(['queued', 'changed', 'paused', 'resumed', 'started']);
const ENDINGS = new Set(['completed', 'failed', 'cancelled']);

export class Checkpointer {
  readonly intervalMs: number;
  private readonly clock: Clock;
  private readonly dirty = new Set<string>();
  private readonly savedVersion = new Map<string, string>();
  private readonly firstSeen = new Map<string, number>();
  private timer: unknown = null;
  private unsubscribe: (() => void) | null = null;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runtime: SimulationRuntime,
    private readonly store: QueueCheckpointStore,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 2000;
    this.clock = options.clock ?? systemClock;
    for (const [id, at] of options.firstSeen ?? []) this.firstSeen.set(id, at);
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.runtime.subscribe((u) => this.onUpdate(u));
    // Requests already live (restored before start) are written once.
    for (const s of this.runtime.list()) if (!ENDINGS.has(s.state)) this.dirty.add(s.id);
    this.arm();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes every changed live request now and resolves once all writes so far are on disk. */
  async flush(): Promise<void> {
    for (const id of [...this.dirty]) this.write(id);
    await this.pending;
    await this.store.settled();
  }

  private arm(): void {
    if (this.timer !== null || !this.unsubscribe) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      for (const id of [...this.dirty]) this.write(id);
      this.arm();
    }, this.intervalMs);
  }

  private onUpdate(u: RequestUpdate): void {
    const id = u.requestId;
    if (!this.firstSeen.has(id)) this.firstSeen.set(id, Date.now());
    if (ENDINGS.has(u.type)) {
      this.dirty.delete(id);
      this.savedVersion.delete(id);
      this.firstSeen.delete(id);
      const key = u.snapshot.key;
      this.track(this.store.delete(key).then(() => this.options.onDeleted?.(key)));
      return;
    }
    if (u.type === 'removed') return;
    this.dirty.add(id);
    if (STATE_CHANGES.has(u.type)) this.write(id);
  }

  private write(id: string): void {
    this.dirty.delete(id);
    const cp = this.runtime.checkpoint(id);
    if (!cp) return;
    const version = `${cp.version}/${cp.state}/${cp.pausedBy}/${cp.priority}/${JSON.stringify(cp.target)}`;
    if (this.savedVersion.get(id) === version) return;
    this.savedVersion.set(id, version);
    const { done, aggregate, layout, version: _v, ...request } = cp;
    const runs = aggregate?.runs ?? 0;
    const write = this.store.save({
      key: cp.key,
      scenarioId: cp.scenario.id ?? cp.scenario.name,
      request: { ...request, engineVersion: ENGINE_VERSION, firstSeenAt: this.firstSeen.get(id) ?? Date.now() },
      progress: aggregate && layout ? { done, aggregate, layout } : null,
    }).then(() => this.options.onSaved?.(id, runs));
    this.track(write);
  }

  private track(write: Promise<unknown>): void {
    const handled = write.catch((e: unknown) => {
      this.options.onError?.(`A checkpoint could not be saved, so an interrupted run would start over: ${reason(e)}`);
    });
    this.pending = Promise.all([this.pending, handled]);
  }
}

export interface RestoreReport {
  /** Ids of the requests queued again, in their original submission order. */
  restored: string[];
  /** Runs already done across them (not simulated again). */
  runsResumed: number;
  /** One sentence per checkpoint that could not be used fully. */
  problems: string[];
  /** When each restored request was first submitted (give it to the Checkpointer). */
  firstSeen: Map<string, number>;
}

/** Queues every checkpointed request again, each resuming from its checkpoint. */
export async function restoreQueue(runtime: SimulationRuntime, store: QueueCheckpointStore): Promise<RestoreReport> {
  const report: RestoreReport = { restored: [], runsResumed: 0, problems: [], firstSeen: new Map() };
  const all = await store.list();
  all.sort((a, b) => (a.request?.firstSeenAt ?? a.updatedAt) - (b.request?.firstSeenAt ?? b.updatedAt));
  for (const cp of all) {
    const req = cp.request;
    if (!req || !req.scenario || !req.target) {
      report.problems.push(`A saved request (${cp.key}) is unreadable and was dropped.`);
      await store.delete(cp.key);
      continue;
    }
    if (req.engineVersion !== ENGINE_VERSION) {
      // Another engine gives other fights: its runs cannot be merged with ours, and its key differs.
      report.problems.push(`A saved request for ${req.scenario.name} was made by engine ${req.engineVersion} and was dropped.`);
      await store.delete(cp.key);
      continue;
    }
    let progress: PersistedProgress | null = null;
    if (cp.ok) progress = cp.progress;
    else report.problems.push(`The checkpoint of ${req.scenario.name} (seed ${req.seed}) could not be read, so it starts over: ${cp.error}`);
    try {
      const id = runtime.restore({
        key: cp.key, scenario: req.scenario, seed: req.seed, target: req.target, priority: req.priority, state: req.state, ...extrasOf(req),
        pausedBy: req.pausedBy, done: progress?.done ?? [], aggregate: progress?.aggregate ?? null, layout: progress?.layout ?? null, version: 0,
      });
      report.restored.push(id);
      report.firstSeen.set(id, req.firstSeenAt ?? cp.updatedAt);
      report.runsResumed += runtime.get(id)?.runsDone ?? 0;
    } catch (e) {
      report.problems.push(`A saved request for ${req.scenario.name} could not be queued again: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return report;
}

/** Words for a failure; a browser's quota error often comes with an empty message. */
function reason(e: unknown): string {
  if (e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)) {
    const err = e as Error;
    if (err.name === 'QuotaExceededError') return 'the browser has no room left for it';
    return err.message || err.name;
  }
  return String(e);
}
