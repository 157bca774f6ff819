// Plausible core answers for the Flows area's tests (test-only; never imported by the app): the
// demo store's abandoned-cart playbook with a dry run and as a definition, the email templates,
// the guardrails, a page of the audit trail, follow-ups and the kill switch.

import type {
  DecisionEntry,
  DecisionPage,
  DryRunReport,
  FlowDefinition,
  FlowDetail,
  FlowSummary,
  FlowTemplate,
  GuardrailSettings,
  KillState,
  TaskView,
  TickReport,
} from '../gen/api';

export const CART: FlowSummary = {
  slug: 'abandoned-cart',
  name: 'Abandoned cart, by intent',
  description: 'A reminder for customers who usually pay full price, and a small later offer for price-sensitive ones.',
  status: 'draft',
  live_percent: 0,
  version: 2,
  steps: 8,
  holdout_percent: 10,
  updated_at: '2026-11-25T12:00:00Z',
};

export const FLOWS: FlowSummary[] = [
  CART,
  { ...CART, slug: 'browse-abandonment', name: 'Browse abandonment', status: 'dry_run', version: 1 },
  { ...CART, slug: 'post-purchase', name: 'Post-purchase care', status: 'live', live_percent: 25, version: 1 },
  { ...CART, slug: 'win-back', name: 'Win-back', status: 'killed', version: 3 },
];

export const DRY_RUN: DryRunReport = {
  slug: 'abandoned-cart',
  version: 2,
  days: 30,
  from: '2026-10-26T00:00:00Z',
  to: '2026-11-25T00:00:00Z',
  ran_at: '2026-11-25T11:58:00Z',
  triggered: 1450,
  entered: 1204,
  holdout: 121,
  nodes: [
    { node: 'wait-1h', reached: 1204, sent: 0, would_send: 0, held: 0 },
    { node: 'by-intent', reached: 1190, sent: 0, would_send: 0, held: 0 },
    { node: 'reminder', reached: 702, sent: 611, would_send: 68, held: 23 },
    { node: 'wait-second-look', reached: 301, sent: 0, would_send: 0, held: 0 },
    { node: 'offer', reached: 88, sent: 0, would_send: 0, held: 9 },
    { node: 'offer-email', reached: 79, sent: 71, would_send: 8, held: 0 },
    { node: 'education', reached: 187, sent: 166, would_send: 19, held: 2 },
    { node: 'done', reached: 1010, sent: 0, would_send: 0, held: 0 },
  ],
  per_day: [
    { day: '2026-11-22', sent: 31, would_send: 3 },
    { day: '2026-11-23', sent: 28, would_send: 4 },
    { day: '2026-11-24', sent: 0, would_send: 0 },
  ],
  emails_sent: 848,
  discounts: 71,
  discount_cost: { minor: 41_250, currency: 'EUR' },
  holds: [
    { reason: 'quiet hours', count: 14 },
    { reason: 'frequency cap (3 in 7 days)', count: 20 },
  ],
  endings: [
    { reason: 'ordered', count: 402 },
    { reason: 'finished', count: 608 },
  ],
  not_entered: [{ reason: 'no marketing consent', count: 246 }],
  notes: ['Product views before 1 Nov 2026 were not imported, so "second look" waits may be undercounted.'],
};

export const CART_DETAIL: FlowDetail = {
  summary: CART,
  trigger: 'A customer leaves a checkout without ordering',
  entry: ['Agreed to marketing emails'],
  exits: ['They order', 'They unsubscribe', 'They open a support ticket'],
  start: 'wait-1h',
  nodes: [
    { id: 'wait-1h', kind: 'wait', title: 'Wait 1 hour', detail: '', edges: [{ to: 'by-intent', label: '' }] },
    {
      id: 'by-intent',
      kind: 'split',
      title: 'Split by how they usually buy',
      detail: 'Anyone else: the reminder',
      edges: [
        { to: 'reminder', label: 'pays full price' },
        { to: 'wait-second-look', label: 'waits for a discount' },
        { to: 'education', label: 'new customer' },
        { to: 'reminder', label: 'everyone else' },
      ],
    },
    {
      id: 'reminder',
      kind: 'email',
      title: 'Send “Still thinking it over?”',
      detail: 'Template cart-reminder',
      edges: [{ to: 'done', label: '' }],
    },
    {
      id: 'wait-second-look',
      kind: 'wait_event',
      title: 'Wait for a second look',
      detail: 'Up to 2 days',
      edges: [
        { to: 'offer', label: 'viewed again' },
        { to: 'reminder', label: 'no view in 2 days' },
      ],
    },
    { id: 'offer', kind: 'offer', title: 'Offer 10% off', detail: '', edges: [{ to: 'offer-email', label: '' }] },
    {
      id: 'offer-email',
      kind: 'email',
      title: 'Send “A little something to help you decide”',
      detail: 'Template cart-offer',
      edges: [{ to: 'done', label: '' }],
    },
    {
      id: 'education',
      kind: 'email',
      title: 'Send “Good to know before you order”',
      detail: 'Template cart-education',
      edges: [{ to: 'done', label: '' }],
    },
    { id: 'done', kind: 'exit', title: 'End', detail: '', edges: [] },
  ],
  approval: {
    reasons: ['It gives a discount (10% off).', 'It uses a template no flow has sent before.'],
    approved_by: null,
    approved_at: null,
  },
  dry_run: null,
  active: 0,
  live: [],
};

export const CART_WITH_RUN: FlowDetail = {
  ...CART_DETAIL,
  summary: { ...CART, status: 'dry_run' },
  dry_run: DRY_RUN,
};

export const GUARDRAILS: GuardrailSettings = {
  frequency_cap: 3,
  frequency_days: 7,
  quiet_start_hour: 21,
  quiet_end_hour: 8,
  max_discount_percent: 15,
  weekly_discount_budget: { minor: 20_000, currency: 'EUR' },
  min_margin_percent: 30,
  no_discount_for_segment_a: true,
  no_stacking: true,
  engagement_days: 180,
  auto_pause_unsubscribe_percent: 1,
  auto_pause_complaint_percent: 0.1,
  max_late_hours: 6,
  kill_all: false,
  excluded_categories: [],
};

export const DECISION_ENTRIES: DecisionEntry[] = [
  {
    id: 9001,
    at: '2026-11-25T11:00:00Z',
    flow: 'abandoned-cart',
    customer_id: 42,
    customer: 'Anna Müller',
    node: 'reminder',
    decision: 'sent',
    reason: 'passed every guardrail',
    holdout: false,
  },
  {
    id: 9002,
    at: '2026-11-25T11:30:00Z',
    flow: 'abandoned-cart',
    customer_id: 43,
    customer: 'Ben Okafor',
    node: 'reminder',
    decision: 'would_send',
    reason: 'in the holdout',
    holdout: true,
  },
  {
    id: 9000,
    at: '2026-11-25T10:00:00Z',
    flow: 'abandoned-cart',
    customer_id: 44,
    customer: 'Chloé Martin',
    node: 'reminder',
    decision: 'held',
    reason: 'quiet hours until 08:00',
    holdout: false,
  },
];

export const DECISIONS_PAGE: DecisionPage = { entries: DECISION_ENTRIES, total: 1234 };

export const TASKS: TaskView[] = [
  {
    id: 5,
    customer_id: 42,
    customer: 'Anna Müller',
    flow: 'abandoned-cart',
    text: 'Answer her support ticket about a broken mug; marketing to her is paused until then.',
    created_at: '2026-11-24T09:00:00Z',
    done_at: null,
  },
  {
    id: 4,
    customer_id: 7,
    customer: 'Dev Patel',
    flow: null,
    text: 'Call about the bulk order.',
    created_at: '2026-11-20T09:00:00Z',
    done_at: '2026-11-21T10:00:00Z',
  },
];

export const TICK: TickReport = {
  at: '2026-11-25T12:00:00Z',
  inputs: 12,
  entered: 3,
  steps: 7,
  queued: 2,
  held: 1,
  exited: 0,
  paused: [],
};

export const KILL_OFF: KillState = { all: false, flows: [], held_messages: 0 };
export const KILL_ALL: KillState = { all: true, flows: [], held_messages: 12 };

/** The abandoned-cart playbook as the core's `flow_definition` returns it (assets/playbooks). */
export const CART_DEFINITION: FlowDefinition = {
  slug: 'abandoned-cart',
  name: 'Abandoned cart, by intent',
  description: 'A reminder for customers who usually pay full price, and a small later offer for price-sensitive ones.',
  trigger: { kind: 'checkout_abandoned' },
  entry: [{ field: 'consent', op: 'eq', value: 'subscribed' }],
  exit: ['ordered', 'unsubscribed', 'ticket_opened'],
  holdout_percent: 10,
  start: 'wait-1h',
  nodes: [
    { id: 'wait-1h', kind: 'wait', minutes: 60, next: 'by-intent' },
    {
      id: 'by-intent',
      kind: 'split',
      branches: [
        { segment: 'a', event: null, conditions: [], next: 'reminder' },
        { segment: 'b', event: null, conditions: [], next: 'wait-second-look' },
        { segment: 'c', event: null, conditions: [], next: 'education' },
      ],
      otherwise: 'reminder',
    },
    { id: 'reminder', kind: 'email', template: 'cart-reminder', subject: 'Still thinking it over?', variants: [], next: 'done' },
    { id: 'wait-second-look', kind: 'wait_event', event: 'product_viewed', timeout_minutes: 2880, next: 'offer', timeout_next: 'reminder' },
    { id: 'offer', kind: 'offer', percent: 10, next: 'offer-email' },
    { id: 'offer-email', kind: 'email', template: 'cart-offer', subject: 'A little something to help you decide', variants: [], next: 'done' },
    { id: 'education', kind: 'email', template: 'cart-education', subject: 'Good to know before you order', variants: [], next: 'done' },
    { id: 'done', kind: 'exit' },
  ],
};

export const TEMPLATES: FlowTemplate[] = [
  { name: 'cart-reminder', headline: 'Still thinking it over?', shows_products: true },
  { name: 'cart-offer', headline: 'A little something to help you decide', shows_products: true },
  { name: 'cart-education', headline: 'Good to know before you order', shows_products: false },
  { name: 'win-back', headline: 'We miss you', shows_products: false },
];
