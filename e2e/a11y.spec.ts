import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openAdvanced } from './advanced.ts';

// Every screen, checked by axe-core for serious and critical problems, in both colour schemes,
// with a finished result on screen so the results, comparison and replay are checked too.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the app has no serious or critical accessibility violations (${colorScheme})`, async ({ page }) => {
    // Eight screens through axe-core take a while on a busy machine.
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Encounter Lab');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
    // A second result with another seed, so the comparison has two sides.
    await openAdvanced(page);
    await page.getByTestId('seed-input').fill('2');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await expect(page.getByTestId('aggregate-digest')).toBeVisible();
    await expect(page.getByTestId('slot-previous')).toBeVisible({ timeout: 60_000 });
    const problems: string[] = [];
    for (const screen of ['party', 'day', 'results', 'compare', 'replay', 'sweep', 'queue', 'files']) {
      await page.getByTestId(`tab-${screen}`).click();
      // Charts and lazily loaded screens settle first.
      await page.waitForTimeout(400);
      const results = await new AxeBuilder({ page }).analyze();
      for (const v of results.violations) {
        if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${screen}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      }
    }
    expect(problems).toEqual([]);
  });
}
