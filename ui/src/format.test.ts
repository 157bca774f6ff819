import { describe, expect, it } from 'vitest';
import {
  DASH,
  currencyFractionDigits,
  formatCount,
  formatDate,
  formatDateTime,
  formatDayShort,
  formatDayWithWeekday,
  formatFineRate,
  formatMajorMoney,
  formatMoney,
  formatMoneyChange,
  formatMoneyCompact,
  formatMonthLong,
  formatMonthName,
  formatMonthShort,
  formatNumber,
  formatPercent,
  formatPercentChange,
  formatPoints,
  formatRate,
  formatRelative,
  monthYear,
  toMajorUnits,
} from './format';

const en = 'en-US';

describe('formatMoney', () => {
  const cases: Array<[number, string, string, string]> = [
    [1234567, 'EUR', en, '€12,345.67'],
    [1234567, 'USD', en, '$12,345.67'],
    [5, 'USD', en, '$0.05'],
    [0, 'EUR', en, '€0.00'],
    [-2550, 'EUR', en, '-€25.50'],
    [1234567, 'JPY', en, '¥1,234,567'],
    [1234567, 'KWD', en, 'KWD 1,234.567'],
    [1234567, 'EUR', 'de-DE', '12.345,67 €'],
  ];
  it.each(cases)('%i minor %s in %s is %s', (minor, currency, locale, expected) => {
    // Intl separates "KWD" and "12.345,67 €" with a no-break space.
    expect(formatMoney({ minor, currency }, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('shows a dash for a missing amount', () => {
    expect(formatMoney(null, en)).toBe(DASH);
  });

  it('falls back to a plain form for a currency Intl does not know', () => {
    expect(formatMoney({ minor: 1050, currency: 'NOPE1' }, en)).toBe('10.50 NOPE1');
  });
});

describe('amounts and differences in major units', () => {
  it('formats a per-person amount the core gives in major units', () => {
    expect(formatMajorMoney(5.53, 'EUR', en)).toBe('€5.53');
    expect(formatMajorMoney(1234.5, 'JPY', en)).toBe('¥1,235');
    expect(formatMajorMoney(null, 'EUR', en)).toBe(DASH);
  });

  it('always signs a difference, except zero', () => {
    expect(formatMoneyChange(1.43, 'EUR', en)).toBe('+€1.43');
    expect(formatMoneyChange(-0.2, 'EUR', en)).toBe('-€0.20');
    expect(formatMoneyChange(0, 'EUR', en)).toBe('€0.00');
    expect(formatMoneyChange(2, 'NOPE1', en)).toBe('+2.00 NOPE1');
    expect(formatMoneyChange(Number.NaN, 'EUR', en)).toBe(DASH);
  });

  it('writes a change in a share as points, and a relative change as a signed percent', () => {
    expect(formatPoints(0.041, en)).toBe('+4.1 points');
    expect(formatPoints(-0.01, en)).toBe('-1 point');
    expect(formatPoints(0, en)).toBe('0 points');
    expect(formatPercentChange(0.38, en)).toBe('+38%');
    expect(formatPercentChange(-0.052, en)).toBe('-5.2%');
    expect(formatPercentChange(null, en)).toBe(DASH);
  });

  it('gives small shares two decimals', () => {
    expect(formatFineRate(0.0031, en)).toBe('0.31%');
    expect(formatFineRate(null, en)).toBe(DASH);
  });
});

describe('currency fraction digits', () => {
  it('comes from Intl', () => {
    expect(currencyFractionDigits('EUR', en)).toBe(2);
    expect(currencyFractionDigits('JPY', en)).toBe(0);
    expect(currencyFractionDigits('BHD', en)).toBe(3);
  });

  it('converts minor to major units', () => {
    expect(toMajorUnits({ minor: 1999, currency: 'EUR' }, en)).toBeCloseTo(19.99);
    expect(toMajorUnits({ minor: 1999, currency: 'JPY' }, en)).toBe(1999);
  });
});

describe('formatMoneyCompact', () => {
  it('shortens large amounts for axes', () => {
    expect(formatMoneyCompact(12000, 'EUR', en)).toBe('€12K');
    expect(formatMoneyCompact(0, 'EUR', en)).toBe('€0');
    expect(formatMoneyCompact(2.5, 'USD', en)).toBe('$2.5');
  });
});

describe('formatRate', () => {
  it.each<[number | null, string]>([
    [0.1234, '12.3%'],
    [0.12349, '12.3%'],
    [0.0005, '0.1%'],
    [0, '0.0%'],
    [1, '100.0%'],
    [null, DASH],
    [Number.NaN, DASH],
  ])('%s is %s', (rate, expected) => {
    expect(formatRate(rate, en)).toBe(expected);
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(5000, en)).toBe('5,000');
    expect(formatCount(1234567, en)).toBe('1,234,567');
    expect(formatCount(0, en)).toBe('0');
  });
});

describe('months', () => {
  it('formats year-month strings', () => {
    expect(formatMonthLong('2024-03', en)).toBe('March 2024');
    expect(formatMonthShort('2024-12', en)).toBe('Dec');
    expect(monthYear('2023-01')).toBe(2023);
  });

  it('leaves strings that are not months as they are', () => {
    expect(formatMonthLong('soon', en)).toBe('soon');
    expect(formatMonthShort('2024-13', en)).toBe('2024-13');
    expect(monthYear('soon')).toBeNull();
  });
});

describe('formatDate', () => {
  it("uses the store's time zone", () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Berlin and still 31 Jan in New York.
    expect(formatDate('2024-01-31T23:30:00Z', 'Europe/Berlin', en)).toBe('Feb 1, 2024');
    expect(formatDate('2024-01-31T23:30:00Z', 'America/New_York', en)).toBe('Jan 31, 2024');
  });

  it('shows a bare date as that day whatever the zone', () => {
    expect(formatDate('2024-01-31', 'America/New_York', en)).toBe('Jan 31, 2024');
  });

  it('falls back when the zone or the date is unknown', () => {
    expect(formatDate('2024-06-15T12:00:00Z', 'Not/AZone', en)).toBe('Jun 15, 2024');
    expect(formatDate('not a date', 'UTC', en)).toBe('not a date');
    expect(formatDate(null, 'UTC', en)).toBe(DASH);
  });
});

describe('usableLocale', () => {
  it('keeps valid language tags and replaces what Intl rejects', async () => {
    const { usableLocale } = await import('./format');
    expect(usableLocale('de-DE')).toBe('de-DE');
    expect(usableLocale('C')).toBe('en-US');
    expect(usableLocale('C.UTF-8')).toBe('en-US');
    expect(usableLocale('')).toBe('en-US');
    expect(usableLocale(undefined)).toBe('en-US');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2024-12-01T12:00:00Z');
  it.each<[string, string]>([
    ['2024-12-01T11:59:30Z', 'just now'],
    ['2024-12-01T11:55:00Z', '5 minutes ago'],
    ['2024-12-01T09:00:00Z', '3 hours ago'],
    ['2024-11-30T09:00:00Z', 'yesterday'],
    ['2024-11-24T12:00:00Z', 'last week'],
    ['2024-09-01T12:00:00Z', '3 months ago'],
    ['2022-11-01T12:00:00Z', '2 years ago'],
    ['not a date', 'not a date'],
  ])('%s is "%s"', (iso, expected) => {
    expect(formatRelative(iso, now, en)).toBe(expected);
  });
});

describe('formatPercent, formatNumber and formatMonthName', () => {
  it('rounds shares to whole percent and keeps dashes for nothing', () => {
    expect(formatPercent(0.184, en)).toBe('18%');
    expect(formatPercent(1, en)).toBe('100%');
    expect(formatPercent(null, en)).toBe(DASH);
    expect(formatPercent(Number.NaN, en)).toBe(DASH);
  });

  it('keeps at most the decimals asked for', () => {
    expect(formatNumber(1432.6, 0, en)).toBe('1,433');
    expect(formatNumber(1.42, 1, en)).toBe('1.4');
    expect(formatNumber(4, 1, en)).toBe('4');
    expect(formatNumber(null, 1, en)).toBe(DASH);
  });

  it('names months 1 to 12 and nothing else', () => {
    expect(formatMonthName(12, en)).toBe('December');
    expect(formatMonthName(1, 'de-DE')).toBe('Januar');
    expect(formatMonthName(0, en)).toBeNull();
    expect(formatMonthName(13, en)).toBeNull();
  });
});

describe('formatDateTime', () => {
  it("shows date and time in the store's time zone", () => {
    expect(formatDateTime('2024-01-31T23:30:00Z', 'Europe/Berlin', en)).toMatch(/^Feb 1, 2024, 12:30\sAM$/);
  });

  it('falls back for unknown zones, bad dates and nothing', () => {
    expect(formatDateTime('2024-06-15T12:00:00Z', 'Not/AZone', en)).toContain('2024');
    expect(formatDateTime('soon', 'UTC', en)).toBe('soon');
    expect(formatDateTime(null, 'UTC', en)).toBe(DASH);
  });
});

describe('formatDayShort', () => {
  it('shows a calendar day as that day, without a year', () => {
    expect(formatDayShort('2024-09-03', en)).toBe('Sep 3');
    expect(formatDayShort('September', en)).toBe('September');
  });
});

describe('formatDayWithWeekday', () => {
  it('shows a calendar day with its weekday, whatever the time zone', () => {
    expect(formatDayWithWeekday('2024-12-10', en)).toBe('Tue, Dec 10');
    expect(formatDayWithWeekday('2024-12-10', 'en-GB')).toBe('Tue 10 Dec');
    expect(formatDayWithWeekday('', en)).toBe('');
    expect(formatDayWithWeekday('soon', en)).toBe('soon');
  });
});
