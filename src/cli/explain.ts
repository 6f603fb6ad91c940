// `npm run explain -- <file> [--json]`: what decides the fight, each small change's effect on victory
// and on "someone dies", ranked. The method is scenario/analysis/explain.ts; this shell loads the
// file and evaluates the base and the changes (with per-run outcomes, for the pairing).
import { explain, EXPLAIN_SCHEDULE, ExplainError, explainQuery } from '../scenario/analysis/explain.ts';
import { EXPLAIN_USAGE, parseExplainArgs } from './explain-args.ts';
import { explainJson, formatExplain } from './explain-report.ts';
import { batchEvaluator, readScenarioFile, runCommand } from './scenario-file.ts';

runCommand('explain', EXPLAIN_USAGE, parseExplainArgs, async (args) => {
  const started = performance.now();
  const loaded = readScenarioFile(args.file);
  const seed = args.seed ?? loaded.run.seed ?? 1;
  const schedule = [...EXPLAIN_SCHEDULE.filter((r) => r < args.runs), args.runs];
  const precision = args.precision / 100;
  const { query, skipped } = explainQuery(loaded.spec, { seed, schedule, precision });
  const workers = args.workers ?? 1;
  const evaluator = batchEvaluator(workers, { runOutcomes: true });
  try {
    const result = await explain(loaded.spec, query, evaluator.evaluate);
    const info = { scenarioName: loaded.name, seed, cap: args.runs, precision, workers, skipped, elapsedMs: performance.now() - started };
    console.log(args.json ? JSON.stringify(explainJson(result, info)) : formatExplain(result, info));
    return 0;
  } finally {
    await evaluator.close();
  }
}, [ExplainError]);
