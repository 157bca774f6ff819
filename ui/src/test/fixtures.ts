// Plausible core answers for component tests (test-only; never imported by the app).

import type {
  AppStatus,
  AuditFinding,
  CustomerDetail,
  CustomerPage,
  CustomerRow,
  Delivery,
  EmailPreview,
  HealthCheck,
  HomeStats,
  LedgerMessage,
  ModelHealth,
  RuleField,
  ScoreSummary,
  SegmentPreview,
  SegmentSize,
  SendingSettings,
  StoreInfo,
} from '../gen/api';

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

/** The data audit's finding on unknown email consent, not acknowledged yet. */
export const UNKNOWN_CONSENT: AuditFinding = {
  code: 'unknown_consent',
  severity: 'warning',
  title: 'Customers whose email consent is unknown',
  fix: 'Storeloop will not email them.',
  count: 848,
  examples: ['anna.mueller1@example.com (from legacy_import)'],
  note: null,
  acknowledged: null,
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

const eur = (minor: number) => ({ minor, currency: 'EUR' });

export const SEGMENTS: SegmentSize[] = [
  {
    id: 'a',
    name: 'Customers who usually pay full price',
    description: 'Ordered without a discount most times; a reminder is enough, no code needed.',
    builtin: true,
    customers: 1204,
    rules: [],
  },
  {
    id: 'b',
    name: 'Customers who wait for a discount',
    description: 'Most of their orders used a code; they come back for offers.',
    builtin: true,
    customers: 918,
    rules: [],
  },
  {
    id: 'c',
    name: 'Good customers going quiet',
    description: 'Ordered often before, now past their usual time to reorder.',
    builtin: true,
    customers: 311,
    rules: [],
  },
  {
    id: 'other',
    name: 'Everyone else',
    description: 'New customers, one-time buyers and people who have not ordered.',
    builtin: true,
    customers: 2567,
    rules: [],
  },
  {
    id: 'custom-1',
    name: 'Big spenders at risk',
    description: 'Lifetime value (12 months) at least 100 and Churn risk at least 0.5',
    builtin: false,
    customers: 87,
    rules: [
      { field: 'clv', op: 'ge', value: '100' },
      { field: 'churn_risk', op: 'ge', value: '0.5' },
    ],
  },
];

export const HEALTH_CHECK: HealthCheck = {
  checked_at: '2024-12-01T06:00:00Z',
  calibration_end: '2024-08-31',
  holdout_end: '2024-11-30',
  rows: [
    { x: '0', customers: 2410, actual: 0.139, predicted: 0.134 },
    { x: '1', customers: 702, actual: 0.383, predicted: 0.388 },
    { x: '2', customers: 311, actual: 0.614, predicted: 0.684 },
    { x: '3', customers: 170, actual: 0.865, predicted: 0.903 },
    { x: '4', customers: 98, actual: 1.07, predicted: 1.199 },
    { x: '5', customers: 61, actual: 1.387, predicted: 1.424 },
    { x: '6', customers: 40, actual: 1.586, predicted: 1.657 },
    { x: '7+', customers: 79, actual: 2.576, predicted: 2.539 },
  ],
  predicted_total: 1432.6,
  actual_total: 1398,
  error: 0.0248,
  drifted: false,
  message: 'The models predicted 1,433 purchases; customers made 1,398. That is within the normal range.',
};

export const SUMMARY: ScoreSummary = {
  scored_at: '2024-12-01T06:00:00Z',
  seconds: 4.2,
  mode: 'models',
  caution: null,
  currency: 'EUR',
  customers: 5000,
  customers_with_orders: 3871,
  repeat_customers: 1490,
  history_days: 697,
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, log_likelihood: -9582.43 },
  gamma_gamma: { p: 6.25, q: 3.74, gamma: 15.44, log_likelihood: -4063.2, customers: 1490 },
  propensity: {
    window_days: 30,
    train_date: '2024-05-31',
    test_date: '2024-08-31',
    train_customers: 3120,
    test_customers: 3544,
    auc: 0.74,
    calibration: [
      { predicted: 0.08, actual: 0.06, customers: 812 },
      { predicted: 0.22, actual: 0.25, customers: 944 },
      { predicted: 0.41, actual: 0.38, customers: 701 },
      { predicted: 0.63, actual: 0.66, customers: 590 },
      { predicted: 0.86, actual: 0.81, customers: 497 },
    ],
    weights: [
      { feature: 'share_of_orders_with_discount', weight: -1.31 },
      { feature: 'orders', weight: 0.62 },
      { feature: 'days_since_last_order', weight: -0.4 },
    ],
  },
  recommendations: { k: 5, customers: 1490, hit_rate: 0.234, popular_hit_rate: 0.151 },
  expected_orders_90d: 412.4,
  expected_orders_90d_low: 380.2,
  expected_orders_90d_high: 445.3,
  total_clv: eur(18_734_512),
  segments: SEGMENTS,
  statuses: [
    { status: 'active', customers: 1180 },
    { status: 'new', customers: 204 },
    { status: 'due', customers: 402 },
    { status: 'seasonal', customers: 133 },
    { status: 'at_risk', customers: 861 },
    { status: 'lapsed', customers: 1091 },
    { status: 'no_orders', customers: 1129 },
  ],
  histograms: [
    {
      score: 'churn_risk',
      label: 'Churn risk',
      kind: 'share',
      bins: [
        { from: 0, to: 0.2, customers: 1312 },
        { from: 0.2, to: 0.4, customers: 702 },
        { from: 0.4, to: 0.6, customers: 511 },
        { from: 0.6, to: 0.8, customers: 455 },
        { from: 0.8, to: 1, customers: 891 },
      ],
    },
    {
      score: 'clv',
      label: 'Lifetime value, next 12 months',
      kind: 'money',
      bins: [
        { from: 0, to: 25, customers: 2011 },
        { from: 25, to: 50, customers: 1002 },
        { from: 50, to: 100, customers: 611 },
        { from: 100, to: 250, customers: 247 },
      ],
    },
  ],
  health: HEALTH_CHECK,
};

/** A young store: too little history for the models, so simple rules score it. */
export const RULES_SUMMARY: ScoreSummary = {
  ...SUMMARY,
  mode: 'rules',
  caution: 'Only 41 customers have ordered twice, over 62 days of orders.',
  customers: 180,
  customers_with_orders: 122,
  repeat_customers: 41,
  history_days: 62,
  bgnbd: null,
  gamma_gamma: null,
  propensity: null,
  recommendations: null,
  expected_orders_90d: 23.6,
  expected_orders_90d_low: 14.1,
  expected_orders_90d_high: 35.8,
  total_clv: eur(412_050),
  segments: [
    { ...SEGMENTS[0]!, customers: 21 },
    { ...SEGMENTS[1]!, customers: 34 },
    { ...SEGMENTS[2]!, customers: 70 },
    { ...SEGMENTS[3]!, customers: 55 },
  ],
  statuses: [
    { status: 'active', customers: 38 },
    { status: 'new', customers: 51 },
    { status: 'due', customers: 12 },
    { status: 'at_risk', customers: 14 },
    { status: 'lapsed', customers: 7 },
    { status: 'no_orders', customers: 58 },
  ],
  histograms: [
    {
      score: 'churn_risk',
      label: 'Churn risk',
      kind: 'share',
      bins: [
        { from: 0, to: 0.25, customers: 71 },
        { from: 0.25, to: 0.5, customers: 30 },
        { from: 0.5, to: 0.75, customers: 14 },
        { from: 0.75, to: 1, customers: 7 },
      ],
    },
  ],
  health: null,
};

export const ROWS: CustomerRow[] = [
  {
    id: 42,
    name: 'Anna Müller',
    email: 'anna.mueller1@example.com',
    orders: 6,
    last_order: '2024-10-02',
    revenue: eur(41_250),
    churn_risk: 0.18,
    full_price_probability: 0.81,
    clv: eur(12_830),
    status: 'active',
    status_label: 'Active',
    segment: 'a',
  },
  {
    id: 7,
    name: 'Jonas Weber',
    email: 'jonas.w@example.org',
    orders: 3,
    last_order: '2024-03-15',
    revenue: eur(9_870),
    churn_risk: 0.64,
    full_price_probability: 0.22,
    clv: eur(2_140),
    status: 'at_risk',
    status_label: 'At risk',
    segment: 'b',
  },
  {
    id: 311,
    name: '',
    email: 'newsletter.only@example.net',
    orders: 0,
    last_order: null,
    revenue: eur(0),
    churn_risk: null,
    full_price_probability: null,
    clv: null,
    status: 'no_orders',
    status_label: 'No orders yet',
    segment: 'other',
  },
];

export const PAGE: CustomerPage = { rows: ROWS, total: 5000, offset: 0 };

/** As the core lists them (api/customers.rs RULE_FIELDS). */
export const RULE_FIELDS: RuleField[] = [
  { name: 'orders', label: 'Orders', kind: 'number', choices: [] },
  { name: 'revenue', label: 'Total spent', kind: 'money', choices: [] },
  { name: 'discount_share', label: 'Share of orders with a discount', kind: 'share', choices: [] },
  { name: 'churn_risk', label: 'Churn risk', kind: 'share', choices: [] },
  { name: 'full_price_probability', label: 'Chance of paying full price', kind: 'share', choices: [] },
  { name: 'expected_orders_90d', label: 'Expected orders, next 90 days', kind: 'number', choices: [] },
  { name: 'clv', label: 'Lifetime value (12 months)', kind: 'money', choices: [] },
  { name: 'days_since_last_order', label: 'Days since last order', kind: 'days', choices: [] },
  {
    name: 'status',
    label: 'Status',
    kind: 'choice',
    choices: ['no_orders', 'new', 'active', 'due', 'at_risk', 'lapsed', 'seasonal'],
  },
  { name: 'segment', label: 'Built-in group', kind: 'choice', choices: ['a', 'b', 'c', 'other'] },
  {
    name: 'consent',
    label: 'Email consent',
    kind: 'choice',
    choices: ['subscribed', 'unsubscribed', 'not_asked', 'unknown'],
  },
];

export const PREVIEW: SegmentPreview = { customers: 1952, examples: ROWS.slice(1, 2) };

const ANNA = ROWS[0] as CustomerRow;

export const DETAIL: CustomerDetail = {
  row: ANNA,
  consent: 'subscribed',
  consent_source: 'checkout',
  customer_since: '2023-02-11',
  p_alive: 0.82,
  expected_orders_90d: 1.42,
  expected_orders_90d_low: 0.91,
  expected_orders_90d_high: 2.08,
  expected_orders_365d: 4.6,
  expected_order_value: eur(6_890),
  reorder_days: 61,
  reorder_basis: 'from their own 5 gaps between orders',
  next_order_date: '2024-12-02',
  seasonal_month: 12,
  reasons: [
    { score: 'churn_risk', text: 'Ordered 6 times, most recently 60 days ago — about her usual gap.' },
    { score: 'full_price_probability', text: '5 of her 6 orders used no discount code.' },
    { score: 'next_order', text: 'Orders every December, for the last two years.' },
  ],
  recommendations: [
    {
      product: 'Stoneware Teapot, Sage',
      handle: 'stoneware-teapot-sage',
      category: 'Tea',
      margin: eur(2_150),
      reason: 'Often bought after Speckled Mug (31% of the time)',
    },
  ],
  orders: [
    {
      number: '#1841',
      date: '2024-10-02',
      revenue: eur(7_200),
      discount: eur(0),
      discount_code: null,
      items: 3,
      cancelled: false,
    },
    {
      number: '#1502',
      date: '2024-07-30',
      revenue: eur(5_400),
      discount: eur(600),
      discount_code: 'SUMMER10',
      items: 2,
      cancelled: false,
    },
  ],
  scored_at: '2024-12-01T06:00:00Z',
  mode: 'models',
};

/** Someone who signed up for the newsletter and never ordered. */
export const DETAIL_NO_ORDERS: CustomerDetail = {
  row: ROWS[2] as CustomerRow,
  consent: 'subscribed',
  consent_source: null,
  customer_since: '2024-09-19',
  p_alive: null,
  expected_orders_90d: null,
  expected_orders_90d_low: null,
  expected_orders_90d_high: null,
  expected_orders_365d: null,
  expected_order_value: null,
  reorder_days: null,
  reorder_basis: null,
  next_order_date: null,
  seasonal_month: null,
  reasons: [],
  recommendations: [],
  orders: [],
  scored_at: '2024-12-01T06:00:00Z',
  mode: 'models',
};

export const HEALTH: ModelHealth = {
  latest: HEALTH_CHECK,
  history: [
    { checked_at: '2024-10-01T06:00:00Z', error: -0.061, drifted: false },
    { checked_at: '2024-11-01T06:00:00Z', error: 0.113, drifted: false },
    { checked_at: '2024-12-01T06:00:00Z', error: 0.0248, drifted: false },
  ],
};

export const DRIFTED_HEALTH: ModelHealth = {
  latest: {
    ...HEALTH_CHECK,
    predicted_total: 1432.6,
    actual_total: 1012,
    error: 0.4156,
    drifted: true,
    message: 'The models expected 1,433 purchases but customers made 1,012, so the predictions were 42% too high.',
  },
  history: [...HEALTH.history.slice(0, 2), { checked_at: '2024-12-01T06:00:00Z', error: 0.4156, drifted: true }],
};

export const OUTBOX_FILE = '/home/owner/.local/share/storeloop/outbox/test_1764072000000000000_anna_example_com.eml';
const TEST_SUBJECT = 'Test email from Juniper & Oak Ceramics (Storeloop)';

function message(id: number, fields: Partial<LedgerMessage>): LedgerMessage {
  return {
    id,
    idempotency_key: `test:${id}:anna@example.com`,
    kind: 'test',
    to: 'anna@example.com',
    subject: TEST_SUBJECT,
    transport: 'smtp',
    state: 'sent',
    provider_message_id: null,
    detail: null,
    created_at: '2024-11-25T12:00:00Z',
    updated_at: '2024-11-25T12:00:00Z',
    attempts: 1,
    ...fields,
  };
}

/** One message in each state the ledger knows, oldest first (the screen must sort them). */
export const LEDGER: LedgerMessage[] = [
  message(1, { state: 'sending', attempts: 0, updated_at: '2024-11-20T09:00:00Z' }),
  message(2, {
    kind: 'marketing',
    to: 'ben@example.com',
    subject: 'Your cart is waiting',
    state: 'suppressed',
    detail: 'no marketing consent (unknown)',
    attempts: 0,
  }),
  message(3, { state: 'queued', detail: 'could not reach smtp.example.com: Connection refused (os error 111)' }),
  message(4, {
    to: 'nobody@example.com',
    state: 'failed',
    detail: 'permanent error (550): 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown',
  }),
  message(5, { state: 'unknown', detail: 'Connection reset by peer (os error 104)', attempts: 2 }),
  message(6, { transport: 'outbox', provider_message_id: OUTBOX_FILE }),
];

export const SENT_TO_OUTBOX: Delivery = {
  id: 6,
  state: 'sent',
  already: false,
  transport: 'outbox',
  provider_message_id: OUTBOX_FILE,
  detail: null,
};

/** A store that has saved nothing yet: the outbox, the store's name, no sender or postal address. */
export const SENDING_OUTBOX: SendingSettings = {
  via: { kind: 'outbox' },
  from: null,
  from_name: 'Juniper & Oak Ceramics',
  postal_address: null,
  secret_saved: false,
};

/** An SMTP server that asks to sign in, its password in the keychain. */
export const SENDING_SMTP: SendingSettings = {
  via: { kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'owner@juniper-oak.com' },
  from: 'hello@juniper-oak.com',
  from_name: 'Juniper & Oak Ceramics',
  postal_address: 'Juniper & Oak Ceramics\nHafenstraße 3\n20457 Hamburg, Germany',
  secret_saved: true,
};

/** The test email as the core renders it (shortened). */
export const TEST_PREVIEW: EmailPreview = {
  subject: 'Test email from Juniper & Oak Ceramics (Storeloop)',
  html:
    '<!doctype html><html><body style="background:#f6f5f2"><div style="max-width:600px;margin:0 auto;background:#fff">' +
    '<p style="font-size:20px">A test from Juniper &amp; Oak Ceramics</p>' +
    '<a href="https://juniper-oak.com/?utm_source=storeloop">Visit the store</a>' +
    '<p style="font-size:12px">Juniper &amp; Oak Ceramics · add your postal address under Settings before marketing email</p>' +
    '</div></body></html>',
  text:
    'A test from Juniper & Oak Ceramics\n\nThis is a test email sent by Storeloop to check that sending works.\n\n' +
    'Visit the store: https://juniper-oak.com/?utm_source=storeloop\n\n' +
    'Juniper & Oak Ceramics · add your postal address under Settings before marketing email',
};
