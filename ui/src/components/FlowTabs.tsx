// The Flows area's heading, and its pages — the flows, the guardrails they all follow, the audit
// trail of every decision, and follow-ups for a person — as tabs under it. They are links, so each
// page has its own address.

import type { ReactNode } from 'react';
import type { Navigate } from '../useHashRoute';
import { AreaTabs } from './AreaTabs';

const TABS = [
  { id: 'list', label: 'Flows', path: [] as string[] },
  { id: 'guardrails', label: 'Guardrails', path: ['guardrails'] },
  { id: 'audit', label: 'Audit trail', path: ['audit'] },
  { id: 'tasks', label: 'Follow-ups', path: ['tasks'] },
] as const;

export type FlowTab = (typeof TABS)[number]['id'];

export function FlowTabs({ current, navigate }: { current: FlowTab; navigate: Navigate }) {
  return (
    <AreaTabs area="flows" tabs={TABS} current={current} label="Flows pages" testIdPrefix="flow-tab-" navigate={navigate} />
  );
}

/** What every page of the Flows area opens with: the area's heading, what this page is for, and the tabs. */
export function FlowsHeader({ current, navigate, children }: { current: FlowTab; navigate: Navigate; children: ReactNode }) {
  return (
    <>
      <header className="page__header">
        <div className="page__title-row">
          <h1>Flows</h1>
        </div>
        <p className="page__lede">{children}</p>
      </header>
      <FlowTabs current={current} navigate={navigate} />
    </>
  );
}
