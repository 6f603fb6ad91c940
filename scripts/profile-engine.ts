// Engine throughput on one thread, for profiling and for side-by-side comparisons: compiles a
// scenario (the reference fight by default) and runs lean chunks on this thread, printing the runs
// per second of each chunk (wall clock and per second of CPU time) and the best of them.
//   npx tsx scripts/profile-engine.ts [--runs 100000] [--chunks 5] [--scenario file.json] [--engine dir]
// `--engine` points at another copy of src/engine (an older version, say) so two versions can be
// measured alternately in separate processes. Run under `node --cpu-prof --import tsx` to profile.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as localEngine from '../src/engine/index.ts';
import { loadScenarioText } from '../src/scenario/index.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const runs = Number(flag('runs', '100000'));
const chunks = Number(flag('chunks', '5'));
const file = flag('scenario', new URL('../scenarios/reference-fight.json', import.meta.url).pathname);
const engineDir = process.argv.includes('--engine') ? resolve(flag('engine', '')) : null;
const SEED = 12345;

interface EngineModule {
  compileScenario: (spec: unknown) => { layout: unknown };
  emptyAggregate: (layout: unknown) => unknown;
  Simulator: new (compiled: unknown) => { runChunk(seed: number, from: number, to: number, agg: unknown): number };
}

async function main(): Promise<void> {
  const engine = (engineDir ? await import(pathToFileURL(`${engineDir}/index.ts`).href) : localEngine) as EngineModule;
  const spec = loadScenarioText(readFileSync(file, 'utf8'), file).spec;
  const sim = new engine.Simulator(engine.compileScenario(spec));
  const agg = engine.emptyAggregate(engine.compileScenario(spec).layout);
  sim.runChunk(SEED, 0, 20_000, agg); // warm-up for the JIT
  let next = 20_000;
  let bestWall = 0, bestCpu = 0;
  const rates: string[] = [];
  for (let k = 0; k < chunks; k++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    sim.runChunk(SEED, next, next + runs, agg);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    next += runs;
    const wall = (runs / wallMs) * 1000, perCpu = (runs / cpuMs) * 1000;
    bestWall = Math.max(bestWall, wall);
    bestCpu = Math.max(bestCpu, perCpu);
    rates.push(Math.round(wall / 1000).toString());
  }
  console.log(`${engineDir ?? 'src/engine'}: best ${Math.round(bestWall).toLocaleString('en-US')} runs/s wall, ${Math.round(bestCpu).toLocaleString('en-US')} per CPU second `
    + `(chunks of ${runs.toLocaleString('en-US')}, thousands/s: ${rates.join(' ')})`);
}

void main();
