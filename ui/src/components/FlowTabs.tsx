// The pages of the Flows area — the flows, the guardrails they all follow, the audit trail of
// every decision, and follow-ups for a person — as tabs under the area's heading. They are links,
// so each page has its own address.

import { hashFor } from '../areas';
import type { Navigate } from '../useHashRoute';

const TABS = [
  { id: 'list', label: 'Flows', path: [] as string[] },
  { id: 'guardrails', label: 'Guardrails', path: ['guardrails'] },
  { id: 'audit', label: 'Audit trail', path: ['audit'] },
  { id: 'tasks', label: 'Follow-ups', path: ['tasks'] },
] as const;

export type FlowTab = (typeof TABS)[number]['id'];

export function FlowTabs({ current, navigate }: { current: FlowTab; navigate: Navigate }) {
  return (
    <nav className="tabs" aria-label="Flows pages">
      {TABS.map((t) => (
        <a
          key={t.id}
          className="tabs__tab"
          href={hashFor('flows', ...t.path)}
          aria-current={t.id === current ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate('flows', ...t.path);
          }}
          data-testid={`flow-tab-${t.id}`}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
