import { readDiagnostics } from '../app/diagnostics.ts';
import { RuntimePanel } from './RuntimePanel.tsx';
import { StoragePanel } from './StoragePanel.tsx';

export function App() {
  const diag = readDiagnostics();
  return (
    <main className="page">
      <header>
        <h1>Encounter Lab</h1>
        <p className="tagline">D&amp;D 5e encounters, simulated thousands of times in your browser.</p>
      </header>
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
      <RuntimePanel />
      <StoragePanel />
    </main>
  );
}
