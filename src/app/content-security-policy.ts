// The app's Content-Security-Policy, in one place: the production build's <meta> tag, the headers
// of `vite preview` and the dev server (vite.config.ts), and the header the service worker adds to
// every page and worker script it serves. No inline scripts and no eval; styles may be inline
// (charts set them); nothing but the app's own origin is ever fetched. `frame-ancestors 'none'`
// stops other sites from framing the page (clickjacking); browsers ignore it in a <meta> tag, so it
// only takes effect as a header.

const DIRECTIVES = [
  "default-src 'self'", "script-src 'self'", "worker-src 'self'", "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'", "manifest-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'self'",
];

/** The policy sent as a header (by the service worker, `vite preview` and static hosts). */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The same policy as a <meta> tag can carry it (without frame-ancestors, which a meta tag cannot set). */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');

/**
 * The dev server's: the same, except that the React refresh preamble Vite injects is an inline
 * script and hot reload talks over a WebSocket. Still no eval.
 */
export const CONTENT_SECURITY_POLICY_DEV = [
  ...DIRECTIVES.map((d) => (d === "script-src 'self'" ? "script-src 'self' 'unsafe-inline'" : d === "connect-src 'self'" ? "connect-src 'self' ws: wss:" : d)),
  "frame-ancestors 'none'",
].join('; ');
