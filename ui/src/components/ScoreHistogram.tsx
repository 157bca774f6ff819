// How one score is spread over the customers who have ordered: an SVG histogram drawn by hand.
// Bin edges print as the score's kind says (shares as %, money in the store's currency); arrow
// keys read each bar once the chart has focus, and the numbers are also a table.

import { useRef } from 'react';
import type { Histogram, HistogramBin } from '../gen/api';
import { defaultLocale, formatCount, formatMoneyCompact, formatNumber, formatPercent, formatRate } from '../format';
import { ChartColumn, ChartFrame, YGrid, bandLayout, niceTicks, useChartCursor, useChartWidth } from './chartKit';

const HEIGHT = 190;
const MARGIN = { top: 10, right: 12, bottom: 30, left: 48 };

/** Prints a bin edge for a histogram of this kind. */
export function edgeFormatter(kind: string, currency: string, locale: string): (v: number) => string {
  if (kind === 'share') return (v) => formatPercent(v, locale);
  if (kind === 'money') return (v) => formatMoneyCompact(v, currency, locale);
  return (v) => formatNumber(v, 1, locale);
}

/**
 * Whether a bin holds everything from its `from` up. Scores without a natural top (money,
 * counts) are cut near their highest values and the last bin takes the rest; an infinite `to`
 * arrives as null in JSON.
 */
export function isOpenBin(bin: HistogramBin, last: boolean, kind: string): boolean {
  const to = bin.to as number | null;
  return to === null || !Number.isFinite(to) || (last && kind !== 'share');
}

/** "20% to 30%", or "€500 or more" for an open last bin. */
export function binWords(bin: HistogramBin, edge: (v: number) => string, open = false): string {
  if (open) return `${edge(bin.from)} or more`;
  return `${edge(bin.from)} to ${edge(bin.to)}`;
}

export interface ScoreHistogramProps {
  histogram: Histogram;
  /** For "money" histograms: edges are in this currency's major units. */
  currency: string;
  locale?: string;
}

export function ScoreHistogram({ histogram, currency, locale = defaultLocale() }: ScoreHistogramProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useChartWidth(wrapRef, 460);
  const bins = histogram.bins;
  const cursor = useChartCursor(bins.length);
  const edge = edgeFormatter(histogram.kind, currency, locale);

  const total = bins.reduce((sum, b) => sum + b.customers, 0);
  const ticks = niceTicks(0, Math.max(0, ...bins.map((b) => b.customers)), 3, true);
  const layout = bandLayout({
    width,
    height: HEIGHT,
    margin: MARGIN,
    count: bins.length,
    ticks,
    minPlotWidth: 80,
    labelGap: 46,
  });
  const { band, plotW, y, labelEvery } = layout;

  const open = (i: number) => {
    const b = bins[i];
    return b !== undefined && isOpenBin(b, i === bins.length - 1, histogram.kind);
  };
  const lastBin = bins[bins.length - 1];

  const describe = (i: number): string | null => {
    const b = bins[i];
    if (!b) return null;
    const people = b.customers === 1 ? '1 customer' : `${formatCount(b.customers, locale)} customers`;
    const share = total > 0 ? ` (${formatRate(b.customers / total, locale)})` : '';
    return `${histogram.label} ${binWords(b, edge, open(i))}: ${people}${share}`;
  };

  return (
    <ChartFrame
      testId={`histogram-${histogram.score}`}
      plotRef={wrapRef}
      width={width}
      height={HEIGHT}
      cursor={cursor}
      title={
        <>
          {histogram.label}: how many customers have each value, in {bins.length} steps. Use the arrow
          keys to read each bar.
        </>
      }
      describe={describe}
      hint={`${formatCount(total, locale)} customers with orders. Point at a bar for its count.`}
      table={{
        headers: [histogram.label, 'Customers', 'Share'],
        rows: bins.map((b, i) => ({
          key: `${b.from}-${i}`,
          cells: [
            binWords(b, edge, open(i)),
            formatCount(b.customers, locale),
            total > 0 ? formatRate(b.customers / total, locale) : '—',
          ],
        })),
      }}
    >
      <YGrid ticks={ticks} y={y} left={MARGIN.left} right={MARGIN.left + plotW} format={(v) => formatCount(v, locale)} />
      {bins.map((b, i) => {
        const x = layout.left(i);
        const h = Math.max(b.customers > 0 ? 1 : 0, y(0) - y(b.customers));
        const on = cursor.active === i;
        return (
          <ChartColumn key={`${b.from}-${i}`} layout={layout} cursor={cursor} index={i}>
            <rect
              x={x + Math.min(1, band / 8)}
              y={y(0) - h}
              width={Math.max(1, band - Math.min(2, band / 4))}
              height={h}
              className={`chart__bar${on ? ' is-active' : ''}`}
              pointerEvents="none"
              data-testid="histogram-bar"
              data-value={b.customers}
            >
              <title>{describe(i)}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={x} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="chart__label">
                {edge(b.from)}
              </text>
            ) : null}
          </ChartColumn>
        );
      })}
      {lastBin && !open(bins.length - 1) && bins.length % labelEvery === 0 ? (
        <text x={MARGIN.left + plotW} y={HEIGHT - MARGIN.bottom + 16} textAnchor="end" className="chart__label">
          {edge(lastBin.to)}
        </text>
      ) : null}
    </ChartFrame>
  );
}
