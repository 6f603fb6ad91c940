// Module Web Workers for the browser, driven through Comlink. Shared memory is used when the page
// is cross-origin isolated; otherwise the runtime runs in message mode and says so.
import { sharedMemoryAvailable } from './board.ts';
import { ComlinkWorkerHandle, type Executor, type WorkerHandle, type WorkerPort } from './executor.ts';
import type { ControlMode, WorkerInit } from './types.ts';

export interface BrowserExecutorOptions {
  /** Force message mode even where shared memory is available (diagnostics). */
  forceMessageMode?: boolean;
}

function webWorkerPort(index: number): WorkerPort {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `simulation-${index}` });
  const deathListeners: Array<(reason: string) => void> = [];
  const die = (reason: string) => deathListeners.forEach((l) => l(reason));
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    die(`simulation worker ${index} crashed: ${e.message || 'the worker script failed to load or threw outside a call'}`);
  });
  worker.addEventListener('messageerror', () => die(`simulation worker ${index} sent a message that could not be read`));
  return {
    endpoint: worker,
    onDeath: (l) => deathListeners.push(l),
    terminate: () => worker.terminate(),
  };
}

export class BrowserExecutor implements Executor {
  readonly mode: ControlMode;
  readonly hardwareConcurrency: number;

  constructor(options: BrowserExecutorOptions = {}) {
    this.mode = !options.forceMessageMode && sharedMemoryAvailable() ? 'shared' : 'message';
    this.hardwareConcurrency = Math.max(1, navigator.hardwareConcurrency || 1);
  }

  spawn(init: WorkerInit): WorkerHandle {
    return new ComlinkWorkerHandle(webWorkerPort(init.workerIndex), init);
  }
}
