// Waiting for the request on screen: the tests that edit a scenario wait for the request their edit
// submitted (a new one), not the one shown before it.
import { expect, type Page } from '@playwright/test';

export async function completed(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout });
}

/** The request on screen now, so a test can wait for the one its next edit submits. */
export async function focusedId(page: Page): Promise<string | null> {
  const focused = page.getByTestId('focused-request');
  return (await focused.count()) > 0 ? focused.getAttribute('data-request-id') : null;
}

/** Waits for an edit's own request (a new one) to complete. */
export async function editAnswered(page: Page, before: string | null, timeout = 60_000): Promise<void> {
  await expect.poll(() => focusedId(page), { timeout: 10_000 }).not.toBe(before);
  await completed(page, timeout);
}
