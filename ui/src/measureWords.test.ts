import { describe, expect, it } from 'vitest';
import type { LiftReport } from './gen/api';
import { CSV_COLUMNS, formatP, hasRecipients, liftBadge, liftTone, measurementCsv, pWords } from './measureWords';
import { BROWSE_M, CART_M, POST_M, WINBACK_M } from './test/measureFixtures';

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
      'abandoned-cart,"Abandoned cart, by intent",5,EUR,1083,121,0.148,0.107,1.43,0.31,2.55,0.012,true,2.75,-0.4,5.9,412.50,31.00,12,74.80,1612,0.0031,0.0006',
      'post-purchase,Post-purchase care,30,EUR,0,0,0,0,,,,,false,,,,0.00,0.00,0,0.00,0,0,0',
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
