// Results as files people keep: a CSV for spreadsheets and a JSON document for programs. Both are
// computed from the aggregate with summarize(), the same numbers the app shows. Names in the CSV
// are user text and can hold anything, so every cell is quoted by RFC 4180 and cells a spreadsheet
// would run as a formula are defused.

import { summarize, type Aggregate, type AggregateLayout, type Proportion, type Summary } from '../../engine/index.ts';

export const RESULT_FORMAT = 'encounter-lab/result';
export const RESULT_VERSION = 1;

export interface ResultMeta {
  scenarioName: string;
  seed: number;
}

export interface ResultDocument {
  format: typeof RESULT_FORMAT;
  version: typeof RESULT_VERSION;
  scenarioName: string;
  seed: number;
  runs: number;
  summary: Summary;
}

export const CSV_COLUMNS = ['section', 'name', 'metric', 'value', 'low (95%)', 'high (95%)', 'count', 'out of'] as const;

/** Digits, an optional sign, decimals and exponent: what a spreadsheet reads as a plain number. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/**
 * Leading characters that make a spreadsheet read a cell as a formula (OWASP's list: = + - @ tab
 * and carriage return), plus the full-width forms some locales of Excel also accept.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One CSV field: formula-looking text gets a leading apostrophe, then RFC 4180 quoting. */
export function csvCell(value: string): string {
  let text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * Six decimals are far below the Monte Carlo error of any run count, and keep 0.1 + 0.2 style
 * binary noise out of the file. Integers (counts, seeds) are written exactly.
 */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  // String(-0) is "0", so a rounded-away negative never shows as "-0".
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

type Row = [section: string, name: string, metric: string, value: string, low: string, high: string, count: string, outOf: string];

const valueRow = (section: string, name: string, metric: string, value: number): Row =>
  [section, name, metric, csvNumber(value), '', '', '', ''];

const proportionRow = (section: string, name: string, metric: string, p: Proportion): Row =>
  [section, name, metric, csvNumber(p.p), csvNumber(p.ci95[0]), csvNumber(p.ci95[1]), csvNumber(p.count), csvNumber(p.n)];

function checkShapes(aggregate: Aggregate, layout: AggregateLayout): void {
  // summarize() indexes the layout by the aggregate's arrays; a mismatch would read undefined names.
  const sameEncounters = aggregate.encounters.length === layout.encounters.length
    && aggregate.encounters.every((e, i) => e.enemies.length === layout.encounters[i].enemies.length);
  if (aggregate.characters.length !== layout.party.length || !sameEncounters) {
    throw new Error('The result does not match the scenario layout it was given (different numbers of characters, encounters or enemies)');
  }
}

function rows(summary: Summary, meta: ResultMeta): Row[] {
  const out: Row[] = [
    ['scenario', meta.scenarioName, 'seed', csvNumber(meta.seed), '', '', '', ''],
    valueRow('scenario', meta.scenarioName, 'runs', summary.runs),
    proportionRow('day', '', 'victory chance', summary.day.victory),
    proportionRow('day', '', 'defeat chance', summary.day.defeat),
    proportionRow('day', '', 'draw chance', summary.day.draw),
    valueRow('day', '', 'expected deaths', summary.deaths.expected),
    proportionRow('day', '', 'chance of any death', summary.deaths.any),
    valueRow('day', '', 'mean rounds', summary.rounds.mean),
  ];
  for (const c of summary.characters) {
    out.push(
      proportionRow('character', c.name, 'down chance', c.down),
      proportionRow('character', c.name, 'death chance', c.death),
      valueRow('character', c.name, 'mean damage dealt', c.damageDealt),
      valueRow('character', c.name, 'mean damage taken', c.damageTaken),
      valueRow('character', c.name, 'mean healing done', c.healingDone),
    );
  }
  for (const e of summary.encounters) {
    // Outcome chances are among the runs that reached the encounter, hence "out of" = reached.
    out.push(
      valueRow('encounter', e.name, 'runs reaching it', e.reached),
      proportionRow('encounter', e.name, 'victory chance', e.victory),
      proportionRow('encounter', e.name, 'defeat chance', e.defeat),
      proportionRow('encounter', e.name, 'draw chance', e.draw),
      valueRow('encounter', e.name, 'mean rounds', e.rounds.mean),
    );
  }
  return out;
}

/**
 * The result as CSV text: a header row, then one row per number, with CRLF line ends (RFC 4180).
 * It starts with a byte order mark because Excel reads CSV without one in the local code page,
 * which garbles names outside ASCII; other spreadsheets skip the mark.
 */
export function resultToCsv(aggregate: Aggregate, layout: AggregateLayout, meta: ResultMeta): string {
  checkShapes(aggregate, layout);
  const lines = [CSV_COLUMNS.map(csvCell).join(','), ...rows(summarize(aggregate, layout), meta).map((r) => r.map(csvCell).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function toResultDocument(aggregate: Aggregate, layout: AggregateLayout, meta: ResultMeta): ResultDocument {
  checkShapes(aggregate, layout);
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    scenarioName: meta.scenarioName,
    seed: meta.seed,
    runs: aggregate.runs,
    summary: summarize(aggregate, layout),
  };
}

/** The result document as indented JSON text ending in a newline, like exported scenarios. */
export function resultToJson(aggregate: Aggregate, layout: AggregateLayout, meta: ResultMeta): string {
  return `${JSON.stringify(toResultDocument(aggregate, layout, meta), null, 2)}\n`;
}
