// Hardening, in real Chromium: the Content-Security-Policy arrives as a header (from the server and
// from the service worker, for the page and for the worker scripts) and forbids framing; a broken
// share link is told even when a saved scenario opens instead; a link asking for a hundred million
// runs opens but waits for a click.
import { expect, test, type Page } from '@playwright/test';

async function openApp(page: Page): Promise<void> {
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
}

test('the page and its worker scripts come with a CSP header that forbids framing and eval', async ({ page, context }) => {
  const first = await page.goto('/');
  const fromServer = first!.headers()['content-security-policy'];
  expect(fromServer).toContain("frame-ancestors 'none'");
  expect(fromServer).toContain("script-src 'self'");
  expect(fromServer).not.toContain('unsafe-eval');

  // Once the service worker controls the page, it sends the header itself (as on a static host).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  const fromWorker = await page.evaluate(async () => {
    const pageResponse = await fetch(location.href);
    // The simulation worker's script, found among the precached files.
    const cached: string[] = [];
    for (const name of await caches.keys()) cached.push(...(await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname));
    const workers = cached.filter((n) => /\/assets\/worker-[^/]*\.js$/.test(n));
    const worker = workers.length ? await fetch(workers[0]) : null;
    return {
      page: pageResponse.headers.get('content-security-policy'),
      workerUrl: workers[0] ?? null,
      worker: worker?.headers.get('content-security-policy') ?? null,
    };
  });
  expect(fromWorker.page).toContain("frame-ancestors 'none'");
  expect(fromWorker.workerUrl).not.toBeNull();
  expect(fromWorker.worker).toContain("frame-ancestors 'none'");
  expect(fromWorker.worker).toContain("worker-src 'self'");

  // Another site tries to frame the app (here the static server's origin, another port): refused.
  const framer = await context.newPage();
  const refusals: string[] = [];
  framer.on('console', (m) => {
    if (m.text().includes("violates the following Content Security Policy directive: \"frame-ancestors 'none'\"")) refusals.push(m.text());
  });
  await framer.goto(`http://localhost:${process.env.E2E_STATIC_PORT ?? 4180}/not-the-app`);
  await framer.setContent(`<iframe name="app" src="http://localhost:${process.env.E2E_PORT ?? 4173}/"></iframe>`);
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  const frame = framer.frame({ name: 'app' });
  // Chromium puts its own error page in the refused frame; nothing of the app is there.
  expect(await frame?.evaluate(() => document.querySelector('#root') !== null).catch(() => false)).not.toBe(true);
});

test('a broken share link says what is wrong even when a saved scenario opens instead', async ({ page, context }) => {
  await openApp(page);
  // The first visit saved the example; it is the scenario a new page opens.
  const saved = await page.getByTestId('scenario-name').inputValue();
  // A new page, so the link is read by a page starting up (not by a hash change in a running one).
  const other = await context.newPage();
  await other.goto('/#s=!!!not*base64$$');
  await expect(other.getByTestId('scenario-name')).toHaveValue(saved);
  await expect(other.getByTestId('submit-error')).toContainText('The share link could not be opened: The link\'s scenario data is not valid base64url');
  expect(new URL(other.url()).hash).toBe('');
});

test('a link asking for a hundred million runs opens but starts only after a click', async ({ page, context }) => {
  await openApp(page);
  await page.getByTestId('tab-files').click();
  await page.getByTestId('make-link').click();
  const link = await page.getByTestId('share-link').inputValue();
  const other = await context.newPage();
  await other.goto(link.replace(/runs=\d+/, 'runs=100000000'));
  await expect(other.getByTestId('run-question')).toContainText('100,000,000 runs of this scenario would take about');
  await expect(other.getByTestId('request-status')).toHaveCount(0);
  await other.getByTestId('run-confirm').click();
  await expect(other.getByTestId('request-status')).toHaveText('running');
  await other.getByTestId('cancel-button').click();
  await expect(other.getByTestId('request-status')).toHaveText('cancelled');
});
