// Dice expressions against exact mathematics: parsing, errors with positions, exact means and
// variances by enumeration, keep-highest/lowest by playing back every outcome, critical hits,
// and fast-check properties over generated expressions.

import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DICE_LIMITS, DiceError, diceMax, diceMean, diceMin, formatDice, parseDice, rollDice, type DiceTerm,
} from './dice.ts';
import { Rng, type DieSource } from './rng.ts';
import { allRolls, centralMoment, diceSum, keepDist, mean, variance, zScore, type Dist } from './test-support.ts';

/** A DieSource that plays back prepared faces and records the dice asked for. */
class Scripted implements DieSource {
  private i = 0;
  readonly asked: number[] = [];
  constructor(private readonly faces: number[]) {}
  die(sides: number): number {
    if (this.i >= this.faces.length) throw new Error('Scripted source ran out of faces');
    this.asked.push(sides);
    const face = this.faces[this.i++];
    if (face < 1 || face > sides) throw new Error(`face ${face} is impossible on a d${sides}`);
    return face;
  }
  get used(): number {
    return this.i;
  }
}

const term = (count: number, sides: number, keep = count, keepHighest = true, sign: 1 | -1 = 1): DiceTerm => ({
  sign, count, sides, keep, keepHighest,
});

/** Catches the DiceError a parse must throw. */
function parseError(text: string): DiceError {
  try {
    parseDice(text);
  } catch (e) {
    if (e instanceof DiceError) return e;
    throw new Error(`"${text}" threw something other than a DiceError`, { cause: e });
  }
  throw new Error(`"${text}" parsed without error`);
}

/** Sample mean and variance of `n` rolls. */
function sample(text: string, n: number, seed: number): { mean: number; variance: number } {
  const expr = parseDice(text);
  const rng = new Rng(seed, 0);
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = rollDice(expr, rng);
    sum += x;
    sumSq += x * x;
  }
  const m = sum / n;
  return { mean: m, variance: (sumSq - n * m * m) / (n - 1) };
}

/** Mean within 4 SE (SE from the exact variance), sample variance within 4 SE (SE from the exact fourth moment). */
function expectMatchesDistribution(text: string, exact: Dist, n: number, seed: number): void {
  const s = sample(text, n, seed);
  const v = variance(exact);
  expect(zScore(s.mean, mean(exact), Math.sqrt(v / n))).toBeLessThan(4);
  const varianceSE = Math.sqrt((centralMoment(exact, 4) - v * v) / n);
  expect(zScore(s.variance, v, varianceSE)).toBeLessThan(4);
}

describe('parseDice', () => {
  it('parses whole numbers, with or without a sign', () => {
    expect(parseDice('7')).toEqual({ text: '7', terms: [], flat: 7 });
    expect(parseDice('0').flat).toBe(0);
    expect(parseDice('-3')).toMatchObject({ terms: [], flat: -3 });
    expect(parseDice('+12')).toMatchObject({ terms: [], flat: 12 });
    expect(parseDice('  40 ')).toMatchObject({ terms: [], flat: 40 });
  });

  it('parses NdM, a bare dM, and any letter case', () => {
    expect(parseDice('3d6').terms).toEqual([term(3, 6)]);
    expect(parseDice('d20').terms).toEqual([term(1, 20)]);
    expect(parseDice('2D10').terms).toEqual([term(2, 10)]);
    expect(parseDice('1d1').terms).toEqual([term(1, 1)]);
  });

  it('parses sums and differences of terms and folds the numbers into one flat modifier', () => {
    expect(parseDice('1d8+2d6+3')).toMatchObject({ terms: [term(1, 8), term(2, 6)], flat: 3 });
    expect(parseDice('1d8 - 1d4 - 2')).toMatchObject({ terms: [term(1, 8), term(1, 4, 1, true, -1)], flat: -2 });
    expect(parseDice('5 + 1d6 - 2 + 4')).toMatchObject({ terms: [term(1, 6)], flat: 7 });
    expect(parseDice('-1d6+3')).toMatchObject({ terms: [term(1, 6, 1, true, -1)], flat: 3 });
  });

  it('parses keep-highest, keep-lowest, drop-lowest and drop-highest', () => {
    expect(parseDice('2d20kh1').terms).toEqual([term(2, 20, 1, true)]);
    expect(parseDice('4d6kh3').terms).toEqual([term(4, 6, 3, true)]);
    expect(parseDice('4d6k3').terms).toEqual([term(4, 6, 3, true)]);
    expect(parseDice('4d6dl1').terms).toEqual([term(4, 6, 3, true)]);
    expect(parseDice('2d20kl1').terms).toEqual([term(2, 20, 1, false)]);
    expect(parseDice('4d6dh1').terms).toEqual([term(4, 6, 3, false)]);
    expect(parseDice('4D6KH3 + 2').terms).toEqual([term(4, 6, 3, true)]);
  });

  it('ignores BattleSim labels: "2d6 + 5[STR] + 2[WEAPON]" is 2d6+7', () => {
    const e = parseDice('2d6 + 5[STR] + 2[WEAPON]');
    expect(e.terms).toEqual([term(2, 6)]);
    expect(e.flat).toBe(7);
    expect(parseDice('1d8[slashing] + 1d6 [fire]')).toMatchObject({ terms: [term(1, 8), term(1, 6)], flat: 0 });
  });

  // [expression, 0-based position of the problem, a word of the message]
  const bad: Array<[string, number, string]> = [
    ['2d', 2, 'sides'],
    ['d', 1, 'sides'],
    ['1d6+', 4, 'after the sign'],
    ['abc', 0, 'found "a"'],
    ['3d0', 0, 'at least one side'],
    ['1d6 2', 4, 'expected "+" or "-"'],
    ['1d6 + 2[STR', 7, 'never closed'],
    ['', 0, 'empty'],
    ['   ', 0, 'empty'],
    ['1000d6', 0, 'more than the limit of 500'],
    ['1d6+0d4', 4, 'at least one die'],
    ['1d2000', 0, 'more sides than the limit'],
    ['2d6kh3', 5, 'cannot keep 3 of 2'],
    ['4d6dl4', 5, 'cannot keep 0 of 4'],
    ['1d6 +* 2', 5, 'found "*"'],
    ['12345678', 0, 'too large'],
  ];
  it.each(bad)('rejects %j with a DiceError quoting it and giving position %i', (text, position, words) => {
    const e = parseError(text);
    expect(e.name).toBe('DiceError');
    expect(e.expression).toBe(text);
    expect(e.position).toBe(position);
    expect(e.message).toContain(`"${text}"`);
    expect(e.message).toContain(`at position ${position + 1}`);
    expect(e.message).toContain(words);
  });

  it('rejects text over the length limit and more terms than allowed', () => {
    const long = Array.from({ length: 130 }, () => '1d4').join('+');
    expect(long.length).toBeGreaterThan(DICE_LIMITS.maxLength);
    const e = parseError(long);
    expect(e.message).toContain('longer than 500');
    const many = Array.from({ length: DICE_LIMITS.maxTerms + 1 }, () => 'd4').join('+');
    expect(many.length).toBeLessThanOrEqual(DICE_LIMITS.maxLength);
    expect(parseError(many).message).toContain('more than 40 dice terms');
  });

  it('never throws anything but a DiceError whose position lies within the text, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9dDkKhHlL+\- [\]x]{0,24}$/)), (text) => {
        try {
          parseDice(text);
        } catch (e) {
          if (!(e instanceof DiceError)) return false;
          return e.position >= 0 && e.position <= Math.max(text.length, DICE_LIMITS.maxLength);
        }
        return true;
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

describe('exact distributions against sampled rolls', () => {
  it('2d6+3 has mean 10 and variance 35/6, and rollDice samples agree within 4 SE', () => {
    const exact = diceSum(2, 6, 3);
    expect(mean(exact)).toBeCloseTo(10, 12);
    expect(variance(exact)).toBeCloseTo(35 / 6, 12);
    expect(diceMean(parseDice('2d6+3'))).toBe(10);
    expectMatchesDistribution('2d6+3', exact, 200_000, 101);
  });

  it('4d6kh3: all 1296 outcomes enumerated; diceMean is exact and samples agree within 4 SE', () => {
    const exact = keepDist(4, 6, 3, true);
    // 15869 / 1296 is the well-known mean of "4d6 drop the lowest".
    expect(mean(exact)).toBeCloseTo(15869 / 1296, 12);
    expect(diceMean(parseDice('4d6kh3'))).toBeCloseTo(15869 / 1296, 10);
    expectMatchesDistribution('4d6kh3', exact, 200_000, 202);
    expectMatchesDistribution('4d6dl1', exact, 200_000, 203);
  });

  it('the distribution of 4d6kh3 sampled 200k times passes a chi-square test against the enumeration', () => {
    const exact = keepDist(4, 6, 3, true);
    const expr = parseDice('4d6kh3');
    const rng = new Rng(77, 3);
    const n = 200_000;
    const counts = new Array<number>(exact.p.length).fill(0);
    for (let i = 0; i < n; i++) counts[rollDice(expr, rng) - exact.offset]++;
    let chi = 0;
    exact.p.forEach((q, i) => (chi += (counts[i] - n * q) ** 2 / (n * q)));
    // 16 outcomes (3..18), 15 degrees of freedom: the 0.999 quantile is 37.70.
    expect(exact.p.length).toBe(16);
    expect(chi).toBeLessThan(37.7);
  });

  it('diceMean of keep terms equals the enumerated mean', () => {
    const cases: Array<[string, number, number, number, boolean]> = [
      ['4d6kh3', 4, 6, 3, true],
      ['2d20kh1', 2, 20, 1, true],
      ['2d20kl1', 2, 20, 1, false],
      ['3d8kl2', 3, 8, 2, false],
      ['5d4kh2', 5, 4, 2, true],
      ['4d10dh1', 4, 10, 3, false],
      ['3d6kh3', 3, 6, 3, true],
    ];
    const engine = cases.map(([text]) => [text, diceMean(parseDice(text)).toFixed(10)]);
    const enumerated = cases.map(([text, n, s, keep, highest]) => [text, mean(keepDist(n, s, keep, highest)).toFixed(10)]);
    expect(engine).toEqual(enumerated);
    // Textbook values: advantage on a d20 averages 13.825, disadvantage 7.175.
    expect(diceMean(parseDice('2d20kh1'))).toBeCloseTo(13.825, 12);
    expect(diceMean(parseDice('2d20kl1'))).toBeCloseTo(7.175, 12);
    expect(diceMean(parseDice('4d6kh3 - 2d20kl1 + 3'))).toBeCloseTo(15869 / 1296 - 7.175 + 3, 10);
  });
});

describe('rollDice by enumeration with a scripted die source', () => {
  it('for every one of the 1296 outcomes of 4d6, 4d6kh3 and 4d6dl1 equal the sum of the top three', () => {
    const kh = parseDice('4d6kh3'), dl = parseDice('4d6dl1'), kl = parseDice('4d6kl3'), dh = parseDice('4d6dh1');
    let outcomes = 0;
    for (const faces of allRolls(4, 6)) {
      const sorted = faces.slice().sort((a, b) => b - a);
      const top3 = sorted[0] + sorted[1] + sorted[2];
      const low3 = sorted[1] + sorted[2] + sorted[3];
      for (const [expr, want] of [[kh, top3], [dl, top3], [kl, low3], [dh, low3]] as const) {
        const src = new Scripted(faces);
        expect(rollDice(expr, src)).toBe(want);
        expect(src.used).toBe(4);
        expect(src.asked).toEqual([6, 6, 6, 6]);
      }
      outcomes++;
    }
    expect(outcomes).toBe(1296);
  });

  it('2d20kh1 is the higher and 2d20kl1 the lower of every pair', () => {
    const adv = parseDice('2d20kh1'), dis = parseDice('2d20kl1');
    for (const [a, b] of allRolls(2, 20)) {
      expect(rollDice(adv, new Scripted([a, b]))).toBe(Math.max(a, b));
      expect(rollDice(dis, new Scripted([a, b]))).toBe(Math.min(a, b));
    }
  });

  it('sums and differences read the dice in order', () => {
    const e = parseDice('1d8+2d6-1d4+3');
    for (const faces of allRolls(4, 4)) {
      const [a, b, c, d] = faces;
      expect(rollDice(e, new Scripted([a, b, c, d]))).toBe(a + b + c - d + 3);
    }
  });

  it('a critical roll doubles the dice but not the modifier', () => {
    const src = new Scripted([1, 2, 3, 4]);
    expect(rollDice(parseDice('2d6+3'), src, true)).toBe(1 + 2 + 3 + 4 + 3);
    expect(src.asked).toEqual([6, 6, 6, 6]);
    // Every term doubles, a subtracted one too; the flat part stays once.
    const mixed = new Scripted([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(rollDice(parseDice('1d8+2d6-1d4+5[STR]'), mixed, true)).toBe(8 + 7 + (6 + 5 + 4 + 3) - (2 + 1) + 5);
    expect(mixed.asked).toEqual([8, 8, 6, 6, 6, 6, 4, 4]);
    // A number alone is not doubled.
    expect(rollDice(parseDice('7'), new Scripted([]), true)).toBe(7);
    // Non-critical: the same faces, half the dice.
    const plain = new Scripted([5, 6]);
    expect(rollDice(parseDice('2d6+3'), plain, false)).toBe(14);
    expect(plain.used).toBe(2);
  });

  it('on a critical hit a keep term is rolled as two separate groups ("roll the damage dice twice")', () => {
    const src = new Scripted([1, 6, 2, 5, 3, 4, 1, 1]);
    // First 4d6kh3: 1,6,2,5 keeps 6+5+2 = 13; second: 3,4,1,1 keeps 4+3+1 = 8.
    expect(rollDice(parseDice('4d6kh3'), src, true)).toBe(21);
    expect(src.used).toBe(8);
    const again = new Scripted([6, 6, 6, 1, 1, 1, 1, 1]);
    // One pool of 8 keeping 6 would give 6+6+6+1+1+1 = 21; two groups give 18 + 3 = 21 too, so also:
    expect(rollDice(parseDice('2d6kh1'), again, true)).toBe(12);
    expect(again.used).toBe(4);
  });

  it('critical 2d6+3 has mean 17 by enumeration of all 4d6 outcomes', () => {
    const e = parseDice('2d6+3');
    let total = 0;
    for (const faces of allRolls(4, 6)) total += rollDice(e, new Scripted(faces), true);
    expect(total / 1296).toBe(17);
  });
});

describe('properties of generated expressions', () => {
  interface Part {
    kind: 'dice' | 'flat';
    sign: 1 | -1;
    count: number;
    sides: number;
    keepOp: '' | 'kh' | 'kl' | 'k' | 'dh' | 'dl';
    keepN: number;
    omitCount: boolean;
    label: string;
    space: string;
  }
  const part: fc.Arbitrary<Part> = fc.record({
    kind: fc.constantFrom('dice' as const, 'dice' as const, 'flat' as const),
    sign: fc.constantFrom(1 as const, -1 as const),
    count: fc.integer({ min: 1, max: 8 }),
    sides: fc.oneof(fc.constantFrom(2, 4, 6, 8, 10, 12, 20, 100), fc.integer({ min: 1, max: 1000 })),
    keepOp: fc.constantFrom('' as const, 'kh' as const, 'kl' as const, 'k' as const, 'dh' as const, 'dl' as const),
    keepN: fc.integer({ min: 0, max: 8 }),
    omitCount: fc.boolean(),
    label: fc.constantFrom('', '[STR]', '[fire]', '[x y]'),
    space: fc.constantFrom('', ' ', '  '),
  });

  /** The text of the parts, and the terms and flat total the test expects from it. */
  function build(parts: Part[]): { text: string; terms: DiceTerm[]; flat: number; min: number; max: number } {
    let text = '';
    const terms: DiceTerm[] = [];
    let flat = 0;
    parts.forEach((p, i) => {
      const signText = p.sign < 0 ? '-' : i > 0 ? '+' : '';
      if (p.kind === 'flat') {
        const value = p.count * 3;
        text += `${p.space}${signText}${p.space}${value}${p.label}`;
        flat += p.sign * value;
        return;
      }
      const count = p.omitCount ? 1 : p.count;
      let keep = count, keepHighest = true, keepText = '';
      if (p.keepOp !== '') {
        // Keep between 1 and count; drop between 0 and count - 1.
        const isKeep = p.keepOp[0] === 'k';
        const k = isKeep ? 1 + (p.keepN % count) : p.keepN % count;
        keep = isKeep ? k : count - k;
        keepHighest = p.keepOp === 'kh' || p.keepOp === 'k' || p.keepOp === 'dl';
        keepText = `${p.keepOp}${k}`;
      }
      text += `${p.space}${signText}${p.space}${p.omitCount ? '' : count}d${p.sides}${keepText}${p.label}`;
      terms.push({ sign: p.sign, count, sides: p.sides, keep, keepHighest });
    });
    let min = flat, max = flat;
    for (const t of terms) {
      min += t.sign > 0 ? t.keep : -t.keep * t.sides;
      max += t.sign > 0 ? t.keep * t.sides : -t.keep;
    }
    return { text, terms, flat, min, max };
  }

  /** keepHighest means nothing when every die is kept. */
  const normalise = (terms: DiceTerm[]) => terms.map((t) => (t.keep === t.count ? { ...t, keepHighest: true } : t));

  const expressions = fc.array(part, { minLength: 1, maxLength: 5 }).map(build);

  it('parse gives the terms the text was built from; min <= roll <= max, crit too; formatDice re-parses to the same terms', () => {
    fc.assert(
      fc.property(expressions, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (built, seed) => {
        const expr = parseDice(built.text);
        expect(normalise(expr.terms)).toEqual(normalise(built.terms));
        expect(expr.flat).toBe(built.flat);
        expect(diceMin(expr)).toBe(built.min);
        expect(diceMax(expr)).toBe(built.max);
        const rng = new Rng(seed, 0);
        for (let i = 0; i < 20; i++) {
          const x = rollDice(expr, rng);
          expect(x).toBeGreaterThanOrEqual(built.min);
          expect(x).toBeLessThanOrEqual(built.max);
        }
        // A critical roll doubles the dice: bounds with every dice term counted twice.
        const crit = rollDice(expr, rng, true);
        expect(crit).toBeGreaterThanOrEqual(2 * built.min - built.flat);
        expect(crit).toBeLessThanOrEqual(2 * built.max - built.flat);
        const again = parseDice(formatDice(expr));
        expect(normalise(again.terms)).toEqual(normalise(expr.terms));
        expect(again.flat).toBe(expr.flat);
        expect(formatDice(again)).toBe(formatDice(expr));
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
