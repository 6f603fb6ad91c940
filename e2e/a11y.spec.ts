import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// Every screen, checked by axe-core for serious and critical problems, in both colour schemes.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the app has no serious or critical accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Encounter Lab');
    // With a finished result on screen, so the results are checked too.
    await page.getByRole('button', { name: 'Simulate' }).click();
    await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}
