import { describe, expect, it } from 'vitest';
import { erfc, holmCorrection, meanDifferenceTest, sampleVariance, twoProportionTest, twoSidedP, Z_CRITICAL_95 } from './significance.ts';

// Expected values are worked by hand from the textbook formulas (pooled p̂ = (x1+x2)/(n1+n2),
// SE = √(p̂(1−p̂)(1/n1+1/n2)), z = (p1−p2)/SE, p = 2·(1−Φ(|z|))), with Φ taken from published
// tables of the error function, not from the code under test.

describe('erfc', () => {
  it('matches tabulated values on both sides of the series/continued-fraction switch', () => {
    const table: Array<[number, number]> = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047265],
      [2.9, 4.109787809945886e-5],
      [3, 2.209049699858544e-5],
      [3.1, 1.164865736719959e-5],
      [4, 1.541725790028002e-8],
      [5, 1.537459794428035e-12],
      [10, 2.088487583762545e-45],
    ];
    for (const [x, expected] of table) {
      expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
    }
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 14);
    expect(erfc(40)).toBe(0);
  });

  it('puts the 95% critical value at p = 0.05', () => {
    expect(twoSidedP(Z_CRITICAL_95)).toBeCloseTo(0.05, 13);
    // 1.96 is the rounded table value: a hair above, so a hair below 0.05.
    expect(twoSidedP(1.96)).toBeCloseTo(0.04999579029644087, 13);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(Number.POSITIVE_INFINITY)).toBe(0);
    expect(twoSidedP(Number.NaN)).toBe(1);
  });
});

describe('twoProportionTest', () => {
  it('120 of 200 against 150 of 300', () => {
    // p1 = 0.6, p2 = 0.5, p̂ = 270/500 = 0.54, SE = √(0.54·0.46·(1/200+1/300)) = √(0.2484/120)
    // = 0.0454973..., z = 0.1/0.0454973 = 2.19793, two-sided p = 0.027954.
    const t = twoProportionTest(120, 200, 150, 300);
    expect(t.diff).toBeCloseTo(0.1, 12);
    expect(t.z).toBeCloseTo(2.1979349113192894, 10);
    expect(t.pValue).toBeCloseTo(0.027953744613591555, 10);
    expect(t.significant).toBe(true);
  });

  it('45 of 100 against 30 of 100', () => {
    // p̂ = 0.375, SE = √(0.375·0.625·0.02) = √0.0046875 = 0.0684653, z = 0.15/0.0684653 = 2.19089.
    const t = twoProportionTest(45, 100, 30, 100);
    expect(t.z).toBeCloseTo(2.1908902300206647, 10);
    expect(t.pValue).toBeCloseTo(0.028459736916310568, 10);
    expect(t.significant).toBe(true);
  });

  it('a 3-point change on 1000 runs each is not significant', () => {
    // p̂ = 1190/2000 = 0.595, SE = √(0.595·0.405·0.002) = 0.0219533, z = 0.03/0.0219533 = 1.36653.
    const t = twoProportionTest(610, 1000, 580, 1000);
    expect(t.diff).toBeCloseTo(0.03, 12);
    expect(t.z).toBeCloseTo(1.3665334361513142, 10);
    expect(t.pValue).toBeCloseTo(0.17177159360101907, 10);
    expect(t.significant).toBe(false);
  });

  it('is antisymmetric in its two samples', () => {
    // 3/10 against 7/10: p̂ = 0.5, SE = √(0.25·0.2) = 0.223607, z = −0.4/0.223607 = −1.78885.
    const t = twoProportionTest(3, 10, 7, 10);
    expect(t.diff).toBeCloseTo(-0.4, 12);
    expect(t.z).toBeCloseTo(-1.7888543819998317, 10);
    expect(t.pValue).toBeCloseTo(0.0736382701203027, 10);
    const back = twoProportionTest(7, 10, 3, 10);
    expect(back.z).toBeCloseTo(-t.z, 12);
    expect(back.pValue).toBeCloseTo(t.pValue, 12);
  });

  it('keeps precision for proportions near 1 and tiny p-values', () => {
    // p̂ = 0.9975, SE = √(0.9975·0.0025·0.0002) = 7.0623e-4, z = 0.003/7.0623e-4 = 4.24795.
    const t = twoProportionTest(9990, 10000, 9960, 10000);
    expect(t.z).toBeCloseTo(4.247953952428781, 9);
    expect(t.pValue / 2.1573172081182604e-5).toBeCloseTo(1, 9);
    expect(t.significant).toBe(true);
  });

  it('handles empty samples and identical or degenerate proportions without NaN', () => {
    for (const t of [
      twoProportionTest(0, 0, 0, 0),
      twoProportionTest(5, 10, 0, 0),
      twoProportionTest(0, 0, 5, 10),
      twoProportionTest(0, 100, 0, 200),
      twoProportionTest(100, 100, 50, 50),
      twoProportionTest(30, 60, 50, 100),
    ]) {
      expect(Number.isNaN(t.diff) || Number.isNaN(t.z) || Number.isNaN(t.pValue)).toBe(false);
      expect(t.z).toBe(0);
      expect(t.pValue).toBe(1);
      expect(t.significant).toBe(false);
    }
    expect(twoProportionTest(5, 10, 0, 0).diff).toBe(0.5);
  });
});

describe('meanDifferenceTest', () => {
  it('3.2 (var 1.44, n 400) against 3.0 (var 1.21, n 500)', () => {
    // SE = √(1.44/400 + 1.21/500) = √(0.0036 + 0.00242) = √0.00602 = 0.0775887, z = 0.2/0.0775887 = 2.57770.
    const t = meanDifferenceTest(3.2, 1.44, 400, 3.0, 1.21, 500);
    expect(t.diff).toBeCloseTo(0.2, 12);
    expect(t.z).toBeCloseTo(2.577696311132338, 10);
    expect(t.pValue).toBeCloseTo(0.009946136752047698, 10);
    expect(t.significant).toBe(true);
  });

  it('has no NaN without spread or samples', () => {
    expect(meanDifferenceTest(1, 0, 10, 1, 0, 10)).toEqual({ diff: 0, z: 0, pValue: 1, significant: false });
    expect(meanDifferenceTest(1, 0, 0, 2, 1, 10)).toEqual({ diff: 0, z: 0, pValue: 1, significant: false });
    const sure = meanDifferenceTest(2, 0, 10, 1, 0, 10);
    expect(sure.pValue).toBe(0);
    expect(sure.significant).toBe(true);
  });
});

describe('sampleVariance', () => {
  it('of 1, 2, 3, 4 is 5/3', () => {
    expect(sampleVariance(4, 10, 30)).toBeCloseTo(5 / 3, 12);
    expect(sampleVariance(1, 3, 9)).toBe(0);
    expect(sampleVariance(0, 0, 0)).toBe(0);
  });
});

describe('holmCorrection', () => {
  it('the worked example: p = [0.01, 0.04, 0.03, 0.005] at alpha 0.05', () => {
    // m = 4. Sorted: 0.005 (#4), 0.01 (#1), 0.03 (#3), 0.04 (#2).
    //   k = 1: 0.005 ≤ 0.05/4 = 0.0125  → reject #4
    //   k = 2: 0.01  ≤ 0.05/3 = 0.01667 → reject #1
    //   k = 3: 0.03  > 0.05/2 = 0.025   → stop: #3 and #2 are kept (though 0.04 ≤ 0.05/1).
    // Adjusted: #4 4·0.005 = 0.02; #1 max(0.02, 3·0.01) = 0.03; #3 max(0.03, 2·0.03) = 0.06;
    // #2 max(0.06, 1·0.04) = 0.06.
    const h = holmCorrection([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(h.rejected).toEqual([true, false, false, true]);
    expect(h.adjusted[0]).toBeCloseTo(0.03, 15);
    expect(h.adjusted[1]).toBeCloseTo(0.06, 15);
    expect(h.adjusted[2]).toBeCloseTo(0.06, 15);
    expect(h.adjusted[3]).toBeCloseTo(0.02, 15);
  });

  it('is plain testing for one p-value and never adjusts above 1', () => {
    expect(holmCorrection([0.04])).toEqual({ adjusted: [0.04], rejected: [true] });
    expect(holmCorrection([0.06])).toEqual({ adjusted: [0.06], rejected: [false] });
    expect(holmCorrection([0.5, 0.9, Number.NaN]).adjusted).toEqual([1, 1, 1]);
    expect(holmCorrection([])).toEqual({ adjusted: [], rejected: [] });
  });

  it('rejects fewer than testing each on its own: 20 rows at p = 0.03 are all kept', () => {
    const h = holmCorrection(new Array<number>(20).fill(0.03));
    expect(h.rejected.every((r) => !r)).toBe(true);
    // A p-value far below alpha / 20 = 0.0025 still counts.
    expect(holmCorrection([0.0001, ...new Array<number>(19).fill(0.5)]).rejected[0]).toBe(true);
  });
});
