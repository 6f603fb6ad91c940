// The runtime slice: how the runtime runs (shared memory or messages, how many workers) and its
// statistics, refreshed when a request changes state or reports progress.
import type { StateCreator } from 'zustand';
import type { ControlMode, RuntimeFacade, RuntimeStats } from '../runtime/index.ts';

export interface RuntimeSlice {
  runtimeMode: ControlMode;
  workerCount: number;
  runtimeStats: RuntimeStats;
  refreshStats(): void;
}

export const createRuntimeSlice = (runtime: RuntimeFacade): StateCreator<RuntimeSlice, [], [], RuntimeSlice> => (set, get) => ({
  runtimeMode: runtime.mode,
  workerCount: runtime.workerCount,
  runtimeStats: runtime.stats(),
  refreshStats() {
    const next = runtime.stats();
    const prev = get().runtimeStats;
    // Only a real change replaces the object, so selectors of it stay quiet otherwise.
    if (JSON.stringify(next) !== JSON.stringify(prev)) set({ runtimeStats: next });
    // In a follower tab these are the leader's, known once it answers.
    if (get().runtimeMode !== runtime.mode || get().workerCount !== runtime.workerCount) set({ runtimeMode: runtime.mode, workerCount: runtime.workerCount });
  },
});
