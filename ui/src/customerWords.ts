// The owner's words for customer intelligence: statuses, consent, reasons, rule operators, and the
// sentences that put a prediction and its range together. Screens use these, never raw codes.

import type { CustomerStatus, RuleField, RuleOp, SegmentRule, SegmentSize } from './gen/api';
import {
  DASH,
  currencyFractionDigits,
  defaultLocale,
  formatMoney,
  formatNumber,
  formatPercent,
} from './format';

export type Tone = 'success' | 'accent' | 'warning' | 'danger' | 'neutral';

export interface StatusWords {
  label: string;
  explain: string;
  tone: Tone;
}

/** Every status, in the order the owner reads them: doing well first, gone last. */
export const STATUS_ORDER: readonly CustomerStatus[] = [
  'active',
  'new',
  'due',
  'seasonal',
  'at_risk',
  'lapsed',
  'no_orders',
];

export const STATUS_WORDS: Record<CustomerStatus, StatusWords> = {
  active: { label: 'Active', explain: 'Ordering as usual.', tone: 'success' },
  new: { label: 'New', explain: 'First order in the last 30 days.', tone: 'success' },
  due: {
    label: 'Due to reorder',
    explain: 'Past their usual time to reorder, but still likely to come back.',
    tone: 'accent',
  },
  seasonal: {
    label: 'Seasonal — due later',
    explain: 'Buy at the same time each year. Not gone, just not due yet.',
    tone: 'neutral',
  },
  at_risk: {
    label: 'At risk',
    explain: 'More likely than not to have stopped buying (churn risk 50% or more).',
    tone: 'warning',
  },
  lapsed: { label: 'Lapsed', explain: 'Probably gone: churn risk 80% or more.', tone: 'danger' },
  no_orders: {
    label: 'No orders yet',
    explain: 'Subscribers and browsers who have never ordered.',
    tone: 'neutral',
  },
};

export function badgeClass(tone: Tone): string {
  return tone === 'neutral' ? 'badge' : `badge badge--${tone}`;
}

const CONSENT_WORDS: Record<string, string> = {
  subscribed: 'Agreed to marketing emails',
  unsubscribed: 'Unsubscribed',
  not_asked: 'Never asked',
  unknown: 'Unknown — Storeloop will not email them',
};

/** "Agreed to marketing emails" for "subscribed"; unknown values are shown as they are. */
export function consentWords(consent: string): string {
  return CONSENT_WORDS[consent] ?? consent;
}

/** What each kind of reason explains, as a heading on the customer page. */
export const REASON_TITLES: Record<string, string> = {
  churn_risk: 'Churn risk',
  full_price_probability: 'Paying full price',
  segment: 'Group',
  next_order: 'Next order',
};

export const OP_WORDS: Record<RuleOp, string> = {
  lt: 'is less than',
  le: 'is at most',
  gt: 'is more than',
  ge: 'is at least',
  eq: 'is',
  ne: 'is not',
};

/** Operators that make sense for a field: choices are only equal or not. */
export function opsFor(kind: string): RuleOp[] {
  return kind === 'choice' ? ['eq', 'ne'] : ['ge', 'gt', 'le', 'lt', 'eq', 'ne'];
}

/** The text shown for one of a choice field's values ("At risk" for status "at_risk"). */
export function choiceWords(field: string, value: string, segments: readonly SegmentSize[]): string {
  if (field === 'status' && value in STATUS_WORDS) return STATUS_WORDS[value as CustomerStatus].label;
  if (field === 'segment') return segments.find((s) => s.id === value)?.name ?? value;
  if (field === 'consent') return consentWords(value);
  return value;
}

/**
 * The number a person types for a rule, as the core wants it: shares are typed as percent
 * (50 → "0.5"); money in major units, days and numbers as typed. Null when it is not a number.
 */
export function ruleValueFromInput(kind: string, input: string): string | null {
  if (kind === 'choice') return input === '' ? null : input;
  const n = Number(input.trim().replace(',', '.'));
  if (input.trim() === '' || !Number.isFinite(n)) return null;
  return kind === 'share' ? String(Math.round(n * 1e6) / 1e8) : String(n);
}

/** "Churn risk is at least 50%" — one rule in words. */
export function ruleWords(
  rule: SegmentRule,
  fields: readonly RuleField[],
  segments: readonly SegmentSize[],
  currency: string,
  locale = defaultLocale(),
): string {
  const field = fields.find((f) => f.name === rule.field);
  const label = field?.label ?? rule.field;
  const kind = field?.kind ?? (rule.field === 'status' || rule.field === 'segment' ? 'choice' : 'number');
  const n = Number(rule.value);
  let value: string;
  if (kind === 'choice') value = choiceWords(rule.field, rule.value, segments);
  else if (!Number.isFinite(n)) value = rule.value;
  else if (kind === 'share') value = formatPercent(n, locale);
  else if (kind === 'money') {
    const minor = Math.round(n * 10 ** currencyFractionDigits(currency, locale));
    value = formatMoney({ minor, currency }, locale);
  }
  else if (kind === 'days') value = n === 1 ? '1 day' : `${formatNumber(n, 1, locale)} days`;
  else value = formatNumber(n, 2, locale);
  return `${label} ${OP_WORDS[rule.op]} ${value}`;
}

/** Decimals for an expected count: whole numbers from 10 up, one decimal below. */
function expectedDigits(n: number): number {
  return Math.abs(n) >= 10 ? 0 : 1;
}

/** Rounds an expected count for people: "412", "1.4". */
export function formatExpected(n: number | null, locale = defaultLocale()): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  return formatNumber(n, expectedDigits(n), locale);
}

/** "about 412 orders (likely 380–445)" — an expectation with its 80% range. */
export function formatExpectedOrders(
  mid: number,
  low: number | null,
  high: number | null,
  locale = defaultLocale(),
): string {
  const digits = expectedDigits(mid);
  const noun = formatNumber(mid, digits, 'en-US') === '1' ? 'order' : 'orders';
  const head = `about ${formatNumber(mid, digits, locale)} ${noun}`;
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return head;
  return `${head} (likely ${formatNumber(low, digits, locale)}–${formatNumber(high, digits, locale)})`;
}
