// A flow being edited: its steps' ways out, new steps with unique ids, the checks the core makes
// at save (mirrored, so the owner sees every problem at once and early — the core stays the
// authority), and the steps in words for the canvas. Pure functions over `FlowDefinition`.

import type { FlowCondition, FlowDefinition, FlowEdge, FlowNode, FlowNodeView, FlowTrigger, SegmentSize } from './gen/api';

export type StepKind = FlowNode['kind'];
export type TriggerKind = FlowTrigger['kind'];

/** The kinds of step, in the order the "new step" list offers them. */
export const STEP_KINDS: readonly StepKind[] = ['email', 'wait', 'wait_window', 'wait_event', 'split', 'ab', 'offer', 'task', 'exit'];

/** Longest wait a step may have: a year (the core's limit). */
export const MAX_WAIT_MINUTES = 365 * 24 * 60;
export const MAX_HOLDOUT_PERCENT = 50;

/** What starts a flow, in the owner's words (as the flow page says it). */
export const TRIGGER_WORDS: Record<TriggerKind, string> = {
  checkout_abandoned: 'A customer leaves a checkout without ordering',
  product_viewed_without_add: 'A customer views a product without adding it to the cart',
  order_placed: 'A customer places an order',
  order_fulfilled: 'An order is fulfilled',
  order_delivered: 'An order is delivered',
  ticket_opened: 'A support ticket is opened',
  ticket_closed: 'A support ticket is closed',
  score_crossed: 'A customer’s score rises above a threshold',
  reorder_due: 'A customer’s usual reorder date passes',
};

/** The scores a "score crossed" trigger may watch; shares are 0–1 and typed as percent. */
export const TRIGGER_SCORES: ReadonlyArray<{ name: string; label: string; kind: 'share' | 'money' | 'number' }> = [
  { name: 'churn_risk', label: 'Churn risk', kind: 'share' },
  { name: 'p_alive', label: 'Chance still active', kind: 'share' },
  { name: 'full_price_probability', label: 'Chance of paying full price', kind: 'share' },
  { name: 'expected_orders_90d', label: 'Expected orders, next 90 days', kind: 'number' },
  { name: 'clv', label: 'Lifetime value (12 months)', kind: 'money' },
  { name: 'orders', label: 'Orders', kind: 'number' },
  { name: 'revenue', label: 'Total spent', kind: 'money' },
  { name: 'discount_share', label: 'Share of orders with a discount', kind: 'share' },
];

export const EXIT_WORDS: ReadonlyArray<{ id: FlowDefinition['exit'][number]; label: string }> = [
  { id: 'ordered', label: 'They place an order' },
  { id: 'unsubscribed', label: 'They unsubscribe' },
  { id: 'ticket_opened', label: 'They open a support ticket' },
];

/** Events a "wait for something" step or a split may look for, in words. */
export const EVENTS: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'product_viewed', label: 'viewed a product' },
  { id: 'product_added', label: 'added to cart' },
  { id: 'order_placed', label: 'placed an order' },
  { id: 'checkout_abandoned', label: 'left a checkout' },
  { id: 'order_fulfilled', label: 'order fulfilled' },
  { id: 'order_delivered', label: 'order delivered' },
  { id: 'ticket_opened', label: 'opened a support ticket' },
  { id: 'ticket_closed', label: 'support ticket closed' },
  { id: 'email_engaged', label: 'opened or clicked an email' },
];

const ENGINE_EVENTS = new Set([
  ...EVENTS.map((e) => e.id),
  'checkout_started',
  'added_to_cart',
  'ordered',
  'email_opened',
  'email_clicked',
]);

/** The built-in groups when no scoring has named them. */
const BUILT_IN_GROUPS: Record<string, string> = {
  a: 'Group A: usually pays full price',
  b: 'Group B: waits for a discount',
  c: 'Group C: new here',
  other: 'Everyone else',
};

/** Names for the segments a split may test: the scoring's list, or the built-in groups. */
export function segmentChoices(segments: readonly SegmentSize[] | null): Array<{ id: string; name: string }> {
  if (segments && segments.length > 0) return segments.map((s) => ({ id: s.id, name: s.name }));
  return Object.entries(BUILT_IN_GROUPS).map(([id, name]) => ({ id, name }));
}

export function eventWords(id: string): string {
  return EVENTS.find((e) => e.id === id)?.label ?? id.replace(/_/g, ' ');
}

/** "1 hour", "2 days", "90 minutes". */
export function minutesWords(m: number): string {
  const plural = (n: number, unit: string) => (n === 1 ? `1 ${unit}` : `${n} ${unit}s`);
  if (!Number.isFinite(m)) return '…';
  if (m > 0 && m % 1440 === 0) return plural(m / 1440, 'day');
  if (m > 0 && m % 60 === 0) return plural(m / 60, 'hour');
  return plural(m, 'minute');
}

export type DurationUnit = 'minutes' | 'hours' | 'days';
export const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** The largest unit a length divides into: 120 → 2 hours, 2880 → 2 days. */
export function durationOf(minutes: number): { amount: number; unit: DurationUnit } {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/** Where a step can go next, in the order it lists them. */
export function nextsOf(node: FlowNode): string[] {
  switch (node.kind) {
    case 'wait':
    case 'wait_window':
    case 'email':
    case 'offer':
    case 'task':
      return [node.next];
    case 'wait_event':
      return [node.next, node.timeout_next];
    case 'split':
      return [...node.branches.map((b) => b.next), node.otherwise];
    case 'ab':
      return node.arms.map((a) => a.next);
    case 'exit':
      return [];
  }
}

/** `base`, or `base-2`, `base-3`… — the first not taken. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = base.replace(/_/g, '-');
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

/** A new step of `kind` with sensible values; every way out goes to `next`. */
export function newStep(kind: StepKind, id: string, next: string, template: string): FlowNode {
  switch (kind) {
    case 'wait':
      return { id, kind, minutes: 60, next };
    case 'wait_window':
      return { id, kind, from_hour: 9, to_hour: 18, next };
    case 'wait_event':
      return { id, kind, event: 'order_placed', timeout_minutes: 2880, next, timeout_next: next };
    case 'split':
      return { id, kind, branches: [{ segment: 'a', event: null, conditions: [], next }], otherwise: next };
    case 'ab':
      return {
        id,
        kind,
        arms: [
          { name: 'A', weight: 50, next },
          { name: 'B', weight: 50, next },
        ],
      };
    case 'email':
      return { id, kind, template, subject: '', variants: [], next };
    case 'offer':
      return { id, kind, percent: 10, next };
    case 'task':
      return { id, kind, text: '', next };
    case 'exit':
      return { id, kind };
  }
}

/** Adds a step after `after` (which then goes to it) when `after` has one way out; else on its own. */
export function addStep(def: FlowDefinition, kind: StepKind, after: string | null, template: string): { def: FlowDefinition; id: string } {
  const id = uniqueId(kind === 'exit' ? 'end' : kind, def.nodes.map((n) => n.id));
  const prev = def.nodes.find((n) => n.id === after);
  const single = prev && prev.kind !== 'exit' && 'next' in prev && !('timeout_next' in prev) ? prev : null;
  const node = newStep(kind, id, single ? single.next : '', template);
  const nodes = def.nodes.map((n) => (single && n.id === single.id ? ({ ...n, next: id } as FlowNode) : n));
  return { def: { ...def, nodes: [...nodes, node] }, id };
}

/** Without the step; ways that went to it are kept, and show as problems until re-pointed. */
export function deleteStep(def: FlowDefinition, id: string): FlowDefinition {
  return { ...def, nodes: def.nodes.filter((n) => n.id !== id) };
}

/** The step with `id` changed. */
export function replaceStep(def: FlowDefinition, id: string, change: (node: FlowNode) => FlowNode): FlowDefinition {
  return { ...def, nodes: def.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

/** "Abandoned cart, again!" → "abandoned-cart-again". */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Names under #/flows/ that are pages, so no flow may take them. */
const RESERVED_SLUGS = ['guardrails', 'audit', 'tasks', 'new'];

/** Why `slug` cannot name a new flow, or null. */
export function slugProblem(slug: string, taken: readonly string[]): string | null {
  if (slug === '') return 'Give the flow a short name for the address, such as “welcome”.';
  if (!/^[a-z0-9-]+$/.test(slug)) return 'Use lower-case letters, digits and dashes only.';
  if (RESERVED_SLUGS.includes(slug)) return `“${slug}” is the name of a page; choose another.`;
  if (taken.includes(slug)) return `A flow called “${slug}” exists already; choose another.`;
  return null;
}

/** A new flow: one email, then the end. */
export function blankFlow(name: string, slug: string, template: string): FlowDefinition {
  return {
    slug,
    name,
    description: '',
    trigger: { kind: 'order_placed' },
    entry: [{ field: 'consent', op: 'eq', value: 'subscribed' }],
    exit: ['unsubscribed'],
    holdout_percent: 10,
    start: 'email',
    nodes: [
      { id: 'email', kind: 'email', template, subject: name, variants: [], next: 'end' },
      { id: 'end', kind: 'exit' },
    ],
  };
}

/** The step a core message names ("Node `wait-4h`: waits 0 minutes…"), or null. */
export function nodeInMessage(message: string): string | null {
  return /^Node `([^`]+)`/.exec(message)?.[1] ?? null;
}

/** A problem that stops the flow from being saved; `node` is the step at fault, if one is. */
export interface Problem {
  node: string | null;
  text: string;
}

/** What the flow may name: null where the list could not be read (not checked then). */
export interface Known {
  templates: readonly string[] | null;
  segments: readonly string[] | null;
  /** Fields a condition may test, with their kind ("choice" fields compare only with is / is not). */
  fields: ReadonlyArray<{ name: string; kind: string }> | null;
}

const OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const TEXT_FIELDS = ['status', 'segment', 'consent'];

function isWhole(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function conditionProblem(c: FlowCondition, known: Known): string | null {
  const field = known.fields?.find((f) => f.name === c.field);
  if (known.fields && !field && c.field !== 'p_alive') return `tests “${c.field}”, which is not something a condition can test`;
  if (!OPS.includes(c.op)) return `compares with “${c.op}”; use is, is not, at least, at most, more or less than`;
  if (TEXT_FIELDS.includes(c.field)) {
    if (c.op !== 'eq' && c.op !== 'ne') return `${field?.name ?? c.field} can only be compared with “is” or “is not”`;
    if (c.value.trim() === '') return 'a condition has no value';
    return null;
  }
  if (c.value.trim() === '' || !Number.isFinite(Number(c.value))) return 'a condition needs a number';
  return null;
}

/**
 * Every problem the core would refuse the flow for (it stops at the first; this lists them all):
 * the flow's settings, ways to steps that do not exist, waits, weights, offers, tasks, templates,
 * segments, conditions, loops and steps the start never reaches.
 */
export function checkFlow(def: FlowDefinition, known: Known): Problem[] {
  const out: Problem[] = [];
  const flow = (text: string) => out.push({ node: null, text });
  const at = (node: string, text: string) => out.push({ node, text });

  if (!/^[a-z0-9-]+$/.test(def.slug)) flow(`The flow’s short name “${def.slug}” must be lower-case letters, digits and dashes.`);
  if (def.name.trim() === '') flow('The flow needs a name.');
  if (!isWhole(def.holdout_percent, 0, MAX_HOLDOUT_PERCENT)) {
    flow(`The share held back must be a whole number from 0 to ${MAX_HOLDOUT_PERCENT}%.`);
  }
  const trigger = def.trigger;
  if (trigger.kind === 'score_crossed') {
    if (!TRIGGER_SCORES.some((s) => s.name === trigger.score)) flow('Choose the score the trigger watches.');
    if (!Number.isFinite(trigger.above)) flow('The trigger needs a number for its threshold.');
  }
  def.entry.forEach((c, i) => {
    const why = conditionProblem(c, known);
    if (why) flow(`Who may enter, condition ${i + 1}: ${why}.`);
  });

  const ids = new Set<string>();
  for (const n of def.nodes) {
    if (n.id.trim() === '') flow('A step has no id.');
    else if (ids.has(n.id)) at(n.id, 'two steps have this id');
    ids.add(n.id);
  }
  if (!ids.has(def.start)) {
    flow(def.start === '' ? 'Choose the step the flow starts with.' : `The flow starts at “${def.start}”, which is not a step any more.`);
  }

  for (const n of def.nodes) {
    const missing = [...new Set(nextsOf(n).filter((to) => !ids.has(to)))];
    for (const to of missing) at(n.id, to === '' ? 'a way out goes nowhere yet; choose the next step' : `goes to “${to}”, which is not a step`);
    switch (n.kind) {
      case 'wait':
        if (!isWhole(n.minutes, 1, MAX_WAIT_MINUTES)) at(n.id, 'a wait must be between 1 minute and a year, in whole minutes');
        break;
      case 'wait_event':
        if (!isWhole(n.timeout_minutes, 1, MAX_WAIT_MINUTES)) at(n.id, 'waits for the event between 1 minute and a year');
        if (!ENGINE_EVENTS.has(n.event)) at(n.id, 'choose the event it waits for');
        break;
      case 'wait_window':
        if (!isWhole(n.from_hour, 0, 23) || !isWhole(n.to_hour, 0, 24) || n.from_hour === n.to_hour) {
          at(n.id, 'the time window must be hours 0–24 and not empty');
        }
        break;
      case 'ab': {
        if (n.arms.length < 2) at(n.id, 'an A/B test needs at least two arms');
        const total = n.arms.reduce((sum, a) => sum + a.weight, 0);
        if (n.arms.some((a) => !isWhole(a.weight, 0, 100))) at(n.id, 'each arm’s weight is a whole percent');
        else if (total !== 100) at(n.id, `the arms’ weights add up to ${total}%, not 100%`);
        break;
      }
      case 'split':
        n.branches.forEach((b, i) => {
          if (b.segment !== null && known.segments && !known.segments.includes(b.segment)) {
            at(n.id, `way ${i + 1} uses the group “${b.segment}”, which no longer exists`);
          }
          if (b.event !== null && !ENGINE_EVENTS.has(b.event)) at(n.id, `way ${i + 1} looks for an unknown event “${b.event}”`);
          if (b.segment === null && b.event === null && b.conditions.length === 0) {
            at(n.id, `way ${i + 1} has no condition; “everyone else” takes the rest`);
          }
          b.conditions.forEach((c, j) => {
            const why = conditionProblem(c, known);
            if (why) at(n.id, `way ${i + 1}, condition ${j + 1}: ${why}`);
          });
        });
        break;
      case 'email':
        if (known.templates && !known.templates.includes(n.template)) at(n.id, `sends the template “${n.template}”, which does not exist`);
        if (n.subject.trim() === '') at(n.id, 'the email needs a subject');
        else if (/\p{Cc}/u.test(n.subject)) at(n.id, 'the subject must be one line');
        else if ([...n.subject].length > 900) at(n.id, 'the subject is longer than 900 characters');
        break;
      case 'offer':
        if (!isWhole(n.percent, 1, 90)) at(n.id, 'an offer is 1–90% off, in whole percent');
        break;
      case 'task':
        if (n.text.trim() === '') at(n.id, 'the task says nothing to do');
        break;
      case 'exit':
        break;
    }
  }

  // No loops, and every step reached from the start.
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'open' | 'done'>();
  const looped = new Set<string>();
  if (byId.has(def.start)) {
    const stack: Array<{ id: string; next: number }> = [{ id: def.start, next: 0 }];
    state.set(def.start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const nexts = nextsOf(byId.get(top.id)!).filter((to) => byId.has(to));
      if (top.next < nexts.length) {
        const to = nexts[top.next]!;
        top.next += 1;
        const seen = state.get(to);
        if (seen === 'open') looped.add(to);
        else if (seen === undefined) {
          state.set(to, 'open');
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, 'done');
        stack.pop();
      }
    }
  }
  for (const id of looped) at(id, 'is part of a loop; a flow must always move on to an end');
  for (const n of def.nodes) if (byId.has(def.start) && !state.has(n.id)) at(n.id, 'cannot be reached from the start');
  return out;
}

/** The steps with the ids `problems` name. */
export function problemSteps(problems: readonly Problem[]): Set<string> {
  return new Set(problems.flatMap((p) => (p.node === null ? [] : [p.node])));
}

function conditionWords(c: FlowCondition): string {
  const op: Record<string, string> = { eq: 'is', ne: 'is not', lt: 'below', le: 'at most', gt: 'above', ge: 'at least' };
  return `${c.field.replace(/_/g, ' ')} ${op[c.op] ?? c.op} ${c.value.replace(/_/g, ' ')}`;
}

/** The steps in words, as the flow page's canvas draws them (the core's words, mirrored). */
export function viewsOf(def: FlowDefinition, segments: ReadonlyArray<{ id: string; name: string }>): FlowNodeView[] {
  const edge = (to: string, label = ''): FlowEdge => ({ to, label });
  const group = (id: string) => segments.find((s) => s.id === id)?.name ?? BUILT_IN_GROUPS[id] ?? `Segment ${id}`;
  return def.nodes.map((n): FlowNodeView => {
    const view = (title: string, detail: string, edges: FlowEdge[]) => ({ id: n.id, kind: n.kind, title, detail, edges });
    switch (n.kind) {
      case 'wait':
        return view(`Wait ${minutesWords(n.minutes)}`, '', [edge(n.next)]);
      case 'wait_window':
        return view('Wait for the right time of day', `${n.from_hour}:00–${n.to_hour}:00 in the customer's time zone`, [edge(n.next)]);
      case 'wait_event':
        return view(`Wait for “${eventWords(n.event)}”`, `at most ${minutesWords(n.timeout_minutes)}`, [
          edge(n.next, 'it happened'),
          edge(n.timeout_next, `not within ${minutesWords(n.timeout_minutes)}`),
        ]);
      case 'split': {
        const edges = n.branches.map((b) => {
          const parts = [
            ...(b.segment !== null ? [group(b.segment)] : []),
            ...(b.event !== null ? [`${eventWords(b.event)} since entry`] : []),
            ...b.conditions.map(conditionWords),
          ];
          return edge(b.next, parts.join(' and ') || 'no condition yet');
        });
        edges.push(edge(n.otherwise, 'everyone else'));
        return view('Split', `${edges.length} ways`, edges);
      }
      case 'ab':
        return view(
          'A/B test',
          n.arms.map((a) => `${a.name} ${a.weight}%`).join(', '),
          n.arms.map((a) => edge(a.next, `${a.name} (${a.weight}%)`)),
        );
      case 'email':
        return view(`Send “${n.subject}”`, `template ${n.template}`, [edge(n.next)]);
      case 'offer':
        return view(`Offer ${n.percent}% off`, 'within the discount policy', [edge(n.next)]);
      case 'task':
        return view('Task for you', n.text, [edge(n.next)]);
      case 'exit':
        return view('End', '', []);
    }
  });
}
