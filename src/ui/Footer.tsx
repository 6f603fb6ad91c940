import { useShallow } from 'zustand/react/shallow';
import { useApp } from './session.ts';

/** What the page can use, read by the entry point (app/diagnostics.ts) once at start. */
export interface FooterDiagnostics {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  hardwareConcurrency: number;
}

export function Footer({ diagnostics: diag }: { diagnostics: FooterDiagnostics }) {
  const pwa = useApp(useShallow((s) => ({ offlineReady: s.pwa.offlineReady, error: s.pwa.error })));
  return (
    <footer className="page footer">
      <p className="footer-diag">
        Cross-origin isolated: <span data-testid="cross-origin-isolated">{diag.crossOriginIsolated ? 'yes' : 'no'}</span>
        {' · '}SharedArrayBuffer: <span data-testid="shared-array-buffer">{diag.sharedArrayBuffer ? 'available' : 'missing'}</span>
        {' · '}{diag.hardwareConcurrency} {diag.hardwareConcurrency === 1 ? 'core' : 'cores'}
      </p>
      <span data-testid="offline-status">{pwa.offlineReady ? 'Ready to work offline.' : pwa.error ? `Offline use is not available: ${pwa.error}` : ''}</span>{' '}
      <span>
        Build <span data-testid="build-id">{__BUILD_ID__}</span>. Game rules and monsters from the SRD 5.1 and the SRD 5.2 by Wizards of the Coast LLC (CC-BY-4.0).
      </span>
    </footer>
  );
}
