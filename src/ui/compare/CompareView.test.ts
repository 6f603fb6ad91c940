// The comparison rendered on the server: the summary at the top, the sides labelled by what changed
// (or by time, with a note, for a result stored before results kept their scenario), six changes
// shown and the rest behind a button, and the Holm sentence.
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileScenario, simulate, type ScenarioSpec } from '../../engine/index.ts';
import { loadScenarioText } from '../../scenario/index.ts';
import { CompareView, type CompareSide } from './CompareView.tsx';

const loaded = loadScenarioText(readFileSync(new URL('../../../scenarios/reference-fight.json', import.meta.url), 'utf8'));
const spec = loaded.spec;

function side(s: ScenarioSpec, seed: number, label: string, withSpec = true): CompareSide {
  const compiled = compileScenario(s);
  return { label, aggregate: simulate(compiled, seed, 200), layout: compiled.layout, seed, createdAt: 0, ...(withSpec ? { spec: s } : {}) };
}

const testIdText = (html: string, id: string) => new RegExp(`data-testid="${id}"[^>]*>(.*?)</(p|div)>`).exec(html)?.[1] ?? '';
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('CompareView', () => {
  it('labels each side by the edit and lists what changed', () => {
    const edited = structuredClone(spec);
    const wizard = edited.party.find((c) => c.name === 'Wizard')!;
    wizard.ac -= 7;
    const html = renderToStaticMarkup(createElement(CompareView, {
      newest: side(edited, 1, '12:00:05'), other: side(spec, 1, '12:00:01'), otherIsBaseline: false,
    }));
    expect(testIdText(html, 'compare-side-other')).toContain(`Wizard AC ${wizard.ac + 7}`);
    expect(testIdText(html, 'compare-side-newest')).toContain(`Wizard AC ${wizard.ac}`);
    expect(html).toContain(`data-testid="compare-change">Wizard AC ${wizard.ac + 7} → ${wizard.ac}</li>`);
    expect(html).not.toContain('compare-more-changes');
    expect(html).toContain('data-testid="compare-summary"');
    expect(html).toContain("Differences are tested together (Holm&#x27;s correction at 95%), so a row marked as a real change is unlikely to be chance.");
    // Before the table: the summary comes first.
    expect(html.indexOf('compare-summary')).toBeLessThan(html.indexOf('compare-table'));
  });

  it('shows six changes and folds the rest behind a button', () => {
    const edited = structuredClone(spec);
    for (const c of edited.party) {
      c.ac += 1;
      c.hp += 1;
    }
    const html = renderToStaticMarkup(createElement(CompareView, {
      newest: side(edited, 2, 'b'), other: side(spec, 1, 'a'), otherIsBaseline: true,
    }));
    expect(count(html, 'data-testid="compare-change"')).toBe(6);
    // Four characters, two changes each, and the seed: nine; three folded.
    expect(html).toMatch(/data-testid="compare-more-changes"[^>]*>And 3 more changes</);
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('Baseline:');
  });

  it('labels by time, with a note, when the other result predates labels', () => {
    const html = renderToStaticMarkup(createElement(CompareView, {
      newest: side(spec, 2, '12:00:05'), other: side(spec, 1, '12:00:01', false), otherIsBaseline: false,
    }));
    expect(testIdText(html, 'compare-side-other')).toContain('12:00:01');
    expect(testIdText(html, 'compare-side-newest')).toContain('12:00:05');
    expect(testIdText(html, 'compare-labels-note')).toContain('stored by an earlier version');
    expect(html).not.toContain('data-testid="compare-change"');
  });
});
