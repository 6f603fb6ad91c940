// The readable summary the CLI prints.
import type { Proportion, Summary } from '../engine/index.ts';
import type { WarningGroup } from '../scenario/index.ts';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const ci = (x: Proportion) => `(95% CI ${pct(x.ci95[0])} to ${pct(x.ci95[1])})`;
const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n - 1) + ' ' : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export interface RunInfo {
  name: string;
  seed: number;
  workers: number;
  elapsedMs: number;
  warnings: string[];
  /** The same warnings counted in groups; when given, they are printed instead of the plain list. */
  warningGroups?: WarningGroup[];
}

/** Warnings shown in full per group before "...and N more". */
const WARNINGS_PER_GROUP = 5;

/** Import warnings as counted groups ("12 actions skipped: 8 reactions, 4 pre-combat buffs"), each with its first few. */
export function formatWarnings(groups: readonly WarningGroup[]): string[] {
  const total = groups.reduce((n, g) => n + g.warnings.length, 0);
  if (total === 0) return [];
  const lines = [`Import warnings (${total}):`];
  for (const g of groups) {
    lines.push(`  ${g.title}`);
    for (const w of g.warnings.slice(0, WARNINGS_PER_GROUP)) lines.push(`    - ${w}`);
    if (g.warnings.length > WARNINGS_PER_GROUP) lines.push(`    ...and ${g.warnings.length - WARNINGS_PER_GROUP} more`);
  }
  return lines;
}

export function formatSummary(s: Summary, info: RunInfo): string {
  const lines: string[] = [];
  const rate = info.elapsedMs > 0 ? Math.round((s.runs / info.elapsedMs) * 1000) : 0;
  lines.push(`${info.name}: ${s.runs.toLocaleString('en-US')} runs, seed ${info.seed}, ${info.workers} worker${info.workers === 1 ? '' : 's'}, ${num(info.elapsedMs / 1000, 2)} s (${rate.toLocaleString('en-US')} runs/s)`);
  lines.push('');
  lines.push('The day');
  lines.push(`  Party victory    ${lpad(pct(s.day.victory.p), 6)}  ${ci(s.day.victory)}`);
  lines.push(`  Defeat (TPK)     ${lpad(pct(s.day.defeat.p), 6)}  ${ci(s.day.defeat)}`);
  lines.push(`  Draw             ${lpad(pct(s.day.draw.p), 6)}  ${ci(s.day.draw)}`);
  if (s.someoneDown) lines.push(`  Someone down     ${lpad(pct(s.someoneDown.p), 6)}  ${ci(s.someoneDown)}`);
  lines.push(`  Deaths           ${num(s.deaths.expected, 2)} expected; at least one in ${pct(s.deaths.anyP)} of days`);
  lines.push(`  Rounds fought    ${num(s.rounds.mean)} on average`);
  lines.push(`  Party HP left    ${num(s.partyHpEnd.mean)} of ${s.partyHpEnd.max} on average (10th to 90th percentile: ${s.partyHpEnd.p10} to ${s.partyHpEnd.p90})`);
  if (s.encounters.length > 1) {
    lines.push('');
    lines.push('Encounters (probabilities among days that reach them)');
    s.encounters.forEach((e, i) => {
      lines.push(`  ${i + 1}. ${pad(e.name, 22)} reached ${lpad(pct(e.reached / Math.max(1, s.runs)), 6)}  victory ${lpad(pct(e.victory.p), 6)}  defeat ${lpad(pct(e.defeat.p), 6)}  rounds ${num(e.rounds.mean)}`);
    });
  }
  lines.push('');
  lines.push(`  ${pad('Character', 22)}${lpad('down', 7)}${lpad('dies', 7)}${lpad('dealt', 8)}${lpad('taken', 8)}${lpad('healed', 8)}`);
  for (const c of s.characters) {
    lines.push(`  ${pad(c.name, 22)}${lpad(pct(c.down.p), 7)}${lpad(pct(c.death.p), 7)}${lpad(num(c.damageDealt), 8)}${lpad(num(c.damageTaken), 8)}${lpad(num(c.healingDone), 8)}`);
  }
  lines.push('  (damage and healing are means per day)');
  const r = s.representatives;
  lines.push('');
  lines.push(`Representative runs: worst #${r.worst}, 5th percentile #${r.p5}, median #${r.p50}, 95th percentile #${r.p95}, best #${r.best}${r.firstDefeat >= 0 ? `, first defeat #${r.firstDefeat}` : ''}`);
  if (info.warningGroups && info.warningGroups.length > 0) {
    lines.push('');
    lines.push(...formatWarnings(info.warningGroups));
  } else if (info.warnings.length) {
    lines.push('');
    lines.push(`Import warnings (${info.warnings.length}):`);
    for (const w of info.warnings) lines.push(`  - ${w}`);
  }
  return lines.join('\n');
}
