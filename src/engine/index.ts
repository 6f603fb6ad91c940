// The engine: D&D 5e rules, dice, seeded random numbers, combat and the adventuring day, and
// mergeable statistics. Pure TypeScript with no DOM, Node or worker API, so the same code runs
// in tests, the CLI, benchmarks and Web Workers. Compile a scenario once, then run chunks of run
// indices; run i with base seed S is the same fight wherever it is computed.

import { compileScenario } from './compile.ts';
import type { CompiledScenario } from './compiled.ts';
import { Simulator } from './simulator.ts';
import type { LogEvent } from './log.ts';
import { emptyAggregate, mergeInto, type Aggregate, type AggregateOptions } from './stats.ts';
import type { ScenarioSpec } from './types.ts';

export { ENGINE_VERSION } from './version.ts';

export * from './types.ts';
export { parseDice, rollDice, diceMean, diceMin, diceMax, formatDice, DiceError, type DiceExpr, type DiceTerm } from './dice.ts';
export { Rng, type DieSource } from './rng.ts';
export { compileScenario, CompileError } from './compile.ts';
export type { CompiledScenario } from './compiled.ts';
export { Simulator, type RunResult } from './simulator.ts';
export {
  emptyAggregate, mergeInto, runSeverity, RUN_SOMEONE_DIED, RUN_WON, type Aggregate, type AggregateLayout, type AggregateOptions, type RunOutcomeSegment, type SummonedEnemy,
} from './stats.ts';
export { summarize, wilson, proportion, histogramQuantile, type Summary, type Proportion } from './summary.ts';
export type { LogEvent, EncounterOutcome } from './log.ts';

/** Runs `[from, to)` of a compiled scenario into a fresh aggregate. */
export function runChunk(sim: Simulator, seed: number, from: number, to: number, options?: AggregateOptions): Aggregate {
  const agg = emptyAggregate(sim.scenario.layout, options);
  sim.runChunk(seed, from, to, agg);
  return agg;
}

/** Convenience for tests and the CLI: compile and run `runs` runs in one chunk. */
export function simulate(spec: ScenarioSpec | CompiledScenario, seed: number, runs: number): Aggregate {
  const compiled = 'layout' in spec ? spec : compileScenario(spec);
  return runChunk(new Simulator(compiled), seed, 0, runs);
}

/** Re-simulates one run with a full event log. */
export function replayRun(compiled: CompiledScenario, seed: number, run: number): { events: LogEvent[]; outcome: string } {
  const sim = new Simulator(compiled);
  const { result, events } = sim.replay(seed, run, emptyAggregate(compiled.layout));
  return { events, outcome: result.outcome };
}

export function mergeAll(aggregates: Aggregate[]): Aggregate {
  if (aggregates.length === 0) throw new Error('Nothing to merge');
  const [first, ...rest] = aggregates;
  const target = JSON.parse(JSON.stringify(first)) as Aggregate;
  for (const a of rest) mergeInto(target, a);
  return target;
}
