import { useSyncExternalStore } from 'react';
import { readDiagnostics } from '../app/diagnostics.ts';
import { pwaStore } from '../app/pwa.ts';

export function Footer() {
  const pwa = useSyncExternalStore(pwaStore.subscribe, pwaStore.get);
  const diag = readDiagnostics();
  return (
    <footer className="page footer">
      <p className="footer-diag">
        Cross-origin isolated: <span data-testid="cross-origin-isolated">{diag.crossOriginIsolated ? 'yes' : 'no'}</span>
        {' · '}SharedArrayBuffer: <span data-testid="shared-array-buffer">{diag.sharedArrayBuffer ? 'available' : 'missing'}</span>
        {' · '}{diag.hardwareConcurrency} {diag.hardwareConcurrency === 1 ? 'core' : 'cores'}
      </p>
      <span data-testid="offline-status">{pwa.offlineReady ? 'Ready to work offline.' : pwa.error ? `Offline use is not available: ${pwa.error}` : ''}</span>{' '}
      <span>
        Build <span data-testid="build-id">{__BUILD_ID__}</span>. Game rules and monsters from the SRD 5.1 by Wizards of the Coast (CC-BY-4.0).
      </span>
    </footer>
  );
}
