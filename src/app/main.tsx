// Entry point: boots the session (see boot.ts), starts the service worker (offline, isolation,
// updates) and mounts the React app inside an error boundary, with the session handed to it through
// its context.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { Footer } from '../ui/Footer.tsx';
import { SessionContext } from '../ui/session.ts';
import { UpdateBanner } from '../ui/UpdateBanner.tsx';
import { bootApp } from './boot.ts';
import { readDiagnostics } from './diagnostics.ts';
import { startServiceWorker } from './pwa.ts';
import '../ui/app.css';

const session = bootApp();
startServiceWorker(session.store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionContext value={session}>
      <ErrorBoundary>
        <UpdateBanner />
        <App />
        <Footer diagnostics={readDiagnostics()} />
      </ErrorBoundary>
    </SessionContext>
  </StrictMode>,
);
