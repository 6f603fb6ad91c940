// scenario/analysis/: questions asked of a scenario rather than parts of it: sweeps (this module)
// and the classic difficulty arithmetic shown beside the simulated answer (difficulty.ts).
//
// Sweeps: one parameter of a scenario (an enemy's count, the party's level, one creature's HP, AC
// or to-hit bonus) varied over a range, each value a scenario of its own. Pure functions over the
// engine's ScenarioSpec, so the UI only wires them to the request queue and the tests need no DOM.
// Every value is checked against the same limits the file format enforces, so a sweep point never
// fails later in the loader or the engine with a less helpful message.
import type { AttackAction, CreatureActionSpec, CreatureSpec, ScenarioSpec } from '../../engine/index.ts';
import { LIMITS } from '../format/schema.ts';

export type SweepStat = 'hp' | 'ac' | 'toHit';

export type SweepParameter =
  | { kind: 'monster-count'; encounter: number; enemy: number }
  | { kind: 'party-level' }
  | { kind: 'creature-stat'; side: 'party' | 'enemy'; encounter?: number; index: number; stat: SweepStat };

/** A problem with a sweep parameter or value, in words for the user. */
export class SweepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepError';
  }
}

/** More points would queue more work than a sweep is worth; a coarser step says as much. */
export const MAX_SWEEP_POINTS = 25;
/** Each point's runs are capped so a whole sweep costs about as much as one full simulation. */
export const SWEEP_MAX_RUNS = 5000;
/** The class templates cover levels 1 to 20. */
export const LEVEL_LIMITS = { min: 1, max: 20 } as const;

export interface SweepBounds {
  min: number;
  max: number;
}

export type SweepField = 'from' | 'to' | 'step';

export type SweepValues =
  | { ok: true; values: number[] }
  | { ok: false; errors: Partial<Record<SweepField, string>> };

const STAT_LABEL: Record<SweepStat, string> = { hp: 'HP', ac: 'AC', toHit: 'to-hit bonus' };

/**
 * The values from `from` to `to` (inclusive when the steps land on it) in steps of `step`, or the
 * problem with each field. Every parameter is a whole number, so the fields must be too.
 */
export function sweepValues(from: number, to: number, step: number, bounds?: SweepBounds): SweepValues {
  const errors: Partial<Record<SweepField, string>> = {};
  const whole = (v: number, field: SweepField, name: string) => {
    if (!Number.isFinite(v)) errors[field] = `Enter a whole number for ${name}.`;
    else if (!Number.isInteger(v)) errors[field] = `${name[0].toUpperCase()}${name.slice(1)} must be a whole number, not ${v}.`;
  };
  whole(from, 'from', 'from');
  whole(to, 'to', 'to');
  whole(step, 'step', 'the step');
  if (!errors.step && step <= 0) errors.step = `The step must be 1 or more, not ${step}.`;
  if (bounds) {
    if (!errors.from && from < bounds.min) errors.from = `From must be at least ${bounds.min}.`;
    else if (!errors.from && from > bounds.max) errors.from = `From must be at most ${bounds.max}.`;
    if (!errors.to && to > bounds.max) errors.to = `To must be at most ${bounds.max}.`;
    else if (!errors.to && to < bounds.min) errors.to = `To must be at least ${bounds.min}.`;
  }
  if (!errors.from && !errors.to && from > to) errors.to = `To (${to}) must not be below from (${from}).`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const count = Math.floor((to - from) / step) + 1;
  if (count > MAX_SWEEP_POINTS) {
    // The smallest step that fits, so the message says what to type rather than only what is wrong.
    const fits = Math.ceil((to - from) / (MAX_SWEEP_POINTS - 1));
    return { ok: false, errors: { step: `That makes ${count} points, more than the limit of ${MAX_SWEEP_POINTS}; use a step of ${fits} or more.` } };
  }
  return { ok: true, values: Array.from({ length: count }, (_, i) => from + i * step) };
}

function encounterAt(spec: ScenarioSpec, index: number) {
  const encounter = spec.encounters[index];
  if (!encounter) throw new SweepError(`The day has no encounter ${index + 1}.`);
  return encounter;
}

function creatureAt(spec: ScenarioSpec, side: 'party' | 'enemy', index: number, encounter = 0): CreatureSpec {
  if (side === 'party') {
    const member = spec.party[index];
    if (!member) throw new SweepError(`The party has no member ${index + 1}.`);
    return member;
  }
  const enemy = encounterAt(spec, encounter).enemies[index];
  if (!enemy) throw new SweepError(`Encounter ${encounter + 1} has no enemy ${index + 1}.`);
  return enemy;
}

const isAttack = (a: CreatureActionSpec): a is AttackAction => a.type === 'attack';

/**
 * Every attack action of a creature: its own actions, then its legendary and lair actions. The
 * to-hit parameter moves them together, since they share the creature's attack bonus.
 */
function attackActions(c: CreatureSpec): AttackAction[] {
  return [
    ...c.actions.filter(isAttack),
    ...(c.legendary?.actions.map((l) => l.action).filter(isAttack) ?? []),
    ...(c.lairActions?.filter(isAttack) ?? []),
  ];
}

/** The creature's attack bonuses in the order above; the first is the one the parameter names. */
export function attackBonuses(c: CreatureSpec): number[] {
  return attackActions(c).flatMap((a) => a.attacks.map((x) => x.toHit));
}

/** Combatants in the encounter other than this enemy's copies. */
function othersInEncounter(spec: ScenarioSpec, encounter: number, enemy: number): number {
  return encounterAt(spec, encounter).enemies.reduce((sum, c, i) => (i === enemy ? sum : sum + c.count), 0);
}

/**
 * The values the parameter may take in this scenario. A to-hit value shifts every attack of the
 * creature by the same amount, so its range is narrowed until every shifted bonus stays in bounds.
 */
export function parameterBounds(spec: ScenarioSpec, param: SweepParameter): SweepBounds {
  switch (param.kind) {
    case 'party-level':
      return { ...LEVEL_LIMITS };
    case 'monster-count':
      creatureAt(spec, 'enemy', param.enemy, param.encounter);
      return { min: 1, max: Math.max(1, LIMITS.combatantsPerSide - othersInEncounter(spec, param.encounter, param.enemy)) };
    case 'creature-stat': {
      const c = creatureAt(spec, param.side, param.index, param.encounter);
      if (param.stat === 'hp') return { ...LIMITS.hp };
      if (param.stat === 'ac') return { ...LIMITS.ac };
      const bonuses = attackBonuses(c);
      if (bonuses.length === 0) throw new SweepError(`${c.name} has no attacks, so it has no to-hit bonus to change.`);
      const first = bonuses[0];
      return { min: LIMITS.toHit.min + first - Math.min(...bonuses), max: LIMITS.toHit.max + first - Math.max(...bonuses) };
    }
  }
}

/**
 * The parameter's value in the scenario as it is. Party level is not in the spec for members built
 * by hand, so it comes from `templateLevels` (one entry per member, null for custom stat blocks).
 */
export function currentValue(spec: ScenarioSpec, param: SweepParameter, templateLevels: ReadonlyArray<number | null> = []): number | null {
  switch (param.kind) {
    case 'party-level':
      return templateLevels.find((l): l is number => l !== null) ?? null;
    case 'monster-count':
      return creatureAt(spec, 'enemy', param.enemy, param.encounter).count;
    case 'creature-stat': {
      const c = creatureAt(spec, param.side, param.index, param.encounter);
      if (param.stat === 'hp') return c.hp;
      if (param.stat === 'ac') return c.ac;
      return attackBonuses(c)[0] ?? null;
    }
  }
}

/** A stable text key for a parameter, for select options and list keys. */
export function parameterKey(param: SweepParameter): string {
  switch (param.kind) {
    case 'party-level':
      return 'party-level';
    case 'monster-count':
      return `count:${param.encounter}:${param.enemy}`;
    case 'creature-stat':
      return param.side === 'party' ? `party:${param.index}:${param.stat}` : `enemy:${param.encounter ?? 0}:${param.index}:${param.stat}`;
  }
}

/** The parameter in words: "Goblin count (Ambush)", "Fighter AC", "Party level". */
export function parameterLabel(spec: ScenarioSpec, param: SweepParameter): string {
  // Encounter names only matter when there is more than one to tell apart.
  const where = (encounter: number) => (spec.encounters.length > 1 ? ` (${encounterAt(spec, encounter).name})` : '');
  switch (param.kind) {
    case 'party-level':
      return 'Party level';
    case 'monster-count':
      return `${creatureAt(spec, 'enemy', param.enemy, param.encounter).name} count${where(param.encounter)}`;
    case 'creature-stat': {
      const c = creatureAt(spec, param.side, param.index, param.encounter);
      return `${c.name} ${STAT_LABEL[param.stat]}${param.side === 'enemy' ? where(param.encounter ?? 0) : ''}`;
    }
  }
}

export interface SweepOption {
  key: string;
  label: string;
  param: SweepParameter;
  current: number;
  bounds: SweepBounds;
  /** A suggested range around the current value, inside the bounds and within the point limit. */
  range: { from: number; to: number; step: number };
}

/** A starting range: wide enough to show a trend, few enough points to finish quickly. */
function suggestedRange(param: SweepParameter, current: number, bounds: SweepBounds): SweepOption['range'] {
  const clamp = (v: number) => Math.max(bounds.min, Math.min(bounds.max, v));
  let from: number;
  let to: number;
  let step = 1;
  if (param.kind === 'monster-count') {
    from = 1;
    to = clamp(Math.max(current * 2, current + 4));
  } else if (param.kind === 'party-level') {
    from = clamp(current - 3);
    to = clamp(current + 3);
  } else if (param.stat === 'hp') {
    // About ten points from half to one and a half times the HP.
    step = Math.max(1, Math.round(current / 10));
    from = clamp(current - 5 * step);
    to = clamp(current + 5 * step);
  } else {
    from = clamp(current - 4);
    to = clamp(current + 4);
  }
  const count = Math.floor((to - from) / step) + 1;
  if (count > MAX_SWEEP_POINTS) step = Math.ceil((to - from) / (MAX_SWEEP_POINTS - 1));
  return { from, to, step };
}

/**
 * Every parameter this scenario can be swept over: each enemy's count, the party level when some
 * member came from a class template, and each creature's HP, AC and (when it attacks) to-hit.
 */
export function sweepOptions(spec: ScenarioSpec, templateLevels: ReadonlyArray<number | null> = []): SweepOption[] {
  const params: SweepParameter[] = [];
  spec.encounters.forEach((e, encounter) => e.enemies.forEach((_, enemy) => params.push({ kind: 'monster-count', encounter, enemy })));
  if (templateLevels.some((l) => l !== null)) params.push({ kind: 'party-level' });
  const stats = (c: CreatureSpec): SweepStat[] => (attackBonuses(c).length > 0 ? ['hp', 'ac', 'toHit'] : ['hp', 'ac']);
  spec.party.forEach((c, index) => stats(c).forEach((stat) => params.push({ kind: 'creature-stat', side: 'party', index, stat })));
  spec.encounters.forEach((e, encounter) => e.enemies.forEach((c, index) => stats(c).forEach((stat) => {
    params.push({ kind: 'creature-stat', side: 'enemy', encounter, index, stat });
  })));
  return params.map((param) => {
    const current = currentValue(spec, param, templateLevels) ?? LEVEL_LIMITS.min;
    const bounds = parameterBounds(spec, param);
    return { key: parameterKey(param), label: parameterLabel(spec, param), param, current, bounds, range: suggestedRange(param, current, bounds) };
  });
}

export interface ApplySweepOptions {
  /**
   * The member rebuilt from its class template at `level`, in the engine's form; null leaves the
   * member as it is (custom stat blocks, or a template that could not be built). The caller holds
   * the templates, which the spec does not record.
   */
  rebuildPartyAtLevel?: (memberIndex: number, level: number) => CreatureSpec | null;
}

function withCreature(spec: ScenarioSpec, side: 'party' | 'enemy', index: number, encounter: number, next: CreatureSpec): ScenarioSpec {
  if (side === 'party') return { ...spec, party: spec.party.map((c, i) => (i === index ? next : c)) };
  return {
    ...spec,
    encounters: spec.encounters.map((e, j) => (j === encounter ? { ...e, enemies: e.enemies.map((c, i) => (i === index ? next : c)) } : e)),
  };
}

/** The creature with every attack's bonus moved by `shift`, its other actions untouched. */
function shiftAttacks(c: CreatureSpec, shift: number): CreatureSpec {
  const shifted = <A extends CreatureActionSpec>(a: A): A =>
    (isAttack(a) ? { ...a, attacks: a.attacks.map((x) => ({ ...x, toHit: x.toHit + shift })) } : a);
  return {
    ...c,
    actions: c.actions.map(shifted),
    ...(c.legendary ? { legendary: { ...c.legendary, actions: c.legendary.actions.map((l) => ({ ...l, action: shifted(l.action) })) } } : {}),
    ...(c.lairActions ? { lairActions: c.lairActions.map(shifted) } : {}),
  };
}

/**
 * The scenario with the parameter set to `value`, as a new spec (the input is never changed;
 * untouched creatures are shared with it).
 *
 * - monster count sets that enemy's `count`; its encounter must stay within the per-side limit.
 * - HP sets `hp` and turns off rolled HP, so every run uses exactly that value.
 * - AC sets `ac`.
 * - to-hit makes the creature's first attack bonus `value` and moves every other attack by the
 *   same amount: a fighter with +7 on a longsword and +4 on a handaxe swept to +9 gets +9 and +6.
 *   Shifting keeps the differences between weapons, which setting all to one value would erase.
 * - party level replaces each member the callback rebuilds and leaves the others as they are.
 */
export function applySweep(spec: ScenarioSpec, param: SweepParameter, value: number, options: ApplySweepOptions = {}): ScenarioSpec {
  if (!Number.isInteger(value)) throw new SweepError(`A sweep value must be a whole number, not ${value}.`);
  const bounds = parameterBounds(spec, param);
  if (param.kind === 'monster-count' && value > bounds.max) {
    const encounter = encounterAt(spec, param.encounter);
    const total = othersInEncounter(spec, param.encounter, param.enemy) + value;
    const name = encounter.enemies[param.enemy].name;
    throw new SweepError(
      `${value} × ${name} would make ${total} enemies in "${encounter.name}", more than the limit of ${LIMITS.combatantsPerSide} per side.`,
    );
  }
  if (value < bounds.min || value > bounds.max) {
    throw new SweepError(`${parameterLabel(spec, param)} must be between ${bounds.min} and ${bounds.max}, not ${value}.`);
  }
  switch (param.kind) {
    case 'monster-count': {
      const c = creatureAt(spec, 'enemy', param.enemy, param.encounter);
      return withCreature(spec, 'enemy', param.enemy, param.encounter, { ...c, count: value });
    }
    case 'party-level': {
      const rebuild = options.rebuildPartyAtLevel;
      if (!rebuild) throw new SweepError('Changing the party level needs the class templates, and they are not available.');
      return { ...spec, party: spec.party.map((c, i) => rebuild(i, value) ?? c) };
    }
    case 'creature-stat': {
      const encounter = param.encounter ?? 0;
      const c = creatureAt(spec, param.side, param.index, encounter);
      let next: CreatureSpec;
      if (param.stat === 'hp') next = { ...c, hp: value, hpFormula: null, rollHp: false };
      else if (param.stat === 'ac') next = { ...c, ac: value };
      else next = shiftAttacks(c, value - attackBonuses(c)[0]);
      return withCreature(spec, param.side, param.index, encounter, next);
    }
  }
}

/** Run settings as the UI keeps them (the runtime's input shape; the runtime is not imported here). */
export type SweepRunSettings =
  | { seed: number; runs: number }
  | { seed: number; precision: { halfWidth: number; maxRuns: number; minRuns?: number } };

/** The settings for each point: the scenario's own, with the runs capped at SWEEP_MAX_RUNS. */
export function sweepRunSettings(settings: SweepRunSettings): SweepRunSettings {
  if ('runs' in settings) return { seed: settings.seed, runs: Math.min(settings.runs, SWEEP_MAX_RUNS) };
  const maxRuns = Math.min(settings.precision.maxRuns, SWEEP_MAX_RUNS);
  return {
    seed: settings.seed,
    precision: {
      ...settings.precision,
      maxRuns,
      ...(settings.precision.minRuns !== undefined ? { minRuns: Math.min(settings.precision.minRuns, maxRuns) } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------- the editor's form

/** A creature as the file format writes it (the editor's form), possibly not yet valid. */
export type CreatureDocument = Record<string, unknown>;

/** Which creature a parameter changes; null for the party level, which changes every templated member. */
export function parameterTarget(param: SweepParameter): { side: 'party' | 'enemy'; encounter: number; index: number } | null {
  switch (param.kind) {
    case 'party-level':
      return null;
    case 'monster-count':
      return { side: 'enemy', encounter: param.encounter, index: param.enemy };
    case 'creature-stat':
      return { side: param.side, encounter: param.side === 'party' ? 0 : param.encounter ?? 0, index: param.index };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAttackDoc = (a: unknown): a is Record<string, unknown> & { attacks: unknown[] } => isRecord(a) && a.type === 'attack' && Array.isArray(a.attacks);

/** The attack actions of a creature document, in the order attackActions() reads a spec's. */
function attackDocs(c: CreatureDocument): Array<Record<string, unknown> & { attacks: unknown[] }> {
  const legendary = isRecord(c.legendary) && Array.isArray(c.legendary.actions) ? c.legendary.actions : [];
  return [
    ...(Array.isArray(c.actions) ? c.actions : []).filter(isAttackDoc),
    ...legendary.map((l) => (isRecord(l) ? l.action : null)).filter(isAttackDoc),
    ...(Array.isArray(c.lairActions) ? c.lairActions : []).filter(isAttackDoc),
  ];
}

function shiftAttackDocs(c: CreatureDocument, shift: number): CreatureDocument {
  const shifted = (a: unknown): unknown => (isAttackDoc(a)
    ? { ...a, attacks: a.attacks.map((x) => (isRecord(x) && typeof x.toHit === 'number' ? { ...x, toHit: x.toHit + shift } : x)) }
    : a);
  const legendary = c.legendary;
  return {
    ...c,
    ...(Array.isArray(c.actions) ? { actions: c.actions.map(shifted) } : {}),
    ...(isRecord(legendary) && Array.isArray(legendary.actions)
      ? { legendary: { ...legendary, actions: legendary.actions.map((l) => (isRecord(l) ? { ...l, action: shifted(l.action) } : l)) } }
      : {}),
    ...(Array.isArray(c.lairActions) ? { lairActions: c.lairActions.map(shifted) } : {}),
  };
}

/**
 * The change applySweep makes to one creature, made to the creature as the editor holds it, so
 * "use this value" edits the scenario the same way the point was simulated. Not for the party
 * level, which rebuilds members from their class templates (the caller holds those).
 */
export function applySweepToCreature(param: SweepParameter, value: number, creature: CreatureDocument): CreatureDocument {
  if (!Number.isInteger(value)) throw new SweepError(`A sweep value must be a whole number, not ${value}.`);
  switch (param.kind) {
    case 'party-level':
      throw new SweepError('The party level changes every member built from a class template, not one creature.');
    case 'monster-count':
      return { ...creature, count: value };
    case 'creature-stat': {
      if (param.stat === 'hp') return { ...creature, hp: value, hpFormula: null, rollHp: false };
      if (param.stat === 'ac') return { ...creature, ac: value };
      const first = attackDocs(creature).flatMap((a) => a.attacks).find(isRecord)?.toHit;
      if (typeof first !== 'number') throw new SweepError(`${String(creature.name ?? 'This creature')} has no to-hit bonus to change.`);
      return shiftAttackDocs(creature, value - first);
    }
  }
}

/** The editor's scenario, as far as a sweep needs it: each creature held in a wrapper of the editor's own. */
interface CreatureHolder {
  creature: CreatureDocument;
}
interface EditorLists {
  party: CreatureHolder[];
  encounters: Array<{ enemies: CreatureHolder[] }>;
}

/** The editor's scenario with the parameter's creature changed as applySweepToCreature says; every other creature shared. */
export function applySweepToEditor<D extends EditorLists>(scenario: D, param: SweepParameter, value: number): D {
  const at = parameterTarget(param);
  if (!at) throw new SweepError('The party level changes every member built from a class template, not one creature.');
  const change = <H extends CreatureHolder>(h: H): H => ({ ...h, creature: applySweepToCreature(param, value, h.creature) });
  if (at.side === 'party') {
    if (!scenario.party[at.index]) throw new SweepError(`The party has no member ${at.index + 1}.`);
    return { ...scenario, party: scenario.party.map((m, i) => (i === at.index ? change(m) : m)) };
  }
  if (!scenario.encounters[at.encounter]?.enemies[at.index]) throw new SweepError(`Encounter ${at.encounter + 1} has no enemy ${at.index + 1}.`);
  return {
    ...scenario,
    encounters: scenario.encounters.map((e, j) => (j !== at.encounter ? e : { ...e, enemies: e.enemies.map((x, i) => (i === at.index ? change(x) : x)) })),
  };
}

// ---------------------------------------------------------------------------------- kept sweeps

/** The last sweep of a scenario, as kept on the device so a reload can show it again. */
export interface KeptSweep {
  format: 'encounter-lab/sweep';
  version: 1;
  scenarioId: string;
  savedAt: number;
  param: SweepParameter;
  values: number[];
  settings: SweepRunSettings;
  /** The scenario the sweep ran on, in the file format, and the editor's notes beside it (class templates). */
  scenario: unknown;
  editor: unknown;
}

/** A kept sweep larger than this (a very large scenario) is not kept: the device's small store is shared. */
export const MAX_KEPT_SWEEP_CHARS = 250_000;
/** Sweeps of at most this many scenarios are kept; the oldest goes first. */
export const MAX_KEPT_SWEEPS = 20;

/**
 * The stored identity of one point: its results take slots of their own, apart from the scenario's
 * two (newest and previous, which Compare reads), and a point asked for again finds its result.
 */
export function pointStorageId(scenarioId: string, param: SweepParameter, value: number): string {
  return `${scenarioId}~sweep~${parameterKey(param)}=${value}`;
}

const whole = (v: unknown, min = -Infinity, max = Infinity): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** What is wrong with a parameter read back from storage, or null. */
function parameterProblem(p: unknown): string | null {
  if (!isRecord(p)) return 'the parameter is missing';
  if (p.kind === 'party-level') return null;
  if (p.kind === 'monster-count') return whole(p.encounter, 0) && whole(p.enemy, 0) ? null : 'the enemy whose count was swept is not a valid position';
  if (p.kind === 'creature-stat') {
    if (p.side !== 'party' && p.side !== 'enemy') return 'the side of the swept creature is neither party nor enemy';
    if (!whole(p.index, 0) || (p.encounter !== undefined && !whole(p.encounter, 0))) return 'the swept creature is not a valid position';
    return p.stat === 'hp' || p.stat === 'ac' || p.stat === 'toHit' ? null : `"${String(p.stat)}" is not a number that can be swept`;
  }
  return `"${String(p.kind)}" is not a kind of sweep parameter`;
}

function settingsProblem(s: unknown): string | null {
  if (!isRecord(s) || !whole(s.seed, 0)) return 'the seed is missing or not a whole number';
  if ('runs' in s) return whole(s.runs, 1, SWEEP_MAX_RUNS) ? null : `the runs per point are not a whole number from 1 to ${SWEEP_MAX_RUNS}`;
  const p = s.precision;
  if (!isRecord(p) || typeof p.halfWidth !== 'number' || !(p.halfWidth > 0 && p.halfWidth < 1) || !whole(p.maxRuns, 1, SWEEP_MAX_RUNS)
    || (p.minRuns !== undefined && !whole(p.minRuns, 1, SWEEP_MAX_RUNS))) {
    return 'the precision asked of each point is not valid';
  }
  return null;
}

/**
 * A kept sweep read back from text, checked field by field: stored data can be damaged or written
 * by another version of the app, and must never be trusted. The scenario inside is checked later
 * by the scenario loader, as every scenario is.
 */
export function readKeptSweep(text: string, scenarioId: string): { ok: true; sweep: KeptSweep } | { ok: false; problem: string } {
  const bad = (problem: string) => ({ ok: false as const, problem });
  if (text.length > MAX_KEPT_SWEEP_CHARS) return bad(`it is larger than the limit of ${MAX_KEPT_SWEEP_CHARS.toLocaleString('en')} characters`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return bad('it is not readable JSON');
  }
  if (!isRecord(data) || data.format !== 'encounter-lab/sweep') return bad('it is not a kept sweep');
  if (data.version !== 1) return bad(`it was written in version ${String(data.version)} of the format, which this app does not read`);
  if (data.scenarioId !== scenarioId) return bad('it belongs to another scenario');
  const problem = parameterProblem(data.param) ?? settingsProblem(data.settings);
  if (problem) return bad(problem);
  const values = data.values;
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_SWEEP_POINTS || !values.every((v) => whole(v))) {
    return bad(`its values are not a list of 1 to ${MAX_SWEEP_POINTS} whole numbers`);
  }
  if (!isRecord(data.scenario)) return bad('the scenario it ran on is missing');
  return {
    ok: true,
    sweep: {
      format: 'encounter-lab/sweep', version: 1, scenarioId, savedAt: typeof data.savedAt === 'number' ? data.savedAt : 0,
      param: data.param as SweepParameter, values: values as number[], settings: data.settings as SweepRunSettings,
      scenario: data.scenario, editor: data.editor ?? null,
    },
  };
}

/** Where kept sweeps live: the Web Storage interface (localStorage in the page, a stand-in in tests). */
export type SweepKeeper = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const KEPT_PREFIX = 'encounter-lab:sweep:';
/** The storage key of a scenario's kept sweep. */
export const keptSweepKey = (scenarioId: string): string => `${KEPT_PREFIX}${scenarioId}`;

/** Drops the kept sweep of a scenario; a storage that refuses is no reason to stop (what is read back is checked anyway). */
export function forgetSweep(keeper: SweepKeeper, scenarioId: string): void {
  try {
    keeper.removeItem(keptSweepKey(scenarioId));
  } catch {
    // Nothing more to do.
  }
}

/** Keeps at most `max` sweeps, dropping the oldest (and any that cannot be read, first). */
function pruneSweeps(keeper: SweepKeeper, max: number): void {
  const kept: Array<{ key: string; savedAt: number }> = [];
  for (let i = 0; i < keeper.length; i++) {
    const key = keeper.key(i);
    if (!key?.startsWith(KEPT_PREFIX)) continue;
    let savedAt = 0;
    try {
      const at = (JSON.parse(keeper.getItem(key) ?? '') as { savedAt?: unknown }).savedAt;
      if (typeof at === 'number') savedAt = at;
    } catch {
      // Unreadable: oldest of all.
    }
    kept.push({ key, savedAt });
  }
  kept.sort((a, b) => b.savedAt - a.savedAt);
  for (const { key } of kept.slice(max)) keeper.removeItem(key);
}

/** Keeps a scenario's sweep, within the size and count caps; the problem in words when it cannot, else null. */
export function keepSweep(keeper: SweepKeeper, sweep: KeptSweep): string | null {
  const text = JSON.stringify(sweep);
  if (text.length > MAX_KEPT_SWEEP_CHARS) {
    // An older sweep of this scenario would come back in its place after a reload: it goes too.
    forgetSweep(keeper, sweep.scenarioId);
    return 'This scenario is too large for its sweep to be kept on this device, so the sweep will not be shown again after a reload. Its points are still stored and answered at once when asked for again.';
  }
  try {
    try {
      keeper.setItem(keptSweepKey(sweep.scenarioId), text);
    } catch {
      // Most likely full: make room among the other scenarios' sweeps and try once more.
      pruneSweeps(keeper, MAX_KEPT_SWEEPS / 2);
      keeper.setItem(keptSweepKey(sweep.scenarioId), text);
    }
    pruneSweeps(keeper, MAX_KEPT_SWEEPS);
    return null;
  } catch (e) {
    return `This sweep could not be kept on this device (${e instanceof Error ? e.message : String(e)}), so it will not be shown again after a reload.`;
  }
}
