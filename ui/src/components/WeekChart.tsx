// One flow's results week by week, drawn with the house chart kit: lines (emailed against held
// back, or a running estimate with its shaded 95% range) and bars, over a shared axis of weeks, in
// one panel or several stacked (emails above unsubscribes). Each panel names its axis with the
// unit; a missing value is a gap, never a drop to zero. Readable with the arrow keys and as a table.

import { Fragment, useRef } from 'react';
import { defaultLocale, formatDate, formatDayShort } from '../format';
import {
  ChartColumn,
  ChartFrame,
  YGrid,
  bandLayout,
  bandPath,
  extent,
  linePath,
  niceTicks,
  scaleY,
  useChartCursor,
  useChartWidth,
} from './chartKit';

/** How a series looks: its line or bar class and its legend swatch (`chart__swatch--<look>`). */
export type WeekLook = 'treatment' | 'holdout' | 'estimate' | 'bar' | 'bar-2';

export interface WeekSeries {
  key: string;
  /** What it is, in the legend, the readout and the table's header. */
  label: string;
  look: WeekLook;
  kind: 'line' | 'bar';
  /** One per week; null where there is nothing to show. */
  values: ReadonlyArray<number | null>;
}

export interface WeekBand {
  /** What the shaded range is, e.g. "95% range". */
  label: string;
  low: ReadonlyArray<number | null>;
  high: ReadonlyArray<number | null>;
}

export interface WeekPanel {
  /** The vertical axis's name with its unit, e.g. "EUR per person". */
  axis: string;
  series: WeekSeries[];
  band?: WeekBand;
  /** A value exactly, for the readout and the table. */
  format: (v: number) => string;
  /** A value on the axis (shorter); `format` by default. */
  tick?: (v: number) => string;
  /** Whole steps on the axis (counts of people or emails). */
  whole?: boolean;
  /** Draw the zero line strongly: a difference, where zero means no difference. */
  zero?: boolean;
  /** The plot's height in pixels. */
  height: number;
}

export interface WeekChartProps {
  testId: string;
  /** The chart's name for screen readers (the SVG's <title>). */
  title: string;
  /** Each week's first day, YYYY-MM-DD. */
  weeks: readonly string[];
  panels: WeekPanel[];
  locale?: string;
}

const MARGIN = { top: 22, right: 12, bottom: 40, left: 72 };
/** Room above each panel after the first for its axis name. */
const PANEL_GAP = 34;

export function WeekChart({ testId, title, weeks, panels, locale = defaultLocale() }: WeekChartProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 640);
  const cursor = useChartCursor(weeks.length);

  const plotsH = panels.reduce((sum, p) => sum + p.height, 0) + PANEL_GAP * Math.max(0, panels.length - 1);
  const height = MARGIN.top + plotsH + MARGIN.bottom;
  const layout = bandLayout({ width, height, margin: MARGIN, count: weeks.length, ticks: [0, 1], labelGap: 56 });
  const { band, plotW } = layout;
  const cx = (i: number) => layout.left(i) + band / 2;
  const right = MARGIN.left + plotW;

  let top = MARGIN.top;
  const placed = panels.map((p) => {
    const values = [...p.series.map((s) => s.values), ...(p.band ? [p.band.low, p.band.high] : [])];
    const [lo, hi] = extent(values);
    const ticks = niceTicks(lo, hi, p.height < 140 ? 2 : 4, p.whole ?? false);
    const at = { panel: p, top, ticks, y: scaleY(ticks, top, p.height) };
    top += p.height + PANEL_GAP;
    return at;
  });

  const series = panels.flatMap((p) => p.series.map((s) => ({ s, p })));
  const bands = panels.flatMap((p) => (p.band ? [{ b: p.band, p }] : []));

  const describe = (i: number): string | null => {
    const week = weeks[i];
    if (week === undefined) return null;
    const parts = series.map(({ s, p }) => {
      const v = s.values[i];
      return `${s.label} ${v === null || v === undefined || !Number.isFinite(v) ? 'not yet known' : p.format(v)}`;
    });
    for (const { b, p } of bands) {
      const l = b.low[i];
      const h = b.high[i];
      if (l !== null && l !== undefined && h !== null && h !== undefined) parts.push(`${b.label} ${p.format(l)} to ${p.format(h)}`);
    }
    return `Week of ${formatDate(week, undefined, locale)}: ${parts.join(', ')}`;
  };

  const cell = (v: number | null | undefined, format: (v: number) => string) =>
    v === null || v === undefined || !Number.isFinite(v) ? '—' : format(v);

  const legend = [
    ...series.map(({ s }) => ({ swatch: s.look, label: s.label })),
    ...bands.map(({ b }) => ({ swatch: 'band', label: b.label })),
  ];

  return (
    <ChartFrame
      testId={testId}
      plotRef={wrapRef}
      legend={legend.length > 1 ? legend : undefined}
      width={width}
      height={height}
      cursor={cursor}
      title={`${title} ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}. Use the arrow keys to read each week.`}
      describe={describe}
      hint="Point at a week, or focus the chart and use the arrow keys, to read it."
      table={{
        headers: [
          'Week starting',
          ...series.map(({ s }) => s.label),
          ...bands.flatMap(({ b }) => [`${b.label}: as low as`, `${b.label}: as high as`]),
        ],
        rows: weeks.map((w, i) => ({
          key: w,
          cells: [
            formatDate(w, undefined, locale),
            ...series.map(({ s, p }) => cell(s.values[i], p.format)),
            ...bands.flatMap(({ b, p }) => [cell(b.low[i], p.format), cell(b.high[i], p.format)]),
          ],
        })),
      }}
    >
      {placed.map(({ panel, top: panelTop, ticks, y }) => {
        return (
          <g key={panel.axis} data-testid="week-panel">
            <text x={MARGIN.left} y={panelTop - 10} className="chart__label chart__label--axis" data-testid="week-axis">
              {panel.axis}
            </text>
            <YGrid ticks={ticks} y={y} left={MARGIN.left} right={right} format={panel.tick ?? panel.format} />
            {panel.band ? (
              <>
                <path d={bandPath(panel.band.low, panel.band.high, cx, y)} className="chart__band" data-testid="week-band" />
                {weeks.map((w, i) => {
                  const l = panel.band?.low[i];
                  const h = panel.band?.high[i];
                  if (l === null || l === undefined || h === null || h === undefined) return null;
                  return <line key={w} x1={cx(i)} x2={cx(i)} y1={y(h)} y2={y(l)} className="chart__whisker" />;
                })}
              </>
            ) : null}
            {panel.zero ? (
              <line x1={MARGIN.left} x2={right} y1={y(0)} y2={y(0)} className="chart__zero" data-testid="week-zero" />
            ) : null}
            {panel.series
              .filter((s) => s.kind === 'line')
              .map((s) => (
                <path
                  key={s.key}
                  d={linePath(s.values, cx, y)}
                  className={`chart__series chart__series--${s.look}`}
                  data-testid="week-line"
                  data-series={s.key}
                />
              ))}
          </g>
        );
      })}
      {weeks.map((w, i) => (
        <ChartColumn key={w} layout={layout} cursor={cursor} index={i} title={describe(i)}>
          {placed.map(({ panel, y }) => {
            const bars = panel.series.filter((s) => s.kind === 'bar');
            const barW = Math.max(2, Math.min(28, band * 0.6) / Math.max(1, bars.length));
            const on = cursor.active === i;
            return (
              <Fragment key={panel.axis}>
                {bars.map((s, k) => {
                  const v = s.values[i];
                  if (v === null || v === undefined || !Number.isFinite(v)) return null;
                  const x = layout.left(i) + (band - barW * bars.length) / 2 + barW * k;
                  const y0 = y(0);
                  const yv = y(v);
                  const h = Math.max(v !== 0 ? 1 : 0, Math.abs(y0 - yv));
                  return (
                    <rect
                      key={s.key}
                      x={x}
                      y={Math.min(y0, yv)}
                      width={barW}
                      height={h}
                      rx={Math.min(3, barW / 4)}
                      className={`chart__bar chart__bar--${s.look}${on ? ' is-active' : ''}`}
                      pointerEvents="none"
                      data-testid="week-bar"
                      data-series={s.key}
                      data-week={w}
                      data-value={v}
                    />
                  );
                })}
                {panel.series
                  .filter((s) => s.kind === 'line')
                  .map((s) => {
                    const v = s.values[i];
                    if (v === null || v === undefined || !Number.isFinite(v)) return null;
                    return (
                      <circle
                        key={s.key}
                        cx={cx(i)}
                        cy={y(v)}
                        r={on ? 4.5 : 3}
                        className={`chart__dot chart__dot--${s.look}`}
                        pointerEvents="none"
                        data-testid="week-point"
                        data-series={s.key}
                        data-week={w}
                        data-value={v}
                      />
                    );
                  })}
              </Fragment>
            );
          })}
          {layout.labelled(i) ? (
            <text x={cx(i)} y={height - MARGIN.bottom + 16} textAnchor="middle" className="chart__label" data-testid="week-label">
              {formatDayShort(w, locale)}
            </text>
          ) : null}
        </ChartColumn>
      ))}
      <text x={MARGIN.left + plotW / 2} y={height - 6} textAnchor="middle" className="chart__label chart__label--axis">
        Week customers entered (starting)
      </text>
    </ChartFrame>
  );
}
