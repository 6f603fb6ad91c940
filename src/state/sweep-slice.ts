// The sweep slice: one parameter of the scenario on screen varied over a range, each value a request
// of its own at Normal priority (edits are Critical, so the scenario on screen is still answered
// first). Points are submitted without taking the focus, so the answer on screen stays the
// scenario's. Each point keeps its request's last numbers, so a finished point still shows after
// its request is cleared from the queue. A newer sweep or a cancel stops an unfinished submission
// loop where it is, and cancels the earlier sweep's requests except those other work shares. The
// sweep tools and class templates are loaded when a sweep runs: they are not part of the first load.
import type { StateCreator } from 'zustand';
import type { ScenarioSpec } from '../engine/index.ts';
import { isTerminal, type RequestState, type RequestUpdate, type RunSettingsInput } from '../runtime/index.ts';
import type { SweepParameter } from '../scenario/analysis/sweep.ts';
import { draftEdition, toDocument, type Draft } from './draft.ts';
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
  victory: number;
  defeat: number;
  runs: number;
  runsTarget: number;
  error: string | null;
}

export interface SweepRun {
  label: string;
  param: SweepParameter;
  points: SweepPoint[];
  /** The scenario it was run on, as text, to say so when the scenario has changed since. */
  baseText: string;
  /** What each point runs (the scenario's settings, capped). */
  settings: RunSettingsInput;
}

export interface SweepSlice {
  sweep: SweepRun | null;
  /** A submission loop is running: a second sweep waits until it ends or is cancelled. */
  sweepBusy: boolean;
  /** Why the last sweep could not run at all, in words. */
  sweepProblem: string | null;
  /** Sweeps the scenario on screen over `values` of `param`; does nothing while a sweep is being submitted. */
  runSweep(param: SweepParameter, values: readonly number[]): Promise<void>;
  /** Stops submitting and cancels the sweep's unfinished requests that no other work shares. */
  cancelSweep(): void;
  /** Feeds runtime updates: each point takes its request's latest numbers. */
  sweepUpdate(update: RequestUpdate): void;
}

/** What the sweep reads of the rest of the store. */
type SweepNeeds = Pick<RequestsSlice, 'requestIds' | 'requests' | 'aggregates' | 'submit' | 'submitError' | 'cancel'>
  & Pick<ScenarioSlice, 'validSpec' | 'validation' | 'scenarioId' | 'draft' | 'runSettings' | 'scenarioRequestId'>;

type SweepModule = typeof import('../scenario/analysis/sweep.ts');
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
  if (old && old.state === snap.state && old.runs === runs && old.runsTarget === snap.runsTarget && old.error === snap.error) return p;
  return {
    ...p,
    kept: { state: snap.state, victory: agg?.dayVictory ?? 0, defeat: agg?.dayDefeat ?? 0, runs, runsTarget: snap.runsTarget, error: snap.error },
  };
}

/**
 * The specs of the party at each level: each member built from a class template is built again at
 * that level (keeping its name and count), and the whole scenario goes through the loader so the
 * members come out exactly as the editor would have them.
 */
async function partyAtLevels(draft: Draft, levels: readonly number[]): Promise<Map<number, ScenarioSpec | Error>> {
  const [classes, scenario] = await Promise.all([import('../scenario/content/classes/index.ts'), import('../scenario/index.ts')]);
  const out = new Map<number, ScenarioSpec | Error>();
  for (const level of levels) {
    try {
      const party = draft.party.map((m) => {
        if (!m.template) return m;
        const built = classes.buildCharacter({ classId: m.template.classId as ClassId, level, options: m.template.options, edition: draftEdition(draft) });
        const { name, count } = m.creature;
        return { ...m, creature: { ...built.creature, name, ...(count !== undefined ? { count } : {}) } };
      });
      out.set(level, scenario.loadScenarioJson(toDocument({ ...draft, party }), `the party at level ${level}`).spec);
    } catch (e) {
      out.set(level, e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
}

const newPoint = (value: number, local: SweepPointLocal, error: string | null = null, specText: string | null = null): SweepPoint =>
  ({ value, id: null, local, error, shared: false, specText, kept: null });

export const createSweepSlice = (
  loadSweepModule: () => Promise<SweepModule> = () => import('../scenario/analysis/sweep.ts'),
): StateCreator<SweepSlice & SweepNeeds, [], [], SweepSlice> => (set, get) => {
  // Each run has a number; a newer run or a cancel makes an unfinished submission loop stop where it is.
  let runToken = 0;

  /** Cancels the unfinished requests among `points`, except those other work shares or `keep` asks for again. */
  function cancelPoints(points: readonly SweepPoint[], keep: ReadonlySet<string> = new Set()): void {
    const state = get();
    for (const p of points) {
      if (!p.id || p.shared || p.id === state.scenarioRequestId) continue;
      if (p.specText !== null && keep.has(p.specText)) continue;
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

  return {
    sweep: null,
    sweepBusy: false,
    sweepProblem: null,

    async runSweep(param, values) {
      const start = get();
      const { validSpec: spec, scenarioId, draft } = start;
      if (start.sweepBusy || !spec || !scenarioId || start.validation.state !== 'ok' || values.length === 0) return;
      const token = ++runToken;
      const earlier = start.sweep;
      set({ sweepBusy: true, sweepProblem: null });
      const stopped = () => token !== runToken;

      let tools: SweepModule;
      try {
        tools = await loadSweepModule();
      } catch (e) {
        if (!stopped()) set({ sweepProblem: `The sweep could not be prepared: ${message(e)}`, sweepBusy: false });
        return;
      }
      if (stopped()) return;
      const label = tools.parameterLabel(spec, param);
      const settings = tools.sweepRunSettings(start.runSettings);
      const settingsText = JSON.stringify(settings);
      const header = { label, param, baseText: JSON.stringify(spec), settings };

      // Every point's spec first: what cannot be built is said at its row, and a later sweep can
      // tell which of the earlier sweep's requests it asks for again.
      let levels: Map<number, ScenarioSpec | Error> | null = null;
      if (param.kind === 'party-level') {
        set({ sweep: { ...header, points: values.map((value) => newPoint(value, 'preparing')) } });
        try {
          if (!draft) throw new Error('the scenario has no party');
          levels = await partyAtLevels(draft, values);
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
            rebuildPartyAtLevel: atLevel && draft ? (i) => (draft.party[i]?.template ? atLevel.party[i] : null) : undefined,
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

      const name = draft?.name ?? 'Scenario';
      for (const [i, p] of prepared.entries()) {
        if (stopped()) break;
        if (!p.spec) continue;
        const before = get();
        const live = new Set(before.requestIds.filter((id) => !isTerminal(before.requests[id]?.state ?? 'completed')));
        const answer = before.submit({ id: `${scenarioId}~sweep`, name: `${name} · ${label} = ${p.value}`, spec: p.spec }, settings, 'normal', { focus: false });
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
