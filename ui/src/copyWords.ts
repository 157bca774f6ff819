// The owner's words for the copy review queue — kinds, angles, states, rules, history actions and
// where a draft came from — and the pure pieces the screen is built from: a text cut into plain and
// highlighted parts by its findings (spans count Unicode code points, as the core does), the rules
// an approval must answer, and one-per-line lists.

import type { CopyFinding, QueuedVariant } from './gen/api';

/**
 * Where a draft came from: "Drafted on this computer" for the offline generator, otherwise the
 * model and prompt that wrote it as the core names them; null when the core names nothing.
 */
export function generatorWords(generator: string): string | null {
  const g = generator.trim();
  if (g === '') return null;
  return g === 'offline' ? 'Drafted on this computer' : `Drafted by ${g}`;
}

/** The kinds the generator writes, in the order the owner picks them. */
export const COPY_KINDS: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'subject', label: 'Subject line' },
  { id: 'preheader', label: 'Preview line (under the subject)' },
  { id: 'hook', label: 'Opening line' },
  { id: 'bullets', label: 'Bullet points' },
  { id: 'description', label: 'Product description' },
  { id: 'faq', label: 'Questions and answers' },
  { id: 'ad', label: 'Ad text' },
];

/** "Subject line" for "subject"; an unknown kind is shown as it is. */
export function kindLabel(kind: string): string {
  return COPY_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** The customer groups a draft may be written for; "" is anyone. */
export const COPY_GROUPS: ReadonlyArray<{ id: string; label: string }> = [
  { id: '', label: 'Anyone' },
  { id: 'a', label: 'Customers who usually pay full price' },
  { id: 'b', label: 'Customers who wait for a discount' },
  { id: 'c', label: 'New customers' },
];

const HOOKS: Record<string, string> = {
  reminder: 'a reminder',
  education: 'how to use it',
  benefit: 'what it does for them',
  'shipping clarity': 'delivery made clear',
  scarcity: 'low stock',
};

/** The angle of a generated draft in words ("a reminder"); null when it has none. */
export function hookWords(hook: string | null): string | null {
  if (hook === null || hook.trim() === '') return null;
  return HOOKS[hook] ?? hook;
}

export type QueueTab = 'review' | 'approved' | 'rejected' | 'all';

export const QUEUE_TABS: ReadonlyArray<{ id: QueueTab; label: string }> = [
  { id: 'review', label: 'To review' },
  { id: 'approved', label: 'Approved' },
  { id: 'rejected', label: 'Rejected' },
  { id: 'all', label: 'All' },
];

/** The state the core filters on for a tab: null for all. */
export function tabState(tab: QueueTab): string | null {
  return tab === 'all' ? null : tab;
}

export type Tone = 'success' | 'accent' | 'warning' | 'danger' | 'neutral';

/** The badge for where a variant stands, including an approval that no longer covers its checks. */
export function stateWords(v: Pick<QueuedVariant, 'state' | 'sendable'>): { label: string; tone: Tone } {
  if (v.state === 'approved') {
    return v.sendable
      ? { label: 'Approved · may be sent', tone: 'success' }
      : { label: 'Approved, but fails a check now', tone: 'warning' };
  }
  if (v.state === 'rejected') return { label: 'Rejected', tone: 'danger' };
  if (v.state === 'review') return { label: 'To review', tone: 'accent' };
  return { label: v.state, tone: 'neutral' };
}

/** Each rule the checker applies, as a short heading. */
const RULES: Record<string, string> = {
  forbidden: 'A phrase you never use',
  claim: 'A claim not on your approved list',
  grounding: 'Not backed by the product’s facts',
  medical: 'A health claim',
  regulated: 'A regulated product: you must look at it yourself',
  discount: 'A discount your policy does not allow',
  length: 'Too long',
  spam: 'Looks like spam',
  creepy: 'Too personal',
};

export function ruleLabel(rule: string): string {
  return RULES[rule] ?? rule;
}

/** Rules an approval itself answers: a person looked, which is what they ask for. */
const ANSWERED_BY_APPROVAL = new Set(['regulated']);

/**
 * The rules an approval must give a written reason for, each once, in the order first found
 * (the core refuses an approval without one).
 */
export function rulesNeedingReason(findings: readonly Pick<CopyFinding, 'rule'>[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    if (!ANSWERED_BY_APPROVAL.has(f.rule) && !out.includes(f.rule)) out.push(f.rule);
  }
  return out;
}

/** One run of a text: plain (no rules) or highlighted for the rules whose spans cover it. */
export interface TextPiece {
  text: string;
  rules: string[];
}

/**
 * A text cut where findings start and end. Spans are in code points (`Array.from(text)`), not
 * UTF-16 units, so an emoji before a span does not shift it; spans past the end are cut short and
 * empty ones ignored. Overlapping findings make one piece per overlap, naming every rule over it.
 */
export function markPieces(text: string, findings: readonly Pick<CopyFinding, 'rule' | 'start' | 'end'>[]): TextPiece[] {
  const chars = Array.from(text);
  const n = chars.length;
  const clamp = (i: number) => Math.min(Math.max(Math.trunc(i), 0), n);
  const spans = findings
    .map((f) => ({ rule: f.rule, start: clamp(f.start), end: clamp(f.end) }))
    .filter((s) => s.end > s.start);
  const cuts = Array.from(new Set([0, n, ...spans.flatMap((s) => [s.start, s.end])])).sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const rules: string[] = [];
    for (const s of spans) {
      if (s.start <= from && s.end >= to && !rules.includes(s.rule)) rules.push(s.rule);
    }
    pieces.push({ text: chars.slice(from, to).join(''), rules });
  }
  return pieces;
}

/** The entries of a one-per-line list: trimmed, blank lines left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** A list for a one-per-line text box. */
export function textOfLines(lines: readonly string[]): string {
  return lines.join('\n');
}

const ACTIONS: Record<string, string> = {
  generated: 'Written',
  edited: 'Edited',
  approved: 'Approved',
  rejected: 'Rejected',
  noted: 'Note added',
  tested: 'Put in an A/B test',
};

export function historyAction(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Whether a key press comes from somewhere the owner types (where J, K, A… are letters, not commands). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}
