// The app as a new user meets it: build a party from templates and a fight from the compendium,
// watch the answer firm up, tweak and compare, replay the worst run, sweep the monster count,
// cancel a request, export and re-import, open a share link, and get a clear message for bad
// input. Screenshots of every screen at a laptop and a phone size are kept as test artifacts.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { openAdvanced } from './advanced.ts';
import { completed, editAnswered, focusedId } from './requests.ts';

const SCREENS = ['party', 'day', 'results', 'compare', 'replay', 'sweep', 'queue', 'files'] as const;

async function openApp(page: Page, query = ''): Promise<void> {
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`/${query}`);
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  // The first screen answers by itself; tests start from that answer.
  await expect(page.getByTestId('verdict-bar')).toHaveAttribute('data-state', 'firm', { timeout: 60_000 });
}

async function screen(page: Page, id: (typeof SCREENS)[number]): Promise<void> {
  await page.getByTestId(`tab-${id}`).click();
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

async function addMonster(page: Page, name: string): Promise<void> {
  await page.getByTestId('monster-query').first().fill(name.toLowerCase());
  await page.getByTestId('monster-result').filter({ hasText: name }).first().getByRole('button').click();
}

test('build a party from templates and a fight from the compendium; the answer firms up', async ({ page }, info) => {
  await openApp(page, '?debounceMs=100');
  await screen(page, 'party');
  const members = page.getByTestId('party-member');
  const before = await members.count();
  await page.getByTestId('template-class').selectOption('cleric');
  await page.getByTestId('template-level').selectOption('5');
  let lastRequest = await focusedId(page);
  await page.getByTestId('add-template').click();
  await expect(members).toHaveCount(before + 1);
  await expect(members.last()).toHaveAttribute('data-name', /Cleric/);
  // An edit submits the scenario by itself, as a Critical request.
  await editAnswered(page, lastRequest);
  await expect(page.getByTestId('focused-request')).toContainText('critical priority');
  await shot(page, info, 'party-1280');

  await screen(page, 'day');
  lastRequest = await focusedId(page);
  await addMonster(page, 'Young Green Dragon');
  await expect(page.getByTestId('enemy').last()).toHaveAttribute('data-name', 'Young Green Dragon');
  await editAnswered(page, lastRequest);
  const victory = await page.getByTestId('victory-probability').textContent();
  expect(victory).toMatch(/^\d+\.\d%$/);
  expect(Number(await page.getByTestId('runs-completed').getAttribute('data-value'))).toBe(10_000);
  await shot(page, info, 'day-1280');

  await screen(page, 'results');
  await expect(page.getByTestId('results-victory')).toHaveText(victory!);
  await expect(page.locator('[data-testid=character-row][data-name="Cleric 5"]')).toHaveCount(1);
  await expect(page.getByTestId('difficulty-row').first()).toContainText(/Deadly|Hard|Medium|Easy|Trivial/);
  await expect(page.getByTestId('rounds-chart')).toHaveAttribute('data-state', 'ready');
  await shot(page, info, 'results-1280');
});

test('an impossible value is shown at its field and not simulated; the last answer stays', async ({ page }) => {
  await openApp(page, '?debounceMs=100');
  await page.getByTestId('submit-button').click();
  await completed(page);
  const victory = await page.getByTestId('victory-probability').textContent();
  const requests = await page.evaluate(() => document.querySelectorAll('[data-testid=request-status]').length);
  expect(requests).toBe(1);
  await screen(page, 'party');
  const hp = page.getByTestId('creature-hp').first();
  await hp.fill('-5');
  await expect(page.getByTestId('field-problem').first()).toHaveText('must be at least 1, got -5');
  await expect(page.getByTestId('scenario-state')).toHaveAttribute('data-state', 'invalid');
  await page.getByTestId('party-member').first().getByText(/^Actions/).click();
  await page.getByTestId('attack-damage').first().fill('2d');
  await expect(page.getByTestId('creature-problems').first()).toContainText('damage');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('victory-probability')).toHaveText(victory!);
  await expect(page.getByTestId('request-status')).toHaveText('completed');
  // Undo twice: the scenario is valid again and answered from the stored result at once.
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('scenario-state')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('victory-probability')).toHaveText(victory!);
});

test('tweak, compare with significance, replay the worst run', async ({ page }, info) => {
  await openApp(page, '?debounceMs=100');
  await page.getByTestId('submit-button').click();
  await completed(page);
  await screen(page, 'day');
  // A young red dragon joins the fight: the party's chances must fall, significantly.
  const before = await focusedId(page);
  await addMonster(page, 'Young Red Dragon');
  await editAnswered(page, before);
  await screen(page, 'compare');
  await expect(page.getByTestId('compare-table')).toBeVisible();
  const victoryRow = page.locator('[data-testid=compare-row][data-metric=victory]');
  await expect(victoryRow).toHaveAttribute('data-significant', 'yes');
  await shot(page, info, 'compare-1280');
  await page.getByTestId('compare-pin').click();
  await expect(page.getByTestId('compare-unpin')).toBeVisible();

  await screen(page, 'replay');
  const worst = await page.getByTestId('replay-select').locator('option', { hasText: /^Worst/ }).getAttribute('value');
  await page.getByTestId('replay-select').selectOption(worst!);
  await expect(page.getByTestId('replay-log')).toHaveAttribute('data-run', worst!);
  await expect(page.getByTestId('replay-round').first()).toBeVisible();
  await expect(page.getByTestId('replay-log')).toContainText(/round 1/i);
  await shot(page, info, 'replay-1280');
});

test('sweep the monster count: points fill in while the scenario on screen stays', async ({ page }, info) => {
  await openApp(page, '?debounceMs=100');
  await page.getByTestId('submit-button').click();
  await completed(page);
  await screen(page, 'sweep');
  const parameter = page.getByTestId('sweep-parameter');
  const countOption = parameter.locator('option', { hasText: /count|number/i }).first();
  await parameter.selectOption(await countOption.getAttribute('value') ?? '');
  await page.getByTestId('sweep-from').fill('1');
  await page.getByTestId('sweep-to').fill('4');
  await page.getByTestId('sweep-step').fill('1');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-row')).toHaveCount(4);
  await expect(page.locator('[data-testid=sweep-row][data-state=completed]')).toHaveCount(4, { timeout: 90_000 });
  await expect(page.getByTestId('sweep-chart')).toBeVisible();
  // The scenario on screen is still the one answered at the top.
  await expect(page.getByTestId('request-status')).toHaveText('completed');
  await shot(page, info, 'sweep-1280');
});

test('a monster pasted from 5etools joins the fight, with what could not be mapped; pasted rubbish is named', async ({ page }) => {
  await openApp(page, '?debounceMs=100');
  await screen(page, 'day');
  const goblin = {
    name: 'Sneaky Goblin', source: 'MM', size: ['S'], type: { type: 'humanoid', tags: ['goblinoid'] },
    ac: [{ ac: 15, from: ['{@item leather armor|phb}'] }], hp: { average: 7, formula: '2d6' },
    str: 8, dex: 14, con: 10, int: 10, wis: 8, cha: 8, cr: '1/4',
    trait: [{ name: 'Nimble Escape', entries: ['The goblin can take the {@action Disengage} or {@action Hide} action as a bonus action.'] }],
    action: [{ name: 'Scimitar', entries: ['{@atk mw} {@hit 4} to hit, reach 5 ft., one target. {@h}5 ({@damage 1d6 + 2}) slashing damage.'] }],
  };
  const day = page.getByTestId('day-screen');
  await day.getByText('Import a monster from another tool').first().click();
  await day.getByTestId('paste-monster').first().fill('this is not json');
  await day.getByTestId('import-monster').first().click();
  await expect(day.getByTestId('import-report').first()).toContainText(/not (valid )?JSON/i);
  const before = await focusedId(page);
  await day.getByTestId('paste-monster').first().fill(JSON.stringify(goblin));
  await day.getByTestId('import-monster').first().click();
  await expect(day.getByTestId('import-report').first()).toContainText('Added Sneaky Goblin');
  const added = page.getByTestId('enemy').filter({ has: page.locator('[data-testid=creature-name][value="Sneaky Goblin"]') });
  await expect(added).toHaveCount(1);
  await expect(added.getByTestId('creature-hp')).toHaveValue('7');
  await expect(added.getByTestId('creature-ac')).toHaveValue('15');
  await editAnswered(page, before);
});

test('traits, reactions and spells are added in place and simulated', async ({ page }) => {
  await openApp(page, '?debounceMs=100');
  await page.getByTestId('submit-button').click();
  await completed(page);
  await screen(page, 'day');
  const ogre = page.getByTestId('enemy').last();
  await ogre.getByText('Traits and reactions', { exact: true }).click();
  let before = await focusedId(page);
  await ogre.getByLabel('Magic Resistance').check();
  await editAnswered(page, before);
  before = await focusedId(page);
  await ogre.getByLabel('Shield (reaction)').check();
  await editAnswered(page, before);
  // A spell by name: a monster without slots casts it once per long rest.
  await ogre.getByText(/^Actions/).click();
  await ogre.getByTestId('spell-select').selectOption('fireball');
  before = await focusedId(page);
  await ogre.getByTestId('add-spell').click();
  await editAnswered(page, before);
  await ogre.getByText('Stat block as JSON', { exact: true }).click();
  const json = JSON.parse(await ogre.getByTestId('creature-json').inputValue());
  expect(json.traits.magicResistance).toBe(true);
  expect(json.reactions).toEqual([{ kind: 'shield' }]);
  const fireball = json.actions.find((a: { name: string }) => a.name === 'Fireball');
  expect(fireball).toMatchObject({ type: 'save', dc: 14, ability: 'dex', damage: '8d6', uses: { per: 'long-rest', count: 1 } });
});

test('cancel a request from the queue', async ({ page }, info) => {
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('runs-input').fill('50000000');
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('request-status')).toHaveText('running');
  await screen(page, 'queue');
  const row = page.getByTestId('request-row').first();
  await row.getByRole('button', { name: /Cancel/ }).click();
  await expect(row.getByTestId('row-state')).toHaveText('cancelled');
  await expect(page.getByTestId('request-status')).toHaveText('cancelled');
  await shot(page, info, 'queue-1280');
});

test('a battlesim2 save opens with its warnings counted in groups, the skipped actions first', async ({ page }, info) => {
  const sword = { name: 'Sword', type: 'atk', actionSlot: 0, dpr: '1d8+3', toHit: 5, target: 'enemy with least HP', targets: 1 };
  const reactions = Array.from({ length: 8 }, (_, i) => ({ name: `Reaction ${i + 1}`, type: 'atk', actionSlot: 4, dpr: '1d6', toHit: 5 }));
  const precast = Array.from({ length: 4 }, (_, i) => ({ name: `Precast ${i + 1}`, type: 'buff', actionSlot: -3, target: 'ally with the least HP', buff: { ac: 1 } }));
  const save = {
    name: 'Goblin den',
    players: [
      { name: 'Hero', hp: 30, ac: 16, saveBonus: 2, actions: [sword, ...reactions.slice(0, 4), ...precast.slice(0, 2)], classResources: {} },
      { name: 'Mage', hp: 24, ac: 12, saveBonus: 3, actions: [{ name: 'Fireball', type: 'atk', actionSlot: 0, dpr: '8d6', toHit: 15, target: 'all enemies', targets: 10 }, ...reactions.slice(4), ...precast.slice(2)] },
    ],
    encounters: [{ monsters: [] }, { monsters: [{ name: 'Goblin', count: 4, hp: 7, ac: 15, actions: [{ ...sword, name: 'Scimitar', target: 'enemy with highest AC' }] }] }],
  };
  await openApp(page);
  await screen(page, 'files');
  await page.getByTestId('import-file').setInputFiles({ name: 'den.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(save)) });
  await expect(page.getByTestId('files-message')).toContainText('(a BattleSim file, converted) as a new scenario, with');
  const groups = page.getByTestId('import-warning-group');
  await expect(groups.first().locator('summary')).toHaveText('12 actions skipped: 8 reactions, 4 pre-combat buffs');
  await expect(groups.nth(1).locator('summary')).toHaveText('Left out: 1 empty encounter');
  await groups.first().locator('summary').click();
  await expect(groups.first().locator('li')).toHaveCount(12);
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('import-warnings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`import-warnings-${width}.png`) });
  }
});

test('export the scenario and import it again as a new one; bad files get a clear message', async ({ page }, info) => {
  await openApp(page);
  await screen(page, 'files');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-scenario').click();
  const file = await (await downloading).path();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text).format).toBe('encounter-lab/scenario');
  const savedBefore = await page.getByTestId('saved-scenario').count();
  await page.getByTestId('import-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('files-message')).toContainText('as a new scenario');
  await expect(page.getByTestId('saved-scenario')).toHaveCount(savedBefore + 1);
  await completed(page);

  await page.getByTestId('import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ this is not json') });
  await expect(page.getByTestId('files-message')).toContainText('the file "notes.json" is not valid JSON');
  await page.getByTestId('import-file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(6 * 1024 * 1024, 32) });
  await expect(page.getByTestId('files-message')).toContainText('files up to 5 MB can be opened');
  await page.getByTestId('import-file').setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'encounter-lab/scenario', version: 1, name: '<img src=x onerror=alert(1)>', party: [{ name: '<script>alert(1)</script>', hp: 10, ac: 10 }], encounters: [{ enemies: [{ name: 'Rat', hp: 1, ac: 10 }] }] })) });
  await expect(page.getByTestId('files-message')).toContainText('as a new scenario');
  await expect(page.getByTestId('scenario-name')).toHaveValue('<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src=x]')).toHaveCount(0);
  await expect(page.getByTestId('saved-scenario')).toHaveCount(savedBefore + 2);

  // The whole library out and back in: every scenario comes back as a new one beside the others.
  const savingLibrary = page.waitForEvent('download');
  await page.getByTestId('export-library').click();
  const library = readFileSync(await (await savingLibrary).path(), 'utf8');
  expect(JSON.parse(library).scenarios).toHaveLength(savedBefore + 2);
  await page.getByTestId('import-library').setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(library) });
  await expect(page.getByTestId('library-message')).toContainText(`${savedBefore + 2} scenarios added`);
  await expect(page.getByTestId('saved-scenario')).toHaveCount(2 * (savedBefore + 2));
  await shot(page, info, 'files-1280');
});

test('a share link opens as a new scenario and runs; a broken one says what is wrong', async ({ page, context }) => {
  await openApp(page);
  await screen(page, 'files');
  await page.getByTestId('make-link').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+&runs=10000&seed=1$/);

  const other = await context.newPage();
  await other.goto(link.replace('runs=10000', 'runs=2000'));
  await expect(other.getByTestId('request-status')).toHaveText('completed', { timeout: 60_000 });
  await expect(other.getByTestId('runs-completed')).toHaveAttribute('data-value', '2000');
  await screen(other, 'files');
  // Two saved scenarios now: the user's own and the shared one beside it.
  await expect(other.getByTestId('saved-scenario')).toHaveCount(2);

  await other.goto('/#s=not*base64!');
  await expect(other.getByTestId('submit-error')).toContainText('The share link could not be opened');
  await other.goto('/#s=eJwrSS0u0S0pSsxLLMnMz1OozC8tyslRBAA');
  await expect(other.getByTestId('submit-error')).toContainText('The share link could not be opened');
  await screen(other, 'files');
  await expect(other.getByTestId('saved-scenario')).toHaveCount(2);
});

for (const size of [{ name: '1280', width: 1280, height: 800 }, { name: '390', width: 390, height: 844 }]) {
  test(`every screen at ${size.width}x${size.height}`, async ({ page }, info) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openApp(page);
    await page.getByTestId('submit-button').click();
    await completed(page);
    const overflowing: string[] = [];
    for (const id of SCREENS) {
      await screen(page, id);
      await page.waitForTimeout(300);
      await shot(page, info, `${id}-${size.name}`);
      // Nothing wider than the window: wide tables scroll inside their own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) overflowing.push(`${id}: ${overflow}px`);
    }
    expect(overflowing).toEqual([]);
  });
}
