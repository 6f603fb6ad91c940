// Compare that explains: after an edit, the two results are labelled by what changed ("Wizard AC
// 12 → 5"), the summary names the largest real changes in words, no row reads "no change" beside a
// real-change verdict, and at phone width the comparison reads without sideways scrolling.
// Screenshots at 390x844 and 1366x900 are kept as test artifacts.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { completed, editAnswered, focusedId } from './requests.ts';

async function openApp(page: Page): Promise<void> {
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/?debounceMs=100');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** Every row whose verdict disagrees with its numbers, in words; empty when they all agree. */
async function disagreeingRows(page: Page): Promise<string[]> {
  return page.getByTestId('compare-row').evaluateAll((rows) => rows.flatMap((row) => {
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent ?? '');
    const [other, newest, change, verdict] = cells;
    const metric = row.getAttribute('data-metric');
    const real = row.getAttribute('data-significant') === 'yes';
    const wrong: string[] = [];
    if (real && (change === 'no change' || !/[1-9]/.test(change) || other === newest)) wrong.push(`${metric}: ${other} → ${newest}, ${change}, ${verdict}`);
    if (real !== verdict.startsWith('Yes')) wrong.push(`${metric}: marked ${real ? 'real' : 'not real'} but says "${verdict}"`);
    if (change === 'no change' && verdict !== 'No change') wrong.push(`${metric}: no change, yet "${verdict}"`);
    return wrong;
  }));
}

/** Compare at phone width: no sideways scrolling and every button at least 24 px tall. */
async function phoneReads(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const table = await page.getByTestId('compare-table').boundingBox();
  expect(table!.x + table!.width).toBeLessThanOrEqual(390);
  // The verdict of each row is on screen, not clipped off its right edge.
  const verdicts = await page.getByTestId('compare-verdict').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().right));
  expect(Math.max(...verdicts)).toBeLessThanOrEqual(390);
  const heights = await page.getByTestId('compare-screen').locator('button').evaluateAll((buttons) =>
    buttons.map((b) => ({ text: b.textContent, height: b.getBoundingClientRect().height })));
  expect(heights.length).toBeGreaterThan(0);
  for (const b of heights) expect(b.height, `button "${b.text}"`).toBeGreaterThanOrEqual(24);
}

test('the sides are labelled by the edit, the verdicts agree with the numbers, and a phone reads it all', async ({ page }, info) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByTestId('submit-button').click();
  await completed(page);

  // Edit one thing: the Wizard's AC drops by 7.
  await page.getByTestId('tab-party').click();
  const wizard = page.locator('[data-testid=party-member][data-name="Wizard"]');
  const acField = wizard.getByTestId('creature-ac');
  const ac = Number(await acField.inputValue());
  const lowered = ac - 7;
  const before = await focusedId(page);
  await acField.fill(String(lowered));
  await editAnswered(page, before);

  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
  await expect(page.getByTestId('compare-side-newest')).toContainText(`Wizard AC ${lowered}`);
  await expect(page.getByTestId('compare-side-other')).toContainText(`Wizard AC ${ac}`);
  await expect(page.getByTestId('compare-change')).toHaveText([`Wizard AC ${ac} → ${lowered}`]);
  await expect(page.getByTestId('compare-holm')).toHaveText(
    "Differences are tested together (Holm's correction at 95%), so a row marked as a real change is unlikely to be chance.");
  // The summary, at the top, names the Wizard: the change that matters most to the DM.
  await expect(page.getByTestId('compare-summary')).toContainText(/The Wizard goes down .*more often: \d+\.\d+% → \d+\.\d+%\./);
  await expect(page.locator('[data-testid=compare-row][data-metric="down:Wizard"]')).toHaveAttribute('data-significant', 'yes');
  expect(await disagreeingRows(page)).toEqual([]);

  await page.setViewportSize({ width: 1366, height: 900 });
  await shot(page, info, 'compare-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await phoneReads(page);
  await shot(page, info, 'compare-390');

  // A second edit, on the Day tab: an enemy's count. The comparison moves on to it.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId('tab-day').click();
  const enemy = page.getByTestId('enemy').first();
  const name = await enemy.getAttribute('data-name');
  const countField = enemy.getByTestId('creature-count');
  const count = Number((await countField.inputValue()) || '1');
  const next = await focusedId(page);
  await countField.fill(String(count + 1));
  await editAnswered(page, next);
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-change')).toHaveText([`${name} count ${count} → ${count + 1}`]);
  await expect(page.getByTestId('compare-side-newest')).toContainText(`${name} count ${count + 1}`);
  await expect(page.getByTestId('compare-side-other')).toContainText(`${name} count ${count}`);
  expect(await disagreeingRows(page)).toEqual([]);

  // Pinning changes the buttons above the comparison; at phone width they still fit and are tall enough.
  await page.getByTestId('compare-pin').click();
  await expect(page.getByTestId('compare-unpin')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await phoneReads(page);
  await shot(page, info, 'compare-second-edit-390');
});
