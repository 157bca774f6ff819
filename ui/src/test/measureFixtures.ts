// Plausible core answers for the Measurement area's tests (test-only; never imported by the app):
// a flow that clearly earns more, one with no clear difference, one without enough data yet, and
// one nobody has entered.

import type { FlowMeasurement, GroupRates, LiftReport } from '../gen/api';

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
    },
  ],
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
      'Not enough data yet: about 1240 more recipients in each group are needed to tell a 10% lift from noise.',
  }),
  segments: [],
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
  notes: ['Nobody has entered this flow yet: launch it, and results appear as customers go through it.'],
};

export const MEASUREMENTS: FlowMeasurement[] = [CART_M, BROWSE_M, WINBACK_M, POST_M];
