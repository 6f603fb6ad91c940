// The PWA slice: what the service worker has told the page (a new version is waiting, the app is
// precached for offline use, registration failed) and the one thing the user can do about it,
// reload into the new version. app/ owns the registration and reports through these actions, so
// the banner and the footer read plain store state and never import app/.
import type { StateCreator } from 'zustand';

export interface PwaStatus {
  /** A new version is installed and waiting. */
  updateReady: boolean;
  /** Everything is precached: the app works offline. */
  offlineReady: boolean;
  /** Registration failed; the app works, but not offline. */
  error: string | null;
}

export interface PwaSlice {
  pwa: PwaStatus;
  setPwaStatus(patch: Partial<PwaStatus>): void;
  /** How to activate the waiting version; given by the registration, which alone can do it. */
  setPwaUpdater(apply: () => Promise<void>): void;
  /** Activates the waiting version and reloads into it; queued work resumes after the reload. */
  reloadToUpdate(): Promise<void>;
}

export const createPwaSlice: StateCreator<PwaSlice, [], [], PwaSlice> = (set) => {
  // Not state: nothing shows it, and a function in the state would be copied by every update.
  let applyUpdate: (() => Promise<void>) | null = null;
  return {
    pwa: { updateReady: false, offlineReady: false, error: null },
    setPwaStatus: (patch) => set((s) => ({ pwa: { ...s.pwa, ...patch } })),
    setPwaUpdater: (apply) => {
      applyUpdate = apply;
    },
    reloadToUpdate: async () => {
      await applyUpdate?.();
    },
  };
};
