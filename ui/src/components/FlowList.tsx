// The flows that exist, read from the core: name, what it does, status and version. Nothing here
// runs them yet; the list says so.

import { useEffect, useState } from 'react';
import { flowsList, toApiError } from '../api';
import type { ApiError, FlowSummary } from '../api';
import { ErrorState, LoadingState } from './States';

const STATUS_WORDS: Record<string, string> = {
  draft: 'Draft — not running',
  dry_run: 'Dry run',
  live: 'Live',
  paused: 'Paused',
  killed: 'Stopped',
};

export function FlowList() {
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
  }, [attempt]);

  return (
    <section className="card" aria-labelledby="flows-title" data-testid="flow-list">
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
        <div className="table-wrap">
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
              {flows.map((f) => (
                <tr key={f.slug} data-testid="flow-row">
                  <th scope="row">
                    <div>{f.name}</div>
                    <div className="subtle">{f.description}</div>
                  </th>
                  <td>
                    <span className="badge">{STATUS_WORDS[f.status] ?? f.status}</span>
                  </td>
                  <td className="right">{f.steps}</td>
                  <td className="right">{f.holdout_percent}%</td>
                  <td className="right">{f.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
