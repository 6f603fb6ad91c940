// Layout checks a screen's test makes at each window size: no control under 24 px, no sideways scroll.
import { expect, type Page } from '@playwright/test';

/** Every visible control inside `testId` is at least 24 px each way, and the page does not scroll sideways. */
export async function fits(page: Page, width: number, testId: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const small = await page.getByTestId(testId).locator('button, input, select, summary').evaluateAll((els) => els
    .filter((el) => (el as HTMLElement).offsetParent !== null)
    .map((el) => ({ what: (el.textContent || el.getAttribute('data-testid') || el.tagName).trim().slice(0, 40), box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width < 24 || box.height < 24)
    .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`));
  expect(small).toEqual([]);
}
