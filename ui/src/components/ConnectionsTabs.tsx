// The pages of the Connections area — how email leaves this computer, and the store platform
// that keeps customers, orders and products up to date — as tabs under each page's heading.
// They are links, so each page has its own address.

import type { Navigate } from '../useHashRoute';
import { AreaTabs } from './AreaTabs';

const TABS = [
  { id: 'email', label: 'Email sending', path: [] as string[] },
  { id: 'stores', label: 'Your store', path: ['stores'] },
] as const;

export type ConnectionsTab = (typeof TABS)[number]['id'];

export function ConnectionsTabs({ current, navigate }: { current: ConnectionsTab; navigate: Navigate }) {
  return (
    <AreaTabs
      area="connections"
      tabs={TABS}
      current={current}
      label="Connections pages"
      testIdPrefix="connections-tab-"
      navigate={navigate}
    />
  );
}
