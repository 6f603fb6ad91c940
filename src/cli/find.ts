// `npm run find -- <file> --monster NAME [--encounter N] [--band hard] [--json]`: how many of a
// monster keep an encounter (or the day) in a risk band. The search is scenario/analysis/how-many.ts;
// this shell loads the file, finds the monster (in the encounter or a compendium) and evaluates
// counts on worker threads that stay up for the whole search. With `--pool FILTER` it finds
// encounters from compendium monsters instead (find-pool.ts).
import type { CreatureSpec, ScenarioSpec } from '../engine/index.ts';
import { adjustBand, BAND_PRESETS, BandError, customBand, type Band } from '../scenario/analysis/bands.ts';
import { howMany, HowManyError, howManyQuery, withEnemy, DEFAULT_SCHEDULE } from '../scenario/analysis/how-many.ts';
import { creatureFrom, loadCompendium, type Compendium } from '../scenario/content/srd/compendium.ts';
import { loadCompendium2024 } from '../scenario/content/srd-2024/compendium.ts';
import { FindEncounterError } from '../scenario/analysis/find-encounter.ts';
import { editDistance, PoolError } from '../scenario/analysis/encounter-pool.ts';
import { FIND_USAGE, parseFindArgs } from './find-args.ts';
import { formatPool, poolJson, runPoolSearch } from './find-pool.ts';
import { findJson, formatFind } from './find-report.ts';
import { batchEvaluator, readScenarioFile, runCommand, UserError as FindError } from './scenario-file.ts';

const norm = (s: string) => s.trim().toLowerCase();

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
  const encounters = loaded.spec.encounters.length;
  // A pool search may add a new encounter after the last.
  if (!loaded.spec.encounters[encounter] && !(args.pool && encounter === encounters)) {
    throw new FindError(`${args.file} has ${encounters} encounter${encounters === 1 ? '' : 's'}, so there is no encounter ${args.encounter}`
      + (args.pool ? ` (${encounters + 1} adds a new one)` : ''));
  }
  const seed = args.seed ?? loaded.run.seed ?? 1;
  // One thread unless asked: a search's batches are small, and on the 2-core machine we measured
  // on, starting threads (each loads the engine's TypeScript) cost more than they saved.
  const workers = args.workers ?? 1;
  if (args.pool) {
    const evaluator = batchEvaluator(workers);
    try {
      const search = { spec: loaded.spec, encounter, scope: args.scope, band, seed, cap: args.cap, pool: args.pool };
      const { result, filter, poolNames } = await runPoolSearch(search, evaluator.evaluate);
      const info = {
        ...search, filter, poolNames, workers, encounterName: loaded.spec.encounters[encounter]?.name ?? 'a new encounter', elapsedMs: performance.now() - started,
      };
      console.log(args.json ? JSON.stringify(poolJson(result, info)) : formatPool(result, info));
      return 0;
    } catch (e) {
      if (e instanceof PoolError) {
        console.error(`find: --pool: ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      await evaluator.close();
    }
  }
  const found = await findMonster(loaded.spec, encounter, args.monster);
  const schedule = [...DEFAULT_SCHEDULE.filter((r) => r < args.cap), args.cap];
  const query = howManyQuery(found.spec, {
    encounter, enemy: found.enemy, band, scope: args.scope, seed, schedule,
    ...(args.minCount !== null && { minCount: args.minCount }),
    ...(args.maxCount !== null && { maxCount: args.maxCount }),
  });
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
}, [HowManyError, BandError, FindEncounterError]);
