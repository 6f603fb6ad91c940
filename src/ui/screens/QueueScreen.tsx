// Queue and diagnostics: every request with its state, progress and priority (cancel it, change
// its priority, show it), and storage used and available. How this browser runs simulations is
// in the answer panel (under Advanced) and the footer, on every screen.
import { RequestList } from '../RuntimePanel.tsx';
import { StoragePanel } from '../StoragePanel.tsx';
import { useApp } from '../session.ts';

export function QueueScreen() {
  const focused = useApp((s) => s.focusedRequestId);
  const ids = useApp((s) => s.requestIds);
  return (
    <div data-testid="queue-screen">
      <section className="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">Queue</h2>
        {ids.length > 0 ? <RequestList ids={ids} focused={focused} /> : <p className="fld-hint">Nothing has been asked yet in this page.</p>}
      </section>
      <StoragePanel />
    </div>
  );
}
