import { useSyncExternalStore } from 'react';
import { pwaStore } from '../app/pwa.ts';

export function Footer() {
  const pwa = useSyncExternalStore(pwaStore.subscribe, pwaStore.get);
  return (
    <footer className="page footer">
      <span data-testid="offline-status">{pwa.offlineReady ? 'Ready to work offline.' : pwa.error ? `Offline use is not available: ${pwa.error}` : ''}</span>{' '}
      <span>
        Build <span data-testid="build-id">{__BUILD_ID__}</span>. Game rules and monsters from the SRD 5.1 by Wizards of the Coast (CC-BY-4.0).
      </span>
    </footer>
  );
}
