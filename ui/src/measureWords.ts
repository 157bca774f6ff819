// The words and marks for a flow's results against its holdout: whether a lift may be shown as
// good or bad (only when it is significant — no green arrows on noise), what a p-value means, an
// interval in a sentence, the conversion windows to choose from, the week-by-week series the
// charts draw, and the overview (a row per flow, or per flow and week) as CSV text.

import type { FlowMeasurement, LiftInterval, LiftReport, WeekPoint } from './gen/api';
import { currencyFractionDigits, defaultLocale, formatNumber } from './format';

/** How a result may be coloured: good or bad only when the core calls it significant. */
export type LiftTone = 'good' | 'bad' | 'neutral';

/** The conversion windows (days after entering a flow) the owner can choose from. */
export const WINDOWS = [5, 7, 14, 30] as const;

export function liftTone(report: LiftReport): LiftTone {
  const a = report.absolute;
  if (!report.significant || a === null || a.estimate === 0) return 'neutral';
  return a.estimate > 0 ? 'good' : 'bad';
}

export interface LiftBadge {
  label: string;
  /** A badge class's tone (see `badgeClass`). */
  tone: 'success' | 'danger' | 'neutral';
}

/** What a clear gain and a clear loss are called, by the core's metric name. */
const CLEAR_WORDS: Record<string, [gain: string, loss: string]> = {
  conversion: ['More people ordered', 'Fewer people ordered'],
  'revenue per recipient': ['Brings in more', 'Brings in less'],
  'margin per recipient': ['Earns more', 'Loses money'],
};

/** The short label on a result: what the owner can take from it at a glance. */
export function liftBadge(report: LiftReport): LiftBadge {
  const tone = liftTone(report);
  const [gain, loss] = CLEAR_WORDS[report.metric] ?? ['Clearly more', 'Clearly less'];
  if (tone === 'good') return { label: gain, tone: 'success' };
  if (tone === 'bad') return { label: loss, tone: 'danger' };
  if (!report.enough_data) return { label: 'Not enough data yet', tone: 'neutral' };
  return { label: 'No clear difference', tone: 'neutral' };
}

/** Whether anyone has entered the flow (emailed or held back). */
export function hasRecipients(m: FlowMeasurement): boolean {
  return m.treatment.recipients + m.holdout.recipients > 0;
}

/** "0.03", "0.004", "< 0.001": a p-value as people read it. */
export function formatP(p: number, locale = defaultLocale()): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.001) return `< ${formatNumber(0.001, 3, locale)}`;
  return `= ${formatNumber(p, p < 0.01 ? 3 : 2, locale)}`;
}

/**
 * "p = 0.03: a difference this large would be rare if the flow did nothing." With `significant`
 * false a small p is still not called a result (the groups are too small).
 */
export function pWords(p: number, significant: boolean, locale = defaultLocale()): string {
  const head = `p ${formatP(p, locale)}`;
  if (!Number.isFinite(p)) return 'The groups are too small to tell yet.';
  if (p < 0.05 && significant) {
    return p < 0.001
      ? `${head}: a difference this large would be very rare if the flow did nothing.`
      : `${head}: a difference this large would be rare if the flow did nothing.`;
  }
  if (p < 0.05) return `${head}: rare by chance, but the groups are still too small to call it a result.`;
  if (p < 0.2) return `${head}: a difference like this could well be chance.`;
  return `${head}: a difference like this is what chance alone often gives.`;
}

/** The overview's columns, in order: machine names, for spreadsheets. */
export const CSV_COLUMNS = [
  'slug',
  'name',
  'window_days',
  'currency',
  'recipients_treatment',
  'recipients_holdout',
  'conversion_rate_treatment',
  'conversion_rate_holdout',
  'margin_lift_per_recipient',
  'margin_lift_low',
  'margin_lift_high',
  'margin_lift_p_value',
  'margin_lift_significant',
  'revenue_lift_per_recipient',
  'revenue_lift_low',
  'revenue_lift_high',
  'discount_cost_treatment',
  'discount_cost_holdout',
  'leakage_orders',
  'leakage_cost',
  'emails_sent',
  'unsubscribe_rate',
  'complaint_rate',
  'last_click_orders',
  'last_click_revenue',
  'incremental_revenue',
  'incremental_revenue_low',
  'incremental_revenue_high',
  'recipients_per_week',
] as const;

/**
 * The overview as CSV (commas, quotes where needed, a line per row): one row per flow. Numbers
 * are plain — a dot for decimals, money in major units, rates as shares (0.125 is 12.5%) — and an
 * interval the core could not work out is left empty.
 */
export function measurementCsv(rows: FlowMeasurement[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const m of rows) {
    const digits = currencyFractionDigits(m.currency, 'en-US');
    const money = (minor: number) => (minor / 10 ** digits).toFixed(digits);
    const margin = m.margin.absolute;
    const revenue = m.revenue.absolute;
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      slug: text(m.slug),
      name: text(m.name),
      window_days: String(m.window_days),
      currency: text(m.currency),
      recipients_treatment: String(m.treatment.recipients),
      recipients_holdout: String(m.holdout.recipients),
      conversion_rate_treatment: num(m.treatment.conversion_rate),
      conversion_rate_holdout: num(m.holdout.conversion_rate),
      margin_lift_per_recipient: num(margin?.estimate),
      margin_lift_low: num(margin?.low),
      margin_lift_high: num(margin?.high),
      margin_lift_p_value: num(margin?.p_value),
      margin_lift_significant: m.margin.significant ? 'true' : 'false',
      revenue_lift_per_recipient: num(revenue?.estimate),
      revenue_lift_low: num(revenue?.low),
      revenue_lift_high: num(revenue?.high),
      discount_cost_treatment: money(m.treatment.discount_cost.minor),
      discount_cost_holdout: money(m.holdout.discount_cost.minor),
      leakage_orders: String(m.leakage_orders),
      leakage_cost: money(m.leakage_cost.minor),
      emails_sent: String(m.emails_sent),
      unsubscribe_rate: num(m.unsubscribe_rate),
      complaint_rate: num(m.complaint_rate),
      last_click_orders: String(m.last_click.orders),
      last_click_revenue: money(m.last_click.revenue.minor),
      incremental_revenue: num(m.last_click.incremental_revenue?.estimate),
      incremental_revenue_low: num(m.last_click.incremental_revenue?.low),
      incremental_revenue_high: num(m.last_click.incremental_revenue?.high),
      recipients_per_week: num(m.recipients_per_week),
    };
    lines.push(CSV_COLUMNS.map((c) => cells[c]).join(','));
  }
  // Line feeds, not RFC 4180's CRLF: a text box turns CRLF into LF anyway, and spreadsheets read both.
  return `${lines.join('\n')}\n`;
}

/** The week-by-week columns, in order: one row per flow and week. */
export const WEEK_CSV_COLUMNS = [
  'slug',
  'name',
  'currency',
  'week_start',
  'recipients_treatment',
  'recipients_holdout',
  'revenue_per_recipient_treatment',
  'revenue_per_recipient_holdout',
  'margin_per_recipient_treatment',
  'margin_per_recipient_holdout',
  'discount_spend',
  'emails_sent',
  'unsubscribes',
  'cumulative_margin_lift',
  'cumulative_margin_lift_low',
  'cumulative_margin_lift_high',
] as const;

/**
 * Every flow's weeks as CSV, one row per flow and week (by the week customers first entered),
 * in the same plain numbers as `measurementCsv`. A group with nobody in a week, and a running
 * interval the core could not work out yet, leave their cells empty.
 */
export function weeksCsv(rows: FlowMeasurement[]): string {
  const lines = [WEEK_CSV_COLUMNS.join(',')];
  for (const m of rows) {
    for (const w of m.weeks) {
      const cum = w.cumulative_margin;
      const cells: Record<(typeof WEEK_CSV_COLUMNS)[number], string> = {
        slug: text(m.slug),
        name: text(m.name),
        currency: text(m.currency),
        week_start: text(w.week_start),
        recipients_treatment: String(w.treatment_recipients),
        recipients_holdout: String(w.holdout_recipients),
        revenue_per_recipient_treatment: w.treatment_recipients > 0 ? num(w.treatment_revenue_per_recipient) : '',
        revenue_per_recipient_holdout: w.holdout_recipients > 0 ? num(w.holdout_revenue_per_recipient) : '',
        margin_per_recipient_treatment: w.treatment_recipients > 0 ? num(w.treatment_margin_per_recipient) : '',
        margin_per_recipient_holdout: w.holdout_recipients > 0 ? num(w.holdout_margin_per_recipient) : '',
        discount_spend: num(w.discount_spend),
        emails_sent: String(w.emails_sent),
        unsubscribes: String(w.unsubscribes),
        cumulative_margin_lift: num(cum?.estimate),
        cumulative_margin_lift_low: num(cum?.low),
        cumulative_margin_lift_high: num(cum?.high),
      };
      lines.push(WEEK_CSV_COLUMNS.map((c) => cells[c]).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface WeekSeriesValues {
  treatment: Array<number | null>;
  holdout: Array<number | null>;
}

/**
 * Per-recipient revenue or margin of each week's entrants, emailed and held back: null for a week
 * in which nobody of that group entered (the core reports 0 there, which is no measurement at all).
 */
export function perRecipientByWeek(weeks: readonly WeekPoint[], metric: 'revenue' | 'margin'): WeekSeriesValues {
  return {
    treatment: weeks.map((w) =>
      w.treatment_recipients > 0
        ? metric === 'revenue'
          ? w.treatment_revenue_per_recipient
          : w.treatment_margin_per_recipient
        : null,
    ),
    holdout: weeks.map((w) =>
      w.holdout_recipients > 0 ? (metric === 'revenue' ? w.holdout_revenue_per_recipient : w.holdout_margin_per_recipient) : null,
    ),
  };
}

/**
 * "+€1.43 per person emailed (could be anywhere from +€0.31 to +€2.55)": an interval in a
 * sentence, `format` writing each amount; null says why there is no range yet.
 */
export function intervalWords(
  interval: LiftInterval | null,
  format: (v: number) => string,
  per = 'per person emailed',
): string {
  if (interval === null) return 'No range yet: each group needs a few more people before one can be worked out.';
  const unit = per === '' ? '' : ` ${per}`;
  return `${format(interval.estimate)}${unit} (could be anywhere from ${format(interval.low)} to ${format(interval.high)})`;
}

/** A number to six decimals at most, without trailing zeros; empty when there is none. */
function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  const rounded = Math.round(v * 1e6) / 1e6;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * A text cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is
 * escaped with an apostrophe so a spreadsheet never runs it as a formula.
 */
function text(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
