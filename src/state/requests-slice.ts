// The requests slice: a mirror of the runtime's requests (snapshots and the merged aggregate so
// far), fed by runtime updates. Ids, snapshots and aggregates live in separate maps so a progress
// tick replaces one request's entries and nothing else: a component that selects the id list or
// another request's state does not re-render.
import type { StateCreator } from 'zustand';
import type { Aggregate } from '../engine/index.ts';
import type { Priority, RequestSnapshot, RequestUpdate, RunSettingsInput, RuntimeFacade, SubmittedScenario } from '../runtime/index.ts';

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

export const createRequestsSlice = (runtime: RuntimeFacade): StateCreator<RequestsSlice, [], [], RequestsSlice> => (set) => ({
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
      if (u.type === 'removed') {
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
      return {
        requests: { ...s.requests, [u.requestId]: u.snapshot },
        ...(changedAggregate ? { aggregates: { ...s.aggregates, [u.requestId]: u.aggregate } } : {}),
        ...(known ? {} : { requestIds: [...s.requestIds, u.requestId] }),
      };
    });
  },
});
