// What the scheduler needs from a place that runs chunks: an Executor that starts workers, and a
// handle per worker. Three executors implement it: Web Workers through Comlink (the browser),
// worker_threads through Comlink (Node tests), and a fake whose chunks a test completes by hand.
import * as Comlink from 'comlink';
import type { AggregateLayout, ScenarioSpec } from '../engine/index.ts';
import type { EngineApi } from './engine-api.ts';
import type { ChunkJob, ChunkResult, ControlMode, WorkerInit } from './types.ts';

/** The worker is gone: it crashed, ran out of memory, was terminated, or hung and was stopped. */
export class WorkerLostError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WorkerLostError';
  }
}

export interface WorkerHandle {
  readonly index: number;
  prepare(requestId: string, spec: ScenarioSpec): Promise<AggregateLayout>;
  runChunk(job: ChunkJob): Promise<ChunkResult>;
  release(requestId: string): void;
  /**
   * Loads the engine and runs it for about budgetMs so its code is optimised, on `spec` when given
   * (the scenario the next request most likely resembles); never fails (a lost worker is replaced at use).
   */
  warm(budgetMs: number, spec?: ScenarioSpec): void;
  /** Message mode: sends a control word; shared mode never calls it. */
  setControl(slot: number, value: number): void;
  /** Stops the worker at once; pending calls reject with WorkerLostError(reason). */
  terminate(reason: string): void;
  /** Called once when the worker is lost for any reason. */
  onLost(listener: (error: WorkerLostError) => void): void;
}

export interface Executor {
  readonly mode: ControlMode;
  /** Logical cores as the platform reports them. */
  readonly hardwareConcurrency: number;
  spawn(init: WorkerInit): WorkerHandle;
}

/** The part of a worker that differs between Web Workers and worker_threads. */
export interface WorkerPort {
  endpoint: Comlink.Endpoint;
  /** Reports a crash or an exit that the runtime did not ask for. */
  onDeath(listener: (reason: string) => void): void;
  terminate(): void;
}

/**
 * Wraps a worker's Comlink proxy: a crash or a terminate rejects every pending call instead of
 * leaving it unanswered forever. Pending calls are held only until they settle: racing each call
 * against one long-lived "lost" promise would leave a reaction on it per call, each keeping its
 * settled result (a chunk's aggregate) alive for as long as the worker lives.
 */
export class ComlinkWorkerHandle implements WorkerHandle {
  readonly index: number;
  private readonly port: WorkerPort;
  private readonly remote: Comlink.Remote<EngineApi>;
  private readonly ready: Promise<unknown>;
  private lostError: WorkerLostError | null = null;
  private readonly lostListeners: Array<(error: WorkerLostError) => void> = [];
  /** The reject functions of the calls not settled yet. */
  private readonly pending = new Set<(error: WorkerLostError) => void>();

  constructor(port: WorkerPort, init: WorkerInit) {
    this.index = init.workerIndex;
    this.port = port;
    this.remote = Comlink.wrap<EngineApi>(port.endpoint);
    port.onDeath((reason) => this.markLost(reason));
    this.ready = this.guard(this.remote.init(init));
    // Callers await `ready` and see its failure; this only keeps an unawaited failure from being reported as unhandled.
    this.ready.catch(() => undefined);
  }

  private markLost(reason: string): void {
    if (this.lostError) return;
    const error = new WorkerLostError(reason);
    this.lostError = error;
    for (const reject of this.pending) reject(error);
    this.pending.clear();
    for (const l of this.lostListeners) l(error);
  }

  private guard<T>(call: Promise<T>): Promise<T> {
    if (this.lostError) return Promise.reject(this.lostError);
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      call.then((value) => {
        this.pending.delete(reject);
        resolve(value);
      }, (e: unknown) => {
        this.pending.delete(reject);
        reject(e);
      });
    });
  }

  async prepare(requestId: string, spec: ScenarioSpec): Promise<AggregateLayout> {
    await this.ready;
    return this.guard(this.remote.prepare(requestId, spec));
  }

  async runChunk(job: ChunkJob): Promise<ChunkResult> {
    await this.ready;
    return this.guard(this.remote.runChunk(job));
  }

  release(requestId: string): void {
    if (!this.lostError) this.remote.release(requestId).catch(() => undefined);
  }

  warm(budgetMs: number, spec?: ScenarioSpec): void {
    if (!this.lostError) this.ready.then(() => this.remote.warm(budgetMs, spec)).catch(() => undefined);
  }

  setControl(slot: number, value: number): void {
    if (!this.lostError) this.remote.setControl(slot, value).catch(() => undefined);
  }

  terminate(reason: string): void {
    if (!this.lostError) this.port.terminate();
    this.markLost(reason);
  }

  onLost(listener: (error: WorkerLostError) => void): void {
    if (this.lostError) listener(this.lostError);
    else this.lostListeners.push(listener);
  }
}
