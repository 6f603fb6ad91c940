// runtime/: runs simulations in the background. A pool of workers (Web Workers in the browser,
// worker_threads in Node) each expose one engine API through Comlink; the scheduler queues
// requests by priority, dedups them by key, cuts them into chunks over every free worker, merges
// the chunk aggregates, reports progress, and pauses, preempts or cancels through control words in
// a SharedArrayBuffer (or messages when the page is not cross-origin isolated). No React here.
import { requestKey } from '../scenario/format/canonical.ts';
import { BrowserExecutor, type BrowserExecutorOptions } from './browser-executor.ts';
import type { Clock } from './clock.ts';
import type { RuntimeConfigInput } from './config.ts';
import { MemoryAnswerCache, type AnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';

export { SimulationRuntime, type KeyFunction, type RuntimeOptions } from './scheduler.ts';
export { resolveConfig, poolSize, RuntimeConfigError, type RuntimeConfig, type RuntimeConfigInput } from './config.ts';
export { SubmitError, QueueFullError, MAX_RUNS } from './settings.ts';
export { MemoryAnswerCache, StoredAnswerCache, type StoredAnswerCacheEvents, type AnswerCache, type RunResultRecord, type ResultPayload } from './answer-cache.ts';
export { WorkerLostError, ComlinkWorkerHandle, type Executor, type WorkerHandle, type WorkerPort } from './executor.ts';
export { BrowserExecutor, type BrowserExecutorOptions } from './browser-executor.ts';
export { sharedMemoryAvailable, CONTROL_RUN, CONTROL_PAUSE, CONTROL_CANCEL } from './board.ts';
export { aggregateDigest } from './digest.ts';
export { Checkpointer, restoreQueue, type CheckpointerOptions, type PersistedProgress, type PersistedRequest, type QueueCheckpointStore, type RestoreReport } from './checkpointer.ts';
export { TabCoordinator, LEADER_LOCK, RUNTIME_CHANNEL, type LockManagerLike, type RuntimeFacade, type TabCoordinatorOptions, type TabRole } from './tab-coordinator.ts';
export { systemClock, ManualClock, type Clock } from './clock.ts';
export type { EngineApi } from './engine-api.ts';
export * from './types.ts';

export interface BrowserRuntimeOptions extends BrowserExecutorOptions {
  config?: RuntimeConfigInput;
  store?: AnswerCache | null;
  clock?: Clock;
  idPrefix?: string;
}

/**
 * The runtime as the app uses it: module Web Workers, scenario/'s request key, a result store. Its
 * workers start at once and warm their engine, so the first request finds them ready.
 */
export function createBrowserRuntime(options: BrowserRuntimeOptions = {}): SimulationRuntime {
  const runtime = new SimulationRuntime({
    executor: new BrowserExecutor(options),
    keyOf: requestKey,
    store: options.store === undefined ? new MemoryAnswerCache() : options.store,
    config: options.config,
    clock: options.clock,
    idPrefix: options.idPrefix,
  });
  runtime.warmUp();
  return runtime;
}
