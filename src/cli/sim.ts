// `npm run sim -- <file> [--runs N] [--seed S] [--workers W] [--json]`: simulates a scenario on
// every core with worker threads and prints a summary. Same seed, same numbers, any --workers.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ENGINE_VERSION, summarize, compileScenario } from '../engine/index.ts';
import { describeDuration, loadScenarioText, runCostProblem, ScenarioError } from '../scenario/index.ts';
import { ArgsError, parseSimArgs, SIM_USAGE } from './args.ts';
import { formatSummary } from './format.ts';
import { runParallel } from './pool.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Whether the file loads but for its estimated cost, so --force would run it. */
function onlyTooExpensive(text: string, file: string): boolean {
  try {
    return runCostProblem(loadScenarioText(text, file, { allowExpensive: true }).cost) !== null;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseSimArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ArgsError) {
      console.error(`sim: ${e.message}\n\n${SIM_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    console.log(SIM_USAGE);
    return 0;
  }
  let text: string;
  try {
    const size = statSync(args.file).size;
    if (size > MAX_FILE_BYTES) {
      console.error(`sim: ${args.file} is ${(size / 1048576).toFixed(1)} MB, over the 5 MB limit for a scenario file`);
      return 1;
    }
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    console.error(`sim: cannot read ${args.file}: ${(e as Error).message}`);
    return 1;
  }
  let loaded;
  try {
    loaded = loadScenarioText(text, args.file, { allowExpensive: args.force });
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(`sim: ${e.message}`);
      if (onlyTooExpensive(text, args.file)) console.error('  To simulate it all the same, add --force.');
      for (const issue of e.issues.slice(1)) console.error(`  - ${issue.path}: ${issue.message}`);
      return 1;
    }
    throw e;
  }
  const runs = args.runs ?? loaded.run.runs ?? 10_000;
  const seed = args.seed ?? loaded.run.seed ?? 1;
  const workers = args.workers ?? Math.max(1, availableParallelism());
  const chunk = args.chunk ?? 2000;
  if (args.force && runCostProblem(loaded.cost)) {
    console.error(`sim: --force: simulating a scenario estimated at ${describeDuration(loaded.cost.perRunUs)} of one core per run, `
      + `about ${describeDuration((loaded.cost.perRunUs * runs) / workers)} for ${runs.toLocaleString('en-US')} runs on ${workers} workers`);
  }
  const started = performance.now();
  const agg = await runParallel(loaded.spec, { seed, runs, workers, chunk });
  const elapsedMs = performance.now() - started;
  const summary = summarize(agg, compileScenario(loaded.spec).layout);
  if (args.json) {
    console.log(JSON.stringify({
      name: loaded.name, source: loaded.source, engineVersion: ENGINE_VERSION, seed, workers,
      elapsedMs: Math.round(elapsedMs), runsPerSecond: Math.round((runs / elapsedMs) * 1000),
      warnings: loaded.warnings, warningGroups: loaded.warningGroups.map((g) => ({ title: g.title, count: g.warnings.length })), ...summary,
    }));
  } else {
    console.log(formatSummary(summary, { name: loaded.name, seed, workers, elapsedMs, warnings: loaded.warnings, warningGroups: loaded.warningGroups }));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`sim: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exit(1);
  },
);
