// Reading BattleSim's values for the importer (battlesim.ts): numbers, bonuses written as dice
// text, averages, frequencies, conditions and targets, each checked with an error that names the
// field as the BattleSim file spells it, and each approximation said in a warning. It also keeps
// the map from paths in our document back to the BattleSim fields they came from.

import { diceMean, parseDice, DiceError, type ActionCondition, type AllyTargeting, type DiceExpr, type EnemyTargeting } from '../../engine/index.ts';
import { DICE_LIMITS } from '../../engine/dice.ts';
import { ScenarioError, clip, kindOf } from '../format/errors.ts';
import type { LoadWarning, WarningKind } from '../format/warnings.ts';
import {
  ACTION_CONDITION_BY_TEXT, ALLY_TARGET_BY_TEXT, APPROXIMATE_CONDITIONS, AREA_TARGETS, DEFAULT_ENEMY_TARGET, ENEMY_TARGET_BY_TEXT, FREQ,
  averageToDice, phraseKey, rechargeForCooldown,
} from './battlesim-vocabulary.ts';

export type Doc = Record<string, unknown>;

export const isDoc = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);
export const has = (doc: Doc, key: string): boolean => Object.prototype.hasOwnProperty.call(doc, key) && doc[key] !== undefined;

/** camelCase for a snake_case field of battlesim2's engine-side files, where BattleSim's spelling differs. */
const CAMEL_EXCEPTIONS: ReadonlyMap<string, string> = new Map([['temp_hp', 'tempHP'], ['save_dc', 'saveDC']]);
const camelOf = (key: string): string =>
  CAMEL_EXCEPTIONS.get(key.toLowerCase()) ?? key.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A copy of the file with battlesim2's snake_case fields (`to_hit`, `action_slot`) under their
 * BattleSim names (`toHit`, `actionSlot`), and the renamed paths (ours -> as the file spells them),
 * so messages still name the field as written. A field given in both spellings keeps both.
 */
export function withBattleSimSpelling(value: unknown, path: string, spelled: string, renamed: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withBattleSimSpelling(v, `${path}[${i}]`, `${spelled}[${i}]`, renamed));
  if (!isDoc(value)) return value;
  const out: Doc = {};
  for (const [key, v] of Object.entries(value)) {
    const camel = /^[a-z0-9]+(_[a-z0-9]+)+$/i.test(key) ? camelOf(key) : key;
    const name = camel !== key && !Object.prototype.hasOwnProperty.call(value, camel) ? camel : key;
    const here = path ? `${path}.${name}` : name;
    const there = spelled ? `${spelled}.${key}` : key;
    if (name !== key) renamed.set(here, there);
    out[name] = withBattleSimSpelling(v, here, there, renamed);
  }
  return out;
}

/** Longest registered prefix (at a field boundary) wins; the rest of the path is kept. */
function byPrefix(map: ReadonlyMap<string, string>, path: string): string {
  let end = path.length;
  while (end > 0) {
    const hit = map.get(path.slice(0, end));
    if (hit !== undefined) return hit + path.slice(end);
    end = Math.max(path.lastIndexOf('.', end - 1), path.lastIndexOf('[', end - 1));
  }
  return path;
}

export class BattleSimReader {
  readonly notes: LoadWarning[] = [];
  private readonly paths = new Map<string, string>();
  /** Paths in the file as read (BattleSim's spelling) -> as the file spells them, where they differ. */
  protected readonly renamed = new Map<string, string>();

  constructor(private readonly origin: string) {}

  get warnings(): string[] {
    return this.notes.map((n) => n.text);
  }

  /** Most warnings say what is approximated; the others give their kind (and why, when skipped). */
  warn(text: string, kind: WarningKind = 'approximated', reason?: readonly [string, string]): void {
    this.notes.push(reason ? { text, kind, reason } : { text, kind });
  }

  /** A path as the file spells it. */
  spelled(path: string): string {
    return this.renamed.size > 0 ? byPrefix(this.renamed, path) : path;
  }

  fail(path: string, message: string): never {
    throw ScenarioError.at(this.origin, this.spelled(path), message);
  }

  mapPath(ours: string, theirs: string): void {
    this.paths.set(ours, this.spelled(theirs));
  }

  readonly toSourcePath = (path: string): string => byPrefix(this.paths, path);

  number(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return Number(value);
    return this.fail(path, `must be a number, got ${kindOf(value)}`);
  }

  whole(value: unknown, path: string, who: string, field: string): number | undefined {
    const n = this.number(value, path);
    if (n === undefined || Number.isInteger(n)) return n;
    const rounded = Math.round(n);
    this.warn(`${who}: ${field} ${n} was rounded to ${rounded}, as the simulator uses whole numbers.`);
    return rounded;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return this.fail(path, `must be true or false, got ${kindOf(value)}`);
  }

  text(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim();
    return this.fail(path, `must be text, got ${kindOf(value)}`);
  }

  dice(text: string, path: string): DiceExpr {
    try {
      return parseDice(text);
    } catch (e) {
      if (e instanceof DiceError) return this.fail(path, e.message);
      throw e;
    }
  }

  /**
   * A bonus BattleSim may write as dice text ("3[PB] + 5[STR]", "1d20+5"): the flat numbers are
   * summed, a d20 is dropped (the simulator rolls it), other dice count at their average.
   */
  flatBonus(value: unknown, path: string, who: string, field: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return this.whole(value, path, who, field);
    if (typeof value !== 'string') return this.fail(path, `must be a number or dice text, got ${kindOf(value)}`);
    const expr = this.dice(value.trim(), path);
    let total = expr.flat;
    let droppedD20 = false;
    let averaged = false;
    for (const term of expr.terms) {
      if (!droppedD20 && term.sides === 20 && term.count === 1 && term.sign === 1) {
        droppedD20 = true;
        continue;
      }
      total += term.sign * diceMean({ text: '', terms: [term], flat: 0 });
      averaged = true;
    }
    const shown = JSON.stringify(clip(value.trim()));
    if (droppedD20) this.warn(`${who}: ${field} ${shown} includes a d20, which was dropped: the simulator rolls the d20 itself.`, 'read-as');
    const rounded = Math.round(total);
    if (averaged) this.warn(`${who}: ${field} ${shown} includes dice, counted at their average as ${rounded}.`);
    else if (rounded !== total) this.warn(`${who}: ${field} ${total} was rounded to ${rounded}, as the simulator uses whole numbers.`);
    return rounded;
  }

  /** Damage or healing: a number is an average BattleSim uses as is; text is dice. */
  amount(value: unknown, path: string, who: string, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return this.fail(path, `must be a finite number, got ${value}`);
      // The number becomes a flat dice term, which has the dice parser's limit.
      if (Math.abs(value) > DICE_LIMITS.maxFlat) return this.fail(path, `must be between -${DICE_LIMITS.maxFlat} and ${DICE_LIMITS.maxFlat}, got ${value}`);
      const { text, exact } = averageToDice(value);
      if (!Number.isInteger(value)) {
        this.warn(exact
          ? `${who}: ${field} ${value} is an average; it is simulated as "${text}", which has the same mean.`
          : `${who}: ${field} ${value} is an average; it was rounded to ${text}.`);
      }
      return text;
    }
    if (typeof value !== 'string') return this.fail(path, `must be a number or dice text, got ${kindOf(value)}`);
    const text = value.trim();
    this.dice(text, path);
    return text;
  }

  uses(freq: unknown, path: string, who: string, field: string, fields: Array<[string, string]>): Doc {
    if (freq === undefined || freq === null) return { per: 'at-will' };
    if (typeof freq === 'string') {
      fields.push(['uses', 'freq'], ['uses.count', 'freq'], ['uses.min', 'freq']);
      const s = phraseKey(freq);
      if (s === FREQ.atWill || s === 'at-will') return { per: 'at-will' };
      let m = /^(\d+)\s*\/\s*(fight|encounter|combat)$/.exec(s);
      if (m) return { per: 'encounter', count: Number(m[1]) };
      m = /^(\d+)\s*\/\s*(day|long rest|lr)$/.exec(s);
      if (m) return { per: 'long-rest', count: Number(m[1]) };
      m = /^(\d+)\s*\/\s*(short rest|sr)$/.exec(s);
      if (m) return { per: 'short-rest', count: Number(m[1]) };
      m = /^recharge\s*([2-6])(\s*-\s*6)?$/.exec(s);
      if (m) return { per: 'recharge', min: Number(m[1]) };
      this.warn(`${who}: ${field} ${JSON.stringify(clip(freq))} is not a known frequency; the action is treated as at will.`);
      return { per: 'at-will' };
    }
    if (isDoc(freq)) {
      const reset = freq.reset;
      if (reset === FREQ.shortRest || reset === FREQ.longRest) {
        fields.push(['uses.count', 'freq.uses'], ['uses', 'freq']);
        const count = has(freq, 'uses') ? this.whole(freq.uses, `${path}.uses`, who, `${field}.uses`) : 1;
        return { per: reset === FREQ.shortRest ? 'short-rest' : 'long-rest', count };
      }
      if (reset === FREQ.recharge) {
        fields.push(['uses.min', 'freq.cooldownRounds'], ['uses', 'freq']);
        const rounds = this.number(freq.cooldownRounds, `${path}.cooldownRounds`) ?? 2;
        const min = rechargeForCooldown(rounds);
        this.warn(`${who}: ${field} cooldown of ${rounds} rounds is approximated as recharge ${min}-6 (on average one use every ${+(6 / (7 - min)).toFixed(1)} rounds).`);
        return { per: 'recharge', min };
      }
      this.warn(`${who}: ${field} has an unknown reset ${JSON.stringify(clip(String(reset)))}; the action is treated as at will.`);
      return { per: 'at-will' };
    }
    return this.fail(path, `must be a frequency such as "at will", "1/fight" or { "reset": "lr", "uses": 2 }, got ${kindOf(freq)}`);
  }

  condition(value: unknown, path: string, who: string, field: string): ActionCondition {
    const text = this.text(value, path);
    if (text === undefined) return 'always';
    const key = phraseKey(text);
    const exact = ACTION_CONDITION_BY_TEXT.get(key);
    if (exact) return exact;
    const near = APPROXIMATE_CONDITIONS.get(key);
    if (near) {
      this.warn(`${who}: ${field} "${text}" is approximated as ${near[1]}.`);
      return near[0];
    }
    this.warn(`${who}: ${field} "${clip(text)}" is not simulated yet; the action is always considered.`);
    return 'always';
  }

  enemyTarget(value: unknown, path: string, who: string, field: string): EnemyTargeting {
    const text = this.text(value, path);
    if (text === undefined) return DEFAULT_ENEMY_TARGET;
    const key = phraseKey(text);
    const hit = ENEMY_TARGET_BY_TEXT.get(key);
    if (hit) return hit;
    // An area catches every creature up to the action's targets: which ones come first does not matter.
    if (AREA_TARGETS.get(key) === 'enemies') return DEFAULT_ENEMY_TARGET;
    this.warn(`${who}: ${field} "${clip(text)}" is not simulated yet; the enemy with the most HP is targeted instead.`);
    return DEFAULT_ENEMY_TARGET;
  }

  allyTarget(value: unknown, path: string, who: string, field: string): AllyTargeting {
    const text = this.text(value, path);
    if (text === undefined) return 'lowest-hp-fraction';
    const key = phraseKey(text);
    const hit = ALLY_TARGET_BY_TEXT.get(key);
    if (hit) return hit;
    if (AREA_TARGETS.get(key) === 'allies') return 'lowest-hp-fraction';
    this.warn(`${who}: ${field} "${clip(text)}" is not simulated yet; the ally with the lowest share of HP is healed instead.`);
    return 'lowest-hp-fraction';
  }
}
