import { expect, test } from '@playwright/test';

test('the built app loads, shows its title and is cross-origin isolated', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page).toHaveTitle('Encounter Lab');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Encounter Lab');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('cross-origin-isolated')).toHaveText('yes');
  await expect(page.getByTestId('shared-array-buffer')).toHaveText('available');
  expect(errors).toEqual([]);
});
