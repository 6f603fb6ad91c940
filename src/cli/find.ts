// `npm run find -- <file> --monster NAME [--encounter N] [--band hard] [--json]`: how many of a
// monster keep an encounter (or the day) in a risk band. The search is scenario/analysis/how-many.ts;
// this shell loads the file, finds the monster (in the encounter or a compendium) and evaluates
// counts on worker threads that stay up for the whole search.
import type { CreatureSpec, ScenarioSpec } from '../engine/index.ts';
import { adjustBand, BAND_PRESETS, BandError, customBand, type Band } from '../scenario/analysis/bands.ts';
import { howMany, HowManyError, howManyQuery, withEnemy, DEFAULT_SCHEDULE } from '../scenario/analysis/how-many.ts';
import { creatureFrom, loadCompendium, type Compendium } from '../scenario/content/srd/compendium.ts';
import { loadCompendium2024 } from '../scenario/content/srd-2024/compendium.ts';
import { FIND_USAGE, parseFindArgs } from './find-args.ts';
import { findJson, formatFind } from './find-report.ts';
import { batchEvaluator, readScenarioFile, runCommand, UserError as FindError } from './scenario-file.ts';

const norm = (s: string) => s.trim().toLowerCase();

/** Levenshtein distance, for "did you mean" on a misspelt monster. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

interface Found {
  spec: ScenarioSpec;
  enemy: number;
  name: string;
  source: string;
}

/** The enemy of the encounter with this name, else a compendium monster added to the encounter. */
async function findMonster(spec: ScenarioSpec, encounter: number, wanted: string): Promise<Found> {
  const e = spec.encounters[encounter];
  const inEncounter = e.enemies.findIndex((c) => norm(c.name) === norm(wanted));
  if (inEncounter >= 0) return { spec, enemy: inEncounter, name: e.enemies[inEncounter].name, source: 'in the encounter' };
  // The scenario's own edition first, so "ghoul" in a 2024 day is the SRD 5.2 ghoul.
  const books: Array<[string, () => Promise<Compendium>]> = [['SRD 5.1', loadCompendium], ['SRD 5.2', loadCompendium2024]];
  if (spec.rules.edition === '2024') books.reverse();
  const suggestions: string[] = [];
  for (const [source, load] of books) {
    const book = await load();
    const monster = book.byId(norm(wanted).replace(/\s+/g, '-')) ?? book.monsters.find((m) => norm(m.name) === norm(wanted));
    if (monster) {
      const added = withEnemy(spec, encounter, creatureFrom(monster) as CreatureSpec);
      return { ...added, name: monster.name, source };
    }
    suggestions.push(...book.search(wanted, { limit: 3 }).map((m) => m.name));
    suggestions.push(...book.monsters.filter((m) => editDistance(norm(m.name), norm(wanted)) <= Math.max(2, wanted.length / 4)).map((m) => m.name));
  }
  const here = e.enemies.map((c) => c.name).join(', ');
  const close = [...new Set(suggestions)].slice(0, 4);
  throw new FindError(`no monster "${wanted}" in encounter ${encounter + 1} (its enemies: ${here}) or in the SRD 5.1 and 5.2 compendiums`
    + (close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : ''));
}

function bandFrom(preset: keyof typeof BAND_PRESETS | null, thresholds: Parameters<typeof customBand>[0]): Band {
  if (preset === null) return customBand(thresholds);
  return adjustBand(BAND_PRESETS[preset], thresholds);
}

runCommand('find', FIND_USAGE, parseFindArgs, async (args) => {
  const started = performance.now();
  let band: Band;
  try {
    band = bandFrom(args.band, args.thresholds);
  } catch (e) {
    if (e instanceof BandError) {
      console.error(`find: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const loaded = readScenarioFile(args.file);
  const encounter = args.encounter - 1;
  if (!loaded.spec.encounters[encounter]) {
    throw new FindError(`${args.file} has ${loaded.spec.encounters.length} encounter${loaded.spec.encounters.length === 1 ? '' : 's'}, so there is no encounter ${args.encounter}`);
  }
  const found = await findMonster(loaded.spec, encounter, args.monster);
  const seed = args.seed ?? loaded.run.seed ?? 1;
  const schedule = [...DEFAULT_SCHEDULE.filter((r) => r < args.cap), args.cap];
  const query = howManyQuery(found.spec, {
    encounter, enemy: found.enemy, band, scope: args.scope, seed, schedule,
    ...(args.minCount !== null && { minCount: args.minCount }),
    ...(args.maxCount !== null && { maxCount: args.maxCount }),
  });
  // One thread unless asked: a search's batches are small, and on the 2-core machine we measured
  // on, starting threads (each loads the engine's TypeScript) cost more than they saved.
  const workers = args.workers ?? 1;
  const evaluator = batchEvaluator(workers);
  try {
    const result = await howMany(found.spec, query, evaluator.evaluate);
    const info = {
      monster: found.name, source: found.source, encounter: args.encounter, encounterName: found.spec.encounters[encounter].name,
      scope: args.scope, band, seed, cap: args.cap, workers, elapsedMs: performance.now() - started,
    };
    console.log(args.json ? JSON.stringify(findJson(result, info)) : formatFind(result, info));
    return 0;
  } finally {
    await evaluator.close();
  }
}, [HowManyError, BandError]);
