// The "How many?" panel's words: a band said as a DM reads it, the DM's own limits in percent read
// into a band (or refused with the reason), and the answer in a sentence.
import { expect, test } from 'vitest';
import { BAND_PRESETS } from '../../scenario/analysis/bands.ts';
import type { HowManyAnswer } from '../../scenario/analysis/how-many-machine.ts';
import { answerWords } from './HowManyPanel.tsx';
import { bandInWords, customFrom, type CustomFields } from './search-parts.tsx';

const blank = (): CustomFields => ({ victory: { min: '', max: '' }, tpk: { min: '', max: '' }, dies: { min: '', max: '' }, down: { min: '', max: '' } });

test('a band in words, in its own order, a measure with both edges said once', () => {
  expect(bandInWords(BAND_PRESETS.hard, 'encounter')).toBe('Someone goes down in at least 50% of fights; someone dies in at most 10%; total party kill in at most 2%.');
  expect(bandInWords(BAND_PRESETS.easy, 'day')).toBe('Someone goes down in 5% to 20% of days; someone dies in at most 1%; total party kill in at most 1%.');
});

test('the DM\'s own limits are percentages; a blank box is no limit; bad or impossible limits are refused with the reason', () => {
  const fields = blank();
  fields.down.min = '52';
  fields.tpk.max = '2.5';
  const read = customFrom(fields);
  expect(read).toEqual({ band: { id: 'custom', name: 'your band', thresholds: [{ measure: 'tpk', bound: 'max', value: 0.025 }, { measure: 'down', bound: 'min', value: 0.52 }] } });
  expect(customFrom(blank())).toEqual({ problem: 'Give at least one limit for a band of your own.' });
  const bad = blank();
  bad.dies.max = '150';
  expect(customFrom(bad)).toEqual({ problem: '"someone dies", at most: enter a percentage from 0 to 100, not "150".' });
  const impossible = blank();
  impossible.down.min = '60';
  impossible.down.max = '40';
  expect(customFrom(impossible)).toMatchObject({ problem: expect.stringMatching(/^The minimum for "someone goes down" \(0\.6\) is above its maximum \(0\.4\)/) });
});

test('the answer in a sentence: a range, one count, or none with the reason', () => {
  const base = { query: { scope: 'encounter', minCount: 1, maxCount: 20 }, enemyName: 'Ghoul', none: null } as unknown as HowManyAnswer;
  expect(answerWords({ ...base, smallest: 4, largest: 5 }, 'Hard')).toBe('4 to 5 × Ghoul keep this fight Hard.');
  expect(answerWords({ ...base, smallest: 3, largest: 3, query: { ...base.query, scope: 'day' } }, 'Deadly')).toBe('Exactly 3 × Ghoul keep the day Deadly.');
  expect(answerWords({ ...base, smallest: null, largest: null, none: 'even 1 is above the band (too dangerous)' }, 'Easy'))
    .toBe('No number of Ghoul from 1 to 20 keeps this fight Easy: even 1 is above the band (too dangerous).');
});
