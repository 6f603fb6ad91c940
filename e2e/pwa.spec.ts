import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { openAdvanced } from './advanced.ts';

const STATIC = `http://localhost:${process.env.E2E_STATIC_PORT ?? 4180}/encounter-lab/`;

/** Waits until the service worker has precached everything and controls the page. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await expect(page.getByTestId('offline-status')).toHaveText('Ready to work offline.', { timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

test('after a first visit the app starts offline, still cross-origin isolated', async ({ page, context }) => {
  await page.goto('/');
  await waitForOfflineReady(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Encounter Lab');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('shared-array-buffer')).toHaveText('available');

  // Offline, build a scenario from the lazily loaded templates and compendium, and run it.
  await page.getByTestId('tab-files').click();
  await page.getByTestId('open-empty').click();
  await expect(page.getByTestId('scenario-name')).toHaveValue('New scenario');
  await page.getByTestId('tab-party').click();
  await page.getByTestId('template-class').selectOption('paladin');
  await page.getByTestId('add-template').click();
  await page.getByTestId('tab-day').click();
  await page.getByTestId('monster-query').first().fill('owlbear');
  // An edit is simulated after a short pause: wait for the request of this edit, not the one before.
  const before = await page.getByTestId('focused-request').getAttribute('data-request-id');
  await page.getByTestId('monster-result').filter({ hasText: 'Owlbear' }).first().getByRole('button').click();
  await expect(page.getByTestId('enemy').last()).toHaveAttribute('data-name', 'Owlbear');
  await expect(page.getByTestId('focused-request')).not.toHaveAttribute('data-request-id', before ?? '');
  await expect(page.getByTestId('focused-request')).toContainText('critical priority');
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
  const victory = await page.getByTestId('victory-probability').textContent();
  const digest = await page.getByTestId('aggregate-digest').textContent();
  // Reload, still offline: the scenario and its result are there.
  await page.reload();
  await expect(page.getByTestId('scenario-name')).toHaveValue('New scenario');
  await openAdvanced(page);
  await expect(page.getByTestId('slot-newest')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('slot-newest').getByTestId('slot-digest')).toHaveText(digest!);
  await expect(page.getByTestId('victory-probability')).toHaveText(victory!);
  await page.getByTestId('tab-day').click();
  await expect(page.getByTestId('enemy').last()).toHaveAttribute('data-name', 'Owlbear');
});

test('on a static host with no headers, under a sub-path, the page becomes isolated after the first visit and works offline', async ({ page, context }) => {
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(STATIC);
  // The service worker takes over and reloads the page once; after that it is isolated.
  await expect(page.getByTestId('cross-origin-isolated')).toHaveText('yes', { timeout: 30_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await waitForOfflineReady(page);
  const settled = loads;
  expect(settled).toBeLessThanOrEqual(2);
  // No reload loop: nothing reloads by itself any more.
  await page.waitForTimeout(1500);
  expect(loads).toBe(settled);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Encounter Lab');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('a new deployment shows "new version available", and the reload brings the new build', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(STATIC);
  await expect(page.getByTestId('cross-origin-isolated')).toHaveText('yes', { timeout: 30_000 });
  await waitForOfflineReady(page);
  const before = await page.getByTestId('build-id').textContent();
  // Work in the queue when the update comes: a long request, checkpointed as it runs.
  await openAdvanced(page);
  await page.getByTestId('runs-input').fill('3000000');
  await page.getByTestId('seed-input').fill('77');
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('running');
  const buildId = `test-build-${Date.now()}`;
  const build = spawnSync('npm', ['run', 'build:static'], { env: { ...process.env, BUILD_ID: buildId }, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  await expect(page.getByTestId('update-banner')).toBeVisible({ timeout: 30_000 });
  // The old version keeps serving until the user chooses to reload.
  await expect(page.getByTestId('build-id')).toHaveText(before!);
  await page.getByTestId('tab-queue').click();
  await expect.poll(async () => Number(await page.getByTestId('last-checkpoint').getAttribute('data-runs')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await expect(page.getByTestId('build-id')).toHaveText(buildId, { timeout: 30_000 });
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  // The queued work survived the reload: it resumes from its checkpoint and finishes.
  await expect(page.getByTestId('storage-resumed')).toBeVisible();
  expect(Number(await page.getByTestId('storage-resumed').getAttribute('data-runs'))).toBeGreaterThan(0);
  await expect(page.getByTestId('focused-request')).toContainText('seed 77');
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 90_000 });
  await expect(page.getByTestId('runs-completed')).toHaveAttribute('data-value', '3000000');
});
