import { describe, expect, it } from 'vitest';
import type { SyncCount, SyncRun } from './gen/api';
import {
  countPhrase,
  hasProblems,
  platformName,
  resourceLabel,
  runPhrase,
  shopifyProblems,
  syncStatusWords,
  warningsPhrase,
  wooProblems,
} from './storeWords';
import { NEXT_RUN } from './test/storeFixtures';

const count = (resource: string, inserted: number, updated = 0, unchanged = 0): SyncCount => ({
  resource,
  inserted,
  updated,
  unchanged,
  pages: 1,
});

describe('what a sync read', () => {
  it.each<[SyncCount, string]>([
    [count('orders', 412, 3, 1203), '412 new orders, 3 updated, 1,203 unchanged'],
    [count('orders', 1), '1 new order'],
    [count('customers', 0, 0, 12), 'no new customers, 12 unchanged'],
    [count('customers', 0, 2), 'no new customers, 2 updated'],
    [count('checkouts', 0), 'no abandoned checkouts'],
    [count('checkouts', 1), '1 new abandoned checkout'],
    [count('products', 2, 0, 5), '2 new products, 5 unchanged'],
    [count('refunds', 3), '3 new refunds'],
    [count('toString', 1), '1 new toString'],
  ])('%o reads "%s"', (c, words) => {
    expect(countPhrase(c, 'en-US')).toBe(words);
  });

  it('joins every resource of a run', () => {
    expect(runPhrase(NEXT_RUN, 'en-US')).toBe(
      '1 new product, 38 unchanged; no new customers, 12 unchanged; 412 new orders, 3 updated, 1,203 unchanged; no abandoned checkouts',
    );
    expect(runPhrase({ ...NEXT_RUN, counts: [] } as SyncRun)).toBe('nothing read yet');
  });

  it.each<[string, string]>([
    ['orders', 'Orders'],
    ['checkouts', 'Abandoned checkouts'],
    ['refunds', 'Refunds'],
  ])('labels %s "%s"', (resource, label) => {
    expect(resourceLabel(resource)).toBe(label);
  });

  it.each<[number, string]>([
    [1, '1 warning'],
    [2, '2 warnings'],
    [1200, '1,200 warnings'],
  ])('%i is "%s"', (n, words) => {
    expect(warningsPhrase(n, 'en-US')).toBe(words);
  });
});

describe('status and platform words', () => {
  it.each<[string | null, string, string]>([
    ['ok', 'Finished', 'success'],
    ['failed', 'Failed', 'danger'],
    ['running', 'Running', 'accent'],
    [null, 'Not synced yet', 'neutral'],
    ['paused', 'paused', 'neutral'],
  ])('%s reads "%s" (%s)', (status, label, tone) => {
    expect(syncStatusWords(status)).toEqual({ label, tone });
  });

  it.each<[string, string]>([
    ['shopify', 'Shopify'],
    ['woocommerce', 'WooCommerce'],
    ['bigcommerce', 'bigcommerce'],
    ['toString', 'toString'],
  ])('%s is "%s"', (platform, name) => {
    expect(platformName(platform)).toBe(name);
  });
});

describe('the connect forms', () => {
  it('names each empty Shopify field, spaces counting as empty', () => {
    const p = shopifyProblems({ shop: ' ', token: '' });
    expect(p.shop).toContain('shop name');
    expect(p.token).toContain('Admin API access token');
    expect(hasProblems(p)).toBe(true);
    expect(hasProblems(shopifyProblems({ shop: 'juniper-oak', token: 'shpat_1' }))).toBe(false);
  });

  it('names each empty WooCommerce field', () => {
    const p = wooProblems({ url: '', key: '', secret: '\t' });
    expect(p.url).toContain('shop address');
    expect(p.key).toContain('consumer key');
    expect(p.secret).toContain('consumer secret');
    expect(wooProblems({ url: 'https://x.example', key: 'ck_1', secret: '' })).toEqual({
      url: null,
      key: null,
      secret: expect.stringContaining('consumer secret'),
    });
  });
});
