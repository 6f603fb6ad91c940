// Smoke renders of the result screens on the server: the test ids the end-to-end tests rely on,
// the number formats, and that names from a scenario stay text. Charts render their text
// alternative here; uPlot itself only loads in a browser.
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileScenario, replayRun, simulate, summarize, type AggregateLayout } from '../../engine/index.ts';
import { loadScenarioText } from '../../scenario/index.ts';
import type { RepresentativeReplay } from '../../runtime/types.ts';
import { CompareView } from '../compare/CompareView.tsx';
import { ReplayView } from '../replay/ReplayView.tsx';
import { openingRun } from '../replay/format-events.ts';
import { ResultsView } from './ResultsView.tsx';

function scenario(file: string) {
  const loaded = loadScenarioText(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8'));
  return compileScenario(loaded.spec);
}

const count = (html: string, needle: string) => html.split(needle).length - 1;
const testIdText = (html: string, id: string) => new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];

const threeFights = scenario('three-fights.json');
const dayAggregate = simulate(threeFights, 3, 300);
const duel = scenario('duel.json');
const duelAggregate = simulate(duel, 3, 300);

describe('ResultsView', () => {
  it('shows the day, each character and each fight with the agreed test ids', () => {
    const html = renderToStaticMarkup(createElement(ResultsView, { aggregate: dayAggregate, layout: threeFights.layout }));
    const s = summarize(dayAggregate, threeFights.layout);
    expect(testIdText(html, 'results-victory')).toBe(`${(s.day.victory.p * 100).toFixed(1)}%`);
    expect(testIdText(html, 'results-defeat')).toMatch(/^\d+\.\d%$/);
    expect(testIdText(html, 'results-draw')).toMatch(/^\d+\.\d%$/);
    expect(html).toContain('data-testid="results-deaths"');
    expect(html).not.toContain('victory-probability');
    expect(count(html, 'data-testid="character-row"')).toBe(threeFights.layout.party.length);
    for (const name of threeFights.layout.party) expect(html).toContain(`data-name="${name}"`);
    expect(count(html, 'data-testid="encounter-row"')).toBe(3);
    expect(html).toContain('data-testid="rounds-chart"');
    expect(html).toContain('data-testid="hp-chart"');
    expect(html).not.toContain('data-testid="results-stale"');
    // Every table header cell says what it heads.
    expect(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/.test(html)).toBe(false);
    expect(html).toContain('<th scope="col">Character</th>');
  });

  it('leaves out the fight-by-fight table for a single fight and marks stale results', () => {
    const html = renderToStaticMarkup(createElement(ResultsView, { aggregate: duelAggregate, layout: duel.layout, stale: true, staleReason: 'The party changed.' }));
    expect(count(html, 'data-testid="encounter-row"')).toBe(0);
    expect(html).toContain('data-testid="results-stale"');
    expect(html).toContain('The party changed.');
    expect(html).toContain('rv-stale');
  });

  it('says so when there are no runs', () => {
    const html = renderToStaticMarkup(createElement(ResultsView, { aggregate: simulate(duel, 3, 0), layout: duel.layout }));
    expect(html).toContain('No runs yet');
  });
});

function renamed(layout: AggregateLayout, from: string, to: string): AggregateLayout {
  return { ...layout, party: layout.party.map((n) => (n === from ? to : n)) };
}

describe('CompareView', () => {
  it('compares every headline number and matches characters by name', () => {
    const better = simulate(threeFights, 11, 300);
    const layout = renamed(threeFights.layout, 'Wizard', '<img src=x onerror=alert(1)>');
    const html = renderToStaticMarkup(createElement(CompareView, {
      newest: { label: 'Newest run', aggregate: better, layout, seed: 11, createdAt: 0 },
      other: { label: 'Before', aggregate: dayAggregate, layout: threeFights.layout, seed: 3 },
      otherIsBaseline: true,
    }));
    expect(html).toContain('data-testid="compare-table"');
    for (const metric of ['victory', 'defeat', 'draw', 'any-death', 'expected-deaths', 'mean-rounds', 'down:Fighter', 'death:Fighter']) {
      expect(html).toContain(`data-metric="${metric}"`);
    }
    // Seven rows for the day (both results count the runs where someone goes down), and four shared
    // characters plus one only in each result: two rows each.
    expect(html).toContain('data-metric="any-down"');
    expect(count(html, 'data-testid="compare-row"')).toBe(7 + 2 * 5);
    expect(/data-metric="down:Wizard" data-significant="no" data-tested="no"/.test(html)).toBe(true);
    expect(html).toContain('—');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(/data-significant="(yes|no)"/.test(html)).toBe(true);
  });

  it('flags a large change as significant', () => {
    const a = simulate(duel, 1, 400);
    const b = structuredClone(a);
    b.dayVictory = Math.round(a.runs * 0.2);
    b.dayDefeat = a.runs - b.dayVictory;
    b.dayDraw = 0;
    const html = renderToStaticMarkup(createElement(CompareView, {
      newest: { label: 'A', aggregate: a, layout: duel.layout, seed: 1 },
      other: { label: 'B', aggregate: b, layout: duel.layout, seed: 1 },
      otherIsBaseline: false,
    }));
    const victoryRow = /<tr[^>]*data-metric="victory"[^>]*>/.exec(html)?.[0] ?? '';
    expect(a.dayVictory / a.runs).toBeGreaterThan(0.5);
    expect(victoryRow).toContain('data-significant="yes"');
    expect(html).toContain('better for the party');
  });
});

describe('ReplayView', () => {
  const s = summarize(dayAggregate, threeFights.layout);
  const reps = s.representatives;
  const byRun = new Map<number, string[]>();
  for (const [label, run] of Object.entries(reps)) if (run >= 0) byRun.set(run, [...(byRun.get(run) ?? []), label]);
  const replays: RepresentativeReplay[] = [...byRun].map(([run, labels]) => ({ run, labels, ...replayRun(threeFights, 3, run) }));

  it('offers each representative run and opens on the worst one (or a defeat), round by round', () => {
    const html = renderToStaticMarkup(createElement(ReplayView, { replays, layout: threeFights.layout }));
    expect(html).toContain('data-testid="replay-select"');
    expect(html).toContain('data-testid="replay-log"');
    expect(html).toContain('Median');
    expect(html).toContain('Worst');
    const opened = openingRun(replays)!;
    expect(opened.labels.includes('worst') || opened.outcome === 'defeat').toBe(true);
    const rounds = opened.events.filter((e) => e.t === 'round').length;
    expect(count(html, 'data-testid="replay-round"')).toBe(rounds);
    expect(html).toContain(`data-run="${opened.run}"`);
    expect(html).toContain('Initiative');
  });

  it('renders names from the data as text', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderToStaticMarkup(createElement(ReplayView, {
      layout: threeFights.layout,
      replays: [{ run: 0, labels: ['worst'], outcome: 'defeat', events: [
        { t: 'encounter', encounter: 0, name: evil },
        { t: 'round', round: 1 },
        { t: 'turn', who: evil, hp: 5 },
        { t: 'down', who: 'Fighter' },
        { t: 'end', encounter: 0, outcome: 'defeat', rounds: 1 },
      ] }],
    }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Worst: total party kill');
  });

  it('says so when there is nothing to replay', () => {
    const html = renderToStaticMarkup(createElement(ReplayView, { replays: [], layout: threeFights.layout }));
    expect(html).toContain('No run has been replayed yet');
    expect(html).not.toContain('data-testid="replay-log"');
  });
});
