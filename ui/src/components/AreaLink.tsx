// A link to a page of the window (an area, and a path inside it): a real href, so it can be opened,
// copied and read out as a link, that moves without reloading when clicked.

import type { ReactNode } from 'react';
import { hashFor } from '../areas';
import type { AreaId } from '../areas';
import type { Navigate } from '../useHashRoute';

export interface AreaLinkProps {
  area: AreaId;
  /** The page inside the area, e.g. [slug]; none for the area's own page. */
  path?: string[];
  navigate: Navigate;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function AreaLink({ area, path = [], navigate, className, testId, children }: AreaLinkProps) {
  return (
    <a
      className={className}
      href={hashFor(area, ...path)}
      onClick={(e) => {
        e.preventDefault();
        navigate(area, ...path);
      }}
      data-testid={testId}
    >
      {children}
    </a>
  );
}
