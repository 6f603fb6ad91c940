// Checks what a caller asks for (seed, runs or a precision target, priority) and turns it into the
// runtime's normal form, with a message that names the field and the value when it is wrong.
import { wilson } from '../engine/summary.ts';
import { PRIORITIES, type Priority, type RunExtras, type RunSettings, type RunSettingsInput, type RunTarget } from './types.ts';

export const MAX_RUNS = 100_000_000;
export const DEFAULT_PRECISION_MIN_RUNS = 200;
const Z95 = 1.959963984540054;

export class SubmitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubmitError';
  }
}

export class QueueFullError extends SubmitError {
  constructor(capacity: number) {
    const count = capacity === 1 ? '1 request is' : `${capacity.toLocaleString('en-US')} requests are`;
    super(`The queue is full: ${count} already waiting or running (the queue capacity). Cancel some or wait for them to finish.`);
    this.name = 'QueueFullError';
  }
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SubmitError(`${field}: must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${show(value)}`);
  }
  return value;
}

export function normalizeSettings(input: RunSettingsInput): RunSettings {
  if (!input || typeof input !== 'object') throw new SubmitError(`settings: expected { seed, runs } or { seed, precision }, got ${show(input)}`);
  const seed = wholeNumber((input as { seed?: unknown }).seed, 'seed', 0, 0xffffffff);
  const hasRuns = 'runs' in input && input.runs !== undefined;
  const hasPrecision = 'precision' in input && input.precision !== undefined;
  if (hasRuns === hasPrecision) {
    throw new SubmitError('settings: give either runs (a fixed number of runs) or precision (a target interval with a maximum run count), not both and not neither');
  }
  let target: RunTarget;
  if (hasRuns) {
    target = { kind: 'runs', runs: wholeNumber((input as { runs: unknown }).runs, 'runs', 1, MAX_RUNS) };
  } else {
    const p = (input as { precision: { halfWidth?: unknown; maxRuns?: unknown; minRuns?: unknown } }).precision;
    const halfWidth = p.halfWidth;
    if (typeof halfWidth !== 'number' || !Number.isFinite(halfWidth) || halfWidth <= 0 || halfWidth >= 0.5) {
      throw new SubmitError(`precision.halfWidth: must be a fraction above 0 and below 0.5 (0.01 means ±1 percentage point), got ${show(halfWidth)}`);
    }
    const maxRuns = wholeNumber(p.maxRuns, 'precision.maxRuns', 1, MAX_RUNS);
    const minRuns = p.minRuns === undefined ? Math.min(DEFAULT_PRECISION_MIN_RUNS, maxRuns) : wholeNumber(p.minRuns, 'precision.minRuns', 1, maxRuns);
    target = { kind: 'precision', halfWidth, maxRuns, minRuns };
  }
  return { seed, target, ...runExtras(input) };
}

function flag(input: object, field: 'runOutcomes' | 'replays'): boolean | undefined {
  const value = (input as Record<string, unknown>)[field];
  if (value !== undefined && typeof value !== 'boolean') throw new SubmitError(`${field}: must be true or false, got ${show(value)}`);
  return value;
}

/** The extras asked for, only those that differ from an ordinary request (so its settings and key stay as they were). */
function runExtras(input: object): RunExtras {
  return { ...(flag(input, 'runOutcomes') === true && { runOutcomes: true }), ...(flag(input, 'replays') === false && { noReplays: true }) };
}

/** The extras of settings or a checkpoint, with nothing else: what the request key and the record carry. */
export const extrasOf = (s: RunExtras): RunExtras => ({ ...(s.runOutcomes && { runOutcomes: true }), ...(s.noReplays && { noReplays: true }) });

export function checkPriority(priority: unknown): Priority {
  if (typeof priority !== 'string' || !(PRIORITIES as readonly string[]).includes(priority)) {
    throw new SubmitError(`priority: must be one of ${PRIORITIES.join(', ')}, got ${show(priority)}`);
  }
  return priority as Priority;
}

/** The most runs a request may need: its fixed count, or the precision target's maximum. */
export const runLimit = (t: RunTarget): number => (t.kind === 'runs' ? t.runs : t.maxRuns);

export function victoryHalfWidth(victories: number, runs: number): number {
  const [lo, hi] = wilson(victories, runs);
  return (hi - lo) / 2;
}

export function precisionMet(t: RunTarget, victories: number, runs: number): boolean {
  if (t.kind === 'runs') return runs >= t.runs;
  if (runs >= t.maxRuns) return true;
  return runs >= t.minRuns && victoryHalfWidth(victories, runs) <= t.halfWidth;
}

/** A guess at the runs a precision target needs, from the victory rate seen so far (normal approximation). */
export function estimateRunsNeeded(t: RunTarget, victories: number, runs: number): number {
  if (t.kind === 'runs') return t.runs;
  if (runs === 0) return t.maxRuns;
  const p = Math.min(0.999, Math.max(0.001, victories / runs));
  const needed = Math.ceil((Z95 * Z95 * p * (1 - p)) / (t.halfWidth * t.halfWidth));
  return Math.min(t.maxRuns, Math.max(t.minRuns, runs, needed));
}

/**
 * Two submissions of one key: the request keeps running for whichever asks more. A fixed run
 * count beats a precision target (same key means same maximum), a narrower interval beats a wider one.
 */
export function tighterTarget(a: RunTarget, b: RunTarget): RunTarget {
  if (a.kind === 'runs') return a;
  if (b.kind === 'runs') return b;
  return { ...a, halfWidth: Math.min(a.halfWidth, b.halfWidth), minRuns: Math.max(a.minRuns, b.minRuns) };
}

/** A stored result with runs [0, runs) answers the target without running. */
export function storedAnswers(t: RunTarget, victories: number, runs: number): boolean {
  return precisionMet(t, victories, runs);
}
