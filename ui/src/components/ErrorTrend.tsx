// How far off each past model check was: one bar per check (above the line: predicted too many,
// below: too few), with the ±20% limit beyond which the models count as drifted.

import { useRef } from 'react';
import type { HealthPoint } from '../gen/api';
import { defaultLocale, formatDate, formatPercent } from '../format';
import { ChartColumn, ChartFrame, YGrid, bandLayout, niceTicks, useChartCursor, useChartWidth } from './chartKit';

const HEIGHT = 180;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 48 };
/** The drift limit drawn on the chart; the core decides `drifted` itself. */
const LIMIT = 0.2;

/** "12% too high", "5% too low", "spot on". */
export function errorWords(error: number, locale = defaultLocale()): string {
  if (!Number.isFinite(error)) return 'not measurable';
  if (Math.round(Math.abs(error) * 100) === 0) return 'spot on';
  return `${formatPercent(Math.abs(error), locale)} too ${error > 0 ? 'high' : 'low'}`;
}

export interface ErrorTrendProps {
  history: HealthPoint[];
  timeZone?: string;
  locale?: string;
}

export function ErrorTrend({ history, timeZone, locale = defaultLocale() }: ErrorTrendProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 640);
  const cursor = useChartCursor(history.length);

  const errors = history.map((p) => (Number.isFinite(p.error) ? p.error : 0));
  const ticks = niceTicks(Math.min(-LIMIT, ...errors), Math.max(LIMIT, ...errors), 4);
  const layout = bandLayout({ width, height: HEIGHT, margin: MARGIN, count: history.length, ticks, labelGap: 80 });
  const { band, plotW, y } = layout;
  const barW = Math.max(3, Math.min(28, band * 0.6));

  const describe = (i: number): string | null => {
    const p = history[i];
    if (!p) return null;
    return `${formatDate(p.checked_at, timeZone, locale)}: ${errorWords(p.error, locale)}${p.drifted ? ' — drifted' : ''}`;
  };

  return (
    <ChartFrame
      testId="error-trend"
      plotRef={wrapRef}
      width={width}
      height={HEIGHT}
      cursor={cursor}
      title={
        <>
          How far off each of {history.length} checks was. Use the arrow keys to read each check.
        </>
      }
      describe={describe}
      hint="Dashed lines: 20% off either way, where Storeloop warns you."
      table={{
        headers: ['Checked', 'How far off'],
        rows: history.map((p, i) => ({
          key: `${p.checked_at}-${i}`,
          cells: [formatDate(p.checked_at, timeZone, locale), `${errorWords(p.error, locale)}${p.drifted ? ' (drifted)' : ''}`],
        })),
      }}
    >
      <YGrid
        ticks={ticks}
        y={y}
        left={MARGIN.left}
        right={MARGIN.left + plotW}
        format={(v) => (v > 0 ? `+${formatPercent(v, locale)}` : formatPercent(v, locale))}
      />
      {[LIMIT, -LIMIT].map((l) => (
        <line key={l} x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(l)} y2={y(l)} className="chart__limit" />
      ))}
      {history.map((p, i) => {
        const v = errors[i] ?? 0;
        const x = layout.left(i);
        const top = Math.min(y(v), y(0));
        const h = Math.max(1, Math.abs(y(v) - y(0)));
        const on = cursor.active === i;
        return (
          <ChartColumn key={`${p.checked_at}-${i}`} layout={layout} cursor={cursor} index={i}>
            <rect
              x={x + (band - barW) / 2}
              y={top}
              width={barW}
              height={h}
              rx={Math.min(3, barW / 4)}
              className={`chart__bar${p.drifted ? ' chart__bar--drifted' : ''}${on ? ' is-active' : ''}`}
              pointerEvents="none"
              data-testid="trend-bar"
              data-drifted={p.drifted}
            >
              <title>{describe(i)}</title>
            </rect>
            {layout.labelled(i) ? (
              <text x={x + band / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="chart__label">
                {formatDate(p.checked_at, timeZone, locale)}
              </text>
            ) : null}
          </ChartColumn>
        );
      })}
    </ChartFrame>
  );
}
