import { describe, expect, it } from 'vitest';
import {
  formatExpectedOrders,
  ruleValueFromInput,
  ruleWords,
} from './customerWords';
import { RULE_FIELDS, SEGMENTS } from './test/fixtures';

const en = 'en-US';

describe('formatExpectedOrders', () => {
  it.each<[number, number | null, number | null, string]>([
    [412.4, 380.2, 445.3, 'about 412 orders (likely 380–445)'],
    [1.42, 0.91, 2.08, 'about 1.4 orders (likely 0.9–2.1)'],
    [1.02, 0.5, 1.6, 'about 1 order (likely 0.5–1.6)'],
    [3.3, null, null, 'about 3.3 orders'],
  ])('%s with %s–%s is "%s"', (mid, low, high, expected) => {
    expect(formatExpectedOrders(mid, low, high, en)).toBe(expected);
  });
});

describe('rule values', () => {
  it.each<[string, string, string | null]>([
    ['share', '50', '0.5'],
    ['share', '12,5', '0.125'],
    ['money', '100', '100'],
    ['days', '30', '30'],
    ['number', '', null],
    ['number', 'many', null],
    ['choice', 'at_risk', 'at_risk'],
  ])('a %s typed as "%s" is sent as %j', (kind, input, value) => {
    expect(ruleValueFromInput(kind, input)).toBe(value);
  });

  it.each<[string, string, string, string]>([
    ['churn_risk', 'ge', '0.5', 'Churn risk is at least 50%'],
    ['clv', 'lt', '100', 'Lifetime value (12 months) is less than €100.00'],
    ['days_since_last_order', 'gt', '90', 'Days since last order is more than 90 days'],
    ['status', 'ne', 'lapsed', 'Status is not Lapsed'],
    ['consent', 'eq', 'not_asked', 'Email consent is Never asked'],
    ['segment', 'eq', 'a', 'Built-in group is Customers who usually pay full price'],
  ])('%s %s %s reads "%s"', (field, op, value, expected) => {
    expect(ruleWords({ field, op: op as never, value }, RULE_FIELDS, SEGMENTS, 'EUR', en)).toBe(expected);
  });
});
