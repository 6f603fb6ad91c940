// "Find a fight" in real Chromium, with real workers and IndexedDB: a Hard fight for the level-2
// party of five, drawn from undead of CR 1/4 to 3, searched through the request queue while the
// verdict bar keeps the scenario's own answer; the proposals are the ones the same search gives in
// Node (each evaluation simulated here, as the app's requests are); the first goes into the day as
// a new fight with exactly its monsters, and Undo takes it away. A filter that matches nothing says
// which. Screenshots at a phone and a laptop size, with no control under 24 px and no sideways scroll.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { simulate } from '../src/engine/index.ts';
import { BAND_PRESETS } from '../src/scenario/analysis/bands.ts';
import { poolFrom, type PoolFilter } from '../src/scenario/analysis/encounter-pool.ts';
import { findEncounterMachine } from '../src/scenario/analysis/find-encounter-machine.ts';
import { compendiumFromData } from '../src/scenario/content/srd/compendium.ts';
import { loadScenarioText } from '../src/scenario/index.ts';
import { fits } from './layout.ts';
import { focusedId } from './requests.ts';

const GHOULS_TEXT = readFileSync(new URL('../scenarios/ghouls-level-2.json', import.meta.url), 'utf8');
const ghouls = loadScenarioText(GHOULS_TEXT, 'ghouls-level-2.json');
const SRD51 = compendiumFromData(JSON.parse(readFileSync(new URL('../src/scenario/content/srd/srd-monsters.json', import.meta.url), 'utf8')));
const UNDEAD: PoolFilter = { crMin: 0.25, crMax: 3, types: ['undead'], names: [], edition: null };
// The panel's "Quick" effort: 30 candidates, 20,000 runs.
const QUICK = { maxCandidates: 30, maxRuns: 20_000 };

/** The same search in Node: the machine driven by a loop, each evaluation's runs [0, n) simulated here. */
function expected() {
  const pool = poolFrom([{ source: 'SRD 5.1', edition: '2014', compendium: SRD51 }], UNDEAD, '2014');
  let state = findEncounterMachine.start(ghouls.spec, {
    encounter: 1, scope: 'encounter', band: BAND_PRESETS.hard, pool, kinds: 2, maxPerKind: 10, maxTotal: 12, ...QUICK,
  });
  let evaluations = 0;
  for (let ev = findEncounterMachine.next(ghouls.spec, state); ev; ev = findEncounterMachine.next(ghouls.spec, state)) {
    evaluations++;
    state = findEncounterMachine.record(state, ev, simulate(ev.spec, ev.seed, ev.runs));
  }
  return { answer: findEncounterMachine.result(state), evaluations, pool };
}

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

async function openGhouls(page: Page, query = '?debounceMs=100'): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('scenario-name')).toHaveValue(/.+/);
  await page.getByTestId('tab-files').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'ghouls-level-2.json', mimeType: 'application/json', buffer: Buffer.from(GHOULS_TEXT) });
  await expect(page.getByTestId('scenario-name')).toHaveValue(ghouls.name);
  await page.getByTestId('tab-day').click();
}

async function shots(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const [w, h] of [[390, 844], [1366, 900]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('find-fight').scrollIntoViewIfNeeded();
    await fits(page, w, 'find-fight');
    await page.getByTestId('find-fight').screenshot({ path: info.outputPath(`${name}-${w}.png`) });
  }
}

/** A new fight at the end of the day, judged alone, Hard, from undead of CR 1/4 to 3, with the Quick effort. */
async function askUndead(page: Page, poolSize: number): Promise<void> {
  await page.getByTestId('find-fight-open').click();
  await page.getByTestId('find-fight-target').selectOption('1');
  await page.getByTestId('find-fight-scope-encounter').check();
  await page.getByTestId('find-fight-cr-min').selectOption('0.25');
  await page.getByTestId('find-fight-cr-max').selectOption('3');
  await page.getByTestId('find-fight-type-undead').check();
  await expect(page.getByTestId('find-fight-pool')).toHaveAttribute('data-size', String(poolSize));
  await expect(page.getByTestId('find-fight-pool')).toContainText(`Undead of CR 1/4 to 3 from the SRD 5.1: ${poolSize} monsters (Skeleton, CR 1/4;`);
  await page.getByTestId('find-fight-effort').selectOption('quick');
  await page.getByTestId('find-fight-band-hard').check();
  await page.getByTestId('find-fight-run').click();
}

const progress = (page: Page) => page.getByTestId('find-fight-progress');

test('a Hard fight from undead of CR 1/4 to 3: proposed, added to the day as a new fight, and undone', async ({ page }, info) => {
  test.setTimeout(240_000);
  const want = expected();
  expect(want.answer.proposals.length).toBeGreaterThan(0);
  await openGhouls(page);
  await expect(page.getByTestId('verdict-bar')).toHaveAttribute('data-state', 'firm', { timeout: 60_000 });
  const verdict = await page.getByTestId('victory-probability').textContent();
  const shown = await focusedId(page);

  const started = Date.now();
  await askUndead(page, want.pool.length);
  await expect(progress(page)).toHaveAttribute('data-status', 'running');
  await shots(page, info, 'find-fight-running');
  await expect(progress(page)).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  const wallMs = Date.now() - started;

  // Exactly the proposals of the same search in Node, in its order, after exactly its evaluations.
  const proposals = page.getByTestId('find-fight-proposal');
  await expect(proposals).toHaveCount(want.answer.proposals.length);
  for (const [i, p] of want.answer.proposals.entries()) await expect(proposals.nth(i)).toHaveAttribute('data-label', p.label);
  expect(Number(await progress(page).getAttribute('data-asked'))).toBe(want.evaluations);
  const t = want.answer.tried;
  await expect(page.getByTestId('find-fight-tried')).toContainText(`Of these ${t.evaluated} candidates, the 95% intervals put ${t.inBand} in the band and ${t.out} out of it, and left ${t.undecided} undecided`);
  const first = want.answer.proposals[0];
  const down = `someone goes down in ${+(first.measures.down.p * 100).toFixed(1)}%`;
  await expect(proposals.first()).toContainText(`${first.label}: Hard — ${down}`);
  await expect(proposals.first()).toContainText(/XP difficulty: \w+ by the 2014 tables .* by the 2024 tables/);
  console.log(`Find a fight, undead CR 1/4-3 at Hard (quick): ${want.answer.proposals.length} proposals, first ${first.label}; ${want.evaluations} evaluations;`
    + ` ${await progress(page).getAttribute('data-elapsed-ms')} ms by the search's clock, ${wallMs} ms from the click; ${await page.getByTestId('find-fight-timing').textContent()}`);
  // Meanwhile the answer on screen stayed the scenario's.
  expect(await focusedId(page)).toBe(shown);
  await expect(page.getByTestId('victory-probability')).toHaveText(verdict!);

  // Its intervals, one click away.
  await proposals.first().locator('summary').click();
  await expect(proposals.first().locator('table')).toContainText(/Someone goes down\d+\.\d% \d+\.\d% to \d+\.\d%/);
  await shots(page, info, 'find-fight-answered');

  // "Add to the day": a new last fight with exactly these monsters, as one edit that Undo takes back.
  await expect(page.getByTestId('encounter')).toHaveCount(1);
  await proposals.first().getByTestId('find-fight-add').click();
  await expect(page.getByTestId('encounter')).toHaveCount(2);
  const fight = page.getByTestId('encounter').nth(1);
  await expect(fight.getByTestId('encounter-name')).toHaveValue(first.label);
  const enemies = fight.getByTestId('enemy');
  await expect(enemies).toHaveCount(first.monsters.length);
  for (const [i, m] of first.monsters.entries()) {
    await expect(enemies.nth(i).getByTestId('creature-name')).toHaveValue(m.name);
    await expect(enemies.nth(i).getByTestId('creature-count')).toHaveValue(String(m.count));
  }
  await expect(page.getByTestId('find-fight-note')).toContainText(`Encounter 2, "${first.label}", is now the last fight of the day`);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('encounter')).toHaveCount(1);
});

test('a search survives a reload: its checkpoint, stat blocks and all, carries it on from where it was', async ({ page }) => {
  test.setTimeout(240_000);
  const want = expected();
  // Nothing else runs: the requests counted are the search's own.
  await openGhouls(page, '?answerOnOpen=off');
  await askUndead(page, want.pool.length);
  await expect.poll(async () => Number(await progress(page).getAttribute('data-evaluations')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.reload();
  await expect(page.getByTestId('find-fight-restored')).toBeVisible({ timeout: 30_000 });
  const kept = Number(await progress(page).getAttribute('data-resumed-evaluations'));
  expect(kept).toBeGreaterThanOrEqual(3);
  await expect(progress(page)).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  // Not from zero: exactly the evaluations the checkpoint lacked are asked for after the reload.
  expect(Number(await progress(page).getAttribute('data-asked'))).toBe(want.evaluations - kept);
  const proposals = page.getByTestId('find-fight-proposal');
  await expect(proposals).toHaveCount(want.answer.proposals.length);
  await expect(proposals.first()).toHaveAttribute('data-label', want.answer.proposals[0].label);
});

test('a filter that matches nothing says which, and nothing can be started', async ({ page }) => {
  await openGhouls(page);
  await page.getByTestId('find-fight-open').click();
  await page.getByTestId('find-fight-names').fill('Ghol');
  await expect(page.getByTestId('find-fight-pool-problem')).toHaveText('No monster to draw from: name=Ghol matches no monster of the SRD 5.1; did you mean "Ghoul", "Ghost", "Gnoll"?');
  await expect(page.getByTestId('find-fight-run')).toBeDisabled();
  await page.getByTestId('find-fight-names').fill('');
  await page.getByTestId('find-fight-cr-min').selectOption('5');
  await page.getByTestId('find-fight-cr-max').selectOption('2');
  await expect(page.getByTestId('find-fight-pool-problem')).toHaveText('CR from 5 is above CR to 2.');
  await page.getByTestId('find-fight-cr-min').selectOption('10');
  await page.getByTestId('find-fight-cr-max').selectOption('12');
  await page.getByTestId('find-fight-type-undead').check();
  await expect(page.getByTestId('find-fight-pool-problem')).toHaveText('No monster to draw from: no monster of the SRD 5.1 passes all of cr=10-12,type=undead together.');
  await page.getByTestId('find-fight-cr-min').selectOption('');
  await page.getByTestId('find-fight-cr-max').selectOption('');
  await page.getByTestId('find-fight-type-undead').uncheck();
  await expect(page.getByTestId('find-fight-pool-problem')).toContainText(`${SRD51.monsters.length} monsters match; narrow the filters to 40 or fewer`);
  await expect(page.getByTestId('find-fight-run')).toBeDisabled();
});
