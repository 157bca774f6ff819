// The rollout's words: step states, days and dates, where a check leads, and when the rollout
// panel shows above the areas.

import { describe, expect, it } from 'vitest';
import {
  placeRoute,
  playbookName,
  rolloutDayWords,
  showRolloutBanner,
  stepDaysWords,
  stepStateWords,
  todayLine,
} from './rolloutWords';
import { ROLLOUT_DAY3, ROLLOUT_LIVE, ROLLOUT_NEW } from './test/rolloutFixtures';

const en = 'en-US';

describe('stepStateWords', () => {
  it.each([
    ['done', 'Done'],
    ['today', 'Today'],
    ['late', 'Behind — still to do'],
    ['upcoming', 'Coming up'],
    ['someday', 'someday'],
  ])('%s is “%s”', (state, label) => {
    expect(stepStateWords(state).label).toBe(label);
  });
});

describe('stepDaysWords', () => {
  it('names the days, and their dates once the rollout has started', () => {
    const step = { first_day: 3, last_day: 4, first_date: '2024-12-10', last_date: '2024-12-11' };
    expect(stepDaysWords(step, en)).toBe('Day 3–4 · Tue, Dec 10 – Wed, Dec 11');
    expect(stepDaysWords({ ...step, last_day: 3, last_date: '2024-12-10' }, en)).toBe('Day 3 · Tue, Dec 10');
    expect(stepDaysWords({ ...step, first_date: '', last_date: '' }, en)).toBe('Day 3–4');
  });
});

describe('rolloutDayWords', () => {
  it('counts the 14 days, then says what the days are for', () => {
    expect(rolloutDayWords({ day: 3, launched: false })).toBe('Day 3 of 14');
    expect(rolloutDayWords({ day: 14, launched: true })).toBe('Day 14 of 14');
    expect(rolloutDayWords({ day: 16, launched: true })).toBe('Day 16: the first weeks live');
    expect(rolloutDayWords({ day: 16, launched: false })).toContain('past the 14 days');
  });
});

describe('placeRoute', () => {
  it('reads the app’s own routes only', () => {
    expect(placeRoute('#/flows/abandoned-cart/edit')).toEqual({ area: 'flows', path: ['abandoned-cart', 'edit'] });
    expect(placeRoute('#/data')).toEqual({ area: 'data', path: [] });
    expect(placeRoute('#/home/map')).toEqual({ area: 'home', path: ['map'] });
    expect(placeRoute('#/nowhere')).toBeNull();
    expect(placeRoute('https://example.com')).toBeNull();
    expect(placeRoute(null)).toBeNull();
  });
});

describe('playbookName', () => {
  it('names the playbooks, and shows an unknown one as it is', () => {
    expect(playbookName('post-purchase')).toBe('Post-purchase education');
    expect(playbookName('birthday')).toBe('birthday');
  });
});

describe('showRolloutBanner', () => {
  it('shows until the first flow is live', () => {
    expect(showRolloutBanner(ROLLOUT_NEW)).toBe(true);
    expect(showRolloutBanner({ ...ROLLOUT_NEW, any_flow_live: true })).toBe(false);
  });

  it('shows while a started rollout has not launched, even with another flow live', () => {
    expect(showRolloutBanner({ ...ROLLOUT_DAY3, any_flow_live: true })).toBe(true);
  });

  it('shows through the monitoring week, then steps aside', () => {
    expect(showRolloutBanner(ROLLOUT_LIVE)).toBe(true);
    expect(showRolloutBanner({ ...ROLLOUT_LIVE, today: '2024-12-30' })).toBe(false);
  });
});

describe('todayLine', () => {
  it('is the core’s line, or says nothing is due', () => {
    expect(todayLine(ROLLOUT_DAY3)).toBe(ROLLOUT_DAY3.today_step);
    expect(todayLine({ ...ROLLOUT_LIVE, today_step: null })).toBe(
      '“Abandoned cart, by intent” is live for 20% of the customers it is for. Nothing more is due today.',
    );
    expect(todayLine({ ...ROLLOUT_DAY3, today_step: null })).toBe('Nothing is due today.');
  });
});
