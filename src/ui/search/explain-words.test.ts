// "What decides this fight" in words: the size in points, the direction, and the 95% interval said
// as magnitudes when it is on one side of zero, or from less to more when it straddles it.
import { expect, test } from 'vitest';
import type { Effect, MeasureEffect } from '../../scenario/analysis/explain.ts';
import { effectSide, effectWords, measureWords, points, splitEffects } from './explain-words.ts';

const m = (difference: number, ci95: [number, number]): MeasureEffect => ({ difference, ci95, base: 0.5, variant: 0.5 + difference, lost: 0, gained: 0 });
const effect = (label: string, victory: MeasureEffect, dies: MeasureEffect): Effect => ({
  variant: { id: label, label, change: { kind: 'initiative', first: 'party' } }, runs: 1000, victory, dies,
  size: Math.max(Math.abs(victory.difference), Math.abs(dies.difference)), settled: true,
});

test('points: one decimal under ten, whole from ten', () => {
  expect(points(0.008)).toBe('0.8');
  expect(points(-0.0123)).toBe('1.2');
  expect(points(0.1234)).toBe('12');
  expect(points(0.0996)).toBe('10');
  expect(points(0.0004)).toBe('0');
});

test('a measure in words, with its interval', () => {
  expect(measureWords('victory', m(-0.12, [-0.16, -0.08]))).toBe('the party wins 12 points less often (8 to 16)');
  expect(measureWords('dies', m(0.05, [0.031, 0.07]))).toBe('someone dies 5 points more often (3.1 to 7)');
  expect(measureWords('dies', m(0.01, [0.002, 0.018]))).toBe('someone dies 1 point more often (0.2 to 1.8)');
  expect(measureWords('victory', m(0.004, [-0.01, 0.02]))).toBe('the party wins 0.4 points more often (1 less to 2 more)');
  expect(measureWords('victory', m(0, [-0.003, 0.003]))).toBe('the party wins about as often (0.3 less to 0.3 more)');
  // An end that rounds to no points is said as 0, not "0 more".
  expect(measureWords('dies', m(0.013, [-0.0004, 0.026]))).toBe('someone dies 1.3 points more often (0 to 2.6 more)');
  expect(measureWords('victory', m(-0.005, [-0.01, 0.0002]))).toBe('the party wins 0.5 points less often (1 less to 0)');
});

test('an effect in words, and which side it helps', () => {
  const fireball = effect('Wizard without Fireball', m(-0.12, [-0.16, -0.08]), m(0.05, [0.03, 0.07]));
  expect(effectWords(fireball)).toBe('Wizard without Fireball: the party wins 12 points less often (8 to 16); someone dies 5 points more often (3 to 7).');
  expect(effectSide('victory', fireball.victory)).toBe('bad');
  expect(effectSide('dies', fireball.dies)).toBe('bad');
  expect(effectSide('victory', m(0.03, [0.01, 0.05]))).toBe('good');
  expect(effectSide('dies', m(-0.03, [-0.05, -0.01]))).toBe('good');
  expect(effectSide('dies', m(0.0001, [-0.001, 0.001]))).toBe('none');
  expect(effectWords(effect('the party always wins initiative (acts first in every fight)', m(0.2, [0.15, 0.25]), m(0, [-0.001, 0.001]))))
    .toBe('The party always wins initiative (acts first in every fight): the party wins 20 points more often (15 to 25); someone dies about as often (0.1 less to 0.1 more).');
});

test('effects under a point on both chances are folded away', () => {
  const big = effect('big', m(0.02, [0.01, 0.03]), m(0, [0, 0]));
  const edge = effect('edge', m(0, [0, 0]), m(-0.01, [-0.02, 0]));
  const small = effect('small', m(0.009, [0, 0.02]), m(-0.005, [-0.01, 0]));
  expect(splitEffects([big, edge, small])).toEqual({ shown: [big, edge], small: [small] });
});
