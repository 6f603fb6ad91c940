// `npm run bench`: engine throughput in lean mode on fixed scenarios, on one thread and on all
// threads, the build's sizes, then the app in headless Chromium (scripts/bench-browser.mjs): time
// to answer, the heap over 200 simulations, and throughput through the real runtime. Prints
// everything and writes bench/results/latest.json (and browser.json). Figures only: nothing is
// asserted. The browser part serves the app on BENCH_PORT (4174 unless set).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { compileScenario, emptyAggregate, ENGINE_VERSION, Simulator, type ScenarioSpec } from '../engine/index.ts';
import { BAND_PRESETS } from '../scenario/analysis/bands.ts';
import { explain, explainQuery, type ExplainResult } from '../scenario/analysis/explain.ts';
import type { FindEncounterResult } from '../scenario/analysis/find-encounter.ts';
import { howMany, howManyQuery, type HowManyResult } from '../scenario/analysis/how-many.ts';
import { loadScenarioText } from '../scenario/index.ts';
import { measureBuild, type BuildSizes } from './build-size.ts';
import { runPoolSearch } from './find-pool.ts';
import { runParallel } from './pool.ts';
import { batchEvaluator } from './scenario-file.ts';

interface BenchScenario {
  id: string;
  file: URL;
  optional: boolean;
}

const root = new URL('../../', import.meta.url);
const scenarios: BenchScenario[] = [
  { id: 'reference-fight', file: new URL('scenarios/reference-fight.json', root), optional: false },
  { id: 'battlesim-kaelen2', file: new URL('../shared/reference/battlesim/kaelen2-party-of-four.json', root), optional: true },
];

const SEED = 12345;

/** Runs batches on this thread until `seconds` have passed; returns runs per second. */
function singleThread(spec: ScenarioSpec, seconds: number): number {
  const sim = new Simulator(compileScenario(spec));
  const agg = emptyAggregate(sim.scenario.layout);
  sim.runChunk(SEED, 0, 2000, agg); // warm-up for the JIT
  let runs = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    sim.runChunk(SEED, 2000 + runs, 2000 + runs + 1000, agg);
    runs += 1000;
    elapsed = performance.now() - started;
  }
  return (runs / elapsed) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ghouls = () => loadScenarioText(readFileSync(new URL('scenarios/ghouls-level-2.json', root), 'utf8'), 'ghouls-level-2').spec;

/** The How many? search of the README's worked example, as `npm run find` runs it by default. */
async function howManyBench() {
  const spec = ghouls();
  const times: number[] = [];
  let result: HowManyResult | null = null;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    result = await howMany(spec, howManyQuery(spec, { encounter: 0, enemy: 0, band: BAND_PRESETS.hard }), batchEvaluator(1).evaluate);
    times.push(performance.now() - started);
  }
  return {
    smallest: result!.smallest, largest: result!.largest, counts: result!.trials.length, runs: result!.runsTotal, medianMs: Math.round(median(times)),
  };
}

/** The README's Find an encounter example: undead of CR 1/4 to 3 for the level-2 party, Hard, defaults. */
async function poolBench() {
  const spec = ghouls();
  const times: number[] = [];
  let result: FindEncounterResult | null = null;
  const pool = { filter: 'cr=1/4-3,type=undead', kinds: 2, maxPerKind: 10, maxTotal: 12, maxRuns: 60_000, maxCandidates: 100, show: 10 };
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    ({ result } = await runPoolSearch({ spec, encounter: 0, scope: 'day', band: BAND_PRESETS.hard, seed: 1, cap: 8000, pool }, batchEvaluator(1).evaluate));
    times.push(performance.now() - started);
  }
  const t = result!.tried;
  return { ...t, best: result!.proposals[0]?.label ?? null, medianMs: Math.round(median(times)) };
}

/** "What decides this fight" as `npm run explain` runs it by default (seed 1), on one thread and on all. */
async function explainBench(file: string, repeats: number, threads: number) {
  const spec = loadScenarioText(readFileSync(new URL(`scenarios/${file}`, root), 'utf8'), file).spec;
  const once = async (workers: number) => {
    const started = performance.now();
    const evaluator = batchEvaluator(workers, { runOutcomes: true });
    const { query } = explainQuery(spec, { seed: 1 });
    try {
      return { result: await explain(spec, query, evaluator.evaluate), ms: performance.now() - started };
    } finally {
      await evaluator.close();
    }
  };
  const times: number[] = [];
  let result: ExplainResult | null = null;
  for (let i = 0; i < repeats; i++) {
    const run = await once(1);
    result = run.result;
    times.push(run.ms);
  }
  const all = threads > 1 ? Math.round((await once(threads)).ms) : null;
  const top = result!.effects[0];
  return {
    scenario: file, variants: result!.effects.length, runs: result!.runsTotal, medianMs: Math.round(median(times)), allThreadsMs: all,
    largest: top ? { change: top.variant.label, victory: top.victory.difference, dies: top.dies.difference } : null,
  };
}

async function main(): Promise<void> {
  const threads = Math.max(1, availableParallelism());
  const results: Array<Record<string, unknown>> = [];
  console.log(`Engine ${ENGINE_VERSION}, Node ${process.version}, ${threads} threads (${cpus()[0]?.model ?? 'unknown CPU'})`);
  console.log('');
  console.log('scenario                 one thread (runs/s)   all threads (runs/s)   all threads, 200k runs incl. start-up');
  for (const s of scenarios) {
    if (!existsSync(s.file)) {
      if (s.optional) {
        console.log(`${s.id.padEnd(25)}skipped: ${fileURLToPath(s.file)} is not here (shared reference data is absent)`);
        continue;
      }
      throw new Error(`bench scenario missing: ${fileURLToPath(s.file)}`);
    }
    const loaded = loadScenarioText(readFileSync(s.file, 'utf8'), s.id);
    const single = median([singleThread(loaded.spec, 2), singleThread(loaded.spec, 2), singleThread(loaded.spec, 2)]);
    const runs = 200_000;
    const started = performance.now();
    await runParallel(loaded.spec, { seed: SEED, runs, workers: threads, chunk: 5000 });
    const parallelMs = performance.now() - started;
    // Steady state across threads: a longer run amortises worker start-up.
    const longRuns = Math.max(runs, Math.round(single * threads * 4));
    const longStart = performance.now();
    await runParallel(loaded.spec, { seed: SEED, runs: longRuns, workers: threads, chunk: 10000 });
    const all = (longRuns / (performance.now() - longStart)) * 1000;
    console.log(`${s.id.padEnd(25)}${Math.round(single).toLocaleString('en-US').padStart(18)}   ${Math.round(all).toLocaleString('en-US').padStart(20)}   ${(parallelMs / 1000).toFixed(2).padStart(8)} s`);
    results.push({
      scenario: s.id, mode: 'lean', singleThreadRunsPerSecond: Math.round(single), threads,
      allThreadsRunsPerSecond: Math.round(all), allThreads200kRunsMs: Math.round(parallelMs),
    });
  }
  console.log('');
  const search = await howManyBench();
  console.log(`How many ghouls can a level-2 party of five handle at Hard (npm run find, one thread): ${search.smallest} to ${search.largest}, `
    + `${search.counts} counts and ${search.runs.toLocaleString('en-US')} runs in ${search.medianMs} ms (median of 3; the command adds Node's start-up)`);
  const found = await poolBench();
  console.log(`Find a Hard encounter for it from undead of CR 1/4 to 3 (npm run find --pool, one thread): ${found.inBand} in the band of ${found.evaluated} simulated `
    + `(best: ${found.best}), ${found.runs.toLocaleString('en-US')} runs in ${found.medianMs} ms (median of 3)`);
  const explained = [await explainBench('reference-fight.json', 3, threads), await explainBench('2024-party.json', 1, threads)];
  for (const e of explained) {
    console.log(`What decides this fight, ${e.scenario} (npm run explain, seed 1): ${e.variants} changes and ${e.runs.toLocaleString('en-US')} runs in `
      + `${e.medianMs} ms on one thread${e.allThreadsMs === null ? '' : ` and ${e.allThreadsMs} ms on ${threads}`}; largest: ${e.largest?.change ?? 'none'}`);
  }
  console.log('');
  let build: BuildSizes | null = null;
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: fileURLToPath(root), encoding: 'utf8' });
  if (built.status === 0) {
    build = measureBuild(fileURLToPath(new URL('dist/', root)));
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`Build: initial JavaScript ${kb(build.initialJsBytes)} (${kb(build.initialJsGzipBytes)} gzipped; budget 150 KB gzipped), all JavaScript ${kb(build.totalJsBytes)} (${kb(build.totalJsGzipBytes)} gzipped)`);
    for (const f of build.files) console.log(`  ${f.initial ? '*' : ' '} ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzipped`);
    console.log('  (* loaded by the first page view)');
  } else {
    console.log(`Build sizes skipped: vite build failed:\n${built.stderr}`);
  }
  // The app in headless Chromium on the same reference fight (the build above is reused): time to
  // answer, the heap over many simulations, and throughput with one worker and with all.
  console.log('');
  let browser: unknown = null;
  try {
    const { runBrowserBench } = (await import(new URL('scripts/bench-browser.mjs', root).href)) as {
      runBrowserBench: (o: { build: boolean; seconds: number; repeats: number }) => Promise<unknown>;
    };
    browser = await runBrowserBench({ build: build === null, seconds: 3, repeats: 3 });
  } catch (e) {
    console.log(`Browser measurements skipped: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out = {
    date: new Date().toISOString(), engineVersion: ENGINE_VERSION, node: process.version, cpu: cpus()[0]?.model ?? 'unknown',
    threads, results, howManyGhoulsHard: search, findUndeadHard: found, whatDecidesThisFight: explained, build, browser,
  };
  const dir = new URL('bench/results/', root);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('latest.json', dir), `${JSON.stringify(out, null, 2)}\n`);
  console.log('');
  console.log(`Written to bench/results/latest.json`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
