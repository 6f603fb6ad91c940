// The service worker: precaches the whole app (shell, workers, lazily loaded chunks such as the
// monster compendium) so it starts and simulates offline, and adds the cross-origin isolation
// headers to every same-origin response, so SharedArrayBuffer works even on a static host that
// sends no such headers, and the Content-Security-Policy (with frame-ancestors, which a <meta> tag
// cannot carry) to the page and the worker scripts. A new version waits until the page asks it to
// take over.

import { cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Take over pages already open, so the first visit can become isolated after one reload.
  event.waitUntil(self.clients.claim());
});

function isolated(response: Response): Response {
  // Opaque and error responses cannot be rebuilt; they pass through unchanged.
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  // A CSP governs the document or worker it arrives with; on other responses it is inert.
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  // Navigations inside the app are answered with the precached shell (query and hash ignored).
  const cached = request.mode === 'navigate' && url.pathname.startsWith(scope.pathname)
    ? (await matchPrecache(new URL('index.html', scope).href)) ?? (await matchPrecache(url.href))
    : await matchPrecache(url.href);
  if (cached) return isolated(cached);
  return isolated(await fetch(request));
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
