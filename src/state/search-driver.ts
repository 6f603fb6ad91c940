// The search driver: the search slice's work, loaded with the first search (or the first kept
// search to show), so the first page load does not carry it. See search-slice.ts for what it does.
import type { StoreApi } from 'zustand';
import type { Aggregate, ScenarioSpec } from '../engine/index.ts';
import { answerFinal, isTerminal, type RequestSnapshot } from '../runtime/index.ts';
import type { SearchProgress } from '../scenario/analysis/search.ts';
import { draftFromDocument, editorMetaOf, toDocument, type Draft } from './draft.ts';
import {
  evaluationStorageId, keptSearchKey, pageStorage, SEARCH_MACHINES,
  type AnyMachine, type KeptSearch, type SearchActions, type SearchDeps, type SearchNeeds, type SearchRun, type SearchStatus, type SearchStore,
} from './search-slice.ts';

type LoaderModule = Pick<typeof import('../scenario/index.ts'), 'loadScenarioJson'>;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const NO_PROGRESS: SearchProgress = { tried: 0, inBand: null, evaluations: 0, runsDone: 0, runsLeft: null, words: 'Nothing tried yet' };

/**
 * Resolves with the request's snapshot and aggregate once it is finished or its answer is final (every
 * run merged, the result still being stored: the next evaluation need not wait for the write), or
 * null when `abandon` is called first.
 */
function whenFinished(api: StoreApi<SearchNeeds>, id: string): { done: Promise<{ snap: RequestSnapshot; agg: Aggregate | null } | null>; abandon: () => void } {
  let abandon = () => {};
  const done = new Promise<{ snap: RequestSnapshot; agg: Aggregate | null } | null>((resolve) => {
    const check = (s: SearchNeeds) => {
      const snap = s.requests[id];
      const agg = s.aggregates[id] ?? null;
      if (!snap || !(isTerminal(snap.state) || (answerFinal(snap) && agg))) return false;
      resolve({ snap, agg });
      return true;
    };
    if (check(api.getState())) return;
    const unsubscribe = api.subscribe((s) => {
      if (check(s)) unsubscribe();
    });
    abandon = () => {
      unsubscribe();
      resolve(null);
    };
  });
  return { done, abandon };
}

export function createSearchDriver(api: StoreApi<SearchStore>, deps: SearchDeps = {}): SearchActions {
  const set = api.setState;
  const get = api.getState;
  const machines = deps.machines ?? SEARCH_MACHINES;
  const loadLoader = deps.loadLoader ?? (() => import('../scenario/index.ts'));
  const keep = deps.keeper ?? pageStorage;
  const now = deps.now ?? (() => Date.now());
  /** Per kind: the newest drive loop's number (an older loop stops), and how to stop its wait. */
  const tokens: Record<string, number> = {};
  const waits: Record<string, () => void> = {};
  /** Per kind: what the loop runs on, kept in memory (the spec is not part of the store's state). */
  const bases: Record<string, { spec: ScenarioSpec; draft: Draft; machine: AnyMachine }> = {};

  const patch = (kind: string, change: Partial<SearchRun>) =>
    set((s) => (s.searches[kind] ? { searches: { ...s.searches, [kind]: { ...s.searches[kind], ...change } } } : {}));

  /** Writes the checkpoint; a problem in words, or null. */
  function checkpoint(run: SearchRun): string | null {
    const base = bases[run.kind];
    const keeper = keep();
    if (!keeper || !base) return null;
    const kept: KeptSearch = {
      format: 'encounter-lab/search', version: 1, kind: run.kind, scenarioId: run.scenarioId, savedAt: now(),
      // A paused search comes back stopped: its request does not outlive the page for sure.
      status: run.status === 'paused' ? 'stopped' : run.status,
      scenario: toDocument(base.draft), editor: editorMetaOf(base.draft), state: run.state,
    };
    try {
      keeper.setItem(keptSearchKey(run.kind, run.scenarioId), JSON.stringify(kept));
      return null;
    } catch (e) {
      return `The search could not be kept on this device (${message(e)}); it goes on, but a reload would start it again.`;
    }
  }

  /** Runs evaluations until the search is answered, fails, or is paused, stopped or replaced. */
  async function drive(kind: string): Promise<void> {
    const token = (tokens[kind] = (tokens[kind] ?? 0) + 1);
    const live = () => tokens[kind] === token && get().searches[kind]?.status === 'running';
    let startedAt = now();
    const clock = () => {
      const t = now();
      const spent = t - startedAt;
      startedAt = t;
      return spent;
    };
    while (live()) {
      const base = bases[kind];
      const run = get().searches[kind];
      let evaluation;
      try {
        evaluation = base.machine.next(base.spec, run.state);
      } catch (e) {
        patch(kind, { status: 'failed', problem: `The search cannot go on: ${message(e)}`, current: null, elapsedMs: run.elapsedMs + clock() });
        checkpoint(get().searches[kind]);
        return;
      }
      if (!evaluation) {
        patch(kind, { status: 'done', current: null, elapsedMs: run.elapsedMs + clock(), progress: base.machine.progress(run.state) });
        const problem = checkpoint(get().searches[kind]);
        if (problem) patch(kind, { problem });
        return;
      }
      const scenario = {
        id: evaluationStorageId(run.scenarioId, kind, evaluation.key),
        name: `${get().draft?.name ?? 'Scenario'} · ${evaluation.label}`,
        spec: evaluation.spec,
      };
      const liveBefore = new Set(Object.values(get().requests).filter((r) => !isTerminal(r.state)).map((r) => r.id));
      // Searches never show the representative replays: each evaluation skips them.
      const settings = { seed: evaluation.seed, runs: evaluation.runs, replays: false, ...(evaluation.runOutcomes && { runOutcomes: true }) };
      const answer = get().submit(scenario, settings, 'low', { focus: false });
      const id = typeof answer === 'string' || answer === null ? answer : await answer;
      if (tokens[kind] !== token) {
        // Stopped or replaced while the submission was in flight: the request is not ours to keep.
        if (id !== null && !liveBefore.has(id)) get().cancel(id);
        return;
      }
      if (id === null) {
        patch(kind, { status: 'failed', problem: get().submitError ?? 'The simulation queue refused an evaluation.', current: null, elapsedMs: run.elapsedMs + clock() });
        return;
      }
      const shared = liveBefore.has(id) || id === get().scenarioRequestId;
      patch(kind, { current: { key: evaluation.key, label: evaluation.label, runs: evaluation.runs, id, shared }, asked: run.asked + 1 });
      // A request this search paused before a reload comes back paused: it is continued.
      const snap = get().requests[id];
      if (snap?.state === 'paused' && snap.pausedBy === 'user' && get().searches[kind]?.status === 'running') get().resume(id);
      const wait = whenFinished(api as unknown as StoreApi<SearchNeeds>, id);
      waits[kind] = wait.abandon;
      const finished = await wait.done;
      if (tokens[kind] !== token || !finished) return;
      const latest = get().searches[kind];
      if (!answerFinal(finished.snap) || !finished.agg) {
        // A cancel by the DM (a stop) has already said so; anything else is a failure to name.
        if (latest.status !== 'running') return;
        const why = finished.snap.error ?? (finished.snap.state === 'cancelled' ? 'its evaluation was cancelled in the queue' : 'no result came back');
        patch(kind, { status: 'stopped', problem: `The search stopped at ${evaluation.label}: ${why}. Continue to ask again.`, current: null, elapsedMs: latest.elapsedMs + clock() });
        return;
      }
      let state: unknown;
      try {
        state = base.machine.record(latest.state, evaluation, finished.agg);
      } catch (e) {
        patch(kind, { status: 'failed', problem: `The search cannot use the result of ${evaluation.label}: ${message(e)}`, current: null });
        return;
      }
      const fromStore = finished.snap.fromStore;
      patch(kind, {
        state, current: null, progress: base.machine.progress(state),
        fromStore: latest.fromStore + (fromStore ? 1 : 0),
        runsSimulated: latest.runsSimulated + (fromStore ? 0 : evaluation.runs),
        simulatedMs: latest.simulatedMs + (fromStore ? 0 : finished.snap.activeMs),
        elapsedMs: latest.elapsedMs + clock(),
      });
      const problem = checkpoint(get().searches[kind]);
      if (problem) patch(kind, { problem });
    }
  }

  /** Stops the loop of `kind` and cancels its waiting request, unless other work shares it. */
  function halt(kind: string): void {
    tokens[kind] = (tokens[kind] ?? 0) + 1;
    if (!get().searches[kind]) return;
    const run = get().searches[kind];
    waits[kind]?.();
    delete waits[kind];
    const current = run?.current;
    if (current?.id && !current.shared && current.id !== get().scenarioRequestId) {
      const snap = get().requests[current.id];
      if (!snap || !isTerminal(snap.state)) get().cancel(current.id);
    }
  }

  function fresh(kind: string, scenarioId: string, baseText: string, state: unknown, progress: SearchProgress, restored: boolean): SearchRun {
    return {
      kind, scenarioId, baseText, state, status: 'running', problem: null, current: null, progress,
      asked: 0, fromStore: 0, runsSimulated: 0, simulatedMs: 0, elapsedMs: 0, restored, resumedAt: progress.tried, resumedEvaluations: progress.evaluations,
    };
  }

  /** Shows a search that cannot run, with the reason in words. */
  function failed(kind: string, scenarioId: string, problem: string, restored: boolean): void {
    set((s) => ({ searches: { ...s.searches, [kind]: { ...fresh(kind, scenarioId, '', null, NO_PROGRESS, restored), status: 'failed', problem } } }));
  }

  return {

    async startSearch(kind, query) {
      const start = get();
      const { validSpec: spec, scenarioId, draft } = start;
      const load = machines[kind];
      if (!load) throw new Error(`No search is called "${kind}".`);
      if (!spec || !scenarioId || !draft || start.validation.state !== 'ok') return;
      halt(kind);
      const placeholder: SearchRun = { ...fresh(kind, scenarioId, JSON.stringify(spec), null, NO_PROGRESS, false), status: 'preparing' };
      set((s) => ({ searches: { ...s.searches, [kind]: placeholder } }));
      const token = tokens[kind];
      let machine: AnyMachine;
      let state: unknown;
      try {
        machine = await load();
        state = machine.start(spec, query);
      } catch (e) {
        if (tokens[kind] === token) patch(kind, { status: 'failed', problem: message(e) });
        return;
      }
      if (tokens[kind] !== token) return;
      bases[kind] = { spec, draft, machine };
      set((s) => ({ searches: { ...s.searches, [kind]: fresh(kind, scenarioId, JSON.stringify(spec), state, machine.progress(state), false) } }));
      const problem = checkpoint(get().searches[kind]);
      if (problem) patch(kind, { problem });
      await drive(kind);
    },

    pauseSearch(kind) {
      const run = get().searches[kind];
      if (!run || run.status !== 'running') return;
      patch(kind, { status: 'paused' });
      if (run.current?.id && !run.current.shared) get().pause(run.current.id);
    },

    async resumeSearch(kind) {
      const run = get().searches[kind];
      if (!run || !bases[kind] || (run.status !== 'paused' && run.status !== 'stopped')) return;
      if (run.status === 'paused' && run.current?.id && waits[kind]) {
        // The loop is still waiting for this request: continuing it is enough.
        patch(kind, { status: 'running' });
        get().resume(run.current.id);
        return;
      }
      patch(kind, { status: 'running', problem: null });
      await drive(kind);
    },

    stopSearch(kind) {
      const run = get().searches[kind];
      if (!run || (run.status !== 'running' && run.status !== 'paused' && run.status !== 'preparing')) return;
      halt(kind);
      patch(kind, { status: 'stopped', current: null });
      checkpoint(get().searches[kind]);
    },

    clearSearch(kind) {
      const run = get().searches[kind];
      if (!run) return;
      halt(kind);
      try {
        keep()?.removeItem(keptSearchKey(kind, run.scenarioId));
      } catch {
        // Nothing kept, or storage blocked: nothing to forget.
      }
      delete bases[kind];
      set((s) => {
        const { [kind]: _gone, ...searches } = s.searches;
        return { searches };
      });
    },

    async restoreSearches() {
      const { scenarioId } = get();
      const keeper = keep();
      if (!scenarioId || !keeper) return;
      for (const kind of Object.keys(machines)) {
        const shown = get().searches[kind];
        if (shown?.scenarioId === scenarioId) continue;
        let text: string | null;
        try {
          text = keeper.getItem(keptSearchKey(kind, scenarioId));
        } catch {
          continue;
        }
        if (text === null) continue;
        // A search of another scenario stops here; its checkpoint brings it back with that scenario.
        if (shown) {
          halt(kind);
          set((s) => {
            const { [kind]: _gone, ...searches } = s.searches;
            return { searches };
          });
        }
        const unreadable = (why: string) => {
          try {
            keeper.removeItem(keptSearchKey(kind, scenarioId));
          } catch {
            // Already unreadable; nothing more to do.
          }
          failed(kind, scenarioId, `The search kept on this device could not be read back (${why}), so it was dropped. Start it again.`, true);
        };
        let machine: AnyMachine;
        let loader: LoaderModule;
        try {
          [machine, loader] = await Promise.all([machines[kind](), loadLoader()]);
        } catch (e) {
          // Kept for the next visit: the code failed to load, not the checkpoint.
          failed(kind, scenarioId, `The search kept on this device could not be shown: ${message(e)}`, true);
          continue;
        }
        if (get().scenarioId !== scenarioId) return;
        let kept: Partial<KeptSearch>;
        try {
          kept = JSON.parse(text) as Partial<KeptSearch>;
        } catch {
          unreadable('it is not JSON');
          continue;
        }
        if (kept?.format !== 'encounter-lab/search' || kept.version !== 1 || kept.kind !== kind || kept.scenarioId !== scenarioId || typeof kept.scenario !== 'object' || kept.scenario === null) {
          unreadable('it is not a search of this scenario that this version can read');
          continue;
        }
        let spec: ScenarioSpec;
        let draft: Draft;
        try {
          const loaded = loader.loadScenarioJson(kept.scenario, 'the scenario of the kept search');
          spec = loaded.spec;
          draft = draftFromDocument({ name: loaded.name, party: loaded.spec.party, encounters: loaded.spec.encounters, rules: loaded.spec.rules }, kept.editor);
        } catch (e) {
          unreadable(message(e));
          continue;
        }
        const revived = machine.revive(kept.state, spec);
        if (!revived.ok) {
          unreadable(revived.problem);
          continue;
        }
        bases[kind] = { spec, draft, machine };
        const status: SearchStatus = kept.status === 'running' ? 'running' : kept.status === 'done' ? 'done' : 'stopped';
        set((s) => ({ searches: { ...s.searches, [kind]: { ...fresh(kind, scenarioId, JSON.stringify(spec), revived.state, machine.progress(revived.state), true), status } } }));
        if (status === 'running') void drive(kind);
      }
    },

    async applyEnemyCount(encounter, enemy, count) {
      const { draft, validSpec, validation } = get();
      if (!draft || !validSpec) return 'there is no scenario open.';
      if (validation.state !== 'ok') return 'the scenario has a problem to fix first, or an edit is still being checked.';
      const target = draft.encounters[encounter]?.enemies[enemy];
      const was = validSpec.encounters[encounter]?.enemies[enemy];
      if (!target || !was || String(target.creature.name ?? '') !== was.name) return 'that enemy is no longer in the encounter.';
      let next: Draft;
      try {
        const tools = await import('../scenario/analysis/sweep.ts');
        const param = { kind: 'monster-count', encounter, enemy } as const;
        tools.applySweep(validSpec, param, count);
        next = tools.applySweepToEditor(draft, param, count);
      } catch (e) {
        return message(e);
      }
      if (get().draft !== draft) return 'the scenario changed meanwhile; try again.';
      if ((was.count ?? 1) === count) return null;
      get().edit((d) => (d === draft ? next : d));
      return null;
    },
  };
}
