// Entry point: starts the service worker (offline, isolation, updates) and mounts the React app
// inside an error boundary.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { Footer } from '../ui/Footer.tsx';
import { UpdateBanner } from '../ui/UpdateBanner.tsx';
import { startServiceWorker } from './pwa.ts';
import '../ui/app.css';

startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <UpdateBanner />
      <App />
      <Footer />
    </ErrorBoundary>
  </StrictMode>,
);
