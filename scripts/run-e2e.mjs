// Runs the Playwright suite and says which Chromium it drives. Debian's Chromium
// (apt-get install chromium) is preferred; Playwright's own download is the fallback.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const system = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (system) {
  console.log(`end-to-end: using Chromium at ${system}`);
} else {
  console.log('end-to-end: no system Chromium found; using Playwright\'s own browser (npx playwright install chromium)');
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
