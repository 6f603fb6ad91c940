// Builders for the engine's tests: small scenario specs with every field filled in, plus exact
// probability helpers (distributions as arrays, convolution, moments) that the tests use to
// compute the right answer independently of the engine. Imported only by *.test.ts files; it
// stays free of packages so it type-checks with the engine.

import { compileScenario } from './compile.ts';
import type { LogEvent } from './log.ts';
import { Simulator } from './simulator.ts';
import { emptyAggregate } from './stats.ts';
import {
  DEFAULT_RULES,
  type Ability, type AttackAction, type AttackSpec, type EffectAction, type EffectSpec, type CreatureSpec, type EncounterSpec, type HealAction,
  type RulesSettings, type SaveAction, type ScenarioSpec,
} from './types.ts';

// ------------------------------------------------------------------ scenario builders

export const ZERO_SAVES: Record<Ability, number> = { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 };

/** A monster with 10 HP, AC 10, no bonuses and no actions unless overridden. */
export function creature(name: string, over: Partial<CreatureSpec> = {}): CreatureSpec {
  return {
    name,
    count: 1,
    kind: 'monster',
    hp: 10,
    hpFormula: null,
    rollHp: false,
    ac: 10,
    initiativeBonus: 0,
    initiativeAdvantage: false,
    saves: { ...ZERO_SAVES },
    resistances: [],
    immunities: [],
    vulnerabilities: [],
    hitDice: null,
    conModifier: 0,
    actions: [],
    ...over,
  };
}

export function character(name: string, over: Partial<CreatureSpec> = {}): CreatureSpec {
  return creature(name, { kind: 'character', ...over });
}

export function weapon(toHit: number, damage: string, over: Partial<AttackSpec> = {}): AttackSpec {
  return { toHit, damage, damageType: 'slashing', count: 1, critOn: 20, reach: 'melee', ...over };
}

export function attackAction(name: string, attacks: AttackSpec[], over: Partial<AttackAction> = {}): AttackAction {
  return {
    name, type: 'attack', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp', attacks, ...over,
  };
}

export function saveAction(name: string, dc: number, damage: string, over: Partial<SaveAction> = {}): SaveAction {
  return {
    name, type: 'save', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp',
    dc, ability: 'dex', damage, damageType: 'fire', onSuccess: 'half', targets: 1, ...over,
  };
}

/**
 * Damage that always lands in full: DC 40 cannot be reached with a save bonus below +20 (saving
 * throws have no automatic success on a 20), and there is no attack roll to miss.
 */
export function sureDamage(name: string, damage: string, over: Partial<SaveAction> = {}): SaveAction {
  return saveAction(name, 40, damage, { onSuccess: 'none', ...over });
}

export function healAction(name: string, amount: string, over: Partial<HealAction> = {}): HealAction {
  return {
    name, type: 'heal', slot: 'action', uses: { per: 'at-will' }, condition: 'always', targeting: 'lowest-hp-fraction',
    amount, targets: 1, temporary: false, ...over,
  };
}

export function encounter(name: string, enemies: CreatureSpec[], over: Partial<EncounterSpec> = {}): EncounterSpec {
  return { name, enemies, shortRestBefore: false, surprise: 'none', ...over };
}

export function scenario(party: CreatureSpec[], encounters: EncounterSpec[], rules: Partial<RulesSettings> = {}): ScenarioSpec {
  return { party, encounters, rules: { ...DEFAULT_RULES, ...rules } };
}

/** One encounter: `party` against `enemies`. */
export function fight(
  party: CreatureSpec[], enemies: CreatureSpec[], rules: Partial<RulesSettings> = {}, over: Partial<EncounterSpec> = {},
): ScenarioSpec {
  return scenario(party, [encounter('Fight', enemies, over)], rules);
}

/** A target that cannot fall within a test: lots of HP, no actions. */
export function dummy(name: string, over: Partial<CreatureSpec> = {}): CreatureSpec {
  return creature(name, { hp: 100000, ...over });
}

// ------------------------------------------------------------------ exact distributions

/** A distribution on the integers: p[i] is the probability of the value offset + i. */
export interface Dist {
  offset: number;
  p: number[];
}

export function point(value: number): Dist {
  return { offset: value, p: [1] };
}

/** One fair die with faces 1..sides. */
export function die(sides: number): Dist {
  return { offset: 1, p: new Array<number>(sides).fill(1 / sides) };
}

export function convolve(a: Dist, b: Dist): Dist {
  const p = new Array<number>(a.p.length + b.p.length - 1).fill(0);
  for (let i = 0; i < a.p.length; i++) {
    if (a.p[i] === 0) continue;
    for (let j = 0; j < b.p.length; j++) p[i + j] += a.p[i] * b.p[j];
  }
  return { offset: a.offset + b.offset, p };
}

/** The sum of `count` dice with `sides` faces, plus `flat`. */
export function diceSum(count: number, sides: number, flat = 0): Dist {
  let d = point(flat);
  for (let i = 0; i < count; i++) d = convolve(d, die(sides));
  return d;
}

/** The distribution of f(X). */
export function mapDist(d: Dist, f: (x: number) => number): Dist {
  const m = new Map<number, number>();
  d.p.forEach((q, i) => {
    if (q === 0) return;
    const y = f(d.offset + i);
    m.set(y, (m.get(y) ?? 0) + q);
  });
  return fromMap(m);
}

export function fromMap(m: Map<number, number>): Dist {
  const keys = [...m.keys()];
  const lo = Math.min(...keys), hi = Math.max(...keys);
  const p = new Array<number>(hi - lo + 1).fill(0);
  for (const [k, q] of m) p[k - lo] += q;
  return { offset: lo, p };
}

/** A mixture: with probability w_k, draw from d_k. Weights must sum to 1. */
export function mixture(parts: Array<[number, Dist]>): Dist {
  const m = new Map<number, number>();
  for (const [w, d] of parts) {
    d.p.forEach((q, i) => {
      if (q !== 0 && w !== 0) m.set(d.offset + i, (m.get(d.offset + i) ?? 0) + w * q);
    });
  }
  return fromMap(m);
}

export function prob(d: Dist, value: number): number {
  return d.p[value - d.offset] ?? 0;
}

export function mean(d: Dist): number {
  return d.p.reduce((s, q, i) => s + q * (d.offset + i), 0);
}

export function centralMoment(d: Dist, k: number): number {
  const mu = mean(d);
  return d.p.reduce((s, q, i) => s + q * (d.offset + i - mu) ** k, 0);
}

export function variance(d: Dist): number {
  return centralMoment(d, 2);
}

/** Every outcome of `count` dice with `sides` faces, in lexicographic order. */
export function* allRolls(count: number, sides: number): Generator<number[]> {
  const faces = new Array<number>(count).fill(1);
  while (true) {
    yield faces.slice();
    let i = count - 1;
    while (i >= 0 && faces[i] === sides) faces[i--] = 1;
    if (i < 0) return;
    faces[i]++;
  }
}

/** The exact distribution of the sum of the `keep` highest (or lowest) of `count` dice, by enumeration. */
export function keepDist(count: number, sides: number, keep: number, highest: boolean): Dist {
  const m = new Map<number, number>();
  const each = 1 / sides ** count;
  for (const faces of allRolls(count, sides)) {
    const sorted = faces.slice().sort((a, b) => (highest ? b - a : a - b));
    let sum = 0;
    for (let i = 0; i < keep; i++) sum += sorted[i];
    m.set(sum, (m.get(sum) ?? 0) + each);
  }
  return fromMap(m);
}

// ------------------------------------------------------------------ exact attack and save models

export interface AttackModel {
  toHit: number;
  ac: number;
  critOn: number;
  /** Damage dice: count d sides + flat. */
  count: number;
  sides: number;
  flat: number;
}

/** Probabilities of an attack roll against AC by the 5e rules: a natural 1 misses, a natural 20 (or critOn+) hits and crits. */
export function attackOdds(toHit: number, ac: number, critOn: number, advantage = false): { hit: number; crit: number } {
  let hit = 0, crit = 0;
  for (let roll = 1; roll <= 20; roll++) {
    // With advantage the kept roll is the higher of two: P(max = r) = (2r - 1) / 400.
    const w = advantage ? (2 * roll - 1) / 400 : 1 / 20;
    const isCrit = roll >= critOn;
    const isHit = roll !== 1 && (isCrit || roll + toHit >= ac);
    if (isHit) hit += w;
    if (isHit && isCrit) crit += w;
  }
  return { hit, crit };
}

/** The exact distribution of one attack's damage (0 on a miss; a critical hit doubles the dice only). */
export function attackDamageDist(m: AttackModel): Dist {
  const { hit, crit } = attackOdds(m.toHit, m.ac, m.critOn);
  const clamp = (x: number) => Math.max(0, x);
  return mixture([
    [1 - hit, point(0)],
    [hit - crit, mapDist(diceSum(m.count, m.sides, m.flat), clamp)],
    [crit, mapDist(diceSum(2 * m.count, m.sides, m.flat), clamp)],
  ]);
}

/** P(d20 + bonus >= dc) with no automatic success or failure. */
export function saveSuccess(dc: number, bonus: number): number {
  let n = 0;
  for (let roll = 1; roll <= 20; roll++) if (roll + bonus >= dc) n++;
  return n / 20;
}

/** Probability that A acts before B: d20 + bonus each, ties broken by a fair coin. */
export function firstMoverProbability(bonusA: number, bonusB: number): number {
  let p = 0;
  for (let a = 1; a <= 20; a++) {
    for (let b = 1; b <= 20; b++) {
      if (a + bonusA > b + bonusB) p += 1 / 400;
      else if (a + bonusA === b + bonusB) p += 0.5 / 400;
    }
  }
  return p;
}

/** The death-saving-throw process from (0 successes, 0 failures), left alone until it resolves. */
export function deathSaveOutcomes(): { dead: number; stable: number; revived: number } {
  // memo[s][f] = [dead, stable, revived] probabilities from s successes and f failures.
  const memo = new Map<string, [number, number, number]>();
  const from = (s: number, f: number): [number, number, number] => {
    if (f >= 3) return [1, 0, 0];
    if (s >= 3) return [0, 1, 0];
    const key = `${s},${f}`;
    const known = memo.get(key);
    if (known) return known;
    const out: [number, number, number] = [0, 0, 1 / 20]; // a natural 20: back with 1 HP
    const add = (w: number, next: [number, number, number]) => {
      for (let i = 0; i < 3; i++) out[i] += w * next[i];
    };
    add(1 / 20, from(s, f + 2)); // natural 1: two failures
    add(8 / 20, from(s, f + 1)); // 2..9
    add(10 / 20, from(s + 1, f)); // 10..19
    memo.set(key, out);
    return out;
  };
  const [dead, stable, revived] = from(0, 0);
  return { dead, stable, revived };
}

/** |observed - expected| in units of the standard error. */
export function zScore(observed: number, expected: number, standardError: number): number {
  return Math.abs(observed - expected) / standardError;
}

/** Standard error of a proportion estimated from n trials, from the exact p. */
export function proportionSE(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

// ------------------------------------------------------------------ effects


export function effect(name: string, over: Partial<EffectSpec> = {}): EffectSpec {
  return { name, duration: { kind: 'rounds', rounds: 10 }, ...over };
}

export function effectAction(name: string, target: EffectAction['target'], spec: EffectSpec, over: Partial<EffectAction> = {}): EffectAction {
  return {
    name, type: 'effect', slot: 'action', uses: { per: 'at-will' }, condition: 'always', target, targets: 1, effect: spec, ...over,
  };
}

/** P(d20 + bonus + 1d4 (or - 1d4 when sign is -1) >= ac) for an attack roll: a natural 1 misses, a natural 20 hits. */
export function hitChanceWithDie(toHit: number, ac: number, sides: number, sign: 1 | -1, advantage = 0): number {
  let p = 0;
  for (let roll = 1; roll <= 20; roll++) {
    const w = advantage > 0 ? (2 * roll - 1) / 400 : advantage < 0 ? (41 - 2 * roll) / 400 : 1 / 20;
    if (roll === 1) continue;
    if (roll === 20) {
      p += w;
      continue;
    }
    let hits = 0;
    for (let d = 1; d <= sides; d++) if (roll + toHit + sign * d >= ac) hits++;
    p += (w * hits) / sides;
  }
  return p;
}

// ------------------------------------------------------------------ replays

/** The full event logs of runs 0..runs-1 with base seed `seed`. */
export function replays(spec: ScenarioSpec, seed: number, runs: number): LogEvent[][] {
  const compiled = compileScenario(spec);
  const sim = new Simulator(compiled);
  const scratch = emptyAggregate(compiled.layout);
  const out: LogEvent[][] = [];
  for (let r = 0; r < runs; r++) out.push(sim.replay(seed, r, scratch).events);
  return out;
}

/** The rounds in which `who` took `action`. */
export function roundsOf(events: LogEvent[], who: string, action: string): number[] {
  const out: number[] = [];
  let round = 0;
  for (const e of events) {
    if (e.t === 'round') round = e.round;
    else if (e.t === 'action' && e.who === who && e.action === action) out.push(round);
  }
  return out;
}
