// Emails a dry run sent per day: what went to customers (sent) with, stacked on top, what the
// held-back group would have been sent. Drawn with the house chart kit; readable with the arrow
// keys and as a table.

import { useRef } from 'react';
import type { DayCount } from '../gen/api';
import { defaultLocale, formatCount, formatDate, formatDayShort } from '../format';
import { ChartColumn, ChartFrame, YGrid, bandLayout, niceTicks, useChartCursor, useChartWidth } from './chartKit';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 32, left: 40 };

export interface SendsChartProps {
  days: DayCount[];
  locale?: string;
}

export function SendsChart({ days, locale = defaultLocale() }: SendsChartProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 640);
  const cursor = useChartCursor(days.length);

  const ticks = niceTicks(0, Math.max(0, ...days.map((d) => d.sent + d.would_send)), 4, true);
  const layout = bandLayout({ width, height: HEIGHT, margin: MARGIN, count: days.length, ticks, labelGap: 52 });
  const { band, plotW, y } = layout;
  const barW = Math.max(1, Math.min(18, band * 0.7));

  const describe = (i: number): string | null => {
    const d = days[i];
    if (!d) return null;
    const held = d.would_send > 0 ? `, ${formatCount(d.would_send, locale)} would have gone to the held-back group` : '';
    return `${formatDate(d.day, undefined, locale)}: ${formatCount(d.sent, locale)} sent${held}`;
  };

  return (
    <ChartFrame
      testId="sends-chart"
      plotRef={wrapRef}
      legend={[
        { swatch: 'actual', label: 'Sent' },
        { swatch: 'holdout', label: 'Would have been sent to the held-back group (not sent)' },
      ]}
      width={width}
      height={HEIGHT}
      cursor={cursor}
      title={<>Emails per day in the dry run, {days.length} days. Use the arrow keys to read each day.</>}
      describe={describe}
      hint="Point at a day, or focus the chart and use the arrow keys, to read it."
      table={{
        headers: ['Day', 'Sent', 'Would have been sent (held back)'],
        rows: days.map((d) => ({
          key: d.day,
          cells: [formatDate(d.day, undefined, locale), formatCount(d.sent, locale), formatCount(d.would_send, locale)],
        })),
      }}
    >
      <YGrid ticks={ticks} y={y} left={MARGIN.left} right={MARGIN.left + plotW} format={(v) => formatCount(v, locale)} />
      {days.map((d, i) => {
        const x = layout.left(i) + (band - barW) / 2;
        const on = cursor.active === i;
        const hSent = Math.max(d.sent > 0 ? 1 : 0, y(0) - y(d.sent));
        const hHold = Math.max(d.would_send > 0 ? 1 : 0, y(0) - y(d.would_send));
        return (
          <ChartColumn key={d.day} layout={layout} cursor={cursor} index={i} title={describe(i)}>
            <rect
              x={x}
              y={y(0) - hSent}
              width={barW}
              height={hSent}
              className={`chart__bar${on ? ' is-active' : ''}`}
              pointerEvents="none"
              data-testid="sends-bar"
              data-day={d.day}
              data-value={d.sent}
            />
            <rect
              x={x}
              y={y(0) - hSent - hHold}
              width={barW}
              height={hHold}
              className={`chart__bar chart__bar--holdout${on ? ' is-active' : ''}`}
              pointerEvents="none"
              data-testid="would-send-bar"
              data-day={d.day}
              data-value={d.would_send}
            />
            {layout.labelled(i) ? (
              <text x={x + barW / 2} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" className="chart__label">
                {formatDayShort(d.day, locale)}
              </text>
            ) : null}
          </ChartColumn>
        );
      })}
    </ChartFrame>
  );
}
