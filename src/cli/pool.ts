// Runs a scenario on several worker threads: the runs are cut into chunks that free workers
// take in turn, and the chunk aggregates merge exactly, so the numbers do not depend on how many
// workers there were or which finished first.
import { Worker } from 'node:worker_threads';
import { compileScenario, emptyAggregate, mergeInto, Simulator, type Aggregate, type AggregateOptions, type ScenarioSpec } from '../engine/index.ts';

export interface ParallelOptions {
  seed: number;
  runs: number;
  workers: number;
  chunk: number;
}

/** One thread, no workers: the reference every parallel result must equal. */
export function runInProcess(spec: ScenarioSpec, seed: number, runs: number): Aggregate {
  const sim = new Simulator(compileScenario(spec));
  const agg = emptyAggregate(sim.scenario.layout);
  sim.runChunk(seed, 0, runs, agg);
  return agg;
}

export async function runParallel(spec: ScenarioSpec, options: ParallelOptions): Promise<Aggregate> {
  const { seed, runs, chunk } = options;
  const layout = compileScenario(spec).layout;
  const total = emptyAggregate(layout);
  if (options.workers <= 1) return mergeInto(total, runInProcess(spec, seed, runs));
  const chunks: Array<[number, number]> = [];
  for (let from = 0; from < runs; from += chunk) chunks.push([from, Math.min(runs, from + chunk)]);
  const count = Math.min(options.workers, chunks.length);
  const boot = new URL('./worker-boot.mjs', import.meta.url);
  const entry = new URL('./chunk-worker.ts', import.meta.url).href;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(boot, { workerData: { spec, seed, entry } });
          workers.push(w);
          const next = () => {
            const c = chunks.shift();
            if (!c) {
              resolve();
              return;
            }
            w.postMessage({ from: c[0], to: c[1] });
          };
          w.on('message', (msg: { agg: Aggregate }) => {
            mergeInto(total, msg.agg);
            next();
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`a worker thread stopped with exit code ${code}`));
          });
          next();
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return total;
}

/**
 * Worker threads that stay up for many small jobs (a search asks for dozens of batches, and
 * starting threads for each would cost more than the runs). Each job's range is cut into one
 * piece per worker and the pieces merge exactly, as in runParallel.
 */
export class RangePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly known = new Map<Worker, Set<number>>();
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly specIds = new WeakMap<ScenarioSpec, number>();
  private readonly pending = new Map<number, { resolve: (a: Aggregate) => void; reject: (e: Error) => void }>();
  private nextSpecId = 1;
  private nextJob = 1;
  private failure: Error | null = null;
  private started = 0;
  /** Every thread has loaded the engine (a job sent earlier waits for it). */
  ready = false;

  constructor(size: number) {
    const boot = new URL('./worker-boot.mjs', import.meta.url);
    const entry = new URL('./range-worker.ts', import.meta.url).href;
    for (let i = 0; i < size; i++) {
      const w = new Worker(boot, { workerData: { entry } });
      w.on('message', (msg: { job: number; agg: Aggregate } | { ready: true }) => {
        if ('ready' in msg) {
          if (++this.started === size) this.ready = true;
          return;
        }
        this.pending.get(msg.job)?.resolve(msg.agg);
        this.pending.delete(msg.job);
        this.release(w);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker thread stopped with exit code ${code}`));
      });
      this.workers.push(w);
      this.known.set(w, new Set());
      this.idle.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private async piece(spec: ScenarioSpec, specId: number, seed: number, from: number, to: number, options: AggregateOptions): Promise<Aggregate> {
    if (this.failure) throw this.failure;
    const w = await this.acquire();
    const seen = this.known.get(w)!;
    const job = this.nextJob++;
    const result = new Promise<Aggregate>((resolve, reject) => this.pending.set(job, { resolve, reject }));
    w.postMessage({ job, specId, spec: seen.has(specId) ? undefined : spec, seed, from, to, runOutcomes: options.runOutcomes === true });
    seen.add(specId);
    return result;
  }

  /** The aggregate of runs [from, to) of `spec` with base seed `seed`. */
  async run(spec: ScenarioSpec, seed: number, from: number, to: number, options: AggregateOptions = {}): Promise<Aggregate> {
    let specId = this.specIds.get(spec);
    if (specId === undefined) this.specIds.set(spec, (specId = this.nextSpecId++));
    const pieces = Math.max(1, Math.min(this.workers.length, Math.floor((to - from) / 100)));
    const bounds = Array.from({ length: pieces + 1 }, (_, i) => from + Math.round(((to - from) * i) / pieces));
    const parts = await Promise.all(bounds.slice(1).map((end, i) => this.piece(spec, specId, seed, bounds[i], end, options)));
    // The parts arrived as copies from the threads, so the first can take the others.
    const [total, ...rest] = parts;
    for (const p of rest) mergeInto(total, p);
    return total;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
