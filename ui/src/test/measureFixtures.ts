// Plausible core answers for the Measurement area's tests (test-only; never imported by the app):
// a flow that clearly earns more (with six weeks, an A/B test and last click), one with no clear
// difference, one without enough data yet, and one nobody has entered; the week's digest, the
// planted truth of played demo history, and what a flow is judged by.

import type {
  DemoFlowHistory,
  FlowMeasurement,
  FlowWatch,
  GroupRates,
  LiftReport,
  WeekPoint,
  WeeklyDigest,
} from '../gen/api';

const eur = (minor: number) => ({ minor, currency: 'EUR' });

function rates(recipients: number, over: Partial<GroupRates> = {}): GroupRates {
  return {
    recipients,
    conversion_rate: 0.1,
    discount_rate: 0.2,
    discount_cost: eur(0),
    return_rate: 0.04,
    revenue: eur(0),
    ...over,
  };
}

function lift(metric: string, over: Partial<LiftReport>): LiftReport {
  return {
    metric,
    holdout: { recipients: 121, mean: 4.1 },
    treatment: { recipients: 1083, mean: 5.53 },
    absolute: { estimate: 1.43, low: 0.31, high: 2.55, p_value: 0.012 },
    relative: { estimate: 0.35, low: 0.08, high: 0.62, p_value: 0.012 },
    cuped: null,
    significant: true,
    enough_data: true,
    more_recipients_needed: null,
    verdict: 'The flow adds EUR 1.43 per recipient (95% interval EUR 0.31 to EUR 2.55).',
    ...over,
  };
}

/** A lift with nobody in either group. */
function nobody(metric: string): LiftReport {
  return lift(metric, {
    holdout: { recipients: 0, mean: 0 },
    treatment: { recipients: 0, mean: 0 },
    absolute: null,
    relative: null,
    significant: false,
    enough_data: false,
    more_recipients_needed: 30,
    verdict: 'Not enough data yet: each group needs at least two recipients.',
  });
}

function week(
  week_start: string,
  [treatment_recipients, holdout_recipients]: [number, number],
  [treatment_margin_per_recipient, holdout_margin_per_recipient]: [number, number],
  [treatment_revenue_per_recipient, holdout_revenue_per_recipient]: [number, number],
  discount_spend: number,
  [emails_sent, unsubscribes]: [number, number],
  cumulative_margin: WeekPoint['cumulative_margin'],
): WeekPoint {
  return {
    week_start,
    treatment_recipients,
    holdout_recipients,
    treatment_revenue_per_recipient,
    holdout_revenue_per_recipient,
    treatment_margin_per_recipient,
    holdout_margin_per_recipient,
    discount_spend,
    emails_sent,
    unsubscribes,
    cumulative_margin,
  };
}

/**
 * The cart flow's six weeks: 1,083 emailed and 121 held back in all, €412.50 of discounts, 1,612
 * emails and 5 unsubscribes. Nobody was held back in the first week, so it has no holdout values
 * and no running interval yet; the running interval ends at the flow's own margin lift.
 */
export const CART_WEEKS: WeekPoint[] = [
  week('2026-08-03', [12, 0], [5.8, 0], [9.9, 0], 4.5, [18, 0], null),
  week('2026-08-10', [190, 22], [5.2, 4.1], [9.1, 6.6], 70, [280, 1], { estimate: 1.1, low: -1.9, high: 4.1, p_value: 0.47 }),
  week('2026-08-17', [215, 25], [5.6, 4.3], [9.6, 6.9], 82, [320, 1], { estimate: 1.3, low: -0.6, high: 3.2, p_value: 0.18 }),
  week('2026-08-24', [224, 24], [5.7, 3.9], [9.7, 6.5], 88.5, [335, 2], { estimate: 1.5, low: 0.05, high: 2.95, p_value: 0.043 }),
  week('2026-08-31', [230, 26], [5.4, 4.2], [9.3, 6.8], 90, [345, 0], { estimate: 1.4, low: 0.2, high: 2.6, p_value: 0.022 }),
  week('2026-09-07', [212, 24], [5.5, 4.0], [9.4, 6.7], 77.5, [314, 1], { estimate: 1.43, low: 0.31, high: 2.55, p_value: 0.012 }),
];

/** Clearly earns more: a significant positive margin lift. */
export const CART_M: FlowMeasurement = {
  slug: 'abandoned-cart',
  name: 'Abandoned cart, by intent',
  window_days: 5,
  currency: 'EUR',
  treatment: rates(1083, {
    conversion_rate: 0.148,
    discount_rate: 0.21,
    discount_cost: eur(41_250),
    return_rate: 0.052,
    revenue: eur(1_024_300),
  }),
  holdout: rates(121, {
    conversion_rate: 0.107,
    discount_rate: 0.15,
    discount_cost: eur(3_100),
    return_rate: 0.041,
    revenue: eur(81_210),
  }),
  conversion: lift('conversion', {
    holdout: { recipients: 121, mean: 0.107 },
    treatment: { recipients: 1083, mean: 0.148 },
    absolute: { estimate: 0.041, low: 0.002, high: 0.08, p_value: 0.03 },
    relative: { estimate: 0.38, low: 0.02, high: 0.74, p_value: 0.03 },
    verdict: 'The flow adds 4.1 points per recipient (95% interval 0.2 points to 8.0 points).',
  }),
  revenue: lift('revenue per recipient', {
    holdout: { recipients: 121, mean: 6.71 },
    treatment: { recipients: 1083, mean: 9.46 },
    absolute: { estimate: 2.75, low: -0.4, high: 5.9, p_value: 0.087 },
    relative: { estimate: 0.41, low: -0.06, high: 0.88, p_value: 0.087 },
    significant: false,
    verdict: 'No clear difference: per recipient the flow adds between EUR -0.40 and EUR 5.90 (95% interval).',
  }),
  margin: lift('margin per recipient', {}),
  emails_sent: 1612,
  unsubscribe_rate: 0.0031,
  complaint_rate: 0.0006,
  leakage_orders: 12,
  leakage_cost: eur(7_480),
  segments: [
    {
      segment: 'a',
      name: 'Usually pays full price (A)',
      margin: lift('margin per recipient', {
        holdout: { recipients: 48, mean: 6.2 },
        treatment: { recipients: 430, mean: 6.9 },
        absolute: { estimate: 0.7, low: -1.2, high: 2.6, p_value: 0.47 },
        significant: false,
        verdict: 'No clear difference: per recipient the flow adds between EUR -1.20 and EUR 2.60 (95% interval).',
      }),
      revenue: lift('revenue per recipient', {
        holdout: { recipients: 48, mean: 14.1 },
        treatment: { recipients: 430, mean: 15.3 },
        absolute: { estimate: 1.2, low: -2.9, high: 5.3, p_value: 0.56 },
        significant: false,
        verdict: 'No clear difference: per recipient the flow adds between EUR -2.90 and EUR 5.30 (95% interval).',
      }),
      conversion: lift('conversion', {
        holdout: { recipients: 48, mean: 0.31 },
        treatment: { recipients: 430, mean: 0.34 },
        absolute: { estimate: 0.03, low: -0.11, high: 0.17, p_value: 0.68 },
        significant: false,
        verdict: 'No clear difference: per recipient the flow adds between -11.0 points and 17.0 points (95% interval).',
      }),
    },
    {
      segment: 'b',
      name: 'Waits for a discount (B)',
      margin: lift('margin per recipient', {
        holdout: { recipients: 40, mean: 2.1 },
        treatment: { recipients: 380, mean: 4.3 },
        absolute: { estimate: 2.2, low: 0.4, high: 4.0, p_value: 0.018 },
        verdict: 'The flow adds EUR 2.20 per recipient (95% interval EUR 0.40 to EUR 4.00).',
      }),
      revenue: lift('revenue per recipient', {
        holdout: { recipients: 40, mean: 6.8 },
        treatment: { recipients: 380, mean: 10.9 },
        absolute: { estimate: 4.1, low: 0.9, high: 7.3, p_value: 0.012 },
        verdict: 'The flow adds EUR 4.10 per recipient (95% interval EUR 0.90 to EUR 7.30).',
      }),
      conversion: lift('conversion', {
        holdout: { recipients: 40, mean: 0.2 },
        treatment: { recipients: 380, mean: 0.29 },
        absolute: { estimate: 0.09, low: -0.04, high: 0.22, p_value: 0.19 },
        significant: false,
        verdict: 'No clear difference: per recipient the flow adds between -4.0 points and 22.0 points (95% interval).',
      }),
    },
  ],
  arms: [
    {
      arm: 'Reminder only',
      margin: lift('margin per recipient', {
        holdout: { recipients: 61, mean: 4.0 },
        treatment: { recipients: 540, mean: 5.9 },
        absolute: { estimate: 1.9, low: 0.35, high: 3.45, p_value: 0.017 },
        relative: { estimate: 0.48, low: 0.09, high: 0.86, p_value: 0.017 },
        verdict: 'The flow adds EUR 1.90 per recipient (95% interval EUR 0.35 to EUR 3.45).',
      }),
      revenue: lift('revenue per recipient', {
        holdout: { recipients: 61, mean: 6.6 },
        treatment: { recipients: 540, mean: 9.2 },
        absolute: { estimate: 2.6, low: -1.4, high: 6.6, p_value: 0.2 },
        significant: false,
        verdict: 'No clear difference: per recipient the flow adds between EUR -1.40 and EUR 6.60 (95% interval).',
      }),
    },
    {
      arm: 'Reminder + 10% off',
      margin: lift('margin per recipient', {
        holdout: { recipients: 60, mean: 4.2 },
        treatment: { recipients: 543, mean: 5.16 },
        absolute: { estimate: 0.96, low: -0.9, high: 2.82, p_value: 0.31 },
        relative: { estimate: 0.23, low: -0.21, high: 0.67, p_value: 0.31 },
        significant: false,
        enough_data: false,
        more_recipients_needed: 2600,
        verdict:
          'Not enough data yet: about 2600 more recipients (both groups together) are needed to tell a 10% lift from noise. At this flow\'s pace (about 150 new customers a week) that is about 18 more weeks.',
      }),
      revenue: lift('revenue per recipient', {
        holdout: { recipients: 60, mean: 6.8 },
        treatment: { recipients: 543, mean: 9.7 },
        absolute: { estimate: 2.9, low: -1.1, high: 6.9, p_value: 0.15 },
        significant: false,
        verdict: 'No clear difference: per recipient the flow adds between EUR -1.10 and EUR 6.90 (95% interval).',
      }),
    },
  ],
  weeks: CART_WEEKS,
  recipients_per_week: 151.4,
  last_click: {
    orders: 61,
    revenue: eur(612_400),
    incremental_revenue: { estimate: 2978.25, low: -433.2, high: 6389.7, p_value: 0.087 },
    explanation:
      'Last click credits the flow with EUR 6124.00 from 61 orders that came through its links, including orders that would have come anyway; the holdout says it added EUR 2978.25 (95% interval EUR -433.20 to EUR 6389.70).',
  },
  notes: [
    'Recipients are everyone who entered the flow: the 10% holdout went through the same decisions and was sent nothing.',
  ],
};

/** Enough people, but the interval crosses zero. */
export const BROWSE_M: FlowMeasurement = {
  ...CART_M,
  slug: 'browse-abandonment',
  name: 'Browse abandonment',
  treatment: rates(2210, { conversion_rate: 0.061 }),
  holdout: rates(246, { conversion_rate: 0.058 }),
  margin: lift('margin per recipient', {
    holdout: { recipients: 246, mean: 1.9 },
    treatment: { recipients: 2210, mean: 2.0 },
    absolute: { estimate: 0.1, low: -0.6, high: 0.8, p_value: 0.64 },
    relative: { estimate: 0.05, low: -0.3, high: 0.4, p_value: 0.64 },
    significant: false,
    verdict: 'No clear difference: per recipient the flow adds between EUR -0.60 and EUR 0.80 (95% interval).',
  }),
  leakage_orders: 0,
  leakage_cost: eur(0),
  segments: [],
  arms: [],
  weeks: [
    week('2026-08-24', [1080, 121], [2.1, 1.8], [3.9, 3.6], 0, [1080, 3], { estimate: 0.3, low: -0.7, high: 1.3, p_value: 0.55 }),
    week('2026-08-31', [1130, 125], [1.9, 2.0], [3.7, 3.8], 0, [1130, 2], { estimate: 0.1, low: -0.6, high: 0.8, p_value: 0.64 }),
  ],
  recipients_per_week: 1228,
  last_click: {
    orders: 140,
    revenue: eur(560_000),
    incremental_revenue: { estimate: 221, low: -1326, high: 1768, p_value: 0.64 },
    explanation:
      'Last click credits the flow with EUR 5600.00 from 140 orders that came through its links, including orders that would have come anyway; the holdout says it added EUR 221.00 (95% interval EUR -1326.00 to EUR 1768.00).',
  },
};

/** Too few people to tell yet. */
export const WINBACK_M: FlowMeasurement = {
  ...CART_M,
  slug: 'win-back',
  name: 'Win-back',
  window_days: 30,
  treatment: rates(88),
  holdout: rates(9),
  margin: lift('margin per recipient', {
    holdout: { recipients: 9, mean: 3.0 },
    treatment: { recipients: 88, mean: 5.0 },
    absolute: { estimate: 2.0, low: -3.1, high: 7.1, p_value: 0.41 },
    significant: false,
    enough_data: false,
    more_recipients_needed: 1240,
    verdict:
      "Not enough data yet: about 1240 more recipients (both groups together) are needed to tell a 10% lift from noise. At this flow's pace (about 24 new customers a week) that is about 52 more weeks.",
  }),
  segments: [],
  arms: [],
  weeks: [
    week('2026-08-24', [40, 4], [4.6, 2.9], [7.9, 5.1], 12, [40, 0], { estimate: 1.7, low: -4.4, high: 7.8, p_value: 0.56 }),
    week('2026-08-31', [48, 5], [5.3, 3.1], [8.8, 5.6], 16, [48, 0], { estimate: 2.0, low: -3.1, high: 7.1, p_value: 0.41 }),
  ],
  recipients_per_week: 24,
  last_click: {
    orders: 7,
    revenue: eur(41_300),
    incremental_revenue: { estimate: 220, low: -180, high: 620, p_value: 0.28 },
    explanation:
      'Last click credits the flow with EUR 413.00 from 7 orders that came through its links, including orders that would have come anyway; the holdout says it added EUR 220.00 (95% interval EUR -180.00 to EUR 620.00).',
  },
};

/** Nobody has entered it. */
export const POST_M: FlowMeasurement = {
  ...CART_M,
  slug: 'post-purchase',
  name: 'Post-purchase care',
  window_days: 30,
  treatment: rates(0, { conversion_rate: 0, discount_rate: 0, return_rate: 0 }),
  holdout: rates(0, { conversion_rate: 0, discount_rate: 0, return_rate: 0 }),
  conversion: nobody('conversion'),
  revenue: nobody('revenue per recipient'),
  margin: nobody('margin per recipient'),
  emails_sent: 0,
  unsubscribe_rate: 0,
  complaint_rate: 0,
  leakage_orders: 0,
  leakage_cost: eur(0),
  segments: [],
  arms: [],
  weeks: [],
  recipients_per_week: 0,
  last_click: {
    orders: 0,
    revenue: eur(0),
    incremental_revenue: null,
    explanation:
      'Last click credits the flow with EUR 0.00 from 0 orders that came through its links; what it added cannot be said until both groups have recipients.',
  },
  notes: ['Nobody has entered this flow yet: launch it, and results appear as customers go through it.'],
};

export const MEASUREMENTS: FlowMeasurement[] = [CART_M, BROWSE_M, WINBACK_M, POST_M];

/** The week of the four flows: the cart flow pays off, win-back is judged by revenue, one alert. */
export const DIGEST: WeeklyDigest = {
  from: '2026-09-07T09:00:00Z',
  to: '2026-09-14T09:00:00Z',
  currency: 'EUR',
  headline: 'This week 3 flows sent 1,708 emails to 1,402 new customers; 1 of them clearly pays off so far. 1 alert needs you.',
  flows: [
    {
      slug: 'abandoned-cart',
      name: 'Abandoned cart, by intent',
      status: 'live',
      new_recipients: 236,
      emails_sent: 314,
      unsubscribes: 1,
      success_metric: 'margin_per_recipient',
      success: CART_M.margin,
      incremental_margin: { estimate: 1548.69, low: 335.73, high: 2761.65, p_value: 0.012 },
    },
    {
      slug: 'browse-abandonment',
      name: 'Browse abandonment',
      status: 'paused',
      new_recipients: 1130,
      emails_sent: 1346,
      unsubscribes: 9,
      success_metric: 'margin_per_recipient',
      success: BROWSE_M.margin,
      incremental_margin: { estimate: 221, low: -1326, high: 1768, p_value: 0.64 },
    },
    {
      slug: 'win-back',
      name: 'Win-back',
      status: 'live',
      new_recipients: 36,
      emails_sent: 48,
      unsubscribes: 0,
      success_metric: 'revenue_per_recipient',
      success: {
        ...WINBACK_M.margin,
        metric: 'revenue per recipient',
        verdict: 'Not enough data yet: about 900 more recipients (both groups together) are needed to tell a 10% lift from noise.',
      },
      incremental_margin: { estimate: 176, low: -272.8, high: 624.8, p_value: 0.41 },
    },
  ],
  alerts: [
    {
      slug: 'browse-abandonment',
      name: 'Browse abandonment',
      metric: 'unsubscribe_rate',
      value: 0.0067,
      threshold: 0.005,
      at: '2026-09-12T06:00:00Z',
      paused: true,
      message:
        'Browse abandonment: the unsubscribe rate is 0.67%, past its limit of 0.50%. The flow is paused: look at it, then resume it on its page.',
    },
  ],
};

/** What playing 90 days on the demo store planted in each flow. */
export const PLAYED: DemoFlowHistory = {
  days: 90,
  from: '2026-06-16T09:00:00Z',
  to: '2026-09-14T09:00:00Z',
  flows: [
    {
      slug: 'abandoned-cart',
      name: 'Abandoned cart, by intent',
      emails_sent: 1612,
      persuaded_orders: 48,
      persuaded_margin: eur(135_700),
      treatment_recipients: 1083,
      true_margin_per_recipient: 1.2530009233610342,
    },
    {
      slug: 'browse-abandonment',
      name: 'Browse abandonment',
      emails_sent: 2210,
      persuaded_orders: 21,
      persuaded_margin: eur(33_150),
      treatment_recipients: 2210,
      true_margin_per_recipient: 0.15,
    },
    {
      slug: 'post-purchase',
      name: 'Post-purchase care',
      emails_sent: 0,
      persuaded_orders: 0,
      persuaded_margin: eur(0),
      treatment_recipients: 0,
      true_margin_per_recipient: 0,
    },
    {
      slug: 'win-back',
      name: 'Win-back',
      emails_sent: 88,
      persuaded_orders: 4,
      persuaded_margin: eur(17_600),
      treatment_recipients: 88,
      true_margin_per_recipient: 2,
    },
  ],
  last_click_orders: 208,
  unsubscribes: 11,
};

/** What a flow is judged by until the owner says otherwise (the core's defaults). */
export const WATCH: FlowWatch = {
  success_metric: 'margin_per_recipient',
  failure_metric: 'unsubscribe_rate',
  failure_threshold: 0.005,
  pause_on_failure: false,
};
