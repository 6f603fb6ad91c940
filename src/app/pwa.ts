// Service-worker registration: offline support, the "new version available" prompt, and one
// guarded reload on the first visit to a host that sends no isolation headers (the service
// worker adds them, but only to pages it controls). What the worker reports goes into the store's
// PWA slice, where the banner and the footer read it.
import { registerSW } from 'virtual:pwa-register';
import type { AppStore } from '../state/index.ts';

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

export function startServiceWorker(store: AppStore): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const set = store.getState().setPwaStatus;
  const applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => set({ updateReady: true }),
    onOfflineReady: () => set({ offlineReady: true }),
    onRegisterError: (e: unknown) => set({ error: e instanceof Error ? e.message : String(e) }),
  });
  // A page the worker controls is served from the precache, which is complete before the worker
  // activates: it works offline (onOfflineReady only fires on the page that saw the install).
  if (navigator.serviceWorker.controller) set({ offlineReady: true });
  store.getState().setPwaUpdater(() => applyUpdate(true));
  reloadOnceForIsolation();
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    set({ offlineReady: true });
    reloadOnceForIsolation();
  });
}
