// The pool an encounter search draws from: compendium monsters chosen by filters (challenge rating,
// creature type, edition, names). Pure: the caller loads the compendiums and passes them in, so the
// CLI, the app and tests build pools alike. A filter that matches nothing is named in the error.

import type { CreatureSpec } from '../../engine/index.ts';
import { creatureFrom } from '../content/srd/creature-from.ts';
import { crFromText, crToText } from '../content/srd/stat-block.ts';
import type { Compendium } from '../content/srd/compendium.ts';

export type PoolEdition = '2014' | '2024' | 'both';

export interface PoolFilter {
  /** Lowest challenge rating, inclusive (0.25 for CR 1/4); null for no lower limit. */
  crMin: number | null;
  /** Highest challenge rating, inclusive; null for no upper limit. */
  crMax: number | null;
  /** Creature types in lower case ("undead"); empty for any. */
  types: string[];
  /** Monsters by name or id; empty for any. */
  names: string[];
  /** Which compendium: SRD 5.1 (2014), SRD 5.2 (2024) or both; null for the scenario's own edition. */
  edition: PoolEdition | null;
}

export const ANY_MONSTER: PoolFilter = Object.freeze({ crMin: null, crMax: null, types: [], names: [], edition: null }) as PoolFilter;

export interface PoolMonster {
  id: string;
  name: string;
  /** 'SRD 5.1' or 'SRD 5.2'. */
  source: string;
  cr: number;
  crText: string;
  xp: number;
  type: string;
  /** The stat block as the engine runs it, count 1. */
  creature: CreatureSpec;
}

export interface Bestiary {
  source: string;
  edition: '2014' | '2024';
  compendium: Compendium;
}

export class PoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolError';
  }
}

/** Levenshtein distance, for "did you mean" on a misspelt monster. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

const fold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();

function crArg(text: string, whole: string): number {
  const cr = crFromText(text);
  if (cr === null) throw new PoolError(`"${whole}": "${text}" is not a challenge rating (0, 1/8, 1/4, 1/2, 1 to 30)`);
  return cr;
}

/**
 * "cr=1/4-3,type=undead|fiend,name=ghoul|ghast,edition=2014": comma-separated key=value pairs, several
 * values of one key separated by "|". Keys: cr (a range "1-5", "1/4-3", "-2", "5-", or one rating),
 * type, name, edition (2014, 2024 or both).
 */
export function parsePoolFilter(text: string): PoolFilter {
  const filter: PoolFilter = { crMin: null, crMax: null, types: [], names: [], edition: null };
  const seen = new Set<string>();
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new PoolError('the pool filter is empty; give e.g. "cr=1-5,type=undead"');
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new PoolError(`"${part}" is not key=value; the keys are cr, type, name and edition`);
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (value === '') throw new PoolError(`"${part}" has no value`);
    if (seen.has(key)) throw new PoolError(`"${key}" is given twice; give several values as ${key}=a|b`);
    seen.add(key);
    const values = value.split('|').map((v) => v.trim()).filter(Boolean);
    switch (key) {
      case 'cr': {
        const m = /^([^-]*)-([^-]*)$/.exec(value);
        if (m) {
          filter.crMin = m[1].trim() === '' ? null : crArg(m[1], part);
          filter.crMax = m[2].trim() === '' ? null : crArg(m[2], part);
          if (filter.crMin === null && filter.crMax === null) throw new PoolError(`"${part}" gives no challenge rating`);
        } else {
          filter.crMin = filter.crMax = crArg(value, part);
        }
        if (filter.crMin !== null && filter.crMax !== null && filter.crMin > filter.crMax) {
          throw new PoolError(`"${part}": the lowest challenge rating is above the highest`);
        }
        break;
      }
      case 'type': filter.types = values.map(fold); break;
      case 'name': filter.names = values; break;
      case 'edition':
        if (value !== '2014' && value !== '2024' && value !== 'both') throw new PoolError(`"${part}": the edition is 2014 (SRD 5.1), 2024 (SRD 5.2) or both`);
        filter.edition = value;
        break;
      default:
        throw new PoolError(`unknown pool filter "${key}" in "${part}"; the keys are cr, type, name and edition`);
    }
  }
  return filter;
}

/** The filter in the syntax parsePoolFilter reads. */
export function describePoolFilter(f: PoolFilter): string {
  const parts: string[] = [];
  if (f.crMin !== null || f.crMax !== null) {
    parts.push(f.crMin === f.crMax ? `cr=${crToText(f.crMin!)}` : `cr=${f.crMin === null ? '' : crToText(f.crMin)}-${f.crMax === null ? '' : crToText(f.crMax)}`);
  }
  if (f.types.length > 0) parts.push(`type=${f.types.join('|')}`);
  if (f.names.length > 0) parts.push(`name=${f.names.join('|')}`);
  if (f.edition !== null) parts.push(`edition=${f.edition}`);
  return parts.length > 0 ? parts.join(',') : 'any monster';
}

/**
 * The monsters of the chosen compendiums that pass every filter, by challenge rating, then name,
 * then source. A PoolError names a filter that matches no monster on its own, or says that the
 * filters together match none.
 */
export function poolFrom(books: readonly Bestiary[], filter: PoolFilter, scenarioEdition: '2014' | '2024' = '2014'): PoolMonster[] {
  const edition = filter.edition ?? scenarioEdition;
  const chosen = books.filter((b) => edition === 'both' || b.edition === edition);
  if (chosen.length === 0) throw new PoolError(`no compendium of edition ${edition} is loaded`);
  const where = chosen.map((b) => b.source).join(' and ');
  const all = chosen.flatMap((b) => b.compendium.monsters.map((m) => ({ m, source: b.source, book: b.compendium })));

  const byCr = (x: (typeof all)[number]) => (filter.crMin === null || x.m.cr >= filter.crMin) && (filter.crMax === null || x.m.cr <= filter.crMax);
  const byType = (x: (typeof all)[number]) => filter.types.length === 0 || filter.types.includes(fold(x.m.type));
  const byName = (x: (typeof all)[number]) => filter.names.length === 0 || filter.names.some((n) => fold(n) === fold(x.m.name) || fold(n) === x.m.id);

  // Each filter on its own first, so the message names the one that matches nothing.
  for (const name of filter.names) {
    if (!all.some((x) => fold(name) === fold(x.m.name) || fold(name) === x.m.id)) {
      const near = all.map((x) => ({ name: x.m.name, d: editDistance(fold(x.m.name), fold(name)) })).filter((x) => x.d <= Math.max(2, name.length / 4));
      const close = [...new Set(near.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'en')).map((x) => x.name))].slice(0, 3);
      throw new PoolError(`name=${name} matches no monster of the ${where}${close.length > 0 ? `; did you mean ${close.map((c) => `"${c}"`).join(', ')}?` : ''}`);
    }
  }
  for (const type of filter.types) {
    if (!all.some((x) => fold(x.m.type) === type)) {
      const types = [...new Set(chosen.flatMap((b) => b.compendium.types.map(fold)))].sort();
      throw new PoolError(`type=${type} matches no monster of the ${where}; the types are ${types.join(', ')}`);
    }
  }
  if ((filter.crMin !== null || filter.crMax !== null) && !all.some(byCr)) {
    throw new PoolError(`${describePoolFilter({ ...ANY_MONSTER, crMin: filter.crMin, crMax: filter.crMax })} matches no monster of the ${where}`);
  }
  const kept = all.filter((x) => byCr(x) && byType(x) && byName(x));
  if (kept.length === 0) throw new PoolError(`no monster of the ${where} passes all of ${describePoolFilter(filter)} together`);
  const monsters = kept.map(({ m, source }): PoolMonster => ({
    id: m.id, name: m.name, source, cr: m.cr, crText: m.crText, xp: m.xp, type: fold(m.type), creature: creatureFrom(m, 1),
  }));
  return monsters.sort((a, b) => a.cr - b.cr || a.name.localeCompare(b.name, 'en') || a.source.localeCompare(b.source, 'en'));
}
