// Canonical JSON, the request key and the exported file. A request key must be the same for the
// same scenario wherever and whenever it is computed (browser or Node, any key order), so the spec
// is written with sorted keys and hashed with a small hash of our own that needs no crypto API.

import type { ScenarioSpec } from '../../engine/index.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioRunSettings } from './format.ts';

/** Deeper than any scenario; protects the recursion below from hostile values. */
const MAX_CANONICAL_DEPTH = 200;

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace. Values
 * follow JSON.stringify: undefined and functions are left out of objects and become null in
 * arrays, non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, 0);
  return out ?? 'null';
}

function write(value: unknown, depth: number): string | undefined {
  if (depth > MAX_CANONICAL_DEPTH) throw new RangeError(`canonicalJson: nesting deeper than ${MAX_CANONICAL_DEPTH} levels`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
    default:
      break;
  }
  const maybeJson = value as { toJSON?: unknown };
  if (typeof maybeJson.toJSON === 'function') return write((maybeJson.toJSON as () => unknown)(), depth + 1);
  if (Array.isArray(value)) {
    const parts = value.map((v) => write(v, depth + 1) ?? 'null');
    return `[${parts.join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = write(obj[key], depth + 1);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A fast 64-bit hash of text as 16 hex digits: two 32-bit multiply-xorshift lanes with different
 * seeds, multipliers and shifts read every UTF-16 unit, then are mixed into each other and
 * finalised. Not cryptographic: it tells scenarios apart, it does not resist an attacker.
 */
export function hashString(text: string): string {
  const length = text.length;
  let a = 0x9e3779b9 ^ length;
  let b = Math.imul(0x7f4a7c15 ^ length, 0x2545f491);
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b + c + 0x3c6ef372, 0x5bd1e995);
    b ^= b >>> 13;
  }
  const high = fmix32(a ^ Math.imul(b ^ (b >>> 17), 0x27d4eb2f));
  const low = fmix32(b ^ Math.imul(high ^ length, 0x165667b1));
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

export interface RunSettings {
  seed: number;
  runs: number;
  /** Each run's outcome kept in the aggregate (absent or false: an ordinary request, its key as before). */
  runOutcomes?: boolean;
  /** The representative runs not replayed. */
  noReplays?: boolean;
}

/**
 * The key of a simulation request: same spec, settings and engine version, same key, same answer.
 * Only the engine's input is hashed, so a scenario's name or other display data never change it.
 */
export function requestKey(spec: ScenarioSpec, settings: RunSettings, engineVersion: string): string {
  const payload = {
    engineVersion,
    runs: settings.runs,
    seed: settings.seed,
    spec: { party: spec.party, encounters: spec.encounters, rules: spec.rules },
    ...(settings.runOutcomes && { runOutcomes: true }),
    ...(settings.noReplays && { noReplays: true }),
  };
  return hashString(canonicalJson(payload));
}

export interface ScenarioDocument {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  name: string;
  party: ScenarioSpec['party'];
  encounters: ScenarioSpec['encounters'];
  rules: ScenarioSpec['rules'];
  run?: ScenarioRunSettings;
}

/** A scenario as a document of our file format, every field written out. */
export function toScenarioDocument(name: string, spec: ScenarioSpec, run?: ScenarioRunSettings): ScenarioDocument {
  // A deep copy, so the document never shares objects with the live spec.
  const copy = JSON.parse(JSON.stringify({ party: spec.party, encounters: spec.encounters, rules: spec.rules })) as ScenarioSpec;
  const doc: ScenarioDocument = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name,
    party: copy.party,
    encounters: copy.encounters,
    rules: copy.rules,
  };
  if (run && (run.runs !== undefined || run.seed !== undefined)) {
    doc.run = {};
    if (run.runs !== undefined) doc.run.runs = run.runs;
    if (run.seed !== undefined) doc.run.seed = run.seed;
  }
  return doc;
}

/** The exported file's text; it loads back through loadScenarioText to an equal spec. */
export function toScenarioFile(name: string, spec: ScenarioSpec, run?: ScenarioRunSettings): string {
  return `${JSON.stringify(toScenarioDocument(name, spec, run), null, 2)}\n`;
}
