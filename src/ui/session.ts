// One session for the page (database, tab coordination, runtime, store), created on first use,
// and the scenario it opens with: a share link in the address (opened as a new scenario and run),
// else the scenario last worked on, else the reference fight as an example.
// URL switches for diagnostics, benchmarks and tests: ?workers=N sets the worker count;
// ?isolation=off uses message mode even where shared memory works; ?checkpointMs=N sets how often
// a running request is checkpointed; ?debounceMs=N sets the pause after an edit.
import { useAppStore, type AppState } from '../state/index.ts';
import { createSession, type Session } from '../state/session.ts';

let session: Session | null = null;

// The built-in examples in scenarios/, as text, loaded when asked for.
const exampleFiles = import.meta.glob('../../scenarios/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export interface ExampleInfo {
  id: string;
  load: () => Promise<string>;
}

export const EXAMPLES: ExampleInfo[] = Object.entries(exampleFiles)
  .map(([path, load]) => ({ id: path.split('/').pop()!.replace(/\.json$/, ''), load }))
  .sort((a, b) => (a.id === 'reference-fight' ? -1 : b.id === 'reference-fight' ? 1 : a.id.localeCompare(b.id)));

export const EXAMPLE_NAMES: Record<string, string> = {
  'reference-fight': 'Reference fight: four level-5 heroes against goblins and a bugbear',
  duel: 'Duel: a level-5 fighter against an ogre',
  'three-fights': 'An adventuring day of three fights',
};

export function getSession(): Session {
  if (!session) {
    const params = new URLSearchParams(window.location.search);
    const workers = Number(params.get('workers'));
    const checkpointMs = Number(params.get('checkpointMs'));
    const debounceMs = Number(params.get('debounceMs'));
    session = createSession({
      forceMessageMode: params.get('isolation') === 'off',
      config: {
        ...(Number.isInteger(workers) && workers > 0 ? { workerCount: workers } : {}),
        ...(Number.isInteger(checkpointMs) && checkpointMs >= 100 ? { checkpointIntervalMs: checkpointMs } : {}),
      },
      ...(Number.isInteger(debounceMs) && debounceMs >= 0 ? { debounceMs } : {}),
    });
    void openFirstScenario(session);
    window.addEventListener('hashchange', () => void openShareLink(getSession()));
  }
  return session;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useAppStore(getSession().store, selector);
}

/** Opens a built-in example as a new saved scenario. */
export async function openExample(id: string, run = false): Promise<void> {
  const s = getSession().store.getState();
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return;
  try {
    const [{ loadScenarioText }, text] = await Promise.all([import('../scenario/index.ts'), example.load()]);
    await s.openLoaded(loadScenarioText(text, `example ${id}`), { run });
  } catch (e) {
    getSession().store.setState({ scenarioMessage: `The example could not be opened: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/**
 * Opens the scenario of a share link's fragment (`#s=...`) as a new saved scenario and runs it, with
 * the link's runs and seed. A broken link opens nothing and says what is wrong.
 */
export async function openShareFragment(fragment: string): Promise<{ ok: true; name: string; warnings: string[] } | { ok: false; error: string }> {
  const { decodeShareFragment } = await import('../scenario/share-link.ts');
  const decoded = decodeShareFragment(fragment);
  if (!decoded.ok) return { ok: false, error: `The share link could not be opened: ${decoded.error}` };
  const settings = { seed: decoded.seed ?? decoded.scenario.run.seed ?? 1, runs: decoded.runs ?? decoded.scenario.run.runs ?? 10_000 };
  await getSession().store.getState().openLoaded(decoded.scenario, { run: true, settings });
  return { ok: true, name: decoded.scenario.name, warnings: decoded.warnings };
}

/** The page's own address holding a share link; the fragment is removed so a reload does not open it twice. */
async function openShareLink(current: Session): Promise<boolean> {
  const hash = window.location.hash;
  if (!hash.startsWith('#s=')) return false;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const opened = await openShareFragment(hash);
  if (!opened.ok) {
    current.store.setState({ scenarioMessage: opened.error });
    return false;
  }
  if (opened.warnings.length > 0) current.store.setState({ scenarioMessage: `The shared scenario opened with notes: ${opened.warnings.join(' ')}` });
  return true;
}

async function openFirstScenario(current: Session): Promise<void> {
  const state = current.store.getState();
  await state.refreshSaved();
  if (await openShareLink(current)) return;
  const saved = current.store.getState().savedScenarios;
  if (saved.length > 0) {
    await state.openSaved(saved[0].id);
    if (current.store.getState().draft) return;
  }
  await openExample('reference-fight');
}
