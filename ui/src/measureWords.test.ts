import { describe, expect, it } from 'vitest';
import type { LiftReport } from './gen/api';
import { formatMoneyChange } from './format';
import {
  CSV_COLUMNS,
  WEEK_CSV_COLUMNS,
  formatP,
  hasRecipients,
  intervalWords,
  liftBadge,
  liftTone,
  measurementCsv,
  pWords,
  perRecipientByWeek,
  weeksCsv,
} from './measureWords';
import { BROWSE_M, CART_M, CART_WEEKS, POST_M, WINBACK_M } from './test/measureFixtures';

const en = 'en-US';

describe('the colour of a result', () => {
  const with_ = (over: Partial<LiftReport>): LiftReport => ({ ...CART_M.margin, ...over });

  it('is good or bad only when the core calls it significant', () => {
    expect(liftTone(CART_M.margin)).toBe('good');
    expect(liftTone(with_({ absolute: { estimate: -2, low: -3, high: -1, p_value: 0.001 } }))).toBe('bad');
    // The same numbers, not significant (too few people): no colour.
    expect(liftTone(with_({ significant: false }))).toBe('neutral');
    expect(liftTone(with_({ absolute: null }))).toBe('neutral');
    expect(liftTone(BROWSE_M.margin)).toBe('neutral');
  });

  it('has a label the owner can read at a glance', () => {
    expect(liftBadge(CART_M.margin)).toEqual({ label: 'Earns more', tone: 'success' });
    expect(liftBadge(with_({ absolute: { estimate: -2, low: -3, high: -1, p_value: 0.001 } }))).toEqual({
      label: 'Loses money',
      tone: 'danger',
    });
    expect(liftBadge(CART_M.conversion)).toEqual({ label: 'More people ordered', tone: 'success' });
    expect(liftBadge({ ...CART_M.revenue, significant: true })).toEqual({ label: 'Brings in more', tone: 'success' });
    expect(liftBadge(BROWSE_M.margin)).toEqual({ label: 'No clear difference', tone: 'neutral' });
    expect(liftBadge(WINBACK_M.margin)).toEqual({ label: 'Not enough data yet', tone: 'neutral' });
  });

  it('knows a flow nobody has entered', () => {
    expect(hasRecipients(CART_M)).toBe(true);
    expect(hasRecipients(POST_M)).toBe(false);
  });
});

describe('p-values in words', () => {
  it.each<[number, boolean, string]>([
    [0.03, true, 'p = 0.03: a difference this large would be rare if the flow did nothing.'],
    [0.004, true, 'p = 0.004: a difference this large would be rare if the flow did nothing.'],
    [0.0002, true, 'p < 0.001: a difference this large would be very rare if the flow did nothing.'],
    [0.03, false, 'p = 0.03: rare by chance, but the groups are still too small to call it a result.'],
    [0.12, false, 'p = 0.12: a difference like this could well be chance.'],
    [0.64, false, 'p = 0.64: a difference like this is what chance alone often gives.'],
  ])('p %s (significant: %s)', (p, significant, words) => {
    expect(pWords(p, significant, en)).toBe(words);
  });

  it('uses the locale’s decimal mark', () => {
    expect(formatP(0.03, 'de-DE')).toBe('= 0,03');
  });
});

describe('the CSV export', () => {
  it('has a header and one row per flow, in the columns’ order', () => {
    const lines = measurementCsv([CART_M, POST_M]).split('\n');
    expect(lines).toEqual([
      CSV_COLUMNS.join(','),
      'abandoned-cart,"Abandoned cart, by intent",5,EUR,1083,121,0.148,0.107,1.43,0.31,2.55,0.012,true,2.75,-0.4,5.9,412.50,31.00,12,74.80,1612,0.0031,0.0006,61,6124.00,2978.25,-433.2,6389.7,151.4',
      'post-purchase,Post-purchase care,30,EUR,0,0,0,0,,,,,false,,,,0.00,0.00,0,0.00,0,0,0,0,0.00,,,,0',
      '',
    ]);
  });

  it('quotes what needs quoting and never lets a spreadsheet run a name as a formula', () => {
    const csv = measurementCsv([{ ...CART_M, name: '=HYPERLINK("x")', slug: 'a' }]);
    expect(csv.split('\n')[1]).toMatch(/^a,"'=HYPERLINK\(""x""\)",5,/);
  });

  it('writes money in the currency’s own decimals', () => {
    const yen = { ...CART_M, currency: 'JPY', leakage_cost: { minor: 7480, currency: 'JPY' } };
    expect(measurementCsv([yen]).split('\n')[1]).toContain(',12,7480,');
  });
});

describe('the weeks as CSV', () => {
  it('has a row per flow and week, in the columns’ order', () => {
    const lines = weeksCsv([CART_M, POST_M, WINBACK_M]).split('\n');
    expect(lines[0]).toBe(WEEK_CSV_COLUMNS.join(','));
    // Six cart weeks, none for the flow nobody entered, two for win-back, and the closing line feed.
    expect(lines).toHaveLength(1 + CART_WEEKS.length + 2 + 1);
    expect(lines[lines.length - 1]).toBe('');
    expect(lines[6]).toBe(
      'abandoned-cart,"Abandoned cart, by intent",EUR,2026-09-07,212,24,9.4,6.7,5.5,4,77.5,314,1,1.43,0.31,2.55',
    );
    expect(lines[7]).toMatch(/^win-back,Win-back,EUR,2026-08-24,40,4,/);
  });

  it('leaves a group nobody entered, and a running range not worked out yet, empty', () => {
    const first = weeksCsv([CART_M]).split('\n')[1];
    expect(first).toBe('abandoned-cart,"Abandoned cart, by intent",EUR,2026-08-03,12,0,9.9,,5.8,,4.5,18,0,,,');
  });

  it('never lets a spreadsheet run a name as a formula', () => {
    const csv = weeksCsv([{ ...CART_M, name: '@SUM(A1)' }]);
    expect(csv.split('\n')[1]).toMatch(/^abandoned-cart,'@SUM\(A1\),EUR,/);
  });
});

describe('the week-by-week series', () => {
  it('has a value per week, and none (not zero) for a group nobody entered that week', () => {
    const margin = perRecipientByWeek(CART_WEEKS, 'margin');
    expect(margin.treatment).toEqual([5.8, 5.2, 5.6, 5.7, 5.4, 5.5]);
    expect(margin.holdout).toEqual([null, 4.1, 4.3, 3.9, 4.2, 4.0]);
    const revenue = perRecipientByWeek(CART_WEEKS, 'revenue');
    expect(revenue.treatment[0]).toBe(9.9);
    expect(revenue.holdout).toEqual([null, 6.6, 6.9, 6.5, 6.8, 6.7]);
  });
});

describe('an interval in words', () => {
  const eur = (v: number) => formatMoneyChange(v, 'EUR', 'en-US');

  it('says the estimate and where it could be', () => {
    expect(intervalWords(CART_M.margin.absolute, eur)).toBe(
      '+€1.43 per person emailed (could be anywhere from +€0.31 to +€2.55)',
    );
    expect(intervalWords(WINBACK_M.margin.absolute, eur, 'in all')).toBe(
      '+€2.00 in all (could be anywhere from -€3.10 to +€7.10)',
    );
  });

  it('says why there is no range yet', () => {
    expect(intervalWords(null, eur)).toBe('No range yet: each group needs a few more people before one can be worked out.');
  });
});
