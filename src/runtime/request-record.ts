// A request as the scheduler keeps it, and a chunk of it in flight. The record gathers the parts
// the other modules own (its ledger of runs, its progress, its update throttle) with the policy's
// own state (priority, pause and stop requests, phase), so the scheduler holds one object per
// request and every module sees the same one.
import type { Aggregate, AggregateLayout } from '../engine/index.ts';
import { RequestProgress, type UpdateSource } from './progress.ts';
import { RequestLedger, type PendingRange } from './request-ledger.ts';
import { extrasOf } from './settings.ts';
import type {
  PauseReason, Phase, Priority, RepresentativeReplay, RequestSnapshot, RequestState, RunExtras, RunSettings, SubmittedScenario,
} from './types.ts';
import type { PoolWorker } from './worker-pool.ts';

export interface InFlight {
  record: RequestRecord;
  worker: PoolWorker<InFlight>;
  kind: 'simulate' | 'replay';
  from: number;
  to: number;
  attempts: number;
  startedAt: number;
  /** The record's generation when it was issued: a chunk from an older one is thrown away. */
  generation: number;
}

export type Stopping = 'pause' | 'preempt' | 'cancel';

export interface RequestRecord extends UpdateSource {
  readonly id: string;
  readonly seq: number;
  readonly key: string;
  readonly scenario: SubmittedScenario;
  readonly seed: number;
  target: RunSettings['target'];
  /** Per-run outcomes kept, replays skipped: part of the key. */
  readonly extras: RunExtras;
  priority: Priority;
  state: RequestState;
  phase: Phase;
  pausedBy: PauseReason | null;
  stopping: Stopping | null;
  stopRequestedAt: number;
  pauseAfterStop: PauseReason;
  /** Whether the result store has yet to say if it holds this request's answer (chunks run meanwhile). */
  lookupPending: boolean;
  /**
   * Runs all done before the lookup answered: 'waiting' for it, or 'over' once it took too long and
   * the request goes on with its own answer.
   */
  lookupWait: 'none' | 'waiting' | 'over';
  /** Bumped when the store's result replaces the runs so far: chunks issued before are discarded. */
  generation: number;
  layout: AggregateLayout | null;
  aggregate: Aggregate | null;
  aggregateVersion: number;
  copy: { version: number; aggregate: Aggregate } | null;
  /** Replaced whole when a checkpoint's runs are taken over. */
  ledger: RequestLedger;
  readonly progress: RequestProgress;
  inFlight: Set<InFlight>;
  slot: number | null;
  replayQueue: PendingRange[];
  /** The runs to replay, sorted; replayQueue's ranges index this list. */
  replayRuns: number[];
  replayLabels: Map<number, string[]>;
  replays: RepresentativeReplay[];
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  submissions: number;
  fromStore: boolean;
  error: string | null;
  lastProgressAt: number;
  progressTimer: unknown;
  waiters: Array<(s: RequestSnapshot) => void>;
}

export function newRequestRecord(
  id: string, seq: number, key: string, scenario: SubmittedScenario, settings: RunSettings, priority: Priority,
  now: number, lookupPending: boolean,
): RequestRecord {
  return {
    id, seq, key, scenario, seed: settings.seed, target: settings.target, extras: extrasOf(settings), priority,
    state: 'queued', phase: 'queued', pausedBy: null, stopping: null, stopRequestedAt: 0, pauseAfterStop: 'user',
    lookupPending, lookupWait: 'none', generation: 0, layout: null, aggregate: null, aggregateVersion: 0, copy: null,
    ledger: new RequestLedger(), progress: new RequestProgress(), inFlight: new Set(), slot: null,
    replayQueue: [], replayRuns: [], replayLabels: new Map(), replays: [],
    submittedAt: now, startedAt: null, finishedAt: null,
    submissions: 1, fromStore: false, error: null, lastProgressAt: -Infinity, progressTimer: null, waiters: [],
  };
}
