// Reasons and how often each came up ("no marketing consent: 312"), most frequent first, with a
// bar for the share of the total so the big ones stand out. Says "none" plainly when empty.

import type { ReasonCount } from '../gen/api';
import { defaultLocale, formatCount } from '../format';

export interface ReasonListProps {
  reasons: ReasonCount[];
  /** What to say when there are none, e.g. "Nothing was held." */
  empty: string;
  /** Turns a reason code into words (the decisions of live counts); reasons in words stay. */
  words?: (reason: string) => string;
  testId: string;
  locale?: string;
}

export function ReasonList({ reasons, empty, words, testId, locale = defaultLocale() }: ReasonListProps) {
  if (reasons.length === 0) {
    return (
      <p className="muted small" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  }
  const sorted = [...reasons].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const max = Math.max(1, ...sorted.map((r) => r.count));
  return (
    <ul className="reason-list" data-testid={testId}>
      {sorted.map((r) => (
        <li key={r.reason} className="reason-list__row" data-reason={r.reason} data-count={r.count}>
          <span className="reason-list__label">{words ? words(r.reason) : r.reason}</span>
          <span className="reason-list__count num">{formatCount(r.count, locale)}</span>
          <span className="reason-list__bar" aria-hidden="true">
            <span className="reason-list__fill" style={{ width: `${(r.count / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
