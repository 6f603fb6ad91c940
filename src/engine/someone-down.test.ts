// "Someone goes down": the day-level count of runs in which at least one character dropped to 0 HP,
// which the per-character counts cannot give (the union of events is not their sum).
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { mergeInto } from './stats.ts';
import { character, dummy, fight, proportionSE, saveAction, saveSuccess, zScore } from './test-support.ts';

describe('someone goes down', () => {
  it('two characters each facing one save-or-drop blast: 1 - P(both save), exactly', () => {
    // One round, and the party cannot hurt the enemy, so the blast lands exactly once on both.
    // A failed save takes 10 (drops a 10 HP character, no massive damage); a success takes 5.
    const blast = saveAction('Blast', 13, '10', { targets: 2, ability: 'dex', onSuccess: 'half' });
    const party = [character('Ana', { hp: 10, saves: { str: 0, dex: 2, con: 0, int: 0, wis: 0, cha: 0 } }), character('Bo', { hp: 10 })];
    const spec = fight(party, [dummy('Dragon', { actions: [blast] })], { roundCap: 1 });
    const runs = 100_000;
    const agg = simulate(spec, 7, runs);
    const pa = saveSuccess(13, 2), pb = saveSuccess(13, 0);
    // Hand check of the helper: DC 13 with +2 succeeds on 11 to 20 (10 faces), with +0 on 13 to 20 (8).
    expect(pa).toBeCloseTo(0.5, 12);
    expect(pb).toBeCloseTo(0.4, 12);
    const exact = 1 - pa * pb; // 0.8
    expect(agg.anyDownRuns).toBeDefined();
    expect(zScore(agg.anyDownRuns! / runs, exact, proportionSE(exact, runs))).toBeLessThan(4);
    // Both down is a party defeat: (1 - pa)(1 - pb) = 0.3.
    const both = (1 - pa) * (1 - pb);
    expect(zScore(agg.dayDefeat / runs, both, proportionSE(both, runs))).toBeLessThan(4);
    // The union lies between the largest single chance and the sum of the two.
    const [a, b] = agg.characters.map((c) => c.downRuns);
    expect(agg.anyDownRuns!).toBeGreaterThanOrEqual(Math.max(a, b));
    expect(agg.anyDownRuns!).toBe(a + b - agg.dayDefeat);
  });

  it('merging with a result that did not count it leaves it unknown rather than short', () => {
    const spec = fight([character('Ana', { hp: 10 })], [dummy('Dragon', { actions: [saveAction('Blast', 13, '10')] })], { roundCap: 1 });
    const counted = simulate(spec, 1, 100);
    const older = simulate(spec, 2, 100);
    delete older.anyDownRuns;
    expect(mergeInto(structuredClone(counted), counted).anyDownRuns).toBe(2 * counted.anyDownRuns!);
    expect(mergeInto(counted, older).anyDownRuns).toBeUndefined();
  });
});
