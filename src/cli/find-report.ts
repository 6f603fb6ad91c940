// What `npm run find` prints: the JSON object and the readable answer, from a finished search.
import { wilson } from '../engine/index.ts';
import { describeBand, type Band } from '../scenario/analysis/bands.ts';
import type { CountTrial, HowManyResult, HowManyScope } from '../scenario/analysis/how-many.ts';

export interface FindInfo {
  monster: string;
  /** Where the stat block came from: the encounter, or a compendium. */
  source: string;
  encounterName: string;
  /** 1-based. */
  encounter: number;
  scope: HowManyScope;
  band: Band;
  seed: number;
  cap: number;
  workers: number;
  elapsedMs: number;
}

const share = (k: number, n: number) => ({ p: n > 0 ? k / n : 0, ci95: wilson(k, n) });

function countJson(t: CountTrial) {
  const c = t.counts;
  const undecided = t.position === 'undecided';
  return {
    count: t.count,
    runs: t.runs,
    day: { defeat: share(c.tpk, c.runs), victory: share(c.victory, c.runs) },
    deaths: { anyP: share(c.dies, c.runs).p, ci95: share(c.dies, c.runs).ci95 },
    down: share(c.down, c.runs),
    // At the cap without a decision, the point estimates say in or out, and "undecided" says so.
    inBand: (undecided ? t.pointPosition : t.position) === 'in',
    position: undecided ? t.pointPosition : t.position,
    undecided,
    batches: t.batches,
  };
}

export function findJson(result: HowManyResult, info: FindInfo) {
  return {
    monster: info.monster,
    source: info.source,
    encounter: info.encounter,
    encounterName: info.encounterName,
    scope: info.scope,
    band: info.band.id,
    bandName: info.band.name,
    thresholds: info.band.thresholds,
    seed: info.seed,
    cap: info.cap,
    counts: [...result.trials].sort((a, b) => a.count - b.count).map(countJson),
    largest: result.largest,
    smallest: result.smallest,
    none: result.none,
    undecided: result.undecided,
    contradictions: result.contradictions,
    tried: result.trials.map((t) => t.count),
    runsTotal: result.runsTotal,
    workers: info.workers,
    elapsedMs: Math.round(info.elapsedMs),
  };
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const cell = (k: number, n: number) => {
  const [lo, hi] = wilson(k, n);
  return `${pct(k / n)} (${pct(lo)}-${pct(hi)})`;
};
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const rpad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

const VERDICT: Record<string, string> = { below: 'below (too safe)', in: 'in the band', above: 'above (too dangerous)', mixed: 'out both ways' };

export function formatFind(result: HowManyResult, info: FindInfo): string {
  const where = info.scope === 'day' ? 'the day' : `"${info.encounterName}" fought alone`;
  const lines = [
    `How many ${info.monster} (${info.source}) in encounter ${info.encounter}, "${info.encounterName}", keep ${where} ${info.band.name}?`,
    `${info.band.name}: ${describeBand(info.band)}`,
    '',
  ];
  if (result.smallest !== null && result.largest !== null) {
    const range = result.smallest === result.largest ? `${result.smallest}` : `${result.smallest} to ${result.largest}`;
    lines.push(`Answer: ${range} × ${info.monster}.`);
  } else {
    lines.push(`Answer: none: ${result.none}.`);
  }
  if (result.undecided.length > 0) {
    lines.push(`  Undecided at the edge after ${info.cap.toLocaleString('en-US')} runs: ${result.undecided.join(', ')} (sits on a threshold; the point estimate was used).`);
  }
  for (const c of result.contradictions) lines.push(`  Not monotone: ${c}.`);
  lines.push('');
  lines.push(`${lpad('count', 5)}  ${lpad('runs', 6)}  ${rpad('victory', 23)}${rpad('total party kill', 23)}${rpad('someone dies', 23)}${rpad('someone down', 23)}verdict`);
  for (const t of [...result.trials].sort((a, b) => a.count - b.count)) {
    const c = t.counts;
    const verdict = t.position === 'undecided' ? `undecided (point estimate: ${VERDICT[t.pointPosition]})` : VERDICT[t.position];
    lines.push(`${lpad(String(t.count), 5)}  ${lpad(String(t.runs), 6)}  ${rpad(cell(c.victory, c.runs), 23)}${rpad(cell(c.tpk, c.runs), 23)}${rpad(cell(c.dies, c.runs), 23)}${rpad(cell(c.down, c.runs), 23)}${verdict}`);
  }
  lines.push('');
  lines.push(`Tried ${result.trials.length} counts in this order: ${result.trials.map((t) => t.count).join(', ')}; `
    + `${result.runsTotal.toLocaleString('en-US')} runs, seed ${info.seed}, in ${(info.elapsedMs / 1000).toFixed(2)} s on ${info.workers} worker${info.workers === 1 ? '' : 's'}.`);
  lines.push('Each count ran in batches until the 95% intervals decided both edges of the band; risk is assumed to rise with the count, and the counts tried are checked for it.');
  return lines.join('\n');
}
