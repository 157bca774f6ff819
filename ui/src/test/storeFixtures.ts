// Plausible core answers for the Your store page's tests (test-only; never imported by the app): a
// Shopify shop with a few syncs behind it, a WooCommerce shop just connected, and sync runs.

import type { Connection, SyncRun } from '../gen/api';

/** An ISO timestamp `hours` before now, so relative times read the same on any day. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3600_000).toISOString();
}

export const SHOPIFY_SCOPES = ['read_products', 'read_customers', 'read_orders', 'read_all_orders'];

/** What a first sync of a small shop read. */
export const FIRST_RUN: SyncRun = {
  platform: 'shopify',
  full: false,
  started_at: hoursAgo(3),
  finished_at: hoursAgo(2.9),
  status: 'ok',
  counts: [
    { resource: 'products', inserted: 38, updated: 0, unchanged: 0, pages: 1 },
    { resource: 'customers', inserted: 1204, updated: 0, unchanged: 0, pages: 5 },
    { resource: 'orders', inserted: 2931, updated: 0, unchanged: 0, pages: 12 },
    { resource: 'checkouts', inserted: 0, updated: 0, unchanged: 0, pages: 1 },
  ],
  warnings: [
    'Order #1042: the line "Gift wrap" has no SKU; it was kept without one.',
    'Customer 7781: the note was 12.0 MB long; the first 10000 characters were kept.',
  ],
  error: null,
};

export const FAILED_RUN: SyncRun = {
  platform: 'shopify',
  full: false,
  started_at: hoursAgo(1),
  finished_at: hoursAgo(1),
  status: 'failed',
  counts: [{ resource: 'products', inserted: 0, updated: 2, unchanged: 36, pages: 1 }],
  warnings: [],
  error: 'Shopify did not answer within 60 seconds (https://juniper-oak.myshopify.com). Check the connection; the next sync goes on from here.',
};

export const SHOPIFY: Connection = {
  platform: 'shopify',
  base_url: 'https://juniper-oak.myshopify.com',
  shop_name: 'Juniper & Oak Ceramics',
  scopes: SHOPIFY_SCOPES,
  connected_at: '2026-11-20T09:00:00Z',
  key_saved: true,
  last_sync_at: hoursAgo(3),
  last_status: 'ok',
  last_error: null,
  runs: [FIRST_RUN],
};

/** Just connected: never synced, and WooCommerce names no scopes. */
export const WOO: Connection = {
  platform: 'woocommerce',
  base_url: 'https://fernandfig.example',
  shop_name: 'Fern & Fig',
  scopes: [],
  connected_at: '2026-11-25T10:00:00Z',
  key_saved: true,
  last_sync_at: null,
  last_status: null,
  last_error: null,
  runs: [],
};

/** What "Sync now" brings back after the first sync: a few new orders, some updated. */
export const NEXT_RUN: SyncRun = {
  platform: 'shopify',
  full: false,
  started_at: hoursAgo(0),
  finished_at: hoursAgo(0),
  status: 'ok',
  counts: [
    { resource: 'products', inserted: 1, updated: 0, unchanged: 38, pages: 1 },
    { resource: 'customers', inserted: 0, updated: 0, unchanged: 12, pages: 1 },
    { resource: 'orders', inserted: 412, updated: 3, unchanged: 1203, pages: 7 },
    { resource: 'checkouts', inserted: 0, updated: 0, unchanged: 0, pages: 1 },
  ],
  warnings: ['Order #5120: the discount code was 300 characters long; the first 255 were kept.'],
  error: null,
};
