// A DM's first minutes, at a phone's width and a laptop's: the first visit answers without a click,
// the answer stays in view (the verdict bar) while the day is edited far down the page, the engine's
// controls wait behind Advanced, and no screen has a control too small to hit, a select that cuts
// off its choices, or a page wider than the window.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectOnScreen } from './layout.ts';

const SIZES = [[390, 844], [1366, 900]] as const;
const SCREENS = ['party', 'day', 'results', 'compare', 'replay', 'sweep', 'queue', 'files'] as const;

async function firstAnswer(page: Page): Promise<void> {
  await expect(page.getByTestId('verdict-bar')).toHaveAttribute('data-state', 'firm', { timeout: 60_000 });
}

/** Controls smaller than 24 px, selects whose longest choice does not fit, and the page's overflow. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && el.closest('[hidden]') === null;
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).value || '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll('button, select, input, summary, [role=tab], a[href]')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      const input = el as HTMLInputElement;
      const box = el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio');
      // A checkbox counts with its label when the label is the hit area around it.
      const hit = box && el.closest('label') ? el.closest('label')!.getBoundingClientRect() : r;
      if (hit.height < 24 || (box && hit.width < 24)) problems.push(`${name(el)} is ${Math.round(hit.width)}x${Math.round(hit.height)} px`);
    }
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll('select')) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = Math.max(...[...el.options].map((o) => canvas.measureText(o.text).width));
      // Room for the text: the box less its padding and the arrow (about 20 px).
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      if (longest > room + 1) problems.push(`${name(el)} cuts off its longest choice (${Math.round(longest)} px of text in ${Math.round(room)} px)`);
    }
    const wide = document.documentElement.scrollWidth - window.innerWidth;
    if (wide > 1) problems.push(`the page is ${wide} px wider than the window`);
    return problems;
  });
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

for (const [width, height] of SIZES) {
  test.describe(`at ${width}x${height}`, () => {
    test.use({ viewport: { width, height } });

    test('a first visit answers without a click, in words and in the bar, with the engine behind Advanced', async ({ page }, info) => {
      page.on('pageerror', (e) => {
        throw e;
      });
      await page.goto('/');
      await firstAnswer(page);
      await expectOnScreen(page, 'verdict-bar');
      await expect(page.getByTestId('victory-probability')).toHaveText(/^\d{1,3}\.\d%$/);
      await expect(page.getByTestId('verdict-status')).toHaveText(/^Firm: 10,000 runs$/);
      await expect(page.getByTestId('verdict-words')).toContainText(/^The party wins .* of fights\./);
      // The engine's controls are one click away, not on the first screen.
      await expect(page.getByTestId('seed-input')).toBeHidden();
      await expect(page.getByTestId('aggregate-digest')).toBeHidden();
      await page.getByTestId('advanced-summary').click();
      await expect(page.getByTestId('seed-input')).toBeVisible();
      await expect(page.getByTestId('aggregate-digest')).toBeVisible();
      await shot(page, info, `first-visit-${width}`);
    });

    test('an edit at the bottom of the Day screen shows its answer in the bar, in view', async ({ page }, info) => {
      await page.goto('/?debounceMs=100');
      await firstAnswer(page);
      const before = await page.getByTestId('victory-probability').textContent();
      await page.getByTestId('tab-day').click();
      const lastCount = page.getByTestId('enemy').last().getByTestId('creature-count');
      await lastCount.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      // Four more ogres: the answer must change, and be seen where the DM is looking.
      await lastCount.fill('5');
      await expectOnScreen(page, 'verdict-bar');
      await expect(page.getByTestId('verdict-bar')).not.toHaveAttribute('data-state', 'firm');
      await firstAnswer(page);
      await expectOnScreen(page, 'verdict-bar');
      await expect(page.getByTestId('victory-probability')).not.toHaveText(before!);
      await expect(page.getByTestId('verdict-at-risk')).not.toHaveText('—');
      await page.screenshot({ path: info.outputPath(`day-edited-${width}.png`) });
    });

    test('every screen: controls of at least 24 px, selects that show their choices, nothing wider than the window', async ({ page }, info) => {
      test.setTimeout(120_000);
      await page.goto('/');
      await firstAnswer(page);
      const problems: string[] = [];
      for (const id of SCREENS) {
        await page.getByTestId(`tab-${id}`).click();
        await page.waitForTimeout(300);
        for (const p of await layoutProblems(page)) problems.push(`${id}: ${p}`);
        await shot(page, info, `${id}-${width}`);
      }
      expect(problems).toEqual([]);
    });
  });
}
