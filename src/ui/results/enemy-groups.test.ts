// Summoned creatures on the Results screen: one row under their summoner, with how often they came,
// from counts set by hand (so every figure below is exact arithmetic on them).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyAggregate, summarize, type AggregateLayout } from '../../engine/index.ts';
import { enemyCounts, enemyRows } from './enemy-groups.ts';
import { ResultsView } from './ResultsView.tsx';

const bats = [1, 2, 3, 4].map((k) => `Swarm of Bats ${k} (Vampire)`);
const call = { summoner: 0, summons: 'Children of the Night', creature: 'Swarm of Bats', reserve: true };
const layout: AggregateLayout = {
  party: ['Fighter'], partyActions: [['Sword']], roundCap: 10, partyHpMax: 50,
  encounters: [{
    name: 'Crypt', enemies: ['Vampire', ...bats, 'Zombie (Vampire)'], enemyActions: [['Bite'], ['Bites'], ['Bites'], ['Bites'], ['Bites'], ['Slam']],
    summoned: [null, call, call, call, call, { summoner: 0, summons: 'Animate Dead', creature: 'Zombie', reserve: false }],
  }],
};

/** 100 days: the fight reached in all; bats came in 60, 45, 30 and 10 of them; killed in 20, 10, 5 and 0. */
function aggregate(recorded = true) {
  const agg = emptyAggregate(layout);
  agg.runs = 100;
  agg.dayVictory = 100;
  const e = agg.encounters[0];
  e.reached = 100;
  e.victory = 100;
  e.enemies[0].killedRuns = 100;
  [60, 45, 30, 10].forEach((n, k) => {
    const t = e.enemies[1 + k];
    if (recorded) t.arrivedRuns = n;
    else delete t.arrivedRuns;
    t.killedRuns = [20, 10, 5, 0][k];
    t.damageDealt = 100 * (k + 1);
    t.actionUses = [50];
  });
  e.enemies[5].killedRuns = 100;
  return agg;
}

describe('summoned creatures in the results', () => {
  it('groups reserve creatures under their summoner with how often they came', () => {
    const rows = enemyRows(summarize(aggregate(), layout).encounters[0]);
    expect(rows.map((r) => r.name)).toEqual([
      'Vampire', 'Swarm of Bats, called by Vampire (Children of the Night)', 'Zombie, brought by Vampire (Animate Dead)',
    ]);
    const group = rows[1];
    if (group.kind !== 'summoned') throw new Error('expected a group');
    // Came: the first place is taken whenever any comes, 60/100; on average (60+45+30+10)/100 = 1.45.
    expect(group.presence).toBe('up to 4; came in 60.0% of fights reached, 1.5 on average');
    expect(group.came?.p).toBe(0.6);
    // Killed on average: (20+10+5+0)/100; damage (100+200+300+400)/100; uses 4 × 50/100.
    expect(group.killedMean).toBeCloseTo(0.35, 12);
    expect(group.damageDealt).toBeCloseTo(10, 12);
    expect(group.actionUses).toEqual([{ action: 'Bites', mean: 2 }]);
    expect(rows[2].kind === 'summoned' && rows[2].presence).toBe('there from the start');
    expect(enemyCounts(summarize(aggregate(), layout).encounters[0])).toEqual({ own: 1, ownKilled: 1, summoned: 5, summonedKilled: 1.35 });
  });

  it('says when a stored result did not record the arrivals', () => {
    const group = enemyRows(summarize(aggregate(false), layout).encounters[0])[1];
    expect(group.kind === 'summoned' && group.presence).toMatch(/^up to 4; how often they came was not recorded/);
  });

  it('renders one row for the bats, not one per reserve place', () => {
    const html = renderToStaticMarkup(createElement(ResultsView, { aggregate: aggregate(), layout }));
    expect(html.split('data-testid="enemy-row"').length - 1).toBe(1);
    expect(html.split('data-testid="summoned-row"').length - 1).toBe(2);
    expect(html).not.toContain('Swarm of Bats 1 (Vampire)');
    expect(html).toContain('came in 60.0% of fights reached');
    expect(html).toContain('0.4 on average');
  });
});
