// What the two compendium builders (build-compendium.ts for SRD 5.1, build-compendium-2024.ts for
// SRD 5.2) share: converting every source record and checking it (the engine compiles it, it
// survives the compact stored form unchanged, ids are unique), refusing to write when a check
// fails, writing the file, and the summary lines both print.

import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { simulationProblem } from '../src/scenario/content/srd/stat-block.ts';
import type { CompendiumMonster, ImportedMonster } from '../src/scenario/content/srd/types.ts';

/** An edition's compact stored form: how an entry is written, the schema it is read back with, and how it is restored. */
export interface StoredForm<S> {
  compact: (entry: CompendiumMonster) => unknown;
  schema: z.ZodType<S>;
  expand: (stored: S) => CompendiumMonster;
}

/** What the summary calls the records ("monsters", "creatures") and how many the source should give. */
export interface Expected {
  noun: string;
  count: number;
  source: string;
}

/**
 * Converts every record and checks each entry. Exits without writing anything when a check
 * fails; warns when the count is not the one expected. The entries come back in source order.
 */
export function convertAndCheck<R, S>(
  records: Iterable<R>, convert: (record: R) => ImportedMonster, stored: StoredForm<S>, expected: Expected,
): { entries: CompendiumMonster[]; notes: string[] } {
  const entries: CompendiumMonster[] = [];
  const failures: string[] = [];
  const notes: string[] = [];
  for (const record of records) {
    const { entry, notes: recordNotes } = convert(record);
    for (const n of recordNotes) notes.push(`${entry.id}: ${n}`);
    const problem = simulationProblem(entry.creature);
    if (problem) failures.push(`${entry.id}: the engine refuses it: ${problem}`);
    const back = stored.schema.safeParse(JSON.parse(JSON.stringify(stored.compact(entry))));
    if (!back.success) failures.push(`${entry.id}: the stored record does not pass its schema: ${back.error.issues[0]?.message}`);
    else if (!isDeepStrictEqual(stored.expand(back.data), entry)) failures.push(`${entry.id}: the stored record does not restore the same entry`);
    entries.push(entry);
  }
  if (new Set(entries.map((e) => e.id)).size !== entries.length) failures.push(`two ${expected.noun} share an id`);
  if (entries.length !== expected.count) console.warn(`Note: ${entries.length} ${expected.noun}, expected ${expected.count} for ${expected.source}`);
  if (failures.length > 0) {
    console.error(`Not written: ${failures.length} problem(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  return { entries, notes };
}

/** Writes the compendium file as one line of JSON and prints where, how big, and that every entry passed. */
export function writeCompendium(outPath: string, file: { monsters: unknown[] }, noun: string): void {
  const text = `${JSON.stringify(file)}\n`;
  writeFileSync(outPath, text);
  const count = file.monsters.length;
  console.log(`Wrote ${count} ${noun} to ${outPath}`);
  console.log(`Size: ${Buffer.byteLength(text)} bytes raw, ${gzipSync(text, { level: 9 }).length} bytes gzipped`);
  console.log(`All ${count} compile in the engine and survive the stored form unchanged.`);
}

/** How many entries have each kind of gap (by the builder's `kindOf`), in the order first met. */
export function gapKinds(entries: CompendiumMonster[], kindOf: (line: string) => string): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const e of entries) for (const k of new Set(e.notModelled.map(kindOf))) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  return kinds;
}

/** The converter's notes on the source, one a line, if it has any. */
export function printConverterNotes(notes: string[]): void {
  if (notes.length > 0) console.log(`Converter notes (${notes.length}):\n${notes.map((n) => `  - ${n}`).join('\n')}`);
}
