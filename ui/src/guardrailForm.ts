// The guardrail form's values as typed (text, so a half-typed number is not lost) and the
// settings they make: whole numbers, shares in percent, and the weekly discount budget typed in
// major units (euros) but kept in minor units (cents), and the product categories no email shows.
// Problems are named per field.

import type { GuardrailSettings } from './gen/api';
import { currencyFractionDigits, defaultLocale } from './format';

export type WholeField =
  | 'frequency_cap'
  | 'frequency_days'
  | 'quiet_start_hour'
  | 'quiet_end_hour'
  | 'max_discount_percent'
  | 'min_margin_percent'
  | 'engagement_days'
  | 'max_late_hours';

export type ShareField = 'auto_pause_unsubscribe_percent' | 'auto_pause_complaint_percent';

export type NumberField = WholeField | ShareField;

export type GuardrailField = keyof GuardrailSettings;

export const WHOLE_FIELDS: readonly WholeField[] = [
  'frequency_cap',
  'frequency_days',
  'quiet_start_hour',
  'quiet_end_hour',
  'max_discount_percent',
  'min_margin_percent',
  'engagement_days',
  'max_late_hours',
];

export const SHARE_FIELDS: readonly ShareField[] = ['auto_pause_unsubscribe_percent', 'auto_pause_complaint_percent'];

/** Whole numbers that are a percent, so more than 100 makes no sense. */
const PERCENT_FIELDS: readonly NumberField[] = [
  'max_discount_percent',
  'min_margin_percent',
  'auto_pause_unsubscribe_percent',
  'auto_pause_complaint_percent',
];

export interface GuardrailDraft {
  numbers: Record<NumberField, string>;
  /** The weekly discount budget in major units, as typed ("200.00"). */
  budget: string;
  no_discount_for_segment_a: boolean;
  no_stacking: boolean;
  /** Product categories no email shows or recommends, in the order they were saved or ticked. */
  excluded_categories: string[];
}

export type FieldErrors = Partial<Record<GuardrailField, string>>;

export function draftFrom(s: GuardrailSettings, locale = defaultLocale()): GuardrailDraft {
  const numbers = {} as Record<NumberField, string>;
  for (const f of WHOLE_FIELDS) numbers[f] = String(s[f]);
  for (const f of SHARE_FIELDS) numbers[f] = String(s[f]);
  const digits = currencyFractionDigits(s.weekly_discount_budget.currency, locale);
  return {
    numbers,
    budget: minorToText(s.weekly_discount_budget.minor, digits),
    no_discount_for_segment_a: s.no_discount_for_segment_a,
    no_stacking: s.no_stacking,
    excluded_categories: [...s.excluded_categories],
  };
}

/** The excluded categories with `category` ticked or not; each at most once. */
export function withCategory(excluded: readonly string[], category: string, on: boolean): string[] {
  const rest = excluded.filter((c) => c !== category);
  return on ? [...rest, category] : rest;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((c) => y.has(c));
}

export function sameDraft(a: GuardrailDraft, b: GuardrailDraft): boolean {
  return (
    a.budget.trim() === b.budget.trim() &&
    a.no_discount_for_segment_a === b.no_discount_for_segment_a &&
    a.no_stacking === b.no_stacking &&
    sameSet(a.excluded_categories, b.excluded_categories) &&
    [...WHOLE_FIELDS, ...SHARE_FIELDS].every((f) => a.numbers[f].trim() === b.numbers[f].trim())
  );
}

/**
 * The settings the draft makes, on top of `base` (which supplies the currency and `kill_all`,
 * never changed here), or what is wrong with it, per field.
 */
export function settingsFrom(
  draft: GuardrailDraft,
  base: GuardrailSettings,
  locale = defaultLocale(),
): { settings: GuardrailSettings } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const out: GuardrailSettings = {
    ...base,
    no_discount_for_segment_a: draft.no_discount_for_segment_a,
    no_stacking: draft.no_stacking,
    excluded_categories: [...new Set(draft.excluded_categories)],
  };

  for (const f of WHOLE_FIELDS) {
    const text = draft.numbers[f].trim();
    if (!/^\d{1,9}$/.test(text)) {
      errors[f] = 'Type a whole number, such as 3.';
      continue;
    }
    const n = Number(text);
    if (PERCENT_FIELDS.includes(f) && n > 100) {
      errors[f] = 'Type a number from 0 to 100.';
      continue;
    }
    if ((f === 'quiet_start_hour' || f === 'quiet_end_hour') && n > 23) {
      errors[f] = 'Pick an hour from 0:00 to 23:00.';
      continue;
    }
    out[f] = n;
  }

  for (const f of SHARE_FIELDS) {
    const text = draft.numbers[f].trim().replace(',', '.');
    const n = /^\d{1,3}(\.\d{1,3})?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(n) || n > 100) {
      errors[f] = 'Type a percent from 0 to 100, such as 0.5.';
      continue;
    }
    out[f] = n;
  }

  const digits = currencyFractionDigits(base.weekly_discount_budget.currency, locale);
  const minor = textToMinor(draft.budget, digits);
  if (minor === null) {
    errors.weekly_discount_budget =
      digits > 0 ? `Type an amount such as 200 or 200.${'5'.padEnd(digits, '0')}.` : 'Type an amount such as 200.';
  } else {
    out.weekly_discount_budget = { minor, currency: base.weekly_discount_budget.currency };
  }

  return Object.keys(errors).length > 0 ? { errors } : { settings: out };
}

const ALL_FIELDS: readonly GuardrailField[] = [
  ...WHOLE_FIELDS,
  ...SHARE_FIELDS,
  'weekly_discount_budget',
  'no_discount_for_segment_a',
  'no_stacking',
  'excluded_categories',
  'kill_all',
];

/** The field an error message from the core names (it names the field it rejects), if any. */
export function fieldInMessage(message: string): GuardrailField | null {
  const lower = message.toLowerCase();
  const named = ALL_FIELDS.filter((f) => lower.includes(f)).sort((a, b) => b.length - a.length);
  return named[0] ?? null;
}

/** "200.00" from 20000 with 2 digits; no grouping, so it can be typed over. */
export function minorToText(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const negative = minor < 0;
  const abs = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** 20050 from "200.50" (or "200,5") with 2 digits; null when it is not an amount. */
export function textToMinor(text: string, digits: number): number | null {
  const t = text.trim().replace(/[\s\u00a0]/g, '');
  const m = /^(\d{1,12})(?:[.,](\d*))?$/.exec(t);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}
