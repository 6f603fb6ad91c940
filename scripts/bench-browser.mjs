// The app measured in headless Chromium (Debian's /usr/bin/chromium, or CHROME_PATH): builds it,
// serves it with `vite preview` on BENCH_PORT (4174 unless set), and drives the real page on the
// reference fight. Three measurements, figures only (nothing is asserted):
//   - time to answer: from the click on Simulate (or the edit, or the page's navigation) to the
//     figure in the verdict bar, for the first request after the page loads, for later requests,
//     for the first visit (answered without a click) and for an edit;
//   - heap: many simulations in one page, with the JS heap after a forced GC, DOM nodes and event
//     listeners read through the DevTools protocol before and after;
//   - throughput: runs per second with one worker and with all.
// Writes bench/results/browser.json.
//
//   node scripts/bench-browser.mjs [--no-build] [--seconds 3] [--only answer,heap,throughput] [--simulations 200]
//   import { runBrowserBench } from './scripts/bench-browser.mjs'; await runBrowserBench({ seconds: 3, repeats: 3 });
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('../', import.meta.url));
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 4174);
const URL_BASE = `http://localhost:${PORT}/`;
// The same launch arguments as playwright.config.ts.
const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** The runs of the firm answer the app gives by default. */
const FIRM_ANSWER_RUNS = 10_000;
/** Simulations before the heap's first figure: more than the finished requests the app keeps (20). */
const WARM_UP_SIMULATIONS = 25;
/** The pause after an edit before it is simulated, given in the address so the figure subtracts the right one. */
const EDIT_DEBOUNCE_MS = 300;

function chromiumPath() {
  return process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

async function waitForServer(url, timeoutMs) {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};
const round1 = (x) => (x === null ? null : Math.round(x * 10) / 10);

/** Fills the run settings behind Advanced (opened when it is closed). */
async function fillSettings(page, { runs, seed, priority = 'normal' }) {
  const details = page.getByTestId('advanced');
  if (!(await details.evaluate((d) => d.open))) await page.getByTestId('advanced-summary').click();
  await page.getByTestId('target-select').selectOption('runs');
  await page.getByTestId('runs-input').fill(String(runs));
  await page.getByTestId('seed-input').fill(String(seed));
  await page.getByTestId('priority-select').selectOption(priority);
}

/**
 * Clicks Simulate and resolves, in the page's clock, with the milliseconds until the new request's
 * runs are all in the verdict bar's figure (`allRunsMs`), until the bar calls that answer firm
 * (`firmMs`: every run merged) and until the request is completed (`completedMs`: its replays
 * made and the result stored, which no longer hold the answer back). Measured when the DOM changes.
 */
async function clickAndTime(page, runs) {
  return page.evaluate((wanted) => new Promise((resolve) => {
    const q = (id) => document.querySelector(`[data-testid=${id}]`);
    const focusedId = () => q('focused-request')?.getAttribute('data-request-id');
    const before = focusedId();
    let allRunsMs = null;
    let firmMs = null;
    const started = performance.now();
    const look = () => {
      if (focusedId() === before) return false;
      const status = q('request-status')?.textContent;
      const shownRuns = Number(q('runs-completed')?.getAttribute('data-value'));
      const now = performance.now() - started;
      if (allRunsMs === null && shownRuns === wanted && q('victory-probability')?.textContent !== '—') allRunsMs = now;
      if (status === 'failed' || status === 'cancelled') return { status, allRunsMs, firmMs: null, completedMs: null, runs: shownRuns };
      if (firmMs === null && shownRuns === wanted && q('verdict-bar')?.getAttribute('data-state') === 'firm') firmMs = now;
      if (status === 'completed' && firmMs !== null) {
        return { status, allRunsMs: allRunsMs ?? firmMs, firmMs, completedMs: now, runs: shownRuns, victory: q('victory-probability')?.textContent };
      }
      return false;
    };
    const observer = new MutationObserver(() => {
      const done = look();
      if (done) {
        observer.disconnect();
        resolve(done);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    q('submit-button').click();
  }), runs);
}

/** Submits `runs` runs with `seed` through the panel and times it. */
async function timedRun(page, runs, seed) {
  await fillSettings(page, { runs, seed });
  return clickAndTime(page, runs);
}

async function openPage(browser, query) {
  // A new context each time: an empty IndexedDB, so no answer comes from a stored result.
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  await page.goto(`${URL_BASE}${query}`);
  await page.getByTestId('submit-button').and(page.locator(':enabled')).waitFor();
  return page;
}

async function closePage(page) {
  await page.context().close();
}

// ------------------------------------------------------------------ time to answer

/** The first visit, answered without a click: milliseconds from the navigation to the firm answer in the bar. */
async function firstVisit(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const mark = () => {
      const bar = document.querySelector('[data-testid=verdict-bar]');
      const state = bar?.getAttribute('data-state');
      const text = document.querySelector('[data-testid=victory-probability]')?.textContent;
      if (state && state !== 'none' && state !== 'starting' && text && text !== '—' && window.__firstFigureAt === undefined) window.__firstFigureAt = performance.now();
      if (state === 'firm' && window.__firmAt === undefined) window.__firmAt = performance.now();
    };
    new MutationObserver(mark).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.goto(URL_BASE);
  await page.waitForFunction(() => window.__firmAt !== undefined, null, { timeout: 30_000 });
  const figures = await page.evaluate(() => ({
    firstFigureMs: window.__firstFigureAt,
    firmMs: window.__firmAt,
    domContentLoadedMs: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
  }));
  await context.close();
  return figures;
}

/**
 * An edit on the Day screen (the last enemy's count): milliseconds from the end of the debounce to
 * the first new figure in the bar, that figure and the firm one (party victory, percent).
 */
async function timeEdits(page, counts) {
  await page.getByTestId('tab-day').click();
  await page.getByTestId('enemy').last().getByTestId('creature-count').waitFor();
  const samples = [];
  for (const count of counts) {
    const sample = await page.evaluate(({ value, debounceMs }) => new Promise((resolve) => {
      const q = (id) => document.querySelector(`[data-testid=${id}]`);
      const inputs = document.querySelectorAll('[data-testid=enemy]');
      const input = inputs[inputs.length - 1].querySelector('[data-testid=creature-count]');
      let first = null;
      let editedAt = 0;
      const focusedId = () => q('focused-request')?.getAttribute('data-request-id');
      const before = focusedId();
      const percent = () => Number.parseFloat(q('victory-probability')?.textContent ?? '');
      const observer = new MutationObserver(() => {
        // The edit's own request (it takes the focus), not the earlier answer shown again.
        if (focusedId() === before) return;
        const state = q('verdict-bar')?.getAttribute('data-state');
        const at = performance.now() - editedAt - debounceMs;
        if (first === null && (state === 'firming' || state === 'firm')) first = { afterDebounceMs: at, victory: percent(), state };
        if (state === 'firm') {
          observer.disconnect();
          resolve({ firstAfterDebounceMs: first.afterDebounceMs, firstVictory: first.victory, firstState: first.state, firmAfterDebounceMs: at, firmVictory: percent() });
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      editedAt = performance.now();
      setter.call(input, String(value));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }), { value: count, debounceMs: EDIT_DEBOUNCE_MS });
    samples.push(sample);
    await page.waitForTimeout(200);
  }
  return samples;
}

async function measureTimeToAnswer(browser, { repeats = 5 } = {}) {
  const runs = FIRM_ANSWER_RUNS;
  // The first request after the page loads, in a fresh profile each time.
  const firstRequest = [];
  for (let i = 0; i < 3; i++) {
    const page = await openPage(browser, '?answerOnOpen=off');
    firstRequest.push(await timedRun(page, runs, 1000 + i));
    await closePage(page);
  }
  // Later requests in one page: a new seed each time, so none is answered from the result store.
  const page = await openPage(browser, '?answerOnOpen=off');
  await timedRun(page, runs, 1);
  const later = [];
  for (let i = 0; i < repeats; i++) later.push(await timedRun(page, runs, 2000 + i));
  await closePage(page);
  // The first visit, as a DM sees it.
  const visits = [];
  for (let i = 0; i < 3; i++) visits.push(await firstVisit(browser));
  // Edits: more or fewer of the last enemy, each a new scenario.
  const editPage = await openPage(browser, `?debounceMs=${EDIT_DEBOUNCE_MS}`);
  await editPage.waitForFunction(() => document.querySelector('[data-testid=verdict-bar]')?.getAttribute('data-state') === 'firm');
  const edits = await timeEdits(editPage, [3, 2, 4, 5, 6]);
  await closePage(editPage);

  const ms = (xs, k) => xs.map((x) => round1(x[k]));
  return {
    runs,
    firstRequestAfterLoad: {
      firmMs: round1(median(firstRequest.map((r) => r.firmMs))), allRunsMs: round1(median(firstRequest.map((r) => r.allRunsMs))),
      completedMs: round1(median(firstRequest.map((r) => r.completedMs))), samplesFirmMs: ms(firstRequest, 'firmMs'),
    },
    laterRequests: {
      firmMs: round1(median(later.map((r) => r.firmMs))), allRunsMs: round1(median(later.map((r) => r.allRunsMs))),
      completedMs: round1(median(later.map((r) => r.completedMs))), samplesFirmMs: ms(later, 'firmMs'), samplesAllRunsMs: ms(later, 'allRunsMs'),
    },
    firstVisit: { firmMs: round1(median(visits.map((v) => v.firmMs))), firstFigureMs: round1(median(visits.map((v) => v.firstFigureMs))), samplesFirmMs: ms(visits, 'firmMs') },
    edit: {
      debounceMs: EDIT_DEBOUNCE_MS,
      firstAnswerAfterDebounceMs: round1(median(edits.map((e) => e.firstAfterDebounceMs))),
      firmAfterDebounceMs: round1(median(edits.map((e) => e.firmAfterDebounceMs))),
      largestFirstToFirmPoints: round1(Math.max(...edits.map((e) => Math.abs(e.firstVictory - e.firmVictory)))),
      samples: edits.map((e) => ({ firstMs: round1(e.firstAfterDebounceMs), firstState: e.firstState, firmMs: round1(e.firmAfterDebounceMs), firstVictory: e.firstVictory, firmVictory: e.firmVictory })),
    },
  };
}

function printTimeToAnswer(t) {
  console.log(`Time to answer, reference fight, ${t.runs.toLocaleString('en-US')} runs (headless Chromium, medians; from the click to the figure in the verdict bar):`);
  console.log(`  first request after the page loads: firm in ${t.firstRequestAfterLoad.firmMs} ms (all runs shown in ${t.firstRequestAfterLoad.allRunsMs} ms; replayed and stored at ${t.firstRequestAfterLoad.completedMs} ms)   [${t.firstRequestAfterLoad.samplesFirmMs.join(', ')}]`);
  console.log(`  later requests, new seeds:          firm in ${t.laterRequests.firmMs} ms (all runs shown in ${t.laterRequests.allRunsMs} ms; replayed and stored at ${t.laterRequests.completedMs} ms)   [${t.laterRequests.samplesFirmMs.join(', ')}]`);
  console.log(`  first visit, no click:              firm ${t.firstVisit.firmMs} ms after navigation (first figure at ${t.firstVisit.firstFigureMs} ms)   [${t.firstVisit.samplesFirmMs.join(', ')}]`);
  console.log(`  an edit (debounce ${t.edit.debounceMs} ms):            first answer ${t.edit.firstAnswerAfterDebounceMs} ms after the debounce, firm after ${t.edit.firmAfterDebounceMs} ms; first within ${t.edit.largestFirstToFirmPoints} points of the firm one`);
}

// ------------------------------------------------------------------ heap

/**
 * JS heap after a forced GC, DOM nodes, documents and event listeners, through the DevTools
 * protocol; read once the page is quiet (the stored result read back, the screens drawn).
 */
async function heapFigures(cdp, page) {
  await page.waitForTimeout(500);
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heapMB: Math.round((usedSize / 1024 / 1024) * 100) / 100, nodes: counters.nodes, listeners: counters.jsEventListeners, documents: counters.documents };
}

/**
 * Many simulations in one page, each a new request (a new seed), with every screen built: the heap
 * after GC, DOM nodes and listeners after a warm-up and after each stretch.
 */
async function measureHeap(browser, { simulations = 200, runs = 2000, snapshotPath = null } = {}) {
  const page = await openPage(browser, '?answerOnOpen=off');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  // Every screen once, so each is built and listening while the simulations run.
  for (const tab of ['results', 'compare', 'replay', 'sweep', 'queue', 'files', 'day', 'party']) {
    const button = page.getByTestId(`tab-${tab}`);
    if (await button.count()) {
      await button.click();
      await page.waitForTimeout(150);
    }
  }
  await page.getByTestId('tab-results').click();
  let seed = 1;
  const simulate = async () => {
    // Set as a script would, not typed: typing keeps an undo step per edit in the page, which is
    // the browser's memory, not the app's.
    await page.getByTestId('seed-input').evaluate((input, value) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, String(seed++));
    const r = await clickAndTime(page, runs);
    if (r.status !== 'completed') throw new Error(`a simulation ended ${r.status}`);
  };
  await fillSettings(page, { runs, seed });
  const fresh = await heapFigures(cdp, page);
  // Warm-up: lazily loaded modules, the JIT, and as many finished requests as the app keeps in
  // memory (20; their results are in storage), so what follows shows growth, not the fill.
  for (let i = 0; i < WARM_UP_SIMULATIONS; i++) await simulate();
  const points = [{ simulations: 0, ...(await heapFigures(cdp, page)), codeMB: await compiledCodeMB(cdp) }];
  if (snapshotPath) await writeHeapSnapshot(cdp, `${snapshotPath}-start.heapsnapshot`);
  const started = Date.now();
  const every = Math.max(1, Math.round(simulations / 4));
  for (let i = 1; i <= simulations; i++) {
    await simulate();
    if (i % every === 0 || i === simulations) points.push({ simulations: i, ...(await heapFigures(cdp, page)) });
  }
  if (snapshotPath) await writeHeapSnapshot(cdp, `${snapshotPath}-end.heapsnapshot`);
  const last = points[points.length - 1];
  last.codeMB = await compiledCodeMB(cdp);
  await closePage(page);
  const first = points[0];
  return {
    simulations, runsEach: runs, seconds: Math.round((Date.now() - started) / 100) / 10, fresh, warmUpSimulations: WARM_UP_SIMULATIONS, points,
    heapGrowthMB: Math.round((last.heapMB - first.heapMB) * 100) / 100,
    compiledCodeGrowthMB: Math.round((last.codeMB - first.codeMB) * 100) / 100,
    heapGrowthWithoutCodeMB: Math.round((last.heapMB - last.codeMB - first.heapMB + first.codeMB) * 100) / 100,
    nodesGrowth: last.nodes - first.nodes, listenersGrowth: last.listeners - first.listeners,
  };
}

async function takeHeapSnapshot(cdp) {
  const chunks = [];
  const collect = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  return chunks.join('');
}

/** Writes a heap snapshot (for DevTools' Memory panel, to find what retains what). */
async function writeHeapSnapshot(cdp, path) {
  writeFileSync(path, await takeHeapSnapshot(cdp));
}

/**
 * The part of the JS heap that is V8's compiled code (its optimising compiler keeps compiling hot
 * functions for a while), from a heap snapshot: code is the engine's, not data the app keeps.
 */
async function compiledCodeMB(cdp) {
  const snapshot = JSON.parse(await takeHeapSnapshot(cdp));
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const typeAt = fields.indexOf('type'), sizeAt = fields.indexOf('self_size');
  const code = types.indexOf('code');
  let bytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) if (snapshot.nodes[i + typeAt] === code) bytes += snapshot.nodes[i + sizeAt];
  return Math.round((bytes / 1024 / 1024) * 100) / 100;
}

function printHeap(h) {
  console.log(`Heap: ${h.simulations} simulations of ${h.runsEach.toLocaleString('en-US')} runs in one page, every screen built (JS heap after a forced GC; DOM counters):`);
  console.log(`  page opened: ${h.fresh.heapMB.toFixed(2).padStart(7)} MB, ${String(h.fresh.nodes).padStart(6)} DOM nodes, ${String(h.fresh.listeners).padStart(5)} listeners; then ${h.warmUpSimulations} simulations to warm up`);
  const signed = (x) => `${x >= 0 ? '+' : ''}${x}`;
  for (const p of h.points) {
    const code = p.codeMB === undefined ? '' : ` (${p.codeMB.toFixed(2)} MB of it compiled code)`;
    console.log(`  after ${String(p.simulations).padStart(4)}: ${p.heapMB.toFixed(2).padStart(7)} MB, ${String(p.nodes).padStart(6)} DOM nodes, ${String(p.listeners).padStart(5)} listeners${code}`);
  }
  console.log(`  growth: ${signed(h.heapGrowthMB)} MB, of which ${signed(h.compiledCodeGrowthMB)} MB compiled code and ${signed(h.heapGrowthWithoutCodeMB)} MB the rest; ${signed(h.nodesGrowth)} DOM nodes, ${signed(h.listenersGrowth)} listeners (goal: within 1 MB)`);
}

// ------------------------------------------------------------------ throughput

async function measureThroughput(browser, workers, seconds, repeats) {
  const page = await openPage(browser, `?workers=${workers}&answerOnOpen=off`);
  const mode = await page.getByTestId('runtime-mode').getAttribute('data-mode');
  // Warm-up: workers start and the JIT compiles the engine; the second request gives a speed estimate.
  let seed = 1;
  let estimate = 0;
  for (const warmRuns of [20_000 * workers, 100_000 * workers]) {
    const warm = await timedRun(page, warmRuns, seed++);
    if (warm.status !== 'completed') throw new Error(`warm-up request ${warm.status}`);
    estimate = (warmRuns / warm.firmMs) * 1000;
  }
  const runs = Math.max(50_000, Math.round((estimate * seconds) / 1000) * 1000);
  const samples = [];
  for (let i = 0; i < repeats; i++) {
    // A new seed each time: the same key would be answered from the result store.
    const run = await timedRun(page, runs, seed++);
    if (run.status !== 'completed') throw new Error(`measured request ${run.status}`);
    if (run.runs !== runs) throw new Error(`the measured request shows ${run.runs} runs, not ${runs}`);
    samples.push(run.firmMs);
  }
  await closePage(page);
  const ms = median(samples);
  return {
    workers, mode, runs, repeats, medianElapsedMs: Math.round(ms), runsPerSecond: Math.round((runs / ms) * 1000),
    allRunsPerSecond: samples.map((t) => Math.round((runs / t) * 1000)),
  };
}

// ------------------------------------------------------------------ the whole bench

export async function runBrowserBench({
  build = true, seconds = 3, repeats = 3, only = ['answer', 'heap', 'throughput'], simulations = 200, heapSnapshot = null,
  out = new URL('../bench/results/browser.json', import.meta.url),
} = {}) {
  if (build) {
    const b = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const server = spawn(process.execPath, [vite, 'preview', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverOutput = '';
  server.stdout.on('data', (d) => (serverOutput += d));
  server.stderr.on('data', (d) => (serverOutput += d));
  let browser;
  try {
    await waitForServer(URL_BASE, 30_000).catch((e) => {
      throw new Error(`${e.message}\n${serverOutput}`);
    });
    const executablePath = chromiumPath();
    browser = await chromium.launch({ headless: true, args: LAUNCH_ARGS, ...(executablePath ? { executablePath } : {}) });
    const probe = await openPage(browser, '?answerOnOpen=off');
    const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
    const isolated = await probe.evaluate(() => crossOriginIsolated);
    const appWorkers = Number(await probe.getByTestId('worker-count').getAttribute('data-value'));
    await closePage(probe);
    console.log(`Chromium ${browser.version()} (${executablePath ?? "Playwright's own"}), ${cores} logical cores, cross-origin isolated: ${isolated}, the app runs ${appWorkers} worker${appWorkers === 1 ? '' : 's'}`);
    const report = {
      date: new Date().toISOString(), scenario: 'reference-fight', browser: `Chromium ${browser.version()}`,
      hardwareConcurrency: cores, crossOriginIsolated: isolated, appWorkers,
    };
    if (only.includes('answer')) {
      report.timeToAnswer = await measureTimeToAnswer(browser);
      printTimeToAnswer(report.timeToAnswer);
    }
    if (only.includes('heap')) {
      report.heap = await measureHeap(browser, { simulations, snapshotPath: heapSnapshot });
      printHeap(report.heap);
    }
    if (only.includes('throughput')) {
      const results = [];
      for (const workers of [...new Set([1, cores])]) {
        const r = await measureThroughput(browser, workers, seconds, repeats);
        results.push(r);
        console.log(`${String(workers).padStart(2)} worker${workers === 1 ? ' ' : 's'} (${r.mode} mode): ${r.runsPerSecond.toLocaleString('en-US').padStart(9)} runs/s  (median of ${r.repeats} requests of ${r.runs.toLocaleString('en-US')} runs, ${(r.medianElapsedMs / 1000).toFixed(2)} s each)`);
      }
      report.throughputNote = 'wall time from Simulate to the firm answer, through the UI, after two warm-up requests; median of repeats';
      report.results = results;
    }
    mkdirSync(new URL('./', out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Written to ${relative(root, fileURLToPath(out))}`);
    return report;
  } finally {
    await browser?.close();
    server.kill();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const value = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  runBrowserBench({
    build: !args.includes('--no-build'),
    seconds: Number(value('--seconds') ?? 3),
    only: value('--only')?.split(',') ?? undefined,
    simulations: Number(value('--simulations') ?? 200),
    heapSnapshot: value('--heap-snapshot') ?? null,
  }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
