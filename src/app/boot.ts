// Booting the page: creates the one session (database, tab coordination, runtime, store) with the
// address's switches, and opens the scenario the page starts with: a share link in the address
// (opened as a new scenario and run), else the scenario last worked on, else the reference fight as
// an example. A share link pasted into the address later arrives through `hashchange`. The UI gets
// the session, the examples and the ways to open them through ui/session.ts, so it never reaches
// back into app/; what the boot says to the user goes through store actions.
import type { AppStore } from '../state/index.ts';
import { createSession } from '../state/session.ts';
import type { UiSession } from '../ui/session.ts';
import { openFirstScenario, openShareFragment, openShareLinkInAddress, type FirstScenarioDeps } from './first-scenario.ts';
import { answerOnOpenFromUrl, sessionOptionsFromUrl } from './url-switches.ts';

// The built-in examples in scenarios/, as text, loaded when asked for.
const exampleFiles = import.meta.glob('../../scenarios/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

interface Example {
  id: string;
  name: string;
  about: string;
  load: () => Promise<string>;
}

// Short enough for a phone's select; what each holds is said under it.
const EXAMPLE_NAMES: Record<string, [name: string, about: string]> = {
  'reference-fight': ['Reference fight', 'Four level-5 characters against orcs, gnolls, a bugbear and an ogre (2014 rules).'],
  duel: ['Duel', 'A level-5 fighter against an ogre (2014 rules).'],
  'three-fights': ['Adventuring day', 'Three fights with a short rest before the third (2014 rules).'],
  '2024-party': ['2024 rules party', 'A level-5 party against goblin warriors and a bugbear, a short rest, then a young white dragon.'],
  'ghouls-level-2': ['Ghouls, level 2', 'A level-2 party of five built from the class templates against four ghouls (2014 rules).'],
};

const EXAMPLES: Example[] = Object.entries(exampleFiles)
  .map(([path, load]) => {
    const id = path.split('/').pop()!.replace(/\.json$/, '');
    const [name, about] = EXAMPLE_NAMES[id] ?? [id, ''];
    return { id, name, about, load };
  })
  .sort((a, b) => (a.id === 'reference-fight' ? -1 : b.id === 'reference-fight' ? 1 : a.id.localeCompare(b.id)));

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Creates the page's session and starts opening its first scenario; called once, before the first render. */
export function bootApp(): UiSession {
  const session = createSession(sessionOptionsFromUrl(window.location.search));
  const app: UiSession = {
    ...session,
    examples: EXAMPLES.map(({ id, name, about }) => ({ id, name, about })),
    openExample: (id, run) => openExample(session.store, id, run),
    openShareFragment: (fragment) => openShareFragment(session.store, fragment),
  };
  const addressDeps = (): FirstScenarioDeps => ({
    hash: window.location.hash,
    clearHash: () => history.replaceState(null, '', window.location.pathname + window.location.search),
    openShareFragment: app.openShareFragment,
    openDefaultExample: () => openExample(session.store, 'reference-fight'),
  });
  void openFirstScenario(session.store, { ...addressDeps(), answerOnOpen: answerOnOpenFromUrl(window.location.search) });
  window.addEventListener('hashchange', () => void openShareLinkInAddress(session.store, addressDeps()));
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
