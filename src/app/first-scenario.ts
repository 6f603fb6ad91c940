// The scenario the page opens with: a share link in the address (opened as a new saved scenario and
// run), else the scenario last worked on, else an example. Kept apart from boot.ts, which reaches for
// the window, so it can be tested in Node with a real store.
import type { AppStore } from '../state/index.ts';
import type { ShareLinkOpened } from '../ui/session.ts';

/**
 * Opens the scenario of a share link's fragment (`#s=...`) as a new saved scenario and runs it, with
 * the link's runs and seed. A broken link opens nothing and says what is wrong.
 */
export async function openShareFragment(store: AppStore, fragment: string): Promise<ShareLinkOpened> {
  const { decodeShareFragment } = await import('../scenario/format/share-link.ts');
  const decoded = decodeShareFragment(fragment);
  if (!decoded.ok) return { ok: false, error: `The share link could not be opened: ${decoded.error}` };
  const settings = { seed: decoded.seed ?? decoded.scenario.run.seed ?? 1, runs: decoded.runs ?? decoded.scenario.run.runs ?? 10_000 };
  await store.getState().openLoaded(decoded.scenario, { run: true, settings });
  return { ok: true, name: decoded.scenario.name, warnings: decoded.warnings };
}

export interface FirstScenarioDeps {
  /** The page's address fragment (`location.hash`). */
  hash: string;
  /** Removes the fragment from the address, so a reload does not open the link twice. */
  clearHash(): void;
  openShareFragment(fragment: string): Promise<ShareLinkOpened>;
  /** Opens the example shown when nothing else can be. */
  openDefaultExample(): Promise<void>;
  /** Simulate the scenario that opened without a click (default yes). */
  answerOnOpen?: boolean;
}

/**
 * Opens the link in the address, if any; says what went wrong with a broken one, and whether it
 * opened. The message is set in the store and returned.
 */
export async function openShareLinkInAddress(store: AppStore, deps: Pick<FirstScenarioDeps, 'hash' | 'clearHash' | 'openShareFragment'>): Promise<{ opened: boolean; message: string | null }> {
  if (!deps.hash.startsWith('#s=')) return { opened: false, message: null };
  deps.clearHash();
  const opened = await deps.openShareFragment(deps.hash);
  if (!opened.ok) {
    store.getState().showScenarioMessage(opened.error);
    return { opened: false, message: opened.error };
  }
  if (opened.warnings.length > 0) {
    const message = `The shared scenario opened with notes: ${opened.warnings.join(' ')}`;
    store.getState().showScenarioMessage(message);
    return { opened: true, message };
  }
  return { opened: true, message: null };
}

export async function openFirstScenario(store: AppStore, deps: FirstScenarioDeps): Promise<void> {
  const state = store.getState();
  await state.refreshSaved();
  const link = await openShareLinkInAddress(store, deps);
  if (link.opened) return;
  const saved = store.getState().savedScenarios;
  if (saved.length > 0) await state.openSaved(saved[0].id);
  if (!store.getState().draft) await deps.openDefaultExample();
  // The first screen answers without a click; an edit or a click overtakes it.
  if (deps.answerOnOpen !== false) await store.getState().answerOnOpen();
  // Opening a scenario clears the message of the one before it; a broken link's must stay until
  // the user has seen it, whatever opened instead.
  // A saved scenario that could not be read says so too.
  if (link.message) {
    const since = store.getState().scenarioMessage;
    store.getState().showScenarioMessage(since && since !== link.message ? `${link.message} ${since}` : link.message);
  }
}
