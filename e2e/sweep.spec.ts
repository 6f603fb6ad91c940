// The Sweep screen across a reload: a small sweep of the example's orc count is run, the page is
// reloaded, and the Sweep screen shows the same points with the same numbers, every one answered
// from stored results. "Use this value" then puts a point into the scenario, as the Day screen
// shows. Screenshots at a phone and a laptop size are kept; at both, nothing scrolls sideways, no
// control is under 24 px and axe finds no serious problem on the screen.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { openAdvanced } from './advanced.ts';
import { fits } from './layout.ts';

const SIZES = [[390, 844], [1366, 900]] as const;

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

/** Each row's value and figures as shown: what a reload must give back unchanged. */
async function figures(page: Page): Promise<string[][]> {
  return page.getByTestId('sweep-row').evaluateAll((rows) => rows.map((row) => [
    row.getAttribute('data-value') ?? '',
    ...['sweep-victory', 'sweep-defeat', 'sweep-down', 'sweep-deaths', 'sweep-runs'].map((id) => row.querySelector(`[data-testid=${id}]`)?.textContent?.trim() ?? ''),
  ]));
}

async function shots(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('sweep-screen').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-state', 'ready');
    await fits(page, w, 'sweep-screen');
    // The table becomes cards on a phone: axe checks that it still reads as a table of points.
    const axe = await new AxeBuilder({ page }).include('[data-testid=sweep-screen]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: info.outputPath(`${name}-${w}x${h}.png`), fullPage: true });
  }
}

test('a sweep comes back after a reload, answered from stored results, and a point can be put into the scenario', async ({ page }, info) => {
  test.setTimeout(180_000);
  await page.goto('/?debounceMs=100');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  // Few runs per point: the scenario's own settings, which the points take.
  await openAdvanced(page);
  await page.getByTestId('runs-input').fill('500');
  await page.getByTestId('seed-input').fill('7');
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });

  await page.getByTestId('tab-sweep').click();
  const parameter = page.getByTestId('sweep-parameter');
  await parameter.selectOption(await parameter.locator('option', { hasText: /^Orc count/ }).getAttribute('value') ?? '');
  await page.getByTestId('sweep-from').fill('1');
  await page.getByTestId('sweep-to').fill('3');
  await page.getByTestId('sweep-step').fill('1');
  await page.getByTestId('sweep-run').click();
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(3);
  await expect(page.locator('[data-testid=sweep-row][data-state=completed]')).toHaveCount(3, { timeout: 120_000 });
  await expect(page.getByTestId('sweep-harm-chart')).toBeVisible();
  const before = await figures(page);
  expect(before.map((r) => r[0])).toEqual(['1', '2', '3']);
  for (const row of before) {
    expect(row[5]).toBe('500');
    for (const share of row.slice(1, 5)) expect(share).toMatch(/^\d{1,3}\.\d%\s*\d{1,3}\.\d% to \d{1,3}\.\d%$/);
  }

  await page.reload();
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  await page.getByTestId('tab-sweep').click();
  await expect(page.getByTestId('sweep-restored')).toBeVisible();
  // The form shows the sweep that came back, not a fresh suggestion.
  await expect(page.getByTestId('sweep-from')).toHaveValue('1');
  await expect(page.getByTestId('sweep-to')).toHaveValue('3');
  await expect(page.locator('[data-testid=sweep-row][data-state=completed]')).toHaveCount(3, { timeout: 30_000 });
  // Every point was answered from stored results, with the same numbers.
  await expect(page.locator('[data-testid=sweep-row][data-from-store=true]')).toHaveCount(3);
  await expect(rows.first()).toContainText('from stored results');
  await expect(page.getByTestId('sweep-parameter').locator('..').locator('..').getByRole('status').first()).toContainText('All answered from stored results');
  expect(await figures(page)).toEqual(before);
  await expect(page.getByTestId('sweep-stale')).toHaveCount(0);
  await expect(rows.filter({ has: page.getByTestId('sweep-in-use-mark') })).toHaveAttribute('data-value', '2');
  await shots(page, info, 'sweep-restored');

  // One click puts three orcs into the scenario: an edit like any other, simulated and undoable.
  await page.setViewportSize({ width: 1366, height: 900 });
  await rows.filter({ hasText: /^Orc count 3|^3/ }).getByTestId('sweep-use').click();
  await expect(page.getByTestId('sweep-note')).toContainText('now uses Orc count 3 (it was 2)');
  await expect(rows.filter({ has: page.getByTestId('sweep-in-use-mark') })).toHaveAttribute('data-value', '3');
  await shots(page, info, 'sweep-applied');
  await page.getByTestId('tab-day').click();
  const orcCount = page.getByTestId('encounter').first().getByTestId('creature-count').first();
  await expect(orcCount).toHaveValue('3');
  await page.getByTestId('undo').click();
  await expect(orcCount).toHaveValue('2');
});
