// Predicted against actual: for customers grouped by how often they had bought before the check
// period, the purchases the model expected of each and what they really made. Grouped SVG bars.

import { useRef } from 'react';
import type { HoldoutRow } from '../gen/api';
import { defaultLocale, formatCount, formatNumber } from '../format';
import { ChartColumn, ChartFrame, YGrid, bandLayout, niceTicks, useChartCursor, useChartWidth } from './chartKit';

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
  const layout = bandLayout({ width, height: HEIGHT, margin: MARGIN, count: rows.length, ticks });
  const { band, plotW, y } = layout;
  const barW = Math.max(2, Math.min(22, band * 0.34));
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
    <ChartFrame
      testId="holdout-chart"
      plotRef={wrapRef}
      legend={[
        { swatch: 'actual', label: 'What customers did' },
        { swatch: 'predicted', label: 'What the model predicted' },
      ]}
      width={width}
      height={HEIGHT}
      cursor={cursor}
      title={
        <>
          Purchases per customer after {calibrationEnd}, actual beside predicted, grouped by repeat purchases
          before it. Use the arrow keys to read each group.
        </>
      }
      describe={describe}
      hint="Bars of the same height mean the model got that group right. Point at a group to read it."
      table={{
        headers: ['Repeat purchases before', 'Customers', 'Actual per customer', 'Predicted per customer'],
        rows: rows.map((r) => ({
          key: r.x,
          cells: [r.x, formatCount(r.customers, locale), n(r.actual), n(r.predicted)],
        })),
      }}
    >
      <YGrid ticks={ticks} y={y} left={MARGIN.left} right={MARGIN.left + plotW} format={(v) => formatNumber(v, 2, locale)} />
      {rows.map((r, i) => {
        const mid = layout.left(i) + band / 2;
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
          <ChartColumn key={r.x} layout={layout} cursor={cursor} index={i} title={describe(i)}>
            {bar(r.actual, mid - barW - 1, 'actual')}
            {bar(r.predicted, mid + 1, 'predicted')}
            <text x={mid} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="chart__label">
              {r.x}
            </text>
          </ChartColumn>
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
    </ChartFrame>
  );
}
