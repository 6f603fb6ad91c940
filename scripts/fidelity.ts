// How faithfully the built-in compendium runs its monsters: how many run as written, how many with
// stated approximations only, how many with gaps (something that affects a fight and is not run),
// and the most common gaps and approximations.
//   npm run fidelity            the summary
//   npm run fidelity -- --list  also every monster with a gap, and its gaps

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compendiumFromData, type Compendium } from '../src/scenario/content/srd/compendium.ts';
import { compendium2024FromData } from '../src/scenario/content/srd-2024/compendium.ts';
import type { CompendiumMonster } from '../src/scenario/content/srd/types.ts';
import { legendaryResistanceWords } from '../src/scenario/content/legendary-resistance.ts';

/** A line's kind, for counting: its subject's generic part ("Spell: Fly: not modelled" -> "spell not modelled"). */
function kindOf(line: string): string {
  if (/^Spell: [^:]+: not modelled/.test(line)) return `spell not run: ${line.slice(7).replace(/:.*$/, '')}`;
  if (line.startsWith('Spell: ')) return 'spell run approximately';
  if (line.startsWith('Trait: ')) return `trait: ${line.slice(7).replace(/\s*\(.*$/, '')}`;
  if (line.startsWith('Legendary action')) return 'legendary action';
  if (line.startsWith('Reaction: ')) return `reaction: ${line.slice(10).replace(/\s*\(.*$/, '')}`;
  if (line.startsWith('Action: ')) return `action: ${line.slice(8).replace(/\s*\(.*$/, '')}`;
  if (/assumed to (?:catch|hit)/.test(line)) return 'area effect: number of targets assumed';
  if (/rider is run, not that of/.test(line)) return 'one rider per Multiattack: another attack\'s rider not run';
  if (/^Multiattack|: uses .*; not /.test(line)) return 'multiattack or weapon: first option used';
  if (/counted as [a-z]+$/.test(line)) return 'second damage type counted as the main one';
  if (/counted on every hit/.test(line)) return 'damage on a failed save counted on every hit';
  if (/grapple|restrain/i.test(line)) return 'grapple or restraint run as restrained with a save';
  if (/hit point maximum/.test(line)) return 'hit point maximum reduction';
  if (/each of the target's turns/.test(line)) return 'damage each turn while an effect lasts';
  if (/swallow/i.test(line)) return 'swallowing';
  if (/^(?:Resistance|Immunity|Vulnerability)/.test(line)) return 'damage resistance with a condition';
  if (/charge is assumed/.test(line)) return 'charge or pounce on the first turn';
  return line.replace(/^[^:]+:\s*/, '').replace(/\(.*$/, '').slice(0, 60).trim();
}

function top(entries: CompendiumMonster[], pick: (m: CompendiumMonster) => string[], n: number): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const m of entries) for (const k of new Set(pick(m).map(kindOf))) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

const pct = (n: number, total: number): string => `${((100 * n) / total).toFixed(1)}%`;

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const read = (...path: string[]): unknown => JSON.parse(readFileSync(join(here, '..', 'src', 'scenario', 'content', ...path), 'utf8'));
  report(compendiumFromData(read('srd', 'srd-monsters.json')));
  console.log('');
  report(compendium2024FromData(read('srd-2024', 'srd-2024-monsters.json')));
}

/** The figures for one bestiary (SRD 5.1 or SRD 5.2). */
function report(compendium: Compendium): void {
  const all = [...compendium.monsters];
  const total = all.length;
  const asWritten = all.filter((m) => m.approximations.length === 0 && m.notModelled.length === 0);
  const approxOnly = all.filter((m) => m.approximations.length > 0 && m.notModelled.length === 0);
  const withGaps = all.filter((m) => m.notModelled.length > 0);
  const legendary = all.filter((m) => m.legendary !== null);

  console.log(`Compendium fidelity: ${total} ${compendium.header.source} monsters (format version ${compendium.header.version})`);
  console.log(`  run as written:                     ${String(asWritten.length).padStart(4)}  ${pct(asWritten.length, total)}`);
  console.log(`  with stated approximations only:    ${String(approxOnly.length).padStart(4)}  ${pct(approxOnly.length, total)}`);
  console.log(`  with gaps (something not run):      ${String(withGaps.length).padStart(4)}  ${pct(withGaps.length, total)}`);
  const complete = asWritten.length + approxOnly.length;
  console.log(`Nothing combat-relevant left unmodelled: ${complete} of ${total} (${pct(complete, total)})`);
  console.log(`Legendary monsters: ${legendary.length}, with legendary actions run: ${legendary.filter((m) => (m.creature.legendary?.actions.length ?? 0) > 0).length}, `
    + `Legendary Resistance: ${legendaryResistanceWords(all)}`);
  console.log(`Lines: ${all.reduce((s, m) => s + m.approximations.length, 0)} approximations, ${all.reduce((s, m) => s + m.notModelled.length, 0)} gaps`);

  console.log('\nMost common gaps (monsters):');
  for (const [k, n] of top(all, (m) => m.notModelled, 20)) console.log(`  ${String(n).padStart(4)}  ${k}`);
  console.log('\nMost common approximations (monsters):');
  for (const [k, n] of top(all, (m) => m.approximations, 15)) console.log(`  ${String(n).padStart(4)}  ${k}`);

  if (process.argv.includes('--list')) {
    console.log('\nMonsters with gaps:');
    for (const m of withGaps) console.log(`  ${m.name}: ${m.notModelled.join('; ')}`);
  }
}

main();
