// The sweep slice: one parameter of the scenario on screen varied over a range, each value a request
// of its own at Normal priority (edits are Critical, so the scenario on screen is still answered
// first). Points are submitted without taking the focus, so the answer on screen stays the
// scenario's. Each point keeps its request's last numbers, so a finished point still shows after
// its request is cleared from the queue. A newer sweep or a cancel stops an unfinished submission
// loop where it is, and cancels the earlier sweep's requests except those other work shares.
//
// Each point's results are stored under an identity of its own (the scenario, the parameter and the
// value), never in the scenario's two slots, which Compare reads. The sweep itself (parameter,
// values, settings and the scenario it ran on) is kept on the device per scenario, so opening the
// Sweep screen after a reload asks for the same points again and the store answers them at once.
// A point's value can be put into the scenario on screen as one ordinary, undoable edit. The sweep
// tools, the loader and the class templates are loaded when needed: they are not part of the first load.
import type { StateCreator } from 'zustand';
import type { ScenarioSpec } from '../engine/index.ts';
import { isTerminal, type RequestState, type RequestUpdate, type RunSettingsInput } from '../runtime/index.ts';
import type { SweepKeeper, SweepParameter } from '../scenario/analysis/sweep.ts';
import { draftEdition, draftFromDocument, editorMetaOf, toDocument, type Draft } from './draft.ts';
import type { RequestsSlice } from './requests-slice.ts';
import type { ScenarioSlice } from './scenario-slice.ts';

/** Where a point is before the runtime knows it, or after it said no. */
export type SweepPointLocal = 'preparing' | 'refused' | 'stopped' | 'submitted';

export interface SweepPoint {
  value: number;
  id: string | null;
  local: SweepPointLocal;
  error: string | null;
  /**
   * The runtime answered with a request that was already live (the same scenario and settings
   * asked for elsewhere, e.g. the scenario on screen): cancelling the sweep must not stop it.
   */
  shared: boolean;
  /** The spec as canonical-enough text, to tell whether a later sweep asks for the same work. */
  specText: string | null;
  /** The request's last numbers, kept even after the request leaves the store (cleared from the queue). */
  kept: SweepNumbers | null;
}

export interface SweepNumbers {
  state: RequestState;
  /** Runs (out of `runs`) the party won, lost, in which a character died, in which one dropped to 0 HP. */
  victory: number;
  defeat: number;
  deaths: number;
  /** Null for results stored before the engine counted it. */
  down: number | null;
  runs: number;
  runsTarget: number;
  error: string | null;
  /** Answered from stored results without running. */
  fromStore: boolean;
}

export interface SweepRun {
  /** The scenario it was run on (its library id). */
  scenarioId: string;
  label: string;
  param: SweepParameter;
  points: SweepPoint[];
  /** The scenario it was run on, as text, to say so when the scenario has changed since. */
  baseText: string;
  /** What each point runs (the scenario's settings, capped). */
  settings: RunSettingsInput;
  /** Shown again from what this device kept (after a reload), not run in this visit. */
  restored: boolean;
}

export interface SweepSlice {
  sweep: SweepRun | null;
  /** A submission loop is running: a second sweep waits until it ends or is cancelled. */
  sweepBusy: boolean;
  /** Why the last sweep could not run, be kept, be shown again or be applied, in words. */
  sweepProblem: string | null;
  /** What the last "use this value" changed, in words. */
  sweepNote: string | null;
  /** Sweeps the scenario on screen over `values` of `param`; does nothing while a sweep is being submitted. */
  runSweep(param: SweepParameter, values: readonly number[]): Promise<void>;
  /**
   * Shows the last sweep kept for the scenario on screen, asking for its points again (the store
   * answers those it holds at once). Does nothing when that sweep is already shown, or none is kept.
   */
  restoreSweep(): Promise<void>;
  /** Sets the swept parameter of the scenario on screen to `value`, as one edit; false when it could not (sweepProblem says why). */
  applySweepPoint(value: number): Promise<boolean>;
  /** Stops submitting and cancels the sweep's unfinished requests that no other work shares. */
  cancelSweep(): void;
  /** Feeds runtime updates: each point takes its request's latest numbers. */
  sweepUpdate(update: RequestUpdate): void;
}

/** What the sweep reads of the rest of the store. */
type SweepNeeds = Pick<RequestsSlice, 'requestIds' | 'requests' | 'aggregates' | 'submit' | 'submitError' | 'cancel'>
  & Pick<ScenarioSlice, 'validSpec' | 'validation' | 'scenarioId' | 'draft' | 'runSettings' | 'scenarioRequestId' | 'edit'>;

type SweepModule = typeof import('../scenario/analysis/sweep.ts');
type LoaderModule = Pick<typeof import('../scenario/index.ts'), 'loadScenarioJson'>;

export interface SweepDeps {
  loadSweepModule?: () => Promise<SweepModule>;
  loadLoader?: () => Promise<LoaderModule>;
  /** Null when nothing can be kept on this device (storage blocked or absent). */
  keeper?: () => SweepKeeper | null;
}

// The sweep module's keptSweepKey, written here too so reading one entry needs no module load.
const keptKey = (scenarioId: string): string => `encounter-lab:sweep:${scenarioId}`;

function pageStorage(): SweepKeeper | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading localStorage itself throws where the browser blocks storage for the page.
    return null;
  }
}
type ClassesModule = typeof import('../scenario/content/classes/index.ts');
type ClassId = Parameters<ClassesModule['buildCharacter']>[0]['classId'];

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The point with its request's numbers as the store has them now; the same object when nothing changed. */
function withNumbers(p: SweepPoint, s: Pick<RequestsSlice, 'requests' | 'aggregates'>): SweepPoint {
  const snap = p.id ? s.requests[p.id] : undefined;
  if (!snap) return p;
  const agg = s.aggregates[p.id!] ?? null;
  const old = p.kept;
  const runs = agg?.runs ?? 0;
  if (old && old.state === snap.state && old.runs === runs && old.runsTarget === snap.runsTarget && old.error === snap.error && old.fromStore === snap.fromStore) return p;
  return {
    ...p,
    kept: {
      state: snap.state, victory: agg?.dayVictory ?? 0, defeat: agg?.dayDefeat ?? 0, deaths: agg?.anyDeathRuns ?? 0,
      down: agg ? agg.anyDownRuns ?? null : 0, runs, runsTarget: snap.runsTarget, error: snap.error, fromStore: snap.fromStore,
    },
  };
}

/** The draft with every member built from a class template built again at `level`, keeping its name and count. */
function draftAtLevel(draft: Draft, level: number, classes: ClassesModule): Draft {
  const party = draft.party.map((m) => {
    if (!m.template) return m;
    const built = classes.buildCharacter({ classId: m.template.classId as ClassId, level, options: m.template.options, edition: draftEdition(draft) });
    const { name, count } = m.creature;
    return { ...m, template: { ...m.template, level }, creature: { ...built.creature, name, ...(count !== undefined ? { count } : {}) } };
  });
  return { ...draft, party };
}

/**
 * The specs of the party at each level: each member built from a class template is built again at
 * that level, and the whole scenario goes through the loader so the members come out exactly as
 * the editor would have them.
 */
async function partyAtLevels(draft: Draft, levels: readonly number[], loadLoader: () => Promise<LoaderModule>): Promise<Map<number, ScenarioSpec | Error>> {
  const [classes, scenario] = await Promise.all([import('../scenario/content/classes/index.ts'), loadLoader()]);
  const out = new Map<number, ScenarioSpec | Error>();
  for (const level of levels) {
    try {
      out.set(level, scenario.loadScenarioJson(toDocument(draftAtLevel(draft, level, classes)), `the party at level ${level}`).spec);
    } catch (e) {
      out.set(level, e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
}

const newPoint = (value: number, local: SweepPointLocal, error: string | null = null, specText: string | null = null): SweepPoint =>
  ({ value, id: null, local, error, shared: false, specText, kept: null });

/** What a sweep runs on: the scenario (as the engine and as the editor hold it) and where its points are stored. */
interface SweepBase {
  scenarioId: string;
  spec: ScenarioSpec;
  draft: Draft;
}

/** Whether the draft's lists line up with the spec's, so a position in one is the same creature in the other. */
const sameShape = (draft: Draft, spec: ScenarioSpec): boolean => draft.party.length === spec.party.length
  && draft.encounters.length === spec.encounters.length
  && draft.encounters.every((e, i) => e.enemies.length === spec.encounters[i].enemies.length);

export const createSweepSlice = (deps: SweepDeps = {}): StateCreator<SweepSlice & SweepNeeds, [], [], SweepSlice> => (set, get) => {
  const loadSweepModule = deps.loadSweepModule ?? (() => import('../scenario/analysis/sweep.ts'));
  const loadLoader = deps.loadLoader ?? (() => import('../scenario/index.ts'));
  const keep = deps.keeper ?? pageStorage;
  // Each run has a number; a newer run or a cancel makes an unfinished submission loop stop where it is.
  let runToken = 0;

  /** Cancels the unfinished requests among `points`, except those other work shares or `askedAgain` holds. */
  function cancelPoints(points: readonly SweepPoint[], askedAgain: ReadonlySet<string> = new Set()): void {
    const state = get();
    for (const p of points) {
      if (!p.id || p.shared || p.id === state.scenarioRequestId) continue;
      if (p.specText !== null && askedAgain.has(p.specText)) continue;
      const snap = state.requests[p.id];
      // A request not mirrored yet (a follower tab's answer in flight) is cancelled too.
      if (!snap || !isTerminal(snap.state)) state.cancel(p.id);
    }
  }

  function updatePoint(i: number, update: Partial<SweepPoint>): void {
    set((s) => (s.sweep
      // Numbers now too: a point answered from stored results may send no further update.
      ? { sweep: { ...s.sweep, points: s.sweep.points.map((q, j) => (j === i ? withNumbers({ ...q, ...update }, s) : q)) } }
      : {}));
  }

  /**
   * Builds every point of a sweep and submits them one by one. Stops where it is when `token` is
   * no longer the newest run; the earlier sweep's unfinished work goes, unless asked for again.
   */
  async function submitPoints(
    token: number, tools: SweepModule, base: SweepBase, param: SweepParameter, values: readonly number[],
    settings: RunSettingsInput, restored: boolean,
  ): Promise<void> {
    const stopped = () => token !== runToken;
    const { spec, draft, scenarioId } = base;
    const earlier = get().sweep;
    const label = tools.parameterLabel(spec, param);
    const settingsText = JSON.stringify(settings);
    const header = { scenarioId, label, param, baseText: JSON.stringify(spec), settings, restored };

    // Every point's spec first: what cannot be built is said at its row, and a later sweep can
    // tell which of the earlier sweep's requests it asks for again.
    let levels: Map<number, ScenarioSpec | Error> | null = null;
    if (param.kind === 'party-level') {
      set({ sweep: { ...header, points: values.map((value) => newPoint(value, 'preparing')) } });
      try {
        levels = await partyAtLevels(draft, values, loadLoader);
      } catch (e) {
        if (!stopped()) {
          set({ sweepProblem: `The class templates could not be loaded, so the party level cannot be swept: ${message(e)}` });
          if (earlier) cancelPoints(earlier.points);
          set({ sweep: null, sweepBusy: false });
        }
        return;
      }
      if (stopped()) return;
    }
    const prepared = values.map((value) => {
      try {
        const atLevel = levels?.get(value);
        if (atLevel instanceof Error) throw atLevel;
        const next = tools.applySweep(spec, param, value, {
          rebuildPartyAtLevel: atLevel ? (i) => (draft.party[i]?.template ? atLevel.party[i] : null) : undefined,
        });
        return { value, spec: next, specText: JSON.stringify(next), error: null };
      } catch (e) {
        return { value, spec: null, specText: null, error: message(e) };
      }
    });

    // The earlier sweep's unfinished work goes, unless this sweep asks for exactly the same
    // (the runtime would hand back that request, and it must not be cancelled under us).
    if (earlier && JSON.stringify(earlier.settings) === settingsText) cancelPoints(earlier.points, new Set(prepared.flatMap((p) => (p.specText ? [p.specText] : []))));
    else if (earlier) cancelPoints(earlier.points);

    // Requests of the earlier sweep that this one asks for again are its own, not shared.
    const ownEarlier = new Set(earlier?.points.flatMap((p) => (p.id && !p.shared ? [p.id] : [])) ?? []);
    const points = prepared.map((p) => newPoint(p.value, p.error ? 'refused' : 'preparing', p.error, p.specText));
    set({ sweep: { ...header, points } });

    const name = draft.name;
    for (const [i, p] of prepared.entries()) {
      if (stopped()) break;
      if (!p.spec) continue;
      const before = get();
      const live = new Set(before.requestIds.filter((id) => !isTerminal(before.requests[id]?.state ?? 'completed')));
      const scenario = { id: tools.pointStorageId(scenarioId, param, p.value), name: `${name} · ${label} = ${p.value}`, spec: p.spec };
      const answer = before.submit(scenario, settings, 'normal', { focus: false });
      const id = typeof answer === 'string' || answer === null ? answer : await answer;
      const after = get();
      const update: Partial<SweepPoint> = id === null
        ? { local: 'refused', error: after.submitError ?? 'The simulation queue refused this point.' }
        : { id, local: 'submitted', shared: (live.has(id) && !ownEarlier.has(id)) || id === after.scenarioRequestId };
      // A point submitted after a cancel (the loop was awaiting) is cancelled straight away.
      if (stopped()) {
        if (id !== null) cancelPoints([{ ...points[i], ...update }]);
        break;
      }
      updatePoint(i, update);
    }
    if (!stopped()) set({ sweepBusy: false });
  }

  return {
    sweep: null,
    sweepBusy: false,
    sweepProblem: null,
    sweepNote: null,

    async runSweep(param, values) {
      const start = get();
      const { validSpec: spec, scenarioId, draft } = start;
      if (start.sweepBusy || !spec || !scenarioId || start.validation.state !== 'ok' || values.length === 0) return;
      const token = ++runToken;
      set({ sweepBusy: true, sweepProblem: null, sweepNote: null });
      const stopped = () => token !== runToken;

      let tools: SweepModule;
      try {
        tools = await loadSweepModule();
      } catch (e) {
        if (!stopped()) set({ sweepProblem: `The sweep could not be prepared: ${message(e)}`, sweepBusy: false });
        return;
      }
      if (stopped()) return;
      if (!draft) {
        set({ sweepProblem: 'The scenario has no party or day to sweep.', sweepBusy: false });
        return;
      }
      const settings = tools.sweepRunSettings(start.runSettings);
      const keeper = keep();
      const problem = keeper && tools.keepSweep(keeper, {
        format: 'encounter-lab/sweep', version: 1, scenarioId, savedAt: Date.now(), param, values: [...values], settings,
        scenario: toDocument(draft), editor: editorMetaOf(draft),
      });
      if (problem) set({ sweepProblem: problem });
      await submitPoints(token, tools, { scenarioId, spec, draft }, param, values, settings, false);
    },

    async restoreSweep() {
      const start = get();
      const { scenarioId } = start;
      if (!scenarioId || start.sweepBusy || start.sweep?.scenarioId === scenarioId) return;
      const store = keep();
      let text: string | null = null;
      try {
        text = store?.getItem(keptKey(scenarioId)) ?? null;
      } catch (e) {
        set({ sweepProblem: `The last sweep of this scenario could not be read from this device: ${message(e)}` });
        return;
      }
      if (text === null) return;
      const token = ++runToken;
      set({ sweepBusy: true, sweepProblem: null, sweepNote: null });
      const stopped = () => token !== runToken || get().scenarioId !== scenarioId;
      let tools: SweepModule;
      let loader: LoaderModule;
      try {
        [tools, loader] = await Promise.all([loadSweepModule(), loadLoader()]);
      } catch (e) {
        if (token === runToken) set({ sweepBusy: false, sweepProblem: `The last sweep of this scenario could not be shown: ${message(e)}` });
        return;
      }
      if (stopped()) {
        if (token === runToken) set({ sweepBusy: false });
        return;
      }
      const unreadable = (why: string) => {
        // Read once, said once: the damaged entry is dropped, and the next sweep is kept in its place.
        if (store) tools.forgetSweep(store, scenarioId);
        set({ sweepBusy: false, sweepProblem: `The last sweep of this scenario could not be read back (${why}), so it is not shown. Run the sweep again to see it.` });
      };
      const read = tools.readKeptSweep(text, scenarioId);
      if (!read.ok) {
        unreadable(read.problem);
        return;
      }
      const kept = read.sweep;
      let base: SweepBase;
      try {
        const loaded = loader.loadScenarioJson(kept.scenario, 'the scenario of the last sweep');
        const draft = draftFromDocument(
          { name: loaded.name, party: loaded.spec.party, encounters: loaded.spec.encounters, rules: loaded.spec.rules }, kept.editor,
        );
        base = { scenarioId, spec: loaded.spec, draft };
        // A parameter that names no creature of that scenario is damage too.
        tools.parameterBounds(loaded.spec, kept.param);
      } catch (e) {
        unreadable(message(e));
        return;
      }
      await submitPoints(token, tools, base, kept.param, kept.values, tools.sweepRunSettings(kept.settings), true);
    },

    async applySweepPoint(value) {
      const start = get();
      const { sweep, draft, validSpec } = start;
      if (!sweep || !draft || !validSpec) return false;
      set({ sweepProblem: null, sweepNote: null });
      const fail = (why: string): false => {
        set({ sweepProblem: `${sweep.label} could not be set to ${value}: ${why}` });
        return false;
      };
      if (start.validation.state === 'invalid') return fail('the scenario has a problem to fix first.');
      if (!sameShape(draft, validSpec)) return fail('the scenario is being edited; try again once the edit is checked.');
      let tools: SweepModule;
      try {
        tools = await loadSweepModule();
      } catch (e) {
        return fail(message(e));
      }
      const param = sweep.param;
      let label: string;
      let unchanged: boolean;
      try {
        label = tools.parameterLabel(validSpec, param);
        // The same checks as a sweep point, with the same words (bounds, the enemies per side).
        const applied = tools.applySweep(validSpec, param, value, { rebuildPartyAtLevel: () => null });
        // A rebuilt party cannot be told apart here, so a party level is always set again.
        unchanged = param.kind !== 'party-level' && JSON.stringify(applied) === JSON.stringify(validSpec);
      } catch (e) {
        return fail(e instanceof tools.SweepError ? message(e) : `the scenario no longer has it (${message(e)}).`);
      }
      if (label !== sweep.label) return fail(`the scenario has changed since the sweep, and ${label} is what is there now.`);
      const levels = draft.party.map((m) => m.template?.level ?? null);
      const was = tools.currentValue(validSpec, param, levels);
      if (unchanged) {
        set({ sweepNote: `The scenario already uses ${label} ${value}.` });
        return true;
      }

      let next: Draft;
      try {
        if (param.kind === 'party-level') {
          if (!levels.some((l) => l !== null)) return fail('no member of the party is built from a class template.');
          next = draftAtLevel(draft, value, await import('../scenario/content/classes/index.ts'));
        } else {
          next = tools.applySweepToEditor(draft, param, value);
        }
      } catch (e) {
        return fail(message(e));
      }
      // The class templates load asynchronously: an edit made meanwhile is not overwritten.
      if (get().draft !== draft) return fail('the scenario changed while the value was being set; try again.');
      get().edit((d) => (d === draft ? next : d));
      set({ sweepNote: `The scenario now uses ${label} ${value}${was !== null && was !== value ? ` (it was ${was})` : ''}; its answer is on the way. Undo puts it back.` });
      return true;
    },

    cancelSweep() {
      const { sweep } = get();
      if (!sweep) return;
      runToken++;
      cancelPoints(sweep.points);
      set({ sweepBusy: false, sweep: { ...sweep, points: sweep.points.map((p) => (p.local === 'preparing' ? { ...p, local: 'stopped' } : p)) } });
    },

    sweepUpdate(u) {
      const { sweep } = get();
      if (!sweep || !sweep.points.some((p) => p.id === u.requestId)) return;
      const state = get();
      const points = sweep.points.map((p) => withNumbers(p, state));
      if (points.some((p, i) => p !== sweep.points[i])) set({ sweep: { ...sweep, points } });
    },
  };
};
