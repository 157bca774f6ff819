// Long work made visible: a progress bar fed by the core's `progress` events, with the counts and
// a time estimate once there is enough to go on.

import { useRef } from 'react';
import type { Progress } from '../gen/api';
import { defaultLocale, formatCount } from '../format';
import { ProgressBar } from './ProgressBar';

export interface WorkProgressProps {
  progress: Progress | null;
  /** The bar's accessible name, e.g. "Scoring your customers". */
  label: string;
  /** Shown before the first event. */
  starting?: string;
  /** data-testid of the status line. */
  statusId?: string;
}

export function WorkProgress({ progress, label, starting = 'Starting…', statusId = 'work-status' }: WorkProgressProps) {
  const started = useRef<{ at: number; done: number } | null>(null);
  const locale = defaultLocale();

  if (progress && started.current === null) {
    started.current = { at: Date.now(), done: progress.done };
  }

  const share = progress && progress.total > 0 ? progress.done / progress.total : null;
  let estimate = '';
  if (progress && started.current && progress.total > 0) {
    const elapsed = (Date.now() - started.current.at) / 1000;
    const doneSince = progress.done - started.current.done;
    if (elapsed > 1 && doneSince > 0) {
      const left = ((progress.total - progress.done) * elapsed) / doneSince;
      if (left >= 2) estimate = `about ${Math.round(left)} seconds left`;
    }
  }

  return (
    <>
      <ProgressBar value={share} label={label} />
      <p className="setup__status muted num" aria-live="polite" data-testid={statusId}>
        {progress
          ? [
              progress.message,
              progress.total > 0
                ? `${formatCount(progress.done, locale)} of ${formatCount(progress.total, locale)}`
                : '',
              estimate,
            ]
              .filter((s) => s !== '')
              .join(' · ')
          : starting}
      </p>
    </>
  );
}
