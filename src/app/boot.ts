// Booting the page: creates the one session (database, tab coordination, runtime, store) with the
// address's switches, and opens the scenario the page starts with: a share link in the address
// (opened as a new scenario and run), else the scenario last worked on, else the reference fight as
// an example. A share link pasted into the address later arrives through `hashchange`. The UI gets
// the session, the examples and the ways to open them through ui/session.ts, so it never reaches
// back into app/; what the boot says to the user goes through store actions.
import type { AppStore } from '../state/index.ts';
import { createSession, type Session } from '../state/session.ts';
import type { ShareLinkOpened, UiSession } from '../ui/session.ts';
import { sessionOptionsFromUrl } from './url-switches.ts';

// The built-in examples in scenarios/, as text, loaded when asked for.
const exampleFiles = import.meta.glob('../../scenarios/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

interface Example {
  id: string;
  name: string;
  load: () => Promise<string>;
}

const EXAMPLE_NAMES: Record<string, string> = {
  'reference-fight': 'Reference fight: four level-5 heroes against goblins and a bugbear',
  duel: 'Duel: a level-5 fighter against an ogre',
  'three-fights': 'An adventuring day of three fights',
};

const EXAMPLES: Example[] = Object.entries(exampleFiles)
  .map(([path, load]) => {
    const id = path.split('/').pop()!.replace(/\.json$/, '');
    return { id, name: EXAMPLE_NAMES[id] ?? id, load };
  })
  .sort((a, b) => (a.id === 'reference-fight' ? -1 : b.id === 'reference-fight' ? 1 : a.id.localeCompare(b.id)));

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Creates the page's session and starts opening its first scenario; called once, before the first render. */
export function bootApp(): UiSession {
  const session = createSession(sessionOptionsFromUrl(window.location.search));
  const app: UiSession = {
    ...session,
    examples: EXAMPLES.map(({ id, name }) => ({ id, name })),
    openExample: (id, run) => openExample(session.store, id, run),
    openShareFragment: (fragment) => openShareFragment(session.store, fragment),
  };
  void openFirstScenario(session);
  window.addEventListener('hashchange', () => void openShareLink(session.store));
  return app;
}

/** Opens a built-in example as a new saved scenario. */
async function openExample(store: AppStore, id: string, run = false): Promise<void> {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return;
  try {
    const [{ loadScenarioText }, text] = await Promise.all([import('../scenario/index.ts'), example.load()]);
    await store.getState().openLoaded(loadScenarioText(text, `example ${id}`), { run });
  } catch (e) {
    store.getState().showScenarioMessage(`The example could not be opened: ${message(e)}`);
  }
}

/**
 * Opens the scenario of a share link's fragment (`#s=...`) as a new saved scenario and runs it, with
 * the link's runs and seed. A broken link opens nothing and says what is wrong.
 */
async function openShareFragment(store: AppStore, fragment: string): Promise<ShareLinkOpened> {
  const { decodeShareFragment } = await import('../scenario/format/share-link.ts');
  const decoded = decodeShareFragment(fragment);
  if (!decoded.ok) return { ok: false, error: `The share link could not be opened: ${decoded.error}` };
  const settings = { seed: decoded.seed ?? decoded.scenario.run.seed ?? 1, runs: decoded.runs ?? decoded.scenario.run.runs ?? 10_000 };
  await store.getState().openLoaded(decoded.scenario, { run: true, settings });
  return { ok: true, name: decoded.scenario.name, warnings: decoded.warnings };
}

/** The page's own address holding a share link; the fragment is removed so a reload does not open it twice. */
async function openShareLink(store: AppStore): Promise<boolean> {
  const hash = window.location.hash;
  if (!hash.startsWith('#s=')) return false;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const opened = await openShareFragment(store, hash);
  if (!opened.ok) {
    store.getState().showScenarioMessage(opened.error);
    return false;
  }
  if (opened.warnings.length > 0) store.getState().showScenarioMessage(`The shared scenario opened with notes: ${opened.warnings.join(' ')}`);
  return true;
}

async function openFirstScenario(session: Session): Promise<void> {
  const { store } = session;
  const state = store.getState();
  await state.refreshSaved();
  if (await openShareLink(store)) return;
  const saved = store.getState().savedScenarios;
  if (saved.length > 0) {
    await state.openSaved(saved[0].id);
    if (store.getState().draft) return;
  }
  await openExample(store, 'reference-fight');
}
