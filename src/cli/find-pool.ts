// `npm run find -- FILE --pool FILTER`: encounters drawn from compendium monsters whose simulated
// risk is in a band. The search is scenario/analysis/find-encounter.ts; this loads the compendiums,
// builds the pool and prints the answer (a table, or one JSON object).
import type { ScenarioSpec } from '../engine/index.ts';
import { describeBand, type Band, type Measure } from '../scenario/analysis/bands.ts';
import { describePoolFilter, parsePoolFilter, poolFrom, type Bestiary, type PoolFilter } from '../scenario/analysis/encounter-pool.ts';
import { findEncounter, findEncounterQuery, type FindEncounterResult, type Proposal } from '../scenario/analysis/find-encounter.ts';
import type { Evaluator, HowManyScope } from '../scenario/analysis/how-many.ts';
import { DEFAULT_SCHEDULE } from '../scenario/analysis/how-many.ts';
import { loadCompendium } from '../scenario/content/srd/compendium.ts';
import { loadCompendium2024 } from '../scenario/content/srd-2024/compendium.ts';
import type { PoolArgs } from './find-args.ts';

export interface PoolSearch {
  spec: ScenarioSpec;
  /** 0-based. */
  encounter: number;
  scope: HowManyScope;
  band: Band;
  seed: number;
  cap: number;
  pool: PoolArgs;
}

export interface PoolInfo extends PoolSearch {
  filter: PoolFilter;
  poolNames: string[];
  encounterName: string;
  workers: number;
  elapsedMs: number;
}

/** Both compendiums, for poolFrom. */
export async function bestiaries(): Promise<Bestiary[]> {
  const [a, b] = await Promise.all([loadCompendium(), loadCompendium2024()]);
  return [{ source: 'SRD 5.1', edition: '2014', compendium: a }, { source: 'SRD 5.2', edition: '2024', compendium: b }];
}

/** Runs the search; PoolError and FindEncounterError name what is wrong with the filter or the query. */
export async function runPoolSearch(s: PoolSearch, evaluate: Evaluator): Promise<{ result: FindEncounterResult; filter: PoolFilter; poolNames: string[] }> {
  const filter = parsePoolFilter(s.pool.filter);
  const monsters = poolFrom(await bestiaries(), filter, s.spec.rules.edition ?? '2014');
  const query = findEncounterQuery(s.spec, {
    encounter: s.encounter, scope: s.scope, band: s.band, pool: monsters, kinds: s.pool.kinds, maxPerKind: s.pool.maxPerKind,
    maxTotal: s.pool.maxTotal, seed: s.seed, schedule: [...DEFAULT_SCHEDULE.filter((r) => r < s.cap), s.cap],
    maxRuns: s.pool.maxRuns, maxCandidates: s.pool.maxCandidates,
  });
  const result = await findEncounter(s.spec, query, evaluate);
  const twoBooks = new Set(monsters.map((m) => m.source)).size > 1;
  return { result, filter, poolNames: monsters.map((m) => `${m.name} (CR ${m.crText}${twoBooks ? `, ${m.source}` : ''})`) };
}

const MEASURE_ORDER: Measure[] = ['victory', 'tpk', 'dies', 'down'];

function proposalJson(p: Proposal) {
  return {
    rank: p.rank,
    encounter: p.label,
    monsters: p.monsters,
    total: p.total,
    runs: p.runs,
    ...Object.fromEntries(MEASURE_ORDER.map((m) => [m, p.measures[m]])),
    centrality: +p.centrality.toFixed(3),
    xp: p.xp && {
      2014: { totalXp: p.xp.r2014.totalXp, adjustedXp: p.xp.r2014.adjustedXp, difficulty: p.xp.r2014.difficulty },
      2024: { totalXp: p.xp.r2024.totalXp, difficulty: p.xp.r2024.difficulty },
    },
  };
}

export function poolJson(result: FindEncounterResult, info: PoolInfo) {
  return {
    pool: describePoolFilter(info.filter),
    poolMonsters: info.poolNames,
    encounter: info.encounter + 1,
    encounterName: info.encounterName,
    scope: info.scope,
    band: info.band.id,
    bandName: info.band.name,
    thresholds: info.band.thresholds,
    kinds: info.pool.kinds,
    maxPerKind: info.pool.maxPerKind,
    maxTotal: info.pool.maxTotal,
    seed: info.seed,
    cap: info.cap,
    proposals: result.proposals.map(proposalJson),
    nearMisses: result.nearMisses.map(proposalJson),
    tried: result.tried,
    singles: result.singles,
    workers: info.workers,
    elapsedMs: Math.round(info.elapsedMs),
  };
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const cell = (s: { p: number; ci95: [number, number] }) => `${pct(s.p)} (${pct(s.ci95[0])}-${pct(s.ci95[1])})`;
const rpad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const XP_2014: Record<string, string> = { trivial: 'Trivial', easy: 'Easy', medium: 'Medium', hard: 'Hard', deadly: 'Deadly' };
const XP_2024: Record<string, string> = { low: 'Low', moderate: 'Moderate', high: 'High', 'beyond high': 'Beyond High' };

function table(list: Proposal[], show: number): string[] {
  const width = Math.max(9, ...list.slice(0, show).map((p) => p.label.length)) + 2;
  const lines = [`${lpad('#', 3)}  ${rpad('encounter', width)}${lpad('runs', 5)}  ${rpad('someone down', 22)}${rpad('someone dies', 22)}${rpad('total party kill', 22)}XP 2014 / 2024`];
  for (const p of list.slice(0, show)) {
    const xp = p.xp ? `${XP_2014[p.xp.r2014.difficulty]} / ${XP_2024[p.xp.r2024.difficulty]}` : 'no levels';
    lines.push(`${lpad(String(p.rank), 3)}  ${rpad(p.label, width)}${lpad(String(p.runs), 5)}  ${rpad(cell(p.measures.down), 22)}${rpad(cell(p.measures.dies), 22)}${rpad(cell(p.measures.tpk), 22)}${xp}`);
  }
  if (list.length > show) lines.push(`     ... and ${list.length - show} more (--show N, or --json for all)`);
  return lines;
}

export function formatPool(result: FindEncounterResult, info: PoolInfo): string {
  const where = info.scope === 'day' ? 'the day' : 'the encounter fought alone by a fresh party';
  const t = result.tried;
  const lines = [
    `Encounters for encounter ${info.encounter + 1}, "${info.encounterName}", that keep ${where} ${info.band.name}, from ${describePoolFilter(info.filter)}`,
    `  (at most ${info.pool.kinds} kind${info.pool.kinds === 1 ? '' : 's'}, ${info.pool.maxPerKind} of a kind, ${info.pool.maxTotal} in all)`,
    `${info.band.name}: ${describeBand(info.band)}`,
    `Pool (${info.poolNames.length}): ${info.poolNames.join(', ')}`,
    '',
  ];
  if (result.proposals.length > 0) {
    lines.push(`In the band (95% intervals), most central first:`, ...table(result.proposals, info.pool.show));
  } else {
    lines.push('No encounter tried is in the band by its 95% intervals.');
  }
  if (result.nearMisses.length > 0) {
    lines.push('', `Undecided at the cap of ${info.cap.toLocaleString('en-US')} runs, point estimates in the band:`, ...table(result.nearMisses, Math.min(5, info.pool.show)));
  }
  lines.push('');
  const alone = result.singles.map((s) => `${s.monster} ${s.smallest === null ? '—' : s.smallest === s.largest ? s.smallest : `${s.smallest}-${s.largest}`}`);
  lines.push(`Alone, in the band after the screen: ${alone.join(', ')}.`);
  lines.push(`Tried: ${t.generatedSingle} single-kind encounters bracketed by bisection (${t.evaluatedSingle} simulated) and ${t.generatedMixed} mixes seeded (${t.evaluatedMixed} simulated); `
    + `of ${t.evaluated} simulated, ${t.inBand} in the band, ${t.out} out, ${t.undecided} undecided; ${t.refined} refined past the screen; `
    + `${t.runs.toLocaleString('en-US')} runs, seed ${info.seed}, in ${(info.elapsedMs / 1000).toFixed(2)} s.`);
  if (t.stoppedBy) {
    lines.push(`Stopped by the budget (${t.stoppedBy === 'runs' ? `--max-runs ${info.pool.maxRuns}` : `--max-candidates ${info.pool.maxCandidates}`}): more could have been tried.`);
  }
  return lines.join('\n');
}
