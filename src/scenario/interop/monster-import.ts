// Imports monsters from text a user pastes or a file they pick: one monster or a list from the
// 5e SRD API (dnd5eapi.co / 5e-database), one creature or a page of the Open5e API v2, or one
// monster or a bestiary file from 5etools. Each
// monster comes back as a compendium entry with notes on what could not be mapped; anything that is
// not a monster at all comes back as a problem that says where. Nothing here throws.

import { convert5etoolsMonster } from './monster-5etools.ts';
import { convertOpen5eCreature, isOpen5eCreature } from './monster-open5e.ts';
import { convertSrdMonster } from '../content/srd/convert.ts';
import type { ImportedMonster } from '../content/srd/types.ts';
import { isObj } from '../content/srd/stat-block.ts';

export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;
/** More than this many monsters in one import is refused (a bestiary has a few hundred). */
export const IMPORT_LIMIT_MONSTERS = 5000;

export interface MonsterImportResult {
  monsters: ImportedMonster[];
  problems: string[];
}

export type MonsterFormat = 'srd' | 'open5e' | '5etools';


const NOT_A_MONSTER = 'this does not look like a monster from the 5e SRD API, the Open5e API or 5etools';
const SRD_KEYS = ['armor_class', 'hit_points', 'hit_dice', 'challenge_rating', 'special_abilities', 'strength'];
const FIVETOOLS_KEYS = ['ac', 'hp', 'cr', 'action', 'trait', 'str', '_copy'];

/** Which importer reads this object, or null when neither would. */
export function monsterFormat(value: unknown): MonsterFormat | null {
  if (!isObj(value)) return null;
  // Before the SRD API's: an Open5e creature has armor_class and hit_points too.
  if (isOpen5eCreature(value)) return 'open5e';
  if (SRD_KEYS.some((k) => k in value)) return 'srd';
  if (FIVETOOLS_KEYS.some((k) => k in value)) return '5etools';
  return null;
}

function byteLength(text: string): number {
  // Exact only when it matters: a string of n characters holds between n and 3n bytes of UTF-8.
  return text.length * 3 <= IMPORT_LIMIT_BYTES ? text.length : new TextEncoder().encode(text).length;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "Unexpected token } in JSON at position 42" -> "... (line 3, column 7)". */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position\s+(\d+)/i.exec(message);
  let where = '';
  if (at && !/line\s+\d+\s+column\s+\d+/i.test(message)) {
    const position = Number(at[1]);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    where = ` (line ${line}, column ${column})`;
  }
  return `This is not JSON: ${message}${where}. Paste a monster's JSON from the 5e SRD API, the Open5e API or 5etools ("View JSON"), or pick a .json file.`;
}

function labelOf(value: unknown, path: string): string {
  const name = isObj(value) && typeof value.name === 'string' ? ` (${value.name.slice(0, 60)})` : '';
  return `${path}${name}`;
}

function convertOne(value: unknown, path: string, result: MonsterImportResult): void {
  const format = monsterFormat(value);
  if (format === null) {
    const reference = isObj(value) && typeof value.url === 'string' && typeof value.index === 'string';
    result.problems.push(reference
      ? `${labelOf(value, path)}: only a reference to ${value.url}; fetch the monster itself (its full JSON) and import that`
      : `${labelOf(value, path)}: ${NOT_A_MONSTER}`);
    return;
  }
  try {
    result.monsters.push(format === 'srd' ? convertSrdMonster(value) : format === 'open5e' ? convertOpen5eCreature(value) : convert5etoolsMonster(value));
  } catch (e) {
    result.problems.push(`${labelOf(value, path)}: could not be converted (${e instanceof Error ? e.message : String(e)})`);
  }
}

function convertList(list: unknown[], path: string, result: MonsterImportResult): void {
  if (list.length === 0) {
    result.problems.push(`${path || 'The list'} is empty: there are no monsters to import`);
    return;
  }
  if (list.length > IMPORT_LIMIT_MONSTERS) {
    result.problems.push(`${path || 'The list'} has ${list.length} entries; at most ${IMPORT_LIMIT_MONSTERS} can be imported at once`);
    return;
  }
  list.forEach((item, i) => convertOne(item, `${path}[${i}]`, result));
}

function importParsed(data: unknown, result: MonsterImportResult): void {
  if (Array.isArray(data)) {
    convertList(data, '', result);
    return;
  }
  if (!isObj(data)) {
    result.problems.push(`The JSON is ${data === null ? 'null' : `a ${typeof data}`}, not a monster: ${NOT_A_MONSTER}`);
    return;
  }
  if ('monster' in data && monsterFormat(data) === null) {
    if (Array.isArray(data.monster)) convertList(data.monster, 'monster', result);
    else result.problems.push(`"monster" should be a list of monsters (a 5etools bestiary file), got ${typeof data.monster}`);
    return;
  }
  if ('results' in data && monsterFormat(data) === null) {
    if (Array.isArray(data.results)) convertList(data.results, 'results', result);
    else result.problems.push(`"results" should be a list of monsters (5e SRD API or Open5e API), got ${typeof data.results}`);
    return;
  }
  if (monsterFormat(data) === null) {
    const keys = Object.keys(data).slice(0, 8).join(', ');
    result.problems.push(`${NOT_A_MONSTER[0].toUpperCase()}${NOT_A_MONSTER.slice(1)}${keys ? ` (its fields: ${keys})` : ' (it is an empty object)'}`);
    return;
  }
  convertOne(data, 'The monster', result);
}

/**
 * Imports every monster in `text`. Accepts one SRD API monster, a list of them or `{ results: [...] }`;
 * one Open5e API v2 creature or a page of them (`{ results: [...] }`);
 * one 5etools monster or a bestiary file `{ monster: [...] }`. Never throws.
 */
export function importMonsters(text: string): MonsterImportResult {
  const result: MonsterImportResult = { monsters: [], problems: [] };
  try {
    if (typeof text !== 'string') {
      result.problems.push('Expected text to import');
      return result;
    }
    const bytes = byteLength(text);
    if (bytes > IMPORT_LIMIT_BYTES) {
      result.problems.push(`The text is ${megabytes(bytes)}; monster files up to ${megabytes(IMPORT_LIMIT_BYTES)} can be imported`);
      return result;
    }
    const clean = text.replace(/^\uFEFF/, '').trim();
    if (clean === '') {
      result.problems.push('There is nothing to import: the text is empty');
      return result;
    }
    let data: unknown;
    try {
      data = JSON.parse(clean);
    } catch (e) {
      result.problems.push(jsonProblem(clean, e));
      return result;
    }
    importParsed(data, result);
  } catch (e) {
    result.problems.push(`The import stopped unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}
