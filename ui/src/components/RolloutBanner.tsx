// The rollout panel above the areas (shared/UX.md): while the first flow is not live yet, or in the
// week after it went live, one line saying what today asks for and a way to the 14-day wizard.
// Read again on every change of page, so a step done elsewhere shows here at once. When the
// rollout cannot be read, the panel steps aside: the wizard's own page says why.

import { useEffect, useState } from 'react';
import { rollout } from '../api';
import type { Rollout } from '../api';
import { rolloutDayWords, showRolloutBanner, todayLine } from '../rolloutWords';
import type { Navigate } from '../useHashRoute';
import { AreaLink } from './AreaLink';

export interface RolloutBannerProps {
  /** The page shown ("flows/abandoned-cart"): the rollout is read again when it changes. */
  page: string;
  navigate: Navigate;
}

export function RolloutBanner({ page, navigate }: RolloutBannerProps) {
  const [shown, setShown] = useState<Rollout | null>(null);

  useEffect(() => {
    let live = true;
    rollout()
      .then((r) => {
        if (live) setShown(r);
      })
      .catch(() => {
        if (live) setShown(null);
      });
    return () => {
      live = false;
    };
  }, [page]);

  if (shown === null || !showRolloutBanner(shown)) return null;

  return (
    <aside className="banner rollout-banner" aria-label="The 14-day rollout" data-testid="rollout-banner">
      <div className="rollout-banner__row">
        <p className="rollout-banner__text">
          <strong className="rollout-banner__day">
            {shown.started_on === null ? 'Your first flow' : `Rollout · ${rolloutDayWords(shown)}`}
          </strong>{' '}
          <span data-testid="rollout-banner-step">{todayLine(shown)}</span>
        </p>
        <AreaLink
          area="home"
          path={['rollout']}
          navigate={navigate}
          className="btn btn--sm"
          testId="rollout-banner-open"
        >
          Open the rollout
        </AreaLink>
      </div>
    </aside>
  );
}
