// The only module that touches uPlot. Chart.tsx imports it dynamically, so uPlot and its CSS
// land in a chunk of their own, fetched the first time a chart is on screen and never part of
// the first page load.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartHandle, ChartPalette, ChartSpec, ChartTone } from './types.ts';

/** Shorter charts on phones keep the numbers around them on screen. */
export const chartHeight = (width: number): number => (width < 480 ? 190 : 240);

function niceTop(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max * 1.05) return m * step;
  return 10 * step;
}

/** Tick labels for whole numbers only: a round or a count of rounds is never 2.5. */
const wholeLabels = (splits: number[]): string[] => splits.map((v) => (Number.isInteger(v) ? String(v) : ''));

/** Charts of the same shape take new numbers without being rebuilt (live results update often). */
function shapeOf(spec: ChartSpec): string {
  return JSON.stringify([spec.kind, spec.xLabel, spec.yLabel, spec.yUnit, spec.series.map((s) => [s.label, s.tone, s.band?.label ?? null])]);
}

function dataOf(spec: ChartSpec): uPlot.AlignedData {
  const ys: number[][] = [];
  for (const s of spec.series) {
    ys.push(s.values);
    if (spec.kind === 'lines' && s.band) ys.push(s.band.high, s.band.low);
  }
  return [spec.x, ...ys];
}

export function drawChart(host: HTMLElement, spec: ChartSpec, palette: ChartPalette, width: number): ChartHandle {
  // Styles are functions of this object, so a theme change is a repaint, not a rebuild.
  const colours: ChartPalette = { ...palette };
  const tone = (t: ChartTone) => () => colours[t];
  const bandTone = (t: ChartTone) => () => (t === 'enemy' ? colours.enemyBand : colours.partyBand);
  const axisFont = `12px ${colours.font}`;
  // Ranges read the spec shown now, so new numbers rescale the axes.
  let current = spec;

  const series: uPlot.Series[] = [{ label: spec.xLabel }];
  const bands: uPlot.Band[] = [];
  for (const s of spec.series) {
    if (spec.kind === 'bars') {
      series.push({
        label: s.label, stroke: tone(s.tone), fill: tone(s.tone), width: 0, points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.75, 48], align: 0 }),
      });
      continue;
    }
    const main = series.length;
    series.push({ label: s.label, stroke: tone(s.tone), width: 2, points: { show: true, size: 5, fill: tone(s.tone) } });
    if (s.band) {
      const edge = { stroke: bandTone(s.tone), width: 1, dash: [4, 4], points: { show: false } };
      series.push({ label: `${s.label}: ${s.band.label} (high)`, ...edge }, { label: `${s.label}: ${s.band.label} (low)`, ...edge });
      bands.push({ series: [main + 1, main + 2], fill: bandTone(s.tone) });
    }
  }

  const xRange = (): uPlot.Range.MinMax => {
    const xs = current.x;
    const lo = xs.length ? Math.min(...xs) : 0;
    const hi = xs.length ? Math.max(...xs) : 1;
    // Bars sit on whole numbers; half a bin either side keeps the end bars whole.
    return current.kind === 'bars' ? [lo - 0.5, hi + 0.5] : [lo, Math.max(hi, lo + 1)];
  };
  const yUnit = (v: number) => (current.yUnit === 'percent' ? `${v}%` : String(v));
  const axis = (label: string): uPlot.Axis => ({
    label,
    stroke: () => colours.axis,
    font: axisFont,
    labelFont: axisFont,
    grid: { stroke: () => colours.grid, width: 1 },
    ticks: { stroke: () => colours.grid, width: 1, size: 4 },
  });

  const options: uPlot.Options = {
    width: Math.max(160, width),
    height: chartHeight(width),
    series,
    bands,
    legend: { show: false },
    // Hover readouts would be mouse-only; the table beside the chart carries the numbers for everyone.
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: xRange },
      y: { range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, current.yMax ?? niceTop(max)] },
    },
    axes: [
      { ...axis(spec.xLabel), incrs: [1, 2, 5, 10, 20, 25, 50, 100], values: (_u: uPlot, splits: number[]) => wholeLabels(splits) },
      { ...axis(spec.yLabel), size: 52, values: (_u: uPlot, splits: number[]) => splits.map(yUnit) },
    ],
  };
  const plot = new uPlot(options, dataOf(spec), host);
  return {
    update(next: ChartSpec): boolean {
      if (shapeOf(next) !== shapeOf(current)) return false;
      current = next;
      plot.setData(dataOf(next));
      return true;
    },
    resize(w: number) {
      if (w > 0) plot.setSize({ width: Math.max(160, w), height: chartHeight(w) });
    },
    restyle(next: ChartPalette) {
      Object.assign(colours, next);
      plot.redraw(true, true);
    },
    destroy() {
      plot.destroy();
    },
  };
}
