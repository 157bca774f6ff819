// What a flow is judged by, in the owner's words: the success and failure metrics the core knows
// (by its names), what each is called on screen, and the failure limit typed as a percent but
// kept as a share (0.5% is 0.005). Whether a limit is allowed is the core's to say.

import type { FlowWatch } from './gen/api';

export const SUCCESS_METRICS = [
  { id: 'margin_per_recipient', label: 'Profit per person (contribution margin)' },
  { id: 'revenue_per_recipient', label: 'Revenue per person' },
  { id: 'conversion', label: 'Share of people who ordered' },
] as const;

export const FAILURE_METRICS = [
  { id: 'unsubscribe_rate', label: 'Unsubscribes per email' },
  { id: 'complaint_rate', label: 'Spam complaints per email' },
  { id: 'return_rate', label: 'Units returned' },
  { id: 'discount_rate', label: 'Orders that used a discount' },
  { id: 'margin_loss', label: 'The flow clearly loses money' },
] as const;

/** The failure metric that has no limit to type: it fails when the margin lift is clearly below zero. */
export const MARGIN_LOSS = 'margin_loss';

/** Whether the failure metric takes a limit. */
export function takesThreshold(failureMetric: string): boolean {
  return failureMetric !== MARGIN_LOSS;
}

/** The words for a metric the core names; a name this screen does not know is shown as it is. */
export function metricLabel(id: string): string {
  return [...SUCCESS_METRICS, ...FAILURE_METRICS].find((m) => m.id === id)?.label ?? id;
}

/** "0.5" from 0.005: a share as the percent typed in the form (no float noise such as 0.30000000000000004). */
export function percentFromShare(share: number): string {
  if (!Number.isFinite(share)) return '';
  return String(Number((share * 100).toPrecision(12)));
}

/**
 * 0.005 from "0.5" (or "0,5", " 0.5 % "): the percent typed, as the share the core keeps; NaN when
 * it is not a number.
 */
export function shareFromPercent(text: string): number {
  const t = text.trim().replace(/%$/, '').trim().replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return Number.NaN;
  return Number((Number(t) / 100).toPrecision(12));
}

/** The metrics as typed: the limit as text, so a half-typed number is not lost. */
export interface MetricDraft {
  success_metric: string;
  failure_metric: string;
  percent: string;
}

/** The watch form as typed. */
export interface WatchDraft extends MetricDraft {
  pause_on_failure: boolean;
}

export function watchDraft(w: FlowWatch): WatchDraft {
  return {
    success_metric: w.success_metric,
    failure_metric: w.failure_metric,
    percent: percentFromShare(w.failure_threshold),
    pause_on_failure: w.pause_on_failure,
  };
}

/**
 * The watch to save, or why the form cannot make one. A limit the core may refuse (0, 150%) is
 * sent as typed, for the core to say what it accepts. For "loses money" the limit is not used,
 * so the one saved before is kept.
 */
export function watchFrom(draft: WatchDraft, saved: FlowWatch): { watch: FlowWatch } | { error: string } {
  let threshold = saved.failure_threshold;
  if (takesThreshold(draft.failure_metric)) {
    threshold = shareFromPercent(draft.percent);
    if (!Number.isFinite(threshold)) return { error: 'Type the limit as a percent, such as 0.5.' };
  }
  return {
    watch: {
      success_metric: draft.success_metric,
      failure_metric: draft.failure_metric,
      failure_threshold: threshold,
      pause_on_failure: draft.pause_on_failure,
    },
  };
}

export function sameWatch(a: FlowWatch, b: FlowWatch): boolean {
  return (
    a.success_metric === b.success_metric &&
    a.failure_metric === b.failure_metric &&
    a.failure_threshold === b.failure_threshold &&
    a.pause_on_failure === b.pause_on_failure
  );
}
