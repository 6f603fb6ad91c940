// The PWA slice holds what the service worker reported, and the reload goes through whatever the
// registration handed over (nothing happens before it has).
import { expect, test, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createPwaSlice, type PwaSlice } from './pwa-slice.ts';

test('status patches merge, and the reload calls the registered updater', async () => {
  const store = createStore<PwaSlice>()(createPwaSlice);
  expect(store.getState().pwa).toEqual({ updateReady: false, offlineReady: false, error: null });
  await store.getState().reloadToUpdate();
  store.getState().setPwaStatus({ offlineReady: true });
  store.getState().setPwaStatus({ updateReady: true });
  expect(store.getState().pwa).toEqual({ updateReady: true, offlineReady: true, error: null });
  const apply = vi.fn<() => Promise<void>>(async () => {});
  store.getState().setPwaUpdater(apply);
  await store.getState().reloadToUpdate();
  expect(apply).toHaveBeenCalledTimes(1);
});
