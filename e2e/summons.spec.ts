// A fight with a summoner, as a DM opens it from a link: a level-5 party against the SRD 5.1
// vampire, who calls its bats. The replay says in words who calls whom, when they arrive and when
// they leave; the results and the replay read at a phone's width and a laptop's.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { buildCharacter } from '../src/scenario/content/classes/index.ts';
import { compendiumFromData, creatureFrom } from '../src/scenario/content/srd/compendium.ts';
import { encodeShareFragment } from '../src/scenario/format/share-link.ts';

function vampireLink(): string {
  const compendium = compendiumFromData(JSON.parse(readFileSync(new URL('../src/scenario/content/srd/srd-monsters.json', import.meta.url), 'utf8')));
  const party = (['fighter', 'cleric', 'rogue', 'wizard'] as const).map((classId) => buildCharacter({ classId, level: 9 }).creature);
  const doc = {
    format: 'encounter-lab/scenario', version: 1, name: 'The vampire calls its bats', party,
    encounters: [{ name: 'Crypt', enemies: [creatureFrom(compendium.byId('vampire-vampire')!)] }],
  };
  return encodeShareFragment(doc, { runs: 400 });
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

for (const width of [1366, 390]) {
  test(`the replay tells the summons in words at ${width} px`, async ({ page }, info) => {
    test.setTimeout(180_000);
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/?debounceMs=100${vampireLink()}`);
    await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 90_000 });
    await page.getByTestId('tab-results').click();
    await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0, { timeout: 30_000 });
    // The bats are one row under the vampire, with how often they came; never eight enemies of their own.
    const bats = page.getByTestId('summoned-row');
    await expect(bats).toHaveCount(1);
    await expect(bats).toContainText(/^Swarm of Bats, called by Vampire, Vampire Form \(Children of the Night\)/);
    await expect(page.getByTestId('summoned-presence')).toHaveText(/^up to 8; came in \d+\.\d% of fights reached, \d\.\d on average$/);
    await expect(page.getByTestId('enemy-row')).toHaveCount(1);
    await expect(page.getByTestId('difficulty-summoned')).toContainText('Summoned creatures (up to 8 Swarm of Bats (Vampire, Vampire Form)) are not counted');
    await bats.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`enemies-${width}.png`) });
    await shot(page, info, `results-${width}`);
    await page.getByTestId('tab-replay').click();
    const log = page.getByTestId('replay-log');
    await expect(log).toContainText(/Vampire Form uses Children of the Night: \d creatures are on the way, arriving in \d rounds?/);
    await log.getByText(/joins the fight on/).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`replay-${width}.png`) });
    // Nothing wider than the page.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
