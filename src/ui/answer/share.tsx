// A share of runs as a percentage with its 95% Wilson interval under it: the Sweep table and the
// "How many?" counts show their figures this way.
import { wilson } from '../../engine/index.ts';

export const percentOf = (count: number, n: number): number => (n > 0 ? (100 * count) / n : Number.NaN);
export const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)}%` : '—');

/** A share of runs with its 95% interval under it, or a dash when nothing is counted. */
export function Share({ count, runs, className = 'sw-ci' }: { count: number | null; runs: number; className?: string }) {
  if (count === null) return <span title="Results stored before this was counted">not counted</span>;
  if (runs === 0) return <>—</>;
  const [lo, hi] = wilson(count, runs);
  return <>{pct(percentOf(count, runs))}<span className={className}> {pct(lo * 100)} to {pct(hi * 100)}</span></>;
}
