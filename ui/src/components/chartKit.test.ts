import { describe, expect, it } from 'vitest';
import { bandLayout, bandPath, extent, linePath, niceStep, niceTicks, scaleY } from './chartKit';

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

describe('bandLayout', () => {
  const margin = { top: 10, right: 10, bottom: 20, left: 30 };

  it('cuts the plot into equal bands and puts the lowest tick at the bottom', () => {
    const layout = bandLayout({ width: 440, height: 130, margin, count: 4, ticks: [0, 5, 10] });
    expect([layout.plotW, layout.plotH, layout.band]).toEqual([400, 100, 100]);
    expect([0, 1, 3].map(layout.left)).toEqual([30, 130, 330]);
    expect([0, 5, 10].map(layout.y)).toEqual([110, 60, 10]);
  });

  it('puts zero inside the plot when the ticks go below it', () => {
    const layout = bandLayout({ width: 440, height: 130, margin, count: 4, ticks: [-0.2, 0, 0.2] });
    expect([-0.2, 0, 0.2].map(layout.y)).toEqual([110, 60, 10]);
  });

  it('keeps a small box at the least plot width', () => {
    expect(bandLayout({ width: 50, height: 130, margin, count: 2, ticks: [0, 1] }).plotW).toBe(100);
    expect(bandLayout({ width: 50, height: 130, margin, count: 2, ticks: [0, 1], minPlotWidth: 80 }).plotW).toBe(80);
  });

  it('labels bands far enough apart, always the last one', () => {
    // 10 bands of 40 px with labels at least 100 px apart: every third, counted back from the last.
    const layout = bandLayout({ width: 440, height: 130, margin, count: 10, ticks: [0, 1], labelGap: 100 });
    expect(layout.labelEvery).toBe(3);
    expect([...Array(10).keys()].filter(layout.labelled)).toEqual([0, 3, 6, 9]);
  });
});

describe('scaleY', () => {
  it('puts the lowest tick at the plot’s bottom and the highest at its top', () => {
    const y = scaleY([-2, 0, 2, 4], 20, 120);
    expect([4, 2, 0, -2].map(y)).toEqual([20, 60, 100, 140]);
  });

  it('stays finite when every tick is the same', () => {
    expect(scaleY([0, 0], 10, 50)(0)).toBe(10);
    expect(scaleY([0, 0], 10, 50)(-1)).toBe(60);
  });
});

describe('extent', () => {
  it('spans every finite value of every series, skipping missing ones', () => {
    expect(extent([[1, null, 5], [-2, Number.NaN], [null]])).toEqual([-2, 5]);
  });

  it('is zero to zero with nothing to show', () => {
    expect(extent([[null, null], []])).toEqual([0, 0]);
  });
});

describe('linePath', () => {
  const x = (i: number) => 10 + i * 20;
  const y = (v: number) => 100 - v * 10;

  it('draws one line through the values', () => {
    expect(linePath([1, 2.5, 4], x, y)).toBe('M10,90 L30,75 L50,60');
  });

  it('lifts the pen over a missing value instead of drawing a slope through it', () => {
    expect(linePath([null, 1, 2, null, 3], x, y)).toBe('M30,90 L50,80 M90,70');
  });

  it('rounds to hundredths of a pixel', () => {
    expect(linePath([1 / 3], (i) => i + 1 / 3, (v) => v)).toBe('M0.33,0.33');
  });
});

describe('bandPath', () => {
  const x = (i: number) => i * 10;
  const y = (v: number) => -v;

  it('closes the area along the highs and back along the lows', () => {
    expect(bandPath([1, 2], [3, 5], x, y)).toBe('M0,-3 L10,-5 L10,-2 L0,-1 Z');
  });

  it('makes one shape per run of weeks that have a range', () => {
    expect(bandPath([null, 1, null, 2], [null, 3, null, 4], x, y)).toBe('M10,-3 L10,-1 Z M30,-4 L30,-2 Z');
  });

  it('draws nothing without a range', () => {
    expect(bandPath([null], [null], x, y)).toBe('');
  });
});
