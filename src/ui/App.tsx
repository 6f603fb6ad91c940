// The app's shell: the scenario's name, undo and redo, and whether it is valid; the answer panel
// at the top; the verdict bar stuck to the bottom of the window, so the answer stays in view
// whatever screen is open and however far it is scrolled; and the screens as tabs (party, day, results, compare, replay,
// sweep, queue, files). A screen is built the first time it is opened and then kept, hidden, so
// work on it (a sweep, a half-typed link) survives switching tabs.
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { VerdictBar } from './answer/VerdictBar.tsx';
import { RuntimePanel } from './RuntimePanel.tsx';
import { useStoredAnswer } from './screens/useSlots.ts';
import { useApp } from './session.ts';
import './editor/editor.css';

// Every screen loads when first opened, the party's too: the answer at the top and the verdict bar
// come first, and the editors follow a moment later.
// The party screen's code with the class templates it shows at once (its own import starts them).
const loadPartyScreen = () => import('./editor/PartyEditor.tsx').then((m) => {
  void m.loadClasses();
  return m;
});
const loadDayScreen = () => import('./editor/DayEditor.tsx');
const loadResultsScreen = () => import('./screens/ResultsScreen.tsx');
const PartyEditor = lazy(() => loadPartyScreen().then((m) => ({ default: m.PartyEditor })));
const DayEditor = lazy(() => loadDayScreen().then((m) => ({ default: m.DayEditor })));
const ResultsScreen = lazy(() => loadResultsScreen().then((m) => ({ default: m.ResultsScreen })));
const CompareScreen = lazy(() => import('./screens/CompareScreen.tsx').then((m) => ({ default: m.CompareScreen })));
const ReplayScreen = lazy(() => import('./screens/ReplayScreen.tsx').then((m) => ({ default: m.ReplayScreen })));
const SweepScreen = lazy(() => import('./sweep/SweepView.tsx').then((m) => ({ default: m.SweepView })));
const QueueScreen = lazy(() => import('./screens/QueueScreen.tsx').then((m) => ({ default: m.QueueScreen })));
const FilesScreen = lazy(() => import('./screens/FilesScreen.tsx').then((m) => ({ default: m.FilesScreen })));

const SCREENS = [
  ['party', 'Party'],
  ['day', 'Day'],
  ['results', 'Results'],
  ['compare', 'Compare'],
  ['replay', 'Replay'],
  ['sweep', 'Sweep'],
  ['queue', 'Queue'],
  ['files', 'Files'],
] as const;
type ScreenId = (typeof SCREENS)[number][0];

function screenBody(id: ScreenId): ReactNode {
  switch (id) {
    case 'party': return <PartyEditor />;
    case 'day': return <DayEditor />;
    case 'results': return <ResultsScreen />;
    case 'compare': return <CompareScreen />;
    case 'replay': return <ReplayScreen />;
    case 'sweep': return <SweepScreen />;
    case 'queue': return <QueueScreen />;
    case 'files': return <FilesScreen />;
  }
}

const SCREEN_KEY = 'encounter-lab:screen';

/**
 * Starts loading the code of the screen the page opens on while the scenario is still being opened,
 * so the screen is drawn with the scenario, not after it; drawn later, it took the page's thread
 * (tens of milliseconds of layout) just when the first simulation's answers came in.
 */
function preloadScreen(id: ScreenId): ScreenId {
  const load = id === 'party' ? loadPartyScreen : id === 'day' ? loadDayScreen : id === 'results' ? loadResultsScreen : null;
  // A failed load is shown by the screen's own lazy import when it is drawn.
  load?.().catch(() => undefined);
  return id;
}

/** The screen open in this tab before a reload (session storage: per tab, gone when it closes). */
function rememberedScreen(): ScreenId {
  try {
    const saved = sessionStorage.getItem(SCREEN_KEY);
    return SCREENS.find(([id]) => id === saved)?.[0] ?? 'party';
  } catch {
    return 'party';
  }
}

export function App() {
  const [screen, setScreen] = useState<ScreenId>(() => preloadScreen(rememberedScreen()));
  const [visited, setVisited] = useState<ReadonlySet<ScreenId>>(() => new Set([screen]));
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const base = useId();
  const hasDraft = useApp((s) => s.draft !== null);
  useStoredAnswer();
  useUndoShortcuts();
  useKeptSearches();

  const open = (id: ScreenId, focus = false) => {
    setScreen(id);
    try {
      sessionStorage.setItem(SCREEN_KEY, id);
    } catch {
      // Private modes may refuse storage; the tab then opens on the party after a reload.
    }
    setVisited((v) => (v.has(id) ? v : new Set([...v, id])));
    if (focus) tabRefs.current[id]?.focus();
  };
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step) {
      e.preventDefault();
      open(SCREENS[(index + step + SCREENS.length) % SCREENS.length][0], true);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      open(SCREENS[e.key === 'Home' ? 0 : SCREENS.length - 1][0], true);
    }
  }

  return (
    <main className="page">
      <header className="app-head">
        <div>
          <h1>Encounter Lab</h1>
          <p className="tagline">D&amp;D 5e encounters, simulated thousands of times in your browser.</p>
        </div>
        <ScenarioBar />
      </header>
      <RuntimePanel />
      <nav aria-label="Screens">
        <div role="tablist" aria-label="Screens" className="tabs">
          {SCREENS.map(([id, label], i) => (
            <button
              key={id} type="button" role="tab" id={`${base}-tab-${id}`} aria-controls={`${base}-panel-${id}`}
              aria-selected={screen === id} tabIndex={screen === id ? 0 : -1} className="tab" data-testid={`tab-${id}`}
              ref={(el) => { tabRefs.current[id] = el; }}
              onClick={() => open(id)} onKeyDown={(e) => onTabKey(e, i)}
            >
              {label}
            </button>
          ))}
        </div>
      </nav>
      {SCREENS.map(([id]) => visited.has(id) && (
        <div key={id} role="tabpanel" id={`${base}-panel-${id}`} aria-labelledby={`${base}-tab-${id}`} hidden={screen !== id} className="tab-panel">
          {hasDraft || id === 'queue' || id === 'files' ? (
            <Suspense fallback={<p className="panel fld-hint">Loading…</p>}>{screenBody(id)}</Suspense>
          ) : <p className="panel fld-hint">Opening the scenario…</p>}
        </div>
      ))}
      {hasDraft && <VerdictBar />}
    </main>
  );
}

function ScenarioBar() {
  const { name, canUndo, canRedo, undo, redo, validation, edit } = useApp(useShallow((s) => ({
    name: s.draft?.name ?? null, canUndo: s.past.length > 0, canRedo: s.future.length > 0, undo: s.undo, redo: s.redo,
    validation: s.validation, edit: s.edit,
  })));
  const id = useId();
  if (name === null) return null;
  const problems = Object.keys(validation.issues).length;
  return (
    <div className="scenario-bar">
      <div className="fld">
        <label htmlFor={id}>Scenario</label>
        <input id={id} value={name} onChange={(e) => edit((d) => ({ ...d, name: e.target.value }), 'name')} data-testid="scenario-name" />
      </div>
      <div className="cr-buttons">
        <button type="button" className="btn-small" onClick={undo} disabled={!canUndo} data-testid="undo" aria-keyshortcuts="Control+Z">Undo</button>
        <button type="button" className="btn-small" onClick={redo} disabled={!canRedo} data-testid="redo" aria-keyshortcuts="Control+Shift+Z">Redo</button>
      </div>
      <p className={`scenario-state scenario-${validation.state}`} data-testid="scenario-state" data-state={validation.state} role="status">
        {validation.state === 'invalid'
          ? `${problems || 1} problem${problems === 1 ? '' : 's'} to fix: ${validation.message ?? ''}`
          : validation.state === 'checking' ? 'Checking…' : 'Ready'}
      </p>
    </div>
  );
}

/** Searches kept on this device for the scenario on screen come back (and carry on) when it opens, whatever screen is shown. */
function useKeptSearches(): void {
  const scenarioId = useApp((s) => s.scenarioId);
  const restore = useApp((s) => s.restoreSearches);
  useEffect(() => {
    if (scenarioId) void restore();
  }, [scenarioId, restore]);
}

/** Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo and redo scenario edits when no text field has the focus. */
function useUndoShortcuts(): void {
  const { undo, redo } = useApp(useShallow((s) => ({ undo: s.undo, redo: s.redo })));
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
      else if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}
