// A "forest" of differences: for each row, the 95% interval of treatment minus holdout as a
// horizontal bar against the zero line, with the best estimate marked. Coloured good or bad only
// when the result is significant; otherwise grey, however far from zero the estimate sits.

import { useRef } from 'react';
import type { LiftInterval } from '../gen/api';
import type { LiftTone } from '../measureWords';
import { ChartFrame, ChartHit, XGrid, niceTicks, useChartCursor, useChartWidth } from './chartKit';

const ROW_H = 30;
const TOP = 6;
const BOTTOM = 24;
const RIGHT = 20;

export interface IntervalRow {
  key: string;
  /** What the row is, e.g. a group of customers; drawn left of the bar when the chart has labels. */
  label: string;
  /** Null when the groups are too small for an interval. */
  interval: LiftInterval | null;
  tone: LiftTone;
}

export interface IntervalChartProps {
  rows: IntervalRow[];
  /** A value as people read it, e.g. "+€1.43". */
  format: (v: number) => string;
  testId: string;
  /** The chart's name for screen readers. */
  title: string;
  /** Room for the rows' labels, in pixels; 0 draws none (a single row, named by its card). */
  labelWidth?: number;
  /** The first column's heading in the table. */
  labelHeader?: string;
}

const TONE_WORDS: Record<LiftTone, string> = {
  good: 'a clear result',
  bad: 'a clear result',
  neutral: 'could still be chance',
};

export function IntervalChart({
  rows,
  format,
  testId,
  title,
  labelWidth = 0,
  labelHeader = 'Group',
}: IntervalChartProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 360);
  const cursor = useChartCursor(rows.length);

  const left = labelWidth > 0 ? labelWidth : 16;
  const height = TOP + rows.length * ROW_H + BOTTOM;
  const bottom = height - BOTTOM;
  const ends = rows.flatMap((r) => (r.interval ? [r.interval.low, r.interval.high, r.interval.estimate] : []));
  const ticks = niceTicks(Math.min(0, ...ends), Math.max(0, ...ends), width - left < 260 ? 2 : 4);
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const plotW = Math.max(80, width - left - RIGHT);
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * plotW;
  const mid = (i: number) => TOP + ROW_H * i + ROW_H / 2;

  const describe = (i: number): string | null => {
    const r = rows[i];
    if (!r) return null;
    const name = labelWidth > 0 ? `${r.label}: ` : '';
    if (!r.interval) return `${name}too few recipients to tell yet`;
    const { estimate, low, high } = r.interval;
    return `${name}${format(estimate)} per recipient, could be anywhere from ${format(low)} to ${format(high)} — ${TONE_WORDS[r.tone]}`;
  };

  return (
    <ChartFrame
      testId={testId}
      plotRef={wrapRef}
      width={width}
      height={height}
      cursor={cursor}
      title={`${title} Each bar is the range the true difference per recipient is likely in (95%), the dot the best estimate; zero means no difference. Use the arrow keys to read each bar.`}
      describe={describe}
      hint="The bar is where the true difference likely lies; the dot is the best estimate. Right of zero: more than the people held back."
      table={{
        headers: [labelHeader, 'Best estimate', 'As low as', 'As high as', 'Clear result?'],
        rows: rows.map((r) => ({
          key: r.key,
          cells: r.interval
            ? [r.label, format(r.interval.estimate), format(r.interval.low), format(r.interval.high), r.tone === 'neutral' ? 'No' : 'Yes']
            : [r.label, '—', '—', '—', 'Too few recipients'],
        })),
      }}
    >
      <XGrid ticks={ticks} x={x} top={TOP} bottom={bottom} format={format} />
      <line x1={x(0)} x2={x(0)} y1={TOP - 4} y2={bottom} className="chart__zero" data-testid="interval-zero" />
      {rows.map((r, i) => {
        const on = cursor.active === i;
        const y = mid(i);
        return (
          <g
            key={r.key}
            data-testid="interval-row"
            data-tone={r.tone}
            data-estimate={r.interval?.estimate ?? ''}
            data-low={r.interval?.low ?? ''}
            data-high={r.interval?.high ?? ''}
          >
            <ChartHit
              x={0}
              y={TOP + ROW_H * i}
              width={width}
              height={ROW_H}
              active={on}
              onEnter={() => cursor.setActive(i)}
              title={describe(i)}
            />
            {labelWidth > 0 ? (
              <text x={left - 10} y={y} dy="0.32em" textAnchor="end" className="chart__label chart__label--row">
                {r.label}
              </text>
            ) : null}
            {r.interval ? (
              <g pointerEvents="none">
                <line
                  x1={x(r.interval.low)}
                  x2={Math.max(x(r.interval.high), x(r.interval.low) + 1)}
                  y1={y}
                  y2={y}
                  className={`chart__interval chart__interval--${r.tone}${on ? ' is-active' : ''}`}
                />
                <circle cx={x(r.interval.estimate)} cy={y} r={5} className={`chart__estimate chart__estimate--${r.tone}`} />
              </g>
            ) : (
              <text
                x={x(0) > left + plotW / 2 ? x(0) - 8 : x(0) + 8}
                y={y}
                dy="0.32em"
                textAnchor={x(0) > left + plotW / 2 ? 'end' : 'start'}
                className="chart__label"
                pointerEvents="none"
              >
                too few recipients to tell yet
              </text>
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
