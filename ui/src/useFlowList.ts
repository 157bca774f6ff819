// The flows the core holds, for pages that name them (the audit trail, follow-ups): empty until
// read, and kept as they are when a read fails — a flow's name is a nicety, and its slug stands in.

import { useEffect, useState } from 'react';
import type { DependencyList } from 'react';
import { flowsList } from './api';
import type { FlowSummary } from './api';

export interface FlowList {
  flows: FlowSummary[];
  /** Whether `slug` is one of the flows read. */
  has: (slug: string) => boolean;
  /** The flow's name, or its slug when it is not one of the flows read. */
  name: (slug: string) => string;
}

/** Reads the flows when the page opens and whenever one of `deps` changes. */
export function useFlowList(deps: DependencyList): FlowList {
  const [flows, setFlows] = useState<FlowSummary[]>([]);

  useEffect(() => {
    let live = true;
    flowsList()
      .then((f) => live && setFlows(f ?? []))
      .catch(() => {
        // Nothing depends on the names: slugs stand in.
      });
    return () => {
      live = false;
    };
  }, deps);

  const names = new Map(flows.map((f) => [f.slug, f.name]));
  return { flows, has: (slug) => names.has(slug), name: (slug) => names.get(slug) ?? slug };
}
