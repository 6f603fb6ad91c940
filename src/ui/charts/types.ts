// What a chart shows, as plain data: the React wrapper renders its text alternative from this,
// and the lazily loaded drawing module turns it into a uPlot chart.

/** Which colour a series takes; each is a custom property in charts.css with light and dark values. */
export type ChartTone = 'party' | 'enemy' | 'bar';

export interface ChartSeries {
  label: string;
  values: number[];
  tone: ChartTone;
  /** A shaded range around the series, e.g. the 10th to 90th percentile. */
  band?: { label: string; low: number[]; high: number[] };
}

export interface ChartSpec {
  kind: 'bars' | 'lines';
  x: number[];
  xLabel: string;
  yLabel: string;
  /** How y values read: percent values are already ×100 ("45%"). */
  yUnit: 'percent' | 'number';
  /** Fixed top of the y axis; otherwise from the data. */
  yMax?: number;
  series: ChartSeries[];
}

/** Colours and font read from CSS when drawing, so the chart follows the theme. */
export interface ChartPalette {
  party: string;
  enemy: string;
  bar: string;
  partyBand: string;
  enemyBand: string;
  axis: string;
  grid: string;
  font: string;
}

export interface ChartHandle {
  /** Shows new numbers in place; false when the chart's shape changed and it must be drawn anew. */
  update(spec: ChartSpec): boolean;
  resize(width: number): void;
  restyle(palette: ChartPalette): void;
  destroy(): void;
}
