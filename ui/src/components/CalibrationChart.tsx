// Does "a 30% chance" mean 30%? Customers grouped by the full-price model's prediction: the mean
// prediction of each group against the share that really ordered at full price, with the
// diagonal where the two agree.

import { useRef } from 'react';
import type { CalibrationBin } from '../gen/api';
import { defaultLocale, formatCount, formatPercent } from '../format';
import { ChartFrame, useChartCursor, useChartWidth } from './chartKit';

const MARGIN = { top: 12, right: 16, bottom: 40, left: 48 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

export interface CalibrationChartProps {
  bins: CalibrationBin[];
  locale?: string;
}

export function CalibrationChart({ bins, locale = defaultLocale() }: CalibrationChartProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 320);
  const cursor = useChartCursor(bins.length);

  const size = Math.max(160, Math.min(340, width));
  const plot = size - Math.max(MARGIN.left + MARGIN.right, MARGIN.top + MARGIN.bottom);
  const x = (v: number) => MARGIN.left + Math.min(1, Math.max(0, v)) * plot;
  const y = (v: number) => MARGIN.top + (1 - Math.min(1, Math.max(0, v))) * plot;
  const most = Math.max(1, ...bins.map((b) => b.customers));
  const radius = (n: number) => 3 + 6 * Math.sqrt(n / most);
  const path = bins.map((b, i) => `${i === 0 ? 'M' : 'L'}${x(b.predicted)},${y(b.actual)}`).join(' ');

  const describe = (i: number): string | null => {
    const b = bins[i];
    if (!b) return null;
    return `Predicted ${formatPercent(b.predicted, locale)}, actually ${formatPercent(b.actual, locale)} (${formatCount(b.customers, locale)} customers)`;
  };

  return (
    <ChartFrame
      testId="calibration-chart"
      plotRef={wrapRef}
      width={size}
      height={plot + MARGIN.top + MARGIN.bottom}
      cursor={cursor}
      title={
        <>
          Predicted chance of a full-price order against the share that placed one, for {bins.length} groups
          of customers. Points on the diagonal are right. Use the arrow keys to read each group.
        </>
      }
      describe={describe}
      hint="Up: share who really paid full price. Along: what the model said."
      table={{
        headers: ['Predicted', 'Actually', 'Customers'],
        rows: bins.map((b, i) => ({
          key: `${b.predicted}-${i}`,
          cells: [formatPercent(b.predicted, locale), formatPercent(b.actual, locale), formatCount(b.customers, locale)],
        })),
      }}
    >
      {TICKS.map((t) => (
        <g key={t}>
          <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart__baseline' : 'chart__grid'} />
          <line x1={x(t)} x2={x(t)} y1={y(0)} y2={y(1)} className={t === 0 ? 'chart__baseline' : 'chart__grid'} />
          <text x={x(0) - 8} y={y(t)} dy="0.32em" textAnchor="end" className="chart__label">
            {formatPercent(t, locale)}
          </text>
          <text x={x(t)} y={y(0) + 16} textAnchor="middle" className="chart__label">
            {formatPercent(t, locale)}
          </text>
        </g>
      ))}
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chart__diagonal" />
      <path d={path} className="chart__line" fill="none" />
      {bins.map((b, i) => (
        <circle
          key={`${b.predicted}-${i}`}
          cx={x(b.predicted)}
          cy={y(b.actual)}
          r={radius(b.customers)}
          className={`chart__point${cursor.active === i ? ' is-active' : ''}`}
          onMouseEnter={() => cursor.setActive(i)}
          data-testid="calibration-point"
        >
          <title>{describe(i)}</title>
        </circle>
      ))}
      <text x={x(0.5)} y={y(0) + 34} textAnchor="middle" className="chart__label chart__label--axis">
        Predicted chance
      </text>
    </ChartFrame>
  );
}
