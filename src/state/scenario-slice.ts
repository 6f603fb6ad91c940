// The scenario slice: the scenario on screen as the editor holds it (a draft that may have
// mistakes), its undo history, what the loader says of it, and the request that answers it.
// Every edit is checked through the one loading pipeline and, when good, submitted as a Critical
// request and saved after a short pause (so typing "15" does not simulate "1" first). A bad edit
// is shown at its field and not simulated; the last good answer stays on screen.
import type { StateCreator } from 'zustand';
import type { Aggregate, AggregateLayout, ScenarioSpec } from '../engine/index.ts';
import type { Priority, RequestUpdate, RunSettingsInput, RuntimeFacade } from '../runtime/index.ts';
import { answerFinal, FIRST_ANSWER_RUNS } from '../runtime/types.ts';
import type { LoadedScenario } from '../scenario/index.ts';
import { draftFromDocument, editorMetaOf, issueMap, toDocument, type Draft, type EditorMeta, type IssueMap } from './draft.ts';

/** The loader, loaded on first use: the validator is not part of the first page load. */
export type ScenarioModule = Pick<typeof import('../scenario/index.ts'), 'loadScenarioJson' | 'ScenarioError' | 'runCostQuestion'>;

export interface SavedScenarioEntry {
  id: string;
  name: string;
  updatedAt: number;
  /** Which save of the scenario this is, when the library keeps count (see ScenarioPersistence.save). */
  revision?: number;
  /** The save was kept as a new scenario because this one had changed in another tab. */
  savedAsCopyOf?: { id: string; name: string };
}

/** Where scenarios are kept (the library in IndexedDB); absent when storage cannot be used. */
export interface ScenarioPersistence {
  list(): Promise<SavedScenarioEntry[]>;
  /**
   * Saves over `id` (or as a new scenario). With `baseRevision`, a scenario changed since that
   * revision (in another tab) is not overwritten: the save becomes a new scenario, and the entry's
   * savedAsCopyOf says so.
   */
  save(id: string | undefined, scenario: LoadedScenario, editor: EditorMeta, baseRevision?: number): Promise<SavedScenarioEntry>;
  open(id: string): Promise<LoadedScenario & { id: string; editor: unknown; revision?: number }>;
  remove(id: string): Promise<void>;
  duplicate(id: string): Promise<SavedScenarioEntry>;
  /** Every saved scenario as one file. */
  exportAll(): Promise<string>;
  /** Adds the scenarios of a library or scenario file; each bad one is named in `problems`. */
  importAll(text: string, origin: string): Promise<{ imported: SavedScenarioEntry[]; problems: string[] }>;
}

export interface ScenarioDeps {
  runtime: RuntimeFacade;
  loadModule: () => Promise<ScenarioModule>;
  persistence: Promise<ScenarioPersistence | null>;
  /** Pause after the last edit before it is submitted. */
  debounceMs?: number;
}

export interface ValidationState {
  state: 'idle' | 'checking' | 'ok' | 'invalid';
  /** The first problem, in words, when invalid. */
  message: string | null;
  issues: IssueMap;
  warnings: string[];
}

/** A run held back until the user agrees: it would take long, or a link asked for very many runs. */
export interface PendingRun {
  /** Why it is asked about, in words (the estimated time and what makes it expensive). */
  question: string;
  priority: Priority;
  runs: number;
}

export interface AnswerRef {
  requestId: string;
  aggregate: Aggregate;
  layout: AggregateLayout;
  seed: number;
}

export interface ScenarioSlice {
  /** The library id of the scenario on screen (its storage slots use it too). */
  scenarioId: string | null;
  draft: Draft | null;
  past: Draft[];
  future: Draft[];
  validation: ValidationState;
  /** The last draft that passed, as the engine's input. */
  validSpec: ScenarioSpec | null;
  /** Seed and runs (or precision) used for edits and for the Simulate button. */
  runSettings: RunSettingsInput;
  /** The newest request submitted for the scenario on screen. */
  scenarioRequestId: string | null;
  /** The last finished answer for the scenario on screen, shown (marked out of date) while a newer one starts. */
  lastAnswer: AnswerRef | null;
  savedScenarios: SavedScenarioEntry[];
  /** A problem opening, saving or importing a scenario, in words. */
  scenarioMessage: string | null;
  /** A run waiting for the user's yes (confirmPendingRun) or no (dismissPendingRun). */
  pendingRun: PendingRun | null;

  /**
   * Replaces the draft with the result of `change` (one undo step), then checks and submits it.
   * Edits with the same `mergeKey` in a row (typing in one field) make a single undo step.
   */
  edit(change: (draft: Draft) => Draft, mergeKey?: string): void;
  undo(): void;
  redo(): void;
  setRunSettings(settings: RunSettingsInput): void;
  /** Opens a loaded scenario (file, link, example) as a new saved scenario; never over the current one. */
  openLoaded(loaded: LoadedScenario, options?: { editor?: unknown; run?: boolean; settings?: RunSettingsInput }): Promise<string | null>;
  openSaved(id: string): Promise<void>;
  deleteSaved(id: string): Promise<void>;
  duplicateSaved(id: string): Promise<void>;
  /** The whole library as a file's text, or null when nothing can be kept on this device. */
  exportLibrary(): Promise<string | null>;
  importLibrary(text: string, origin: string): Promise<{ imported: number; problems: string[] }>;
  refreshSaved(): Promise<void>;
  /** Checks the draft now and submits it with this priority (the Simulate button). Resolves to the request id, or null. */
  simulateNow(priority: Priority): Promise<string | null>;
  /**
   * Answers the scenario just opened without a click: at Low priority, so any edit or click comes
   * first, and the next edit replaces it (a stored answer of the same settings comes back at once).
   */
  answerOnOpen(): Promise<string | null>;
  setLastAnswer(answer: AnswerRef | null): void;
  /** Says something about opening a scenario (a broken share link, an example that failed). */
  showScenarioMessage(message: string): void;
  clearScenarioMessage(): void;
  /** Runs what pendingRun holds, as asked. Resolves to the request id, or null. */
  confirmPendingRun(): Promise<string | null>;
  dismissPendingRun(): void;
  /** Feeds runtime updates: remembers the finished answer of the scenario on screen. */
  scenarioUpdate(update: RequestUpdate): void;
}

const HISTORY_LIMIT = 100;

/** A new answer with fewer finished runs than this is not yet shown: the last one, marked out of date, is the better guide. */
export const FIRM_RUNS = FIRST_ANSWER_RUNS;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The slice also shows its answer: it moves the focus of the requests slice to each request it submits. */
type WithFocus = ScenarioSlice & { focus(id: string | null): void; requestIds: string[] };

export const createScenarioSlice = (deps: ScenarioDeps): StateCreator<WithFocus, [], [], ScenarioSlice> => (set, get) => {
  const debounceMs = deps.debounceMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let module: Promise<ScenarioModule> | null = null;
  // The module once loaded, so a submission can use it without waiting for a promise (see check).
  let moduleLoaded: ScenarioModule | null = null;
  // Each check has a number; a slow check that an edit overtook is ignored when it ends.
  let checkNumber = 0;
  let lastMergeKey: string | undefined;
  const loader = (): Promise<ScenarioModule> => (module ??= deps.loadModule());

  /**
   * Loads the draft through the pipeline; on success records it as valid and returns it. `first`
   * is given the good scenario before the store says it is valid: a change to the store re-renders
   * the page before anything that waits for this promise, so what must not wait for that render
   * (submitting the scenario, so the workers start) goes there.
   */
  async function check(first?: (loaded: LoadedScenario) => void): Promise<LoadedScenario | null> {
    const { draft } = get();
    if (!draft) return null;
    const mine = ++checkNumber;
    // An edit has already said so (at the edit, before its pause): setting it again would only
    // re-render the page between the end of the pause and the check.
    if (get().validation.state !== 'checking') set((s) => ({ validation: { ...s.validation, state: 'checking' } }));
    let mod: ScenarioModule;
    try {
      // Loaded, the checker is used at once: even a module already loaded comes back from import()
      // only in a later task, after the page has rendered and painted once.
      mod = moduleLoaded ?? await loader();
      moduleLoaded = mod;
    } catch (e) {
      module = null;
      set({ validation: { state: 'invalid', message: `The scenario checker could not be loaded: ${message(e)}`, issues: {}, warnings: [] } });
      return null;
    }
    if (mine !== checkNumber) return null;
    const doc = toDocument(draft);
    try {
      const loaded = mod.loadScenarioJson(doc, 'this scenario');
      first?.(loaded);
      set({ validation: { state: 'ok', message: null, issues: {}, warnings: loaded.warnings }, validSpec: loaded.spec });
      return loaded;
    } catch (e) {
      const issues = e instanceof mod.ScenarioError ? e.issues : [{ path: '', message: message(e) }];
      set({ validation: { state: 'invalid', message: message(e), issues: issueMap(issues), warnings: [] } });
      return null;
    }
  }

  /** Loads the checker, if not yet, for the first check after a scenario opens (a failure is reported by that check). */
  function loadChecker(): void {
    if (moduleLoaded) return;
    loader().then((mod) => {
      moduleLoaded = mod;
    }, () => {
      module = null;
    });
  }

  /** A just-saved scenario goes to the top of the list (newest change first), without reading the whole library again. */
  function listSaved(entry: SavedScenarioEntry): void {
    const { id, name, updatedAt } = entry;
    set((s) => ({ savedScenarios: [{ id, name, updatedAt }, ...s.savedScenarios.filter((e) => e.id !== id)] }));
  }

  // The library revision of the scenario on screen that this tab last opened or saved: a save
  // builds on it, so a save over a change made in another tab is kept as a copy, never lost.
  let revision: number | undefined;
  // Saves run one after another, so each builds on the revision the one before it wrote.
  let saving: Promise<void> = Promise.resolve();
  // A message that later submissions do not clear (an edit kept as a copy), until another scenario opens.
  let lasting: string | null = null;

  // What this tab last opened or saved, so pressing Simulate on an unchanged scenario writes nothing
  // (and so cannot undo what another tab saved meanwhile).
  let savedFingerprint: string | null = null;
  const fingerprintOf = (draft: Draft): string => JSON.stringify([toDocument(draft), editorMetaOf(draft)]);

  function save(loaded: LoadedScenario): Promise<void> {
    const { draft, scenarioId } = get();
    if (!draft) return Promise.resolve();
    const fingerprint = fingerprintOf(draft);
    if (scenarioId !== null && fingerprint === savedFingerprint) return saving;
    savedFingerprint = fingerprint;
    const editor = editorMetaOf(draft);
    const run = saving.then(() => saveNow(loaded, scenarioId, editor));
    saving = run.catch(() => undefined);
    return run;
  }

  async function saveNow(loaded: LoadedScenario, scenarioId: string | null, editor: EditorMeta): Promise<void> {
    const store = await deps.persistence;
    if (!store) return;
    const current = () => get().scenarioId === scenarioId;
    try {
      const entry = await store.save(scenarioId ?? undefined, loaded, editor, scenarioId !== null && current() ? revision : undefined);
      if (current()) {
        revision = entry.revision;
        set({ scenarioId: entry.id });
        if (entry.savedAsCopyOf) {
          lasting = `"${entry.savedAsCopyOf.name}" was changed in another tab since this tab opened it, so your change was saved as a separate scenario, `
            + `"${entry.name}"; the other tab's version is kept as it was.`;
          set({ scenarioMessage: lasting });
        }
      }
      listSaved(entry);
      // The list shows what the other tab saved too.
      if (entry.savedAsCopyOf) await get().refreshSaved();
    } catch (e) {
      savedFingerprint = null;
      set({ scenarioMessage: `The scenario could not be saved on this device: ${message(e)}` });
    }
  }

  // What pendingRun asks about: the scenario as it was when the run was held back.
  let held: { loaded: LoadedScenario; fromEdit: boolean } | null = null;

  // The request the last edit submitted. A newer edit makes it pointless, so it is cancelled; what
  // the Simulate button asks for is the user's choice and is never cancelled behind their back.
  let editRequestId: string | null = null;

  /**
   * Submits the valid draft; `fromEdit` cancels the request of the edit before it, if still live.
   * A run estimated past the soft limit, or (unless `clicked`) of more than a million runs, is held
   * in pendingRun until the user agrees; `confirmed` is that agreement.
   */
  async function submit(loaded: LoadedScenario, priority: Priority, options: { fromEdit?: boolean; clicked?: boolean; confirmed?: boolean } = {}): Promise<string | null> {
    const { scenarioId, runSettings } = get();
    const fromEdit = options.fromEdit === true;
    held = null;
    if (!options.confirmed && loaded.cost) {
      const runs = 'runs' in runSettings ? runSettings.runs : runSettings.precision.maxRuns;
      let question: string | null = null;
      try {
        // The module a check has loaded is used at once: awaiting it would let the page re-render first.
        question = (moduleLoaded ?? await loader()).runCostQuestion(loaded.cost, runs, options.clicked === true);
      } catch {
        // Without the checker there is no estimate; the edit was checked by it, so this does not happen.
      }
      if (question) {
        held = { loaded, fromEdit };
        set({ pendingRun: { question, priority, runs } });
        return null;
      }
    }
    if (get().pendingRun) set({ pendingRun: null });
    let id: string | null;
    try {
      const answer = deps.runtime.submit({ id: scenarioId ?? loaded.name, name: loaded.name, spec: loaded.spec }, runSettings, priority);
      id = typeof answer === 'string' ? answer : await answer;
    } catch (e) {
      set({ scenarioMessage: `The scenario could not be simulated: ${message(e)}` });
      return null;
    }
    if (fromEdit) {
      if (editRequestId && editRequestId !== id) deps.runtime.cancel(editRequestId);
      editRequestId = id;
    }
    set({ scenarioRequestId: id, scenarioMessage: lasting });
    get().focus(id);
    return id;
  }

  /**
   * Submits the checked scenario, then saves it: the save, an IndexedDB write, no longer holds back
   * the first runs, and a failed save's message is not wiped by the submission. The request is made
   * under the scenario's id as it stands; when the save keeps the change as a new scenario instead
   * (another tab changed this one meanwhile), the request is made again under the new id, so its
   * result is kept with the scenario it answers.
   */
  async function submitAndSave(loaded: LoadedScenario, priority: Priority, options: { fromEdit?: boolean; clicked?: boolean }): Promise<string | null> {
    const submittedUnder = get().scenarioId;
    const submitting = submit(loaded, priority, options);
    const [id] = await Promise.all([submitting, save(loaded).catch(() => undefined)]);
    const savedUnder = get().scenarioId;
    if (id === null || savedUnder === submittedUnder || get().scenarioRequestId !== id) return id;
    deps.runtime.cancel(id);
    return submit(loaded, priority, options);
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    set((s) => ({ validation: { ...s.validation, state: 'checking' } }));
    timer = setTimeout(() => {
      timer = null;
      void check((loaded) => void submitAndSave(loaded, 'critical', { fromEdit: true }));
    }, debounceMs);
  }

  function replaceDraft(draft: Draft, past: Draft[], future: Draft[]): void {
    set({ draft, past, future });
    schedule();
  }

  return {
    scenarioId: null,
    draft: null,
    past: [],
    future: [],
    validation: { state: 'idle', message: null, issues: {}, warnings: [] },
    validSpec: null,
    runSettings: { seed: 1, runs: 10_000 },
    scenarioRequestId: null,
    lastAnswer: null,
    savedScenarios: [],
    scenarioMessage: null,
    pendingRun: null,

    edit(change, mergeKey) {
      const { draft, past } = get();
      if (!draft) return;
      const next = change(draft);
      if (next === draft) return;
      const merge = mergeKey !== undefined && mergeKey === lastMergeKey && past.length > 0;
      lastMergeKey = mergeKey;
      replaceDraft(next, merge ? past : [...past, draft].slice(-HISTORY_LIMIT), []);
    },
    undo() {
      const { draft, past, future } = get();
      lastMergeKey = undefined;
      if (!draft || past.length === 0) return;
      replaceDraft(past[past.length - 1], past.slice(0, -1), [draft, ...future]);
    },
    redo() {
      const { draft, past, future } = get();
      lastMergeKey = undefined;
      if (!draft || future.length === 0) return;
      replaceDraft(future[0], [...past, draft], future.slice(1));
    },
    setRunSettings: (runSettings) => set({ runSettings }),

    async openLoaded(loaded, options = {}) {
      const store = await deps.persistence;
      const draft = draftFromDocument(toDocumentOf(loaded), options.editor);
      let id: string | null = null;
      savedFingerprint = null;
      if (store) {
        try {
          const entry = await store.save(undefined, loaded, editorMetaOf(draft));
          id = entry.id;
          revision = entry.revision;
          savedFingerprint = fingerprintOf(draft);
          lasting = null;
          listSaved(entry);
        } catch (e) {
          set({ scenarioMessage: `The scenario opened but could not be saved on this device: ${message(e)}` });
        }
      }
      checkNumber++;
      if (timer) clearTimeout(timer);
      const runSettings = options.settings ?? get().runSettings;
      set({
        scenarioId: id ?? `unsaved-${Date.now()}`, draft, past: [], future: [], validSpec: loaded.spec, runSettings,
        validation: { state: 'ok', message: null, issues: {}, warnings: loaded.warnings }, scenarioRequestId: null, lastAnswer: null, pendingRun: null,
      });
      held = null;
      editRequestId = null;
      loadChecker();
      if (options.run) await submit(loaded, 'critical');
      else deps.runtime.warmFor(loaded.spec);
      return id;
    },

    async openSaved(id) {
      const store = await deps.persistence;
      if (!store) return;
      try {
        const opened = await store.open(id);
        const draft = draftFromDocument(toDocumentOf(opened), opened.editor);
        revision = opened.revision;
        savedFingerprint = fingerprintOf(draft);
        lasting = null;
        checkNumber++;
        if (timer) clearTimeout(timer);
        set({
          scenarioId: opened.id, draft, past: [], future: [],
          validSpec: opened.spec, validation: { state: 'ok', message: null, issues: {}, warnings: opened.warnings },
          scenarioRequestId: null, lastAnswer: null, scenarioMessage: null, pendingRun: null,
          ...(opened.run.seed !== undefined || opened.run.runs !== undefined
            ? { runSettings: { seed: opened.run.seed ?? 1, runs: opened.run.runs ?? 10_000 } } : {}),
        });
        deps.runtime.warmFor(opened.spec);
        loadChecker();
      } catch (e) {
        set({ scenarioMessage: message(e) });
      }
    },

    async deleteSaved(id) {
      const store = await deps.persistence;
      if (!store) return;
      try {
        await store.remove(id);
      } catch (e) {
        set({ scenarioMessage: `The scenario could not be deleted: ${message(e)}` });
      }
      await get().refreshSaved();
    },

    async duplicateSaved(id) {
      const store = await deps.persistence;
      if (!store) return;
      try {
        await store.duplicate(id);
      } catch (e) {
        set({ scenarioMessage: `The scenario could not be duplicated: ${message(e)}` });
      }
      await get().refreshSaved();
    },

    async exportLibrary() {
      const store = await deps.persistence;
      return store ? store.exportAll() : null;
    },

    async importLibrary(text, origin) {
      const store = await deps.persistence;
      if (!store) return { imported: 0, problems: ['Nothing can be kept on this device, so no scenario was imported.'] };
      try {
        const report = await store.importAll(text, origin);
        await get().refreshSaved();
        return { imported: report.imported.length, problems: report.problems };
      } catch (e) {
        return { imported: 0, problems: [message(e)] };
      }
    },

    async refreshSaved() {
      const store = await deps.persistence;
      if (!store) return;
      try {
        set({ savedScenarios: await store.list() });
      } catch (e) {
        set({ scenarioMessage: `The saved scenarios could not be listed: ${message(e)}` });
      }
    },

    async simulateNow(priority) {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      let submitting: Promise<string | null> | null = null;
      const loaded = await check((good) => {
        submitting = submitAndSave(good, priority, { clicked: true });
      });
      if (!loaded || !submitting) {
        set({ scenarioMessage: `The scenario has a problem to fix before it can be simulated: ${get().validation.message ?? 'unknown problem'}` });
        return null;
      }
      return submitting;
    },

    async answerOnOpen() {
      // Work already under way (a queue restored after a reload) is what the page shows first.
      if (!get().draft || timer || get().scenarioRequestId || get().requestIds.length > 0) return null;
      // What opening the scenario had to say (a damaged saved scenario, a broken link) stays.
      const said = get().scenarioMessage;
      let submitting: Promise<string | null> | null = null;
      const loaded = await check((good) => {
        submitting = submit(good, 'low', { fromEdit: true });
      });
      if (!loaded || !submitting) return null;
      const id = await submitting;
      if (said && !get().scenarioMessage) set({ scenarioMessage: said });
      return id;
    },

    setLastAnswer: (lastAnswer) => set({ lastAnswer }),
    showScenarioMessage: (scenarioMessage) => set({ scenarioMessage }),
    clearScenarioMessage: () => {
      lasting = null;
      set({ scenarioMessage: null });
    },
    async confirmPendingRun() {
      const pending = get().pendingRun;
      const what = held;
      if (!pending || !what) return null;
      return submit(what.loaded, pending.priority, { fromEdit: what.fromEdit, confirmed: true });
    },
    dismissPendingRun() {
      held = null;
      set({ pendingRun: null });
    },

    scenarioUpdate(u) {
      // Kept as the last answer once every run is merged (before its replays and storing).
      if (!answerFinal(u.snapshot) || u.requestId !== get().scenarioRequestId) return;
      if (u.aggregate && u.snapshot.layout && u.aggregate.runs > 0 && get().lastAnswer?.aggregate !== u.aggregate) {
        set({ lastAnswer: { requestId: u.requestId, aggregate: u.aggregate, layout: u.snapshot.layout, seed: u.snapshot.seed } });
      }
    },
  };
};

/** The loaded scenario as the draft's source document. */
function toDocumentOf(loaded: Pick<LoadedScenario, 'name' | 'spec'>) {
  return { name: loaded.name, party: loaded.spec.party, encounters: loaded.spec.encounters, rules: loaded.spec.rules };
}
