// Difficulty while building the day: as monsters are added, each fight's 2014 and 2024 XP rating
// and the day's XP move at once, and the simulated risk of each fight arrives, marked out of date
// while an edit is simulated again. The bestiary can be browsed without typing, page by page. At a
// phone and a laptop width the Day screen keeps every control big enough to hit, no select cut
// short, nothing wider than the window, and a field's problem does not move its neighbours.
// Full-page screenshots are kept as test artifacts.
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { editAnswered, focusedId } from './requests.ts';

/** A new scenario (2024 rules) whose blank hero, a level-4 stat block, counts four times: four level-4 characters. */
async function newScenarioOfFour(page: Page): Promise<void> {
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/?debounceMs=100');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  await page.getByTestId('tab-files').click();
  await page.getByTestId('open-empty').click();
  await expect(page.getByTestId('scenario-name')).toHaveValue('New scenario');
  await page.getByTestId('tab-party').click();
  await page.getByTestId('party-member').first().getByTestId('creature-count').fill('4');
  await page.getByTestId('tab-day').click();
}

async function addFromSearch(search: Locator, query: string, name: RegExp, count: number): Promise<void> {
  await search.getByTestId('monster-count').fill(String(count));
  await search.getByTestId('monster-query').fill(query);
  await search.getByTestId('monster-result').filter({ hasText: name }).first().getByRole('button', { name: /^Add/ }).click();
}

test('the XP difficulty of a fight and the day move as monsters are added; the simulated risk follows', async ({ page }) => {
  await newScenarioOfFour(page);
  const card = page.getByTestId('encounter').first();
  const rating = card.getByTestId('encounter-difficulty');
  // Only the blank custom monster: no XP known, so the tables cannot rate it (and say so).
  await expect(rating.getByTestId('enc-difficulty-none')).toContainText('no XP known');

  // One ogre (450 XP) against four level-4 characters: 2014 thresholds 500 / 1,000 / 1,500 / 2,000,
  // so 450 adjusted XP is Trivial; 2024 budgets 1,000 / 1,500 / 2,000, so Low.
  const search = card.getByTestId('monster-search');
  await addFromSearch(search, 'ogre', /^Ogre CR/, 1);
  const r2014 = rating.getByTestId('enc-difficulty-2014');
  const r2024 = rating.getByTestId('enc-difficulty-2024');
  await expect(r2014).toHaveAttribute('data-difficulty', 'trivial');
  await expect(r2014).toHaveAttribute('data-adjusted-xp', '450');
  await expect(r2014).toContainText('Trivial');
  await expect(r2024).toHaveAttribute('data-difficulty', 'low');
  await expect(r2024).toContainText('Low');
  // The custom monster is left out, and the card says so.
  await expect(rating.getByTestId('enc-difficulty-custom')).toContainText('no XP known');
  const dayTotal = page.getByTestId('day-xp-total');
  await expect(dayTotal).toHaveAttribute('data-xp', '450');
  await expect(page.getByTestId('day-budget-2014')).toHaveAttribute('data-budget', '6800');

  // Two more ogres (added to the same entry): 1,350 XP x 2 = 2,700 adjusted, Deadly; 2024: 1,350, Moderate.
  await addFromSearch(search, 'ogre', /^Ogre CR/, 2);
  await expect(card.locator('[data-testid=enemy][data-name="Ogre"]').getByTestId('creature-count')).toHaveValue('3');
  await expect(r2014).toHaveAttribute('data-difficulty', 'deadly');
  await expect(r2014).toHaveAttribute('data-adjusted-xp', '2700');
  await expect(r2014).toContainText('2,700 adjusted XP');
  await expect(r2024).toHaveAttribute('data-difficulty', 'moderate');
  await expect(r2024).toContainText('1,350 XP');
  await expect(dayTotal).toHaveAttribute('data-xp', '1350');
  await expect(dayTotal).toContainText('1,350 XP');
  await expect(page.getByTestId('day-budget-2014')).toContainText('2,700');

  // The simulated risk of the fight, in words, once its answer is in.
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
  const risk = card.getByTestId('enc-risk');
  await expect(risk).toHaveAttribute('data-stale', 'no');
  await expect(risk).toContainText(/Party wins (under |over )?[\d.]+% of the time it gets here, and is defeated here (under |over )?[\d.]+%/);

  // An edit makes it out of date until the answer to the edit arrives.
  await page.evaluate(() => {
    const w = window as unknown as { sawStale: boolean };
    w.sawStale = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=enc-risk][data-stale=yes]')) w.sawStale = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const before = await focusedId(page);
  await card.getByLabel('Surprise').selectOption('enemies');
  await editAnswered(page, before);
  expect(await page.evaluate(() => (window as unknown as { sawStale: boolean }).sawStale)).toBe(true);
  await expect(risk).toHaveAttribute('data-stale', 'no');

  // A second fight: its own rating; the day adds both up.
  await page.getByTestId('add-encounter').click();
  const second = page.getByTestId('encounter').nth(1);
  await addFromSearch(second.getByTestId('monster-search'), 'ogre', /^Ogre CR/, 1);
  await expect(second.getByTestId('enc-difficulty-2014')).toHaveAttribute('data-difficulty', 'trivial');
  await expect(dayTotal).toHaveAttribute('data-xp', '1800');
  await expect(page.getByTestId('day-budget-2014')).toHaveAttribute('data-adjusted-xp', '3150');
});

test('the bestiary can be browsed without typing: sorted, filtered and paged, never capped', async ({ page }) => {
  await newScenarioOfFour(page);
  const search = page.getByTestId('monster-search').first();
  const results = search.getByTestId('monster-result');
  const status = search.getByTestId('monster-page-status');
  await expect(results).toHaveCount(20);
  await expect(status).toHaveText(/^1–20 of \d+ monsters, by challenge rating, then name$/);
  const total = Number((await status.textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThan(300);
  const crOf = async () => (await results.allTextContents()).map((t) => t.match(/CR (\S+)/)![1]).map((c) => (c.includes('/') ? 1 / Number(c.split('/')[1]) : Number(c)));
  const firstPage = await results.allTextContents();
  const crs = await crOf();
  expect(crs).toEqual([...crs].sort((a, b) => a - b));

  // The second page: the next twenty.
  await search.getByTestId('monster-page-next').click();
  await expect(status).toHaveText(new RegExp(`^21–40 of ${total} monsters`));
  await expect(results).toHaveCount(20);
  expect(await results.allTextContents()).not.toEqual(firstPage);
  expect((await crOf())[0]).toBeGreaterThanOrEqual(crs[crs.length - 1]);
  await search.getByTestId('monster-page-prev').click();
  await expect(status).toHaveText(/^1–20 of/);

  // The last page is reached too: nothing is capped.
  const pages = Math.ceil(total / 20);
  for (let p = 1; p < pages; p++) await search.getByTestId('monster-page-next').click();
  await expect(status).toHaveText(new RegExp(`^${(pages - 1) * 20 + 1}–${total} of ${total}`));
  await expect(search.getByTestId('monster-page-next')).toBeDisabled();

  // By name instead, and a filter: back to the first page, every result within the filter.
  await search.getByTestId('monster-order').selectOption('name');
  await expect(status).toHaveText(/^1–20 of \d+ monsters, by name$/);
  const names = (await results.locator('strong').first().textContent())!;
  expect(names.localeCompare('B')).toBeLessThan(0);
  await search.getByTestId('monster-cr-min').selectOption('5');
  await search.getByTestId('monster-cr-max').selectOption('5');
  await expect(status).toHaveText(/matching monsters, by name$/);
  for (const cr of await crOf()) expect(cr).toBe(5);
  await search.getByTestId('monster-type').selectOption('dragon');
  await search.getByTestId('monster-cr-min').selectOption('');
  await search.getByTestId('monster-cr-max').selectOption('');
  await expect(results.first()).toContainText('dragon');
  for (const t of await results.allTextContents()) expect(t).toMatch(/· dragon ·/i);

  // Typing still searches by name, best match first.
  await search.getByTestId('monster-type').selectOption('');
  await search.getByTestId('monster-query').fill('ogre');
  await expect(search.getByTestId('monster-order')).toHaveValue('match');
  await expect(status).toHaveText(/matching monsters, by best match first$/);
  await expect(results.first().locator('strong')).toHaveText('Ogre');
  // Clearing the name goes back to browsing in the order chosen for it.
  await search.getByTestId('monster-query').fill('');
  await expect(search.getByTestId('monster-order')).toHaveValue('name');
});

/** Every visible control of the Day screen: at least 24 px each way, within the window, no select cut short. */
async function checkControls(page: Page, width: number): Promise<void> {
  const problems = await page.getByTestId('day-screen').evaluate((root, windowWidth) => {
    const out: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40) || el.id}"`;
    for (const el of root.querySelectorAll('input, select, button, textarea, summary')) {
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue; // in a closed disclosure
      const box = el.getBoundingClientRect();
      if (box.height < 24 || box.width < 24) out.push(`${name(el)} is ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
      if (box.left < 0 || box.right > windowWidth + 0.5) out.push(`${name(el)} runs outside the window (${box.left.toFixed(0)} to ${box.right.toFixed(0)})`);
      if (el instanceof HTMLSelectElement) {
        // The width the select needs to show its longest option whole, measured in place.
        const shown = el.offsetWidth;
        const saved = el.getAttribute('style');
        el.style.width = 'max-content';
        el.style.minWidth = '0';
        el.style.maxWidth = 'none';
        const needed = el.offsetWidth;
        if (saved === null) el.removeAttribute('style');
        else el.setAttribute('style', saved);
        if (needed > shown + 1) out.push(`${name(el)} is ${shown}px wide but needs ${needed}px for its longest option`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    return out;
  }, width);
  expect(problems).toEqual([]);
}

/**
 * A problem shown under a field moves none of the fields beside it: each stays where it was relative
 * to the field (the card may grow above them all, as the simulated figures are marked out of date).
 */
async function problemMovesNothing(field: Locator, bad: string, neighbours: Locator[]): Promise<void> {
  const at = (l: Locator) => l.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { x: box.left, y: box.top };
  });
  const offsets = async () => {
    const own = await at(field);
    return Promise.all(neighbours.map(async (n) => {
      const box = await at(n);
      return { x: box.x - own.x, y: box.y - own.y };
    }));
  };
  const before = await offsets();
  const good = await field.inputValue();
  await field.fill(bad);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const after = await offsets();
  for (let i = 0; i < before.length; i++) {
    expect(Math.abs(after[i].y - before[i].y), `neighbour ${i} moved up or down`).toBeLessThan(1);
    expect(Math.abs(after[i].x - before[i].x), `neighbour ${i} moved across`).toBeLessThan(1);
  }
  await field.fill(good);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

for (const [width, height] of [[390, 844], [1366, 900]] as const) {
  test(`the Day screen at ${width}x${height}: figures in view, controls big enough, nothing cut or wider than the window`, async ({ page }, info: TestInfo) => {
    await page.setViewportSize({ width, height });
    await newScenarioOfFour(page);
    const card = page.getByTestId('encounter').first();
    await addFromSearch(card.getByTestId('monster-search'), 'ogre', /^Ogre CR/, 3);
    await page.getByTestId('add-encounter').click();
    await expect(page.getByTestId('encounter')).toHaveCount(2);
    await expect(page.getByTestId('short-rest-before')).toBeVisible();
    await card.getByTestId('monster-query').fill('');
    await expect(card.getByTestId('monster-result')).toHaveCount(20);
    // The check boxes of the ogre's traits are on screen too.
    const ogre = card.locator('[data-testid=enemy][data-name="Ogre"]');
    await ogre.locator('summary', { hasText: 'Traits and reactions' }).click();
    await expect(ogre.getByLabel('Magic Resistance')).toBeVisible();
    // And its actions, with their selects and the spell picker.
    await ogre.locator('summary', { hasText: 'Actions and spells' }).click();
    await expect(ogre.getByTestId('spell-select')).toBeVisible();
    await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
    await expect(card.getByTestId('enc-risk')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: info.outputPath(`day-difficulty-${width}.png`), fullPage: true });
    await checkControls(page, width);

    // The label of a check box is its hit area.
    const rest = page.getByTestId('short-rest-before');
    const before = await focusedId(page);
    await page.getByText('Short rest before').click();
    await expect(rest).toBeChecked();
    await editAnswered(page, before);
    await expect(card.getByTestId('enc-risk')).toHaveAttribute('data-stale', 'no');

    // Problems under a field move none of its neighbours: the monster count in the search, and HP in a stat block.
    const search = card.getByTestId('monster-search');
    await problemMovesNothing(search.getByTestId('monster-count'), '0', [search.getByTestId('monster-cr-min'), search.getByTestId('monster-type'), search.getByTestId('monster-order')]);
    await problemMovesNothing(ogre.getByTestId('creature-hp'), '-5', [ogre.getByTestId('creature-ac'), ogre.getByTestId('spell-slots')]);
    await ogre.getByTestId('creature-name').fill('');
    await page.screenshot({ path: info.outputPath(`day-difficulty-${width}-problem.png`), fullPage: true });
  });
}
