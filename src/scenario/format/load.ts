// scenario/format/: our file format and everything that checks input against it: the schema and
// its defaults (schema.ts, format.ts), the safety pass and size limits (safety.ts, input-limits.ts),
// canonical JSON and the request key (canonical.ts), share links (share-link.ts) and the one error
// type (errors.ts). This module is where input enters.
//
// The one pipeline all outside input goes through (files, pasted text, share links, stored data):
// size check, JSON parse, safety pass, format detection, migration, zod validation, and a compile
// check by the engine itself. Whatever goes wrong, the caller gets a ScenarioError that names the
// origin, the field and the problem, and nothing else ever escapes.

import type { z } from 'zod';
import { CompileError, compileScenario, type ScenarioSpec } from '../../engine/index.ts';
import { importBattleSim, isBattleSimDocument } from '../interop/battlesim.ts';
import { MAX_ISSUES, ScenarioError, errorText, formatPath, kindOf, showValue, type ScenarioIssue } from './errors.ts';
import { checkTextDepth, checkTextSize, sanitizeJson } from './safety.ts';
import {
  SCENARIO_FORMAT, SCENARIO_VERSION, scenarioFileSchema, scenarioFileStrictSchema,
  type ParsedScenarioFile, type ScenarioRunSettings,
} from './schema.ts';
import { estimateRunCost, runCostProblem, type RunCostEstimate } from './run-cost.ts';
import { groupWarnings, type LoadWarning, type WarningGroup } from './warnings.ts';

export interface LoadedScenario {
  name: string;
  spec: ScenarioSpec;
  run: ScenarioRunSettings;
  warnings: string[];
  /** Every warning (uncapped), counted in groups, the ones that change the answer first. */
  warningGroups: WarningGroup[];
  source: 'encounter-lab' | 'battlesim';
  /** What one simulated day is estimated to cost (run-cost.ts), for asking before a long run. */
  cost: RunCostEstimate;
}

export interface LoadOptions {
  /**
   * Loads a scenario even when one simulated day is estimated past the hard limit (run-cost.ts);
   * only for a user who insisted (the CLI's --force) and for measuring.
   */
  allowExpensive?: boolean;
}

type Doc = Record<string, unknown>;

/** Turns a document of version `v` into version `v + 1`. */
export type Migration = (doc: Doc) => Doc;

/**
 * MIGRATIONS[v] upgrades a version-v file to version v + 1. Version 1 is the first format, so the
 * table is empty; a future version 2 adds `1: (doc) => ...` here and a test for it.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({});

/** Keeps warning lists readable even for a file with thousands of unknown keys. */
const MAX_WARNINGS = 100;

export function loadScenarioText(text: string, origin = 'input', options: LoadOptions = {}): LoadedScenario {
  return guard(origin, () => {
    if (typeof text !== 'string') throw ScenarioError.at(origin, '', `must be text, got ${kindOf(text)}`);
    checkTextSize(text, origin);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    checkTextDepth(body, origin);
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      const problem = errorText(e);
      throw new ScenarioError(`${origin} is not valid JSON: ${problem}`, [{ path: '', message: `is not valid JSON: ${problem}` }], origin);
    }
    return loadValue(value, origin, options);
  });
}

export function loadScenarioJson(value: unknown, origin = 'input', options: LoadOptions = {}): LoadedScenario {
  return guard(origin, () => loadValue(value, origin, options));
}

/** Whatever an unexpected failure is, it leaves as a ScenarioError with a reason. */
function guard(origin: string, load: () => LoadedScenario): LoadedScenario {
  try {
    return load();
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    let reason: string;
    try {
      reason = errorText(e);
    } catch {
      reason = 'unknown error';
    }
    const shown = reason.length > 200 ? `${reason.slice(0, 197)}...` : reason;
    throw ScenarioError.at(origin, '', `could not be loaded because of an unexpected error (${shown})`);
  }
}

function loadValue(raw: unknown, origin: string, options: LoadOptions): LoadedScenario {
  const value = sanitizeJson(raw, origin);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw ScenarioError.at(origin, '', `must be a JSON object (an Encounter Lab scenario or a BattleSim save), got ${kindOf(value)}`);
  }
  const doc = value as Doc;
  const notes: LoadWarning[] = [];
  const warnings: string[] = [];
  let parsed: ParsedScenarioFile;
  let source: LoadedScenario['source'];
  let toSourcePath: (path: string) => string = (p) => p;

  if ('format' in doc || (!isBattleSimDocument(doc) && 'party' in doc)) {
    source = 'encounter-lab';
    const current = migrateDocument(withEnvelope(doc, warnings), origin);
    notes.push(...warnings.map((text): LoadWarning => ({ text, kind: 'read-as' })));
    warnings.length = 0;
    parsed = validate(current, origin, warnings, toSourcePath);
  } else if (isBattleSimDocument(doc)) {
    source = 'battlesim';
    const imported = importBattleSim(doc, origin);
    notes.push(...imported.notes);
    toSourcePath = imported.toSourcePath;
    parsed = validate(imported.document, origin, warnings, toSourcePath);
  } else {
    throw ScenarioError.at(origin, '',
      `is neither an Encounter Lab scenario (no "format": "${SCENARIO_FORMAT}") nor a BattleSim save (no "players" with "encounters" or "timeline")`);
  }

  // What validation said is only ever about unknown fields.
  notes.push(...warnings.map((text): LoadWarning => ({ text, kind: 'ignored' })));
  const cost = compileCheck(parsed.spec, origin, toSourcePath);
  const tooExpensive = options.allowExpensive ? null : runCostProblem(cost);
  if (tooExpensive) throw ScenarioError.at(origin, '', tooExpensive);
  notes.push(...lintSpec(parsed.spec, toSourcePath));
  const texts = notes.map((n) => n.text);
  return { name: parsed.name, spec: parsed.spec, run: parsed.run, warnings: capWarnings(texts), warningGroups: groupWarnings(notes), source, cost };
}

/** A file without the envelope fields is read as the current version, with a warning. */
function withEnvelope(doc: Doc, warnings: string[]): Doc {
  if ('format' in doc && doc.format !== SCENARIO_FORMAT) return doc; // refused by migrateDocument
  if ('format' in doc && 'version' in doc) return doc;
  const out: Doc = { ...doc };
  if (!('format' in doc)) {
    warnings.push(`The file has no "format" field; it was read as an Encounter Lab scenario.`);
    out.format = SCENARIO_FORMAT;
  }
  if (!('version' in doc)) {
    warnings.push(`The file has no "version" field; it was read as version ${SCENARIO_VERSION}.`);
    out.version = SCENARIO_VERSION;
  }
  return out;
}

/** Checks the envelope and applies migrations until the document is the current version. */
export function migrateDocument(
  doc: Doc,
  origin: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  currentVersion: number = SCENARIO_VERSION,
): Doc {
  if (doc.format !== SCENARIO_FORMAT) {
    throw ScenarioError.at(origin, 'format', `is ${showValue(doc.format)}, not an Encounter Lab scenario (expected "${SCENARIO_FORMAT}")`);
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw ScenarioError.at(origin, 'version', `is ${showValue(version)}, which is not a known scenario version (expected a whole number from 1 to ${currentVersion})`);
  }
  if (version > currentVersion) {
    throw ScenarioError.at(origin, 'version',
      `is ${version}: the file was written by a newer Encounter Lab, and this one reads scenario versions up to ${currentVersion}; update the app to open it`);
  }
  let current = doc;
  for (let v = version; v < currentVersion; v++) {
    const step = Object.prototype.hasOwnProperty.call(migrations, v) ? migrations[v] : undefined;
    if (!step) throw ScenarioError.at(origin, 'version', `is ${v}, and there is no migration from version ${v} to ${v + 1}`);
    current = { ...step(current), version: v + 1 };
  }
  return current;
}

function validate(doc: Doc, origin: string, warnings: string[], toSourcePath: (path: string) => string): ParsedScenarioFile {
  const strict = scenarioFileStrictSchema.safeParse(doc);
  if (strict.success) return strict.data;
  const unknownKeys = strict.error.issues.filter((i) => i.code === 'unrecognized_keys');
  const problems = strict.error.issues.filter((i) => i.code !== 'unrecognized_keys');
  if (problems.length > 0) {
    const issues: ScenarioIssue[] = problems.slice(0, MAX_ISSUES).map((issue) => ({
      path: toSourcePath(formatPath(issue.path)),
      message: describeIssue(issue, doc),
    }));
    throw ScenarioError.fromIssues(origin, issues);
  }
  for (const issue of unknownKeys) {
    if (issue.code !== 'unrecognized_keys') continue;
    const where = toSourcePath(formatPath(issue.path));
    const keys = issue.keys.map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 37)}...` : k)).join(', ');
    const plural = issue.keys.length === 1 ? 'field' : 'fields';
    warnings.push(`Unknown ${plural} ${keys} ${where ? `in ${where} ` : 'at the top level '}ignored.`);
  }
  // Only unknown keys were wrong: the same document passes with them dropped.
  const lenient = scenarioFileSchema.safeParse(doc);
  if (!lenient.success) {
    throw ScenarioError.fromIssues(origin, lenient.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
      path: toSourcePath(formatPath(issue.path)),
      message: describeIssue(issue, doc),
    })));
  }
  return lenient.data;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const ARTICLE: Record<string, string> = {
  number: 'a number', int: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list',
  object: 'an object', null: 'null',
};

function listOf(values: ReadonlyArray<unknown>): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : String(v)));
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** A zod issue as a short problem statement about the value the user wrote. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return 'is missing';
      if (issue.expected === 'int' && typeof value === 'number') return `must be a whole number, got ${value}`;
      const expected = ARTICLE[issue.expected] ?? String(issue.expected);
      return `must be ${expected}, got ${kindOf(value)}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters long`;
      if (issue.origin === 'array') return `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`;
      return issue.inclusive === false ? `must be more than ${min}, got ${showValue(value)}` : `must be at least ${min}, got ${showValue(value)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') {
        const length = typeof value === 'string' ? value.length : undefined;
        return `is ${length ?? 'too many'} characters long, more than the limit of ${max}`;
      }
      if (issue.origin === 'array') {
        const length = Array.isArray(value) ? value.length : undefined;
        return `has ${length ?? 'too many'} entries, more than the limit of ${max}`;
      }
      return issue.inclusive === false ? `must be less than ${max}, got ${showValue(value)}` : `must be at most ${max}, got ${showValue(value)}`;
    }
    case 'invalid_value': {
      if (value === undefined) return `is missing; expected ${listOf(issue.values.map((v) => JSON.stringify(v)))}`;
      if (issue.values.length === 1) return `must be ${JSON.stringify(issue.values[0])}, got ${showValue(value)}`;
      return `must be one of ${listOf(issue.values)}, got ${showValue(value)}`;
    }
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
      if (issue.discriminator !== undefined) {
        if (value === undefined) return `is missing; expected ${listOf(options)}`;
        const key = issue.path[issue.path.length - 1];
        if (key === 'type') return `unknown type ${showValue(value)}; expected ${listOf(options)}`;
        return `must be one of ${listOf(options)}, got ${showValue(value)}`;
      }
      return `does not match any allowed form, got ${kindOf(value)}`;
    }
    default:
      return issue.message;
  }
}

/** Compiles the scenario as the engine will, and estimates what one simulated day costs. */
function compileCheck(spec: ScenarioSpec, origin: string, toSourcePath: (path: string) => string): RunCostEstimate {
  try {
    return estimateRunCost(compileScenario(spec));
  } catch (e) {
    if (e instanceof CompileError) {
      throw ScenarioError.at(origin, toSourcePath(e.path), e.problem);
    }
    throw e;
  }
}

/** Things that load fine but probably do not do what the author meant. */
function lintSpec(spec: ScenarioSpec, toSourcePath: (path: string) => string): LoadWarning[] {
  const out: LoadWarning[] = [];
  const creatures = (list: ScenarioSpec['party'], where: string) => {
    list.forEach((c, i) => {
      const path = toSourcePath(`${where}[${i}]`);
      if (c.rollHp && !c.hpFormula) out.push({ text: `${path} (${c.name}): rollHp is true but there is no hpFormula, so the fixed hp is used.`, kind: 'read-as' });
      if (c.actions.length === 0) out.push({ text: `${path} (${c.name}) has no actions and will only take hits.`, kind: 'inactive' });
    });
  };
  creatures(spec.party, 'party');
  spec.encounters.forEach((e, i) => creatures(e.enemies, `encounters[${i}].enemies`));
  if (spec.encounters[0]?.shortRestBefore) out.push({ text: 'encounters[0]: a short rest before the first encounter has no effect.', kind: 'ignored' });
  return out;
}

function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const rest = warnings.length - (MAX_WARNINGS - 1);
  return [...warnings.slice(0, MAX_WARNINGS - 1), `...and ${rest} more warnings.`];
}
