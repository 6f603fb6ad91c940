// The 2024 rules in the app, offline: a new scenario starts by the 2024 rules, the Day screen shows
// and changes the edition, the monster search looks in the SRD 5.2 bestiary (and the SRD 5.1 one on
// request), and a change of edition is simulated again. Screenshots of the Day screen at a phone and
// a laptop width are kept as test artifacts.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { editAnswered, focusedId } from './requests.ts';

async function waitForOfflineReady(page: Page): Promise<void> {
  await expect(page.getByTestId('offline-status')).toHaveText('Ready to work offline.', { timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Adds `count` of a monster found by name in the search of the first encounter. */
async function addMonster(page: Page, name: string, count: number): Promise<void> {
  const search = page.getByTestId('monster-search').first();
  await search.getByTestId('monster-count').fill(String(count));
  await search.getByTestId('monster-query').fill(name.toLowerCase());
  const result = search.getByTestId('monster-result').filter({ hasText: name }).first();
  await expect(result).toHaveAttribute('data-edition', '2024');
  await expect(result).toContainText('SRD 5.2');
  await result.getByRole('button').click();
}

/** The Day screen at one width: a screenshot, nothing wider than the window, controls big enough to hit. */
async function dayAt(page: Page, info: TestInfo, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.getByTestId('tab-day').click();
  await page.getByTestId('monster-query').first().fill('dragon');
  await expect(page.getByTestId('monster-result').first()).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: info.outputPath(`day-2024-${width}.png`), fullPage: true });
  await page.getByTestId('monster-search').first().screenshot({ path: info.outputPath(`day-2024-${width}-search.png`) });
  await page.getByTestId('day-rules').screenshot({ path: info.outputPath(`day-2024-${width}-rules.png`) });
  await page.getByTestId('enemy').first().screenshot({ path: info.outputPath(`day-2024-${width}-enemy.png`) });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  for (const id of ['rules-edition', 'monster-edition', 'monster-query']) {
    const box = await page.getByTestId(id).first().boundingBox();
    expect(box, id).not.toBeNull();
    expect(box!.height, `${id} height`).toBeGreaterThanOrEqual(24);
    expect(box!.x, `${id} left edge`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${id} right edge`).toBeLessThanOrEqual(width);
  }
  await page.getByTestId('monster-query').first().fill('');
}

test('offline, a new scenario plays by the 2024 rules: a party from templates against SRD 5.2 monsters, simulated; changing the edition simulates again', async ({ page, context }, info) => {
  test.setTimeout(120_000);
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/?debounceMs=100');
  await waitForOfflineReady(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);

  // A new scenario is 2024; its day's rules say so and the search starts in the SRD 5.2 bestiary.
  await page.getByTestId('tab-files').click();
  await page.getByTestId('open-empty').click();
  await expect(page.getByTestId('scenario-name')).toHaveValue('New scenario');
  await page.getByTestId('tab-day').click();
  await expect(page.getByTestId('rules-edition')).toHaveValue('2024');
  await expect(page.getByTestId('monster-edition').first()).toHaveValue('2024');

  // The party: a fighter and a cleric from the templates, without the blank hero.
  await page.getByTestId('tab-party').click();
  const members = page.getByTestId('party-member');
  for (const cls of ['fighter', 'cleric']) {
    await page.getByTestId('template-class').selectOption(cls);
    await page.getByTestId('template-level').selectOption('5');
    await page.getByTestId('add-template').click();
  }
  await expect(members).toHaveCount(3);
  await page.locator('[data-testid=party-member][data-name="Hero"]').getByTestId('remove-creature').click();
  await expect(members).toHaveCount(2);

  // The fight: 2024 goblin warriors and a bugbear warrior, with the party surprised (which the
  // editions treat differently), without the blank monster.
  await page.getByTestId('tab-day').click();
  await addMonster(page, 'Goblin Warrior', 4);
  await addMonster(page, 'Bugbear Warrior', 1);
  const enemies = page.getByTestId('enemy');
  await expect(enemies.filter({ hasText: 'SRD 5.2' })).toHaveCount(2);
  await page.locator('[data-testid=enemy][data-name="Monster"]').getByTestId('remove-creature').click();
  await expect(enemies).toHaveCount(2);
  const beforeSurprise = await focusedId(page);
  await page.getByTestId('encounter').first().getByLabel('Surprise').selectOption('party');
  // Each edit is simulated by itself: the 2024 answer.
  await editAnswered(page, beforeSurprise);
  await expect(page.getByTestId('victory-probability')).toHaveText(/^\d+\.\d%$/);
  const digest2024 = await page.getByTestId('aggregate-digest').textContent();

  // The other bestiary on request: the 2014 goblin, named as SRD 5.1, with a note on the edition.
  const search = page.getByTestId('monster-search').first();
  await search.getByTestId('monster-edition').selectOption('2014');
  await search.getByTestId('monster-query').fill('goblin');
  const goblin2014 = search.getByTestId('monster-result').filter({ hasText: /^Goblin CR/ });
  await expect(goblin2014).toHaveAttribute('data-edition', '2014');
  await expect(goblin2014).toContainText('SRD 5.1');
  await expect(search.getByTestId('monster-edition-note')).toBeVisible();
  await search.getByTestId('monster-edition').selectOption('2024');
  await search.getByTestId('monster-query').fill('');
  await expect(search.getByTestId('monster-edition-note')).toHaveCount(0);

  // The Simulate button gives the same answer: same scenario, same seed.
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
  await expect(page.getByTestId('aggregate-digest')).toHaveText(digest2024!);

  // Switch to 2014: the two template characters are built again by the 2014 rules in the same edit,
  // which is simulated again with a different answer.
  let before = await focusedId(page);
  await page.getByTestId('rules-edition').selectOption('2014');
  await expect(page.getByTestId('monster-edition').first()).toHaveValue('2014');
  await expect(page.getByTestId('edition-switched')).toHaveText('Now played by the 2014 rules: 2 characters made from class templates built again by them. Undo brings the 2024 ones back.');
  await editAnswered(page, before);
  await expect(page.getByTestId('aggregate-digest')).not.toHaveText(digest2024!);
  await page.getByTestId('day-rules').screenshot({ path: info.outputPath('day-switched-rules.png') });

  // Undo: back to 2024, answered from the stored result with the same fingerprint.
  before = await focusedId(page);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('rules-edition')).toHaveValue('2024');
  await expect(page.getByTestId('edition-switched')).toHaveCount(0);
  await editAnswered(page, before);
  // The same answer as before the switch: the 2024-built characters came back with the rules.
  await expect(page.getByTestId('aggregate-digest')).toHaveText(digest2024!);

  await dayAt(page, info, 390, 844);
  await dayAt(page, info, 1366, 900);
});
