// How many runs a request's next chunk gets: small at first, so the first answer comes from every
// worker at once, then about a target time's worth, and never more than a worker's fair share of
// what is left, so the workers end a request together.
import type { RequestRecord } from './request-record.ts';
import { estimateRunsNeeded, runLimit } from './settings.ts';
import { FIRST_ANSWER_RUNS } from './types.ts';

/** Runs fewer than this are not worth a chunk of their own when spreading over workers. */
const MIN_SPREAD_CHUNK = 64;

export interface ChunkSizing {
  /** Most runs in one chunk (the shared-memory or the message-mode limit). */
  cap: number;
  /** Aim for chunks of about this many milliseconds once the request's speed is known. */
  targetChunkMs: number;
  workerCount: number;
}

/**
 * Chunk size: at first, a share of the first answer's runs for each worker, so every worker works
 * on it and it comes as soon as they all have compiled the scenario and run their part; then,
 * once the request's speed is known, about targetChunkMs of work, but no
 * more than this worker's fair share of what the request has left (its unissued runs and those in
 * flight, over every worker), so the workers end together. Counting the runs in flight keeps the
 * end of a request from being cut into ever smaller chunks, each a round trip to a worker.
 */
export function chunkSize(r: RequestRecord, { cap, targetChunkMs, workerCount }: ChunkSizing): number {
  const workerRate = r.progress.workerRate;
  let size = workerRate === null
    ? Math.max(MIN_SPREAD_CHUNK, Math.ceil(FIRST_ANSWER_RUNS / workerCount))
    : Math.round(workerRate * targetChunkMs);
  const ledger = r.ledger;
  const limit = ledger.draining ? ledger.nextIndex : r.target.kind === 'precision'
    ? estimateRunsNeeded(r.target, r.aggregate?.dayVictory ?? 0, ledger.runsDone) : runLimit(r.target);
  let inFlight = 0;
  for (const f of r.inFlight) if (f.kind === 'simulate') inFlight += f.to - f.from;
  const share = Math.ceil((ledger.unissued(limit) + inFlight) / workerCount);
  size = Math.min(size, Math.max(MIN_SPREAD_CHUNK, share));
  return Math.max(1, Math.min(cap, size));
}
