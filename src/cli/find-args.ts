// Command-line arguments for `npm run find`, checked with messages that say what was wrong.
import { isPresetId, PRESET_IDS, type Measure, type PresetId, type Threshold } from '../scenario/analysis/bands.ts';
import { ArgsError } from './args.ts';

export interface FindArgs {
  file: string;
  /** 1-based, as the user counts encounters. */
  encounter: number;
  monster: string;
  /** Find an encounter from a pool of monsters instead (the filter text); null for How many?. */
  pool: PoolArgs | null;
  /** A preset, or null for a band made only of threshold flags. */
  band: PresetId | null;
  /** Threshold flags: they replace a preset's threshold on the same measure and bound, or add one. */
  thresholds: Threshold[];
  scope: 'day' | 'encounter';
  minCount: number | null;
  maxCount: number | null;
  seed: number | null;
  /** Most runs for one count. */
  cap: number;
  workers: number | null;
  json: boolean;
  help: boolean;
}

/** The options of a pool search (--pool). */
export interface PoolArgs {
  filter: string;
  kinds: number;
  maxPerKind: number;
  maxTotal: number;
  maxRuns: number;
  maxCandidates: number;
  /** Proposals printed. */
  show: number;
}

export const FIND_USAGE = `Usage: npm run find -- <scenario.json> --monster NAME [--encounter N] [--band easy|medium|hard|deadly]
                      [--min-down P] [--max-tpk P] ... [--scope day|encounter] [--max-count N] [--json]
       npm run find -- <scenario.json> --pool FILTER [--kinds K] [--max-per-kind N] [--max-total N]
                      [--encounter N] [--band B] ... [--json]

  The smallest and largest number of a monster that keep the fight in a risk band; or, with
  --pool, encounters drawn from compendium monsters that are in the band, ranked.

  <scenario.json>   an Encounter Lab scenario or a BattleSim / battlesim2 save file
  --monster NAME    an enemy of the encounter, or a monster of the SRD 5.1 or 5.2 compendium
                    (by name or id, e.g. "ghoul"), added to the encounter
  --encounter N     which encounter of the day, from 1 (default 1)
  --band B          easy, medium, hard or deadly (default hard unless only thresholds are given)
  --min-X P, --max-X P
                    a threshold, X one of victory, tpk, dies, down, P a proportion (0.05) or a
                    percentage (5%); with --band it replaces that preset's threshold or adds one
  --scope S         day: the whole day with the count changed (default); encounter: this
                    encounter alone, fought by a fresh party
  --min-count N     smallest count searched (default 1)
  --max-count N     largest count searched (default: as many as the per-side limit allows)
  --seed S          base seed, the same for every count (default: the file's, else 1)
  --cap R           most runs for one count before it is called undecided (default 20000)
  --workers W       worker threads for batches of 4,000 runs or more (default 1: this thread
                    only, since most batches are smaller than the cost of starting threads)
  --json            print one JSON object instead of the readable answer

  Finding an encounter (--pool):
  --pool FILTER     compendium monsters to draw from: comma-separated key=value, several values
                    joined by |: cr=1/4-3 (or cr=2, cr=-1/2, cr=5-), type=undead|fiend,
                    name=ghoul|ghast, edition=2014|2024|both (default: the scenario's edition)
  --encounter N     the encounter whose enemies are replaced; one past the last adds a new one
  --kinds K         at most K kinds of monster per encounter, 1 to 4 (default 2)
  --max-per-kind N  at most N of one kind (default 10)
  --max-total N     at most N monsters in all (default 12)
  --max-runs R      most runs in all (default 60000; screening may use half)
  --max-candidates C
                    most candidates simulated (default 100)
  --show N          proposals printed (default 10; --json lists them all)
  --cap R           here defaults to 8000`;

const MEASURES_BY_FLAG: Record<string, Measure> = { victory: 'victory', tpk: 'tpk', dies: 'dies', down: 'down' };

export function need(flag: string, value: string | undefined): string {
  if (value === undefined || value.startsWith('--')) throw new ArgsError(`${flag} needs a value`);
  return value;
}

export function whole(flag: string, raw: string | undefined, min: number, max: number): number {
  const value = need(flag, raw);
  if (!/^\d+$/.test(value)) throw new ArgsError(`${flag} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new ArgsError(`${flag} must be from ${min} to ${max}, got ${value}`);
  return n;
}

/** "0.05", ".05" or "5%" as 0.05; anything outside 0 to 1 (0% to 100%) is refused. */
function proportionArg(flag: string, raw: string | undefined): number {
  const value = need(flag, raw);
  const percent = value.endsWith('%');
  const text = percent ? value.slice(0, -1) : value;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new ArgsError(`${flag} must be a proportion from 0 to 1 (or a percentage), got "${value}"`);
  const n = percent ? Number(text) / 100 : Number(text);
  if (n > 1) {
    throw new ArgsError(`${flag} must be a proportion from 0 to 1 (or 0% to 100%), got ${value}${percent ? '' : `; for ${value}% write ${value}%`}`);
  }
  return n;
}

export function parseFindArgs(argv: string[]): FindArgs {
  const args: FindArgs = {
    file: '', encounter: 1, monster: '', pool: null, band: null, thresholds: [], scope: 'day', minCount: null, maxCount: null,
    seed: null, cap: 20_000, workers: null, json: false, help: false,
  };
  const pool: PoolArgs = { filter: '', kinds: 2, maxPerKind: 10, maxTotal: 12, maxRuns: 60_000, maxCandidates: 100, show: 10 };
  const poolOnly: string[] = [];
  let capGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    const threshold = /^--(min|max)-(\w+)$/.exec(flag);
    if (threshold && MEASURES_BY_FLAG[threshold[2]]) {
      const measure = MEASURES_BY_FLAG[threshold[2]];
      const bound = threshold[1] as 'min' | 'max';
      if (args.thresholds.some((t) => t.measure === measure && t.bound === bound)) throw new ArgsError(`${flag} is given twice`);
      args.thresholds.push({ measure, bound, value: proportionArg(flag, value()) });
      continue;
    }
    switch (flag) {
      case '--encounter': args.encounter = whole('--encounter', value(), 1, 1000); break;
      case '--monster': args.monster = need('--monster', value()).trim(); break;
      case '--band': {
        const b = need('--band', value()).toLowerCase();
        if (!isPresetId(b)) throw new ArgsError(`unknown band "${b}"; the bands are ${PRESET_IDS.join(', ')}, or give thresholds such as --max-tpk 0.05`);
        args.band = b;
        break;
      }
      case '--scope': {
        const s = need('--scope', value());
        if (s !== 'day' && s !== 'encounter') throw new ArgsError(`--scope must be day or encounter, got "${s}"`);
        args.scope = s;
        break;
      }
      case '--min-count': args.minCount = whole('--min-count', value(), 1, 1000); break;
      case '--max-count': args.maxCount = whole('--max-count', value(), 1, 1000); break;
      case '--seed': args.seed = whole('--seed', value(), 0, 4294967295); break;
      case '--cap': args.cap = whole('--cap', value(), 250, 10_000_000); capGiven = true; break;
      case '--pool': pool.filter = need('--pool', value()).trim(); break;
      case '--kinds': pool.kinds = whole('--kinds', value(), 1, 4); poolOnly.push(flag); break;
      case '--max-per-kind': pool.maxPerKind = whole('--max-per-kind', value(), 1, 100); poolOnly.push(flag); break;
      case '--max-total': pool.maxTotal = whole('--max-total', value(), 1, 100); poolOnly.push(flag); break;
      case '--max-runs': pool.maxRuns = whole('--max-runs', value(), 250, 100_000_000); poolOnly.push(flag); break;
      case '--max-candidates': pool.maxCandidates = whole('--max-candidates', value(), 1, 100_000); poolOnly.push(flag); break;
      case '--show': pool.show = whole('--show', value(), 1, 1000); poolOnly.push(flag); break;
      case '--workers': args.workers = whole('--workers', value(), 1, 256); break;
      case '--json': args.json = true; break;
      case '--help': case '-h': args.help = true; break;
      default:
        if (threshold) throw new ArgsError(`unknown option ${flag}; thresholds are --min-X and --max-X with X one of victory, tpk, dies, down`);
        if (flag.startsWith('-')) throw new ArgsError(`unknown option ${flag}`);
        if (args.file) throw new ArgsError(`only one scenario file at a time (got "${args.file}" and "${flag}")`);
        args.file = flag;
    }
  }
  if (args.help) return args;
  if (!args.file) throw new ArgsError('no scenario file given');
  if (args.monster && pool.filter) throw new ArgsError('give --monster (how many of one monster) or --pool (find an encounter), not both');
  if (pool.filter) {
    args.pool = pool;
    if (!capGiven) args.cap = 8000;
    for (const flag of ['--min-count', '--max-count'] as const) {
      if ((flag === '--min-count' ? args.minCount : args.maxCount) !== null) throw new ArgsError(`${flag} is for --monster; with --pool use --max-per-kind and --max-total`);
    }
  } else if (poolOnly.length > 0) {
    throw new ArgsError(`${poolOnly[0]} is for --pool (finding an encounter)`);
  }
  if (!args.monster && !args.pool) throw new ArgsError('no monster given: add --monster NAME (an enemy of the encounter or a compendium monster), or --pool FILTER to find an encounter');
  if (args.minCount !== null && args.maxCount !== null && args.minCount > args.maxCount) {
    throw new ArgsError(`--min-count (${args.minCount}) must not be above --max-count (${args.maxCount})`);
  }
  if (args.band === null && args.thresholds.length === 0) args.band = 'hard';
  return args;
}
