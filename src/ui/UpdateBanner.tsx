import { useSyncExternalStore } from 'react';
import { pwaStore, updateNow } from '../app/pwa.ts';

/** "New version available" with a reload button; queued work resumes after the reload. */
export function UpdateBanner() {
  const pwa = useSyncExternalStore(pwaStore.subscribe, pwaStore.get);
  if (!pwa.updateReady) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>A new version of Encounter Lab is available.</span>
      <button type="button" onClick={() => void updateNow()}>Reload to update</button>
    </div>
  );
}
