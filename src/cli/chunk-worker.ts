// A worker thread of the CLI pool: compiles the scenario once, then runs the chunks it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { compileScenario, emptyAggregate, Simulator, type ScenarioSpec } from '../engine/index.ts';

export interface ChunkMessage {
  from: number;
  to: number;
}

const { spec, seed } = workerData as { spec: ScenarioSpec; seed: number; entry: string };
const sim = new Simulator(compileScenario(spec));

parentPort!.on('message', (msg: ChunkMessage) => {
  const agg = emptyAggregate(sim.scenario.layout);
  sim.runChunk(seed, msg.from, msg.to, agg);
  parentPort!.postMessage({ from: msg.from, to: msg.to, agg });
});
