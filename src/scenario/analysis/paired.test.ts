import { describe, expect, it } from 'vitest';
import { emptyAggregate, RUN_SOMEONE_DIED, RUN_WON } from '../../engine/index.ts';
import { pairedCounts, pairedDifference, runOutcomeCodes } from './paired.ts';

// z = 1.959963984540054, the two-sided 95% normal quantile.
describe('the paired difference (McNemar setting, Bonett-Price adjusted Wald interval)', () => {
  it('matches a hand computation: 10 runs lost, 25 gained, 200 pairs', () => {
    // difference = (25 - 10) / 200 = 0.075.
    // p1 = 11/202, p2 = 26/202, d = 15/202; p1 + p2 - d² = 37/202 - 225/40804 = 0.177654151...;
    // half-width = z·√(0.177654151/202) = 0.058124614...; d ± that = [0.016132811, 0.132382040].
    const d = pairedDifference({ runs: 200, lost: 10, gained: 25, base: 120 });
    expect(d.difference).toBe(0.075);
    expect(d.ci95[0]).toBeCloseTo(0.016132811, 8);
    expect(d.ci95[1]).toBeCloseTo(0.132382040, 8);
  });

  it('is centred on zero with no discordant pair, and never a point', () => {
    // p1 = p2 = 1/1002, d = 0; half-width = z·√(2/1002/1002) = z·√2/1002 = 0.002766275...
    const d = pairedDifference({ runs: 1000, lost: 0, gained: 0, base: 640 });
    expect(d.difference).toBe(0);
    expect(d.ci95[0]).toBeCloseTo(-0.002766275, 8);
    expect(d.ci95[1]).toBeCloseTo(0.002766275, 8);
  });

  it('does not collapse for a one-sided count: 3 lost, none gained, 50 pairs', () => {
    // p1 = 4/52, p2 = 1/52, d = -3/52; p1 + p2 - d² = 5/52 - 9/2704 = 0.092825443...;
    // half-width = z·√(0.092825443/52) = 0.082809...; interval [-0.140501765, 0.025117149].
    const d = pairedDifference({ runs: 50, lost: 3, gained: 0, base: 40 });
    expect(d.difference).toBe(-0.06);
    expect(d.ci95[0]).toBeCloseTo(-0.140501765, 8);
    expect(d.ci95[1]).toBeCloseTo(0.025117149, 8);
  });

  it('says nothing from no runs', () => {
    expect(pairedDifference({ runs: 0, lost: 0, gained: 0, base: 0 })).toEqual({ difference: 0, ci95: [-1, 1] });
  });
});

describe('pairing two records of run outcomes', () => {
  // Codes: '0' lost the day, '1' won, '2' lost and someone died, '3' won and someone died.
  it('counts the discordant runs of each measure, over the first n runs only', () => {
    const base = '1113021';
    const variant = '1012033';
    // victory (bit 1): base 1,1,1,1,0,0,1; variant 1,0,1,0,0,1,1 -> lost at runs 1 and 3, gained at run 5.
    expect(pairedCounts(base, variant, RUN_WON, 7)).toEqual({ runs: 7, lost: 2, gained: 1, base: 5 });
    // someone died (bit 2): base 0,0,0,1,0,1,0; variant 0,0,0,1,0,1,1 -> none lost, gained at run 6.
    expect(pairedCounts(base, variant, RUN_SOMEONE_DIED, 7)).toEqual({ runs: 7, lost: 0, gained: 1, base: 2 });
    expect(pairedCounts(base, variant, RUN_WON, 3)).toEqual({ runs: 3, lost: 1, gained: 0, base: 3 });
    expect(() => pairedCounts(base, '10', RUN_WON, 3)).toThrow('Cannot pair 3 runs');
  });

  it('gives exactly zero, and no discordant run, for identical records', () => {
    const record = '0123210321';
    for (const bit of [RUN_WON, RUN_SOMEONE_DIED]) {
      const c = pairedCounts(record, record, bit, record.length);
      expect([c.lost, c.gained]).toEqual([0, 0]);
      expect(pairedDifference(c).difference).toBe(0);
    }
  });

  it('refuses an aggregate without per-run outcomes, or with a gap in them', () => {
    const layout = { party: [], partyActions: [], encounters: [], roundCap: 1, partyHpMax: 0 };
    const plain = { ...emptyAggregate(layout), runs: 2 };
    expect(() => runOutcomeCodes(plain)).toThrow('no per-run outcomes');
    const gap = { ...emptyAggregate(layout, { runOutcomes: true }), runs: 4, runOutcomes: [{ from: 0, codes: '11' }, { from: 3, codes: '1' }] };
    expect(() => runOutcomeCodes(gap)).toThrow('do not cover runs 0 to 3 (0-1, 3-3)');
    expect(runOutcomeCodes({ ...gap, runs: 2, runOutcomes: [{ from: 0, codes: '13' }] })).toBe('13');
  });
});
