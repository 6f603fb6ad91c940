import { expect, test } from 'vitest';
import { answerOnOpenFromUrl, sessionOptionsFromUrl } from './url-switches.ts';

test('no switches: the usual workers, isolation and checkpoints', () => {
  expect(sessionOptionsFromUrl('')).toMatchObject({ forceMessageMode: false, config: {} });
});

test('each switch reaches the session options', () => {
  expect(sessionOptionsFromUrl('?workers=3&isolation=off&checkpointMs=250&debounceMs=0')).toEqual({
    forceMessageMode: true, config: { workerCount: 3, checkpointIntervalMs: 250 }, debounceMs: 0,
  });
});

test('a switch out of range or not a whole number is ignored', () => {
  expect(sessionOptionsFromUrl('?workers=0&checkpointMs=50&debounceMs=-1&isolation=on')).toEqual({ forceMessageMode: false, config: {} });
  expect(sessionOptionsFromUrl('?workers=2.5&checkpointMs=abc&debounceMs=1.5')).toEqual({ forceMessageMode: false, config: {} });
});

test('without the debounce switch, the slice keeps its own pause after an edit', () => {
  expect(sessionOptionsFromUrl('')).toEqual({ forceMessageMode: false, config: {} });
  expect(sessionOptionsFromUrl('?workers=2')).toEqual({ forceMessageMode: false, config: { workerCount: 2 } });
});

test('the scenario opened with the page is answered unless the switch says off', () => {
  expect(answerOnOpenFromUrl('')).toBe(true);
  expect(answerOnOpenFromUrl('?answerOnOpen=on')).toBe(true);
  expect(answerOnOpenFromUrl('?workers=2&answerOnOpen=off')).toBe(false);
});
