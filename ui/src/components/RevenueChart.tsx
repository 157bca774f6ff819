// Revenue by month as an SVG bar chart, drawn by hand: no chart library.
// Hover or focus a bar (arrow keys once the chart has focus) for the exact amount; the same
// numbers are available as a table for anyone who prefers one.

import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { MonthRevenue } from '../gen/api';
import {
  formatCount,
  formatMoney,
  formatMoneyCompact,
  formatMonthLong,
  formatMonthShort,
  monthYear,
  toMajorUnits,
} from '../format';
import { ChartHit, ChartTable, bandLayout, niceTicks, useChartWidth } from './chartKit';

const HEIGHT = 260;
const MARGIN = { top: 16, right: 8, bottom: 44, left: 64 };
const FALLBACK_WIDTH = 720;

export interface RevenueChartProps {
  months: MonthRevenue[];
  currency: string;
  locale?: string;
}

export function RevenueChart({ months, currency, locale }: RevenueChartProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, FALLBACK_WIDTH);
  const [active, setActive] = useState<number | null>(null);
  const titleId = useId();

  // Forget a highlighted month that no longer exists (new data).
  useEffect(() => {
    if (active !== null && active >= months.length) setActive(null);
  }, [active, months.length]);

  const values = months.map((m) => Math.max(0, toMajorUnits(m.revenue, locale)));
  const ticks = niceTicks(0, Math.max(0, ...values));
  const layout = bandLayout({ width, height: HEIGHT, margin: MARGIN, count: months.length, ticks, labelGap: 34 });
  const { band, plotW, plotH, y } = layout;
  const barW = Math.max(2, Math.min(40, band * 0.68));
  const last = months.length - 1;

  const describe = (i: number) => {
    const m = months[i];
    if (!m) return '';
    const orders = m.orders === 1 ? '1 order' : `${formatCount(m.orders, locale)} orders`;
    return `${formatMonthLong(m.month, locale)}: ${formatMoney(m.revenue, locale)} from ${orders}`;
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (months.length === 0) return;
    let next: number | null = active;
    if (e.key === 'ArrowRight') next = active === null ? 0 : Math.min(last, active + 1);
    else if (e.key === 'ArrowLeft') next = active === null ? last : Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') next = null;
    else return;
    e.preventDefault();
    setActive(next);
  };

  const activeMonth = active === null ? undefined : months[active];
  const activeValue = active === null ? 0 : (values[active] ?? 0);
  const tipX = active === null ? 0 : layout.left(active) + band / 2;
  const tipLeft = Math.min(Math.max(tipX, 90), width - 90);

  return (
    <div className="chart">
      <div className="chart__plot" ref={wrapRef}>
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="group"
          aria-labelledby={titleId}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onBlur={() => setActive(null)}
          onMouseLeave={() => setActive(null)}
          data-testid="revenue-chart"
        >
          <title id={titleId}>
            Revenue by month, {months.length} months. Use the left and right arrow keys to read each
            month.
          </title>
          {ticks.map((t) => (
            <g key={t} className="chart__tick">
              <line
                x1={MARGIN.left}
                x2={MARGIN.left + plotW}
                y1={y(t)}
                y2={y(t)}
                className={t === 0 ? 'chart__baseline' : 'chart__grid'}
              />
              <text x={MARGIN.left - 10} y={y(t)} dy="0.32em" textAnchor="end" className="chart__label">
                {formatMoneyCompact(t, currency, locale)}
              </text>
            </g>
          ))}
          {months.map((m, i) => {
            const v = values[i] ?? 0;
            const x = layout.left(i) + (band - barW) / 2;
            const h = Math.max(v > 0 ? 1 : 0, y(0) - y(v));
            const year = monthYear(m.month);
            const prevYear = i > 0 ? monthYear(months[i - 1]?.month ?? '') : null;
            const showYear = year !== null && (i === 0 || year !== prevYear);
            const showMonth = layout.labelled(i);
            return (
              <g key={m.month}>
                {/* A full-height hit area makes small bars easy to point at. */}
                <ChartHit
                  x={layout.left(i)}
                  y={MARGIN.top}
                  width={band}
                  height={plotH}
                  active={active === i}
                  onEnter={() => setActive(i)}
                  />
                <rect
                  x={x}
                  y={y(0) - h}
                  width={barW}
                  height={h}
                  rx={Math.min(3, barW / 4)}
                  className={`chart__bar${active === i ? ' is-active' : ''}`}
                  data-testid="revenue-bar"
                  data-month={m.month}
                  data-value={String(m.revenue.minor)}
                  pointerEvents="none"
                >
                  <title>{describe(i)}</title>
                </rect>
                {showMonth ? (
                  <text
                    x={layout.left(i) + band / 2}
                    y={HEIGHT - MARGIN.bottom + 18}
                    textAnchor="middle"
                    className="chart__label"
                  >
                    {formatMonthShort(m.month, locale)}
                  </text>
                ) : null}
                {showYear ? (
                  <text
                    x={layout.left(i) + (band - barW) / 2}
                    y={HEIGHT - MARGIN.bottom + 36}
                    className="chart__label chart__label--year"
                  >
                    {year}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        {activeMonth ? (
          <div
            className="chart__tip"
            style={{ left: tipLeft, top: y(activeValue) - 10 }}
            aria-hidden="true"
            data-testid="chart-tip"
          >
            <span className="chart__tip-month">{formatMonthLong(activeMonth.month, locale)}</span>
            <span className="chart__tip-value num">{formatMoney(activeMonth.revenue, locale)}</span>
            <span className="chart__tip-orders num">
              {activeMonth.orders === 1 ? '1 order' : `${formatCount(activeMonth.orders, locale)} orders`}
            </span>
          </div>
        ) : null}
        <p className="visually-hidden" aria-live="polite">
          {active === null ? '' : describe(active)}
        </p>
      </div>
      <ChartTable
        headers={['Month', 'Orders', 'Revenue']}
        rows={months.map((m) => ({
          key: m.month,
          cells: [formatMonthLong(m.month, locale), formatCount(m.orders, locale), formatMoney(m.revenue, locale)],
        }))}
      />
    </div>
  );
}
