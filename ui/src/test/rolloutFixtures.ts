// Plausible core answers for the rollout's tests (test-only; never imported by the app): the
// 14-day rollout before it starts, on day 3 and in its monitoring week, the workflow map, a flow's
// WORKFLOW checklist and what QA verified.

import type {
  MappingView,
  QaState,
  QaWalk,
  Rollout,
  RolloutStep,
  WorkflowChecklist,
} from '../gen/api';

const STEP_PLAN: Array<Pick<RolloutStep, 'key' | 'first_day' | 'last_day' | 'title' | 'why'>> = [
  { key: 'choose', first_day: 1, last_day: 2, title: 'Choose one workflow', why: 'One flow you can measure beats five you cannot.' },
  { key: 'audit', first_day: 3, last_day: 4, title: 'Check your data', why: 'Automation is only as good as the data under it.' },
  { key: 'guardrails', first_day: 5, last_day: 5, title: 'Set the guardrails', why: 'The rules every email passes.' },
  { key: 'build', first_day: 6, last_day: 8, title: 'Build and dry-run it', why: 'See what it would have done.' },
  { key: 'measure', first_day: 9, last_day: 10, title: 'Set up measurement', why: 'Know what it adds.' },
  { key: 'qa', first_day: 11, last_day: 12, title: 'Test it like a customer', why: 'Catch what the dry run cannot.' },
  { key: 'launch', first_day: 13, last_day: 14, title: 'Launch at 20%', why: 'Start small, with a holdout.' },
];

function dateOf(start: string, day: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day - 1);
  return d.toISOString().slice(0, 10);
}

function steps(start: string | null, states: string[]): RolloutStep[] {
  return STEP_PLAN.map((s, i) => ({
    ...s,
    first_date: start ? dateOf(start, s.first_day) : '',
    last_date: start ? dateOf(start, s.last_day) : '',
    state: states[i] ?? 'upcoming',
    checks: [
      {
        label: `${s.title}: first check`,
        done: states[i] === 'done',
        evidence: states[i] === 'done' ? `Seen for ${s.key}` : `Still open for ${s.key}`,
        place: s.key === 'audit' ? '#/data' : s.key === 'qa' ? '#/home/rollout' : '#/flows/abandoned-cart',
      },
    ],
  }));
}

export const ROLLOUT_NEW: Rollout = {
  started_on: null,
  day: 0,
  today: '2024-12-08',
  flow: null,
  flow_name: null,
  steps: steps(null, []),
  launched: false,
  live_percent: 0,
  monitoring: [],
  next: null,
  today_step: "Start the 14-day rollout: day 1 maps your store's revenue moments.",
  any_flow_live: false,
};

export const ROLLOUT_DAY3: Rollout = {
  ...ROLLOUT_NEW,
  started_on: '2024-12-08',
  day: 3,
  today: '2024-12-10',
  flow: 'abandoned-cart',
  flow_name: 'Abandoned cart, by intent',
  steps: steps('2024-12-08', ['done', 'today', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']),
  today_step: 'Day 3–4: Check your data — still to do: the data audit passes, or each finding is acknowledged.',
};

export const ROLLOUT_LIVE: Rollout = {
  ...ROLLOUT_DAY3,
  day: 16,
  today: '2024-12-23',
  steps: steps('2024-12-08', ['done', 'done', 'done', 'done', 'done', 'done', 'done']),
  launched: true,
  live_percent: 20,
  any_flow_live: true,
  monitoring: [
    {
      date: '2024-12-22',
      day: 15,
      sent: 41,
      held: 7,
      unsubscribed: 1,
      complaints: 0,
      alerts: [],
      reviewed_at: '2024-12-22T18:00:00Z',
      state: 'done',
    },
    {
      date: '2024-12-23',
      day: 16,
      sent: 38,
      held: 5,
      unsubscribed: 0,
      complaints: 0,
      alerts: ['Unsubscribes above 0.5% of emails'],
      reviewed_at: null,
      state: 'today',
    },
    {
      date: '2024-12-24',
      day: 17,
      sent: 0,
      held: 0,
      unsubscribed: 0,
      complaints: 0,
      alerts: [],
      reviewed_at: null,
      state: 'upcoming',
    },
  ],
  next: {
    slug: 'post-purchase',
    name: 'Post-purchase education',
    why: 'Second purchase 412 customers came back for a second order in the last year.',
    from_date: '2025-01-21',
  },
  today_step: "Today's monitoring check: look at yesterday's sends, holds and unsubscribes.",
};

export const MAPPING: MappingView = {
  moments: [
    {
      key: 'first_purchase',
      title: 'First purchase',
      customers: 1204,
      revenue: { minor: 7_215_000, currency: 'EUR' },
      share: 0.42,
      detail: '1,204 people ordered for the first time in the last year.',
      trigger: 'A shopper leaves a cart at checkout.',
      decision: 'Who gets a reminder, and who gets a discount.',
      gut_feel: 'Whether to offer a discount.',
      playbooks: ['abandoned-cart', 'browse-abandonment'],
      signals_30d: 310,
    },
    {
      key: 'second_purchase',
      title: 'Second purchase',
      customers: 412,
      revenue: { minor: 3_120_000, currency: 'EUR' },
      share: 0.18,
      detail: '412 customers came back for a second order in the last year.',
      trigger: 'A first order is delivered.',
      decision: 'What to tell a new customer.',
      gut_feel: 'When to ask for the second order.',
      playbooks: ['post-purchase'],
      signals_30d: 88,
    },
    {
      key: 'win_back',
      title: 'Win-back',
      customers: 97,
      revenue: { minor: 910_000, currency: 'EUR' },
      share: 0.05,
      detail: '97 customers came back after 120 days or more away.',
      trigger: "A customer's chance of ordering again drops.",
      decision: 'Who is worth writing to.',
      gut_feel: 'Who has really gone.',
      playbooks: ['win-back'],
      signals_30d: 530,
    },
  ],
  map: null,
  flow: null,
};

export const CHECKLIST: WorkflowChecklist = {
  slug: 'abandoned-cart',
  version: 2,
  items: [
    {
      key: 'outcome',
      title: 'What outcome',
      question: 'What should it change, and how will you know?',
      passed: true,
      evidence: ['Judged by profit per person'],
      missing: [],
    },
    {
      key: 'risk',
      title: 'Risk',
      question: 'What can go wrong, and who has read it?',
      passed: false,
      evidence: [],
      missing: ['Read the risks of version 2 and acknowledge them.'],
    },
    {
      key: 'feedback',
      title: 'Feedback',
      question: 'Is there a group held back?',
      passed: false,
      evidence: ['10% held back'],
      missing: ['Run a dry run of version 2.'],
    },
  ],
  passed: false,
  risks: ['It gives 10% off to price-sensitive customers.', 'It emails people who left a cart an hour ago.'],
  risks_acknowledged: null,
  last_override: null,
};

export const CHECKLIST_PASSED: WorkflowChecklist = {
  ...CHECKLIST,
  items: CHECKLIST.items.map((i) => ({ ...i, passed: true, missing: [] })),
  passed: true,
  risks_acknowledged: { by: 'Sam Rivera', at: '2026-11-25T12:00:00Z', note: 'version 2' },
};

export const QA_WALK: QaWalk = {
  slug: 'abandoned-cart',
  version: 2,
  at: '2024-12-18T10:00:00Z',
  passed: false,
  cases: [
    {
      key: 'normal',
      title: 'A customer who leaves a cart',
      expected: 'Gets the reminder after an hour.',
      steps: [
        { after: 'after 1 hour', step: 'reminder', decision: 'sent', reason: 'passed every guardrail' },
      ],
      outcome: 'Got “Still thinking it over?” after 1 hour.',
      passed: true,
    },
    {
      key: 'no_consent',
      title: 'A customer without marketing consent',
      expected: 'Gets nothing.',
      steps: [{ after: 'at once', step: null, decision: 'held', reason: 'no marketing consent' }],
      outcome: 'Got an email anyway.',
      passed: false,
    },
  ],
};

export const QA_STATE: QaState = {
  slug: 'abandoned-cart',
  version: 2,
  emails: ['reminder', 'offer-email'],
  walk: null,
  tests_to: null,
  tests_at: null,
  previewed: [],
};
