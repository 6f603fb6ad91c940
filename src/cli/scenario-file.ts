// What the search commands (find, explain) share: the command's frame (arguments, help, messages
// and exit codes for what the user got wrong), reading a scenario file with a size limit and a
// message that names the file, and an evaluator that runs batches of runs in this thread and starts
// worker threads for large batches.
import { readFileSync, statSync } from 'node:fs';
import { compileScenario, runChunk, Simulator, type AggregateOptions, type ScenarioSpec } from '../engine/index.ts';
import { loadScenarioText, ScenarioError, type LoadedScenario } from '../scenario/index.ts';
import { incrementalEvaluator, type Evaluator } from '../scenario/analysis/how-many.ts';
import { ArgsError } from './args.ts';
import { RangePool } from './pool.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A batch of this many new runs starts the worker threads. */
const POOL_AFTER_RUNS = 4000;

/** A problem the user can fix, printed without a stack. */
export class UserError extends Error {}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a command and exits: bad arguments print the message and the usage (exit 2); --help the
 * usage; a ScenarioError (with each problem), a UserError or one of `userErrors` its message
 * without a stack (exit 1); anything else is an unexpected failure, with its stack.
 */
export function runCommand<A extends { help: boolean }>(
  name: string, usage: string, parse: (argv: string[]) => A, body: (args: A) => Promise<number>, userErrors: ErrorClass[] = [],
): void {
  const main = async (): Promise<number> => {
    let args: A;
    try {
      args = parse(process.argv.slice(2));
    } catch (e) {
      if (!(e instanceof ArgsError)) throw e;
      console.error(`${name}: ${e.message}\n\n${usage}`);
      return 2;
    }
    if (args.help) {
      console.log(usage);
      return 0;
    }
    try {
      return await body(args);
    } catch (e) {
      if (e instanceof ScenarioError) {
        console.error(`${name}: ${e.message}`);
        for (const issue of e.issues.slice(1)) console.error(`  - ${issue.path}: ${issue.message}`);
        return 1;
      }
      if (e instanceof UserError || userErrors.some((c) => e instanceof c)) {
        console.error(`${name}: ${(e as Error).message}`);
        return 1;
      }
      throw e;
    }
  };
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`${name}: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      process.exit(1);
    },
  );
}

/** The file's text; a UserError naming the file when it is too large or cannot be read. */
export function readScenarioText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) throw new UserError(`${file} is ${(size / 1048576).toFixed(1)} MB, over the 5 MB limit for a scenario file`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Reads and loads a scenario file (a ScenarioError names what is wrong in it). */
export const readScenarioFile = (file: string): LoadedScenario => loadScenarioText(readScenarioText(file), file);

export interface BatchEvaluator {
  evaluate: Evaluator;
  /** Stops the worker threads, if any started. */
  close(): Promise<void>;
}

/**
 * Runs only the runs not run yet (incrementalEvaluator), in this thread; with `workers` above 1,
 * threads start with the first batch of POOL_AFTER_RUNS new runs and take over once they are up
 * (threads take longer to start than a few hundred runs take here).
 */
export function batchEvaluator(workers: number, options: AggregateOptions = {}): BatchEvaluator {
  let pool: RangePool | null = null;
  const sims = new WeakMap<ScenarioSpec, Simulator>();
  const inThisThread = async (spec: ScenarioSpec, seed: number, from: number, to: number) => {
    let sim = sims.get(spec);
    if (!sim) sims.set(spec, (sim = new Simulator(compileScenario(spec))));
    return runChunk(sim, seed, from, to, options);
  };
  const evaluate = incrementalEvaluator((spec, seed, from, to) => {
    if (workers > 1 && !pool && to - from >= POOL_AFTER_RUNS) pool = new RangePool(workers);
    return pool?.ready ? pool.run(spec, seed, from, to, options) : inThisThread(spec, seed, from, to);
  });
  return { evaluate, close: async () => pool?.close() };
}
