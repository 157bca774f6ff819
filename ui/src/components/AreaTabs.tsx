// The pages of one area as tabs under the area's heading (Data & audit, Flows). They are links, so
// each page has its own address.

import { hashFor } from '../areas';
import type { AreaId } from '../areas';
import type { Navigate } from '../useHashRoute';

export interface AreaTab {
  id: string;
  label: string;
  /** The page's path inside the area: [] for the area's first page. */
  path: readonly string[];
}

export interface AreaTabsProps {
  area: AreaId;
  tabs: readonly AreaTab[];
  /** The id of the page shown. */
  current: string;
  /** The tabs' name for screen readers, e.g. "Flows pages". */
  label: string;
  /** Each tab's test id is this followed by the tab's id. */
  testIdPrefix: string;
  navigate: Navigate;
}

export function AreaTabs({ area, tabs, current, label, testIdPrefix, navigate }: AreaTabsProps) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <a
          key={t.id}
          className="tabs__tab"
          href={hashFor(area, ...t.path)}
          aria-current={t.id === current ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate(area, ...t.path);
          }}
          data-testid={`${testIdPrefix}${t.id}`}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
