// `npm run explain -- <file> [--json]`: what decides the fight, each small change's effect on victory
// and on "someone dies", ranked. The method is scenario/analysis/explain.ts; this shell loads the
// file and evaluates the base and the changes (with per-run outcomes, for the pairing).
import { ScenarioError } from '../scenario/index.ts';
import { explain, EXPLAIN_SCHEDULE, ExplainError, explainQuery } from '../scenario/analysis/explain.ts';
import { ArgsError } from './args.ts';
import { EXPLAIN_USAGE, parseExplainArgs } from './explain-args.ts';
import { explainJson, formatExplain } from './explain-report.ts';
import { batchEvaluator, readScenarioFile, UserError, type BatchEvaluator } from './scenario-file.ts';

async function main(): Promise<number> {
  const started = performance.now();
  let args;
  try {
    args = parseExplainArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ArgsError) {
      console.error(`explain: ${e.message}\n\n${EXPLAIN_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    console.log(EXPLAIN_USAGE);
    return 0;
  }
  let evaluator = null as BatchEvaluator | null;
  try {
    const loaded = readScenarioFile(args.file);
    const seed = args.seed ?? loaded.run.seed ?? 1;
    const schedule = [...EXPLAIN_SCHEDULE.filter((r) => r < args.runs), args.runs];
    const precision = args.precision / 100;
    const { query, skipped } = explainQuery(loaded.spec, { seed, schedule, precision });
    const workers = args.workers ?? 1;
    evaluator = batchEvaluator(workers, { runOutcomes: true });
    const result = await explain(loaded.spec, query, evaluator.evaluate);
    const info = { scenarioName: loaded.name, seed, cap: args.runs, precision, workers, skipped, elapsedMs: performance.now() - started };
    console.log(args.json ? JSON.stringify(explainJson(result, info)) : formatExplain(result, info));
    return 0;
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(`explain: ${e.message}`);
      for (const issue of e.issues.slice(1)) console.error(`  - ${issue.path}: ${issue.message}`);
      return 1;
    }
    if (e instanceof UserError || e instanceof ExplainError) {
      console.error(`explain: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await evaluator?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`explain: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exit(1);
  },
);
