// The owner's words for the 14-day rollout and the workflow map: a step's state, its days and
// dates, where a check's "Go there" leads, the playbooks' names, and when the rollout panel shows
// above the areas. Every number and date comes from the core; this only words them.

import { routeFromHash } from './areas';
import type { Route } from './areas';
import type { Tone } from './customerWords';
import { defaultLocale, formatDayWithWeekday } from './format';
import type { Rollout, RolloutStep } from './gen/api';

/** How many days the rollout plan takes (the core's plan; the monitoring week follows it). */
export const ROLLOUT_DAYS = 14;

export interface StateWords {
  label: string;
  tone: Tone;
}

const STEP_STATES: Record<string, StateWords> = {
  done: { label: 'Done', tone: 'success' },
  today: { label: 'Today', tone: 'accent' },
  late: { label: 'Behind — still to do', tone: 'warning' },
  upcoming: { label: 'Coming up', tone: 'neutral' },
};

/** "Done", "Today", "Behind — still to do", "Coming up"; a state this screen does not know, as it is. */
export function stepStateWords(state: string): StateWords {
  return STEP_STATES[state] ?? { label: state, tone: 'neutral' };
}

const MONITOR_STATES: Record<string, StateWords> = {
  done: { label: 'Gone through', tone: 'success' },
  today: { label: 'Today', tone: 'accent' },
  late: { label: 'Not gone through', tone: 'warning' },
  upcoming: { label: 'Coming up', tone: 'neutral' },
};

/** A monitoring day's state in words. */
export function monitorStateWords(state: string): StateWords {
  return MONITOR_STATES[state] ?? { label: state, tone: 'neutral' };
}

/** "Day 3–4 · Tue, Dec 10 – Wed, Dec 11" (one day: "Day 5 · Thu, Dec 12"); no dates before the rollout starts. */
export function stepDaysWords(
  step: Pick<RolloutStep, 'first_day' | 'last_day' | 'first_date' | 'last_date'>,
  locale = defaultLocale(),
): string {
  const days = step.last_day > step.first_day ? `Day ${step.first_day}–${step.last_day}` : `Day ${step.first_day}`;
  if (step.first_date === '') return days;
  const from = formatDayWithWeekday(step.first_date, locale);
  const dates =
    step.last_date !== '' && step.last_date !== step.first_date
      ? `${from} – ${formatDayWithWeekday(step.last_date, locale)}`
      : from;
  return `${days} · ${dates}`;
}

/** "Day 3 of 14"; past the plan, what the days are for now. */
export function rolloutDayWords(r: Pick<Rollout, 'day' | 'launched'>): string {
  if (r.day <= ROLLOUT_DAYS) return `Day ${r.day} of ${ROLLOUT_DAYS}`;
  return r.launched ? `Day ${r.day}: the first weeks live` : `Day ${r.day}: past the ${ROLLOUT_DAYS} days — finish at your pace`;
}

/** The page a check's `place` ("#/flows/abandoned-cart") names; null for anything that is not a route here. */
export function placeRoute(place: string | null): Route | null {
  if (place === null || !place.startsWith('#/')) return null;
  const route = routeFromHash(place);
  // routeFromHash sends anything unknown Home: only trust it when the hash really says home.
  if (route.area === 'home' && !/^#\/home(\/|$)/.test(place)) return null;
  return route;
}

/** The playbooks a first flow can start from, by their slugs. */
export const PLAYBOOK_NAMES: Record<string, string> = {
  'abandoned-cart': 'Abandoned cart',
  'browse-abandonment': 'Browse abandonment',
  'post-purchase': 'Post-purchase education',
  'win-back': 'Win-back',
};

/** A playbook's name; one this screen does not know, as its slug. */
export function playbookName(slug: string): string {
  return PLAYBOOK_NAMES[slug] ?? slug;
}

/** Whether a day of the monitoring week is today or still ahead. */
function inMonitoringWeek(r: Pick<Rollout, 'launched' | 'monitoring' | 'today'>): boolean {
  return r.launched && r.monitoring.some((d) => d.date >= r.today);
}

/**
 * Whether the rollout panel shows above the areas: until the first flow is live (or while a started
 * rollout has not launched its flow), and through the monitoring week after launch.
 */
export function showRolloutBanner(
  r: Pick<Rollout, 'launched' | 'any_flow_live' | 'started_on' | 'monitoring' | 'today'>,
): boolean {
  if (!r.launched && (!r.any_flow_live || r.started_on !== null)) return true;
  return r.started_on !== null && inMonitoringWeek(r);
}

/** The panel's line: what today asks for, or that nothing does. */
export function todayLine(r: Pick<Rollout, 'today_step' | 'started_on' | 'launched' | 'flow_name' | 'live_percent'>): string {
  if (r.today_step !== null && r.today_step.trim() !== '') return r.today_step;
  if (r.launched && r.flow_name !== null) {
    return `“${r.flow_name}” is live for ${r.live_percent}% of the customers it is for. Nothing more is due today.`;
  }
  if (r.started_on === null) return 'The 14-day rollout takes you from a map of your store to a first live flow.';
  return 'Nothing is due today.';
}
