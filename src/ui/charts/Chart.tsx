// A chart with its text alternative. The figure, caption, summary and data table render at once
// (and on the server); the drawing module, and uPlot with it, is imported only when a chart
// mounts, so charts add nothing to the first page load. The canvas is hidden from assistive
// technology: the summary and the table say what it shows.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChartHandle, ChartPalette, ChartSpec } from './types.ts';
import './charts.css';

export type { ChartSpec, ChartSeries, ChartTone } from './types.ts';

type Drawing = typeof import('./draw.ts');
let drawingLoad: Promise<Drawing> | null = null;

function loadDrawing(): Promise<Drawing> {
  drawingLoad ??= import('./draw.ts').catch((e: unknown) => {
    // Let the next chart try again (say, once the connection is back).
    drawingLoad = null;
    throw e;
  });
  return drawingLoad;
}

function readPalette(el: HTMLElement): ChartPalette {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    party: v('--ch-party', '#1f5fa6'),
    enemy: v('--ch-enemy', '#a3341c'),
    bar: v('--ch-bar', '#7a2e2e'),
    partyBand: v('--ch-party-band', 'rgb(31 95 166 / 0.18)'),
    enemyBand: v('--ch-enemy-band', 'rgb(163 52 28 / 0.16)'),
    axis: v('--ch-axis', '#1f1b16'),
    grid: v('--ch-grid', 'rgb(127 127 127 / 0.3)'),
    font: style.fontFamily || 'system-ui, sans-serif',
  };
}

function formatValue(spec: ChartSpec, v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return spec.yUnit === 'percent' ? `${v.toFixed(1)}%` : String(Math.round(v * 100) / 100);
}

export interface ChartProps {
  spec: ChartSpec;
  /** Shown as the figure caption. */
  title: string;
  /** One or two sentences that say what the chart shows; read in place of the picture. */
  summary: string;
  testId?: string;
}

export function Chart({ spec, title, summary, testId }: ChartProps) {
  const id = useId();
  const figureRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<ChartHandle | null>(null);
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const [failed, setFailed] = useState(false);
  // Parents build specs on every render; redraw only when the numbers change.
  const specKey = useMemo(() => JSON.stringify(spec), [spec]);

  // Once per mount: load the drawing code, follow the container's width and the theme.
  useEffect(() => {
    const host = hostRef.current;
    const figure = figureRef.current;
    if (!host || !figure) return;
    let disposed = false;
    loadDrawing().then(
      (loaded) => {
        if (!disposed) setDrawing(() => loaded);
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    const resize = () => handleRef.current?.resize(Math.floor(host.clientWidth));
    const restyle = () => handleRef.current?.restyle(readPalette(figure));
    const resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null;
    if (resizeObserver) resizeObserver.observe(host);
    else addEventListener('resize', resize);
    const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    media?.addEventListener('change', restyle);
    // A theme switched by a class or attribute on the root, not only by the system setting.
    const themeObserver = new MutationObserver(restyle);
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
    return () => {
      disposed = true;
      resizeObserver?.disconnect();
      removeEventListener('resize', resize);
      media?.removeEventListener('change', restyle);
      themeObserver.disconnect();
      handleRef.current?.destroy();
      handleRef.current = null;
    };
  }, []);

  // New numbers: in place when the chart keeps its shape, otherwise drawn anew.
  useEffect(() => {
    const host = hostRef.current;
    const figure = figureRef.current;
    if (!drawing || !host || !figure) return;
    const next = JSON.parse(specKey) as ChartSpec;
    if (handleRef.current?.update(next)) return;
    handleRef.current?.destroy();
    host.replaceChildren();
    handleRef.current = drawing.drawChart(host, next, readPalette(figure), Math.floor(host.clientWidth));
  }, [drawing, specKey]);

  const state = failed ? 'failed' : drawing ? 'ready' : 'loading';
  const bandSeries = spec.series.filter((s) => s.band);
  return (
    <figure className="ch-figure" ref={figureRef} data-testid={testId} data-state={state} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="ch-title">{title}</figcaption>
      <p className="ch-summary">{summary}</p>
      <ul className="ch-legend">
        {spec.series.map((s) => (
          <li key={s.label}><span className={`ch-swatch ch-${s.tone}`} aria-hidden="true" />{s.label}</li>
        ))}
        {bandSeries.map((s) => (
          <li key={`${s.label}-band`}><span className={`ch-swatch ch-band ch-${s.tone}-band`} aria-hidden="true" />{s.label}: {s.band!.label}</li>
        ))}
      </ul>
      <div className="ch-plot" ref={hostRef} aria-hidden="true" />
      {failed && <p className="ch-failed">The chart could not be drawn; the numbers are in the table below.</p>}
      <details className="ch-data">
        <summary>The numbers behind the chart</summary>
        <div className="ch-table-wrap">
          <table className="ch-table">
            <caption className="ch-sr">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{spec.xLabel}</th>
                {spec.series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}
                {bandSeries.map((s) => <th scope="col" key={`${s.label}-band`}>{s.label}: {s.band!.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {spec.x.map((x, i) => (
                <tr key={x}>
                  <th scope="row">{x}</th>
                  {spec.series.map((s) => <td key={s.label}>{formatValue(spec, s.values[i])}</td>)}
                  {bandSeries.map((s) => (
                    <td key={`${s.label}-band`}>{formatValue(spec, s.band!.low[i])} to {formatValue(spec, s.band!.high[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
