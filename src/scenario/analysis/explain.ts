// "What decides this fight": how much each small change to the scenario moves the party's chance of
// winning the day and the chance that someone dies. The changes (variants): each limited action or
// feature of each character taken away (Fireball, Healing Word, Second Wind, a reaction, an
// always-on feature), each enemy one fewer, each side always winning initiative, and each creature's
// AC ±2 and HP ±10% (per character and per enemy stat block, all of its count).
//
// Method. The base and every variant are run with common random numbers: the same base seed and
// the same run indices, so run i of a variant is run i of the base with one thing changed, and the
// two outcomes pair up. The engine keeps each run's outcome when asked (Aggregate.runOutcomes); the
// difference and its 95% interval come from the discordant pairs (paired.ts). Runs go in stages
// (1,000, 2,000, 4,000... cumulative): the base first, then each variant still open; a variant stops
// once both of its intervals are narrow enough (half-width at most `precision`, or at most
// `relativePrecision` of a large effect), or at the cap. Effects are ranked by the larger of the two
// (in absolute value).
//
// Like how-many.ts, the search is a state machine over plain data: nextEvaluation(state, query)
// names the scenario (the base or a variant) and the runs to evaluate next, recordEvaluation takes
// the aggregate back, and the state serialises with JSON for checkpoints and request queues.

import { compileScenario, diceMean, parseDice, type Aggregate, type CreatureSpec, type ScenarioSpec } from '../../engine/index.ts';
import type { Evaluator } from './how-many.ts';
import { pairedCounts, pairedDifference, runOutcomeCodes, PAIRED_MEASURES, type PairedCounts, type PairedDifference } from './paired.ts';

/** Cumulative runs after each stage; the last is the cap. */
export const EXPLAIN_SCHEDULE: readonly number[] = Object.freeze([1000, 2000, 4000, 8000]);

export class ExplainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExplainError';
  }
}

/** Where a creature is: the party (encounter -1) or an encounter's enemy list; `index` in that list. */
export interface CreatureRef {
  encounter: number;
  index: number;
}

export type VariantChange =
  /** A character without one of its limited actions, reactions or always-on features. */
  | { kind: 'without-feature'; character: number; list: 'actions' | 'effectActions' | 'reactions' | 'effects'; index: number }
  /** One creature of an enemy stat block fewer (the stat block gone when it was alone). */
  | { kind: 'without-enemy'; encounter: number; enemy: number }
  | { kind: 'initiative'; first: 'party' | 'enemies' }
  | { kind: 'ac'; creature: CreatureRef; delta: number }
  | { kind: 'hp'; creature: CreatureRef; percent: number };

export interface Variant {
  /** Stable within a scenario, e.g. "ac+2:party[0]". */
  id: string;
  change: VariantChange;
  /** What changed, in words. */
  label: string;
}

export interface SkippedVariant {
  label: string;
  reason: string;
}

export interface ExplainQuery {
  seed: number;
  /** Cumulative runs per stage, increasing; the last is the cap. */
  schedule: readonly number[];
  /** A measure is settled once its 95% interval's half-width is at most this (0.01 = 1 point)... */
  precision: number;
  /** ...or at most this fraction of the effect's size (a large effect needs less absolute precision). */
  relativePrecision: number;
  variants: Variant[];
}

// ------------------------------------------------------------------------------------ variants

/** A character's action spends something the day has little of (the same test as the compiled layout's partyActionLimited). */
const isLimited = (a: { uses: { per: string }; spell?: { level: number } }) => a.uses.per !== 'at-will' || (a.spell?.level ?? 0) > 0;

const creatureAt = (spec: ScenarioSpec, ref: CreatureRef): CreatureSpec | undefined =>
  (ref.encounter < 0 ? spec.party : spec.encounters[ref.encounter]?.enemies)?.[ref.index];

const refId = (ref: CreatureRef) => (ref.encounter < 0 ? `party[${ref.index}]` : `encounters[${ref.encounter}].enemies[${ref.index}]`);

/** "Fighter", "Orc (×2)" (a count, every one of them), with the encounter named when the day has several. */
function creatureName(spec: ScenarioSpec, ref: CreatureRef): string {
  const c = creatureAt(spec, ref)!;
  const notes = [c.count > 1 ? `×${c.count}` : '', ref.encounter >= 0 && spec.encounters.length > 1 ? spec.encounters[ref.encounter].name : ''].filter(Boolean);
  return notes.length > 0 ? `${c.name} (${notes.join(', ')})` : c.name;
}

const HP_PERCENT = 10, AC_DELTA = 2;

/** `percent` of `hp`, rounded, and at least 1 HP: a 10% change of a 3 HP imp is still a change. */
const hpShift = (hp: number, percent: number) => Math.max(1, Math.round((hp * Math.abs(percent)) / 100));

/** HP changed by `percent` (never below 1), and a rolled formula shifted by the same share of its mean. */
function scaledHp(c: CreatureSpec, percent: number): Pick<CreatureSpec, 'hp' | 'hpFormula'> {
  const sign = percent < 0 ? -1 : 1;
  const hp = Math.max(1, c.hp + sign * hpShift(c.hp, percent));
  if (!c.rollHp || !c.hpFormula) return { hp, hpFormula: c.hpFormula };
  return { hp, hpFormula: `${c.hpFormula}${sign < 0 ? '-' : '+'}${hpShift(diceMean(parseDice(c.hpFormula)), percent)}` };
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function describe(spec: ScenarioSpec, change: VariantChange): string {
  switch (change.kind) {
    case 'without-feature': {
      const c = spec.party[change.character];
      const thing = change.list === 'reactions' ? `its ${reactionName(c.reactions![change.index].kind)} reaction` : c[change.list]![change.index].name;
      const followers = change.list === 'actions' ? followersOf(c, change.index) : [];
      return `${creatureName(spec, { encounter: -1, index: change.character })} without ${thing}`
        + (followers.length > 0 ? ` (and ${followers.map((i) => c.actions[i].name).join(', ')}, which follows it)` : '');
    }
    case 'without-enemy': {
      const c = spec.encounters[change.encounter].enemies[change.enemy];
      const where = spec.encounters.length > 1 ? ` in ${spec.encounters[change.encounter].name}` : '';
      return c.count > 1 ? `one ${c.name} fewer${where} (${c.count - 1} instead of ${c.count})` : `no ${c.name}${where}`;
    }
    case 'initiative':
      return change.first === 'party' ? 'the party always wins initiative (acts first in every fight)' : 'the enemies always win initiative (act first in every fight)';
    case 'ac': {
      const c = creatureAt(spec, change.creature)!;
      return `${creatureName(spec, change.creature)} AC ${signed(change.delta)} (${c.ac} to ${Math.min(50, Math.max(1, c.ac + change.delta))})`;
    }
    case 'hp': {
      const c = creatureAt(spec, change.creature)!;
      return `${creatureName(spec, change.creature)} HP ${signed(change.percent)}% (${c.hp} to ${scaledHp(c, change.percent).hp})`;
    }
  }
}

const REACTION_NAMES: Record<string, string> = {
  shield: 'Shield', 'uncanny-dodge': 'Uncanny Dodge', parry: 'Parry', 'hellish-rebuke': 'Hellish Rebuke', counterspell: 'Counterspell',
};
const reactionName = (kind: string) => REACTION_NAMES[kind] ?? kind;

/** Actions right after `index` that are chosen only after the one before them ("after-previous"): they go with it. */
function followersOf(c: CreatureSpec, index: number): number[] {
  const out: number[] = [];
  for (let i = index + 1; i < c.actions.length && c.actions[i].condition === 'after-previous'; i++) out.push(i);
  return out;
}

function withCreature(spec: ScenarioSpec, ref: CreatureRef, change: (c: CreatureSpec) => CreatureSpec): ScenarioSpec {
  if (ref.encounter < 0) return { ...spec, party: spec.party.map((c, i) => (i === ref.index ? change(c) : c)) };
  return {
    ...spec,
    encounters: spec.encounters.map((e, k) => (k === ref.encounter ? { ...e, enemies: e.enemies.map((c, i) => (i === ref.index ? change(c) : c)) } : e)),
  };
}

/** The scenario with one variant's change made (a new object; the input is kept). */
export function variantSpec(spec: ScenarioSpec, change: VariantChange): ScenarioSpec {
  switch (change.kind) {
    case 'without-feature':
      return withCreature(spec, { encounter: -1, index: change.character }, (c) => {
        if (change.list !== 'actions') return { ...c, [change.list]: c[change.list]!.filter((_, i) => i !== change.index) };
        const gone = 1 + followersOf(c, change.index).length;
        const actions = c.actions.filter((_, i) => i < change.index || i >= change.index + gone);
        // Effect actions sit before actions[position]: those past the removed ones move up with them.
        const effectActions = c.effectActions?.map((a) => {
          const p = a.position ?? 0;
          return p > change.index ? { ...a, position: Math.max(change.index, p - gone) } : a;
        });
        return { ...c, actions, ...(effectActions && { effectActions }) };
      });
    case 'without-enemy':
      return {
        ...spec,
        encounters: spec.encounters.map((e, k) => {
          if (k !== change.encounter) return e;
          const enemies = e.enemies.flatMap((c, i) => (i !== change.enemy ? [c] : c.count > 1 ? [{ ...c, count: c.count - 1 }] : []));
          return { ...e, enemies };
        }),
      };
    case 'initiative':
      return { ...spec, rules: { ...spec.rules, initiativeFirst: change.first } };
    case 'ac':
      return withCreature(spec, change.creature, (c) => ({ ...c, ac: Math.min(50, Math.max(1, c.ac + change.delta)) }));
    case 'hp':
      return withCreature(spec, change.creature, (c) => ({ ...c, ...scaledHp(c, change.percent) }));
  }
}

/** Every variant of the scenario, and those that cannot be run with the reason (an encounter left without enemies, say). */
export function explainVariants(spec: ScenarioSpec): { variants: Variant[]; skipped: SkippedVariant[] } {
  const changes: Array<[string, VariantChange]> = [];
  spec.party.forEach((c, character) => {
    const lists = [['actions', c.actions], ['effectActions', c.effectActions ?? []]] as const;
    for (const [list, actions] of lists) {
      actions.forEach((a, index) => {
        if (isLimited(a)) changes.push([`without:party[${character}].${list}[${index}]`, { kind: 'without-feature', character, list, index }]);
      });
    }
    (c.reactions ?? []).forEach((_, index) => changes.push([`without:party[${character}].reactions[${index}]`, { kind: 'without-feature', character, list: 'reactions', index }]));
    (c.effects ?? []).forEach((_, index) => changes.push([`without:party[${character}].effects[${index}]`, { kind: 'without-feature', character, list: 'effects', index }]));
  });
  spec.encounters.forEach((e, encounter) => e.enemies.forEach((_, enemy) => {
    changes.push([`fewer:encounters[${encounter}].enemies[${enemy}]`, { kind: 'without-enemy', encounter, enemy }]);
  }));
  changes.push(['initiative:party', { kind: 'initiative', first: 'party' }], ['initiative:enemies', { kind: 'initiative', first: 'enemies' }]);
  const creatures: CreatureRef[] = [
    ...spec.party.map((_, index) => ({ encounter: -1, index })),
    ...spec.encounters.flatMap((e, encounter) => e.enemies.map((_, index) => ({ encounter, index }))),
  ];
  for (const creature of creatures) {
    for (const delta of [AC_DELTA, -AC_DELTA]) changes.push([`ac${signed(delta)}:${refId(creature)}`, { kind: 'ac', creature, delta }]);
    for (const percent of [HP_PERCENT, -HP_PERCENT]) changes.push([`hp${signed(percent)}%:${refId(creature)}`, { kind: 'hp', creature, percent }]);
  }
  const variants: Variant[] = [];
  const skipped: SkippedVariant[] = [];
  for (const [id, change] of changes) {
    const label = describe(spec, change);
    if (change.kind === 'without-enemy' && spec.encounters[change.encounter].enemies.reduce((n, c) => n + c.count, 0) === 1) {
      skipped.push({ label, reason: 'it is the only enemy of its encounter' });
      continue;
    }
    try {
      const changed = variantSpec(spec, change);
      // AC already at its limit, 1 HP that cannot go lower: nothing to measure.
      if (JSON.stringify(changed) === JSON.stringify(spec)) {
        skipped.push({ label, reason: 'it changes nothing here' });
        continue;
      }
      compileScenario(changed);
    } catch (e) {
      skipped.push({ label, reason: `the changed scenario cannot be simulated: ${(e as Error).message}` });
      continue;
    }
    variants.push({ id, change, label });
  }
  return { variants, skipped };
}

/** The query with its defaults (seed 1, EXPLAIN_SCHEDULE, 1-point precision) and every variant of the scenario. */
export function explainQuery(spec: ScenarioSpec, q: Partial<ExplainQuery> = {}): { query: ExplainQuery; skipped: SkippedVariant[] } {
  const { variants, skipped } = q.variants ? { variants: q.variants, skipped: [] } : explainVariants(spec);
  const query: ExplainQuery = {
    seed: q.seed ?? 1, schedule: q.schedule ?? EXPLAIN_SCHEDULE, precision: q.precision ?? 0.01, relativePrecision: q.relativePrecision ?? 0.1, variants,
  };
  const s = query.schedule;
  if (s.length === 0 || s.some((r, i) => !Number.isInteger(r) || r < 1 || (i > 0 && r <= s[i - 1]))) {
    throw new ExplainError('The stages must be increasing whole numbers of runs.');
  }
  if (!(query.precision > 0) || !(query.relativePrecision >= 0)) throw new ExplainError('The precision must be above 0.');
  if (new Set(variants.map((v) => v.id)).size !== variants.length) throw new ExplainError('Two variants have the same id.');
  return { query, skipped };
}

// ---------------------------------------------------------------------------- the state machine

export interface VariantTrial {
  id: string;
  /** Pairs compared so far (cumulative). */
  runs: number;
  victory: PairedCounts;
  dies: PairedCounts;
  /** No more runs will be asked for this variant (settled, or at the cap). */
  done: boolean;
  /** Settled before the cap (both intervals narrow enough). */
  settled: boolean;
}

export interface ExplainState {
  version: 1;
  /** The base's runs so far and each one's outcome (see RunOutcomeSegment). */
  base: { runs: number; outcomes: string };
  /** One per query variant, in the query's order. */
  trials: VariantTrial[];
}

export const emptyExplainState = (query: ExplainQuery): ExplainState => ({
  version: 1,
  base: { runs: 0, outcomes: '' },
  trials: query.variants.map((v) => {
    const none = { runs: 0, lost: 0, gained: 0, base: 0 };
    return { id: v.id, runs: 0, victory: none, dies: none, done: false, settled: false };
  }),
});

/** What to evaluate next: the base (variant null) or a variant, runs [0, runs) with the query's seed. */
export interface ExplainRequest {
  variant: string | null;
  runs: number;
}

/** The next evaluation, or null when every variant is done. */
export function nextEvaluation(state: ExplainState, query: ExplainQuery): ExplainRequest | null {
  const open = state.trials.filter((t) => !t.done);
  if (open.length === 0) return null;
  const least = Math.min(...open.map((t) => t.runs));
  const target = query.schedule.find((r) => r > least);
  if (target === undefined) throw new ExplainError(`Variant ${open[0].id} is not finished but has reached the cap.`);
  if (state.base.runs < target) return { variant: null, runs: target };
  const next = open.find((t) => t.runs < target)!;
  return { variant: next.id, runs: target };
}

function settledMeasure(d: PairedDifference, query: ExplainQuery): boolean {
  const half = (d.ci95[1] - d.ci95[0]) / 2;
  return half <= query.precision || half <= query.relativePrecision * Math.abs(d.difference);
}

/** The state with the aggregate of a request recorded (a new object; the input is kept). */
export function recordEvaluation(state: ExplainState, query: ExplainQuery, request: ExplainRequest, agg: Aggregate): ExplainState {
  if (agg.runs !== request.runs) throw new ExplainError(`Asked for ${request.runs} runs, got ${agg.runs}.`);
  const outcomes = runOutcomeCodes(agg);
  if (request.variant === null) return { ...state, base: { runs: request.runs, outcomes } };
  const previous = state.trials.find((t) => t.id === request.variant);
  if (!previous) throw new ExplainError(`No variant "${request.variant}" in this explanation.`);
  if (previous.done) throw new ExplainError(`Variant ${request.variant} was already finished.`);
  if (state.base.runs < request.runs) throw new ExplainError(`The base has ${state.base.runs} runs, fewer than the ${request.runs} to pair.`);
  const victory = pairedCounts(state.base.outcomes, outcomes, PAIRED_MEASURES.victory, request.runs);
  const dies = pairedCounts(state.base.outcomes, outcomes, PAIRED_MEASURES.dies, request.runs);
  const settled = settledMeasure(pairedDifference(victory), query) && settledMeasure(pairedDifference(dies), query);
  const cap = query.schedule[query.schedule.length - 1];
  const trial: VariantTrial = { id: previous.id, runs: request.runs, victory, dies, settled, done: settled || request.runs >= cap };
  return { ...state, trials: state.trials.map((t) => (t === previous ? trial : t)) };
}

// ---------------------------------------------------------------------------------- the answer

export interface MeasureEffect extends PairedDifference {
  /** The base's rate over the same runs. */
  base: number;
  /** The variant's rate over the same runs. */
  variant: number;
  lost: number;
  gained: number;
}

export interface Effect {
  variant: Variant;
  runs: number;
  victory: MeasureEffect;
  dies: MeasureEffect;
  /** The larger of |victory difference| and |dies difference|: what the ranking sorts by. */
  size: number;
  settled: boolean;
}

export interface ExplainResult {
  base: { runs: number; victory: number; dies: number };
  /** Largest first; variants not evaluated yet are left out. */
  effects: Effect[];
  runsTotal: number;
  /** Whether every variant is done. */
  complete: boolean;
}

function measureEffect(c: PairedCounts): MeasureEffect {
  const d = pairedDifference(c);
  return { ...d, base: c.runs ? c.base / c.runs : 0, variant: c.runs ? (c.base - c.lost + c.gained) / c.runs : 0, lost: c.lost, gained: c.gained };
}

/** The ranked effects from the variants evaluated so far; final once nextEvaluation returns null. */
export function explainResult(state: ExplainState, query: ExplainQuery): ExplainResult {
  const byId = new Map(query.variants.map((v) => [v.id, v]));
  const effects = state.trials.filter((t) => t.runs > 0).map((t): Effect => {
    const victory = measureEffect(t.victory), dies = measureEffect(t.dies);
    return { variant: byId.get(t.id)!, runs: t.runs, victory, dies, size: Math.max(Math.abs(victory.difference), Math.abs(dies.difference)), settled: t.settled };
  });
  // Ties keep the query's order, so the ranking is the same wherever it is computed.
  effects.sort((a, b) => b.size - a.size);
  const n = state.base.runs;
  let won = 0, died = 0;
  for (let i = 0; i < n; i++) {
    const code = state.base.outcomes.charCodeAt(i) - 48;
    if (code & PAIRED_MEASURES.victory) won++;
    if (code & PAIRED_MEASURES.dies) died++;
  }
  return {
    base: { runs: n, victory: n ? won / n : 0, dies: n ? died / n : 0 },
    effects,
    runsTotal: n + state.trials.reduce((sum, t) => sum + t.runs, 0),
    complete: state.trials.every((t) => t.done),
  };
}

export interface ExplainOptions {
  /** A state to resume from (a checkpoint); a fresh explanation when absent. */
  state?: ExplainState;
  /** Called after every evaluation with the new state, which can be stored as a checkpoint. */
  onEvaluation?: (state: ExplainState, request: ExplainRequest) => void;
  signal?: AbortSignal;
}

/**
 * Runs the explanation to its answer. `evaluate` must return aggregates with per-run outcomes
 * (emptyAggregate(layout, { runOutcomes: true })) of runs [0, runs) with the given seed.
 */
export async function explain(spec: ScenarioSpec, query: ExplainQuery, evaluate: Evaluator, options: ExplainOptions = {}): Promise<ExplainResult> {
  let state = options.state ?? emptyExplainState(query);
  if (state.version !== 1) throw new ExplainError(`A saved explanation of version ${String(state.version)} cannot be resumed here.`);
  const specs = new Map<string | null, ScenarioSpec>([[null, spec]]);
  const byId = new Map(query.variants.map((v) => [v.id, v]));
  for (let request = nextEvaluation(state, query); request; request = nextEvaluation(state, query)) {
    options.signal?.throwIfAborted();
    let s = specs.get(request.variant);
    if (!s) specs.set(request.variant, (s = variantSpec(spec, byId.get(request.variant!)!.change)));
    state = recordEvaluation(state, query, request, await evaluate(s, query.seed, request.runs));
    options.onEvaluation?.(state, request);
  }
  return explainResult(state, query);
}
