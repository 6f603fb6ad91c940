// The storage panel: what is kept on this device (results, their compressed and raw sizes, the
// persisted queue), whether the browser promised to keep it, and every storage problem in words.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useSession } from './session.ts';
import './result-slots.css';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

const PERSISTENCE: Record<string, string> = {
  asking: 'asking the browser…',
  granted: 'granted: the browser will not clear stored results to free space',
  denied: 'not granted: the browser may clear stored results when the device runs low on space',
  unsupported: 'this browser cannot promise to keep stored results',
};

/** The browser's own estimate of what this site uses and may use, read again when results change. */
function useQuota(): { usage: number; quota: number } | null {
  const version = useApp((s) => s.resultsVersion);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    let live = true;
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (version < 0 || !storage || typeof storage.estimate !== 'function') return;
    storage.estimate().then((e) => {
      if (live && typeof e.quota === 'number') setEstimate({ usage: e.usage ?? 0, quota: e.quota });
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [version]);
  return estimate;
}

export function StoragePanel() {
  const quota = useQuota();
  const session = useSession();
  const st = useApp(useShallow((s) => s.storage));
  const errors = useApp((s) => s.storageErrors);
  const dismiss = useApp((s) => s.dismissStorageErrors);
  const ratio = st.storedBytes > 0 ? st.rawBytes / st.storedBytes : 0;
  return (
    <section aria-labelledby="storage-title" className="panel storage-panel" data-testid="storage-panel">
      <h2 id="storage-title">Storage</h2>
      {st.available === false ? (
        <p className="rp-muted">Nothing is kept on this device: results last until the page closes.</p>
      ) : (
        <dl className="diag sp-list">
          <dt>Stored results</dt>
          <dd data-testid="storage-results" data-value={st.results}>{st.results}{st.damaged > 0 ? ` (${st.damaged} unreadable)` : ''}</dd>
          <dt>Size on disk</dt>
          <dd data-testid="storage-bytes" data-value={st.storedBytes}>{bytes(st.storedBytes)}</dd>
          <dt>Uncompressed</dt>
          <dd data-testid="storage-raw-bytes" data-value={st.rawBytes}>
            {bytes(st.rawBytes)}
            {ratio > 0 && <span data-testid="storage-ratio" data-value={ratio.toFixed(2)}> · compressed {ratio.toFixed(1)}×</span>}
          </dd>
          {quota && (
            <>
              <dt>This site on the device</dt>
              <dd data-testid="storage-available" data-usage={quota.usage} data-quota={quota.quota}>
                {bytes(quota.usage)} used of {bytes(quota.quota)} the browser allows ({bytes(Math.max(0, quota.quota - quota.usage))} available)
              </dd>
            </>
          )}
          <dt>Saved queue</dt>
          <dd data-testid="storage-checkpoints" data-value={st.checkpoints}>
            {st.checkpoints} {st.checkpoints === 1 ? 'request' : 'requests'}
            {st.checkpoints > 0 && st.lastCheckpointRuns !== null && (
              <span data-testid="last-checkpoint" data-runs={st.lastCheckpointRuns}> · last checkpoint at {st.lastCheckpointRuns.toLocaleString('en-US')} runs</span>
            )}
          </dd>
          {st.resumed && (
            <>
              <dt>Resumed at start</dt>
              <dd data-testid="storage-resumed" data-runs={st.resumed.runs}>
                {st.resumed.requests} {st.resumed.requests === 1 ? 'request' : 'requests'}, {st.resumed.runs.toLocaleString('en-US')} runs already done
              </dd>
            </>
          )}
          <dt>Kept by the browser</dt>
          <dd data-testid="storage-persistence" data-value={st.persistence}>{PERSISTENCE[st.persistence]}</dd>
          {st.lastCleanupRemoved > 0 && (
            <>
              <dt>Last cleanup</dt>
              <dd>{st.lastCleanupRemoved} old {st.lastCleanupRemoved === 1 ? 'result' : 'results'} removed</dd>
            </>
          )}
        </dl>
      )}
      {errors.length > 0 && (
        <div className="sp-errors" role="alert" data-testid="storage-errors">
          <ul>{errors.map((e) => <li key={e} data-testid="storage-error">{e}</li>)}</ul>
          <button type="button" className="rp-small" onClick={() => { dismiss(); void session.refreshUsage(); }}>Dismiss</button>
        </div>
      )}
    </section>
  );
}
