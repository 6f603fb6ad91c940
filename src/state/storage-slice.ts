// The storage slice: what the storage panel shows (results kept, bytes stored and raw, checkpoints,
// the browser's answer to the persistence request) and every storage problem in words for the
// user. resultsVersion changes whenever a result is stored, so views of the slots read them again.
import type { StateCreator } from 'zustand';

export type PersistenceAnswer = 'asking' | 'granted' | 'denied' | 'unsupported';

export interface StorageStatus {
  /** null until the database is open; false when IndexedDB cannot be used here. */
  available: boolean | null;
  results: number;
  storedBytes: number;
  rawBytes: number;
  damaged: number;
  checkpoints: number;
  /** Runs in the latest checkpoint written by this tab, or null before any. */
  lastCheckpointRuns: number | null;
  lastCheckpointAt: number | null;
  /** What the last start found in the persisted queue. */
  resumed: { requests: number; runs: number } | null;
  persistence: PersistenceAnswer;
  role: 'starting' | 'leader' | 'follower';
  /** Results removed by the last cleanup (age or budget). */
  lastCleanupRemoved: number;
}

export interface StorageSlice {
  storage: StorageStatus;
  storageErrors: string[];
  resultsVersion: number;
  setStorage(patch: Partial<StorageStatus>): void;
  reportStorageError(message: string): void;
  dismissStorageErrors(): void;
  resultsChanged(): void;
}

const MAX_ERRORS = 8;

export const createStorageSlice: StateCreator<StorageSlice, [], [], StorageSlice> = (set) => ({
  storage: {
    available: null, results: 0, storedBytes: 0, rawBytes: 0, damaged: 0, checkpoints: 0, lastCheckpointRuns: null,
    lastCheckpointAt: null, resumed: null, persistence: 'asking', role: 'starting', lastCleanupRemoved: 0,
  },
  storageErrors: [],
  resultsVersion: 0,
  setStorage: (patch) => set((s) => ({ storage: { ...s.storage, ...patch } })),
  reportStorageError: (message) => set((s) => (s.storageErrors.includes(message) ? s : { storageErrors: [...s.storageErrors, message].slice(-MAX_ERRORS) })),
  dismissStorageErrors: () => set({ storageErrors: [] }),
  resultsChanged: () => set((s) => ({ resultsVersion: s.resultsVersion + 1 })),
});
