// Runs a scenario on several worker threads: the runs are cut into chunks that free workers
// take in turn, and the chunk aggregates merge exactly, so the numbers do not depend on how many
// workers there were or which finished first.
import { Worker } from 'node:worker_threads';
import { compileScenario, emptyAggregate, mergeInto, Simulator, type Aggregate, type ScenarioSpec } from '../engine/index.ts';

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
