// Dice expressions: parsed once when a scenario is compiled, rolled many times without parsing
// or allocation. Grammar (whitespace anywhere between tokens, case-insensitive):
//   expr  := ['+'|'-'] term (('+'|'-') term)*
//   term  := INT [label] | [INT] 'd' INT [keep] [label]
//   keep  := ('kh'|'k'|'kl'|'dh'|'dl') INT      e.g. 4d6kh3, 2d20kl1, 4d6dl1
//   label := '[' any text but ']' ']'           e.g. "2d6 + 5[STR]": the label is ignored

import type { DieSource } from './rng.ts';

export interface DiceTerm {
  sign: 1 | -1;
  count: number;
  sides: number;
  /** How many dice are kept (count when all are kept). */
  keep: number;
  keepHighest: boolean;
}

export interface DiceExpr {
  text: string;
  terms: DiceTerm[];
  flat: number;
}

export const DICE_LIMITS = { maxLength: 500, maxTerms: 40, maxCount: 500, maxSides: 1000, maxFlat: 100000 } as const;

export class DiceError extends Error {
  readonly expression: string;
  readonly position: number;
  constructor(expression: string, position: number, problem: string) {
    const shown = expression.length > 60 ? `${expression.slice(0, 57)}...` : expression;
    super(`Dice expression "${shown}" is not valid: ${problem} at position ${position + 1}`);
    this.name = 'DiceError';
    this.expression = expression;
    this.position = position;
  }
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(problem: string, at = this.pos): never {
    throw new DiceError(this.text, at, problem);
  }
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  peek(): string {
    return this.pos < this.text.length ? this.text[this.pos].toLowerCase() : '';
  }
  isDigit(): boolean {
    const c = this.peek();
    return c >= '0' && c <= '9';
  }
  integer(what: string): number {
    this.skipSpace();
    const start = this.pos;
    while (this.isDigit()) this.pos++;
    if (start === this.pos) this.fail(`expected ${what}`);
    const value = Number(this.text.slice(start, this.pos));
    if (this.pos - start > 7) this.fail(`${what} ${this.text.slice(start, this.pos)} is too large`, start);
    return value;
  }
  label(): void {
    this.skipSpace();
    if (this.peek() !== '[') return;
    const close = this.text.indexOf(']', this.pos);
    if (close < 0) this.fail('a label opened with "[" is never closed');
    this.pos = close + 1;
  }
}

export function parseDice(text: string): DiceExpr {
  if (typeof text !== 'string') throw new DiceError(String(text), 0, 'expected text');
  if (text.length > DICE_LIMITS.maxLength) {
    throw new DiceError(text, DICE_LIMITS.maxLength, `it is longer than ${DICE_LIMITS.maxLength} characters`);
  }
  const p = new Parser(text);
  const terms: DiceTerm[] = [];
  let flat = 0;
  let first = true;
  p.skipSpace();
  if (p.pos >= text.length) p.fail('it is empty', 0);
  while (true) {
    p.skipSpace();
    let sign: 1 | -1 = 1;
    const c = p.peek();
    if (c === '+' || c === '-') {
      sign = c === '-' ? -1 : 1;
      p.pos++;
    } else if (!first) {
      p.fail(`expected "+" or "-" but found "${text[p.pos]}"`);
    }
    first = false;
    p.skipSpace();
    const termStart = p.pos;
    let count: number | null = null;
    if (p.isDigit()) count = p.integer('a number');
    p.skipSpace();
    if (p.peek() === 'd') {
      p.pos++;
      const sides = p.integer('the number of sides after "d"');
      const n = count ?? 1;
      if (n < 1) p.fail('a dice term needs at least one die', termStart);
      if (n > DICE_LIMITS.maxCount) p.fail(`${n} dice is more than the limit of ${DICE_LIMITS.maxCount}`, termStart);
      if (sides < 1) p.fail('a die needs at least one side', termStart);
      if (sides > DICE_LIMITS.maxSides) p.fail(`d${sides} has more sides than the limit of ${DICE_LIMITS.maxSides}`, termStart);
      let keep = n;
      let keepHighest = true;
      p.skipSpace();
      if (p.peek() === 'k' || (p.peek() === 'd' && /[hl]/i.test(text[p.pos + 1] ?? ''))) {
        const op = p.peek();
        p.pos++;
        let mode = p.peek();
        if (mode === 'h' || mode === 'l') p.pos++;
        else if (op === 'k') mode = 'h';
        const keepAt = p.pos;
        const k = p.integer(`how many dice to ${op === 'k' ? 'keep' : 'drop'}`);
        if (op === 'k') {
          keep = k;
          keepHighest = mode === 'h';
        } else {
          keep = n - k;
          keepHighest = mode === 'l';
        }
        if (keep < 1 || keep > n) p.fail(`cannot keep ${keep} of ${n} dice`, keepAt);
        // Keeping every die is plain NdM, whichever way it was spelled.
        if (keep === n) keepHighest = true;
      }
      terms.push({ sign, count: n, sides, keep, keepHighest });
    } else {
      if (count === null) {
        return p.fail(p.pos >= text.length ? 'expected a number or dice after the sign' : `expected a number or dice but found "${text[p.pos]}"`);
      }
      flat += sign * count;
      if (Math.abs(flat) > DICE_LIMITS.maxFlat) p.fail(`the flat total is beyond ±${DICE_LIMITS.maxFlat}`, termStart);
    }
    if (terms.length > DICE_LIMITS.maxTerms) p.fail(`more than ${DICE_LIMITS.maxTerms} dice terms`, termStart);
    p.label();
    p.skipSpace();
    if (p.pos >= text.length) break;
  }
  return { text, terms, flat };
}

// Scratch space for keep-highest/lowest: no allocation per roll.
const scratch = new Int32Array(DICE_LIMITS.maxCount);

/**
 * Rolls an expression. On a critical hit every dice term is rolled twice over, as the rules say
 * ("roll all of the attack's damage dice twice"); a keep term such as 4d6kh3 is rolled as two
 * separate groups. Modifiers are not doubled. The result may be negative; callers that deal damage
 * clamp it at zero.
 */
export function rollDice(expr: DiceExpr, rng: DieSource, critical = false): number {
  let total = expr.flat;
  const terms = expr.terms;
  const times = critical === true ? 2 : 1;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t];
    const n = term.count;
    let sum = 0;
    if (term.keep === n) {
      // Every die kept: a critical hit's second set is the same dice rolled straight after.
      const sides = term.sides;
      for (let i = n * times; i > 0; i--) sum += rng.die(sides);
      total += term.sign * sum;
      continue;
    }
    for (let rep = 0; rep < times; rep++) {
      for (let i = 0; i < n; i++) scratch[i] = rng.die(term.sides);
      // Partial selection: move the `keep` best dice to the front.
      for (let i = 0; i < term.keep; i++) {
        let best = i;
        for (let j = i + 1; j < n; j++) {
          if (term.keepHighest ? scratch[j] > scratch[best] : scratch[j] < scratch[best]) best = j;
        }
        const v = scratch[best];
        scratch[best] = scratch[i];
        scratch[i] = v;
        sum += v;
      }
    }
    total += term.sign * sum;
  }
  return total;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Exact expected value of one term, including keep-highest/lowest (through order statistics). */
function termMean(term: DiceTerm): number {
  const { count: n, sides: s, keep } = term;
  if (keep === n) return (n * (s + 1)) / 2;
  // E[i-th smallest] = sum over v of P(X_(i) >= v); X_(i) >= v iff at least n-i+1 dice are >= v.
  let total = 0;
  const first = term.keepHighest ? n - keep + 1 : 1;
  const last = term.keepHighest ? n : keep;
  for (let i = first; i <= last; i++) {
    for (let v = 1; v <= s; v++) {
      const p = (s - v + 1) / s;
      let atLeast = 0;
      for (let j = n - i + 1; j <= n; j++) atLeast += binomial(n, j) * p ** j * (1 - p) ** (n - j);
      total += atLeast;
    }
  }
  return total;
}

export function diceMean(expr: DiceExpr): number {
  let m = expr.flat;
  for (const t of expr.terms) m += t.sign * termMean(t);
  return m;
}

export function diceMin(expr: DiceExpr): number {
  let m = expr.flat;
  for (const t of expr.terms) m += t.sign > 0 ? t.keep : -t.keep * t.sides;
  return m;
}

export function diceMax(expr: DiceExpr): number {
  let m = expr.flat;
  for (const t of expr.terms) m += t.sign > 0 ? t.keep * t.sides : -t.keep;
  return m;
}

/** The expression in a canonical spelling (labels and spacing dropped). */
export function formatDice(expr: DiceExpr): string {
  const parts: string[] = [];
  for (const t of expr.terms) {
    const keep = t.keep === t.count ? '' : `${t.keepHighest ? 'kh' : 'kl'}${t.keep}`;
    parts.push(`${t.sign < 0 ? '-' : parts.length ? '+' : ''}${t.count}d${t.sides}${keep}`);
  }
  if (expr.flat !== 0 || parts.length === 0) parts.push(`${expr.flat < 0 ? '-' : parts.length ? '+' : ''}${Math.abs(expr.flat)}`);
  return parts.join('');
}
