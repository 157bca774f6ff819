// What every hand-drawn SVG chart shares: round axis steps, the width of its box, the layout of
// one band per bar or group, a vertical scale, lines and shaded ranges that skip missing values,
// a keyboard cursor over its bars or points, a y-axis (or x-axis) with grid lines, a legend, the
// line that reads out what is pointed at, the same numbers as a table, and the frame that puts
// these together.

import { useEffect, useId, useLayoutEffect, useState } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';

/** A round step for about `ticks` grid lines up to `max`. */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const n = raw / pow;
  const m = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10;
  return m * pow;
}

/**
 * Grid values from 0 (or below, for negative data) to past `max`, a round step apart.
 * `whole` keeps steps at whole numbers, for counts of people.
 */
export function niceTicks(min: number, max: number, ticks = 4, whole = false): number[] {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  let step = niceStep(hi - lo, ticks);
  if (whole) step = Math.max(1, Math.ceil(step));
  const first = Math.floor(lo / step) * step;
  const last = Math.max(first + step, Math.ceil(hi / step) * step);
  const out: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
}

/** The width of a chart's box in pixels, following resizes; `fallback` before it is measured. */
export function useChartWidth(ref: RefObject<HTMLDivElement | null>, fallback = 720): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = el.getBoundingClientRect().width;
      if (w > 0) setWidth(Math.floor(w));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface BandLayoutInput {
  /** The chart's box, in pixels. */
  width: number;
  height: number;
  margin: ChartMargin;
  /** How many bands (bars, or groups of bars) side by side. */
  count: number;
  /** The y-axis grid values, lowest first: the lowest sits at the plot's bottom, the highest at its top. */
  ticks: number[];
  /** The plot is never narrower than this, however small the box. */
  minPlotWidth?: number;
  /** Axis labels under the bands stand at least this many pixels apart. */
  labelGap?: number;
}

export interface BandLayout {
  margin: ChartMargin;
  plotW: number;
  plotH: number;
  /** The width of one band. */
  band: number;
  /** The left edge of band `i`. */
  left: (i: number) => number;
  /** Where value `v` stands, in pixels from the top. */
  y: (v: number) => number;
  /** Every how many bands an axis label fits. */
  labelEvery: number;
  /** Whether band `i` gets its axis label, counting back from the last so the latest always has one. */
  labelled: (i: number) => boolean;
}

/** Where the bands of a bar chart stand: the plot inside the margins cut into `count` equal bands. */
export function bandLayout({
  width,
  height,
  margin,
  count,
  ticks,
  minPlotWidth = 100,
  labelGap = 0,
}: BandLayoutInput): BandLayout {
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const plotW = Math.max(minPlotWidth, width - margin.left - margin.right);
  const plotH = height - margin.top - margin.bottom;
  const band = plotW / Math.max(1, count);
  const labelEvery = Math.max(1, Math.ceil(labelGap / band));
  return {
    margin,
    plotW,
    plotH,
    band,
    left: (i) => margin.left + band * i,
    y: (v) => margin.top + ((hi - v) / (hi - lo)) * plotH,
    labelEvery,
    labelled: (i) => (count - 1 - i) % labelEvery === 0,
  };
}

/**
 * Where value `v` stands, in pixels from the top, on a plot `height` pixels tall whose top edge is
 * at `top`: the lowest of `ticks` (lowest first) at the bottom, the highest at the top.
 */
export function scaleY(ticks: readonly number[], top: number, height: number): (v: number) => number {
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const span = hi - lo || 1;
  return (v) => top + ((hi - v) / span) * height;
}

/** The lowest and highest finite value of all the series ([0, 0] when there is none). */
export function extent(series: ReadonlyArray<ReadonlyArray<number | null>>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const values of series) {
    for (const v of values) {
      if (v === null || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

const px = (n: number) => String(Math.round(n * 100) / 100);

/**
 * An SVG path through the values, point `i` at (`x(i)`, `y(value)`). A missing value (null, not
 * finite) lifts the pen: each run of values is its own line, so a gap is never drawn as a slope.
 */
export function linePath(
  values: ReadonlyArray<number | null>,
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  const parts: string[] = [];
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      drawing = false;
      return;
    }
    parts.push(`${drawing ? 'L' : 'M'}${px(x(i))},${px(y(v))}`);
    drawing = true;
  });
  return parts.join(' ');
}

/**
 * The shaded area between `low` and `high` (a range such as a 95% interval): one closed shape per
 * run of points that have both, along the highs forward and back along the lows.
 */
export function bandPath(
  low: ReadonlyArray<number | null>,
  high: ReadonlyArray<number | null>,
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  const shapes: string[] = [];
  let run: number[] = [];
  const close = () => {
    if (run.length > 0) {
      const top = run.map((i, k) => `${k === 0 ? 'M' : 'L'}${px(x(i))},${px(y(high[i] as number))}`);
      const bottom = [...run].reverse().map((i) => `L${px(x(i))},${px(y(low[i] as number))}`);
      shapes.push(`${[...top, ...bottom].join(' ')} Z`);
    }
    run = [];
  };
  const n = Math.max(low.length, high.length);
  for (let i = 0; i < n; i++) {
    const l = low[i];
    const h = high[i];
    const ok = l !== null && l !== undefined && h !== null && h !== undefined && Number.isFinite(l) && Number.isFinite(h);
    if (ok) run.push(i);
    else close();
  }
  close();
  return shapes.join(' ');
}

export interface ChartCursor {
  active: number | null;
  setActive: (i: number | null) => void;
  /** For the focusable SVG: arrows move, Home/End jump, Escape lets go. */
  onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => void;
}

/** Which of `count` items is being read, by pointer or by keyboard. */
export function useChartCursor(count: number): ChartCursor {
  const [active, setActive] = useState<number | null>(null);
  const last = count - 1;

  useEffect(() => {
    if (active !== null && active > last) setActive(null);
  }, [active, last]);

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (count === 0) return;
    let next: number | null = active;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = active === null ? 0 : Math.min(last, active + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') next = active === null ? last : Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') next = null;
    else return;
    e.preventDefault();
    setActive(next);
  };

  return { active, setActive, onKeyDown };
}

export interface ChartSvgProps {
  width: number;
  height: number;
  cursor: ChartCursor;
  /** The chart's name for screen readers (the SVG's <title>). */
  title: ReactNode;
  children: ReactNode;
}

/** The focusable SVG every chart draws in: sized, titled, read with the keyboard cursor. */
export function ChartSvg({ width, height, cursor, title, children }: ChartSvgProps) {
  const titleId = useId();
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-labelledby={titleId}
      tabIndex={0}
      onKeyDown={cursor.onKeyDown}
      onBlur={() => cursor.setActive(null)}
      onMouseLeave={() => cursor.setActive(null)}
    >
      <title id={titleId}>{title}</title>
      {children}
    </svg>
  );
}

export interface ChartHitProps {
  x: number;
  y: number;
  width: number;
  height: number;
  active: boolean;
  onEnter: () => void;
  /** A tooltip for the column. */
  title?: string | null;
}

/** A full-height, invisible column over one bar, so even a tiny bar is easy to point at. */
export function ChartHit({ x, y, width, height, active, onEnter, title }: ChartHitProps) {
  return (
    <rect
      x={x}
      y={y}
      width={width}
      height={height}
      className={`chart__hit${active ? ' is-active' : ''}`}
      onMouseEnter={onEnter}
    >
      {title == null ? null : <title>{title}</title>}
    </rect>
  );
}

export interface ChartColumnProps {
  layout: BandLayout;
  cursor: ChartCursor;
  /** Which band. */
  index: number;
  /** A tooltip for the band. */
  title?: string | null;
  /** What the chart draws in the band. */
  children: ReactNode;
}

/** One band of a bar chart: its full-height hit column, which moves the cursor there, and its bars. */
export function ChartColumn({ layout, cursor, index, title, children }: ChartColumnProps) {
  return (
    <g>
      <ChartHit
        x={layout.left(index)}
        y={layout.margin.top}
        width={layout.band}
        height={layout.plotH}
        active={cursor.active === index}
        onEnter={() => cursor.setActive(index)}
        title={title}
      />
      {children}
    </g>
  );
}

export interface YGridProps {
  ticks: number[];
  y: (v: number) => number;
  left: number;
  right: number;
  format: (v: number) => string;
}

/** Horizontal grid lines with their values on the left; the zero line is drawn stronger. */
export function YGrid({ ticks, y, left, right, format }: YGridProps) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t} className="chart__tick">
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart__baseline' : 'chart__grid'} />
          <text x={left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="chart__label">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

export interface XGridProps {
  ticks: number[];
  x: (v: number) => number;
  top: number;
  bottom: number;
  format: (v: number) => string;
}

/** Vertical grid lines with their values underneath, for charts whose values run across; the zero line is drawn stronger. */
export function XGrid({ ticks, x, top, bottom, format }: XGridProps) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t} className="chart__tick">
          <line x1={x(t)} x2={x(t)} y1={top} y2={bottom} className={t === 0 ? 'chart__baseline' : 'chart__grid'} />
          <text x={x(t)} y={bottom + 14} textAnchor="middle" className="chart__label">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

export interface ChartLegendProps {
  /** Each series: its swatch (`chart__swatch--<swatch>`) and what it stands for. */
  items: Array<{ swatch: string; label: string }>;
}

/** The key to a chart with more than one series. */
export function ChartLegend({ items }: ChartLegendProps) {
  return (
    <ul className="chart__legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.swatch}>
          <span className={`chart__swatch chart__swatch--${item.swatch}`} aria-hidden="true" /> {item.label}
        </li>
      ))}
    </ul>
  );
}

export interface ChartReadoutProps {
  cursor: ChartCursor;
  /** The words for item `i`. */
  describe: (i: number) => string | null;
  /** Shown while nothing is being read. */
  hint: string;
}

/** The line under a chart that reads out the bar or point the cursor is on. */
export function ChartReadout({ cursor, describe, hint }: ChartReadoutProps) {
  const text = cursor.active === null ? null : describe(cursor.active);
  return (
    <p className="chart__readout num" aria-live="polite" data-testid="chart-readout">
      {text ?? <span className="subtle">{hint}</span>}
    </p>
  );
}

export interface ChartTableProps {
  headers: string[];
  /** Each row's first cell is its header. */
  rows: Array<{ key: string; cells: string[] }>;
}

/** "Show as a table": the chart's numbers for anyone who prefers them to a picture. */
export function ChartTable({ headers, rows }: ChartTableProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <div className="chart__foot">
        <button
          type="button"
          className="btn btn--ghost btn--sm"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide the table' : 'Show as a table'}
        </button>
      </div>
      {open ? (
        <div className="table-wrap chart__table" id={id}>
          <table className="table">
            <thead>
              <tr>
                {headers.map((h, i) => (
                  <th key={h} scope="col" className={i === 0 ? undefined : 'right'}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={i} className="right">
                        {c}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export interface ChartFrameProps {
  /** The chart's test id. */
  testId: string;
  /** The plot's box, for `useChartWidth`. */
  plotRef: RefObject<HTMLDivElement | null>;
  /** For a chart with more than one series. */
  legend?: ChartLegendProps['items'];
  width: number;
  height: number;
  cursor: ChartCursor;
  /** The chart's name for screen readers. */
  title: ReactNode;
  /** The words for item `i`, read out under the chart. */
  describe: (i: number) => string | null;
  /** Shown under the chart while nothing is being read. */
  hint: string;
  table: ChartTableProps;
  /** What is drawn in the SVG. */
  children: ReactNode;
}

/** A chart as every chart here is laid out: its legend, the focusable plot, the readout line and the table. */
export function ChartFrame({
  testId,
  plotRef,
  legend,
  width,
  height,
  cursor,
  title,
  describe,
  hint,
  table,
  children,
}: ChartFrameProps) {
  return (
    <div className="chart" data-testid={testId}>
      {legend ? <ChartLegend items={legend} /> : null}
      <div className="chart__plot" ref={plotRef}>
        <ChartSvg width={width} height={height} cursor={cursor} title={title}>
          {children}
        </ChartSvg>
      </div>
      <ChartReadout cursor={cursor} describe={describe} hint={hint} />
      <ChartTable headers={table.headers} rows={table.rows} />
    </div>
  );
}
