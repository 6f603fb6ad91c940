// The run settings sit behind "Advanced" in the answer panel: opened before a test types in them.
import type { Page } from '@playwright/test';

export async function openAdvanced(page: Page): Promise<void> {
  const details = page.getByTestId('advanced');
  if (await details.evaluate((d) => (d as HTMLDetailsElement).open)) return;
  await page.getByTestId('advanced-summary').click();
}
