// The owner's words for flows: statuses, decisions of the audit trail and kinds of step. Screens
// use these, never raw codes.

import type { DecisionEntry, FlowSummary } from './gen/api';
import type { Tone } from './customerWords';
import { formatCount } from './format';

export interface FlowStatusWords {
  label: string;
  explain: string;
  tone: Tone;
}

/** "Draft", "Dry run", "Live 25%", "Paused", "Stopped" — with what each means. */
export function flowStatusWords(flow: Pick<FlowSummary, 'status' | 'live_percent'>): FlowStatusWords {
  switch (flow.status) {
    case 'draft':
      return { label: 'Draft', explain: 'Not running. Run a dry run to see what it would have done.', tone: 'neutral' };
    case 'dry_run':
      return { label: 'Dry run', explain: 'Tried on past data only. It sends nothing until you launch it.', tone: 'accent' };
    case 'live':
      return {
        label: `Live ${flow.live_percent}%`,
        explain: `Running for ${flow.live_percent}% of the customers who set it off.`,
        tone: 'success',
      };
    case 'paused':
      return { label: 'Paused', explain: 'Sends nothing until you resume it. What it held waits until then.', tone: 'warning' };
    case 'killed':
      return { label: 'Stopped', explain: 'Stopped with the kill switch. Sends nothing until you resume it.', tone: 'danger' };
    default:
      return { label: capitalise(flow.status.replace(/_/g, ' ')), explain: '', tone: 'neutral' };
  }
}

/** The decisions of the ledger, in the order the filter lists them. */
export const DECISIONS: ReadonlyArray<{ id: string; label: string; tone: Tone }> = [
  { id: 'entered', label: 'Entered', tone: 'accent' },
  { id: 'not_entered', label: 'Turned away at entry', tone: 'neutral' },
  { id: 'step', label: 'Step taken', tone: 'neutral' },
  { id: 'in_progress', label: 'Waiting', tone: 'neutral' },
  { id: 'sent', label: 'Sent', tone: 'success' },
  { id: 'would_send', label: 'Would have sent', tone: 'neutral' },
  { id: 'held', label: 'Held', tone: 'warning' },
  { id: 'skipped', label: 'Skipped', tone: 'warning' },
  { id: 'offer', label: 'Offer made', tone: 'accent' },
  { id: 'would_offer', label: 'Would have offered', tone: 'neutral' },
  { id: 'refused', label: 'Offer refused by a guardrail', tone: 'warning' },
  { id: 'task', label: 'Task for a person', tone: 'accent' },
  { id: 'exited', label: 'Left the flow', tone: 'neutral' },
  { id: 'attributed', label: 'Order counted', tone: 'success' },
  { id: 'approved', label: 'Approved', tone: 'success' },
  { id: 'launched', label: 'Launched', tone: 'success' },
  { id: 'paused', label: 'Paused', tone: 'warning' },
  { id: 'killed', label: 'Stopped', tone: 'danger' },
  { id: 'resumed', label: 'Resumed', tone: 'success' },
];

/** "Turned away at entry" for "not_entered"; an unknown decision in plain letters. */
export function decisionWords(decision: string): { label: string; tone: Tone } {
  const known = DECISIONS.find((d) => d.id === decision);
  return known ?? { label: capitalise(decision.replace(/_/g, ' ')), tone: 'neutral' };
}

/** What the audit trail shows for a row: holdout rows say they were held back on purpose. */
export function decisionLabel(entry: Pick<DecisionEntry, 'decision' | 'holdout'>): { label: string; tone: Tone } {
  if (entry.holdout && (entry.decision === 'would_send' || entry.decision === 'sent')) {
    return { label: 'holdout (would have sent)', tone: 'neutral' };
  }
  if (entry.holdout && (entry.decision === 'would_offer' || entry.decision === 'offer')) {
    return { label: 'holdout (would have offered)', tone: 'neutral' };
  }
  const w = decisionWords(entry.decision);
  return entry.holdout ? { label: `${w.label} · holdout`, tone: w.tone } : w;
}

const KIND_WORDS: Record<string, string> = {
  wait: 'Wait',
  wait_window: 'Wait for a time',
  wait_event: 'Wait for something',
  split: 'Split by group',
  ab: 'A/B test',
  email: 'Email',
  offer: 'Offer',
  task: 'Task for a person',
  exit: 'End',
};

/** "Email", "Split by group" — the eyebrow on a canvas node. */
export function kindWords(kind: string): string {
  return KIND_WORDS[kind] ?? capitalise(kind.replace(/_/g, ' '));
}

/** "1 customer" / "1,234 customers". */
export function plural(n: number, one: string, many: string, locale?: string): string {
  return n === 1 ? `1 ${one}` : `${formatCount(n, locale)} ${many}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
