// Turns machine values (minor units, rates, counts, ISO dates) into text for people.
//
// Every function takes the locale as its last argument (default: the webview's language) so tests
// can pin it. Nothing here throws: an unknown currency or time zone falls back to a plain form.

import type { Money } from './gen/api';

export const DASH = '—';

export function defaultLocale(): string {
  const asked = typeof navigator !== 'undefined' ? navigator.language : '';
  return usableLocale(asked);
}

/**
 * A locale `Intl` accepts: the one asked for when it is a valid language tag, else "en-US".
 * Linux systems without a language setting report "C" (or "C.UTF-8"), which `Intl` rejects.
 */
export function usableLocale(asked: string | undefined): string {
  if (!asked) return 'en-US';
  try {
    return Intl.getCanonicalLocales(asked)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

/** Number of digits after the decimal point for a currency, e.g. 2 for EUR, 0 for JPY. */
export function currencyFractionDigits(currency: string, locale = defaultLocale()): number {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Major units (e.g. euros) from minor units (e.g. cents). */
export function toMajorUnits(money: Money, locale = defaultLocale()): number {
  return money.minor / 10 ** currencyFractionDigits(money.currency, locale);
}

/** "€12,345.67" — the exact amount in the currency's own format. */
export function formatMoney(money: Money | null, locale = defaultLocale()): string {
  if (money === null) return DASH;
  return moneyText(toMajorUnits(money, locale), money.currency, 'auto', locale);
}

/** "€1.43" from 1.43 — an amount already in major units (the core's per-recipient figures). */
export function formatMajorMoney(major: number | null, currency: string, locale = defaultLocale()): string {
  if (major === null || !Number.isFinite(major)) return DASH;
  return moneyText(major, currency, 'auto', locale);
}

/** "+€1.43", "-€0.20" — a difference in major units, always with its sign (none for zero). */
export function formatMoneyChange(major: number | null, currency: string, locale = defaultLocale()): string {
  if (major === null || !Number.isFinite(major)) return DASH;
  return moneyText(major, currency, 'exceptZero', locale);
}

function moneyText(major: number, currency: string, signDisplay: 'auto' | 'exceptZero', locale: string): string {
  const digits = currencyFractionDigits(currency, locale);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay,
    }).format(major);
  } catch {
    const sign = signDisplay === 'exceptZero' && major > 0 ? '+' : '';
    return `${sign}${major.toFixed(digits)} ${currency}`;
  }
}

/** "€12K" — a short amount for chart axes, where exactness is in the tooltip. */
export function formatMoneyCompact(
  major: number,
  currency: string,
  locale = defaultLocale(),
): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: Math.abs(major) < 10 && major !== 0 ? 1 : 0,
    }).format(major);
  } catch {
    return `${Math.round(major)} ${currency}`;
  }
}

/** "12.3%" — a share between 0 and 1, with one decimal; null (no data) is a dash. */
export function formatRate(rate: number | null, locale = defaultLocale()): string {
  return percentText(rate, 1, locale);
}

/** "0.25%" — a small share (unsubscribes, complaints per email) with two decimals; null is a dash. */
export function formatFineRate(rate: number | null, locale = defaultLocale()): string {
  return percentText(rate, 2, locale);
}

function percentText(rate: number | null, digits: number, locale: string): string {
  if (rate === null || !Number.isFinite(rate)) return DASH;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(rate);
}

/** "5,000" — a count with the locale's grouping. */
export function formatCount(n: number, locale = defaultLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Year and month from "2024-03" (or a longer ISO date); null when it is not one. */
function parseMonth(month: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return null;
  return { year, month: mon };
}

function monthFormat(
  month: string,
  options: Intl.DateTimeFormatOptions,
  locale: string,
): string {
  const p = parseMonth(month);
  if (!p) return month;
  const date = new Date(Date.UTC(p.year, p.month - 1, 1));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** "March 2024" from "2024-03". */
export function formatMonthLong(month: string, locale = defaultLocale()): string {
  return monthFormat(month, { month: 'long', year: 'numeric' }, locale);
}

/** "Mar" from "2024-03", for axis ticks. */
export function formatMonthShort(month: string, locale = defaultLocale()): string {
  return monthFormat(month, { month: 'short' }, locale);
}

/** The year of "2024-03", or null. */
export function monthYear(month: string): number | null {
  return parseMonth(month)?.year ?? null;
}

/** "4 Mar 2024" — an ISO timestamp shown as a date in the store's time zone. */
export function formatDate(
  iso: string | null,
  timeZone?: string,
  locale = defaultLocale(),
): string {
  if (iso === null) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
  // A bare calendar date has no time to convert: show that very day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) timeZone = 'UTC';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    // Unknown time zone name: fall back to the computer's own.
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

/** "42%" — a share between 0 and 1 with no decimals (for axes and scores); null is a dash. */
export function formatPercent(rate: number | null, locale = defaultLocale()): string {
  if (rate === null || !Number.isFinite(rate)) return DASH;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** "+12%", "-3%" — a relative change (0.12 is +12%) with its sign; null is a dash. */
export function formatPercentChange(rate: number | null, locale = defaultLocale()): string {
  if (rate === null || !Number.isFinite(rate)) return DASH;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: Math.abs(rate) < 0.1 ? 1 : 0,
    signDisplay: 'exceptZero',
  }).format(rate);
}

/** "+1.2 points" — a difference between two shares (0.012 is 1.2 percentage points); null is a dash. */
export function formatPoints(delta: number | null, locale = defaultLocale()): string {
  if (delta === null || !Number.isFinite(delta)) return DASH;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta * 100);
  return `${n} ${Math.abs(Math.round(delta * 1000)) === 10 ? 'point' : 'points'}`;
}

/** "1.4" or "412" — a number with at most `digits` decimals; null is a dash. */
export function formatNumber(n: number | null, digits = 1, locale = defaultLocale()): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** "December" from 12; null for anything outside 1–12. */
export function formatMonthName(month: number, locale = defaultLocale()): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 1)),
  );
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "just now" — how long ago an ISO timestamp was. */
export function formatRelative(iso: string, now = Date.now(), locale = defaultLocale()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = (then - now) / 1000;
  if (Math.abs(seconds) < 60) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

/** "25 Nov 2026, 13:00" — an ISO timestamp in the store's time zone; unknown zones use the computer's. */
export function formatDateTime(iso: string | null, timeZone?: string, locale = defaultLocale()): string {
  if (iso === null) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** "3 Sep" from "2024-09-03", for axis ticks; anything else is shown as it is. */
export function formatDayShort(day: string, locale = defaultLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** "Tue, Dec 10" from "2024-12-10": a calendar day with its weekday; anything else is shown as it is. */
export function formatDayWithWeekday(day: string, locale = defaultLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    date,
  );
}
