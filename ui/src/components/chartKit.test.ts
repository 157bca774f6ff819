import { describe, expect, it } from 'vitest';
import { niceStep, niceTicks } from './chartKit';

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

describe('niceTicks', () => {
  it.each<[number, number, boolean, number[]]>([
    [0, 9, false, [0, 2.5, 5, 7.5, 10]],
    [0, 9, true, [0, 3, 6, 9]],
    [0, 0, true, [0, 1]],
    [0, 0.62, false, [0, 0.2, 0.4, 0.6, 0.8]],
    [-0.31, 0.12, false, [-0.4, -0.2, 0, 0.2]],
    [0, 1, true, [0, 1]],
  ])('from %s to %s (whole: %s) is %j', (min, max, whole, ticks) => {
    expect(niceTicks(min, max, 4, whole)).toEqual(ticks);
  });
});
