// Two tabs renaming the same saved scenario: the later rename does not silently drop the earlier
// one. It is kept as a separate scenario, and the tab that made it says so.
import { expect, test, type Page } from '@playwright/test';

async function openApp(page: Page): Promise<void> {
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
}

test('renaming one scenario in two tabs keeps both names', async ({ page, context }) => {
  await openApp(page);
  const original = await page.getByTestId('scenario-name').inputValue();
  const second = await context.newPage();
  await openApp(second);
  await expect(second.getByTestId('scenario-name')).toHaveValue(original);

  await page.getByTestId('scenario-name').fill('Ambush at dawn');
  // Saved after the edit pause: the other tab's list shows it once it reads the library again.
  await page.getByTestId('tab-files').click();
  await expect(page.getByTestId('saved-scenario').filter({ hasText: 'Ambush at dawn' })).toHaveCount(1);

  await second.getByTestId('scenario-name').fill('Ambush at dusk');
  await expect(second.getByTestId('submit-error')).toContainText('"Ambush at dawn" was changed in another tab since this tab opened it, so your change was saved as a separate scenario, "Ambush at dusk"');
  await second.getByTestId('tab-files').click();
  await expect(second.getByTestId('saved-scenario').filter({ hasText: 'Ambush at dawn' })).toHaveCount(1);
  await expect(second.getByTestId('saved-scenario').filter({ hasText: 'Ambush at dusk' })).toHaveCount(1);
  // The first tab still edits its own scenario, under its own name.
  await expect(page.getByTestId('scenario-name')).toHaveValue('Ambush at dawn');
});
