// The Compare screen's words and numbers without React: crafted aggregates whose tests are worked
// by hand, the DM's complaints as regression cases, and a property over random counts that no row
// ever reads "no change" (or a zero change) beside a real-change verdict.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAggregate, type Aggregate, type AggregateLayout, type ScenarioSpec } from '../../engine/index.ts';
import { buildRows, compareLabels, compareSummary, HOLM_SENTENCE, SAME_SCENARIO, type CompareRow } from './compare-rows.ts';

const layout: AggregateLayout = {
  party: ['Fighter', 'Wizard'],
  partyActions: [['Longsword'], ['Fire Bolt']],
  encounters: [{ name: 'Owlbear den', enemies: ['Owlbear'], enemyActions: [['Claw']] }],
  roundCap: 100,
  partyHpMax: 71,
};

/** A day of `runs` runs, every one a victory in 3 rounds with nobody down, then `edit`. */
function day(runs: number, edit: (a: Aggregate) => void = () => {}): Aggregate {
  const a = emptyAggregate(layout);
  a.runs = runs;
  a.dayVictory = runs;
  a.dayRoundsSum = 3 * runs;
  a.dayRoundsHist[3] = runs;
  edit(a);
  return a;
}

const side = (aggregate: Aggregate, l: AggregateLayout = layout) => ({ aggregate, layout: l });
const row = (rows: CompareRow[], metric: string) => rows.find((r) => r.metric === metric)!;

describe('buildRows', () => {
  it('tests nothing and says "no change" when the two days are the same', () => {
    const rows = buildRows(side(day(10_000)), side(day(20_000)));
    expect(rows.map((r) => r.metric)).toEqual([
      'victory', 'defeat', 'draw', 'any-down', 'any-death', 'expected-deaths', 'mean-rounds',
      'down:Fighter', 'death:Fighter', 'down:Wizard', 'death:Wizard',
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'same', change: 'no change', significant: false, pAdjusted: null, test: null });
      expect(r.verdict.text).toBe('No change');
    }
    expect(row(rows, 'death:Wizard')).toMatchObject({ newest: '0.0%', other: '0.0%' });
    expect(row(rows, 'mean-rounds')).toMatchObject({ newest: '3.0', other: '3.0' });
  });

  it('shows a small but real change with enough digits: never "0.00 → 0.00" or "0.0% / 0.0%"', () => {
    // 30 of 10,000 runs with one death (the Wizard's) against 3 of 10,000.
    const deaths = (n: number) => (a: Aggregate) => {
      a.deathsSum = n;
      a.deathsSquaresSum = n;
      a.anyDeathRuns = n;
      a.anyDownRuns = n;
      a.characters[1].deathRuns = n;
      a.characters[1].downRuns = n;
      a.characters[1].downs = n;
    };
    const rows = buildRows(side(day(10_000, deaths(30))), side(day(10_000, deaths(3))));
    const wizard = row(rows, 'death:Wizard');
    // 0.30% and 0.03%: at one decimal the older side would read "0.0%".
    expect(wizard).toMatchObject({ other: '0.03%', newest: '0.30%', change: '+0.27 points', significant: true });
    // p̂ = 33/20,000 = 0.00165, SE = √(0.00165·0.99835·0.0002) = 5.7398e-4, z = 0.0027/5.7398e-4 = 4.704,
    // two-sided p = 2.55e-6. Five rows are tested (m = 5): four chances with these same counts, and
    // expected deaths, whose Welch SE √((0.0029913 + 0.00029994)/10,000) = 5.7368e-4 is a hair smaller
    // (z = 4.7065), so its p is the smallest: Holm gives it 5·p_mean, and the four chances
    // max(5·p_mean, 4·p, 3·p, 2·p, 1·p) = 5·p_mean, as 5 × 2.52e-6 > 4 × 2.55e-6.
    expect(wizard.test!.z).toBeCloseTo(4.704, 2);
    const mean = row(rows, 'expected-deaths');
    expect(mean.test!.z).toBeCloseTo(4.7065, 3);
    expect(mean.pAdjusted!).toBeCloseTo(5 * mean.test!.pValue, 15);
    expect(wizard.pAdjusted!).toBeCloseTo(5 * mean.test!.pValue, 15);
    expect(wizard.verdict).toEqual({ text: 'Yes, worse for the party (p < 0.001)', tone: 'worse' });
    // Expected deaths: 0.003 against 0.0003. Two decimals would read 0.00 and 0.00.
    expect(row(rows, 'expected-deaths')).toMatchObject({ other: '0.0003', newest: '0.0030', change: '+0.0027', significant: true });
    expect(row(rows, 'victory').status).toBe('same');
  });

  it('applies Holm: two rows at p = 0.034 each are real changes alone, not together', () => {
    // Victory 51.5% against 50.0% on 10,000 runs each (defeat the rest):
    // p̂ = 0.5075, SE = √(0.5075·0.4925·0.0002) = 0.0070706, z = 0.015/0.0070706 = 2.1215, p = 0.03388.
    // Defeat moves by the same amount the other way: the same p. Holm with m = 2 and two equal
    // p-values: the smaller is compared with 0.05/2 = 0.025 and kept, so both are kept;
    // adjusted p = 2 × 0.03388 = 0.06776.
    const rows = buildRows(
      side(day(10_000, (a) => { a.dayVictory = 5150; a.dayDefeat = 4850; })),
      side(day(10_000, (a) => { a.dayVictory = 5000; a.dayDefeat = 5000; })),
    );
    const victory = row(rows, 'victory'), defeat = row(rows, 'defeat');
    expect(victory.test!.pValue).toBeCloseTo(0.03388, 4);
    expect(victory.test!.significant).toBe(true);
    expect(victory.significant).toBe(false);
    expect(victory.pAdjusted!).toBeCloseTo(0.06776, 4);
    expect(defeat.pAdjusted!).toBeCloseTo(victory.pAdjusted!, 12);
    expect(victory.verdict.text).toBe('No, within chance (p = 0.068)');
    expect(rows.filter((r) => r.status === 'tested').map((r) => r.metric)).toEqual(['victory', 'defeat']);
    expect(HOLM_SENTENCE).toBe("Differences are tested together (Holm's correction at 95%), so a row marked as a real change is unlikely to be chance.");
  });

  it('shows a character in one result only with "—" and leaves out "Someone goes down" for an old result', () => {
    const bigger: AggregateLayout = { ...layout, party: [...layout.party, 'Cleric'], partyActions: [...layout.partyActions, ['Mace']] };
    const newest = emptyAggregate(bigger);
    Object.assign(newest, { runs: 100, dayVictory: 100, dayRoundsSum: 300 });
    newest.dayRoundsHist[3] = 100;
    const old = day(100, (a) => { delete a.anyDownRuns; });
    const rows = buildRows(side(newest, bigger), side(old));
    expect(rows.some((r) => r.metric === 'any-down')).toBe(false);
    expect(row(rows, 'down:Cleric')).toMatchObject({ other: '—', newest: '0.0%', change: '—', status: 'missing' });
    expect(row(rows, 'down:Cleric').verdict.text).toBe('Not tested: missing on one side');
  });

  it('never marks a row as a real change that reads "no change" or a zero change (random counts)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 50_000 }), fc.integer({ min: 2, max: 50_000 }), fc.nat(), fc.nat(), fc.nat(), fc.nat(),
      (na, nb, s1, s2, s3, s4) => {
        const a = day(na, (x) => {
          x.characters[1].downRuns = s1 % (na + 1);
          x.characters[1].deathRuns = Math.min(x.characters[1].downRuns, s2 % (na + 1));
          x.deathsSum = x.characters[1].deathRuns;
          x.deathsSquaresSum = x.deathsSum;
        });
        const b = day(nb, (x) => {
          x.characters[1].downRuns = s3 % (nb + 1);
          x.characters[1].deathRuns = Math.min(x.characters[1].downRuns, s4 % (nb + 1));
          x.deathsSum = x.characters[1].deathRuns;
          x.deathsSquaresSum = x.deathsSum;
        });
        const wrong: string[] = [];
        for (const r of buildRows(side(a), side(b))) {
          const differ = r.newestValue !== null && r.otherValue !== null && r.newestValue !== r.otherValue;
          if (r.significant && (r.change === 'no change' || !r.verdict.text.startsWith('Yes'))) wrong.push(`${r.metric}: ${r.change}, ${r.verdict.text}`);
          if ((r.significant || differ) && (r.newest === r.other || !/[1-9]/.test(r.change))) wrong.push(`${r.metric}: ${r.other} → ${r.newest}, ${r.change}`);
          if (r.change === 'no change' && r.verdict.text !== 'No change') wrong.push(`${r.metric}: no change, ${r.verdict.text}`);
        }
        expect(wrong).toEqual([]);
      },
    ), { numRuns: 300 });
  });
});

describe('compareSummary', () => {
  it("names the character's change first and says party victory did not really change", () => {
    const rows = buildRows(
      side(day(10_000, (a) => {
        a.dayVictory = 9890; a.dayDefeat = 110;
        a.characters[1].downRuns = 2620;
      })),
      side(day(10_000, (a) => {
        a.dayVictory = 9910; a.dayDefeat = 90;
        a.characters[1].downRuns = 470;
      })),
    );
    expect(row(rows, 'down:Wizard')).toMatchObject({ other: '4.7%', newest: '26.2%', significant: true });
    expect(row(rows, 'victory')).toMatchObject({ other: '99.1%', newest: '98.9%', significant: false, status: 'tested' });
    expect(compareSummary(rows)).toEqual([
      'The Wizard goes down far more often: 4.7% → 26.2%.',
      'Party victory shows no real change (99.1% → 98.9%).',
    ]);
  });

  it('says when nothing is a real change, and counts the real changes it does not name', () => {
    expect(compareSummary(buildRows(side(day(1000)), side(day(1000))))).toEqual([
      'No difference is larger than chance alone would give.',
      'Party victory is unchanged: 100.0% in both.',
    ]);
    const worse = (a: Aggregate) => {
      a.dayVictory = 6000; a.dayDefeat = 4000;
      a.anyDownRuns = 9000; a.anyDeathRuns = 4000;
      a.deathsSum = 8000; a.deathsSquaresSum = 16_000;
      a.characters[0].downRuns = 7000; a.characters[1].downRuns = 9000;
    };
    const rows = buildRows(side(day(10_000, worse)), side(day(10_000)));
    // Ranked by Cohen's h = |2·asin√p1 − 2·asin√p2|: someone down 0 → 90% (h 2.50) ties with the
    // Wizard (the first listed comes first), then the Fighter 0 → 70% (1.98); victory 100 → 60%
    // (1.37) is not among the three largest but is always said. Seven rows are real changes: those
    // four, defeat, someone dies and expected deaths.
    expect(compareSummary(rows)).toEqual([
      'Someone goes down far more often: 0.0% → 90.0%.',
      'The Wizard goes down far more often: 0.0% → 90.0%.',
      'The Fighter goes down far more often: 0.0% → 70.0%.',
      'The party wins far less often: 100.0% → 60.0%.',
      '3 more real changes are in the table below.',
    ]);
    expect(rows.filter((r) => r.significant).map((r) => r.metric)).toEqual(['victory', 'defeat', 'any-down', 'any-death', 'expected-deaths', 'down:Fighter', 'down:Wizard']);
  });
});

describe('compareSummary ordering', () => {
  it('puts a change that is good or bad for the party before a neutral one, whatever their sizes', () => {
    const longer = (a: Aggregate) => {
      // Every day lasts 3 or 7 rounds, half and half: mean 5 against 3 everywhere.
      a.dayRoundsHist[3] = a.runs / 2;
      a.dayRoundsHist[7] = a.runs / 2;
      a.dayRoundsSum = 5 * a.runs;
      a.characters[1].downRuns = 500;
      a.anyDownRuns = 500;
    };
    const rows = buildRows(side(day(10_000, longer)), side(day(10_000, (a) => { a.characters[1].downRuns = 400; a.anyDownRuns = 400; })));
    expect(row(rows, 'mean-rounds').effect).toBeGreaterThan(row(rows, 'down:Wizard').effect);
    expect(compareSummary(rows)).toEqual([
      'Someone goes down slightly more often: 4.0% → 5.0%.',
      'The Wizard goes down slightly more often: 4.0% → 5.0%.',
      'The day lasts far longer: 3.0 → 5.0 rounds.',
      'Party victory is unchanged: 100.0% in both.',
    ]);
  });
});

describe('compareLabels', () => {
  const spec = (owlbears: number): ScenarioSpec => ({
    party: [],
    encounters: [{
      name: 'Den', shortRestBefore: false, surprise: 'none', enemies: [{
        name: 'Owlbear', count: owlbears, kind: 'monster', hp: 59, hpFormula: null, rollHp: false, ac: 13, initiativeBonus: 1,
        initiativeAdvantage: false, saves: { str: 0, dex: 0, con: 0, int: 0, wis: 0, cha: 0 }, resistances: [], immunities: [],
        vulnerabilities: [], hitDice: null, conModifier: 0, actions: [],
      }],
    }],
    rules: { roundCap: 100, attackDowned: 'when-none-standing', hitDicePolicy: 'to-half' },
  });

  it('labels each side by what changed', () => {
    const labels = compareLabels({ spec: spec(2), seed: 1, runs: 10_000, time: '14:02:10' }, { spec: spec(1), seed: 1, runs: 10_000, time: '14:02:01' });
    expect(labels).toMatchObject({ newest: 'Owlbear count 2', other: 'Owlbear count 1', note: null });
    expect(labels.changes!.map((c) => c.text)).toEqual(['Owlbear count 1 → 2']);
    const same = compareLabels({ spec: spec(1), seed: 1, runs: 10, time: 'b' }, { spec: spec(1), seed: 1, runs: 10, time: 'a' });
    expect(same).toMatchObject({ changes: [], newest: SAME_SCENARIO, other: SAME_SCENARIO });
  });

  it('labels by time, with a note, when a side was stored before results kept their scenario', () => {
    const labels = compareLabels({ spec: spec(2), seed: 1, runs: 10_000, time: '14:02:10' }, { seed: 1, runs: 10_000, time: '14:02:01' });
    expect(labels).toMatchObject({ changes: null, newest: '14:02:10', other: '14:02:01' });
    expect(labels.note).toBe('The previous result was stored by an earlier version that did not keep the scenario with the result, so the sides are labelled by when they finished rather than by what changed.');
  });
});
