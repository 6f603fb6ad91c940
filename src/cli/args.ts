// Command-line arguments for `npm run sim`, checked with messages that say what was wrong.

export interface SimArgs {
  file: string;
  runs: number | null;
  seed: number | null;
  workers: number | null;
  chunk: number | null;
  json: boolean;
  /** Simulate even a scenario whose estimated cost is past the hard limit. */
  force: boolean;
  help: boolean;
}

export const SIM_USAGE = `Usage: npm run sim -- <scenario.json> [--runs N] [--seed S] [--workers W] [--chunk C] [--json] [--force]

  <scenario.json>  an Encounter Lab scenario or a BattleSim / battlesim2 save file
  --runs N         number of simulated adventuring days (default: the file's, else 10000)
  --seed S         base seed, a whole number from 0 to 4294967295 (default: the file's, else 1)
  --workers W      worker threads (default: every core); results do not depend on it
  --chunk C        runs per chunk handed to a worker (default: 2000)
  --json           print one JSON object instead of the readable summary
  --force          simulate even a scenario estimated to take too long (one simulated day past
                   the limit of the app, which refuses such files)`;

export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgsError';
  }
}

function whole(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || value.startsWith('--')) throw new ArgsError(`${flag} needs a value`);
  if (!/^\d+$/.test(value)) throw new ArgsError(`${flag} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new ArgsError(`${flag} must be from ${min} to ${max}, got ${value}`);
  return n;
}

export function parseSimArgs(argv: string[]): SimArgs {
  const args: SimArgs = { file: '', runs: null, seed: null, workers: null, chunk: null, json: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--runs': args.runs = whole('--runs', value(), 1, 100_000_000); break;
      case '--seed': args.seed = whole('--seed', value(), 0, 4294967295); break;
      case '--workers': args.workers = whole('--workers', value(), 1, 256); break;
      case '--chunk': args.chunk = whole('--chunk', value(), 1, 10_000_000); break;
      case '--json': args.json = true; break;
      case '--force': args.force = true; break;
      case '--help': case '-h': args.help = true; break;
      default:
        if (flag.startsWith('-')) throw new ArgsError(`unknown option ${flag}`);
        if (args.file) throw new ArgsError(`only one scenario file at a time (got "${args.file}" and "${flag}")`);
        args.file = flag;
    }
  }
  if (!args.file && !args.help) throw new ArgsError('no scenario file given');
  return args;
}
