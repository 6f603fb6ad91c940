// A full disk, for real: Chromium is told (through the DevTools protocol) that this site may store
// almost nothing, so IndexedDB refuses results with a quota error. The app frees what it can,
// retries once, then says so in the storage panel; the answer stays on screen, and once there is
// room again results are stored as usual.
import { expect, test } from '@playwright/test';
import { openAdvanced } from './advanced.ts';

test('a full disk is told in words, the answer stays, and storing works again once there is room', async ({ page, context, baseURL }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  // Chromium grants IndexedDB some room ahead of use, so the disk is "full" from the first visit on.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1000 });
  await page.goto('/');
  await page.getByTestId('tab-queue').click();
  await openAdvanced(page);
  await page.getByTestId('runs-input').fill('5000');
  await page.getByTestId('seed-input').fill('4');
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
  await expect(page.getByTestId('storage-error').first()).toBeVisible();
  const errors = await page.getByTestId('storage-error').allTextContents();
  console.log(`messages with a full disk: ${errors.join(' | ')}`);
  expect(errors.some((e) => e.includes('no room left to store this result'))).toBe(true);
  // The answer is on screen all the same.
  await expect(page.getByTestId('runs-completed')).toHaveAttribute('data-value', '5000');
  await expect(page.getByTestId('victory-probability')).toHaveText(/^\d+\.\d%$/);

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await openAdvanced(page);
  await page.getByTestId('seed-input').fill('5');
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
  await expect(page.getByTestId('slot-newest')).toHaveAttribute('data-seed', '5');
});
