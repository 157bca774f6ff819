import { describe, expect, it } from 'vitest';
import { niceStep } from './RevenueChart';

describe('niceStep', () => {
  it.each<[number, number]>([
    [55_300.99, 20_000],
    [100, 25],
    [9, 2.5],
    [1, 0.25],
    [0, 1],
    [-5, 1],
  ])('for a maximum of %s is %s', (max, step) => {
    expect(niceStep(max)).toBe(step);
  });
});
