// Predicted against actual: for customers grouped by how often they had bought before the check
// period, the purchases the model expected of each and what they really made. Grouped SVG bars.

import { useRef } from 'react';
import type { HoldoutRow } from '../gen/api';
import { defaultLocale, formatCount, formatNumber } from '../format';
import { ChartHit, ChartReadout, ChartSvg, ChartTable, YGrid, niceTicks, useChartCursor, useChartWidth } from './chartKit';

const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 44, left: 44 };

/** "2 repeat purchases", "7 or more repeat purchases". */
export function repeatWords(x: string): string {
  if (x.endsWith('+')) return `${x.slice(0, -1)} or more repeat purchases`;
  return x === '1' ? '1 repeat purchase' : `${x} repeat purchases`;
}

export interface HoldoutChartProps {
  rows: HoldoutRow[];
  /** "31 Aug 2024": the end of the period the model learned from. */
  calibrationEnd: string;
  locale?: string;
}

export function HoldoutChart({ rows, calibrationEnd, locale = defaultLocale() }: HoldoutChartProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 640);
  const cursor = useChartCursor(rows.length);

  const ticks = niceTicks(0, Math.max(0, ...rows.flatMap((r) => [r.actual, r.predicted])), 4);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotW = Math.max(100, width - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotW / Math.max(1, rows.length);
  const barW = Math.max(2, Math.min(22, band * 0.34));
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const n = (v: number) => formatNumber(v, 2, locale);

  const describe = (i: number): string | null => {
    const r = rows[i];
    if (!r) return null;
    return (
      `${formatCount(r.customers, locale)} customers with ${repeatWords(r.x)} up to ${calibrationEnd}: ` +
      `${n(r.actual)} purchases each afterwards, ${n(r.predicted)} predicted`
    );
  };

  return (
    <div className="chart" data-testid="holdout-chart">
      <ul className="chart__legend" aria-label="Legend">
        <li>
          <span className="chart__swatch chart__swatch--actual" aria-hidden="true" /> What customers did
        </li>
        <li>
          <span className="chart__swatch chart__swatch--predicted" aria-hidden="true" /> What the model predicted
        </li>
      </ul>
      <div className="chart__plot" ref={wrapRef}>
        <ChartSvg
          width={width}
          height={HEIGHT}
          cursor={cursor}
          title={
            <>
              Purchases per customer after {calibrationEnd}, actual beside predicted, grouped by repeat purchases
              before it. Use the arrow keys to read each group.
            </>
          }
        >
          <YGrid ticks={ticks} y={y} left={MARGIN.left} right={MARGIN.left + plotW} format={(v) => formatNumber(v, 2, locale)} />
          {rows.map((r, i) => {
            const mid = MARGIN.left + band * i + band / 2;
            const on = cursor.active === i;
            const bar = (v: number, x: number, kind: 'actual' | 'predicted') => {
              const h = Math.max(v > 0 ? 1 : 0, y(0) - y(v));
              return (
                <rect
                  x={x}
                  y={y(0) - h}
                  width={barW}
                  height={h}
                  rx={Math.min(3, barW / 4)}
                  className={`chart__bar chart__bar--${kind}${on ? ' is-active' : ''}`}
                  pointerEvents="none"
                  data-testid={`holdout-${kind}`}
                  data-x={r.x}
                  data-value={v}
                />
              );
            };
            return (
              <g key={r.x}>
                <ChartHit
                  x={MARGIN.left + band * i}
                  y={MARGIN.top}
                  width={band}
                  height={plotH}
                  active={on}
                  onEnter={() => cursor.setActive(i)}
                  title={describe(i)}
                  />
                {bar(r.actual, mid - barW - 1, 'actual')}
                {bar(r.predicted, mid + 1, 'predicted')}
                <text x={mid} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="chart__label">
                  {r.x}
                </text>
              </g>
            );
          })}
          <text
            x={MARGIN.left + plotW / 2}
            y={HEIGHT - 6}
            textAnchor="middle"
            className="chart__label chart__label--axis"
          >
            Repeat purchases up to {calibrationEnd}
          </text>
        </ChartSvg>
      </div>
      <ChartReadout
        text={cursor.active === null ? null : describe(cursor.active)}
        hint="Bars of the same height mean the model got that group right. Point at a group to read it."
      />
      <ChartTable
        headers={['Repeat purchases before', 'Customers', 'Actual per customer', 'Predicted per customer']}
        rows={rows.map((r) => ({
          key: r.x,
          cells: [r.x, formatCount(r.customers, locale), n(r.actual), n(r.predicted)],
        }))}
      />
    </div>
  );
}
