// Node worker threads start here: register tsx so the TypeScript entry can load, then load it.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
