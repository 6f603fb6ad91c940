// worker_threads through Comlink: the runtime's real-worker adapter for Node (unit tests, and any
// Node tool that wants the scheduler). Each thread loads node-worker-entry.ts via a tsx bootstrap.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ComlinkWorkerHandle, type Executor, type WorkerHandle, type WorkerPort } from '../executor.ts';
import type { ControlMode, WorkerInit } from '../types.ts';
import { nodeEndpoint } from './node-endpoint.ts';

export interface NodeExecutorOptions {
  mode?: ControlMode;
}

export class NodeExecutor implements Executor {
  readonly mode: ControlMode;
  readonly hardwareConcurrency = availableParallelism();
  /** Live threads, so a test can kill one mid-chunk the way a crash would. */
  readonly threads = new Map<number, Worker>();

  constructor(options: NodeExecutorOptions = {}) {
    this.mode = options.mode ?? 'shared';
  }

  spawn(init: WorkerInit): WorkerHandle {
    const boot = new URL('./worker-boot.mjs', import.meta.url);
    const entry = new URL('./node-worker-entry.ts', import.meta.url).href;
    const worker = new Worker(boot, { workerData: { entry } });
    this.threads.set(init.workerIndex, worker);
    let expectedExit = false;
    const deathListeners: Array<(reason: string) => void> = [];
    const die = (reason: string) => deathListeners.forEach((l) => l(reason));
    worker.on('error', (e) => die(`worker thread ${init.workerIndex} crashed: ${e.message}`));
    worker.on('exit', (code) => {
      if (this.threads.get(init.workerIndex) === worker) this.threads.delete(init.workerIndex);
      if (!expectedExit) die(`worker thread ${init.workerIndex} stopped with exit code ${code}`);
    });
    const port: WorkerPort = {
      endpoint: nodeEndpoint(worker),
      onDeath: (l) => deathListeners.push(l),
      terminate: () => {
        expectedExit = true;
        void worker.terminate();
      },
    };
    return new ComlinkWorkerHandle(port, init);
  }
}
