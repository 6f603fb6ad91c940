// Generates the built-in monster compendium (src/scenario/content/srd/srd-monsters.json) from the 5e SRD
// API's monster JSON (the 5e-database file, SRD 5.1 content under CC-BY-4.0):
//   npx tsx scripts/build-compendium.ts <path-to-5e-SRD-Monsters.json> [out]
// Every monster is converted with the project's own converter, compiled by the engine in a
// one-monster scenario to prove it is simulatable, checked to survive the compact stored form
// unchanged, and written sorted by name. The description prose never reaches the output.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPENDIUM_FORMAT, COMPENDIUM_VERSION, compactMonster, expandMonster, storedMonster } from '../src/scenario/content/srd/compact.ts';
import { convertSrdMonster } from '../src/scenario/content/srd/convert.ts';
import { restateSummons, SUMMONS_2014 } from '../src/scenario/content/summons.ts';
import { convertAndCheck, gapKinds, printConverterNotes, writeCompendium } from './compendium-checks.ts';

const ATTRIBUTION = 'This work includes material taken from the System Reference Document 5.1 ("SRD 5.1") by Wizards of '
  + 'the Coast LLC and available at https://dnd.wizards.com/resources/systems-reference-document. The SRD 5.1 is licensed '
  + 'under the Creative Commons Attribution 4.0 International License available at https://creativecommons.org/licenses/by/4.0/legalcode.';

const EXPECTED_COUNT = 334;

/** The kind of a notModelled line, for the summary: "Trait: Pack Tactics" -> "trait Pack Tactics". */
function kindOf(line: string): string {
  if (line.startsWith('Trait: ')) return `trait ${line.slice(7).replace(/\s*\(.*$/, '')}`;
  if (line.startsWith('Legendary actions')) return 'legendary actions';
  if (line.startsWith('Reaction: ')) return 'reaction';
  if (line.startsWith('Action: ')) return 'action left out';
  if (/^(Resistance|Immunity|Vulnerability)\b/.test(line)) return 'damage type only from nonmagical weapons, or limited';
  if (/^AC \d+/.test(line)) return 'AC with a spell or condition';
  if (/^Multiattack: /.test(line)) return 'multiattack part or option left out';
  if (/damage counted as/.test(line)) return 'second damage type counted as the main one';
  if (/assumed to (?:catch|hit)/.test(line)) return 'area effect: assumed number of targets';
  if (/: uses .*; not /.test(line)) return 'choice of damage';
  if (/damage (?:on a failed|each turn|if used|at half|as an alternative|only in)/.test(line)) return 'damage only in some circumstances';
  if (/No action the engine can run/.test(line)) return 'no runnable action';
  if (/^[^:]+: [a-z]/.test(line)) return 'condition or effect inflicted by an attack or effect';
  return 'other';
}

function main(): void {
  const [inputPath, outArg] = process.argv.slice(2);
  if (!inputPath) {
    console.error('Usage: npx tsx scripts/build-compendium.ts <path-to-5e-SRD-Monsters-2014.json> [out]');
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const outPath = outArg ?? join(here, '..', 'src', 'scenario', 'content', 'srd', 'srd-monsters.json');

  const bytes = readFileSync(inputPath);
  const raw: unknown = JSON.parse(bytes.toString('utf8'));
  const list = Array.isArray(raw) ? raw : (raw as { results?: unknown })?.results;
  if (!Array.isArray(list)) throw new Error(`${inputPath}: expected an array of monsters`);

  const { entries, notes } = convertAndCheck(
    list as unknown[], convertSrdMonster, { compact: compactMonster, schema: storedMonster, expand: expandMonster },
    { noun: 'monsters', count: EXPECTED_COUNT, source: 'SRD 5.1' },
  );

  for (const e of entries) restateSummons(e, SUMMONS_2014);
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const file = {
    header: {
      format: COMPENDIUM_FORMAT,
      version: COMPENDIUM_VERSION,
      source: 'SRD 5.1',
      licence: 'CC-BY-4.0',
      attribution: ATTRIBUTION,
      generatedFrom: basename(inputPath),
      sourceSha256: createHash('sha256').update(bytes).digest('hex'),
      count: entries.length,
    },
    monsters: entries.map(compactMonster),
  };
  writeCompendium(outPath, file, 'monsters');

  const withNotModelled = entries.filter((e) => e.notModelled.length > 0);
  const top = [...gapKinds(entries, kindOf)].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log(`Monsters with something not modelled: ${withNotModelled.length}; most common kinds (monsters):`);
  for (const [k, n] of top) console.log(`  ${String(n).padStart(4)}  ${k}`);
  printConverterNotes(notes);
}

main();
