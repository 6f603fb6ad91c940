// The address's switches for diagnostics, benchmarks and end-to-end tests, read once at boot.
// A switch that is missing or out of range is ignored, so a mistyped address still opens the app
// with its usual settings.
//   ?workers=N        how many simulation workers (N >= 1)
//   ?isolation=off    message mode even where shared memory works
//   ?checkpointMs=N   how often a running request is checkpointed (N >= 100)
//   ?debounceMs=N     the pause after an edit before it is simulated (N >= 0)
//   ?answerOnOpen=off the scenario opened with the page is not simulated until asked (tests that
//                     count requests use it)
import type { SessionOptions } from '../state/session.ts';

/** Whether the scenario opened with the page is answered without a click (yes unless switched off). */
export function answerOnOpenFromUrl(search: string): boolean {
  return new URLSearchParams(search).get('answerOnOpen') !== 'off';
}

export function sessionOptionsFromUrl(search: string): SessionOptions {
  const params = new URLSearchParams(search);
  const workers = Number(params.get('workers'));
  const checkpointMs = Number(params.get('checkpointMs'));
  // An absent switch reads as null, which Number() would take for 0: only a given value counts.
  const debounceMs = params.has('debounceMs') ? Number(params.get('debounceMs')) : NaN;
  return {
    forceMessageMode: params.get('isolation') === 'off',
    config: {
      ...(Number.isInteger(workers) && workers > 0 ? { workerCount: workers } : {}),
      ...(Number.isInteger(checkpointMs) && checkpointMs >= 100 ? { checkpointIntervalMs: checkpointMs } : {}),
    },
    ...(Number.isInteger(debounceMs) && debounceMs >= 0 ? { debounceMs } : {}),
  };
}
