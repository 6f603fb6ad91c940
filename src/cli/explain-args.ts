// Command-line arguments for `npm run explain`, checked with messages that say what was wrong.
import { ArgsError } from './args.ts';
import { need, whole } from './find-args.ts';

export interface ExplainArgs {
  file: string;
  seed: number | null;
  /** Most runs for one variant (and the base). */
  runs: number;
  /** Interval half-width, in percentage points, at which a variant stops. */
  precision: number;
  workers: number | null;
  json: boolean;
  help: boolean;
}

export const EXPLAIN_USAGE = `Usage: npm run explain -- <scenario.json> [--seed S] [--runs R] [--precision P] [--workers W] [--json]

  What decides the fight: how much each small change moves the party's chance of winning the day and
  the chance that someone dies. The changes: each limited action or feature of each character taken
  away, each enemy one fewer, each side always winning initiative, and each creature's AC +/-2 and
  HP +/-10%. The base and every change run with common random numbers (the same seed and run
  indices), so each difference is paired run by run.

  <scenario.json>   an Encounter Lab scenario or a BattleSim / battlesim2 save file
  --seed S          base seed, the same for the base and every change (default: the file's, else 1)
  --runs R          most runs for one change (default 8000); each runs in stages of 1,000, 2,000,
                    4,000... and stops once its intervals are narrow enough
  --precision P     stop a change once both 95% intervals are at most P percentage points either
                    side (default 1)
  --workers W       worker threads for stages of 4,000 runs or more (default 1: this thread only)
  --json            print one JSON object instead of the readable table`;

export function parseExplainArgs(argv: string[]): ExplainArgs {
  const args: ExplainArgs = { file: '', seed: null, runs: 8000, precision: 1, workers: null, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--seed': args.seed = whole('--seed', value(), 0, 4294967295); break;
      case '--runs': args.runs = whole('--runs', value(), 100, 10_000_000); break;
      case '--precision': {
        const v = need('--precision', value());
        const n = Number(v);
        if (!/^(\d+(\.\d*)?|\.\d+)$/.test(v) || !(n > 0) || n > 100) throw new ArgsError(`--precision must be a number of percentage points above 0 and at most 100, got "${v}"`);
        args.precision = n;
        break;
      }
      case '--workers': args.workers = whole('--workers', value(), 1, 256); break;
      case '--json': args.json = true; break;
      case '--help': case '-h': args.help = true; break;
      default:
        if (flag.startsWith('-')) throw new ArgsError(`unknown option ${flag}`);
        if (args.file) throw new ArgsError(`only one scenario file at a time (got "${args.file}" and "${flag}")`);
        args.file = flag;
    }
  }
  if (!args.help && !args.file) throw new ArgsError('no scenario file given');
  return args;
}
