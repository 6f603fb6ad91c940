// Service-worker registration: offline support, the "new version available" prompt, and one
// guarded reload on the first visit to a host that sends no isolation headers (the service
// worker adds them, but only to pages it controls).
import { registerSW } from 'virtual:pwa-register';

export interface PwaState {
  /** A new version is installed and waiting. */
  updateReady: boolean;
  /** Everything is precached: the app works offline. */
  offlineReady: boolean;
  /** Registration failed; the app works, but not offline. */
  error: string | null;
}

let state: PwaState = { updateReady: false, offlineReady: false, error: null };
const listeners = new Set<() => void>();
let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null;

function set(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export const pwaStore = {
  get: (): PwaState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const RELOAD_KEY = 'encounter-lab:isolation-reload';

function reloadOnceForIsolation(): void {
  if (globalThis.crossOriginIsolated) {
    sessionStorage.removeItem(RELOAD_KEY);
    return;
  }
  // Only a page the service worker controls can get the headers; reload at most once per tab
  // session, so a host where it cannot work never loops.
  if (!navigator.serviceWorker.controller || sessionStorage.getItem(RELOAD_KEY)) return;
  sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
  location.reload();
}

export function startServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => set({ updateReady: true }),
    onOfflineReady: () => set({ offlineReady: true }),
    onRegisterError: (e: unknown) => set({ error: e instanceof Error ? e.message : String(e) }),
  });
  // A page the worker controls is served from the precache, which is complete before the worker
  // activates: it works offline (onOfflineReady only fires on the page that saw the install).
  if (navigator.serviceWorker.controller) set({ offlineReady: true });
  reloadOnceForIsolation();
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    set({ offlineReady: true });
    reloadOnceForIsolation();
  });
}

/** Activates the waiting version and reloads into it. */
export async function updateNow(): Promise<void> {
  await applyUpdate?.(true);
}
