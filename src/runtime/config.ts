// The runtime's one configuration object: validated once, with defaults, and a message that names
// the field and the value when something is wrong. It uses zod's small build (zod/mini): the
// runtime starts with the page, and the full zod is only needed once a scenario is checked.
import * as z from 'zod/mini';

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

export const RuntimeConfigSchema = z.strictObject({
  /** Upper bound on workers; the pool has one per logical core (hardwareConcurrency), at most this. */
  maxConcurrentWorkers: z._default(int(1, 256), 16),
  /** An exact worker count instead of the automatic one (still capped by maxConcurrentWorkers). */
  workerCount: z._default(z.union([z.literal('auto'), int(1, 256)]), 'auto'),
  /** Progress updates per request are at most this often; state changes are never held back. */
  progressUpdateIntervalMs: z._default(int(0, 60_000), 100),
  /** Requests waiting or running (queued, running, paused) past which submit fails with "queue full". */
  queueCapacity: z._default(int(1, 1_000_000), 1000),
  /** Most runs in one chunk with shared memory; chunks are sized to targetChunkMs below this. */
  chunkRuns: z._default(int(1, 10_000_000), 20_000),
  /** Most runs in one chunk in message mode (no shared memory), where chunks are kept small. */
  fallbackChunkRuns: z._default(int(1, 10_000_000), 2_000),
  /** Aim for chunks of about this many milliseconds once a request's speed is known. */
  targetChunkMs: z._default(int(1, 60_000), 100),
  /** Runs between two looks at the control word (pause, cancel) inside a chunk. */
  flagCheckEveryRuns: z._default(int(1, 100_000), 16),
  /** Message mode: longest stretch of simulation before a worker looks at its messages again. */
  messageSliceMs: z._default(int(1, 1000), 10),
  /** A worker that shows no sign of progress for this long is terminated, replaced, and its chunk retried once. */
  workerTimeoutMs: z._default(int(100, 3_600_000), 30_000),
  /** A worker asked to pause or cancel that has not returned after this long is terminated. */
  stopGraceMs: z._default(int(50, 600_000), 2_000),
  /**
   * A worker with no work for this long is stopped, and started again when work comes; 0 keeps idle
   * workers. Ten minutes: a DM thinking between two edits finds the workers ready (starting one
   * again costs a tenth of a second), and a tab left open all evening gives them back.
   */
  idleWorkerTimeoutMs: z._default(int(0, 3_600_000), 600_000),
  /** Put each completed result into the result store. */
  autoStoreCompleted: z._default(z.boolean(), true),
  /** Replay the representative runs (worst, median, ...) with a full event log after simulating. */
  replayRepresentatives: z._default(z.boolean(), true),
  /** Forget finished requests after maxCompletedAgeSeconds, remove stored results (unless pinned) after maxStoredAgeSeconds, and keep them within storageBudgetBytes. */
  autoCleanup: z._default(z.boolean(), true),
  /** How long a finished request stays in the queue's list (its result stays in storage). */
  maxCompletedAgeSeconds: z._default(int(0, 365 * 24 * 3600), 3600),
  /**
   * Finished requests kept in memory (with their aggregates and replays) before the oldest is
   * forgotten, whatever their age: their results stay in storage. Bounds a long session's memory.
   */
  maxFinishedRequests: z._default(int(1, 100_000), 20),
  /** How long a stored result is kept after it was made: 30 days, so a DM's results outlive many sessions. */
  maxStoredAgeSeconds: z._default(int(0, 10 * 365 * 24 * 3600), 30 * 24 * 3600),
  /** Stored results past this total size are removed, oldest unpinned first. */
  storageBudgetBytes: z._default(int(1024, 2 ** 45), 100 * 1024 * 1024),
  /** A running request saves its finished runs and merged aggregate at most this often. */
  checkpointIntervalMs: z._default(int(100, 600_000), 2000),
});

export type RuntimeConfig = z.output<typeof RuntimeConfigSchema>;
export type RuntimeConfigInput = z.input<typeof RuntimeConfigSchema>;

export class RuntimeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeConfigError';
  }
}

function describeValue(input: unknown, path: PropertyKey[]): string {
  let v: unknown = input;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

export function resolveConfig(input: RuntimeConfigInput = {}): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    const field = issue.path.map(String).join('.') || '(the configuration)';
    return `${field}: ${issue.message} (got ${describeValue(input, issue.path)})`;
  });
  throw new RuntimeConfigError(`Invalid runtime configuration: ${problems.join('; ')}`);
}

/**
 * One worker per logical core, at least 1, at most maxConcurrentWorkers. The page needs no core of
 * its own: it is idle while the workers run (a request asks for few updates), and when it is busy
 * the system shares the cores, which keeps it responsive (the long-task check in the end-to-end
 * tests watches that).
 */
export function poolSize(config: RuntimeConfig, hardwareConcurrency: number): number {
  const wanted = config.workerCount === 'auto' ? Math.max(1, Math.floor(hardwareConcurrency)) : config.workerCount;
  return Math.max(1, Math.min(config.maxConcurrentWorkers, wanted));
}
