// The requests slice: a mirror of the runtime's requests (snapshots and the merged aggregate so
// far), fed by runtime updates. Ids, snapshots and aggregates live in separate maps so a progress
// tick replaces one request's entries and nothing else: a component that selects the id list or
// another request's state does not re-render.
//
// Memory stays bounded over a long session: beyond FINISHED_REQUESTS_KEPT finished requests, the
// oldest are forgotten (their results stay in storage), except what a screen shows: the focused
// request and the one answering the scenario on screen stay as long as they are shown.
import type { StateCreator } from 'zustand';
import type { Aggregate } from '../engine/index.ts';
import {
  isTerminal, type Priority, type RequestSnapshot, type RequestUpdate, type RunSettingsInput, type RuntimeFacade, type SubmittedScenario,
} from '../runtime/index.ts';

/** Finished requests kept in the store (besides those on screen); the runtime keeps as many. */
export const FINISHED_REQUESTS_KEPT = 20;

export interface RequestsSlice {
  /** Request ids in submission order. */
  requestIds: string[];
  requests: Record<string, RequestSnapshot>;
  aggregates: Record<string, Aggregate | null>;
  /** The request whose answer is on screen. */
  focusedRequestId: string | null;
  /** Why the last submit was refused, in words for the user; null when it was accepted. */
  submitError: string | null;
  /**
   * The request id, or null when refused; in a follower tab the leader answers, so a promise of it.
   * The request takes the focus unless `focus` is false (work in the background, like a sweep's points).
   */
  submit(scenario: SubmittedScenario, settings: RunSettingsInput, priority: Priority, options?: { focus?: boolean }): string | Promise<string | null> | null;
  cancel(id: string): void;
  pause(id: string): void;
  resume(id: string): void;
  setPriority(id: string, priority: Priority): void;
  focus(id: string | null): void;
  applyUpdate(update: RequestUpdate): void;
}

/** The requests slice also reads which request answers the scenario on screen (the scenario slice's). */
type WithShown = RequestsSlice & { scenarioRequestId?: string | null };

type Entries = Pick<RequestsSlice, 'requestIds' | 'requests' | 'aggregates'>;

/**
 * The entries without the oldest finished requests beyond `keep`; a request in `shown` is never
 * dropped. The same object when nothing is dropped.
 */
export function trimFinished<E extends Entries>(entries: E, keep: number, shown: ReadonlyArray<string | null | undefined>): E {
  let finished = 0;
  for (const id of entries.requestIds) if (isTerminal(entries.requests[id]?.state ?? 'completed')) finished++;
  let excess = finished - keep;
  if (excess <= 0) return entries;
  const dropped = new Set<string>();
  for (const id of entries.requestIds) {
    if (excess === 0) break;
    if (!isTerminal(entries.requests[id]?.state ?? 'completed') || shown.includes(id)) continue;
    dropped.add(id);
    excess--;
  }
  if (dropped.size === 0) return entries;
  const requests = { ...entries.requests };
  const aggregates = { ...entries.aggregates };
  for (const id of dropped) {
    delete requests[id];
    delete aggregates[id];
  }
  return { ...entries, requestIds: entries.requestIds.filter((id) => !dropped.has(id)), requests, aggregates };
}

export const createRequestsSlice = (
  runtime: RuntimeFacade, limits: { keepFinished?: number } = {},
): StateCreator<WithShown, [], [], RequestsSlice> => (set) => ({
  requestIds: [],
  requests: {},
  aggregates: {},
  focusedRequestId: null,
  submitError: null,

  submit(scenario, settings, priority, options = {}) {
    const focus = options.focus ?? true;
    const refused = (e: unknown) => {
      set({ submitError: e instanceof Error ? e.message : String(e) });
      return null;
    };
    try {
      const id = runtime.submit(scenario, settings, priority);
      if (typeof id === 'string') {
        set(focus ? { focusedRequestId: id, submitError: null } : { submitError: null });
        return id;
      }
      set({ submitError: null });
      return id.then((answered) => {
        if (focus) set({ focusedRequestId: answered });
        return answered;
      }, refused);
    } catch (e) {
      return refused(e);
    }
  },
  cancel: (id) => void runtime.cancel(id),
  pause: (id) => void runtime.pause(id),
  resume: (id) => void runtime.resume(id),
  setPriority: (id, priority) => void runtime.setPriority(id, priority),
  focus: (id) => set({ focusedRequestId: id }),

  applyUpdate(u) {
    set((s) => {
      const shown = [s.focusedRequestId, s.scenarioRequestId];
      if (u.type === 'removed') {
        const entry = s.requests[u.requestId];
        if (!entry) return {};
        // A finished answer on screen stays while it is shown; trimming drops it afterwards.
        if (isTerminal(entry.state) && shown.includes(u.requestId)) return {};
        const { [u.requestId]: _gone, ...requests } = s.requests;
        const { [u.requestId]: _agg, ...aggregates } = s.aggregates;
        return {
          requests, aggregates,
          requestIds: s.requestIds.filter((id) => id !== u.requestId),
          focusedRequestId: s.focusedRequestId === u.requestId ? null : s.focusedRequestId,
        };
      }
      const known = u.requestId in s.requests;
      const changedAggregate = s.aggregates[u.requestId] !== u.aggregate;
      const next: Entries = {
        requests: { ...s.requests, [u.requestId]: u.snapshot },
        aggregates: changedAggregate ? { ...s.aggregates, [u.requestId]: u.aggregate } : s.aggregates,
        requestIds: known ? s.requestIds : [...s.requestIds, u.requestId],
      };
      // Only a request that has just finished can take the count past the bound.
      return isTerminal(u.snapshot.state) ? trimFinished(next, limits.keepFinished ?? FINISHED_REQUESTS_KEPT, shown) : next;
    });
  },
});
