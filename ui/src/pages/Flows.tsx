// The Flows area: the list of flows (with a new flow and a button to run them once now), and the
// pages under it — one flow (#/flows/<slug>), its editor (#/flows/<slug>/edit), the guardrails,
// the audit trail and follow-ups.

import { useState } from 'react';
import { runFlows, schedulerStatus } from '../api';
import type { StoreInfo, TickReport } from '../api';
import { defaultLocale, formatCount, formatRelative } from '../format';
import { useKillSwitch } from '../killSwitch';
import { useAction } from '../useAction';
import { useLoad } from '../useLoad';
import type { Navigate } from '../useHashRoute';
import { FlowList } from '../components/FlowList';
import { FlowsHeader } from '../components/FlowTabs';
import { NewFlow } from '../components/NewFlow';
import { FlowAuditPage } from './FlowAudit';
import { FlowEditorPage } from './FlowEditor';
import { FlowPage } from './FlowPage';
import { GuardrailsPage } from './Guardrails';
import { TasksPage } from './Tasks';

/** Names under #/flows/ that are pages, not flows. */
export const FLOW_PAGES = ['guardrails', 'audit', 'tasks'] as const;

export interface FlowsAreaProps {
  store: StoreInfo;
  /** The route's path inside the area: [] for the list, [slug] for a flow, [slug, 'edit'] for its editor, or a page name. */
  path: string[];
  navigate: Navigate;
}

export function FlowsArea({ store, path, navigate }: FlowsAreaProps) {
  const [first, second] = path;
  if (first === 'guardrails') return <GuardrailsPage store={store} navigate={navigate} />;
  if (first === 'audit') return <FlowAuditPage key={second ?? ''} store={store} navigate={navigate} initialFlow={second} />;
  if (first === 'tasks') return <TasksPage store={store} navigate={navigate} />;
  if (first !== undefined && second === 'edit') {
    return <FlowEditorPage key={first} slug={first} store={store} navigate={navigate} />;
  }
  if (first !== undefined) return <FlowPage key={first} slug={first} store={store} navigate={navigate} />;
  return <FlowsOverview navigate={navigate} />;
}

function FlowsOverview({ navigate }: { navigate: Navigate }) {
  // Running the flows can pause one (a safety stop): the list is read again after each run.
  const [runs, setRuns] = useState(0);
  return (
    <div className="page" data-testid="flows">
      <FlowsHeader current="list" navigate={navigate}>
        Emails that go out by themselves when customers do something — leave a cart, place a first order, go quiet.
        Each one gets a dry run before it goes live, starts with a small share of customers, and can be stopped at
        any time.
      </FlowsHeader>
      <NewFlow navigate={navigate} />
      <FlowList onOpen={(slug) => navigate('flows', slug)} version={runs} />
      <RunNow onRan={() => setRuns((n) => n + 1)} />
    </div>
  );
}

/** Runs the flows once now (the scheduler does every minute) and says what it did. */
function RunNow({ onRan }: { onRan: () => void }) {
  const action = useAction();
  const running = action.running !== null;
  const error = action.error;
  const [report, setReport] = useState<TickReport | null>(null);
  const kill = useKillSwitch();
  const locale = defaultLocale();
  // The automatic runs: when the last one was, and whether one failed since.
  const status = useLoad(() => schedulerStatus(), [report]);
  const auto = status.load.state === 'ready' ? status.load.value : null;

  const run = () =>
    action.run(async () => {
      try {
        setReport(await runFlows());
        onRan();
      } finally {
        kill.refresh();
      }
    });

  return (
    <section className="card card--stack" aria-labelledby="run-now-title" data-testid="run-flows">
      <div className="action-bar">
        <div>
          <h2 id="run-now-title" className="card__title">
            Run the flows now
          </h2>
          <p className="muted small">
            Flows run by themselves every minute while Storeloop is open. Run them now to take at once every step that
            is due: new customers enter, waits that are over move on, and emails that pass the guardrails are queued.
          </p>
        </div>
        <button type="button" className="btn" onClick={() => void run()} disabled={running} data-testid="run-flows-run">
          {running ? 'Running…' : 'Run now'}
        </button>
      </div>
      {auto?.failure ? (
        <div className="banner banner--warning" role="alert" data-testid="run-flows-failure">
          <p className="banner__title">
            The last automatic run failed {formatRelative(auto.failure.at, Date.now(), locale)}
          </p>
          <p>{auto.failure.message}</p>
          <p className="small">Nothing was sent by that run. Fix what it says, then Run now to check.</p>
        </div>
      ) : null}
      {!report && auto?.last_tick ? (
        <p className="muted small" data-testid="run-flows-last">
          Last run {formatRelative(auto.last_tick.at, Date.now(), locale)}:{' '}
          {formatCount(auto.last_tick.entered, locale)} entered · {formatCount(auto.last_tick.queued, locale)} emails
          queued · {formatCount(auto.last_tick.held, locale)} held.
        </p>
      ) : null}
      {error ? (
        <pre className="message-box" role="alert" data-testid="run-flows-error">
          {error.message}
        </pre>
      ) : null}
      {report ? (
        <div role="status" data-testid="run-flows-report">
          <p>
            <strong>Ran {formatRelative(report.at, Date.now(), locale)}:</strong>{' '}
            {[
              `${formatCount(report.entered, locale)} entered`,
              `${formatCount(report.steps, locale)} steps taken`,
              `${formatCount(report.queued, locale)} emails queued`,
              `${formatCount(report.held, locale)} held`,
              `${formatCount(report.exited, locale)} left a flow`,
            ].join(' · ')}
          </p>
          {report.paused.length > 0 ? (
            <div className="banner banner--warning" data-testid="run-flows-paused">
              <p className="banner__title">Paused by a safety stop</p>
              <ul>
                {report.paused.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
