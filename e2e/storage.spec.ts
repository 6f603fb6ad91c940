// Results kept in IndexedDB, in real Chromium: a reload finds the result without running again; a
// tweak shows the newest and previous results side by side; a page closed mid-run resumes from its
// checkpoint and ends with the uninterrupted aggregate; a damaged stored blob is named and the
// other slot still shown; two tabs on one scenario run it once.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { simulate } from '../src/engine/index.ts';
import { aggregateDigest } from '../src/runtime/digest.ts';
import { loadScenarioText } from '../src/scenario/index.ts';
import { openAdvanced } from './advanced.ts';

const reference = loadScenarioText(readFileSync(new URL('../scenarios/reference-fight.json', import.meta.url), 'utf8'), 'reference-fight.json');

/** What an uninterrupted run of the reference fight gives, computed here in Node. */
function expected(seed: number, runs: number): { digest: string; victories: number } {
  const agg = simulate(reference.spec, seed, runs);
  return { digest: aggregateDigest(agg), victories: agg.dayVictory };
}

async function submit(page: Page, options: { runs: number; seed: number }): Promise<void> {
  await openAdvanced(page);
  await page.getByTestId('target-select').selectOption('runs');
  await page.getByTestId('runs-input').fill(String(options.runs));
  await page.getByTestId('seed-input').fill(String(options.seed));
  await page.getByTestId('submit-button').click();
}

async function open(page: Page, role: 'leader' | 'follower' = 'leader'): Promise<void> {
  // These tests count stored results and requests: the scenario on screen is not answered until they ask.
  await page.goto('/?answerOnOpen=off');
  await expect(page.getByTestId('tab-role')).toHaveAttribute('data-value', role);
  // Requests and storage are on the Queue screen, which a reload of the tab keeps open.
  await page.getByTestId('tab-queue').click();
}

const runsSimulated = async (page: Page) => Number(await page.getByTestId('runtime-stats').getAttribute('data-runs-simulated'));
const runsCompleted = async (page: Page) => Number(await page.getByTestId('runs-completed').getAttribute('data-value'));

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

// Enough runs that the store has answered long before they could all be made again.
const RELOADED_RUNS = 200_000;

test('run, reload: the result is there and is answered again from storage', async ({ page }) => {
  await open(page);
  await submit(page, { runs: RELOADED_RUNS, seed: 11 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  const digest = await page.getByTestId('aggregate-digest').textContent();
  expect(digest).toBe(expected(11, RELOADED_RUNS).digest);
  await expect(page.getByTestId('slot-newest')).toHaveAttribute('data-seed', '11');

  await page.reload();
  await expect(page.getByTestId('tab-role')).toHaveAttribute('data-value', 'leader');
  await expect(page.getByTestId('slot-newest')).toHaveAttribute('data-seed', '11');
  await expect(page.getByTestId('slot-newest').getByTestId('slot-digest')).toHaveText(digest!);
  await expect(page.getByTestId('storage-results')).toHaveAttribute('data-value', '1');
  await submit(page, { runs: RELOADED_RUNS, seed: 11 });
  await expect(page.getByTestId('request-status')).toHaveText('completed');
  await expect(page.getByTestId('request-detail')).toHaveText('answered from stored results');
  await expect(page.getByTestId('aggregate-digest')).toHaveText(digest!);
  // The first chunks go to the workers without waiting for the store's lookup, so some runs may be
  // made (and thrown away) before the store answers, but the request is not run again in full.
  expect(await runsSimulated(page)).toBeLessThan(RELOADED_RUNS);
  const ratio = Number(await page.getByTestId('storage-ratio').getAttribute('data-value'));
  const stored = Number(await page.getByTestId('storage-bytes').getAttribute('data-value'));
  const raw = Number(await page.getByTestId('storage-raw-bytes').getAttribute('data-value'));
  console.log(`stored result of ${RELOADED_RUNS.toLocaleString('en-US')} runs: ${raw} bytes raw, ${stored} bytes stored, ratio ${ratio}`);
  expect(ratio).toBeGreaterThan(1);
});

test('a tweak shows the newest and the previous result side by side; a pinned baseline stays', async ({ page }, testInfo) => {
  await open(page);
  await submit(page, { runs: 20_000, seed: 21 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  await submit(page, { runs: 30_000, seed: 22 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  const newest = page.getByTestId('slot-newest');
  const previous = page.getByTestId('slot-previous');
  await expect(newest).toHaveAttribute('data-seed', '22');
  await expect(newest).toHaveAttribute('data-runs', '30000');
  await expect(previous).toHaveAttribute('data-seed', '21');
  await expect(previous).toHaveAttribute('data-runs', '20000');
  const want21 = expected(21, 20_000);
  await expect(previous.getByTestId('slot-victory')).toHaveText(`${((want21.victories / 20_000) * 100).toFixed(1)}%`);
  await expect(newest.getByTestId('slot-defeat')).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(page.getByTestId('slot-change')).toContainText('Against the previous result');

  // Pin the older one as a baseline: the next result replaces the newest, never the baseline.
  await previous.getByTestId('pin-button').click();
  await expect(previous).toContainText('Baseline (pinned)');
  await submit(page, { runs: 20_000, seed: 23 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  await expect(newest).toHaveAttribute('data-seed', '23');
  await expect(previous).toHaveAttribute('data-seed', '21');
  await expect(page.getByTestId('slot-change')).toContainText('Against the baseline');

  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('result-slots').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`slots-${w}x${h}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
  }
});

test('a page closed mid-run resumes from its checkpoint and ends with the uninterrupted aggregate', async ({ page, context }) => {
  test.setTimeout(180_000);
  const runs = 2_000_000;
  const seed = 31;
  await open(page);
  await submit(page, { runs, seed });
  await expect(page.getByTestId('request-status')).toHaveText('running');
  // Wait for a checkpoint with runs in it, then close the page as a crash or a closed tab would.
  await expect.poll(async () => Number(await page.getByTestId('last-checkpoint').getAttribute('data-runs')), { timeout: 30_000 }).toBeGreaterThan(0);
  const checkpointed = Number(await page.getByTestId('last-checkpoint').getAttribute('data-runs'));
  await page.close();

  const again = await context.newPage();
  again.on('pageerror', (e) => {
    throw e;
  });
  const reopenedAt = Date.now();
  await again.goto('/?answerOnOpen=off');
  await again.getByTestId('tab-queue').click();
  // Nothing is submitted again: the saved queue comes back by itself, with its runs.
  await expect(again.getByTestId('storage-resumed')).toBeVisible();
  const resumedRuns = Number(await again.getByTestId('storage-resumed').getAttribute('data-runs'));
  await expect(again.getByTestId('live-progress')).toBeVisible();
  const atReopen = await runsCompleted(again);
  console.log(`closed after a checkpoint of ${checkpointed} runs; reopened with ${resumedRuns} runs resumed, ${atReopen} shown, ${Date.now() - reopenedAt} ms after navigation`);
  expect(resumedRuns).toBeGreaterThanOrEqual(checkpointed);
  expect(resumedRuns).toBeLessThan(runs);
  expect(atReopen).toBeGreaterThan(0);
  expect(atReopen).toBeLessThan(runs);
  await expect(again.getByTestId('request-status')).toHaveText('completed', { timeout: 120_000 });
  await expect(again.getByTestId('runs-completed')).toHaveAttribute('data-value', String(runs));
  // Only the runs missing from the checkpoint were simulated in this page.
  expect(await runsSimulated(again)).toBe(runs - resumedRuns);
  const want = expected(seed, runs);
  await expect(again.getByTestId('aggregate-digest')).toHaveText(want.digest);
  await expect(again.getByTestId('victory-probability')).toHaveText(`${((want.victories / runs) * 100).toFixed(1)}%`);
  await expect(again.getByTestId('storage-checkpoints')).toHaveAttribute('data-value', '0');
});

test('a damaged stored blob is named after a reload, and the other slot is still shown', async ({ page }, testInfo) => {
  await open(page);
  await submit(page, { runs: 20_000, seed: 41 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  await submit(page, { runs: 20_000, seed: 42 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  await expect(page.getByTestId('slot-previous')).toHaveAttribute('data-seed', '41');
  const newestKey = await page.getByTestId('slot-newest').getAttribute('data-key');

  // Flip bytes inside the stored blob of the newest result, with IndexedDB itself.
  const flipped = await page.evaluate((key) => new Promise<number>((resolve, reject) => {
    const req = indexedDB.open('encounter-lab');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('results', 'readwrite');
      const store = tx.objectStore('results');
      const get = store.get(key!);
      get.onsuccess = () => {
        const record = get.result;
        const blob = new Uint8Array(record.blob);
        const at = blob.length - 10;
        for (let i = at; i < at + 4; i++) blob[i] ^= 0x5a;
        record.blob = blob;
        store.put(record);
      };
      tx.oncomplete = () => {
        db.close();
        resolve(1);
      };
      tx.onerror = () => reject(tx.error);
    };
  }), newestKey);
  expect(flipped).toBe(1);

  await page.reload();
  const newest = page.getByTestId('slot-newest');
  await expect(newest).toHaveAttribute('data-state', 'damaged');
  await expect(newest.getByTestId('slot-error')).toContainText(/damaged: (it does not decompress|its checksum does not match|its size does not match)/);
  await expect(page.getByTestId('slot-previous')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('slot-previous')).toHaveAttribute('data-seed', '41');
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: testInfo.outputPath(`storage-${w}x${h}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // Asking for the damaged one again runs it (the damage is reported, never trusted) and replaces it.
  await submit(page, { runs: 20_000, seed: 42 });
  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 30_000 });
  await expect(page.getByTestId('request-detail')).toHaveCount(0);
  await expect(page.getByTestId('storage-error').first()).toContainText('could not be read and was skipped');
  await expect(page.getByTestId('aggregate-digest')).toHaveText(expected(42, 20_000).digest);
  await expect(page.getByTestId('slot-newest')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('slot-newest')).toHaveAttribute('data-seed', '42');
});

test('two tabs on the same scenario run it once', async ({ page, context }) => {
  test.setTimeout(120_000);
  const runs = 1_000_000;
  const seed = 51;
  await open(page, 'leader');
  const second = await context.newPage();
  second.on('pageerror', (e) => {
    throw e;
  });
  await open(second, 'follower');
  await expect(second.getByTestId('worker-count')).toHaveAttribute('data-value', await page.getByTestId('worker-count').getAttribute('data-value') as string);

  await submit(page, { runs, seed });
  await expect(page.getByTestId('request-status')).toHaveText('running');
  await submit(second, { runs, seed });
  // The follower shows the leader's request, with its progress.
  await expect(second.getByTestId('focused-request')).toContainText('answers 2 submissions');
  await expect.poll(() => runsCompleted(second)).toBeGreaterThan(0);
  await expect(page.getByTestId('request-row')).toHaveCount(1);
  await expect(second.getByTestId('request-row')).toHaveCount(1);

  await expect(page.getByTestId('request-status')).toHaveText('completed', { timeout: 90_000 });
  await expect(second.getByTestId('request-status')).toHaveText('completed', { timeout: 10_000 });
  const want = expected(seed, runs).digest;
  await expect(page.getByTestId('aggregate-digest')).toHaveText(want);
  await expect(second.getByTestId('aggregate-digest')).toHaveText(want);
  // Every run was simulated once, in one tab.
  expect(await runsSimulated(page)).toBe(runs);
  await expect(second.getByTestId('runtime-stats')).toHaveAttribute('data-runs-simulated', String(runs));
  await openAdvanced(second);
  await expect(second.getByTestId('slot-newest')).toHaveAttribute('data-seed', String(seed));
});

test('when the leading tab closes mid-run, the other tab takes over from the checkpoint and finishes exactly', async ({ page, context }) => {
  test.setTimeout(120_000);
  const runs = 1_000_000;
  const seed = 61;
  await open(page, 'leader');
  const second = await context.newPage();
  second.on('pageerror', (e) => {
    throw e;
  });
  await open(second, 'follower');
  await submit(second, { runs, seed });
  await expect(second.getByTestId('request-status')).toHaveText('running');
  await expect(page.getByTestId('request-row')).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => Number(await page.getByTestId('last-checkpoint').getAttribute('data-runs')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.close();
  await expect(second.getByTestId('tab-role')).toHaveAttribute('data-value', 'leader');
  await expect(second.getByTestId('storage-resumed')).toBeVisible();
  const resumed = Number(await second.getByTestId('storage-resumed').getAttribute('data-runs'));
  expect(resumed).toBeGreaterThan(0);
  await expect(second.getByTestId('request-status')).toHaveText('completed', { timeout: 90_000 });
  await expect(second.getByTestId('aggregate-digest')).toHaveText(expected(seed, runs).digest);
  expect(await runsSimulated(second)).toBe(runs - resumed);
});
