import { describe, expect, it } from 'vitest';
import {
  adjustBand, BAND_PRESETS, bandProblems, BandError, checkBand, customBand, PRESET_IDS, riskEdge,
  type Band, type Measure, type MeasureCounts, type PresetId,
} from './bands.ts';

/** Counts out of `runs` for the given proportions (victory defaults to 1 - tpk). */
function counts(p: Partial<Record<Measure, number>>, runs = 100_000): MeasureCounts {
  const k = (x: number) => Math.round(x * runs);
  return { runs, victory: k(p.victory ?? 1 - (p.tpk ?? 0)), tpk: k(p.tpk ?? 0), dies: k(p.dies ?? 0), down: k(p.down ?? 0) };
}

/** A fight well inside each preset. */
const INSIDE: Record<PresetId, Partial<Record<Measure, number>>> = {
  easy: { down: 0.12, dies: 0.002, tpk: 0.001 },
  medium: { down: 0.35, dies: 0.01, tpk: 0.003 },
  hard: { down: 0.75, dies: 0.05, tpk: 0.01 },
  deadly: { down: 0.95, dies: 0.3, tpk: 0.05 },
};

describe('risk band presets', () => {
  for (const id of PRESET_IDS) {
    const band = BAND_PRESETS[id];

    it(`${band.name}: a fight well inside is in, decided by the intervals`, () => {
      const check = checkBand(band, counts(INSIDE[id]));
      expect(check.position).toBe('in');
      expect(check.pointPosition).toBe('in');
    });

    it(`${band.name}: each threshold's edge, crossed either way, moves the fight out on the side it guards`, () => {
      for (const th of band.thresholds) {
        const just = (delta: number) => counts({ ...INSIDE[id], [th.measure]: th.value + delta });
        // With 100,000 runs the intervals are under ±0.4 points wide: 1 point from the edge decides.
        const inward = th.bound === 'min' ? 0.01 : -0.01;
        expect(checkBand(band, just(inward)).position, `${th.measure} ${th.bound} ${th.value}, inside`).toBe('in');
        const out = checkBand(band, just(-inward));
        expect(out.position, `${th.measure} ${th.bound} ${th.value}, outside`).toBe(riskEdge(th) === 'lower' ? 'below' : 'above');
        expect(out.pointPosition).toBe(out.position);
        // Exactly on the edge the interval straddles it (undecided); the point estimate counts the edge as in.
        const on = checkBand(band, just(0));
        expect(on.position, `${th.measure} ${th.bound} ${th.value}, on the edge`).toBe('undecided');
        expect(on.pointPosition).toBe('in');
      }
    });

    it(`${band.name}: has a lower and an upper edge of risk`, () => {
      expect(band.thresholds.some((th) => riskEdge(th) === 'lower')).toBe(true);
      expect(band.thresholds.some((th) => riskEdge(th) === 'upper')).toBe(true);
      expect(bandProblems(band)).toEqual([]);
    });
  }

  it('the issue\'s numbers: Easy is no one down in 80% of days, Hard down in half with at most 2% TPK, Deadly a death in 10% with at most 10% TPK', () => {
    const has = (id: PresetId, measure: Measure, bound: 'min' | 'max', value: number) =>
      expect(BAND_PRESETS[id].thresholds).toContainEqual({ measure, bound, value });
    has('easy', 'down', 'max', 0.2);
    has('hard', 'down', 'min', 0.5);
    has('hard', 'tpk', 'max', 0.02);
    has('deadly', 'dies', 'min', 0.1);
    has('deadly', 'tpk', 'max', 0.1);
  });

  it('no fight is in two presets, except exactly on a shared edge', () => {
    // A grid of fights whose values avoid every threshold, with tpk <= dies <= down as the engine
    // guarantees by default (a wipe ends with the fallen finished off; a death needs a drop first).
    const values = [0, 0.004, 0.008, 0.015, 0.025, 0.04, 0.07, 0.12, 0.15, 0.3, 0.45, 0.6, 0.8, 0.97];
    let inSome = 0;
    for (const down of values) {
      for (const dies of values.filter((v) => v <= down)) {
        for (const tpk of values.filter((v) => v <= dies)) {
          const bands = PRESET_IDS.filter((id) => checkBand(BAND_PRESETS[id], counts({ down, dies, tpk })).pointPosition === 'in');
          expect(bands.length, `down ${down}, dies ${dies}, tpk ${tpk}: ${bands.join(', ')}`).toBeLessThanOrEqual(1);
          if (bands.length === 1) inSome++;
        }
      }
    }
    expect(inSome).toBeGreaterThan(20);
  });

  it('rises in order: a fight that grows more dangerous passes through Easy, Medium, Hard and Deadly in turn', () => {
    const path = [
      { down: 0.1, dies: 0, tpk: 0 }, { down: 0.3, dies: 0.01, tpk: 0 }, { down: 0.7, dies: 0.05, tpk: 0.01 }, { down: 0.95, dies: 0.2, tpk: 0.05 },
    ];
    const where = path.map((p) => PRESET_IDS.filter((id) => checkBand(BAND_PRESETS[id], counts(p)).position === 'in'));
    expect(where).toEqual([['easy'], ['medium'], ['hard'], ['deadly']]);
  });
});

describe('band checks', () => {
  const hard = BAND_PRESETS.hard;

  it('a fight failing a lower and an upper edge at once is mixed', () => {
    // Rarely anyone down, but when they are it is a wipe.
    expect(checkBand(hard, counts({ down: 0.3, dies: 0.2, tpk: 0.2 })).position).toBe('mixed');
  });

  it('decides "out" as soon as one threshold fails, however undecided the others', () => {
    // down sits on its edge (undecided), but the TPK rate is far above its cap.
    expect(checkBand(hard, counts({ down: 0.5, tpk: 0.3, dies: 0.3 })).position).toBe('above');
  });

  it('is undecided with few runs near an edge, decided with more', () => {
    const few = checkBand(hard, counts({ down: 0.55, dies: 0.02, tpk: 0.002 }, 250));
    expect(few.position).toBe('undecided');
    expect(checkBand(hard, counts({ down: 0.55, dies: 0.02, tpk: 0.002 }, 20_000)).position).toBe('in');
  });

  it('victory falls as risk rises: a minimum victory is an upper edge, a maximum a lower one', () => {
    const band = customBand([{ measure: 'victory', bound: 'min', value: 0.9 }, { measure: 'victory', bound: 'max', value: 0.99 }]);
    expect(checkBand(band, counts({ victory: 0.8, tpk: 0.2 })).position).toBe('above');
    expect(checkBand(band, counts({ victory: 1, tpk: 0 })).position).toBe('below');
    expect(checkBand(band, counts({ victory: 0.95, tpk: 0.05 })).position).toBe('in');
  });

  it('intervals match the Wilson interval computed here', () => {
    const k = 30, n = 200, z = 1.959963984540054;
    const p = k / n;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    const [check] = checkBand(customBand([{ measure: 'dies', bound: 'max', value: 0.1 }]), { runs: n, victory: n, tpk: 0, dies: k, down: k }).checks;
    expect(check.ci95[0]).toBeCloseTo(centre - half, 12);
    expect(check.ci95[1]).toBeCloseTo(centre + half, 12);
    // 0.15 with an interval of about 0.107 to 0.206: decidedly above a 10% cap.
    expect(check.verdict).toBe('fail');
  });
});

describe('custom bands', () => {
  it('names what is wrong', () => {
    expect(() => customBand([])).toThrow(BandError);
    expect(() => customBand([{ measure: 'tpk', bound: 'max', value: 1.5 }])).toThrow('must be a proportion from 0 to 1, got 1.5');
    expect(() => customBand([{ measure: 'down', bound: 'min', value: 0.6 }, { measure: 'down', bound: 'max', value: 0.4 }]))
      .toThrow('the minimum for "someone goes down" (0.6) is above its maximum (0.4)');
  });

  it('a flag replaces the preset\'s threshold on the same measure and bound, and adds the others', () => {
    const band: Band = adjustBand(BAND_PRESETS.hard, [{ measure: 'tpk', bound: 'max', value: 0.05 }, { measure: 'victory', bound: 'min', value: 0.9 }]);
    expect(band.thresholds).toContainEqual({ measure: 'tpk', bound: 'max', value: 0.05 });
    expect(band.thresholds).not.toContainEqual({ measure: 'tpk', bound: 'max', value: 0.02 });
    expect(band.thresholds).toContainEqual({ measure: 'down', bound: 'min', value: 0.5 });
    expect(band.thresholds).toHaveLength(4);
    // The preset itself is untouched.
    expect(BAND_PRESETS.hard.thresholds).toContainEqual({ measure: 'tpk', bound: 'max', value: 0.02 });
  });
});
