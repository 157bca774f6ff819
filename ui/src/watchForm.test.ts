import { describe, expect, it } from 'vitest';
import type { FlowWatch } from './gen/api';
import {
  FAILURE_METRICS,
  SUCCESS_METRICS,
  metricLabel,
  percentFromShare,
  sameWatch,
  shareFromPercent,
  takesThreshold,
  watchDraft,
  watchFrom,
} from './watchForm';
import { WATCH } from './test/measureFixtures';

describe('the limit as a percent', () => {
  it.each<[string, number]>([
    ['0.5', 0.005],
    ['0,5', 0.005],
    [' 1.1 % ', 0.011],
    ['.3', 0.003],
    ['2', 0.02],
    ['150', 1.5],
  ])('“%s” is the share %s', (text, share) => {
    expect(shareFromPercent(text)).toBe(share);
  });

  it.each(['', 'half', '0.5.1', '%'])('“%s” is not a number', (text) => {
    expect(shareFromPercent(text)).toBeNaN();
  });

  it.each<[number, string]>([
    [0.005, '0.5'],
    [0.003, '0.3'],
    [0.011, '1.1'],
    [0.07, '7'],
  ])('the share %s is typed as %s', (share, text) => {
    expect(percentFromShare(share)).toBe(text);
  });
});

describe('the watch the form makes', () => {
  it('turns the typed percent into the share the core keeps', () => {
    const draft = { ...watchDraft(WATCH), percent: '0.8', pause_on_failure: true };
    expect(watchFrom(draft, WATCH)).toEqual({
      watch: { ...WATCH, failure_threshold: 0.008, pause_on_failure: true },
    });
  });

  it('says so when the limit is not a number', () => {
    expect(watchFrom({ ...watchDraft(WATCH), percent: 'a lot' }, WATCH)).toEqual({
      error: 'Type the limit as a percent, such as 0.5.',
    });
  });

  it('keeps the saved limit for “loses money”, which has none', () => {
    const draft = { ...watchDraft(WATCH), failure_metric: 'margin_loss', percent: 'ignored' };
    expect(takesThreshold('margin_loss')).toBe(false);
    expect(watchFrom(draft, WATCH)).toEqual({ watch: { ...WATCH, failure_metric: 'margin_loss', failure_threshold: 0.005 } });
  });

  it('sends a limit the core may refuse as typed, for the core to say why', () => {
    expect(watchFrom({ ...watchDraft(WATCH), percent: '0' }, WATCH)).toEqual({ watch: { ...WATCH, failure_threshold: 0 } });
  });

  it('knows when nothing changed', () => {
    const same = watchFrom(watchDraft(WATCH), WATCH);
    expect('watch' in same && sameWatch(same.watch, WATCH)).toBe(true);
    const other: FlowWatch = { ...WATCH, pause_on_failure: true };
    expect(sameWatch(other, WATCH)).toBe(false);
  });
});

describe('the metrics', () => {
  it('are the ones the core measures, in the owner’s words', () => {
    expect(SUCCESS_METRICS.map((m) => m.id)).toEqual(['margin_per_recipient', 'revenue_per_recipient', 'conversion']);
    expect(FAILURE_METRICS.map((m) => m.id)).toEqual([
      'unsubscribe_rate',
      'complaint_rate',
      'return_rate',
      'discount_rate',
      'margin_loss',
    ]);
    expect(metricLabel('revenue_per_recipient')).toBe('Revenue per person');
    expect(metricLabel('something_new')).toBe('something_new');
  });
});
