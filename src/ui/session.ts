// One session for the page (database, tab coordination, runtime, store), created on first use.
// URL switches for diagnostics, benchmarks and tests: ?workers=N sets the worker count;
// ?isolation=off uses message mode even where shared memory works; ?checkpointMs=N sets how often
// a running request is checkpointed.
import { useAppStore, type AppState } from '../state/index.ts';
import { createSession, type Session } from '../state/session.ts';

let session: Session | null = null;

export function getSession(): Session {
  if (!session) {
    const params = new URLSearchParams(window.location.search);
    const workers = Number(params.get('workers'));
    const checkpointMs = Number(params.get('checkpointMs'));
    session = createSession({
      forceMessageMode: params.get('isolation') === 'off',
      config: {
        ...(Number.isInteger(workers) && workers > 0 ? { workerCount: workers } : {}),
        ...(Number.isInteger(checkpointMs) && checkpointMs >= 100 ? { checkpointIntervalMs: checkpointMs } : {}),
      },
    });
  }
  return session;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useAppStore(getSession().store, selector);
}
