// Plausible core answers for component tests (test-only; never imported by the app).

import type { AppStatus, HomeStats, StoreInfo } from '../gen/api';

export const STORE: StoreInfo = {
  name: 'Juniper & Oak Ceramics',
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  source: 'demo',
};

export const STATUS: AppStatus = {
  version: '0.1.0',
  data_dir: '/home/owner/.local/share/storeloop',
  database_path: '/home/owner/.local/share/storeloop/storeloop.db',
  schema_version: 1,
  store: STORE,
};

export const STATS: HomeStats = {
  store: STORE,
  customers: 5000,
  customers_with_orders: 3871,
  orders: 9234,
  gross_item_revenue: { minor: 58_012_345, currency: 'EUR' },
  discounts: { minor: 3_111_111, currency: 'EUR' },
  revenue: { minor: 54_901_234, currency: 'EUR' },
  average_order_value: { minor: 5946, currency: 'EUR' },
  repeat_purchase_rate: 0.38491345,
  discount_rate: 0.2712,
  return_rate: 0.0431234,
  units_sold: 20811,
  units_refunded: 897,
  // 23:10 UTC on 31 Dec is already 1 Jan in Berlin: the page must use the store's zone.
  first_order_at: '2022-12-31T23:10:00Z',
  last_order_at: '2024-11-28T09:00:00Z',
  revenue_by_month: [
    { month: '2024-09', orders: 801, revenue: { minor: 4_812_300, currency: 'EUR' } },
    { month: '2024-10', orders: 1, revenue: { minor: 2599, currency: 'EUR' } },
    { month: '2024-11', orders: 932, revenue: { minor: 5_530_099, currency: 'EUR' } },
  ],
};

export const EMPTY_STATS: HomeStats = {
  ...STATS,
  customers: 0,
  customers_with_orders: 0,
  orders: 0,
  gross_item_revenue: { minor: 0, currency: 'EUR' },
  discounts: { minor: 0, currency: 'EUR' },
  revenue: { minor: 0, currency: 'EUR' },
  average_order_value: null,
  repeat_purchase_rate: null,
  discount_rate: null,
  return_rate: null,
  units_sold: 0,
  units_refunded: 0,
  first_order_at: null,
  last_order_at: null,
  revenue_by_month: [],
};
