/**
 * uPlot (canvas) for every x/y chart: ~20 KB gzip, draws 10⁴ points in a few ms. The canvas is
 * an image to assistive technology; the panel's table view has the same numbers.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
}

export interface ChartProps {
  /** What the chart shows, for screen readers. */
  label: string;
  x: number[];
  series: Series[];
  kind?: 'line' | 'bars';
  /** `time`: x is epoch seconds (UTC dates); `category`: x is 0..n-1 with `xLabels`. */
  xKind?: 'time' | 'category';
  xLabels?: string[];
  height?: number;
}

const COLORS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2'];

/*
 * Charts are drawn when they come near the viewport: a chart far below the fold costs nothing
 * until the page is scrolled to it. `chartsSettled()` resolves once every mounted chart has been
 * seen by the observer and those in view are drawn (the page's `wg:painted` mark waits for it).
 */
const draws = new Map<Element, () => void>();
const unseen = new Set<Element>();
let settledWaiters: (() => void)[] = [];
const settle = () => {
  if (unseen.size > 0) return;
  const waiters = settledWaiters;
  settledWaiters = [];
  for (const w of waiters) w();
};
const observer =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            unseen.delete(e.target);
            if (!e.isIntersecting) continue;
            const draw = draws.get(e.target);
            draws.delete(e.target);
            observer?.unobserve(e.target);
            draw?.();
          }
          settle();
        },
        { rootMargin: '400px 0px' },
      )
    : null;

/** Resolves when every mounted chart near the viewport is drawn. */
export function chartsSettled(): Promise<void> {
  return new Promise((resolve) => {
    settledWaiters.push(resolve);
    settle();
  });
}

export function Chart({ label, x, series, kind = 'line', xKind = 'time', xLabels, height = 180 }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let plot: uPlot | null = null;
    let resize: ResizeObserver | null = null;
    const draw = () => {
      const bars = kind === 'bars' ? uPlot.paths.bars?.({ size: [0.8, 48], gap: 1 }) : undefined;
      const opts: uPlot.Options = {
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        // Bars grow from zero; lines use the data's range.
        scales: {
          x: { time: xKind === 'time' },
          ...(kind === 'bars'
            ? { y: { range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, Math.max(1, max)] } }
            : {}),
        },
        axes: [
          {
            stroke: '#374151',
            grid: { show: false },
            ...(xKind === 'category' ? { values: (_u: uPlot, ticks: number[]) => ticks.map((t) => xLabels?.[t] ?? '') } : {}),
          },
          { stroke: '#374151', grid: { stroke: '#e5e7eb' }, size: 50 },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length],
            width: kind === 'bars' ? 0 : 2,
            fill: kind === 'bars' ? COLORS[i % COLORS.length] : undefined,
            paths: bars,
            points: { show: false },
          })),
        ],
      };
      plot = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
      resize = new ResizeObserver(() => {
        const width = Math.max(200, el.clientWidth);
        if (plot && width !== plot.width) plot.setSize({ width, height });
      });
      resize.observe(el);
    };
    if (observer) {
      draws.set(el, draw);
      unseen.add(el);
      observer.observe(el);
    } else draw();
    return () => {
      if (observer) {
        observer.unobserve(el);
        draws.delete(el);
        unseen.delete(el);
        settle();
      }
      resize?.disconnect();
      plot?.destroy();
    };
  }, [x, series, kind, xKind, xLabels, height]);
  return (
    <figure class="chart-figure">
      <div class="chart" ref={ref} role="img" aria-label={label} />
      {series.length > 1 ? (
        <figcaption class="legend">
          {series.map((s, i) => (
            <span key={s.label}>
              <span class="swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
