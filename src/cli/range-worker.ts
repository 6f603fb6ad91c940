// A worker thread of the CLI's lasting pool: runs any range of runs of any scenario it is sent,
// compiling each scenario once (it is sent with its first range and named by an id after that).
import { parentPort } from 'node:worker_threads';
import { compileScenario, emptyAggregate, Simulator, type ScenarioSpec } from '../engine/index.ts';

export interface RangeMessage {
  job: number;
  specId: number;
  /** Sent with the first range of a scenario to this worker only. */
  spec?: ScenarioSpec;
  seed: number;
  from: number;
  to: number;
  /** Keep each run's outcome in the aggregate (for paired comparisons). */
  runOutcomes?: boolean;
}

/** Compiled scenarios by id; a search uses a few dozen at most, so a small cap keeps memory flat. */
const sims = new Map<number, Simulator>();
const KEEP = 16;

parentPort!.on('message', (msg: RangeMessage) => {
  let sim = sims.get(msg.specId);
  if (!sim) {
    if (!msg.spec) throw new Error(`scenario ${msg.specId} was never sent to this worker`);
    sim = new Simulator(compileScenario(msg.spec));
    sims.set(msg.specId, sim);
    if (sims.size > KEEP) sims.delete(sims.keys().next().value!);
  }
  const agg = emptyAggregate(sim.scenario.layout, { runOutcomes: msg.runOutcomes === true });
  sim.runChunk(msg.seed, msg.from, msg.to, agg);
  parentPort!.postMessage({ job: msg.job, agg });
});

parentPort!.postMessage({ ready: true });
