// Replay as a DM reads it: after simulating the example, the Replay tab opens on the run that went
// worst (or a total party kill), says why in a sentence, and lists who falls and when as links that
// take the reader, and the keyboard focus, to the line that tells it. At a phone's width the log
// reads without sideways scrolling and every control is at least 24 px tall.
import { expect, test, type Page, type TestInfo } from '@playwright/test';

async function simulateExample(page: Page): Promise<void> {
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/?debounceMs=100');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** The value of the run the Replay tab should open on, from the offered runs (in their order). */
async function expectedOpening(page: Page): Promise<{ value: string; label: string }> {
  await expect(page.getByTestId('replay-select')).toBeVisible();
  const options = await page.getByTestId('replay-select').locator('option').evaluateAll((els) =>
    els.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
  expect(options.length).toBeGreaterThan(0);
  const defeat = options.find((o) => /defeat|total party kill/i.test(o.label));
  const worst = options.find((o) => /^Worst/.test(o.label));
  expect(worst).toBeDefined();
  return defeat ?? worst!;
}

/** The replay's controls that are smaller than 24 px in either direction. */
async function smallControls(page: Page): Promise<string[]> {
  return page.getByTestId('replay-view').evaluate((root) => {
    const small: string[] = [];
    for (const el of root.querySelectorAll('a, button, select, summary')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // inside a folded section
      if (r.height < 24 || r.width < 24) small.push(`${el.tagName.toLowerCase()} "${el.textContent?.slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return small;
  });
}

test('opens on the worst run or a defeat, and jumps to each fall', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await simulateExample(page);
  await page.getByTestId('tab-replay').click();
  const select = page.getByTestId('replay-select');
  await expect(select).toBeVisible();

  const expected = await expectedOpening(page);
  await expect(select).toHaveValue(expected.value);
  await expect(page.getByTestId('replay-log')).toHaveAttribute('data-run', expected.value);
  // The sentence on top says which run this is and what happens in it.
  const why = page.getByTestId('replay-why');
  await expect(why).toHaveText(/^The (worst|first) of [\d,]+ runs.*: .+\.$/);
  if (/defeat|total party kill/i.test(expected.label)) await expect(why).toContainText('the party is wiped out');

  // Who falls, and when: each a link to its line in the log.
  const moments = page.getByTestId('replay-moment');
  expect(await moments.count()).toBeGreaterThan(0);
  await expect(moments.first()).toHaveText(/^Round \d+(, fight \d+)?: .+ (drops to 0 HP|dies|is finished off)/);
  const drop = moments.filter({ hasText: 'drops to 0 HP' }).first();
  const dropTarget = await drop.getAttribute('data-target');
  const who = (await drop.textContent())!.replace(/^Round \d+(, fight \d+)?: /, '').replace(/ drops to 0 HP.*$/, '');
  await page.evaluate(() => window.scrollTo(0, 0));
  await drop.click();
  const line = page.locator(`[id="${dropTarget}"]`);
  await expect(line).toBeFocused();
  await expect(line).toBeInViewport();
  await expect(line).toHaveText(`${who} drops to 0 HP and falls unconscious`);
  // The URL stays as it was: a jump is not a navigation.
  expect(new URL(page.url()).hash).toBe('');

  // By keyboard: the last moment, reached with Tab focus and Enter.
  const last = moments.last();
  const lastTarget = await last.getAttribute('data-target');
  await page.evaluate(() => window.scrollTo(0, 0));
  await last.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[id="${lastTarget}"]`)).toBeFocused();
  await expect(page.locator(`[id="${lastTarget}"]`)).toBeInViewport();

  // The deciding fight is open and sums itself up in a line.
  const openFight = page.locator('[data-testid=replay-encounter][open]');
  await expect(openFight).toHaveCount(1);
  await expect(openFight.getByTestId('replay-fight-summary')).toHaveText(/^(Victory|Defeat|Draw).* · .+/);
  // Folded by hand, the fight opens again for a jump into it.
  await openFight.locator('summary').first().click();
  await expect(page.locator('[data-testid=replay-encounter][open]')).toHaveCount(0);
  await expect(line).toBeHidden();
  await drop.click();
  await expect(page.locator('[data-testid=replay-encounter][open]')).toHaveCount(1);
  await expect(line).toBeFocused();
  await expect(line).toBeInViewport();
  expect(await smallControls(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, info, 'replay-1366');

  // Another run can be chosen, and the first fall of that run is reachable too.
  const other = await select.locator('option').evaluateAll((els, current) =>
    els.map((o) => (o as HTMLOptionElement).value).find((v) => v !== current), expected.value);
  if (other) {
    await select.selectOption(other);
    await expect(page.getByTestId('replay-log')).toHaveAttribute('data-run', other);
    await select.selectOption(expected.value);
  }

  // At a phone's width: no sideways scrolling, nothing under 24 px.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('replay-moment').first().click();
  await page.screenshot({ path: info.outputPath('replay-390-at-first-fall.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const logOverflow = await page.getByTestId('replay-log').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(logOverflow).toBeLessThanOrEqual(0);
  expect(await smallControls(page)).toEqual([]);
  await page.getByTestId('replay-view').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: info.outputPath('replay-390-top.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, info, 'replay-390');
});

test('with a dragon added the party can lose: the replay opens on a total party kill', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await simulateExample(page);
  const focused = page.getByTestId('focused-request');
  const before = await focused.getAttribute('data-request-id');
  await page.getByTestId('tab-day').click();
  await page.getByTestId('monster-query').first().fill('young red dragon');
  await page.getByTestId('monster-result').filter({ hasText: 'Young Red Dragon' }).first().getByRole('button').click();
  await expect.poll(() => focused.getAttribute('data-request-id'), { timeout: 10_000 }).not.toBe(before);
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });

  await page.getByTestId('tab-replay').click();
  const expected = await expectedOpening(page);
  // Against a young red dragon some of 10,000 runs end in a total party kill: one of those opens.
  expect(expected.label).toMatch(/defeat|total party kill/i);
  await expect(page.getByTestId('replay-select')).toHaveValue(expected.value);
  await expect(page.getByTestId('replay-why')).toContainText('the party is wiped out');
  const openFight = page.locator('[data-testid=replay-encounter][open]');
  await expect(openFight.getByTestId('replay-fight-summary')).toHaveText(/^Defeat in \d+ rounds?: a total party kill · /);
  await expect(page.getByTestId('replay-outcome').last()).toHaveText(/^Defeat/);
  expect(await smallControls(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, info, 'replay-defeat-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByTestId('replay-view').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: info.outputPath('replay-defeat-390-top.png') });
  await shot(page, info, 'replay-defeat-390');
});

test('a three-fight day: only the deciding fight is open, and every fall can be reached', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto('/?debounceMs=100');
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  await page.getByTestId('tab-files').click();
  await page.getByTestId('example-select').selectOption('three-fights');
  await page.getByTestId('open-example').click();
  await expect(page.getByTestId('scenario-name')).toHaveValue(/three fights/);
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });

  await page.getByTestId('tab-replay').click();
  const expected = await expectedOpening(page);
  await expect(page.getByTestId('replay-select')).toHaveValue(expected.value);
  const fights = page.getByTestId('replay-encounter');
  expect(await fights.count()).toBeGreaterThan(1);
  await expect(page.locator('[data-testid=replay-encounter][open]')).toHaveCount(1);
  // Folded fights still say how they went.
  for (const summary of await page.getByTestId('replay-fight-summary').all()) {
    await expect(summary).toHaveText(/^(Victory|Defeat|Draw).* · .+/);
  }
  // Every fall is reachable, whichever fight or round it is folded in.
  const moments = page.getByTestId('replay-moment');
  const n = await moments.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const target = await moments.nth(i).getAttribute('data-target');
    await moments.nth(i).click();
    await expect(page.locator(`[id="${target}"]`)).toBeFocused();
    await expect(page.locator(`[id="${target}"]`)).toBeInViewport();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, info, 'replay-day-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(await smallControls(page)).toEqual([]);
  await shot(page, info, 'replay-day-390');
});
