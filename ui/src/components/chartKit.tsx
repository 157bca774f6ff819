// What every hand-drawn SVG chart shares: round axis steps, the width of its box, a keyboard
// cursor over its bars or points, a y-axis with grid lines, and the same numbers as a table.

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

/** The line under a chart that reads out the bar or point being looked at. */
export function ChartReadout({ text, hint }: { text: string | null; hint: string }) {
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
