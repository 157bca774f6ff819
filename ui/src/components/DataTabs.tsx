// The two pages of the Data & audit area — imports with the data audit, and model health — as
// tabs under the area's heading. They are links, so each page has its own address.

import { hashFor } from '../areas';
import type { Navigate } from '../useHashRoute';

const TABS = [
  { id: 'audit', label: 'Imports & audit', path: [] as string[] },
  { id: 'health', label: 'Model health', path: ['health'] },
] as const;

export type DataTab = (typeof TABS)[number]['id'];

export function DataTabs({ current, navigate }: { current: DataTab; navigate: Navigate }) {
  return (
    <nav className="tabs" aria-label="Data & audit pages">
      {TABS.map((t) => (
        <a
          key={t.id}
          className="tabs__tab"
          href={hashFor('data', ...t.path)}
          aria-current={t.id === current ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate('data', ...t.path);
          }}
          data-testid={`data-tab-${t.id}`}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
