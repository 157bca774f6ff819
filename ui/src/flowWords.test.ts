// The words for flows: statuses, decisions (holdout rows marked as such) and kinds of step.

import { describe, expect, it } from 'vitest';
import { decisionLabel, decisionWords, flowStatusWords, kindWords } from './flowWords';

describe('flowStatusWords', () => {
  it.each<[string, number, string, string]>([
    ['draft', 0, 'Draft', 'neutral'],
    ['dry_run', 0, 'Dry run', 'accent'],
    ['live', 25, 'Live 25%', 'success'],
    ['paused', 25, 'Paused', 'warning'],
    ['killed', 0, 'Stopped', 'danger'],
    ['retired_later', 0, 'Retired later', 'neutral'],
  ])('%s at %s%% is “%s”', (status, live_percent, label, tone) => {
    expect(flowStatusWords({ status, live_percent })).toMatchObject({ label, tone });
  });
});

describe('decision words', () => {
  it('names every decision the filter offers, and unknown ones in plain letters', () => {
    expect(decisionWords('not_entered').label).toBe('Turned away at entry');
    expect(decisionWords('brand_new_thing').label).toBe('Brand new thing');
  });

  it('marks holdout rows as held back on purpose', () => {
    expect(decisionLabel({ decision: 'would_send', holdout: true }).label).toBe('holdout (would have sent)');
    expect(decisionLabel({ decision: 'sent', holdout: true }).label).toBe('holdout (would have sent)');
    expect(decisionLabel({ decision: 'would_offer', holdout: true }).label).toBe('holdout (would have offered)');
    expect(decisionLabel({ decision: 'entered', holdout: true }).label).toBe('Entered · holdout');
    expect(decisionLabel({ decision: 'held', holdout: false }).label).toBe('Held');
  });

  it('names kinds of step', () => {
    expect(kindWords('wait_event')).toBe('Wait for something');
    expect(kindWords('exit')).toBe('End');
    expect(kindWords('new_kind')).toBe('New kind');
  });
});
