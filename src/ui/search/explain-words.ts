// "What decides this fight" in words: each change's effect on the two chances, said the way a DM
// reads it ("Wizard without Fireball: the party wins 12 points less often (8 to 16)"), and which
// effects are too small to show.
import type { Effect, MeasureEffect } from '../../scenario/analysis/explain.ts';
import type { PairedMeasure } from '../../scenario/analysis/paired.ts';

/** Effects smaller than this (a proportion: 1 point) on both chances are folded away. */
export const SHOWN_EFFECT = 0.01;

const MEASURE_SUBJECT: Record<PairedMeasure, string> = { victory: 'the party wins', dies: 'someone dies' };

/** Points from a proportion: one decimal below 10 points, whole above ("0.8", "12"). */
export function points(p: number): string {
  const v = Math.abs(p * 100);
  return v >= 9.95 ? String(Math.round(v)) : String(+v.toFixed(1));
}

/** "12 points less often (8 to 16)", "about as often (1 less to 2 more)", "1.3 points more often (0 to 2.6 more)". */
export function measureWords(measure: PairedMeasure, m: MeasureEffect): string {
  const [lo, hi] = m.ci95;
  const d = m.difference;
  const subject = MEASURE_SUBJECT[measure];
  const unit = (p: number) => `${points(p)} point${points(p) === '1' ? '' : 's'}`;
  const sure = lo > 0 || hi < 0;
  const interval = sure
    ? `(${points(Math.min(Math.abs(lo), Math.abs(hi)))} to ${points(Math.max(Math.abs(lo), Math.abs(hi)))})`
    : `(${points(lo) === '0' ? '0' : `${points(lo)} less`} to ${points(hi) === '0' ? '0' : `${points(hi)} more`})`;
  if (points(d) === '0') return `${subject} about as often ${interval}`;
  return `${subject} ${unit(d)} ${d < 0 ? 'less' : 'more'} often ${interval}`;
}

const capital = (text: string): string => text[0].toUpperCase() + text.slice(1);

/** "Wizard without Fireball: the party wins 12 points less often (8 to 16); someone dies 5 points more often (3 to 7)." */
export function effectWords(e: Effect): string {
  return `${capital(e.variant.label)}: ${measureWords('victory', e.victory)}; ${measureWords('dies', e.dies)}.`;
}

/** Whether a change moves a chance for the party's good (victory up, deaths down), its harm, or neither. */
export function effectSide(measure: PairedMeasure, m: MeasureEffect): 'good' | 'bad' | 'none' {
  if (points(m.difference) === '0') return 'none';
  return (m.difference > 0) === (measure === 'victory') ? 'good' : 'bad';
}

/** The effects to show, largest first, and those under a point on both chances, folded away. */
export function splitEffects(effects: readonly Effect[]): { shown: Effect[]; small: Effect[] } {
  return { shown: effects.filter((e) => e.size >= SHOWN_EFFECT), small: effects.filter((e) => e.size < SHOWN_EFFECT) };
}
