// Queue and diagnostics: every request with its state, progress and priority (cancel it, change
// its priority, show it), storage used and available, and how this browser runs simulations.
import { readDiagnostics } from '../../app/diagnostics.ts';
import { RequestList } from '../RuntimePanel.tsx';
import { StoragePanel } from '../StoragePanel.tsx';
import { useApp } from '../session.ts';

export function QueueScreen() {
  const focused = useApp((s) => s.focusedRequestId);
  const ids = useApp((s) => s.requestIds);
  const diag = readDiagnostics();
  return (
    <div data-testid="queue-screen">
      <section className="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">Queue</h2>
        {ids.length > 0 ? <RequestList ids={ids} focused={focused} /> : <p className="fld-hint">Nothing has been asked yet in this page.</p>}
      </section>
      <StoragePanel />
      <section aria-labelledby="diag-title" className="panel">
        <h2 id="diag-title">This browser</h2>
        <dl className="diag">
          <dt>Cross-origin isolated</dt>
          <dd data-testid="cross-origin-isolated">{diag.crossOriginIsolated ? 'yes' : 'no'}</dd>
          <dt>SharedArrayBuffer</dt>
          <dd data-testid="shared-array-buffer">{diag.sharedArrayBuffer ? 'available' : 'missing'}</dd>
          <dt>Cores</dt>
          <dd>{diag.hardwareConcurrency}</dd>
        </dl>
      </section>
    </div>
  );
}
