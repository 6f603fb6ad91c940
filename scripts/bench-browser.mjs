// Browser throughput of the simulation runtime: builds the app, serves it with `vite preview` on
// port 4174, drives the simulation panel in Chromium (Debian's /usr/bin/chromium, or CHROME_PATH)
// with 1 worker and with all workers on the reference fight, prints runs per second and writes
// bench/results/browser.json. Figures only: nothing is asserted.
//
//   node scripts/bench-browser.mjs [--no-build] [--seconds 3]
//   import { runBrowserBench } from './scripts/bench-browser.mjs'; await runBrowserBench({ seconds: 3, repeats: 3 });
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('../', import.meta.url));
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const PORT = 4174;
const URL_BASE = `http://localhost:${PORT}/`;
// The same launch arguments as playwright.config.ts.
const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

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

/** Submits `runs` runs through the panel and returns the milliseconds until the status reads completed. */
async function timedRun(page, runs, seed) {
  await page.getByTestId('target-select').selectOption('runs');
  await page.getByTestId('runs-input').fill(String(runs));
  await page.getByTestId('seed-input').fill(String(seed));
  return page.evaluate(() => new Promise((resolve) => {
    const started = performance.now();
    const focusedId = () => document.querySelector('[data-testid=focused-request]')?.getAttribute('data-request-id');
    const before = focusedId();
    const status = () => document.querySelector('[data-testid=request-status]')?.textContent;
    const observer = new MutationObserver(() => {
      // The new request, not the one shown before the click.
      if (focusedId() !== before && (status() === 'completed' || status() === 'failed')) {
        observer.disconnect();
        resolve({ ms: performance.now() - started, status: status(), runs: Number(document.querySelector('[data-testid=runs-completed]')?.getAttribute('data-value')) });
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    document.querySelector('[data-testid=submit-button]').click();
  }));
}

async function measure(browser, workers, seconds, repeats) {
  const page = await browser.newPage();
  await page.goto(`${URL_BASE}?workers=${workers}`);
  const mode = await page.getByTestId('runtime-mode').getAttribute('data-mode');
  // Warm-up: workers start and the JIT compiles the engine; the second request gives a speed estimate.
  let seed = 1;
  let estimate = 0;
  for (const warmRuns of [20_000 * workers, 100_000 * workers]) {
    const warm = await timedRun(page, warmRuns, seed++);
    if (warm.status !== 'completed') throw new Error(`warm-up request ${warm.status}`);
    estimate = (warmRuns / warm.ms) * 1000;
  }
  const runs = Math.max(50_000, Math.round((estimate * seconds) / 1000) * 1000);
  const samples = [];
  for (let i = 0; i < repeats; i++) {
    // A new seed each time: the same key would be answered from the result store.
    const run = await timedRun(page, runs, seed++);
    if (run.status !== 'completed') throw new Error(`measured request ${run.status}`);
    if (run.runs !== runs) throw new Error(`the measured request shows ${run.runs} runs, not ${runs}`);
    samples.push(run.ms);
  }
  await page.close();
  const ms = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return {
    workers, mode, runs, repeats, medianElapsedMs: Math.round(ms), runsPerSecond: Math.round((runs / ms) * 1000),
    allRunsPerSecond: samples.map((t) => Math.round((runs / t) * 1000)),
  };
}

export async function runBrowserBench({ build = true, seconds = 3, repeats = 3, out = new URL('../bench/results/browser.json', import.meta.url) } = {}) {
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
    const probe = await browser.newPage();
    await probe.goto(URL_BASE);
    const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
    const isolated = await probe.evaluate(() => crossOriginIsolated);
    await probe.close();
    console.log(`Chromium ${browser.version()} (${executablePath ?? "Playwright's own"}), ${cores} logical cores, cross-origin isolated: ${isolated}`);
    const results = [];
    for (const workers of [...new Set([1, cores])]) {
      const r = await measure(browser, workers, seconds, repeats);
      results.push(r);
      console.log(`${String(workers).padStart(2)} worker${workers === 1 ? ' ' : 's'} (${r.mode} mode): ${r.runsPerSecond.toLocaleString('en-US').padStart(9)} runs/s  (median of ${r.repeats} requests of ${r.runs.toLocaleString('en-US')} runs, ${(r.medianElapsedMs / 1000).toFixed(2)} s each)`);
    }
    const report = {
      date: new Date().toISOString(), scenario: 'reference-fight', browser: `Chromium ${browser.version()}`,
      hardwareConcurrency: cores, crossOriginIsolated: isolated, note: 'wall time from Simulate to completed, through the UI, after two warm-up requests; median of repeats', results,
    };
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
  const secondsAt = args.indexOf('--seconds');
  runBrowserBench({ build: !args.includes('--no-build'), seconds: secondsAt >= 0 ? Number(args[secondsAt + 1]) : 3 }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
