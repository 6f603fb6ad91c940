// The Web Worker entry: exposes the engine API through Comlink. The guard keeps this module
// importable outside a worker (tests, type checks), where there is no scope to expose on.
import * as Comlink from 'comlink';
import { createEngineApi } from './engine-api.ts';

declare const WorkerGlobalScope: { new (): unknown } | undefined;

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  Comlink.expose(createEngineApi());
}
