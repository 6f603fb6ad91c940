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

/**
 * The element is on screen: its box meets the window, read with getBoundingClientRect. Playwright's
 * toBeInViewport waits for an IntersectionObserver, which needs a new frame; in headless Chromium
 * on a machine whose cores are all simulating, about one run in forty drew no new frame after an
 * edit for the rest of the test (the page's script still answered), and the check then outlasted
 * its own timeout. The box says where the element is all the same, and this check keeps its timeout.
 */
export async function expectOnScreen(page: Page, testId: string): Promise<void> {
  await expect.poll(() => page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth;
  }), { message: `${testId} is on screen`, timeout: 5000 }).toBe(true);
}
