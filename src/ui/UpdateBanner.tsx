import { useApp } from './session.ts';

/** "New version available" with a reload button; queued work resumes after the reload. */
export function UpdateBanner() {
  const updateReady = useApp((s) => s.pwa.updateReady);
  const reloadToUpdate = useApp((s) => s.reloadToUpdate);
  if (!updateReady) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>A new version of Encounter Lab is available.</span>
      <button type="button" onClick={() => void reloadToUpdate()}>Reload to update</button>
    </div>
  );
}
