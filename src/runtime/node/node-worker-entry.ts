// The worker_threads entry: the same engine API as the browser worker, exposed through Comlink
// over the thread's parent port.
import * as Comlink from 'comlink';
import { parentPort } from 'node:worker_threads';
import { createEngineApi } from '../engine-api.ts';
import { nodeEndpoint } from './node-endpoint.ts';

if (parentPort) Comlink.expose(createEngineApi(), nodeEndpoint(parentPort));
