// Follow-ups (#/flows/tasks): what a flow handed to a person — a customer whose marketing paused
// because of an open support ticket, a flow's "task" step — with a Done button each. Open ones
// first, oldest first, so nothing waits longest by accident; done ones below.

import { useState } from 'react';
import { completeTask, tasksList, toApiError } from '../api';
import type { ApiError, StoreInfo, TaskView } from '../api';
import { hashFor } from '../areas';
import { defaultLocale, formatCount, formatDateTime, formatRelative } from '../format';
import { useFlowList } from '../useFlowList';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { FlowsHeader } from '../components/FlowTabs';
import { EmptyState, ErrorState, LoadingState } from '../components/States';

export interface TasksPageProps {
  store: StoreInfo;
  navigate: Navigate;
}

export function TasksPage({ store, navigate }: TasksPageProps) {
  const { load, retry, attempt, update } = useLoad(() => tasksList().then((tasks) => tasks ?? []), [store]);
  const flows = useFlowList([store, attempt]);
  const [busy, setBusy] = useState<number | null>(null);
  const [failed, setFailed] = useState<{ id: number; error: ApiError } | null>(null);
  const locale = defaultLocale();
  const now = Date.now();

  const done = async (task: TaskView) => {
    setBusy(task.id);
    setFailed(null);
    try {
      const updated = await completeTask(task.id);
      update((tasks) => tasks.map((t) => (t.id === updated.id ? updated : t)));
    } catch (e) {
      setFailed({ id: task.id, error: toApiError(e) });
    } finally {
      setBusy(null);
    }
  };

  const tasks = load.state === 'ready' ? load.value : [];
  const open = tasks.filter((t) => t.done_at === null).sort((a, b) => time(a.created_at) - time(b.created_at) || a.id - b.id);
  const closed = tasks.filter((t) => t.done_at !== null).sort((a, b) => time(b.done_at) - time(a.done_at) || b.id - a.id);

  const row = (t: TaskView) => (
    <li key={t.id} className={`task${t.done_at ? ' is-done' : ''}`} data-testid="task" data-id={t.id} data-done={t.done_at ? 'true' : 'false'}>
      <div className="task__main">
        <p className="task__text">{t.text}</p>
        <p className="task__meta muted small">
          <a
            href={hashFor('customers', String(t.customer_id))}
            onClick={(e) => {
              e.preventDefault();
              navigate('customers', String(t.customer_id));
            }}
          >
            {t.customer}
          </a>
          {t.flow ? ` · from “${flows.name(t.flow)}”` : ''} ·{' '}
          <time dateTime={t.created_at} title={formatDateTime(t.created_at, store.timezone, locale)}>
            {formatRelative(t.created_at, now, locale)}
          </time>
          {t.done_at ? (
            <>
              {' '}
              · done{' '}
              <time dateTime={t.done_at} title={formatDateTime(t.done_at, store.timezone, locale)}>
                {formatRelative(t.done_at, now, locale)}
              </time>
            </>
          ) : null}
        </p>
        {failed?.id === t.id ? (
          <pre className="message-box" role="alert" data-testid="task-error">
            {failed.error.message}
          </pre>
        ) : null}
      </div>
      {t.done_at === null ? (
        <button
          type="button"
          className="btn"
          onClick={() => void done(t)}
          disabled={busy !== null}
          aria-label={`Done: ${t.text} (${t.customer})`}
          data-testid="task-done"
        >
          {busy === t.id ? 'Saving…' : 'Done'}
        </button>
      ) : (
        <span className="badge badge--success">Done</span>
      )}
    </li>
  );

  return (
    <div className="page" data-testid="tasks">
      <FlowsHeader current="tasks" navigate={navigate}>
        Follow-ups are things a flow hands to you instead of sending an email — a customer with an open support
        ticket, say. Mark each one done when you have dealt with it.
      </FlowsHeader>

      {load.state === 'loading' ? <LoadingState title="Reading your follow-ups…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The follow-ups could not be read" error={load.error} onRetry={retry} />
      ) : null}

      {load.state === 'ready' ? (
        <section className="card card--stack" aria-labelledby="tasks-open-title">
          <div className="card__head">
            <h2 id="tasks-open-title" className="card__title">
              Waiting for you
            </h2>
            <span className="card__meta num" data-testid="tasks-count">
              {open.length === 0 ? 'Nothing open' : `${formatCount(open.length, locale)} open`}
            </span>
          </div>
          {open.length === 0 ? (
            <EmptyState title="Nothing to follow up">
              <p data-testid="tasks-empty">
                When a flow needs a person — say a customer opened a support ticket while a flow was emailing them — it
                appears here.
              </p>
            </EmptyState>
          ) : (
            <ul className="tasks" data-testid="tasks-open">
              {open.map(row)}
            </ul>
          )}
        </section>
      ) : null}

      {closed.length > 0 ? (
        <section className="card card--stack" aria-labelledby="tasks-done-title">
          <h2 id="tasks-done-title" className="card__title">
            Done
          </h2>
          <ul className="tasks" data-testid="tasks-done">
            {closed.map(row)}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function time(iso: string | null): number {
  const t = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}
