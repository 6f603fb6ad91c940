// Number formats shared by the result, comparison and replay screens, so the same quantity reads
// the same everywhere ("61.0%", "58.2–63.7%", "+3.0 points").

const fixed = (x: number, digits: number): string => {
  const s = x.toFixed(digits);
  // A tiny negative rounding to zero would read "-0.0".
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
};

export const percent = (p: number): string => `${fixed(p * 100, 1)}%`;

/** A 95% interval of a probability, as "58.2–63.7%". */
export const interval = (ci: readonly [number, number]): string => `${fixed(ci[0] * 100, 1)}–${fixed(ci[1] * 100, 1)}%`;

const decimals = [0, 1, 2, 3].map((d) => new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));

export const decimal = (x: number, digits = 1): string => decimals[digits].format(Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x);

export const integer = (x: number): string => decimals[0].format(x);

/** A signed change with a true minus sign, or null when it rounds to nothing. */
export function signedChange(x: number, digits: number): string | null {
  const magnitude = decimals[digits].format(Math.abs(x));
  if (Number(magnitude.replace(/,/g, '')) === 0) return null;
  return `${x > 0 ? '+' : '−'}${magnitude}`;
}
