// Whether two results differ by more than chance: the pooled two-proportion z-test for
// probabilities and a large-sample z-test on a difference of means (Welch's standard error).
// Both are two-sided at 95%. Results are tens of thousands of independent runs, so the normal
// approximation is sound; for tiny samples it is only a rough guide, which the UI says.

/** The two-sided 95% critical value of the standard normal distribution. */
export const Z_CRITICAL_95 = 1.959963984540054;

export interface SignificanceTest {
  /** First minus second (proportion or mean). */
  diff: number;
  z: number;
  /** Two-sided. */
  pValue: number;
  significant: boolean;
}

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * The complementary error function to about 1e-15. Small arguments use the all-positive series
 * erf(x) = 2x·e^(−x²)/√π · Σ (2x²)ⁿ / (1·3·…·(2n+1)), which has no cancellation; from 1.5 up, where
 * 1 − erf would lose the small tail's relative precision, the Laplace continued fraction.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - ((2 * Math.exp(-x2)) / SQRT_PI) * sum;
  }
  if (x > 27) return 0; // e^(−729) underflows a double anyway.
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the bottom up.
  let tail = x;
  for (let k = 100; k >= 1; k--) tail = x + k / 2 / tail;
  return Math.exp(-x * x) / SQRT_PI / tail;
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? 1 : 0;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

function fromZ(diff: number, z: number): SignificanceTest {
  const pValue = twoSidedP(z);
  return { diff, z, pValue, significant: pValue < 0.05 };
}

const NO_EVIDENCE = (diff: number): SignificanceTest => ({ diff, z: 0, pValue: 1, significant: false });

/**
 * Pooled two-proportion z-test: are x1 of n1 and x2 of n2 drawn from the same proportion?
 * An empty sample, or two samples that are all successes or all failures, carry no evidence of
 * a difference: z 0, p-value 1, never NaN.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): SignificanceTest {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const diff = p1 - p2;
  if (n1 <= 0 || n2 <= 0) return NO_EVIDENCE(diff);
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return NO_EVIDENCE(diff);
  return fromZ(diff, diff / Math.sqrt(variance));
}

/**
 * z-test on a difference of two means with unequal variances (Welch's standard error,
 * √(v1/n1 + v2/n2)); with thousands of runs per side, the t distribution is the normal one.
 * Variances are sample variances. No spread on either side means no evidence, unless the means
 * differ, which then cannot be chance.
 */
export function meanDifferenceTest(mean1: number, variance1: number, n1: number, mean2: number, variance2: number, n2: number): SignificanceTest {
  const diff = n1 > 0 && n2 > 0 ? mean1 - mean2 : 0;
  if (n1 <= 0 || n2 <= 0) return NO_EVIDENCE(diff);
  const se2 = Math.max(0, variance1) / n1 + Math.max(0, variance2) / n2;
  if (!(se2 > 0)) return diff === 0 ? NO_EVIDENCE(0) : { diff, z: diff > 0 ? Infinity : -Infinity, pValue: 0, significant: true };
  return fromZ(diff, diff / Math.sqrt(se2));
}

/** Sample variance from a count, a sum and a sum of squares; 0 below two observations. */
export function sampleVariance(n: number, sum: number, sumOfSquares: number): number {
  if (n < 2) return 0;
  const mean = sum / n;
  return Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
}

export interface HolmResult {
  /**
   * Holm-adjusted p-values, in the order given: for the k-th smallest of m p-values,
   * max over j ≤ k of min(1, (m − j + 1)·p₍ⱼ₎). A hypothesis is rejected when its adjusted
   * p-value is at most alpha, which is the step-down procedure itself.
   */
  adjusted: number[];
  /** Rejected at `alpha` after the correction, in the order given. */
  rejected: boolean[];
}

/**
 * The Holm–Bonferroni correction for testing m hypotheses together: sort the p-values, compare the
 * k-th smallest with alpha / (m − k + 1), and reject until the first that is larger; that one and
 * every larger p-value are kept. The chance of calling any true "no difference" a difference stays
 * at most alpha across the whole family, and it rejects at least what plain Bonferroni rejects.
 * NaN p-values count as 1.
 */
export function holmCorrection(pValues: readonly number[], alpha = 0.05): HolmResult {
  const m = pValues.length;
  const p = pValues.map((x) => (Number.isNaN(x) ? 1 : Math.min(1, Math.max(0, x))));
  // Ties keep their given order, so the result does not depend on how the sort breaks them.
  const order = p.map((_, i) => i).sort((i, j) => p[i] - p[j] || i - j);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach((index, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p[index]));
    adjusted[index] = running;
  });
  return { adjusted, rejected: adjusted.map((a) => a <= alpha) };
}
