// Generates the SRD 5.2 bestiary (src/scenario/content/srd-2024/srd-2024-monsters.json) from the
// Open5e export of the System Reference Document 5.2 (CC-BY-4.0):
//   npx tsx scripts/build-compendium-2024.ts <folder with Creature.json, CreatureAction.json, CreatureActionAttack.json, CreatureTrait.json> [out]
// Every creature is converted with the project's own converter, compiled by the engine in a
// one-creature scenario to prove it is simulatable, checked to survive the compact stored form
// unchanged, and written sorted by name. The description prose never reaches the output.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPENDIUM_FORMAT, COMPENDIUM_VERSION, compactMonster2024, expandMonster2024, storedMonster2024 } from '../src/scenario/content/srd-2024/compact.ts';
import { convertSrd2024Creature } from '../src/scenario/content/srd-2024/convert.ts';
import { joinSrd2024 } from '../src/scenario/content/srd-2024/source.ts';
import { restateSummons, SUMMONS_2024 } from '../src/scenario/content/summons.ts';
import { convertAndCheck, gapKinds, printConverterNotes, writeCompendium } from './compendium-checks.ts';

// The credit line CC-BY-4.0 asks for, as the SRD 5.2 gives it.
export const ATTRIBUTION_2024 = 'This work includes material from the System Reference Document 5.2 ("SRD 5.2") by Wizards of the Coast LLC, '
  + 'available at https://dnd.wizards.com/resources/systems-reference-document. The SRD 5.2 is licensed under the Creative Commons '
  + 'Attribution 4.0 International License, available at https://creativecommons.org/licenses/by/4.0/legalcode.';

const EXPECTED_COUNT = 331;
const FILES = ['Creature.json', 'CreatureAction.json', 'CreatureActionAttack.json', 'CreatureTrait.json'] as const;

/** The kind of a gap, for the summary: "Spell: Fly: not modelled" -> "spell not run: Fly". */
function kindOf(line: string): string {
  if (/^Spell: [^:]+: not modelled/.test(line)) return `spell not run: ${line.slice(7).replace(/:.*$/, '')}`;
  if (line.startsWith('Trait: ')) return `trait: ${line.slice(7).replace(/\s*\(.*$/, '')}`;
  if (/^(?:Action|Reaction|Legendary action): /.test(line)) return line.replace(/\s*\(.*$/, '').replace(/^([^:]+): /, (_m, k: string) => `${k.toLowerCase()}: `);
  if (/if the attack roll had advantage/.test(line)) return 'extra damage with advantage';
  if (/ is not counted$/.test(line)) return 'advantage in some circumstances';
  if (/swallow/i.test(line)) return 'swallowing';
  return line.replace(/^[^:]+:\s*/, '').replace(/\(.*$/, '').slice(0, 60).trim();
}

const pct = (n: number, total: number): string => `${((100 * n) / total).toFixed(1)}%`;

function main(): void {
  const [folder, outArg] = process.argv.slice(2);
  if (!folder) {
    console.error('Usage: npx tsx scripts/build-compendium-2024.ts <srd-2024 folder> [out]');
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const outPath = outArg ?? join(here, '..', 'src', 'scenario', 'content', 'srd-2024', 'srd-2024-monsters.json');

  const hash = createHash('sha256');
  const [creatures, actions, attacks, traits] = FILES.map((name) => {
    const bytes = readFileSync(join(folder, name));
    hash.update(bytes);
    return JSON.parse(bytes.toString('utf8')) as unknown;
  });
  const joined = joinSrd2024({ creatures, actions, attacks, traits });

  const { entries, notes } = convertAndCheck(
    joined, convertSrd2024Creature, { compact: compactMonster2024, schema: storedMonster2024, expand: expandMonster2024 },
    { noun: 'creatures', count: EXPECTED_COUNT, source: 'SRD 5.2' },
  );

  for (const e of entries) restateSummons(e, SUMMONS_2024);
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const file = {
    header: {
      format: COMPENDIUM_FORMAT,
      version: COMPENDIUM_VERSION,
      source: 'SRD 5.2',
      licence: 'CC-BY-4.0',
      attribution: ATTRIBUTION_2024,
      generatedFrom: 'Open5e export of srd-2024: Creature.json, CreatureAction.json, CreatureActionAttack.json, CreatureTrait.json',
      sourceSha256: hash.digest('hex'),
      count: entries.length,
    },
    monsters: entries.map(compactMonster2024),
  };
  writeCompendium(outPath, file, 'creatures');

  const complete = entries.filter((e) => e.notModelled.length === 0);
  const kinds = gapKinds(entries, kindOf);
  console.log(`Nothing combat-relevant left unmodelled: ${complete.length} of ${entries.length} (${pct(complete.length, entries.length)}); `
    + `as written ${entries.filter((e) => e.notModelled.length === 0 && e.approximations.length === 0).length}, with stated approximations only `
    + `${complete.filter((e) => e.approximations.length > 0).length}`);
  console.log(`Legendary creatures: ${entries.filter((e) => e.legendary).length}, with Legendary Resistance: ${entries.filter((e) => (e.legendary?.resistancePerDay ?? 0) > 0).length}`);
  console.log('Most common gaps (creatures):');
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15)) console.log(`  ${String(n).padStart(4)}  ${k}`);
  printConverterNotes(notes);
}

main();
