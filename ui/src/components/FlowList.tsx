// The flows that exist, read from the core: name (a link to the flow's page), what it does, where
// it stands (draft, dry run, live N%, paused, stopped), its steps, the share held back to measure
// it, and its version.

import { useEffect, useState } from 'react';
import { flowsList, toApiError } from '../api';
import type { ApiError, FlowSummary } from '../api';
import { hashFor } from '../areas';
import { badgeClass } from '../customerWords';
import { flowStatusWords } from '../flowWords';
import { ErrorState, LoadingState } from './States';

export interface FlowListProps {
  /** Opens a flow's page; without it the names are plain links to `#/flows/<slug>`. */
  onOpen?: (slug: string) => void;
  /** Changes when the flows may have changed (after running them): the list is read again. */
  version?: number;
}

export function FlowList({ onOpen, version = 0 }: FlowListProps) {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    flowsList()
      .then((f) => live && setFlows(f))
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [attempt, version]);

  return (
    <section className="card card--stack" aria-labelledby="flows-title" data-testid="flow-list">
      <h2 id="flows-title" className="card__title">
        Your flows
      </h2>
      {error ? (
        <ErrorState title="The flows could not be read" error={error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : flows === null ? (
        <LoadingState title="Reading your flows…" />
      ) : flows.length === 0 ? (
        <p className="muted" data-testid="flow-list-empty">
          No flows yet. Import one with <span className="mono">storeloop flows import FILE</span>.
        </p>
      ) : (
        <div className="table-wrap flow-list">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Flow</th>
                <th scope="col">Status</th>
                <th scope="col" className="right">
                  Steps
                </th>
                <th scope="col" className="right">
                  Held back
                </th>
                <th scope="col" className="right">
                  Version
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => {
                const w = flowStatusWords(f);
                return (
                  <tr key={f.slug} data-testid="flow-row" data-slug={f.slug} data-status={f.status}>
                    <th scope="row">
                      <a
                        className="flow-list__name"
                        href={hashFor('flows', f.slug)}
                        onClick={
                          onOpen
                            ? (e) => {
                                e.preventDefault();
                                onOpen(f.slug);
                              }
                            : undefined
                        }
                        data-testid="flow-link"
                      >
                        {f.name}
                      </a>
                      <div className="subtle">{f.description}</div>
                    </th>
                    <td>
                      <span className={badgeClass(w.tone)} title={w.explain || undefined} data-testid="flow-status">
                        {w.label}
                      </span>
                    </td>
                    <td className="right">{f.steps}</td>
                    <td className="right" title="Customers held back on purpose, so you can see what the flow adds">
                      {f.holdout_percent}%
                    </td>
                    <td className="right">{f.version}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
