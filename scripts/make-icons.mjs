// Renders the app icons (PNG, for the web app manifest) from SVG with headless Chromium.
// Run once after changing the artwork: node scripts/make-icons.mjs
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const mark = (size, pad) => {
  const s = size - 2 * pad;
  const p = (x, y) => `${pad + x * s},${pad + y * s}`;
  return `<polygon points="${p(0.5, 0.05)} ${p(0.91, 0.28)} ${p(0.91, 0.72)} ${p(0.5, 0.95)} ${p(0.09, 0.72)} ${p(0.09, 0.28)}" fill="#7a2e2e"/>
    <polygon points="${p(0.5, 0.22)} ${p(0.75, 0.66)} ${p(0.25, 0.66)}" fill="none" stroke="#f5e9d8" stroke-width="${s * 0.06}" stroke-linejoin="round"/>`;
};
const icons = [
  { file: 'icon-192.png', size: 192, svg: (n) => `<svg xmlns="http://www.w3.org/2000/svg" width="${n}" height="${n}">${mark(n, 0)}</svg>` },
  { file: 'icon-512.png', size: 512, svg: (n) => `<svg xmlns="http://www.w3.org/2000/svg" width="${n}" height="${n}">${mark(n, 0)}</svg>` },
  // Maskable: full-bleed background, the mark inside the central safe zone (80%).
  { file: 'icon-maskable-512.png', size: 512, svg: (n) => `<svg xmlns="http://www.w3.org/2000/svg" width="${n}" height="${n}"><rect width="${n}" height="${n}" fill="#f5e9d8"/>${mark(n, n * 0.16)}</svg>` },
];

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const icon of icons) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${icon.svg(icon.size)}</body></html>`);
  await page.screenshot({ path: `public/icons/${icon.file}`, omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
  console.log(`public/icons/${icon.file}`);
}
await browser.close();
