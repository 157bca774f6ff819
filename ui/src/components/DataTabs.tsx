// The two pages of the Data & audit area — imports with the data audit, and model health — as
// tabs under the area's heading. They are links, so each page has its own address.

import type { Navigate } from '../useHashRoute';
import { AreaTabs } from './AreaTabs';

const TABS = [
  { id: 'audit', label: 'Imports & audit', path: [] as string[] },
  { id: 'health', label: 'Model health', path: ['health'] },
] as const;

export type DataTab = (typeof TABS)[number]['id'];

export function DataTabs({ current, navigate }: { current: DataTab; navigate: Navigate }) {
  return (
    <AreaTabs area="data" tabs={TABS} current={current} label="Data & audit pages" testIdPrefix="data-tab-" navigate={navigate} />
  );
}
