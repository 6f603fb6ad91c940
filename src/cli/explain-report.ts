// What `npm run explain` prints: the JSON object and the readable table, from a finished explanation.
import type { Effect, ExplainResult, MeasureEffect, SkippedVariant } from '../scenario/analysis/explain.ts';

export interface ExplainInfo {
  scenarioName: string;
  seed: number;
  /** Most runs for one variant. */
  cap: number;
  /** Interval half-width (proportion) at which a variant stops. */
  precision: number;
  workers: number;
  skipped: SkippedVariant[];
  elapsedMs: number;
}

export const PAIRING_NOTE = 'Every change ran with common random numbers: the same base seed and run indices as the base, '
  + 'so run i of a change is run i of the base with one thing changed, and the differences are paired run by run '
  + '(95% intervals from the runs whose outcome differs, adjusted Wald of Bonett and Price).';

const round4 = (x: number) => Math.round(x * 10000) / 10000;

function measureJson(m: MeasureEffect) {
  return {
    effect: round4(m.difference), ci95: [round4(m.ci95[0]), round4(m.ci95[1])], base: round4(m.base), variant: round4(m.variant),
    lost: m.lost, gained: m.gained,
  };
}

export function explainJson(result: ExplainResult, info: ExplainInfo) {
  return {
    scenario: info.scenarioName,
    seed: info.seed,
    commonRandomNumbers: true,
    pairing: PAIRING_NOTE,
    base: { runs: result.base.runs, victory: { p: round4(result.base.victory) }, dies: { p: round4(result.base.dies) } },
    effects: result.effects.map((e: Effect, i) => ({
      rank: i + 1,
      variant: e.variant.id,
      kind: e.variant.change.kind,
      change: e.variant.label,
      victory: measureJson(e.victory),
      dies: measureJson(e.dies),
      runs: e.runs,
      settled: e.settled,
    })),
    skipped: info.skipped,
    cap: info.cap,
    precision: info.precision,
    runsTotal: result.runsTotal,
    workers: info.workers,
    elapsedMs: Math.round(info.elapsedMs),
  };
}

const points = (x: number) => {
  const p = Math.round(x * 1000) / 10;
  return `${p > 0 ? '+' : p < 0 ? '-' : ''}${Math.abs(p).toFixed(1)}`;
};
const cell = (m: MeasureEffect) => `${points(m.difference)} (${points(m.ci95[0])} to ${points(m.ci95[1])})`;
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const rpad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function formatExplain(result: ExplainResult, info: ExplainInfo): string {
  const runs = (n: number) => n.toLocaleString('en-US');
  const width = Math.max(6, ...result.effects.map((e) => e.variant.label.length));
  const lines = [
    `What decides "${info.scenarioName}": the party wins ${pct(result.base.victory)} of days and someone dies in ${pct(result.base.dies)} `
      + `(${runs(result.base.runs)} runs, seed ${info.seed}).`,
    'Effect of each change on those two chances, in percentage points (change minus base), with 95% intervals, largest first.',
    '',
    `${lpad('rank', 4)}  ${rpad('change', width)}  ${rpad('victory', 24)}${rpad('someone dies', 24)}${lpad('runs', 6)}`,
  ];
  result.effects.forEach((e, i) => {
    lines.push(`${lpad(String(i + 1), 4)}  ${rpad(e.variant.label, width)}  ${rpad(cell(e.victory), 24)}${rpad(cell(e.dies), 24)}${lpad(runs(e.runs), 6)}`
      + (e.settled ? '' : '  (at the cap)'));
  });
  lines.push('');
  if (result.effects.length > 0 && result.effects[0].size < 0.03) lines.push('No change moves either chance by 3 points or more: nothing here decides this fight on its own.');
  for (const s of info.skipped) lines.push(`Not tried: ${s.label}, because ${s.reason}.`);
  lines.push(PAIRING_NOTE);
  const precision = (info.precision * 100).toFixed(1).replace(/\.0$/, '');
  lines.push(`A change stops once both intervals are within ${precision} point${precision === '1' ? '' : 's'} either side (or a tenth of a large effect), `
    + `or at ${runs(info.cap)} runs. ${runs(result.runsTotal)} runs in all, in ${(info.elapsedMs / 1000).toFixed(2)} s on ${info.workers} worker${info.workers === 1 ? '' : 's'}.`);
  return lines.join('\n');
}
